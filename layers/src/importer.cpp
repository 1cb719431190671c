// SPDX-License-Identifier: GPL-3.0-or-later
// The import pipeline: source → mapping → typed values → clean geometry → workspace.
#include "riskmap/layers/importer.hpp"

#include "riskmap/core/address_key.hpp"
#include "riskmap/core/dates.hpp"
#include "riskmap/core/delimited_text.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/core/sbi.hpp"
#include "riskmap/core/text.hpp"
#include "riskmap/gis/bulk_load.hpp"
#include "riskmap/gis/geometry_cleaner.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/raster_mosaic.hpp"
#include "riskmap/gis/sha256.hpp"
#include "riskmap/gis/vector_source.hpp"
#include "riskmap/layers/address_geocoder.hpp"
#include "riskmap/layers/layer_schema.hpp"
#include "riskmap/layers/rejected_rows.hpp"
#include "riskmap/layers/table_source.hpp"
#include "riskmap/layers/value_parsing.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <memory>
#include <tuple>
#include <mutex>
#include <map>
#include <set>
#include <unordered_map>

namespace riskmap::layers {
namespace {

constexpr const char* kLuchtfotoLayer = "luchtfoto";

/// Where each canonical field's value comes from in this source layer.
struct BoundField {
    const FieldSpec* spec = nullptr;
    std::vector<std::size_t> sourceIndexes;
    std::string separator;
    std::optional<std::string> constant;
    bool geometryArea = false;
    int padDigits = 0;
    std::string stripPrefix;
    bool bound() const { return constant || geometryArea || !sourceIndexes.empty(); }
};

gis::GeomFamily toGisFamily(GeometryFamily f)
{
    switch (f) {
    case GeometryFamily::Point: return gis::GeomFamily::Point;
    case GeometryFamily::Line: return gis::GeomFamily::Line;
    default: return gis::GeomFamily::Polygon;
    }
}

bool familyMatches(gis::SourceGeometry source, GeometryFamily wanted)
{
    switch (source) {
    case gis::SourceGeometry::Point: return wanted == GeometryFamily::Point;
    case gis::SourceGeometry::Line: return wanted == GeometryFamily::Line;
    case gis::SourceGeometry::Polygon: return wanted == GeometryFamily::Polygon;
    default: return true;  // unknown/mixed: checked per row
    }
}

std::string sqlType(FieldType t)
{
    switch (t) {
    case FieldType::Integer:
    case FieldType::Boolean: return "INTEGER";
    case FieldType::Real: return "REAL";
    default: return "TEXT";  // dates are ISO text
    }
}

std::vector<BoundField> bindFields(const LayerSchema& schema, const LayerMapping* mapping,
                                   const gis::SourceLayerInfo& info, const std::string& where)
{
    std::vector<std::string> canonicalNames;
    for (const auto& f : schema.fields) canonicalNames.push_back(f.name);
    std::vector<BoundField> bound;
    for (const auto& f : schema.fields) {
        BoundField b;
        b.spec = &f;
        b.padDigits = f.digits;
        const FieldRule* rule = nullptr;
        if (mapping) {
            const auto it = mapping->fields.find(f.name);
            if (it != mapping->fields.end()) rule = &it->second;
        }
        if (rule) {
            b.separator = rule->separator;
            b.constant = rule->constant;
            b.geometryArea = rule->geometryArea;
            if (rule->padDigits > 0) b.padDigits = rule->padDigits;
            b.stripPrefix = rule->stripPrefix;
            for (const auto& s : rule->sources) {
                auto idx = resolveSourceField(s, info.fields, {s});
                if (!idx)
                    throw InputError(where + ": veld '" + s + "' (mapping voor " + f.name + ") ontbreekt in de bron; "
                                     "velden in de bron: " + core::join(info.fields, ", "));
                b.sourceIndexes.push_back(*idx);
            }
        } else if (auto idx = resolveSourceField(f.name, info.fields, canonicalNames)) {
            b.sourceIndexes.push_back(*idx);
        }
        if (f.required && !b.bound())
            throw InputError(where + ": verplicht veld '" + f.name + "' ontbreekt in de bron en heeft geen mapping; "
                             "velden in de bron: " + core::join(info.fields, ", "));
        bound.push_back(std::move(b));
    }
    return bound;
}

/// Where the address of a row is read for geocoding: the bound canonical field when the layer
/// has it (vestigingen), otherwise a source column of that name (incidenten keep no address).
struct AddressColumns {
    std::optional<std::size_t> postcode, huisnummer, huisletter, toevoeging;
};

AddressColumns bindAddress(const LayerSchema& schema, const std::vector<BoundField>& bound,
                           const gis::SourceLayerInfo& info)
{
    auto column = [&](const std::string& name) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < schema.fields.size(); ++i)
            if (schema.fields[i].name == name && bound[i].sourceIndexes.size() == 1) return bound[i].sourceIndexes.front();
        if (schema.field(name)) return std::nullopt;  // the layer has it but the source does not
        return resolveSourceField(name, info.fields, {name});
    };
    return {column("postcode"), column("huisnummer"), column("huisletter"), column("toevoeging")};
}

