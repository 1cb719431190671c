// SPDX-License-Identifier: GPL-3.0-or-later
// The data of a control dossier: the planned control, its addresses in route order and their image chips.
#pragma once

#include "riskmap/gis/wkb.hpp"
#include "riskmap/gis/workspace.hpp"

#include <optional>
#include <string>
#include <vector>

namespace riskmap::layers {

/// One aerial-photo year of an address.
struct DossierChip {
    int year = 0;              ///< 0 for a photo registered without a year
    std::string path;          ///< the chip GeoTIFF (empty when none could be made)
    gis::Envelope extent;      ///< the chip's RD New extent
    int pixels = 0;            ///< its width and height in pixels
    bool covered = false;      ///< the photo covers (part of) the chip extent
    bool fromCache = false;    ///< made from the tile cache (photo unreadable)
};

/// One visited address of a control, as the analist may see it.
struct DossierAddress {
    int order = 0;                 ///< volgorde in the route, 1-based
    std::string vboId;
    std::string adres;
    std::string perceelId;         ///< empty when the address lies on no parcel
    std::optional<double> score;   ///< risico_score of the parcel
    std::optional<int> klasse;     ///< risico_klasse of the parcel (1..5)
    std::string verklaring;        ///< the parcel's explanation (Dutch)
    std::string reden;             ///< why the sample drew it
    std::string partners;          ///< partners its sector needs
    bool woning = false;           ///< a dwelling: no entry without consent or warrant
    std::string sbiCodes;          ///< active SBI codes, comma-separated
    double x = 0, y = 0;           ///< RD New
    std::vector<DossierChip> chips;  ///< most recent year first
    std::string chipNote;          ///< Dutch, why there are no chips at all (empty when there are)
};

/// One planned control with its addresses in route order.
struct ControlDossier {
    std::string controlId;
    int year = 0;
    std::string date;              ///< ISO
    std::string area;              ///< gebied
    std::string kind;              ///< soort
    std::string municipality;
    std::string partners;
    std::string motivation;
    std::optional<double> routeKm, durationMin;
    gis::Wkb target;               ///< the target polygon (WKB, RD New)
    std::string banner;            ///< classification banner of the analist profile
    std::vector<DossierAddress> addresses;  ///< in route order
};

/// The controle_id of every planned control (of `year` when given), in date order.
/// Empty when the workspace has no `controles`.
std::vector<std::string> plannedControlIds(gis::Workspace& workspace, std::optional<int> year = std::nullopt);

/// Collects the dossier of `controlId` through the analist export profile (only the columns
/// and rows that profile may have) and writes each address's chips into `chipDir` with
/// writeParcelChips (`chipSize` pixels). Throws UsageError for an unknown control and Error
/// when the profile may not have a layer the dossier needs.
ControlDossier collectControlDossier(gis::Workspace& workspace, const std::string& controlId, const std::string& chipDir,
                                     int chipSize);

}  // namespace riskmap::layers
