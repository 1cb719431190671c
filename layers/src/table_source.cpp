// SPDX-License-Identifier: GPL-3.0-or-later
// CSV (through the Dutch pre-pass) and spreadsheets as import sources.
#include "riskmap/layers/table_source.hpp"

#include "riskmap/core/delimited_text.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"
#include "riskmap/gis/geometry_text.hpp"
#include "riskmap/gis/wkb.hpp"
#include "riskmap/gis/spreadsheet_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

namespace riskmap::layers {
namespace {

const std::vector<std::string> kWktNames = {"wkt", "geom_wkt", "geometrie", "geometry", "geom", "the_geom"};
const std::vector<std::pair<std::string, std::string>> kXyNames = {
    {"x", "y"}, {"x_rd", "y_rd"}, {"rd_x", "rd_y"}, {"xcoord", "ycoord"}, {"x_coord", "y_coord"},
    {"lon", "lat"}, {"lng", "lat"}, {"longitude", "latitude"}, {"lengtegraad", "breedtegraad"}};

std::optional<std::size_t> findColumn(const std::vector<std::string>& header, const std::string& name)
{
    for (std::size_t i = 0; i < header.size(); ++i)
        if (core::toLower(core::trim(header[i])) == name) return i;
    return std::nullopt;
}

std::string lowerExtension(const std::string& path)
{
    return core::toLower(std::filesystem::path(path).extension().string());
}

/// Where the geometry of a table comes from.
struct GeometryColumns {
    std::optional<std::size_t> wkt;
    std::optional<std::size_t> x, y;
};

GeometryColumns findGeometryColumns(const std::vector<std::string>& header)
{
    GeometryColumns g;
    for (const auto& name : kWktNames)
        if ((g.wkt = findColumn(header, name))) return g;
    for (const auto& [xName, yName] : kXyNames) {
        auto x = findColumn(header, xName);
        auto y = findColumn(header, yName);
        if (x && y) {
            g.x = x;
            g.y = y;
            return g;
        }
    }
    return g;
}

std::optional<double> coordinate(const std::optional<std::string>& text)
{
    if (!text) return std::nullopt;
    auto normal = core::normaliseDecimal(*text);
    if (!normal) return std::nullopt;
    return core::parseNumber(*normal);
}

bool blank(const std::optional<std::string>& v) { return !v || core::trim(*v).empty(); }

void addProblem(gis::SourceRow& row, const std::string& field, const std::string& reason)
{
    if (row.problem.empty()) row.problemField = field;
    else row.problem += "; ";
    row.problem += reason;
}

/// Fills row.wkb from the geometry columns, or flags the row.
void buildGeometry(gis::SourceRow& row, const std::vector<std::string>& header, const GeometryColumns& g)
{
    if (g.wkt) {
        const auto& cell = row.values[*g.wkt];
        if (blank(cell)) return;
        if (auto wkb = gis::parseWktCell(core::trim(*cell))) row.wkb = std::move(*wkb);
        else addProblem(row, header[*g.wkt], "onleesbare WKT-geometrie");
        return;
    }
    if (!g.x) return;
    const auto& xs = row.values[*g.x];
    const auto& ys = row.values[*g.y];
    if (blank(xs) && blank(ys)) return;
    const auto x = coordinate(xs);
    const auto y = coordinate(ys);
    if (!x) addProblem(row, header[*g.x], "onleesbare coördinaat '" + xs.value_or("") + "'");
    if (!y) addProblem(row, header[*g.y], "onleesbare coördinaat '" + ys.value_or("") + "'");
    if (x && y) row.wkb = gis::pointWkb({*x, *y});
}

}  // namespace

bool TableSource::handles(const std::string& path)
{
    const std::string ext = lowerExtension(path);
    return ext == ".csv" || ext == ".txt" || ext == ".tsv" || gis::isSpreadsheetPath(path);
}

TableSource::TableSource(const std::string& path) : m_path(path)
{
    if (!std::filesystem::exists(path)) throw InputError("'" + path + "': bestand bestaat niet");
    if (gis::isSpreadsheetPath(path)) {
        auto sheets = gis::readSpreadsheet(path);
        if (sheets.empty()) throw InputError("'" + path + "': het werkblad is leeg");
        for (auto& sheet : sheets) {
            std::vector<gis::SourceRow> rows;
            std::int64_t number = 0;
            for (auto& cells : sheet.rows) {
                gis::SourceRow row;
                row.rowNumber = ++number;
                row.values = std::move(cells);
                rows.push_back(std::move(row));
            }
            addTable(sheet.name, sheet.header, std::move(rows));
        }
        m_note = "Excel/ODS, cellen als tekst";
        return;
    }

    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string bytes = buffer.str();
    if (core::trim(bytes).empty()) throw InputError("'" + path + "': het bestand is leeg");
    core::CsvTable csv;
    try {
        csv = core::readDelimitedText(bytes);
    } catch (const InputError& e) {
        throw InputError("'" + path + "': " + e.what());
    }
    if (!csv.fileProblems.empty())
        throw InputError("'" + path + "' kopregel: " + csv.fileProblems.front().reason +
                         (csv.fileProblems.front().column.empty() ? "" : " ('" + csv.fileProblems.front().column + "')"));
    std::vector<gis::SourceRow> rows;
    rows.reserve(csv.rows.size());
    for (auto& r : csv.rows) {
        gis::SourceRow row;
        row.rowNumber = static_cast<std::int64_t>(r.rowNumber);
        row.values.resize(csv.header.size());
        for (std::size_t i = 0; i < csv.header.size() && i < r.values.size(); ++i) row.values[i] = r.values[i];
        for (auto& v : r.original) row.original.emplace_back(std::move(v));
        row.original.resize(std::max(row.original.size(), csv.header.size()));
        for (const auto& p : r.problems) addProblem(row, p.column, p.reason);
        rows.push_back(std::move(row));
    }
    std::string sep = csv.separator == '\t' ? "tab" : std::string("'") + csv.separator + "'";
    m_note = "CSV, " + core::encodingName(csv.encoding) + ", scheidingsteken " + sep;
    addTable(std::filesystem::path(path).stem().string(), csv.header, std::move(rows));
}

void TableSource::addTable(const std::string& name, const std::vector<std::string>& header, std::vector<gis::SourceRow> rows)
{
    Table t;
    t.info.name = name;
    t.info.fields = header;
    t.info.decimalComma = true;
    t.info.featureCount = static_cast<std::int64_t>(rows.size());
    const GeometryColumns g = findGeometryColumns(header);
    t.info.geometry = g.wkt ? gis::SourceGeometry::Unknown : g.x ? gis::SourceGeometry::Point : gis::SourceGeometry::None;
    t.info.geometryTypeName = g.wkt ? "WKT (" + header[*g.wkt] + ")" : g.x ? "Point (" + header[*g.x] + "/" + header[*g.y] + ")" : "None";
    double minX = std::numeric_limits<double>::max(), minY = minX, maxX = -minX, maxY = -minX;
    for (auto& row : rows) {
        if (row.problem.empty()) buildGeometry(row, header, g);
        if (auto b = gis::wkbBounds(row.wkb)) {
            t.info.hasExtent = true;
            minX = std::min(minX, b->minX);
            minY = std::min(minY, b->minY);
            maxX = std::max(maxX, b->maxX);
            maxY = std::max(maxY, b->maxY);
        }
    }
    if (t.info.hasExtent) {
        t.info.xmin = minX;
        t.info.ymin = minY;
        t.info.xmax = maxX;
        t.info.ymax = maxY;
    }
    t.rows = std::move(rows);
    m_tables.push_back(std::move(t));
}

std::vector<std::string> TableSource::layerNames() const
{
    std::vector<std::string> names;
    for (const auto& t : m_tables) names.push_back(t.info.name);
    return names;
}

const TableSource::Table& TableSource::table(const std::string& name) const
{
    for (const auto& t : m_tables)
        if (t.info.name == name) return t;
    throw InputError("'" + m_path + "': bronlaag '" + name + "' bestaat niet / source layer not found");
}

gis::SourceLayerInfo TableSource::layerInfo(const std::string& layer) const { return table(layer).info; }

void TableSource::forEachRow(const std::string& layer, const std::function<void(const gis::SourceRow&)>& visit) const
{
    for (const auto& row : table(layer).rows) visit(row);
}

}  // namespace riskmap::layers
