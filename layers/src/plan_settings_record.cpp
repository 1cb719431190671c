// SPDX-License-Identifier: GPL-3.0-or-later
// The settings a stored year plan was made with, kept beside its layers so they can be shown and repeated.
#include "riskmap/layers/plan_settings_record.hpp"

namespace riskmap::layers {

void writePlanSettings(gis::SpatialiteDb& db, const StoredPlanSettings& s)
{
    db.exec(R"SQL(
CREATE TABLE IF NOT EXISTS rk_plan_settings (
  jaar INTEGER PRIMARY KEY,
  controles INTEGER NOT NULL,
  adressen_per_controle INTEGER NOT NULL,
  steekproef_aandeel REAL NOT NULL,
  seed TEXT NOT NULL,
  gemaakt_op TEXT NOT NULL,
  gemaakt_door TEXT NOT NULL
);
)SQL");
    // The seed is text: an unsigned 64-bit value does not fit SQLite's signed integer.
    auto st = db.prepare("INSERT OR REPLACE INTO rk_plan_settings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bind(1, static_cast<std::int64_t>(s.year))
        .bind(2, static_cast<std::int64_t>(s.controls))
        .bind(3, static_cast<std::int64_t>(s.addressesPerControl))
        .bind(4, s.randomShare)
        .bind(5, std::to_string(s.seed))
        .bind(6, s.madeAt)
        .bind(7, s.madeBy);
    st.run();
}

std::optional<StoredPlanSettings> readPlanSettings(gis::SpatialiteDb& db, int year)
{
    if (!db.tableExists("rk_plan_settings")) return std::nullopt;
    auto st = db.prepare("SELECT controles, adressen_per_controle, steekproef_aandeel, seed, gemaakt_op, gemaakt_door "
                         "FROM rk_plan_settings WHERE jaar = ?1");
    st.bind(1, static_cast<std::int64_t>(year));
    if (!st.step()) return std::nullopt;
    StoredPlanSettings s;
    s.year = year;
    s.controls = static_cast<int>(st.columnInt(0));
    s.addressesPerControl = static_cast<int>(st.columnInt(1));
    s.randomShare = st.columnDouble(2);
    s.seed = std::stoull(st.columnText(3));
    s.madeAt = st.columnText(4);
    s.madeBy = st.columnText(5);
    return s;
}

}  // namespace riskmap::layers