std::string cell(const gis::SourceRow& row, const std::optional<std::size_t>& index)
{
    if (!index || *index >= row.values.size() || !row.values[*index]) return {};
    return *row.values[*index];
}

/// Refuses coordinates that cannot belong to the declared CRS (RD numbers
/// declared as degrees, or degrees declared as RD).
void checkPlausibleExtent(const gis::SourceLayerInfo& info, const gis::CrsChoice& crs, const std::string& where)
{
    if (!info.hasExtent) return;
    char extent[160];
    std::snprintf(extent, sizeof extent, "x %.3f…%.3f, y %.3f…%.3f", info.xmin, info.xmax, info.ymin, info.ymax);
    if (crs.sourceGeographic &&
        (info.xmin < -180 || info.xmax > 180 || info.ymin < -90 || info.ymax > 90)) {
        const bool looksRd = info.xmin > -7000 && info.xmax < 300000 && info.ymin > 289000 && info.ymax < 629000;
        throw InputError(where + ": coördinaten (" + extent + ") passen niet bij " + crs.sourceCrs +
                         " (graden)." + (looksRd ? " Het lijken RD-coördinaten: importeer met --crs EPSG:28992 "
                                                   "(GeoJSON gaat volgens de standaard altijd uit van WGS84)."
                                                 : " Controleer het coördinatenstelsel en geef het met --crs."));
    }
    if (crs.identity && std::fabs(info.xmin) <= 180 && std::fabs(info.xmax) <= 180 && std::fabs(info.ymin) <= 90 &&
        std::fabs(info.ymax) <= 90) {
        throw InputError(where + ": coördinaten (" + extent + ") lijken graden (WGS84), niet RD New (meters). "
                         "Importeer met --crs EPSG:4326.");
    }
}

/// SHA-256 of a source file, computed once per file version even when several
/// of its layers are imported (a GeoPackage holds many).
std::string fileChecksum(const std::string& path)
{
    static std::mutex mutex;
    static std::map<std::tuple<std::string, std::uintmax_t, std::filesystem::file_time_type>, std::string> cache;
    const auto key = std::make_tuple(std::filesystem::absolute(path).string(), std::filesystem::file_size(path),
                                     std::filesystem::last_write_time(path));
    std::lock_guard lock(mutex);
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.emplace(key, gis::sha256File(path)).first;
    return it->second;
}

class LayerImport {
public:
    LayerImport(gis::Workspace& ws, const gis::FeatureSource& source, const std::string& sourceLayer,
                const LayerSchema& schema, const ImportRequest& request, bool append, core::Feedback& feedback)
        : m_ws(ws), m_source(source), m_sourceLayer(sourceLayer), m_schema(schema), m_request(request),
          m_append(append), m_feedback(feedback)
    {
    }

