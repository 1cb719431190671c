// SPDX-License-Identifier: GPL-3.0-or-later
// Control dossiers end to end: XS sample with a photo → build → `riskmap plan` (dossiers) and `riskmap dossier`.
#include "test_support.hpp"

#include "riskmap/gis/audit_log.hpp"
#include "riskmap/gis/sqlite_db.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

namespace riskmap::test {
namespace {

const char* kProject = R"([planner]
controls = 2
addresses_per_control = 10
random_share = 0.2
min_weeks_apart = 8
seed = 7
)";

/// A 3-band photo of 100 × 100 m far outside the study area: it covers no address.
void writeFarPhoto(const std::string& path)
{
    GDALAllRegister();
    auto* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    std::unique_ptr<GDALDataset> ds(driver->Create(path.c_str(), 50, 50, 3, GDT_Byte, nullptr));
    double gt[6] = {20000, 2, 0, 320100, 0, -2};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(28992);
    ds->SetSpatialRef(&srs);
    for (int b = 1; b <= 3; ++b) ds->GetRasterBand(b)->Fill(100 + b);
}

class DossierXs : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = new TempDir();
        auto ok = [](const CommandResult& r) { ASSERT_EQ(r.exitCode, 0) << r.out << r.err; };
        ok(runCli({"sample", "--out", s_dir->file("data"), "--scale", "XS"}));
        ok(runCli({"init", ws()}));
        ok(runCli({"import", ws(), s_dir->file("data/heuvelrug.gpkg")}));
        ok(runCli({"import", ws(), s_dir->file("data/luchtfoto_2024.tif"), "--layer", "luchtfoto", "--year", "2024"}));
        writeFarPhoto(s_dir->file("ver.tif"));
        ok(runCli({"import", ws(), s_dir->file("ver.tif"), "--layer", "luchtfoto", "--year", "2019"}));
        ok(runCli({"build", ws()}));
        std::ofstream(s_dir->file("p.toml")) << kProject;
        s_plan = new CommandResult(runCli({"plan", ws(), "--year", "2027", "--project", s_dir->file("p.toml"), "--out",
                                           s_dir->file("out")}));
    }
    static void TearDownTestSuite()
    {
        delete s_plan;
        delete s_dir;
    }
    static std::string ws() { return s_dir->file("ws.sqlite"); }
    static std::vector<std::string> column(const std::string& q, const std::string& bind = {})
    {
        gis::SpatialiteDb db(ws(), gis::SpatialiteDb::Mode::ReadOnly);
        auto st = db.prepare(q);
        if (!bind.empty()) st.bind(1, bind);
        std::vector<std::string> out;
        while (st.step()) out.push_back(st.columnText(0));
        return out;
    }
    static std::string pdfText(const std::string& pdf, int first = 1, int last = 0)
    {
        std::vector<std::string> args{"-f", std::to_string(first)};
        if (last > 0) args.insert(args.end(), {"-l", std::to_string(last)});
        args.insert(args.end(), {pdf, "-"});
        const auto r = runProgram("pdftotext", args);
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return r.out;
    }
    static int pdfPages(const std::string& pdf)
    {
        const auto r = runProgram("pdfinfo", {pdf});
        std::smatch m;
        if (!std::regex_search(r.out, m, std::regex("Pages:\\s+(\\d+)"))) return -1;
        return std::stoi(m[1].str());
    }
    static std::string dossierPath(const std::string& id) { return s_dir->file("out/dossiers/controledossier_" + id + ".pdf"); }
    static TempDir* s_dir;
    static CommandResult* s_plan;
};
TempDir* DossierXs::s_dir = nullptr;
CommandResult* DossierXs::s_plan = nullptr;

TEST_F(DossierXs, PlanWritesOneDossierPerControlWithAPagePerAddress)
{
    ASSERT_EQ(s_plan->exitCode, 0) << s_plan->out << s_plan->err;
    const auto ids = column("SELECT controle_id FROM controles ORDER BY controle_id");
    ASSERT_EQ(ids.size(), 2u);
    for (const auto& id : ids) {
        ASSERT_TRUE(std::filesystem::exists(dossierPath(id))) << dossierPath(id);
        const auto addresses = column("SELECT adres FROM controle_adressen WHERE controle_id = ? ORDER BY volgorde", id);
        ASSERT_FALSE(addresses.empty());
        EXPECT_EQ(pdfPages(dossierPath(id)), 1 + static_cast<int>(addresses.size()));
        const std::string first = pdfText(dossierPath(id), 1, 1);
        EXPECT_NE(first.find("Controledossier " + id), std::string::npos) << first;
        const auto date = column("SELECT datum FROM controles WHERE controle_id = ?", id);
        EXPECT_NE(first.find(date.at(0)), std::string::npos);
        // Page k + 1 is the k-th address of the route, in the layer's volgorde.
        for (std::size_t k = 0; k < addresses.size(); ++k) {
            const std::string page = pdfText(dossierPath(id), static_cast<int>(k) + 2, static_cast<int>(k) + 2);
            EXPECT_NE(page.find(std::to_string(k + 1) + ". " + addresses[k]), std::string::npos) << k << ": " << page;
            EXPECT_NE(page.find("Luchtfoto 2024"), std::string::npos) << page;
            EXPECT_EQ(page.find("Geen luchtfoto van 2024"), std::string::npos) << page;
            // The far photo covers nothing: said in words, and it comes after 2024 (most recent first).
            const auto missing = page.find("Geen luchtfoto van 2019");
            EXPECT_NE(missing, std::string::npos) << page;
            EXPECT_LT(page.find("Luchtfoto 2024"), missing);
        }
    }
}

