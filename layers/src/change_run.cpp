// SPDX-License-Identifier: GPL-3.0-or-later
// Change run: photos by year from rk_rasters, change polygons against panden, parcel shares by zonal statistics.
#include "riskmap/layers/change_run.hpp"
#include "riskmap/layers/change_review.hpp"
#include "riskmap/core/dates.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/change_detection.hpp"
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/gis/spatial_query.hpp"
#include "riskmap/gis/zonal_stats.hpp"

#include <chrono>
#include <ctime>
#include <map>

namespace riskmap::layers {
ChangeRunReport runChangeDetection(gis::Workspace& ws, const ChangeRunOptions& options, core::Feedback& feedback)
{
    const auto started = std::chrono::steady_clock::now();
    gis::SpatialiteDb& db = ws.db();
    std::map<int, std::string> byYear;
    if (db.tableExists("rk_rasters"))
        for (const auto& r : gis::loadRasters(db, "luchtfoto"))
            if (r.year && !byYear.count(*r.year)) byYear[*r.year] = r.info.path;
    std::string years;
    for (const auto& [y, p] : byYear) years += (years.empty() ? "" : ", ") + std::to_string(y);
    if (byYear.size() < 2 && (!options.fromYear || !options.toYear))
        throw UsageError("veranderingen: er zijn geen twee luchtfotojaren geregistreerd (wel: " +
                         (years.empty() ? std::string("geen") : years) + ")");
    ChangeRunReport report;
    report.toYear = options.toYear.value_or(std::prev(byYear.end())->first);
    report.fromYear = options.fromYear.value_or(std::prev(byYear.end(), 2)->first);
    for (int y : {report.fromYear, report.toYear})
        if (!byYear.count(y))
            throw UsageError("veranderingen: geen luchtfoto van " + std::to_string(y) + " geregistreerd (wel: " + years + ")");
    if (report.fromYear >= report.toYear) throw UsageError("veranderingen: --from moet vóór --to liggen");

    report.maskPath = ws.path() + ".cache/verandering_" + std::to_string(report.fromYear) + "_" +
                      std::to_string(report.toYear) + ".tif";
    const auto change = gis::detectChange(byYear[report.fromYear], byYear[report.toYear], report.maskPath,
                                          options.minArea, &feedback);
    report.pixels = change.pixels;
    report.changedPixels = change.changedPixels;
    report.changePolygons = change.polygons.size();

    // Change polygons as a feature set, to query parcels and panden with the engine's spatial code.
    std::vector<gis::FeatureRow> rows;
    for (std::size_t i = 0; i < change.polygons.size(); ++i)
        rows.push_back({static_cast<std::int64_t>(i + 1), {gis::FieldValue{static_cast<std::int64_t>(i)}},
                        change.polygons[i].geometry});
    const auto changes = gis::FeatureSet::fromRows({"i"}, std::move(rows), true);
    feedback.beginStage("percelen en panden inlezen");
    const bool hasParcels = db.tableExists("percelen");
    std::optional<gis::FeatureSet> parcels;
    if (hasParcels) parcels = gis::FeatureSet::load(db, "percelen", {"perceel_id"}, true);
    std::optional<gis::PolygonUnion> panden;
    if (db.tableExists("panden")) panden.emplace(gis::FeatureSet::load(db, "panden", {"pand_id"}));

    gis::Transaction tx(db);
    const std::string now = core::nowIsoUtc();
    std::vector<gis::ColumnDef> columns{{"perceel_id", "TEXT"}, {"oppervlakte", "REAL"}, {"jaar_van", "INTEGER"},
                                        {"jaar_tot", "INTEGER"}, {"beoordeling", "TEXT"},
                                        {"beoordeeld_door", "TEXT"}, {"beoordeeld_op", "TEXT"},
                                        {"toelichting", "TEXT"}};
    ws.createLayerTable("onbekende_bebouwing", columns, "POLYGON");
    {
        gis::LayerWriter writer(db, "onbekende_bebouwing",
                                {"perceel_id", "oppervlakte", "jaar_van", "jaar_tot", "beoordeling"}, true);
        gis::SpatialQuery q;
        for (std::size_t i = 0; i < changes.size(); ++i) {
            feedback.checkCancelled();
            if (!q.setSubject(changes, i)) continue;
            const double area = q.subjectArea();
            if (panden && area > 0 && q.intersectionArea(*panden) / area >= options.pandShare) continue;
            gis::FieldValue parcelId;
            if (parcels) {
                const auto hits = q.containingSubjectPointOnSurface(*parcels);
                if (!hits.empty()) parcelId = parcels->value(hits.front(), 0);
            }
            writer.insert({parcelId, area, static_cast<std::int64_t>(report.fromYear),
                           static_cast<std::int64_t>(report.toYear), std::string("open")},
                          changes.wkb(i));
        }
        report.unknownBuildings = static_cast<std::size_t>(writer.rowsWritten());
    }
    ws.ensureSpatialIndex("onbekende_bebouwing");
    // Reviews live in their own table: the rerun's polygons take them over by overlap.
    report.reviewsCarried = static_cast<std::size_t>(carryChangeReviews(db));
    gis::LayerRecord rec;
    rec.name = "onbekende_bebouwing";
    rec.kind = "output";
    rec.geometryType = "POLYGON";
    rec.classification = "intern";
    rec.legalBasis = "Afgeleid uit luchtfoto's " + std::to_string(report.fromYear) + " en " +
                     std::to_string(report.toYear) + " en BAG-panden (te beoordelen)";
    rec.featureCount = static_cast<std::int64_t>(report.unknownBuildings);
    rec.updatedAt = now;
    ws.registerLayer(rec);

    if (parcels) {
        gis::ZonalOptions zo;
        zo.classMin = 1;
        zo.classMax = 1;
        const auto stats = gis::zonalStatistics(report.maskPath, gis::zoneRingsOf(*parcels), zo, &feedback);
        std::string geometryType = "MULTIPOLYGON";
        if (auto r = ws.layer("percelen"); r && !r->geometryType.empty()) geometryType = r->geometryType;
        ws.createLayerTable("percelen_verandering",
                            {{"perceel_id", "TEXT"}, {"jaar_van", "INTEGER"}, {"jaar_tot", "INTEGER"},
                             {"aandeel_veranderd", "REAL"}},
                            geometryType);
        gis::LayerWriter writer(db, "percelen_verandering", {"perceel_id", "jaar_van", "jaar_tot", "aandeel_veranderd"},
                                true);
        for (std::size_t i = 0; i < parcels->size(); ++i) {
            const auto share = stats[i].classShare();
            writer.insert({parcels->value(i, 0), static_cast<std::int64_t>(report.fromYear),
                           static_cast<std::int64_t>(report.toYear),
                           share ? gis::FieldValue{*share} : gis::FieldValue{}},
                          parcels->wkb(i));
        }
        ws.ensureSpatialIndex("percelen_verandering");
        gis::LayerRecord pr = rec;
        pr.name = "percelen_verandering";
        pr.geometryType = geometryType;
        pr.featureCount = static_cast<std::int64_t>(parcels->size());
        pr.legalBasis = "Aandeel pixels van begroeid/kaal naar bebouwd/verhard tussen luchtfoto's " +
                        std::to_string(report.fromYear) + " en " + std::to_string(report.toYear);
        ws.registerLayer(pr);
    }
    tx.commit();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace riskmap::layers
