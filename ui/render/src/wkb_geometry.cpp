// SPDX-License-Identifier: GPL-3.0-or-later
// A small WKB reader: enough of the format for the geometry the workspace stores.
#include "riskmap/render/wkb_geometry.hpp"

#include "riskmap/core/error.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

namespace riskmap::render {
namespace {

class WkbCursor {
public:
    WkbCursor(const unsigned char* data, std::size_t size) : m_data(data), m_size(size) {}

    std::uint8_t byte()
    {
        need(1);
        return m_data[m_pos++];
    }
    std::uint32_t uint32(bool little)
    {
        need(4);
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const std::uint32_t b = m_data[m_pos + (little ? i : 3 - i)];
            v |= b << (8 * i);
        }
        m_pos += 4;
        return v;
    }
    double float64(bool little)
    {
        need(8);
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) {
            const std::uint64_t b = m_data[m_pos + (little ? i : 7 - i)];
            v |= b << (8 * i);
        }
        m_pos += 8;
        return std::bit_cast<double>(v);
    }
    void skip(std::size_t n)
    {
        need(n);
        m_pos += n;
    }
    std::size_t remaining() const { return m_size - m_pos; }

private:
    void need(std::size_t n) const
    {
        if (m_size - m_pos < n) throw InputError("WKB afgebroken bij byte " + std::to_string(m_pos));
    }
    const unsigned char* m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
};

struct Header {
    bool little = true;
    unsigned type = 0;  ///< 1..7
    int extraDims = 0;  ///< Z and/or M ordinates to skip per vertex
};

Header readHeader(WkbCursor& c)
{
    Header h;
    const std::uint8_t order = c.byte();
    if (order > 1) throw InputError("WKB: onbekende bytevolgorde " + std::to_string(order));
    h.little = order == 1;
    std::uint32_t raw = c.uint32(h.little);
    // EWKB flags in the high bits; ISO adds 1000/2000/3000.
    const bool ewkbZ = raw & 0x80000000u;
    const bool ewkbM = raw & 0x40000000u;
    const bool ewkbSrid = raw & 0x20000000u;
    raw &= 0x0FFFFFFFu;
    const unsigned iso = raw / 1000;
    h.type = raw % 1000;
    if (iso > 3) throw InputError("WKB: onbekend type " + std::to_string(raw));
    h.extraDims = (iso == 1 || iso == 2) ? 1 : iso == 3 ? 2 : 0;
    h.extraDims += (ewkbZ ? 1 : 0) + (ewkbM ? 1 : 0);
    if (ewkbSrid) c.skip(4);
    if (h.type < 1 || h.type > 7) throw InputError("WKB: onbekend geometrietype " + std::to_string(raw));
    return h;
}

std::uint32_t readCount(WkbCursor& c, bool little, std::size_t minBytesEach)
{
    const std::uint32_t n = c.uint32(little);
    if (minBytesEach > 0 && n > c.remaining() / minBytesEach) throw InputError("WKB: aantal " + std::to_string(n) + " past niet in de gegevens");
    return n;
}

QPointF readVertex(WkbCursor& c, const Header& h)
{
    const double x = c.float64(h.little);
    const double y = c.float64(h.little);
    c.skip(8 * static_cast<std::size_t>(h.extraDims));
    return {x, y};
}

std::vector<QPointF> readPoints(WkbCursor& c, const Header& h)
{
    const std::uint32_t n = readCount(c, h.little, 16 + 8 * h.extraDims);
    std::vector<QPointF> pts;
    pts.reserve(n);
    for (std::uint32_t i = 0; i < n; ++i) pts.push_back(readVertex(c, h));
    return pts;
}

void setFamily(Geometry& g, GeometryFamily f)
{
    if (g.family == GeometryFamily::Empty) g.family = f;
}

void readGeometry(WkbCursor& c, Geometry& g, int depth)
{
    if (depth > 32) throw InputError("WKB: te diep geneste verzameling");
    const Header h = readHeader(c);
    switch (h.type) {
    case 1: {
        const QPointF p = readVertex(c, h);
        if (std::isnan(p.x()) || std::isnan(p.y())) return;  // POINT EMPTY
        setFamily(g, GeometryFamily::Point);
        g.parts.push_back({p});
        return;
    }
    case 2: {
        auto pts = readPoints(c, h);
        if (pts.empty()) return;
        setFamily(g, GeometryFamily::Line);
        g.parts.push_back(std::move(pts));
        return;
    }
    case 3: {
        const std::uint32_t rings = readCount(c, h.little, 4);
        for (std::uint32_t r = 0; r < rings; ++r) {
            auto pts = readPoints(c, h);
            if (pts.empty()) continue;
            setFamily(g, GeometryFamily::Polygon);
            g.parts.push_back(std::move(pts));
            g.holes.resize(g.parts.size() - 1, false);
            g.holes.push_back(r > 0);
        }
        return;
    }
    default: {  // 4..7: Multi* and GeometryCollection hold full WKB members
        const std::uint32_t n = readCount(c, h.little, 5);
        for (std::uint32_t i = 0; i < n; ++i) readGeometry(c, g, depth + 1);
        return;
    }
    }
}

}  // namespace

QRectF Geometry::bounds() const
{
    double x0 = std::numeric_limits<double>::infinity(), y0 = x0;
    double x1 = -x0, y1 = -x0;
    for (const auto& part : parts)
        for (const auto& p : part) {
            x0 = std::min(x0, p.x());
            y0 = std::min(y0, p.y());
            x1 = std::max(x1, p.x());
            y1 = std::max(y1, p.y());
        }
    if (x0 > x1) return {};
    return QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

Geometry parseWkb(const unsigned char* data, std::size_t size)
{
    Geometry g;
    if (size == 0) return g;
    WkbCursor c(data, size);
    readGeometry(c, g, 0);
    return g;
}

}  // namespace riskmap::render
