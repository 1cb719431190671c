// SPDX-License-Identifier: GPL-3.0-or-later
// Saving analyst-drawn risk zones (layer risicozones), keeping earlier versions in risicozones_historie.
#pragma once

#include "riskmap/gis/geometry_validation.hpp"
#include "riskmap/gis/workspace.hpp"

#include <QPointF>

#include <string>
#include <vector>

namespace riskmap::desktop {

struct ZoneAttributes {
    std::string naam;
    std::string toelichting;
    std::string status = "concept";       ///< concept | actief | afgesloten
    std::string classificatie = "intern";  ///< openbaar | intern | vertrouwelijk | politiegegevens
    std::string herzienVoor;              ///< ISO date or empty
};

/// The closed polygon WKB of a ring of world vertices (first vertex repeated at the end).
std::vector<unsigned char> ringToPolygonWkb(const std::vector<QPointF>& ring);

/// Validates a drawn ring with GEOS (at least 3 vertices, simple, with area).
gis::ValidationResult validateZone(const std::vector<QPointF>& ring);

class RiskZoneStore {
public:
    /// Uses a writable workspace; creates risicozones and risicozones_historie when missing.
    explicit RiskZoneStore(gis::Workspace& workspace);
    /// Validates and inserts a zone in one transaction; author from the OS user, timestamps
    /// in UTC. Returns the new zone_id. Throws InputError with the reason when invalid,
    /// UsageError for an unknown status or classification.
    std::string insert(const std::vector<QPointF>& ring, const ZoneAttributes& attributes);
    /// Replaces a zone's geometry and attributes, first copying the current row (with its
    /// version number) to risicozones_historie. Throws InputError for an unknown zone.
    void update(const std::string& zoneId, const std::vector<QPointF>& ring, const ZoneAttributes& attributes);

private:
    gis::Workspace& m_ws;
};

}  // namespace riskmap::desktop