    LayerImportReport run()
    {
        const auto started = std::chrono::steady_clock::now();
        const std::string startedAt = core::nowIsoUtc();
        const std::string where = "import '" + m_source.path() + "' laag '" + m_sourceLayer + "' → " + m_schema.name;
        LayerImportReport report;
        report.file = m_source.path();
        report.sourceLayer = m_sourceLayer;
        report.layer = m_schema.name;

        const gis::SourceLayerInfo info = m_source.layerInfo(m_sourceLayer);
        if (const auto* table = dynamic_cast<const TableSource*>(&m_source)) report.readingNote = table->readingNote();
        if (info.featureCount == 0) throw InputError(where + ": de bronlaag is leeg; de bestaande laag blijft ongewijzigd");
        const bool noGeometry = info.geometry == gis::SourceGeometry::None;
        if (noGeometry && !m_schema.geocodable)
            throw InputError(where + ": de bron heeft geen geometrie (geen WKT- of x/y-kolommen); laag " + m_schema.name +
                             " kan niet op adres worden gegeocodeerd");
        if (!familyMatches(info.geometry, m_schema.geometry))
            throw InputError(where + ": verkeerd geometrietype '" + info.geometryTypeName + "'; laag " + m_schema.name +
                             " verwacht " + toString(m_schema.geometry) + "en. Het bestand is geweigerd.");

        // Rows without geometry get the verblijfsobject's point, already in RD New: a file
        // with no coordinates at all needs no CRS.
        std::string crsDefinition = m_request.crs.value_or(info.crsDefinition);
        if (crsDefinition.empty() && !noGeometry)
            throw InputError(where + ": de bron heeft geen coördinatenstelsel; geef het met --crs (bijv. --crs EPSG:28992). "
                             "Riskmap raadt het nooit.");
        gis::CrsTransformer transformer(crsDefinition.empty() ? "EPSG:28992" : crsDefinition);
        report.crs = transformer.choice();
        if (crsDefinition.empty()) {
            report.crs.sourceCrs = "geen (gegeocodeerd op adres)";
            report.crs.operationName = "geen";
        }
        checkPlausibleExtent(info, report.crs, where);
        if (report.crs.ballpark)
            report.warnings.push_back("alleen een grove (ballpark) transformatie beschikbaar van " + report.crs.sourceCrs +
                                      " naar RD New: posities kunnen meer dan 100 m afwijken");

        const LayerMapping* mapping = m_request.mapping.forCanonical(m_schema.name);
        const std::vector<BoundField> fields = bindFields(m_schema, mapping, info, where);
        const AddressColumns address = bindAddress(m_schema, fields, info);
        if (m_schema.geocodable && (!address.postcode || !address.huisnummer) && noGeometry)
            throw InputError(where + ": geen coördinaten en geen adreskolommen (postcode en huisnummer) om te geocoderen; "
                             "velden in de bron: " + core::join(info.fields, ", "));
        // Built once the first row needs it, from the verblijfsobjecten as this transaction sees them.
        std::unique_ptr<AddressGeocoder> geocoder;
        if (noGeometry) geocoder = std::make_unique<AddressGeocoder>(m_ws, where);
        std::set<std::string> unknownSbi;

        std::vector<gis::ColumnDef> columns;
        std::vector<std::string> columnNames;
        for (const auto& f : m_schema.fields) {
            columns.push_back({f.name, sqlType(f.type)});
            columnNames.push_back(f.name);
        }
        std::unordered_map<std::string, std::int64_t> seenIds;
        std::optional<gis::BulkLoad> bulk;
        if (!m_append || !m_ws.db().tableExists(m_schema.name)) {
            m_ws.createLayerTable(m_schema.name, columns, m_schema.spatialiteGeometryType());
            bulk.emplace(m_ws.db(), m_schema.name);
        } else if (!m_schema.idField.empty()) {
            auto stmt = m_ws.db().prepare("SELECT " + gis::quoteIdentifier(m_schema.idField) + " FROM " +
                                          gis::quoteIdentifier(m_schema.name));
            while (stmt.step()) seenIds.emplace(stmt.columnText(0), 0);
        }

        const std::string stamp = core::nowCompactUtc();
        const std::string folder = rejectedFolder(m_ws.path());
        m_rejected = std::make_unique<RejectedRowsFile>(folder + "/" + m_schema.name + "-" + stamp + ".csv", info.fields);
        m_repaired = std::make_unique<RejectedRowsFile>(folder + "/" + m_schema.name + "-" + stamp + "-hersteld.csv", info.fields);
        RejectedRowsFile& rejected = *m_rejected;
        RejectedRowsFile& repaired = *m_repaired;

        gis::GeometryCleaner cleaner(toGisFamily(m_schema.geometry), m_schema.multi,
                                     report.crs.identity ? nullptr : &transformer);
        gis::LayerWriter writer(m_ws.db(), m_schema.name, columnNames, true);
        const int idIndex = idFieldIndex();
        const int rubriceringIndex = fieldIndex("rubricering");

        m_feedback.beginStage("import " + m_schema.name, static_cast<std::uint64_t>(std::max<std::int64_t>(info.featureCount, 0)));
        std::vector<gis::FieldValue> values(fields.size());
        m_source.forEachRow(m_sourceLayer, [&](const gis::SourceRow& row) {
            m_feedback.checkCancelled();
            m_feedback.advance();
            ++report.read;
            std::string rejectField, rejectReason, repairReason;
            const auto& originalValues = row.original.empty() ? row.values : row.original;
            auto addRepair = [&](const std::string& text) {
                if (!repairReason.empty()) repairReason += "; ";
                repairReason += text;
            };

            gis::CleanedGeometry geometry;
            std::optional<core::AddressKey> addressKey;
            if (!row.problem.empty()) {
                // The pre-pass could not use the row (column count, coordinates).
                rejectField = row.problemField;
                rejectReason = row.problem;
            } else if (row.wkb.empty() && m_schema.geocodable && address.postcode && address.huisnummer) {
                ++report.geocodeAttempted;
                if (!geocoder) geocoder = std::make_unique<AddressGeocoder>(m_ws, where);
                GeocodeResult found = geocoder->geocode(cell(row, address.postcode), cell(row, address.huisnummer),
                                                        cell(row, address.huisletter), cell(row, address.toevoeging));
                if (found.found) {
                    ++report.geocoded;
                    addressKey = found.address;
                    geometry.wkb = std::move(found.wkb);
                    if (found.withoutToevoeging)
                        addRepair("adres gevonden zonder (of met andere) toevoeging: verblijfsobject " + found.vboId);
                } else {
                    rejectField = found.field;
                    rejectReason = found.reason;
                }
            } else {
                geometry = cleaner.clean(row.wkb);
                if (geometry.status == gis::CleanedGeometry::Status::Rejected) {
                    rejectField = "geom";
                    rejectReason = geometry.reason;
                } else if (geometry.status == gis::CleanedGeometry::Status::Repaired) {
                    repairReason = geometry.reason;
                }
            }

            for (std::size_t i = 0; i < fields.size() && rejectReason.empty(); ++i) {
                const BoundField& b = fields[i];
                if (addressKey) {
                    // A geocoded row stores the address it was found on (`12a` → 12 + A).
                    const std::string& name = b.spec->name;
                    if (name == "postcode") { values[i] = addressKey->postcode; continue; }
                    if (name == "huisnummer") { values[i] = static_cast<std::int64_t>(addressKey->huisnummer); continue; }
                    if (name == "huisletter" || name == "toevoeging") {
                        const std::string& part = name == "huisletter" ? addressKey->huisletter : addressKey->toevoeging;
                        values[i] = part.empty() ? gis::FieldValue{} : gis::FieldValue{part};
                        continue;
                    }
                }
                std::optional<std::string> text;
                if (b.constant) text = b.constant;
                else if (b.geometryArea) text = std::to_string(geometry.area);
                else if (!b.sourceIndexes.empty()) {
                    std::vector<std::string> parts;
                    bool anyMissing = false;
                    for (std::size_t idx : b.sourceIndexes) {
                        const auto& v = row.values[idx];
                        if (!v || core::trim(*v).empty()) anyMissing = true;
                        else parts.push_back(core::trim(*v));
                    }
                    // A composed id with a missing part is no id at all.
                    if (!anyMissing) text = core::join(parts, b.separator);
                    if (text && !b.stripPrefix.empty() && core::startsWith(*text, b.stripPrefix))
                        text->erase(0, b.stripPrefix.size());
                    // Ids stored as numbers lost their leading zeros (BAG 0289..., KvK).
                    if (text && b.padDigits > 0 && text->size() < static_cast<std::size_t>(b.padDigits) &&
                        text->find_first_not_of("0123456789") == std::string::npos)
                        text->insert(0, static_cast<std::size_t>(b.padDigits) - text->size(), '0');
                }
                if (text && b.spec->name == "postcode") {
                    // One spelling for the address key: `3941 ab` → `3941AB`.
                    if (auto pc = core::normalizePostcode(*text)) text = *pc;
                }
                if (text && b.spec->name == "sbi_code" && m_schema.name == "vestigingen" && !core::trim(*text).empty()) {
                    if (auto code = core::normalizeSbiCode(*text)) {
                        if (!m_request.sectors.knownCode(*code)) {
                            ++report.sbiUnknown;
                            unknownSbi.insert(*code);
                        }
                        text = *code;
                    } else {
                        // Optional field: emptied and reported, like any unreadable optional value.
                        values[i] = gis::FieldValue{};
                        addRepair("veld sbi_code: ongeldige SBI-code '" + *text + "' leeg gemaakt");
                        continue;
                    }
                }
                auto parsed = parseFieldValue(text.value_or(""), b.spec->type);
                if (!parsed && text && info.decimalComma &&
                    (b.spec->type == FieldType::Real || b.spec->type == FieldType::Integer)) {
                    // Dutch tables write `12,5`; columns with mixed content escaped the pre-pass.
                    if (auto normal = core::normaliseDecimal(*text)) parsed = parseFieldValue(*normal, b.spec->type);
                }
                if (!parsed) {
                    if (b.spec->required) {
                        rejectField = b.spec->name;
                        rejectReason = "onleesbare waarde '" + *text + "' (verwacht " + toString(b.spec->type) + ")";
                    } else {
                        // An optional field that cannot be read is emptied, and the row
                        // counts as repaired so nothing happens silently.
                        values[i] = gis::FieldValue{};
                        addRepair("veld " + b.spec->name + ": onleesbare waarde '" + *text + "' leeg gemaakt");
                    }
                    continue;
                }
                if (b.spec->required && std::holds_alternative<std::monostate>(*parsed)) {
                    rejectField = b.spec->name;
                    rejectReason = "verplicht veld is leeg";
                    continue;
                }
                values[i] = std::move(*parsed);
            }

            if (rejectReason.empty() && idIndex >= 0) {
                const std::string id = std::get<std::string>(values[static_cast<std::size_t>(idIndex)]);
                auto [it, inserted] = seenIds.emplace(id, row.rowNumber);
                if (!inserted) {
                    rejectField = m_schema.idField;
                    rejectReason = it->second > 0 ? "dubbel id '" + id + "' (eerder in rij " + std::to_string(it->second) + ")"
                                                  : "id '" + id + "' bestaat al in de werkruimte";
                }
            }

            if (!rejectReason.empty()) {
                ++report.rejected;
                rejected.add(row.rowNumber, rejectField, rejectReason, originalValues);
                return;
            }
            if (rubriceringIndex >= 0) raiseRubricering(values[static_cast<std::size_t>(rubriceringIndex)]);
            writer.insert(values, geometry.wkb);
            if (repairReason.empty()) {
                ++report.imported;
            } else {
                ++report.repaired;
                repaired.add(row.rowNumber, "", repairReason, originalValues);
            }
        });
        m_feedback.setProgress(1.0);
        if (bulk) bulk->finish();
        m_ws.ensureSpatialIndex(m_schema.name);
        if (report.sbiUnknown > 0) {
            std::vector<std::string> sample;
            for (const auto& code : unknownSbi) {
                if (sample.size() == 10) { sample.push_back("…"); break; }
                sample.push_back(code);
            }
            report.warnings.push_back(std::to_string(report.sbiUnknown) +
                                      " vestiging(en) met een SBI-code die niet in SBI 2008 (versie 2018), de SBI 2025-lijst "
                                      "of de correspondentietabel staat (wel geïmporteerd): " + core::join(sample, ", "));
        }
        if (report.geocodeAttempted > 0 && report.geocoded < report.geocodeAttempted) {
            char rate[64];
            std::snprintf(rate, sizeof rate, "%.1f %%", 100.0 * static_cast<double>(report.geocoded) /
                                                            static_cast<double>(report.geocodeAttempted));
            report.warnings.push_back("geocodering: " + std::to_string(report.geocodeAttempted - report.geocoded) + " van " +
                                      std::to_string(report.geocodeAttempted) + " adressen niet gevonden (trefkans " + rate +
                                      "); zie de afgewezen rijen");
        }

        // Replacing a layer by nothing would lose it; appending nothing loses nothing.
        if (!m_append && report.imported + report.repaired == 0)
            throw InputError(where + ": geen enkele rij bruikbaar (" + std::to_string(report.rejected) +
                             " afgewezen, bijv. wegens dubbele id's of geometrie buiten RD); de bestaande laag blijft ongewijzigd.");

        gis::ProvenanceRecord prov;
        prov.layer = m_schema.name;
        prov.action = m_append ? "append" : "import";
        prov.sourcePath = std::filesystem::absolute(m_source.path()).string();
        prov.sourceLayer = m_sourceLayer;
        prov.sha256 = fileChecksum(m_source.path());
        prov.startedAt = startedAt;
        prov.finishedAt = core::nowIsoUtc();
        prov.sourceCrs = report.crs.sourceCrs;
        prov.projOperation = report.crs.operationName;
        prov.projAccuracyM = report.crs.accuracyM;
        prov.ballpark = report.crs.ballpark;
        prov.rowsRead = report.read;
        prov.rowsImported = report.imported;
        prov.rowsRepaired = report.repaired;
        prov.rowsRejected = report.rejected;
        prov.user = gis::currentUser();
        prov.mapping = mapping ? m_request.mapping.describe() : "";
        prov.rowsGeocodeAttempted = report.geocodeAttempted;
        prov.rowsGeocoded = report.geocoded;
        prov.warnings = core::join(report.warnings, "\n");
        // The report files are moved into place only after the transaction commits.
        report.rejectedFile = rejected.count() ? rejected.finalPath() : "";
        report.repairedFile = repaired.count() ? repaired.finalPath() : "";
        prov.rejectedFile = report.rejectedFile;
        const std::int64_t provId = m_ws.addProvenance(prov);

        gis::LayerRecord record;
        record.name = m_schema.name;
        record.kind = "vector";
        record.geometryType = m_schema.spatialiteGeometryType();
        record.classification = toString(m_schema.classification);
        record.legalBasis = m_schema.legalBasis;
        record.retentionDays = m_schema.retentionDays;
        if (auto existing = m_ws.layer(m_schema.name)) {
            // Keep what the municipality set for the layer (it may be stricter).
            record.classification = existing->classification;
            record.legalBasis = existing->legalBasis;
            record.retentionDays = existing->retentionDays;
        }
        record.featureCount = m_ws.countRows(m_schema.name);
        record.updatedAt = prov.finishedAt;
        record.provenanceId = provId;
        m_ws.registerLayer(record);

        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return report;
    }

