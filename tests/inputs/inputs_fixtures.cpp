// SPDX-License-Identifier: GPL-3.0-or-later
// Hand-made inputs for the messy-input tests.
#include "inputs_fixtures.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace riskmap::test {

void writeBytes(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

std::string readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::string writeVerblijfsobjectenCsv(const std::string& folder)
{
    const std::string path = folder + "/verblijfsobjecten.csv";
    writeBytes(path,
               "vbo_id;postcode;huisnummer;huisletter;toevoeging;x;y\n"
               "V12;3941AB;12;;;155012;463012\n"
               "V12A;3941AB;12;A;;155013;463013\n"
               "V14;3941AB;14;;;155014;463014\n"
               "V71;3941AC;7;;1;155071;463071\n"
               "V72;3941AC;7;;2;155072;463072\n"
               "V30;3941AD;30;;bis;155030;463030\n");
    return path;
}

std::vector<layers::LayerImportReport> importInto(gis::Workspace& ws, const std::vector<std::string>& files,
                                                  const std::string& layer, const std::string& crs)
{
    layers::ImportRequest request;
    request.files = files;
    request.layer = layer;
    if (!crs.empty()) request.crs = crs;
    core::Feedback feedback;
    return layers::importFiles(ws, request, feedback);
}

void writeVestigingenXlsx(const std::string& path, const std::vector<SheetRow>& rows)
{
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("XLSX");
    ASSERT_NE(driver, nullptr);
    GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    ASSERT_NE(ds, nullptr);
    OGRLayer* layer = ds->CreateLayer("KvK-uittreksel", nullptr, wkbNone, nullptr);
    ASSERT_NE(layer, nullptr);
    OGRFieldDefn vn("vestigingsnummer", OFTInteger64);
    OGRFieldDefn kvk("kvk_nummer", OFTInteger64);
    layer->CreateField(&vn);
    layer->CreateField(&kvk);
    const char* textFields[] = {"handelsnaam", "sbi_code", "postcode", "huisnummer", "huisletter", "toevoeging"};
    for (const char* name : textFields) {
        OGRFieldDefn f(name, OFTString);
        layer->CreateField(&f);
    }
    for (const auto& row : rows) {
        OGRFeature* feature = OGRFeature::CreateFeature(layer->GetLayerDefn());
        feature->SetField(0, static_cast<GIntBig>(row.vestigingsnummer));
        feature->SetField(1, static_cast<GIntBig>(row.kvkNummer));
        for (std::size_t i = 0; i < row.text.size(); ++i)
            if (!row.text[i].empty()) feature->SetField(static_cast<int>(i + 2), row.text[i].c_str());
        EXPECT_EQ(layer->CreateFeature(feature), OGRERR_NONE);
        OGRFeature::DestroyFeature(feature);
    }
    GDALClose(ds);
}

std::vector<std::string> csvLines(const std::string& path)
{
    std::string text = readBytes(path);
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find("\r\n", start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

}  // namespace riskmap::test
