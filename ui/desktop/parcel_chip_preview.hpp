// SPDX-License-Identifier: GPL-3.0-or-later
// Small image chips of a parcel for the identify panel: the two latest aerial-photo years.
#pragma once

#include "riskmap/gis/sqlite_db.hpp"
#include "riskmap/gis/wkb.hpp"

#include <QByteArray>

#include <vector>

namespace riskmap::desktop {

/// One year's chip, ready for HTML.
struct ChipPreview {
    int year = 0;
    bool covered = false;  ///< false: the photo does not reach the parcel (no image)
    QByteArray png;        ///< the chip (outline in magenta) as PNG; empty when not covered
};

/// The chips (gis::writeImageChip, `size` pixels) of `outline` from the `years` latest
/// registered luchtfoto years, newest first. Empty without photos; a photo that cannot be
/// read is left out.
std::vector<ChipPreview> latestChipPreviews(gis::SpatialiteDb& db, const gis::Wkb& outline, int years = 2, int size = 192);

}  // namespace riskmap::desktop
