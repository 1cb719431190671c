// SPDX-License-Identifier: GPL-3.0-or-later
// Importing earlier controls and findings; reading them back for the repeat exclusion.
#include "riskmap/layers/control_history.hpp"

#include "riskmap/core/delimited_text.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/geos_ops.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/vector_source.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace riskmap::layers {
namespace {

using gis::FieldValue;

std::string readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("kan '" + path + "' niet lezen");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool endsWithCsv(const std::string& path)
{
    const std::string lower = core::toLower(path);
    return lower.size() > 4 && (lower.ends_with(".csv") || lower.ends_with(".txt"));
}

FieldValue textOrNull(const std::optional<std::string>& v)
{
    if (!v || core::trim(*v).empty()) return {};
    return core::trim(*v);
}

void registerTable(gis::Workspace& ws, const std::string& name, const std::string& geometryType,
                   const std::string& source, std::int64_t rows)
{
    gis::ProvenanceRecord prov;
    prov.layer = name;
    prov.action = "import";
    prov.sourcePath = source;
    prov.startedAt = prov.finishedAt = core::nowIsoUtc();
    prov.rowsRead = prov.rowsImported = rows;
    prov.user = gis::currentUser();
    gis::LayerRecord record;
    record.name = name;
    record.kind = geometryType.empty() ? "table" : "vector";
    record.geometryType = geometryType;
    record.classification = "vertrouwelijk";
    record.legalBasis = "Integrale controles (RIEC-convenant, Gemeentewet art. 174, Wet Bibob)";
    record.featureCount = rows;
    record.updatedAt = prov.finishedAt;
    record.provenanceId = ws.addProvenance(prov);
    ws.registerLayer(record);
}

const std::vector<gis::ColumnDef> kControlColumns{{"controle_id", "TEXT"}, {"datum", "TEXT"}, {"gemeente", "TEXT"},
                                                  {"naam", "TEXT"}};
const std::vector<gis::ColumnDef> kAddressColumns{{"controle_id", "TEXT"}, {"vbo_id", "TEXT"},   {"reden", "TEXT"},
                                                  {"postcode", "TEXT"},    {"huisnummer", "INTEGER"},
                                                  {"huisletter", "TEXT"},  {"toevoeging", "TEXT"}};
const std::vector<gis::ColumnDef> kFindingColumns{{"controle_id", "TEXT"}, {"vbo_id", "TEXT"},    {"bezocht", "INTEGER"},
                                                  {"categorie", "TEXT"},   {"toelichting", "TEXT"}, {"vervolg", "TEXT"}};

std::vector<std::string> names(const std::vector<gis::ColumnDef>& cols)
{
    std::vector<std::string> out;
    for (const auto& c : cols) out.push_back(c.name);
    return out;
}

/// Copies one GDAL layer into a workspace table, column by column by name.
std::int64_t copyLayer(gis::Workspace& ws, const gis::VectorSource& source, const std::string& layer,
                       const std::vector<gis::ColumnDef>& columns, const std::string& geometryType)
{
    const auto info = source.layerInfo(layer);
    std::vector<std::optional<std::size_t>> index;
    for (const auto& c : columns) {
        auto it = std::find(info.fields.begin(), info.fields.end(), c.name);
        if (it == info.fields.end() && (c.name == "controle_id" || c.name == "datum"))
            throw InputError("'" + source.path() + "' laag " + layer + ": kolom '" + c.name + "' ontbreekt");
        index.push_back(it == info.fields.end() ? std::nullopt
                                                : std::optional<std::size_t>(static_cast<std::size_t>(it - info.fields.begin())));
    }
    ws.createLayerTable(layer, columns, geometryType);
    gis::LayerWriter writer(ws.db(), layer, names(columns), !geometryType.empty());
    std::vector<FieldValue> values(columns.size());
    source.forEachRow(layer, [&](const gis::SourceRow& row) {
        for (std::size_t k = 0; k < columns.size(); ++k) {
            std::optional<std::string> v = index[k] ? row.values[*index[k]] : std::nullopt;
            if (columns[k].sqlType == "INTEGER" && v && !core::trim(*v).empty()) {
                auto n = core::parseInteger(core::trim(*v));
                if (!n && (*v == "true" || *v == "false")) n = *v == "true" ? 1 : 0;
                values[k] = n ? FieldValue{static_cast<std::int64_t>(*n)} : FieldValue{};
            } else if (columns[k].name == "datum" && v) {
                auto d = core::parseDate(core::trim(v->substr(0, 10)));
                if (!d) throw InputError("'" + source.path() + "' laag " + layer + " rij " + std::to_string(row.rowNumber) +
                                         ": datum '" + *v + "' is geen datum");
                values[k] = core::formatIsoDate(*d);
            } else {
                values[k] = textOrNull(v);
            }
        }
        std::vector<unsigned char> wkb;
        if (!geometryType.empty() && !row.wkb.empty())
            wkb = geometryType == "MULTIPOLYGON" ? gis::asMultiPolygon(row.wkb) : row.wkb;
        writer.insert(values, wkb);
    });
    if (!geometryType.empty()) ws.ensureSpatialIndex(layer);
    return writer.rowsWritten();
}

HistoryImportReport importFromGdal(gis::Workspace& ws, const std::string& path)
{
    gis::VectorSource source(path);
    const auto layers = source.layerNames();
    auto has = [&](const char* n) { return std::find(layers.begin(), layers.end(), n) != layers.end(); };
    if (!has("controles_historie") || !has("controle_adressen_historie"))
        throw InputError("'" + path + "' heeft geen lagen controles_historie en controle_adressen_historie");
    HistoryImportReport report;
    gis::Transaction tx(ws.db());
    report.controls = copyLayer(ws, source, "controles_historie", kControlColumns, "MULTIPOLYGON");
    registerTable(ws, "controles_historie", "MULTIPOLYGON", path, report.controls);
    report.addresses = copyLayer(ws, source, "controle_adressen_historie", kAddressColumns, "POINT");
    registerTable(ws, "controle_adressen_historie", "POINT", path, report.addresses);
    if (has("bevindingen_historie")) {
        report.findings = copyLayer(ws, source, "bevindingen_historie", kFindingColumns, "");
        registerTable(ws, "bevindingen_historie", "", path, report.findings);
    }
    tx.commit();
    return report;
}

HistoryImportReport importFromCsv(gis::Workspace& ws, const std::string& path)
{
    core::CsvReadOptions options;
    options.dateColumns = {"datum"};
    const auto table = core::readDelimitedText(readBytes(path), options);
    std::vector<std::size_t> col;
    for (const char* name : {"controle_id", "datum", "gemeente", "naam", "vbo_id"}) {
        auto c = table.columnIndex(name);
        if (!c) throw InputError("'" + path + "': kolom '" + std::string(name) +
                                 "' ontbreekt (verwacht: controle_id;datum;gemeente;naam;vbo_id)");
        col.push_back(*c);
    }
    for (const auto& row : table.rows)
        if (!row.ok())
            throw InputError("'" + path + "' rij " + std::to_string(row.rowNumber) + ": " + row.problems.front().reason);

    // Points of the addresses from the BAG layer, when present.
    std::map<std::string, std::vector<unsigned char>> points;
    if (ws.db().tableExists("verblijfsobjecten")) {
        auto stmt = ws.db().prepare("SELECT vbo_id, ST_AsBinary(geom) FROM verblijfsobjecten");
        while (stmt.step()) points[stmt.columnText(0)] = stmt.columnBlob(1);
    }
    auto cell = [](const core::CsvRow& r, std::size_t c) { return c < r.values.size() ? core::trim(r.values[c]) : std::string(); };
    HistoryImportReport report;
    gis::Transaction tx(ws.db());
    ws.createLayerTable("controles_historie", kControlColumns, "MULTIPOLYGON");
    ws.createLayerTable("controle_adressen_historie", kAddressColumns, "POINT");
    gis::LayerWriter controls(ws.db(), "controles_historie", names(kControlColumns), true);
    gis::LayerWriter addresses(ws.db(), "controle_adressen_historie", names(kAddressColumns), true);
    std::set<std::string> seen;
    for (const auto& row : table.rows) {
        const std::string id = cell(row, col[0]);
        if (id.empty()) throw InputError("'" + path + "' rij " + std::to_string(row.rowNumber) + ": controle_id is leeg");
        if (!core::parseDate(cell(row, col[1])))
            throw InputError("'" + path + "' rij " + std::to_string(row.rowNumber) + ": datum '" + cell(row, col[1]) + "' is geen datum");
        if (seen.insert(id).second)
            controls.insert({id, cell(row, col[1]), cell(row, col[2]), cell(row, col[3])}, {});
        const std::string vbo = cell(row, col[4]);
        if (vbo.empty()) continue;
        auto p = points.find(vbo);
        addresses.insert({id, vbo, FieldValue{}, FieldValue{}, FieldValue{}, FieldValue{}, FieldValue{}},
                         p == points.end() ? std::vector<unsigned char>{} : p->second);
    }
    ws.ensureSpatialIndex("controles_historie");
    ws.ensureSpatialIndex("controle_adressen_historie");
    report.controls = controls.rowsWritten();
    report.addresses = addresses.rowsWritten();
    registerTable(ws, "controles_historie", "MULTIPOLYGON", path, report.controls);
    registerTable(ws, "controle_adressen_historie", "POINT", path, report.addresses);
    tx.commit();
    return report;
}

std::optional<std::int64_t> parseVisited(std::string v)
{
    v = core::toLower(core::trim(v));
    if (v == "ja" || v == "1" || v == "j" || v == "true" || v == "waar") return 1;
    if (v == "nee" || v == "0" || v == "n" || v == "false" || v == "onwaar") return 0;
    return std::nullopt;
}

}  // namespace

