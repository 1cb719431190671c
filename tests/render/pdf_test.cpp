// SPDX-License-Identifier: GPL-3.0-or-later
// Printed maps, atlas and the driehoek briefing on one XS sample: privacy, georeferencing, size, vector text.
#include "test_support.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/audit_log.hpp"
#include "riskmap/gis/sqlite_db.hpp"
#include "riskmap/render/briefing.hpp"
#include "riskmap/render/map_pdf.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <QImage>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>

namespace riskmap::test {
namespace {

class PdfXs : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = new TempDir();
        auto ok = [](const CommandResult& r) { ASSERT_EQ(r.exitCode, 0) << r.out << r.err; };
        ok(runCli({"sample", "--out", s_dir->file("data"), "--scale", "XS", "--no-photos"}));
        ok(runCli({"init", ws()}));
        ok(runCli({"import", ws(), s_dir->file("data/heuvelrug.gpkg")}));
        ok(runCli({"build", ws()}));
        // Two briefings: the second prints the hash of the first one's audit entry.
        ok(runCli({"brief", ws(), "--out", s_dir->file("brief1.pdf"), "--purpose", "eerste"}));
        ok(runCli({"brief", ws(), "--out", s_dir->file("brief.pdf"), "--profile", "driehoek", "--purpose", "driehoek mei"}));
    }
    static void TearDownTestSuite()
    {
        // RISKMAP_KEEP_PDF=DIR keeps the documents for looking at them (pdftoppm).
        if (const char* keep = std::getenv("RISKMAP_KEEP_PDF"))
            for (const auto& e : std::filesystem::directory_iterator(s_dir->path()))
                if (e.path().extension() == ".pdf" || e.path().extension() == ".png")
                    std::filesystem::copy_file(e.path(), std::filesystem::path(keep) / e.path().filename(),
                                               std::filesystem::copy_options::overwrite_existing);
        delete s_dir;
    }
    static std::string ws() { return s_dir->file("ws.sqlite"); }
    static std::vector<std::string> column(const std::string& q)
    {
        gis::SpatialiteDb db(ws(), gis::SpatialiteDb::Mode::ReadOnly);
        std::vector<std::string> out;
        auto st = db.prepare(q);
        while (st.step())
            if (!st.isNull(0)) out.push_back(st.columnText(0));
        return out;
    }
    static std::string pdfText(const std::string& pdf)
    {
        const auto r = runProgram("/usr/bin/pdftotext", {"-layout", pdf, "-"});
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return r.out;
    }
    static int pdfPages(const std::string& pdf)
    {
        const auto r = runProgram("/usr/bin/pdfinfo", {pdf});
        std::smatch m;
        if (!std::regex_search(r.out, m, std::regex("Pages:\\s+(\\d+)"))) return -1;
        return std::stoi(m[1]);
    }
    static TempDir* s_dir;
};
TempDir* PdfXs::s_dir = nullptr;

