// SPDX-License-Identifier: GPL-3.0-or-later
// A year plan as the planner panel shows it, read back from the layers controles and controle_adressen.
#pragma once

#include "riskmap/layers/plan_settings_record.hpp"

#include "riskmap/gis/sqlite_db.hpp"
#include "riskmap/render/wkb_geometry.hpp"

#include <QRectF>
#include <QString>

#include <optional>
#include <vector>

namespace riskmap::desktop {

/// One address of a control (a row of controle_adressen).
struct PlanVisit {
    std::int64_t fid = 0;
    QString vboId;
    QString address;
    QString reason;    ///< risico | steekproef
    QString partners;  ///< the partners this address needs
    double score = 0.0;
    bool dwelling = false;  ///< a home: no entry without consent or a warrant
    int order = 0;          ///< volgorde along the route
    QPointF position;       ///< RD New
};

/// One control day (a row of controles) with its addresses in visiting order.
struct PlanControl {
    std::int64_t fid = 0;
    QString id;        ///< controle_id, "<jaar>-<volgnummer>"
    int number = 0;
    QString date;      ///< ISO
    QString area;      ///< gebied
    QString kind;      ///< soort
    QString municipality;
    QString partners;
    QString motivation;  ///< why chosen, the runner-up, the sample and the partners
    QString seed;
    double risk = 0.0;   ///< the target's expected risk (the objective term)
    double routeKm = 0.0, lowerBoundKm = 0.0, minutes = 0.0;
    QRectF extent;       ///< bounding box of the target (RD New; y up as in the world)
    render::Geometry areaShape;
    std::vector<PlanVisit> visits;
    /// Sum of the visited addresses' risico_score.
    double scoreCovered() const;
    int dwellings() const;
};

struct PlanResult {
    int year = 0;
    std::vector<PlanControl> controls;  ///< in volgnummer order
    QString report;                     ///< the planner's report, when known (run here, or jaarplan_<jaar>.txt)
    QString outputDir;                  ///< `<workspace>.plan-<jaar>` (calendars, partner lists, forms)
    std::optional<layers::StoredPlanSettings> settings;  ///< what the plan was made with (none for older plans)
    bool empty() const { return controls.empty(); }
};

/// The years that have controls in the workspace, newest first (empty when there is no plan).
std::vector<int> plannedYears(gis::SpatialiteDb& db);

/// Reads the controls of `year` with their addresses from `db` (the workspace at `workspacePath`);
/// the report comes from `<workspace>.plan-<year>/jaarplan_<year>.txt` when that file exists.
PlanResult loadPlanResult(gis::SpatialiteDb& db, const QString& workspacePath, int year);

/// The output folder of a plan: `<workspace>.plan-<year>`, or `controles-<year>` beside the
/// workspace when only `riskmap run` wrote one.
QString planOutputDir(const QString& workspacePath, int year);

/// The part of the report on what each constraint costs and which higher-risk targets were passed over.
QString constraintCostsText(const QString& report);

}  // namespace riskmap::desktop
