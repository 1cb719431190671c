// SPDX-License-Identifier: GPL-3.0-or-later
// Excel/ODS through GDAL's XLSX/ODS drivers, every cell as text.
#include "riskmap/gis/spreadsheet_reader.hpp"

#include "gdal_handles.hpp"
#include "riskmap/core/error.hpp"

#include <cpl_conv.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace riskmap::gis {
namespace {

/// Sets thread-local GDAL config options for a scope and restores them after. GDAL 3.6 knows
/// FIELD_TYPES/HEADERS only as config options (open options came later), and the drivers
/// read the sheet lazily, so the options must hold while rows are read.
class ScopedConfig {
public:
    ScopedConfig(const char* key, const char* value) : m_key(key)
    {
        if (const char* old = CPLGetThreadLocalConfigOption(key, nullptr)) m_old = old;
        CPLSetThreadLocalConfigOption(key, value);
    }
    ~ScopedConfig() { CPLSetThreadLocalConfigOption(m_key, m_old ? m_old->c_str() : nullptr); }
    ScopedConfig(const ScopedConfig&) = delete;
    ScopedConfig& operator=(const ScopedConfig&) = delete;

private:
    const char* m_key;
    std::optional<std::string> m_old;
};

bool isDigits(const std::string& s, std::size_t from, std::size_t n)
{
    if (s.size() < from + n) return false;
    for (std::size_t i = from; i < from + n; ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

/// GDAL writes date cells as `2020/03/01` (and date-times with a time after a space): make them ISO.
std::string isoDateCell(std::string value)
{
    if (isDigits(value, 0, 4) && value.size() >= 10 && value[4] == '/' && value[7] == '/' && isDigits(value, 5, 2) &&
        isDigits(value, 8, 2) && (value.size() == 10 || value[10] == ' ')) {
        value[4] = '-';
        value[7] = '-';
        if (value.size() > 10) value[10] = 'T';
    }
    return value;
}

}  // namespace

bool isSpreadsheetPath(const std::string& path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".xlsx" || ext == ".xlsm" || ext == ".ods";
}

std::vector<SpreadsheetSheet> readSpreadsheet(const std::string& path)
{
    ensureGdalRegistered();
    ScopedConfig xlsxTypes("OGR_XLSX_FIELD_TYPES", "STRING");
    ScopedConfig xlsxHeaders("OGR_XLSX_HEADERS", "FORCE");
    ScopedConfig odsTypes("OGR_ODS_FIELD_TYPES", "STRING");
    ScopedConfig odsHeaders("OGR_ODS_HEADERS", "FORCE");
    const char* drivers[] = {"XLSX", "ODS", nullptr};
    CPLErrorReset();
    GdalDatasetPtr ds(static_cast<GDALDataset*>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr)));
    if (!ds)
        throw InputError("'" + path + "': geen leesbaar Excel- of ODS-bestand: " +
                         lastGdalError("GDAL kan het niet openen (beschadigd of met wachtwoord?)"));
    std::vector<SpreadsheetSheet> sheets;
    for (OGRLayer* layer : ds->GetLayers()) {
        SpreadsheetSheet sheet;
        sheet.name = layer->GetName();
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        const int n = defn->GetFieldCount();
        for (int i = 0; i < n; ++i) sheet.header.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
        layer->ResetReading();
        while (OgrFeaturePtr feature{layer->GetNextFeature()}) {
            std::vector<std::optional<std::string>> row(static_cast<std::size_t>(n));
            for (int i = 0; i < n; ++i)
                if (feature->IsFieldSetAndNotNull(i)) row[static_cast<std::size_t>(i)] = isoDateCell(feature->GetFieldAsString(i));
            sheet.rows.push_back(std::move(row));
        }
        sheets.push_back(std::move(sheet));
    }
    return sheets;
}

}  // namespace riskmap::gis
