// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap drop`.
#include "drop_command.hpp"

#include "riskmap/core/dates.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace riskmap::cli {

void DropCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte")->required();
    sub.add_option("LAYER", m_layer, "Te verwijderen laag")->required();
}

int DropCommand::run()
{
    auto workspace = gis::Workspace::open(m_workspace);
    const auto record = workspace.layer(m_layer);
    if (!record) throw Error("laag '" + m_layer + "' bestaat niet in " + m_workspace);
    gis::Transaction tx(workspace.db());
    workspace.dropLayerTable(m_layer);
    workspace.unregisterLayer(m_layer);
    // A raster layer's registrations go too (the source files are never touched).
    if (workspace.db().tableExists("rk_rasters")) {
        auto rasters = workspace.db().prepare("DELETE FROM rk_rasters WHERE layer = ?");
        rasters.bind(1, m_layer).run();
    }
    gis::ProvenanceRecord prov;
    prov.layer = m_layer;
    prov.action = "drop";
    prov.startedAt = prov.finishedAt = core::nowIsoUtc();
    prov.user = gis::currentUser();
    workspace.addProvenance(prov);
    tx.commit();
    std::cout << "Laag " << m_layer << " verwijderd (" << record->featureCount << " objecten); herkomst bewaard.\n";
    return 0;
}

}  // namespace riskmap::cli
