// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap dossier`.
#include "dossier_command.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/control_dossier.hpp"
#include "riskmap/render/dossier_pdf.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>

namespace riskmap::cli {

void DossierCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte (met controles: eerst riskmap plan)")->required();
    auto* control = sub.add_option("--control", m_control, "controle_id");
    auto* all = sub.add_flag("--all", m_all, "Alle geplande controles (van --year)");
    control->excludes(all);
    sub.add_option("--year", m_year, "Alleen de controles van dit jaar (met --all)");
    sub.add_option("--out", m_out, "Uitvoermap")->required();
    sub.add_option("--chip-size", m_chipSize, "Breedte en hoogte van de luchtfoto-uitsneden in pixels (standaard 256)");
}

int DossierCommand::run()
{
    if (m_control.empty() && !m_all) throw UsageError("geef --control ID of --all");
    if (m_chipSize < 16 || m_chipSize > 4096) throw UsageError("--chip-size: kies 16 tot 4096 pixels");
    std::vector<std::string> ids;
    if (m_all) {
        auto workspace = gis::Workspace::open(m_workspace, true);
        ids = layers::plannedControlIds(workspace, m_year > 0 ? std::optional<int>(m_year) : std::nullopt);
        if (ids.empty()) throw UsageError("geen geplande controles in de werkruimte" +
                                          (m_year > 0 ? " voor " + std::to_string(m_year) : std::string()));
    } else {
        ids.push_back(m_control);
    }
    render::DossierOptions options;
    options.outDir = m_out;
    options.chipSize = m_chipSize;
    for (const auto& f : render::writeControlDossiers(m_workspace, ids, options))
        std::cout << f.controlId << ": " << f.path << " (" << f.pages << " pagina's, " << f.addresses << " adressen)\n";
    return 0;
}

}  // namespace riskmap::cli