std::string collapse(const std::string& s, bool dropSpaces)
{
    std::string out;
    for (char c : s) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!dropSpaces && !out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

TEST_F(PdfXs, BriefingHoldsNoPersonalData)
{
    const std::string text = pdfText(s_dir->file("brief.pdf"));
    ASSERT_GT(text.size(), 500u);
    const std::string spaced = collapse(text, false), tight = collapse(text, true);

    std::size_t checked = 0;
    auto absent = [&](const std::vector<std::string>& values, const char* what, bool tightMatch) {
        for (const auto& v : values) {
            const std::string needle = collapse(v, tightMatch);
            if (needle.empty()) continue;
            ++checked;
            EXPECT_EQ((tightMatch ? tight : spaced).find(needle), std::string::npos) << what << " in de briefing: " << v;
        }
    };
    absent(column("SELECT vestigingsnummer FROM vestigingen"), "vestigingsnummer", false);
    absent(column("SELECT kvk_nummer FROM vestigingen"), "kvk_nummer", false);
    absent(column("SELECT handelsnaam FROM vestigingen"), "handelsnaam", false);
    absent(column("SELECT postcode || huisnummer FROM verblijfsobjecten"), "postcode+huisnummer", true);
    absent(column("SELECT postcode || huisnummer FROM vestigingen"), "postcode+huisnummer", true);
    absent(column("SELECT perceel_id FROM percelen"), "perceel_id", false);
    absent(column("SELECT incident_id FROM incidenten"), "incident_id", false);
    EXPECT_GT(checked, 10000u);  // the XS sample has thousands of these; none may slip through
}

TEST_F(PdfXs, BriefingCarriesBannerAuditHashAndIsLogged)
{
    const std::string text = collapse(pdfText(s_dir->file("brief.pdf")), false);
    EXPECT_NE(text.find("Intern — geaggregeerd, voor de driehoek (geen persoonsgegevens)"), std::string::npos);
    EXPECT_EQ(pdfPages(s_dir->file("brief.pdf")), 3);
    // No ligatures: copied text must read as written (an "ff" in a hash would otherwise break).
    EXPECT_NE(text.find("profiel driehoek"), std::string::npos);

    gis::SpatialiteDb db(ws(), gis::SpatialiteDb::Mode::ReadOnly);
    const auto log = gis::readAudit(db);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[1].action, "brief");
    EXPECT_EQ(log[1].profile, "driehoek");
    EXPECT_EQ(log[1].purpose, "driehoek mei");
    // The briefing prints the log's latest hash at the time it was made: the first briefing's entry.
    EXPECT_EQ(log[1].prevHash, log[0].hash);
    EXPECT_NE(collapse(text, true).find(log[0].hash), std::string::npos);
    EXPECT_EQ(gis::verifyAudit(db), 2);
    // The sample's first run: nothing to compare with, and the briefing says so.
    EXPECT_NE(text.find("dit is de eerste run"), std::string::npos);
}

TEST_F(PdfXs, BriefingRefusesOtherProfiles)
{
    const auto r = runCli({"brief", ws(), "--out", s_dir->file("x.pdf"), "--profile", "riec"});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_FALSE(std::filesystem::exists(s_dir->file("x.pdf")));
}

TEST_F(PdfXs, BlocksAggregateTheCellsIndependently)
{
    // Brute force: group the 100 m cell centres into 500 m blocks in C++.
    gis::SpatialiteDb db(ws(), gis::SpatialiteDb::Mode::ReadOnly);
    std::map<std::pair<long, long>, std::pair<double, int>> sums;
    auto st = db.prepare("SELECT X(Centroid(geom)), Y(Centroid(geom)), gelegenheid_score FROM gelegenheidskaart");
    int cells = 0;
    while (st.step()) {
        auto& s = sums[{long(std::floor(st.columnDouble(0) / 500)), long(std::floor(st.columnDouble(1) / 500))}];
        s.first += st.columnDouble(2);
        ++s.second;
        ++cells;
    }
    const auto blocks = render::aggregateBlocks(ws());
    ASSERT_EQ(blocks.size(), sums.size());
    std::int64_t total = 0;
    for (const auto& b : blocks) {
        const auto& s = sums.at({long(b.bx), long(b.by)});
        EXPECT_EQ(b.cells, s.second);
        EXPECT_NEAR(b.meanScore, s.first / s.second, 1e-9);
        total += b.cells;
    }
    EXPECT_EQ(total, cells);
    for (std::size_t i = 1; i < blocks.size(); ++i) EXPECT_GE(blocks[i - 1].meanScore, blocks[i].meanScore);
    EXPECT_EQ(render::suppressedCount(4), "<5");
    EXPECT_EQ(render::suppressedCount(0), "0");
    EXPECT_EQ(render::suppressedCount(5), "5");
}