TEST_F(DossierXs, DwellingsCarryTheNoEntryWarning)
{
    ASSERT_EQ(s_plan->exitCode, 0);
    const auto ids = column("SELECT controle_id FROM controles ORDER BY controle_id");
    int dwellings = 0, others = 0;
    for (const auto& id : ids) {
        const auto flags = column("SELECT woning FROM controle_adressen WHERE controle_id = ? ORDER BY volgorde", id);
        for (std::size_t k = 0; k < flags.size(); ++k) {
            const std::string page = pdfText(dossierPath(id), static_cast<int>(k) + 2, static_cast<int>(k) + 2);
            const bool warned = page.find("geen toegang zonder toestemming of machtiging") != std::string::npos;
            EXPECT_EQ(warned, flags[k] == "1") << id << " #" << k + 1;
            (flags[k] == "1" ? dwellings : others)++;
        }
    }
    RecordProperty("dwellings", dwellings);
    EXPECT_GT(dwellings + others, 0);
}

TEST_F(DossierXs, ChipsInTheDossierAreTheChipsOfTheChipCommand)
{
    ASSERT_EQ(s_plan->exitCode, 0);
    const auto id = column("SELECT controle_id FROM controles ORDER BY controle_id").at(0);
    const auto vbo = column("SELECT vbo_id FROM controle_adressen WHERE controle_id = ? ORDER BY volgorde LIMIT 1", id).at(0);
    const auto parcel = column("SELECT perceel_id FROM risico_adressen WHERE vbo_id = ?", vbo).at(0);
    const auto r = runCli({"chip", ws(), "--parcel", parcel, "--out", s_dir->file("ref"), "--size", "256"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    GDALAllRegister();
    std::string safe = parcel;
    for (char& c : safe)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
    auto open = [](const std::string& path) {
        return std::unique_ptr<GDALDataset>(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    };
    const auto mine = open(s_dir->file("out/dossiers/chips_" + id + "/" + safe + "_2024.tif"));
    const auto ref = open(s_dir->file("ref/" + safe + "_2024.tif"));
    ASSERT_TRUE(mine && ref);
    double a[6], b[6];
    ASSERT_EQ(mine->GetGeoTransform(a), CE_None);
    ASSERT_EQ(ref->GetGeoTransform(b), CE_None);
    for (int i = 0; i < 6; ++i) EXPECT_DOUBLE_EQ(a[i], b[i]) << i;
    EXPECT_EQ(mine->GetRasterXSize(), 256);
    ASSERT_NE(mine->GetSpatialRef(), nullptr);
    EXPECT_TRUE(mine->GetSpatialRef()->IsSame(ref->GetSpatialRef()));
    // The PDF page of that address embeds one 256 px image per covered year (2024 only).
    const auto list = runProgram("pdfimages", {"-f", "2", "-l", "2", "-list", dossierPath(id)});
    ASSERT_EQ(list.exitCode, 0) << list.err;
    std::istringstream in(list.out);
    std::string line;
    int images = 0;
    while (std::getline(in, line))
        if (std::regex_search(line, std::regex("^\\s*2\\s+\\d+\\s+image\\s+256\\s+256\\b"))) ++images;
    EXPECT_EQ(images, 1) << list.out;
}

TEST_F(DossierXs, DossierCommandWritesOneAuditEntryPerDossier)
{
    ASSERT_EQ(s_plan->exitCode, 0);
    auto dossierEntries = [] {
        gis::SpatialiteDb db(ws(), gis::SpatialiteDb::Mode::ReadOnly);
        int n = 0;
        for (const auto& e : gis::readAudit(db))
            n += e.purpose == "controledossier" && e.profile == "analist" && e.target.rfind("controledossier ", 0) == 0;
        return n;
    };
    EXPECT_EQ(dossierEntries(), 2);  // the two of `riskmap plan`
    const auto id = column("SELECT controle_id FROM controles ORDER BY controle_id").at(1);
    const auto r = runCli({"dossier", ws(), "--control", id, "--out", s_dir->file("d2"), "--chip-size", "128"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(s_dir->file("d2/controledossier_" + id + ".pdf")));
    EXPECT_EQ(dossierEntries(), 3);
    const auto all = runCli({"dossier", ws(), "--all", "--year", "2027", "--out", s_dir->file("d3"), "--chip-size", "64"});
    ASSERT_EQ(all.exitCode, 0) << all.err;
    EXPECT_EQ(dossierEntries(), 5);
    EXPECT_NE(runCli({"dossier", ws(), "--control", "bestaat-niet", "--out", s_dir->file("d4")}).exitCode, 0);
    EXPECT_EQ(dossierEntries(), 5);
    // A dwelling (whatever the draw gave): its page carries the no-entry warning.
    {
        gis::SpatialiteDb db(ws(), gis::SpatialiteDb::Mode::ReadWrite);
        auto st = db.prepare("UPDATE controle_adressen SET woning = 1 WHERE controle_id = ? AND volgorde = 1");
        st.bind(1, id);
        st.run();
    }
    ASSERT_EQ(runCli({"dossier", ws(), "--control", id, "--out", s_dir->file("d5"), "--chip-size", "64"}).exitCode, 0);
    const std::string page = pdfText(s_dir->file("d5/controledossier_" + id + ".pdf"), 2, 2);
    EXPECT_NE(page.find("ja — geen toegang zonder toestemming of machtiging"), std::string::npos) << page;
    EXPECT_EQ(dossierEntries(), 6);
}

}  // namespace
}  // namespace riskmap::test
