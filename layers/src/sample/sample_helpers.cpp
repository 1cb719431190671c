// SPDX-License-Identifier: GPL-3.0-or-later
// Small geometry and calendar helpers shared by the generation steps.
#include "sample_world.hpp"

#include <cmath>
#include <cstdio>

namespace riskmap::layers::sample {

std::string landUseName(LandUse use)
{
    switch (use) {
    case LandUse::Agrarisch: return "agrarisch";
    case LandUse::Bos: return "bos";
    case LandUse::Natuur: return "natuur";
    case LandUse::Wonen: return "wonen";
    case LandUse::Bedrijf: return "bedrijf";
    case LandUse::Recreatie: return "recreatie";
    case LandUse::Water: return "water";
    case LandUse::Overig: return "overig";
    }
    return "overig";
}

double distance(const XY& a, const XY& b) { return std::hypot(a.x - b.x, a.y - b.y); }

std::vector<XY> rectangleRing(const XY& c, double w, double h, double angle)
{
    const double ca = std::cos(angle);
    const double sa = std::sin(angle);
    const double hx[] = {-w / 2, w / 2, w / 2, -w / 2};
    const double hy[] = {-h / 2, -h / 2, h / 2, h / 2};
    std::vector<XY> ring;
    for (int i = 0; i < 4; ++i) {
        // Rounded to centimetres so WKT, WKB and pixels agree exactly.
        ring.push_back({std::round((c.x + hx[i] * ca - hy[i] * sa) * 100.0) / 100.0,
                        std::round((c.y + hx[i] * sa + hy[i] * ca) * 100.0) / 100.0});
    }
    ring.push_back(ring.front());
    return ring;
}

// Howard Hinnant's days-from-civil algorithm.
int dayNumber(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::string isoDate(int z)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

XY nearestOnSegment(const XY& p, const XY& a, const XY& b)
{
    const double vx = b.x - a.x;
    const double vy = b.y - a.y;
    const double len2 = vx * vx + vy * vy;
    double t = len2 > 0 ? ((p.x - a.x) * vx + (p.y - a.y) * vy) / len2 : 0.0;
    t = t < 0 ? 0 : (t > 1 ? 1 : t);
    return {a.x + t * vx, a.y + t * vy};
}

double distanceToPolyline(const XY& p, const std::vector<XY>& line)
{
    double best = 1e300;
    for (std::size_t i = 1; i < line.size(); ++i) best = std::min(best, distance(p, nearestOnSegment(p, line[i - 1], line[i])));
    return best;
}

std::string bagGemeentecode(const std::string& statcode)
{
    return statcode.size() >= 6 ? statcode.substr(2, 4) : std::string("0000");
}

const std::vector<std::string>& riskySbiCodes()
{
    static const std::vector<std::string> codes = {"4511", "4520", "4932", "4941", "5210",
                                                   "3831", "9602", "5610", "6810", "6420"};
    return codes;
}

}  // namespace riskmap::layers::sample