TEST_F(PdfXs, MapPdfIsGeoreferencedInRdNew)
{
    render::MapDocumentOptions o;
    o.layers = {"percelen", "gelegenheidskaart", "risico_bedrijventerreinen"};
    o.extent = gis::Box{162000, 447000, 166000, 450000};
    o.paper = render::Paper::A4;
    o.orientation = render::Orientation::Landscape;
    o.title = "Gelegenheidskaart Veenendaal";
    o.banner = "Vertrouwelijk — uitsluitend RIEC-partners";
    o.outPath = s_dir->file("map.pdf");
    const auto report = render::writeMapDocument(ws(), o);
    EXPECT_EQ(report.pages, 1);

    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(o.outPath.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    ASSERT_TRUE(ds);
    double gt[6];
    ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    ASSERT_TRUE(srs);
    OGRSpatialReference copy(*srs);
    copy.AutoIdentifyEPSG();
    ASSERT_NE(copy.GetAuthorityCode(nullptr), nullptr);
    EXPECT_STREQ(copy.GetAuthorityCode(nullptr), "28992");

    // The neatline (the georeferenced frame) in pixel space gives the frame corners.
    const char* neatline = ds->GetMetadataItem("NEATLINE");
    ASSERT_NE(neatline, nullptr);
    std::vector<double> nums;
    std::regex number("-?[0-9]+\\.?[0-9]*(e[-+]?[0-9]+)?");
    const std::string wkt(neatline);
    for (auto it = std::sregex_iterator(wkt.begin(), wkt.end(), number); it != std::sregex_iterator(); ++it)
        nums.push_back(std::stod(it->str()));
    ASSERT_GE(nums.size(), 8u);
    double minx = 1e18, maxx = -1e18, miny = 1e18, maxy = -1e18;
    for (std::size_t i = 0; i + 1 < nums.size(); i += 2) {
        minx = std::min(minx, nums[i]);
        maxx = std::max(maxx, nums[i]);
        miny = std::min(miny, nums[i + 1]);
        maxy = std::max(maxy, nums[i + 1]);
    }
    const double tol = 0.01 * (o.extent->xmax - o.extent->xmin);
    EXPECT_NEAR(minx, o.extent->xmin, tol);
    EXPECT_NEAR(maxx, o.extent->xmax, tol);
    EXPECT_NEAR(miny, o.extent->ymin, tol);
    EXPECT_NEAR(maxy, o.extent->ymax, tol);
    // The geotransform (over the whole page) puts the frame's corners on the requested extent.
    // A4 landscape is 842 × 595 pt; GDAL rasterises it to whole pixels per axis.
    const double pageH = 595.0;
    const double sx = ds->GetRasterXSize() / 842.0, sy = ds->GetRasterYSize() / pageH;
    const QRectF f = report.frameBoxPt;  // PDF points, origin bottom-left
    auto world = [&](double xPt, double yPt) {
        const double col = xPt * sx, row = (pageH - yPt) * sy;
        return std::pair{gt[0] + gt[1] * col + gt[2] * row, gt[3] + gt[4] * col + gt[5] * row};
    };
    const auto [x0, y0] = world(f.left(), f.top());       // lower-left
    const auto [x1, y1] = world(f.right(), f.bottom());   // upper-right
    EXPECT_NEAR(x0, o.extent->xmin, tol);
    EXPECT_NEAR(y0, o.extent->ymin, tol);
    EXPECT_NEAR(x1, o.extent->xmax, tol);
    EXPECT_NEAR(y1, o.extent->ymax, tol);
    // Square pixels up to GDAL's whole-pixel page size: the frame is not distorted.
    EXPECT_NEAR(gt[1], -gt[5], 1e-3 * std::abs(gt[1]));
    const std::string text = pdfText(o.outPath);
    EXPECT_NE(text.find("RD New (EPSG:28992)"), std::string::npos);
    EXPECT_NE(text.find("Indicatief, geen bewijs"), std::string::npos);
}

TEST_F(PdfXs, TransparentA3StaysSmallVectorAndKeepsText)
{
    render::MapDocumentOptions o;
    o.layers = {"percelen", "panden", "gelegenheidskaart", "risico_bedrijventerreinen"};
    o.opacity = {{"gelegenheidskaart", 0.5}};
    o.paper = render::Paper::A3;
    o.title = "Transparante gelegenheidskaart";
    o.banner = "Vertrouwelijk — uitsluitend RIEC-partners";
    o.outPath = s_dir->file("a3.pdf");
    const auto report = render::writeMapDocument(ws(), o);
    EXPECT_GT(report.stats.featuresDrawn, 10000u);
    EXPECT_LT(report.bytes, 5u * 1024 * 1024);
    RecordProperty("a3_bytes", std::to_string(report.bytes));
    std::cout << "A3 met 50 % transparante laag: " << report.bytes << " bytes, " << report.stats.featuresDrawn
              << " objecten, " << report.stats.verticesDrawn << " hoekpunten\n";
    // Transparency must not rasterise the page: no images at all in the PDF.
    const auto images = runProgram("/usr/bin/pdfimages", {"-list", o.outPath});
    ASSERT_EQ(images.exitCode, 0) << images.err;
    EXPECT_LE(std::count(images.out.begin(), images.out.end(), '\n'), 2) << images.out;  // header lines only
    const std::string text = collapse(pdfText(o.outPath), false);
    EXPECT_NE(text.find("Transparante gelegenheidskaart"), std::string::npos);
    EXPECT_NE(text.find("Vertrouwelijk — uitsluitend RIEC-partners"), std::string::npos);
    EXPECT_EQ(pdfPages(o.outPath), 1);
}

/// The size bound at scale S (DESIGN.md budget): set RISKMAP_S_WORKSPACE to a built S workspace.
TEST(PdfScaleS, TransparentA3OfTheRiskMapStaysUnderFiveMegabytes)
{
    const char* ws = std::getenv("RISKMAP_S_WORKSPACE");
    if (!ws) GTEST_SKIP() << "RISKMAP_S_WORKSPACE not set";
    TempDir dir;
    render::MapDocumentOptions o;
    o.layers = {"percelen", "risico_percelen", "risico_bedrijventerreinen"};
    o.opacity = {{"risico_percelen", 0.5}};
    o.paper = render::Paper::A3;
    o.title = "Risicokaart S";
    o.outPath = dir.file("s.pdf");
    const auto report = render::writeMapDocument(ws, o);
    std::cout << "S A3: " << report.bytes << " bytes, " << report.stats.featuresDrawn << " objecten, "
              << report.stats.verticesDrawn << " hoekpunten, " << report.stats.milliseconds << " ms render\n";
    EXPECT_LT(report.bytes, 5u * 1024 * 1024);
    if (const char* keep = std::getenv("RISKMAP_KEEP_PDF"))
        std::filesystem::copy_file(o.outPath, std::filesystem::path(keep) / "s.pdf",
                                   std::filesystem::copy_options::overwrite_existing);
}

TEST_F(PdfXs, PngMapHasThePaperSizeAtTheResolution)
{
    render::MapDocumentOptions o;
    o.layers = {"gelegenheidskaart"};
    o.paper = render::Paper::A4;
    o.orientation = render::Orientation::Portrait;
    o.dpi = 100;
    o.title = "PNG";
    o.outPath = s_dir->file("map.png");
    render::writeMapDocument(ws(), o);
    QImage image(QString::fromStdString(o.outPath));
    ASSERT_FALSE(image.isNull());
    // A4 = 595 × 842 pt; at 100 dpi that is 826 × 1169 pixels.
    EXPECT_NEAR(image.width(), 595.0 / 72 * 100, 1.0);
    EXPECT_NEAR(image.height(), 842.0 / 72 * 100, 1.0);
}

TEST_F(PdfXs, AtlasHasOnePagePerBusinessPark)
{
    render::AtlasOptions a;
    a.layer = "risico_bedrijventerreinen";
    a.profile = layers::Profile::Driehoek;
    a.page.layers = {"wegen", "risico_bedrijventerreinen"};
    a.page.title = "Bedrijventerreinen";
    a.page.outPath = s_dir->file("atlas.pdf");
    const auto report = render::writeAtlas(ws(), a);
    const auto parks = column("SELECT naam FROM risico_bedrijventerreinen");
    ASSERT_FALSE(parks.empty());
    EXPECT_EQ(report.pages, static_cast<int>(parks.size()));
    EXPECT_EQ(pdfPages(a.page.outPath), static_cast<int>(parks.size()));
    const std::string text = collapse(pdfText(a.page.outPath), false);
    for (const auto& name : parks) EXPECT_NE(text.find(name), std::string::npos) << name;
    EXPECT_NE(text.find("Intern — geaggregeerd, voor de driehoek"), std::string::npos);
    // Nor buildings (one row per pand) as background on a driehoek page.
    a.page.layers = {"panden"};
    a.page.outPath = s_dir->file("panden.pdf");
    EXPECT_THROW(render::writeAtlas(ws(), a), Error);
    EXPECT_FALSE(std::filesystem::exists(a.page.outPath));
    // The driehoek may not have a parcel atlas at all.
    a.layer = "risico_percelen";
    a.page.outPath = s_dir->file("percelen.pdf");
    EXPECT_THROW(render::writeAtlas(ws(), a), Error);
    EXPECT_FALSE(std::filesystem::exists(a.page.outPath));
}

}  // namespace
}  // namespace riskmap::test
