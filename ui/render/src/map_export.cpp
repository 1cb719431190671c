// SPDX-License-Identifier: GPL-3.0-or-later
// The map export behind `riskmap export … --out x.pdf|png` and the desktop's Export action.
#include "riskmap/render/map_export.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/gis/sqlite_db.hpp"
#include "riskmap/layers/export_profile.hpp"

namespace riskmap::render {

MapExportResult exportMap(gis::Workspace& workspace, const std::string& workspacePath, const layers::ExportRequest& request,
                          const MapExportOptions& options)
{
    // The same profile decision as a data export: an audience that may not have the
    // layer's rows may not have them on a map either.
    const auto record = workspace.layer(request.layer);
    if (!record) throw Error("laag '" + request.layer + "' bestaat niet in " + workspacePath);
    MapExportResult result;
    result.policy = layers::decideExportPolicy(request.profile, *record, gis::layerColumns(workspace.db(), request.layer),
                                               request.control);
    if (request.profile == layers::Profile::Riec && !request.purpose)
        throw UsageError("profiel riec: geef het doel van de export (--purpose)");
    MapDocumentOptions page;
    page.paper = options.paper;
    page.orientation = options.orientation;
    page.banner = result.policy.banner;
    page.outPath = request.outPath;
    page.sources = "BRK, BAG, KvK, IBIS, incidenten; model " + std::string(RISKMAP_MODEL_VERSION);
    if (options.atlas) {
        AtlasOptions atlas;
        atlas.layer = request.layer;
        atlas.profile = request.profile;
        atlas.page = page;
        atlas.page.layers = {"studiegebied", "wegen", request.layer};
        atlas.page.title = "Atlas " + request.layer;
        result.report = writeAtlas(workspacePath, atlas);
    } else {
        page.layers = {"studiegebied", "wegen", request.layer};
        page.title = "Risicokaart buitengebied — " + request.layer;
        result.report = writeMapDocument(workspacePath, page);
    }
    gis::Transaction tx(workspace.db());
    result.audit = gis::appendAudit(workspace.db(), "export", request.layer + " → " + request.outPath,
                                    layers::toString(request.profile), request.purpose.value_or(layers::toString(request.profile)),
                                    std::string(options.atlas ? "atlas" : "kaart") + ", " +
                                        std::to_string(result.report.pages) + " pagina's");
    tx.commit();
    return result;
}

}  // namespace riskmap::render
