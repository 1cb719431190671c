// SPDX-License-Identifier: GPL-3.0-or-later
// Reviews of change polygons: stored with their polygon, matched to a rerun's polygons by overlap.
#include "riskmap/layers/change_review.hpp"

#include "riskmap/core/dates.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/audit_log.hpp"

#include <map>
#include <tuple>
#include <utility>
#include <vector>

namespace riskmap::layers {
namespace {

constexpr const char* kLayer = "onbekende_bebouwing";

}  // namespace

void ensureChangeReviewTable(gis::SpatialiteDb& db)
{
    db.exec(R"SQL(
CREATE TABLE IF NOT EXISTS rk_change_reviews (
  id INTEGER PRIMARY KEY,
  jaar_van INTEGER NOT NULL,
  jaar_tot INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open','bevestigd','afgewezen')),
  beoordeeld_door TEXT NOT NULL,
  beoordeeld_op TEXT NOT NULL,
  toelichting TEXT,
  geom BLOB NOT NULL
);
)SQL");
}

ChangeReview reviewChange(gis::Workspace& ws, std::int64_t fid, const std::string& status, const std::string& remark,
                          const std::string& reviewer)
{
    if (status != kReviewConfirmed && status != kReviewDismissed && status != kReviewOpen)
        throw UsageError("beoordeling '" + status + "': kies bevestigd, afgewezen of open");
    gis::SpatialiteDb& db = ws.db();
    if (!db.tableExists(kLayer))
        throw InputError("laag onbekende_bebouwing bestaat niet: draai eerst 'riskmap change'");
    ensureChangeReviewTable(db);
    ChangeReview review{fid, status, reviewer, core::nowIsoUtc(), remark};
    gis::Transaction tx(db);
    // A layer from before reviews were kept lacks their columns.
    for (const char* column : {"beoordeeld_door", "beoordeeld_op", "toelichting"}) {
        auto has = db.prepare("SELECT 1 FROM pragma_table_info('onbekende_bebouwing') WHERE name = ?1");
        has.bind(1, std::string(column));
        if (!has.step()) db.exec(std::string("ALTER TABLE onbekende_bebouwing ADD COLUMN ") + column + " TEXT");
    }
    auto update = db.prepare("UPDATE onbekende_bebouwing SET beoordeling = ?1, beoordeeld_door = ?2, "
                             "beoordeeld_op = ?3, toelichting = ?4 WHERE fid = ?5");
    update.bind(1, status).bind(2, reviewer).bind(3, review.reviewedAt);
    if (remark.empty()) update.bind(4, nullptr);
    else update.bind(4, remark);
    update.bind(5, fid);
    update.run();
    if (db.queryInt("SELECT changes()").value_or(0) == 0)
        throw InputError("onbekende_bebouwing: geen vlak met fid " + std::to_string(fid));
    auto insert = db.prepare("INSERT INTO rk_change_reviews (jaar_van, jaar_tot, status, beoordeeld_door, "
                             "beoordeeld_op, toelichting, geom) SELECT jaar_van, jaar_tot, beoordeling, "
                             "beoordeeld_door, beoordeeld_op, toelichting, geom FROM onbekende_bebouwing WHERE fid = ?1");
    insert.bind(1, fid);
    insert.run();
    // A verdict on a suspected unregistered building can lead to an inspection: who decided it is logged.
    gis::appendAudit(db, "review", std::string(kLayer) + " fid " + std::to_string(fid), "analist",
                     "beoordeling luchtfotowijziging",
                     "beoordeling=" + status + "; door=" + reviewer + (remark.empty() ? "" : "; toelichting=" + remark));
    tx.commit();
    return review;
}

std::int64_t carryChangeReviews(gis::SpatialiteDb& db)
{
    ensureChangeReviewTable(db);
    // Per new polygon the matching review: overlapping by at least half the smaller area; same years
    // first, then the latest. Collected first, written after, so the query never sees its own updates.
    auto match = db.prepare(R"SQL(
SELECT o.fid, r.id, (r.jaar_van = o.jaar_van AND r.jaar_tot = o.jaar_tot), r.beoordeeld_op
FROM onbekende_bebouwing o JOIN rk_change_reviews r ON MbrIntersects(r.geom, o.geom)
WHERE ST_Area(ST_Intersection(r.geom, o.geom)) >= 0.5 * MIN(ST_Area(r.geom), ST_Area(o.geom))
)SQL");
    struct Candidate { std::int64_t review; bool sameYears; std::string at; };
    std::map<std::int64_t, Candidate> best;
    while (match.step()) {
        const Candidate c{match.columnInt(1), match.columnInt(2) != 0, match.columnText(3)};
        auto [it, inserted] = best.try_emplace(match.columnInt(0), c);
        const Candidate& b = it->second;
        if (!inserted && std::tie(c.sameYears, c.at, c.review) > std::tie(b.sameYears, b.at, b.review)) it->second = c;
    }
    std::vector<std::pair<std::int64_t, std::int64_t>> pairs;
    for (const auto& [fid, c] : best) pairs.emplace_back(fid, c.review);
    auto update = db.prepare(R"SQL(
UPDATE onbekende_bebouwing SET
  beoordeling = (SELECT status FROM rk_change_reviews WHERE id = ?2),
  beoordeeld_door = (SELECT beoordeeld_door FROM rk_change_reviews WHERE id = ?2),
  beoordeeld_op = (SELECT beoordeeld_op FROM rk_change_reviews WHERE id = ?2),
  toelichting = (SELECT toelichting FROM rk_change_reviews WHERE id = ?2)
WHERE fid = ?1
)SQL");
    for (const auto& [fid, review] : pairs) {
        update.reset();
        update.bind(1, fid).bind(2, review);
        update.run();
    }
    return static_cast<std::int64_t>(pairs.size());
}

}  // namespace riskmap::layers
