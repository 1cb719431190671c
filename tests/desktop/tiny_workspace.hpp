// SPDX-License-Identifier: GPL-3.0-or-later
// A tiny workspace for the desktop tests: one pand, two vestigingen with awkward names, one vbo.
#pragma once

#include <string>

namespace riskmap::test {

inline constexpr double kX0 = 150000, kY0 = 450000;

/// Writes `path`: panden (a 100 m square at kX0,kY0, pand_id 0000100000000001), vestigingen
/// (O'Brien Autohandel at kX0+50,kY0+50 with vestigingsnummer 000012345678 and postcode
/// 3941AB 12; and one named "x'; DROP TABLE vestigingen; --" at kX0+20,kY0+20), and a
/// verblijfsobject at 3941 AB 12.
void buildDesktopWorkspace(const std::string& path);

}  // namespace riskmap::test