    /// Moves the rejected/repaired row files into place (after the commit).
    void commitFiles()
    {
        if (m_rejected) m_rejected->commit();
        if (m_repaired) m_repaired->commit();
    }

private:
    int fieldIndex(const std::string& name) const
    {
        for (std::size_t i = 0; i < m_schema.fields.size(); ++i)
            if (m_schema.fields[i].name == name) return static_cast<int>(i);
        return -1;
    }
    int idFieldIndex() const { return m_schema.idField.empty() ? -1 : fieldIndex(m_schema.idField); }

    /// A row may raise its classification but never lower it below the layer's.
    void raiseRubricering(gis::FieldValue& value) const
    {
        const auto* text = std::get_if<std::string>(&value);
        const auto rowLevel = text ? parseClassification(core::toLower(*text)) : std::nullopt;
        if (!rowLevel || *rowLevel < m_schema.classification) value = toString(m_schema.classification);
        else value = toString(*rowLevel);
    }

    gis::Workspace& m_ws;
    const gis::FeatureSource& m_source;
    std::string m_sourceLayer;
    const LayerSchema& m_schema;
    const ImportRequest& m_request;
    bool m_append;
    core::Feedback& m_feedback;
    std::unique_ptr<RejectedRowsFile> m_rejected;
    std::unique_ptr<RejectedRowsFile> m_repaired;
};

