// SPDX-License-Identifier: GPL-3.0-or-later
// CSV and Excel files as import sources: the Dutch pre-pass, then geometry from WKT or x/y columns.
#pragma once

#include "riskmap/gis/vector_source.hpp"

#include <string>
#include <vector>

namespace riskmap::layers {

/// A delimited text file (CSV/TXT/TSV: Latin-1 or UTF-8 with BOM, `;` `,` or tab, decimal
/// commas, Dutch dates) or a spreadsheet (XLSX/XLSM/ODS, every cell read as text), read whole
/// into memory and offered to the importer like any vector source.
///
/// Geometry comes from a WKT column (`wkt`, `geom_wkt`, `geometrie`, `geometry`, `geom`,
/// `the_geom`) or from x/y columns (`x`/`y`, `x_rd`/`y_rd`, `rd_x`/`rd_y`, `lon`/`lat`,
/// `longitude`/`latitude`, `lengtegraad`/`breedtegraad`; any case); without them the rows have
/// no geometry (to be geocoded). Tables never carry a CRS: `--crs` says it.
///
/// A row the pre-pass cannot use keeps its original text and carries `problem`: a wrong
/// number of columns, an unreadable coordinate or WKT. Other values are passed on as text
/// with decimal commas normalised in the columns that use them throughout and dates as written.
class TableSource : public gis::FeatureSource {
public:
    /// Reads the file; throws InputError naming it when it is missing, empty or unreadable.
    explicit TableSource(const std::string& path);

    /// True for the extensions this source reads: csv, txt, tsv, xlsx, xlsm, ods.
    static bool handles(const std::string& path);

    const std::string& path() const override { return m_path; }
    std::vector<std::string> layerNames() const override;
    gis::SourceLayerInfo layerInfo(const std::string& layer) const override;
    void forEachRow(const std::string& layer, const std::function<void(const gis::SourceRow&)>& visit) const override;

    /// How the file was read, for the summary: e.g. "CSV, Windows-1252, scheidingsteken ';'".
    const std::string& readingNote() const { return m_note; }

private:
    struct Table {
        gis::SourceLayerInfo info;
        std::vector<gis::SourceRow> rows;
    };
    const Table& table(const std::string& name) const;
    void addTable(const std::string& name, const std::vector<std::string>& header, std::vector<gis::SourceRow> rows);

    std::string m_path;
    std::string m_note;
    std::vector<Table> m_tables;
};

}  // namespace riskmap::layers
