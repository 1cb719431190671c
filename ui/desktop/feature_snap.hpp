// SPDX-License-Identifier: GPL-3.0-or-later
// Snapping drawn and dragged zone vertices to the corners and edges of nearby features.
#pragma once

#include "riskmap/gis/workspace.hpp"

#include <QPointF>

#include <string>

namespace riskmap::desktop {

/// The nearest vertex of percelen, risico_percelen, panden or risicozones within `tolerance`
/// metres of `world`, else the nearest point on one of their edges, else `world`. The risk zone
/// `skipZoneId` (the one being edited) is left out: its old corners must not hold a dragged one.
QPointF snapToFeatures(gis::Workspace& workspace, QPointF world, double tolerance, const std::string& skipZoneId = {});

}  // namespace riskmap::desktop
