// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper: writes WKB byte by byte (little-endian), so tests state the exact input.
#pragma once

#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace riskmap::test {

class WkbBytes {
public:
    WkbBytes& header(std::uint32_t type)
    {
        m_b.push_back(1);
        return u32(type);
    }
    WkbBytes& u32(std::uint32_t v)
    {
        for (int i = 0; i < 4; ++i) m_b.push_back(static_cast<unsigned char>(v >> (8 * i)));
        return *this;
    }
    WkbBytes& f64(double d)
    {
        std::uint64_t v;
        std::memcpy(&v, &d, 8);
        for (int i = 0; i < 8; ++i) m_b.push_back(static_cast<unsigned char>(v >> (8 * i)));
        return *this;
    }
    WkbBytes& xy(double x, double y) { return f64(x).f64(y); }
    WkbBytes& ring(const std::vector<std::pair<double, double>>& pts)
    {
        u32(static_cast<std::uint32_t>(pts.size()));
        for (auto [x, y] : pts) xy(x, y);
        return *this;
    }
    /// A whole polygon with one outer ring: the box x0,y0–x1,y1.
    WkbBytes& boxPolygon(double x0, double y0, double x1, double y1)
    {
        return header(3).u32(1).ring({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}});
    }
    const std::vector<unsigned char>& bytes() const { return m_b; }

private:
    std::vector<unsigned char> m_b;
};

}  // namespace riskmap::test