/// The (source layer, canonical layer) pairs to import from one file.
std::vector<std::pair<std::string, const LayerSchema*>> selectLayers(const gis::FeatureSource& source,
                                                                     const ImportRequest& request)
{
    const auto names = source.layerNames();
    std::vector<std::pair<std::string, const LayerSchema*>> pairs;
    if (request.layer) {
        const LayerSchema* schema = findLayerSchema(*request.layer);
        if (!schema) throw UsageError("--layer '" + *request.layer + "' is geen laag van het datamodel");
        std::string sourceLayer;
        if (request.sourceLayer) sourceLayer = *request.sourceLayer;
        else {
            for (const auto& n : names)
                if (request.mapping.canonicalFor(n) == *request.layer) sourceLayer = n;
            if (sourceLayer.empty() && names.size() == 1) sourceLayer = names.front();
        }
        if (sourceLayer.empty())
            throw InputError("'" + source.path() + "': welke bronlaag hoort bij " + *request.layer +
                             "? Geef --source-layer; lagen in het bestand: " + core::join(names, ", "));
        pairs.emplace_back(sourceLayer, schema);
        return pairs;
    }
    for (const auto& n : names) {
        if (request.sourceLayer && n != *request.sourceLayer) continue;
        if (auto canonical = request.mapping.canonicalFor(n)) pairs.emplace_back(n, findLayerSchema(*canonical));
    }
    if (pairs.empty())
        throw InputError("'" + source.path() + "': geen laag van het datamodel gevonden (lagen: " + core::join(names, ", ") +
                         "). Geef --layer NAAM of een mapping.");
    return pairs;
}

