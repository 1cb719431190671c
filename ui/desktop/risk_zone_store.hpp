// SPDX-License-Identifier: GPL-3.0-or-later
// Saving analyst-drawn risk zones (layer risicozones), keeping earlier versions in risicozones_historie.
#pragma once

#include "riskmap/gis/geometry_validation.hpp"
#include "riskmap/gis/workspace.hpp"

#include <QPointF>

#include <cstdint>

#include <optional>
#include <string>
#include <vector>

namespace riskmap::desktop {

struct ZoneAttributes {
    std::string naam;
    std::string toelichting;
    std::string status = "concept";       ///< concept | actief | afgesloten
    std::string classificatie = "intern";  ///< openbaar | intern | vertrouwelijk | politiegegevens
    std::string herzienVoor;              ///< ISO date or empty
    bool operator==(const ZoneAttributes&) const = default;
};

/// The closed polygon WKB of a ring of world vertices (first vertex repeated at the end).
std::vector<unsigned char> ringToPolygonWkb(const std::vector<QPointF>& ring);

/// Validates a drawn ring with GEOS (at least 3 vertices, simple, with area).
gis::ValidationResult validateZone(const std::vector<QPointF>& ring);

/// One zone as stored now: its ring (open, without the closing vertex), attributes, version.
struct StoredZone {
    std::string zoneId;
    std::vector<QPointF> ring;
    ZoneAttributes attributes;
    std::int64_t versie = 0;
};

/// The current version of a zone; nullopt when unknown or deleted. Works on a read-only connection.
std::optional<StoredZone> loadZone(gis::Workspace& workspace, const std::string& zoneId);
/// The smallest zone within `tolerance` metres of `world` (inside counts as 0), or empty.
std::string zoneAt(gis::Workspace& workspace, QPointF world, double tolerance);

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
    /// Deletes a zone softly: its current row goes to risicozones_historie (every earlier
    /// version stays there) and leaves the map. Throws InputError for an unknown zone.
    void remove(const std::string& zoneId);
    /// Brings a deleted zone back under its own zone_id as a new version (the undo of remove()).
    /// Throws InputError when the zone still exists or has no history.
    void reinstate(const std::string& zoneId, const std::vector<QPointF>& ring, const ZoneAttributes& attributes);
    /// Stored versions of a zone: the history rows plus the current row (if not deleted).
    std::int64_t versionCount(const std::string& zoneId);

private:
    void copyToHistory(const std::string& zoneId, const std::string& now);
    gis::Workspace& m_ws;
};

}  // namespace riskmap::desktop
