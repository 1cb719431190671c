// SPDX-License-Identifier: GPL-3.0-or-later
// Earlier integral controls and their findings: import into the workspace, read back for the planner.
#pragma once

#include "riskmap/core/dates.hpp"
#include "riskmap/gis/workspace.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace riskmap::layers {

struct HistoryImportReport {
    std::int64_t controls = 0;
    std::int64_t addresses = 0;
    std::int64_t findings = 0;
};

/// Imports the history of earlier controls, replacing `controles_historie` (area polygon;
/// controle_id, datum, gemeente, naam), `controle_adressen_historie` (point; controle_id, vbo_id,
/// reden, postcode, huisnummer, huisletter, toevoeging) and `bevindingen_historie` (no geometry;
/// controle_id, vbo_id, bezocht, categorie, toelichting, vervolg).
/// From a GeoPackage (or any GDAL file) with those three layers (in RD New; the last one is
/// optional), or from a CSV of past controls with one row per visited address and the columns
/// `controle_id;datum;gemeente;naam;vbo_id` (datum as dd-mm-jjjj or ISO; `;` or `,`), where the
/// points come from `verblijfsobjecten` and the area stays empty.
/// Throws InputError naming the file for a missing layer/column or an unreadable date.
HistoryImportReport importControlHistory(gis::Workspace& workspace, const std::string& path);

struct FindingsImportReport {
    std::int64_t rows = 0;                ///< findings stored
    std::vector<std::string> problems;    ///< rejected rows, Dutch, one line each
};

/// Stores the findings form of a control day in `bevindingen` (controle_id, vbo_id, bezocht 0/1,
/// categorie, toelichting, vervolg, ingevoerd), replacing earlier findings for the same
/// (controle_id, vbo_id). CSV columns `controle_id;vbo_id;bezocht;categorie;toelichting;vervolg`;
/// bezocht is ja/nee/1/0. A row whose address was not planned for that control (controle_adressen)
/// is rejected and listed. Throws InputError for a missing column.
FindingsImportReport importFindings(gis::Workspace& workspace, const std::string& csvPath);

/// One earlier control as the planner sees it.
struct PastControl {
    std::string id;
    core::Date date;
    std::set<std::string> vboIds;
};

/// The earlier controls: `controles_historie` with `controle_adressen_historie`, plus the planned
/// `controles` of years before `beforeYear` with their `controle_adressen`. Empty without those layers.
std::vector<PastControl> readPastControls(gis::SpatialiteDb& db, int beforeYear);

}  // namespace riskmap::layers
