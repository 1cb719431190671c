// SPDX-License-Identifier: GPL-3.0-or-later
// Hand-made inputs for the messy-input tests: a BAG address list, CSV bytes, an Excel sheet.
#pragma once

#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/importer.hpp"

#include <string>
#include <vector>

namespace riskmap::test {

/// Writes bytes as they are (no encoding conversion) to a file.
void writeBytes(const std::string& path, const std::string& bytes);
/// The whole file as bytes.
std::string readBytes(const std::string& path);

/// Six verblijfsobjecten (RD x/y, `;` CSV) to geocode against:
///   V12  3941AB 12        (155012, 463012)     V12A 3941AB 12 A   (155013, 463013)
///   V14  3941AB 14        (155014, 463014)     V71  3941AC 7 -1   (155071, 463071)
///   V72  3941AC 7 -2      (155072, 463072)     V30  3941AD 30 bis (155030, 463030)
std::string writeVerblijfsobjectenCsv(const std::string& folder);

/// Imports files with the given request fields into a workspace.
std::vector<layers::LayerImportReport> importInto(gis::Workspace& ws, const std::vector<std::string>& files,
                                                  const std::string& layer, const std::string& crs = {});

/// An .xlsx (written with GDAL's XLSX driver) whose first two columns are numeric cells.
/// `rows` hold vestigingsnummer and kvk_nummer as numbers, then the text cells
/// handelsnaam, sbi_code, postcode, huisnummer, huisletter, toevoeging.
struct SheetRow {
    long long vestigingsnummer;
    long long kvkNummer;
    std::vector<std::string> text;
};
void writeVestigingenXlsx(const std::string& path, const std::vector<SheetRow>& rows);

/// The rejected-rows CSV as lines (BOM removed, CRLF split).
std::vector<std::string> csvLines(const std::string& path);

}  // namespace riskmap::test