/// `--layer luchtfoto`: rasters are registered where they are, with their year.
std::vector<LayerImportReport> registerAerialPhotos(gis::Workspace& workspace, const ImportRequest& request,
                                                    core::Feedback& feedback)
{
    if (!request.year)
        throw UsageError("--year is verplicht bij --layer luchtfoto (het opnamejaar, bijv. --year 2023)");
    if (*request.year < 1900 || *request.year > 2100)
        throw UsageError("--year " + std::to_string(*request.year) + ": geen geldig opnamejaar");
    if (request.append) throw UsageError("--append geldt niet voor luchtfoto's: elke registratie voegt al toe");
    std::vector<LayerImportReport> reports;
    std::vector<std::string> startedAt;
    // Several files (or a folder) of one year become one VRT mosaic in the cache, registered
    // in their place: every reader then crosses the seams between the files.
    std::vector<std::string> files = gis::expandRasterInputs(request.files);
    std::vector<std::string> mosaicSources;
    if (files.size() > 1) {
        feedback.beginStage("VRT-mozaïek van " + std::to_string(files.size()) + " luchtfoto's");
        mosaicSources = files;
        files = {gis::buildRasterMosaic(mosaicSources, gis::mosaicPath(workspace.path(), kLuchtfotoLayer, *request.year))};
    }
    // Inspecting and building overviews touch only the source (read) and the cache; the
    // workspace is written in one transaction afterwards.
    for (const auto& file : files) {
        const auto started = std::chrono::steady_clock::now();
        startedAt.push_back(core::nowIsoUtc());
        LayerImportReport report;
        report.file = file;
        report.layer = kLuchtfotoLayer;
        report.year = request.year;
        report.raster = gis::registerRaster(file, workspace.path(), &feedback);
        report.crs.sourceCrs = report.raster->crs;
        if (!mosaicSources.empty())
            report.warnings.push_back("VRT-mozaïek van " + std::to_string(mosaicSources.size()) +
                                      " bestanden; vervangt eerdere registraties van " + std::to_string(*request.year));
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        reports.push_back(std::move(report));
    }
    gis::Transaction tx(workspace.db());
    std::int64_t provId = 0;
    if (!mosaicSources.empty()) {
        // One photo per year: the mosaic replaces what was registered for that year before.
        auto drop = workspace.db().prepare("DELETE FROM rk_rasters WHERE layer = ?1 AND year = ?2 AND path <> ?3");
        drop.bind(1, std::string(kLuchtfotoLayer)).bind(2, *request.year).bind(3, reports.front().raster->path);
        drop.run();
        // The mosaic's checksum covers only the .vrt text: each file it reads is recorded too.
        for (const auto& source : mosaicSources) {
            gis::ProvenanceRecord prov;
            prov.layer = kLuchtfotoLayer;
            prov.action = "register";
            prov.sourcePath = std::filesystem::absolute(source).lexically_normal().string();
            prov.sourceLayer = "deel van VRT-mozaïek " + reports.front().raster->path + ", jaar " +
                               std::to_string(*request.year);
            prov.sha256 = gis::sha256File(source);
            prov.startedAt = startedAt.front();
            prov.finishedAt = core::nowIsoUtc();
            prov.sourceCrs = reports.front().raster->crs;
            prov.user = gis::currentUser();
            workspace.addProvenance(prov);
        }
    }
    for (std::size_t i = 0; i < reports.size(); ++i) {
        const gis::RasterInfo& info = *reports[i].raster;
        gis::storeRaster(workspace.db(), kLuchtfotoLayer, request.year, info);
        gis::ProvenanceRecord prov;
        prov.layer = kLuchtfotoLayer;
        prov.action = "register";
        prov.sourcePath = info.path;
        prov.sourceLayer = info.driver + ", jaar " + std::to_string(*request.year);
        prov.sha256 = info.sha256;
        prov.startedAt = startedAt[i];
        prov.finishedAt = core::nowIsoUtc();
        prov.sourceCrs = info.crs;
        prov.user = gis::currentUser();
        char extent[160];
        std::snprintf(extent, sizeof extent, "%.3f,%.3f,%.3f,%.3f", info.extent.minX, info.extent.minY, info.extent.maxX,
                      info.extent.maxY);
        prov.extent = extent;
        provId = workspace.addProvenance(prov);
    }
    gis::LayerRecord record;
    record.name = kLuchtfotoLayer;
    record.kind = "raster";
    record.classification = "openbaar";
    record.legalBasis = "Luchtfoto's (PDOK / gemeente); geregistreerd, niet gekopieerd";
    if (auto existing = workspace.layer(kLuchtfotoLayer)) {
        record.classification = existing->classification;
        record.legalBasis = existing->legalBasis;
        record.retentionDays = existing->retentionDays;
    }
    record.featureCount = static_cast<std::int64_t>(gis::loadRasters(workspace.db(), kLuchtfotoLayer).size());
    record.updatedAt = core::nowIsoUtc();
    record.provenanceId = provId;
    workspace.registerLayer(record);
    tx.commit();
    return reports;
}

}  // namespace

