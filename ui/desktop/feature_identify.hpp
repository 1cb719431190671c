// SPDX-License-Identifier: GPL-3.0-or-later
// Identify: the features of the visible layers under a map position, with their attributes.
#pragma once

#include "parcel_chip_preview.hpp"
#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/gis/sqlite_db.hpp"
#include "riskmap/render/wkb_geometry.hpp"

#include <QPointF>
#include <QString>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace riskmap::desktop {

struct IdentifyResult {
    std::string layer;
    std::int64_t fid = 0;
    std::vector<std::pair<QString, QString>> attributes;  ///< column, value as text
    QRectF bounds;                                        ///< world box of the geometry
    /// risico_percelen only: chips of the two latest aerial-photo years, newest first.
    std::vector<ChipPreview> chips;
};

/// True when `world` lies in the polygon (odd-even over all rings) or within `tolerance`
/// metres of any vertex chain or point of the geometry.
bool hitTest(const render::Geometry& geometry, QPointF world, double tolerance);

/// The features of `layers` (searched in the given order) under `world`, at most
/// `limit`, read through the R*Tree around the position. Missing layers are skipped.
/// A risk-map parcel (risico_percelen) gets its latest chips (latestChipPreviews).
std::vector<IdentifyResult> identifyFeatures(gis::SpatialiteDb& db, const std::vector<std::string>& layers, QPointF world,
                                             double tolerance, int limit = 20);

/// A field value as display text ("" for NULL).
QString fieldText(const gis::FieldValue& value);

}  // namespace riskmap::desktop
