// SPDX-License-Identifier: GPL-3.0-or-later
// A small hand-placed workspace for the engine tests, plus seeded random features for the SQL oracle.
#pragma once

#include "riskmap/gis/workspace.hpp"

#include <string>
#include <vector>

namespace riskmap::test {

/// WKT → ISO WKB (2D) through GEOS.
std::vector<unsigned char> wkbFromWkt(const std::string& wkt);

/// Origin of the hand-placed layout (RD New metres).
constexpr double X0 = 150000, Y0 = 450000;

/// Creates the workspace `path` with parcels A, B, C (see engine_fixture.cpp for the layout and
/// the hand-computed values) and, with `randomExtra`, seeded random parcels and points around them.
void buildEngineWorkspace(const std::string& path, bool randomExtra);

}  // namespace riskmap::test
