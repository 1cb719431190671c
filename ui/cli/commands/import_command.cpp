// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap import`.
#include "import_command.hpp"

#include "../cli_progress.hpp"
#include "../import_summary.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/control_history.hpp"
#include "riskmap/layers/importer.hpp"
#include "riskmap/layers/project_file.hpp"
#include "riskmap/layers/sector_settings.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace riskmap::cli {

void ImportCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte")->required();
    sub.add_option("FILE", m_files, "Bronbestanden (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, CSV, XLSX; luchtfoto: GeoTIFF, VRT, GPKG, MBTiles)")->required();
    sub.add_option("--layer", m_layer, "Doellaag (bijv. percelen; ook controles_historie of bevindingen); zonder: elke bronlaag met een canonieke naam");
    sub.add_option("--source-layer", m_sourceLayer, "Te lezen laag in het bronbestand");
    sub.add_option("--project", m_project, "Projectbestand (voor [mapping.*] en [sectors])");
    sub.add_option("--mapping", m_mapping, "Mappingbestand met [mapping.<laag>] tabellen");
    sub.add_option("--crs", m_crs, "Coördinatenstelsel van een bron zonder CRS, ook CSV/XLSX met x/y of WKT (bijv. EPSG:28992)");
    sub.add_option("--year", m_year, "Opnamejaar, verplicht bij --layer luchtfoto");
    sub.add_flag("--append", m_append, "Toevoegen in plaats van de laag te vervangen");
    sub.footer("Een rij met dubbel id, lege/NaN/buiten-RD geometrie of onleesbaar verplicht veld wordt afgewezen;\n"
               "afgewezen rijen staan in <werkruimte>.rejected/<laag>-<tijd>.csv. Exitcode 0 ook bij afgewezen rijen.\n"
               "CSV/XLSX: ';' of ',', decimale komma, Latin-1 of UTF-8, datums dd-mm-jjjj; geometrie uit een WKT-kolom\n"
               "of x/y-kolommen (dan --crs verplicht). Vestigingen en incidenten zonder coördinaten worden gegeocodeerd\n"
               "op postcode + huisnummer tegen de laag verblijfsobjecten.\n"
               "Luchtfoto's worden geregistreerd, niet gekopieerd: --layer luchtfoto --year JJJJ.");
}

int ImportCommand::run()
{
    // Earlier controls and findings forms are no canonical input layers: they have their own readers.
    if (m_layer == "controles_historie" || m_layer == "bevindingen") {
        auto workspace = gis::Workspace::open(m_workspace);
        int problems = 0;
        for (const auto& file : m_files) {
            if (m_layer == "controles_historie") {
                const auto h = layers::importControlHistory(workspace, file);
                std::cout << file << ": " << h.controls << " controles, " << h.addresses << " adressen, " << h.findings
                          << " bevindingen\n";
            } else {
                const auto f = layers::importFindings(workspace, file);
                std::cout << file << ": " << f.rows << " bevindingen opgeslagen\n";
                for (const auto& p : f.problems) std::cout << "  afgewezen: " << p << '\n';
                problems += static_cast<int>(f.problems.size());
            }
        }
        (void)problems;  // like every import: rejected rows are listed, the rest is done
        return 0;
    }
    layers::ImportRequest request;
    request.files = m_files;
    if (!m_layer.empty()) request.layer = m_layer;
    if (!m_sourceLayer.empty()) request.sourceLayer = m_sourceLayer;
    if (!m_crs.empty()) request.crs = m_crs;
    request.append = m_append;
    if (m_year != 0) request.year = m_year;
    if (!m_project.empty()) {
        const auto project = layers::ProjectFile::load(m_project);
        request.mapping = project.mapping;
        request.sectors = layers::readSectorSettings(project);
    }
    if (!m_mapping.empty()) request.mapping.merge(layers::MappingSet::fromFile(m_mapping));

    auto workspace = gis::Workspace::open(m_workspace);
    auto feedback = makeCliFeedback();
    const auto reports = layers::importFiles(workspace, request, feedback);
    printImportSummary(std::cout, reports);
    return 0;
}

}  // namespace riskmap::cli
