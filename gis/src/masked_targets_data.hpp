// SPDX-License-Identifier: GPL-3.0-or-later
// The inside of MaskedTargets (private to gis).
#pragma once

#include "feature_set_data.hpp"

#include <cstddef>

namespace riskmap::gis::detail {

struct MaskedTargetsData {
    /// Envelopes of the indexed features; an entry's second is the feature's index in the set.
    BoxTree tree;
};

}  // namespace riskmap::gis::detail
