// SPDX-License-Identifier: GPL-3.0-or-later
// Checking a drawn geometry with GEOS and saying what is wrong and where (for the zone editor).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace riskmap::gis {

struct ValidationResult {
    bool valid = true;
    std::string reason;           ///< Dutch, empty when valid
    std::optional<double> x, y;   ///< where the problem is (RD metres), when GEOS knows
};

/// Validates WKB (e.g. a drawn polygon) with GEOSisValidDetail; also refuses empty and
/// zero-area polygons. Throws InputError when the WKB cannot be read.
ValidationResult validateGeometry(const std::vector<unsigned char>& wkb);

}  // namespace riskmap::gis
