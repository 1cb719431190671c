// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap chip`.
#include "chip_command.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/parcel_chips.hpp"

#include "riskmap/gis/audit_log.hpp"
#include <CLI/CLI.hpp>

#include <iostream>

namespace riskmap::cli {

void ChipCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte")->required();
    auto* parcel = sub.add_option("--parcel", m_parcel, "perceel_id");
    auto* vbo = sub.add_option("--vbo", m_vbo, "vbo_id van een adres (het perceel eronder)");
    parcel->excludes(vbo);
    sub.add_option("--out", m_out, "Uitvoermap")->required();
    sub.add_option("--size", m_size, "Breedte en hoogte in pixels (standaard 512)");
}

int ChipCommand::run()
{
    if (m_parcel.empty() == m_vbo.empty()) throw UsageError("geef --parcel of --vbo");
    auto workspace = gis::Workspace::open(m_workspace);
    const bool byVbo = !m_vbo.empty();
    const auto files = layers::writeParcelChips(workspace, byVbo ? m_vbo : m_parcel, byVbo, m_out, m_size);
    {
        // A chip names a parcel and shows its yard: it is an export like any other.
        gis::Transaction tx(workspace.db());
        gis::appendAudit(workspace.db(), "export", "luchtfoto-uitsnede " + (byVbo ? m_vbo : m_parcel) + " → " + m_out,
                         "analist", "controledossier", std::to_string(files.size()) + " bestanden");
        tx.commit();
    }
    for (const auto& f : files)
        std::cout << f.year << ": " << f.path << (f.fromCache ? " (foto onbereikbaar: uit de tegelcache)" : "") << '\n';
    return 0;
}

}  // namespace riskmap::cli