std::string rejectedFolder(const std::string& workspacePath) { return workspacePath + ".rejected"; }

std::vector<LayerImportReport> importFiles(gis::Workspace& workspace, const ImportRequest& request,
                                           core::Feedback& feedback)
{
    if (request.files.empty()) throw UsageError("geen bestanden om te importeren");
    if (request.layer && *request.layer == kLuchtfotoLayer) return registerAerialPhotos(workspace, request, feedback);
    if (request.year)
        throw UsageError("--year geldt alleen voor luchtfoto's (--layer luchtfoto)");
    std::vector<std::unique_ptr<gis::FeatureSource>> sources;
    for (const auto& file : request.files) {
        if (!std::filesystem::exists(file)) throw InputError("'" + file + "': bestand bestaat niet");
        if (TableSource::handles(file)) sources.push_back(std::make_unique<TableSource>(file));
        else sources.push_back(std::make_unique<gis::VectorSource>(file));
    }
    std::vector<LayerImportReport> reports;
    std::vector<std::string> touched;
    std::vector<std::unique_ptr<LayerImport>> imports;
    gis::Transaction tx(workspace.db());
    for (const auto& source : sources) {
        for (const auto& [sourceLayer, schema] : selectLayers(*source, request)) {
            // A second source for the same layer in one command adds to it.
            const bool append = request.append ||
                                std::find(touched.begin(), touched.end(), schema->name) != touched.end();
            imports.push_back(std::make_unique<LayerImport>(workspace, *source, sourceLayer, *schema, request, append, feedback));
            reports.push_back(imports.back()->run());
            touched.push_back(schema->name);
        }
    }
    tx.commit();
    for (auto& import : imports) import->commitFiles();
    return reports;
}

}  // namespace riskmap::layers
