// SPDX-License-Identifier: GPL-3.0-or-later
// Hand-written WKB encoding (little endian), so callers need no geometry library.
#include "riskmap/gis/wkb.hpp"

#include <cstring>

namespace riskmap::gis {

namespace {

void putU8(Wkb& out, std::uint8_t v) { out.push_back(v); }

void putU32(Wkb& out, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>((v >> (8 * i)) & 0xFFu));
}

void putDouble(Wkb& out, double d)
{
    std::uint64_t bits = 0;
    std::memcpy(&bits, &d, sizeof bits);
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>((bits >> (8 * i)) & 0xFFu));
}

void putHeader(Wkb& out, std::uint32_t type)
{
    putU8(out, 1);  // NDR: little endian
    putU32(out, type);
}

void putPoints(Wkb& out, const std::vector<XY>& pts)
{
    putU32(out, static_cast<std::uint32_t>(pts.size()));
    for (const auto& p : pts) {
        putDouble(out, p.x);
        putDouble(out, p.y);
    }
}

void putPolygon(Wkb& out, const Rings& rings)
{
    putHeader(out, 3);
    putU32(out, static_cast<std::uint32_t>(rings.size()));
    for (const auto& ring : rings) {
        const bool closed = !ring.empty() && ring.front().x == ring.back().x && ring.front().y == ring.back().y;
        if (closed) {
            putPoints(out, ring);
        } else {
            auto copy = ring;
            if (!copy.empty()) copy.push_back(copy.front());
            putPoints(out, copy);
        }
    }
}

}  // namespace

Wkb pointWkb(const XY& p)
{
    Wkb out;
    putHeader(out, 1);
    putDouble(out, p.x);
    putDouble(out, p.y);
    return out;
}

Wkb lineStringWkb(const std::vector<XY>& points)
{
    Wkb out;
    putHeader(out, 2);
    putPoints(out, points);
    return out;
}

Wkb polygonWkb(const Rings& rings)
{
    Wkb out;
    putPolygon(out, rings);
    return out;
}

Wkb multiPolygonWkb(const std::vector<Rings>& polygons)
{
    Wkb out;
    putHeader(out, 6);
    putU32(out, static_cast<std::uint32_t>(polygons.size()));
    for (const auto& p : polygons) putPolygon(out, p);
    return out;
}

Wkb multiLineStringWkb(const std::vector<std::vector<XY>>& lines)
{
    Wkb out;
    putHeader(out, 5);
    putU32(out, static_cast<std::uint32_t>(lines.size()));
    for (const auto& l : lines) {
        putHeader(out, 2);
        putPoints(out, l);
    }
    return out;
}

}  // namespace riskmap::gis