HistoryImportReport importControlHistory(gis::Workspace& ws, const std::string& path)
{
    return endsWithCsv(path) ? importFromCsv(ws, path) : importFromGdal(ws, path);
}

FindingsImportReport importFindings(gis::Workspace& ws, const std::string& csvPath)
{
    const auto table = core::readDelimitedText(readBytes(csvPath));
    std::vector<std::size_t> col;
    for (const char* name : {"controle_id", "vbo_id", "bezocht", "categorie", "toelichting", "vervolg"}) {
        auto c = table.columnIndex(name);
        if (!c) throw InputError("'" + csvPath + "': kolom '" + std::string(name) +
                                 "' ontbreekt (verwacht: controle_id;vbo_id;bezocht;categorie;toelichting;vervolg)");
        col.push_back(*c);
    }
    auto& db = ws.db();
    std::set<std::pair<std::string, std::string>> planned;
    for (const char* t : {"controle_adressen", "controle_adressen_historie"}) {
        if (!db.tableExists(t)) continue;
        auto stmt = db.prepare(std::string("SELECT controle_id, vbo_id FROM ") + t);
        while (stmt.step()) planned.emplace(stmt.columnText(0), stmt.columnText(1));
    }
    FindingsImportReport report;
    gis::Transaction tx(db);
    if (!db.tableExists("bevindingen")) {
        auto columns = kFindingColumns;
        columns.push_back({"ingevoerd", "TEXT"});
        ws.createLayerTable("bevindingen", columns, "");
    }
    auto remove = db.prepare("DELETE FROM bevindingen WHERE controle_id = ? AND vbo_id = ?");
    gis::LayerWriter writer(db, "bevindingen", {"controle_id", "vbo_id", "bezocht", "categorie", "toelichting", "vervolg", "ingevoerd"}, false);
    const std::string now = core::nowIsoUtc();
    for (const auto& row : table.rows) {
        auto cell = [&](std::size_t k) { return col[k] < row.values.size() ? core::trim(row.values[col[k]]) : std::string(); };
        const std::string where = "rij " + std::to_string(row.rowNumber) + ": ";
        if (!row.ok()) { report.problems.push_back(where + row.problems.front().reason); continue; }
        const auto visited = parseVisited(cell(2));
        if (!visited) { report.problems.push_back(where + "bezocht '" + cell(2) + "' is geen ja/nee"); continue; }
        if (!planned.count({cell(0), cell(1)})) {
            report.problems.push_back(where + "adres " + cell(1) + " hoort niet bij controle " + cell(0));
            continue;
        }
        remove.reset();
        remove.bind(1, cell(0)).bind(2, cell(1));
        remove.run();
        auto opt = [](const std::string& s) { return s.empty() ? FieldValue{} : FieldValue{s}; };
        writer.insert({cell(0), cell(1), *visited, opt(cell(3)), opt(cell(4)), opt(cell(5)), now}, {});
        ++report.rows;
    }
    registerTable(ws, "bevindingen", "", csvPath, ws.countRows("bevindingen"));
    tx.commit();
    return report;
}

std::vector<PastControl> readPastControls(gis::SpatialiteDb& db, int beforeYear)
{
    std::map<std::string, PastControl> byId;
    auto load = [&](const std::string& controls, const std::string& addresses, const std::string& filter) {
        if (!db.tableExists(controls)) return;
        auto stmt = db.prepare("SELECT controle_id, datum FROM " + controls + filter);
        while (stmt.step()) {
            auto d = core::parseDate(stmt.columnText(1));
            if (!d) continue;
            byId[stmt.columnText(0)] = PastControl{stmt.columnText(0), *d, {}};
        }
        if (!db.tableExists(addresses)) return;
        auto a = db.prepare("SELECT controle_id, vbo_id FROM " + addresses);
        while (a.step())
            if (auto it = byId.find(a.columnText(0)); it != byId.end()) it->second.vboIds.insert(a.columnText(1));
    };
    load("controles_historie", "controle_adressen_historie", "");
    load("controles", "controle_adressen", " WHERE jaar < " + std::to_string(beforeYear));
    std::vector<PastControl> out;
    for (auto& [id, c] : byId) out.push_back(std::move(c));
    return out;
}

}  // namespace riskmap::layers
