// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end tests of the riskmap command line: help on every verb, exit codes, run.
#include "riskmap/gis/workspace.hpp"
#include "test_support.hpp"
#include "vector_fixtures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace riskmap;
using test::runCli;

namespace {

/// The verbs `riskmap --help` lists (so a new verb is covered without editing this test).
std::vector<std::string> listedVerbs()
{
    const auto help = runCli({"--help"});
    std::vector<std::string> verbs;
    std::istringstream in(help.out);
    std::string line;
    bool inSubcommands = false;
    while (std::getline(in, line)) {
        if (line.rfind("Subcommands:", 0) == 0) { inSubcommands = true; continue; }
        std::smatch m;
        if (inSubcommands && std::regex_search(line, m, std::regex("^  ([a-z]+) "))) verbs.push_back(m[1]);
    }
    return verbs;
}

}  // namespace

TEST(Cli, HelpWorksOnEveryLevel)
{
    const auto top = runCli({"--help"});
    EXPECT_EQ(top.exitCode, 0);
    const auto verbs = listedVerbs();
    for (const char* expected : {"run", "init", "import", "drop", "info"})
        EXPECT_NE(std::find(verbs.begin(), verbs.end(), expected), verbs.end()) << expected;
    for (const auto& verb : verbs) {
        SCOPED_TRACE(verb);
        const auto r = runCli({verb, "--help"});
        EXPECT_EQ(r.exitCode, 0) << r.err;
        EXPECT_NE(r.out.find("Usage:"), std::string::npos);
        EXPECT_NE(r.out.find(verb), std::string::npos);
    }
}

TEST(Cli, UsageErrorsExitWithTwo)
{
    EXPECT_EQ(runCli({}).exitCode, 2);
    EXPECT_EQ(runCli({"vliegen"}).exitCode, 2);
    EXPECT_EQ(runCli({"init"}).exitCode, 2);
    EXPECT_EQ(runCli({"import", "--onbekend"}).exitCode, 2);
    test::TempDir dir;
    const auto bad = runCli({"run", dir.file("bestaat-niet.toml")});
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_NE(bad.err.find("bestaat-niet.toml"), std::string::npos);
    std::ofstream(dir.file("kapot.toml")) << "[project\nname = 1\n";
    const auto broken = runCli({"run", dir.file("kapot.toml")});
    EXPECT_EQ(broken.exitCode, 2);
    EXPECT_NE(broken.err.find("regel 1"), std::string::npos) << broken.err;
}

TEST(Cli, InitImportInfoDrop)
{
    test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    ASSERT_EQ(runCli({"init", ws}).exitCode, 0);
    const auto again = runCli({"init", ws});
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_NE(again.err.find("bestaat al"), std::string::npos);

    test::FixtureLayer layer{"panden", "MULTIPOLYGON", 28992, {{"pand_id"}, {"status"}}, {}};
    for (int i = 0; i < 4; ++i)
        layer.features.push_back({test::squareWkt(150000 + 20 * i, 450000, 10), {"000010000000000" + std::to_string(i), "Pand in gebruik"}});
    layer.features.push_back({test::squareWkt(150000, 450000, 10), {"0000100000000000", "dubbel"}});
    test::writeVectorFile(dir.file("panden.gpkg"), "GPKG", {layer});

    const auto imported = runCli({"import", ws, dir.file("panden.gpkg")});
    EXPECT_EQ(imported.exitCode, 0) << imported.err;  // a rejected row does not fail the import
    EXPECT_NE(imported.out.find("gelezen       5"), std::string::npos) << imported.out;
    EXPECT_NE(imported.out.find("afgewezen     1"), std::string::npos) << imported.out;
    EXPECT_NE(imported.out.find(".rejected/panden-"), std::string::npos);

    const auto info = runCli({"info", ws});
    EXPECT_EQ(info.exitCode, 0);
    EXPECT_NE(info.out.find("panden"), std::string::npos);
    EXPECT_NE(info.out.find("gelezen 5 = 4 + hersteld 0 + afgewezen 1"), std::string::npos) << info.out;

    EXPECT_EQ(runCli({"drop", ws, "percelen"}).exitCode, 1);
    EXPECT_EQ(runCli({"drop", ws, "panden"}).exitCode, 0);
    auto workspace = gis::Workspace::open(ws);
    EXPECT_FALSE(workspace.db().tableExists("panden"));
    EXPECT_FALSE(workspace.layer("panden"));
    const auto history = workspace.provenance("panden");
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[1].action, "drop");
    EXPECT_NE(runCli({"info", ws, "--history"}).out.find("drop"), std::string::npos);
}

TEST(Cli, ImportIntoMissingWorkspaceFails)
{
    test::TempDir dir;
    const auto r = runCli({"import", dir.file("geen.sqlite"), dir.file("x.gpkg")});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("bestaat niet"), std::string::npos);
}

TEST(Cli, RunOnTheRealDataProjectImportsEveryLayer)
{
    test::TempDir dir;
    const auto r = runCli({"run", test::sourcePath("sample_data/real/project.toml"), "--out", dir.file("out")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto ws = gis::Workspace::open(dir.file("out/workspace.sqlite"), true);
    for (const auto& layer : ws.layers()) {
        SCOPED_TRACE(layer.name);
        EXPECT_GT(layer.featureCount, 0);
        EXPECT_EQ(layer.featureCount, ws.countRows(layer.name));
    }
    EXPECT_GE(ws.layers().size(), 3u);
    EXPECT_NE(r.out.find("Werkruimte"), std::string::npos);
    // Every import adds up.
    for (const auto& p : ws.provenance()) EXPECT_EQ(p.rowsRead, p.rowsImported + p.rowsRepaired + p.rowsRejected);
    // No aerial photos: no change detection.
    EXPECT_FALSE(ws.layer("onbekende_bebouwing"));
    EXPECT_EQ(r.out.find("Veranderingen"), std::string::npos);
}

TEST(Cli, RunWithPhotosAndAPlannerFindsUnregisteredBuildingsAndWritesTheDossiers)
{
    test::TempDir dir;
    std::ofstream(dir.file("project.toml"))
        << "[sample]\nout = \"data\"\nscale = \"XS\"\nseed = 3\nphotos = true\nboundaries = \""
        << test::sourcePath("sample_data/heuvelrug/gemeenten_heuvelrug.gpkg") << "\"\n"
        << "[[sources]]\nfile = \"data/heuvelrug.gpkg\"\n"
        << "[[sources]]\nfile = \"data/luchtfoto_2024.tif\"\nlayer = \"luchtfoto\"\nyear = 2024\n"
        << "[[sources]]\nfile = \"data/luchtfoto_2025.tif\"\nlayer = \"luchtfoto\"\nyear = 2025\n"
        << "[planner]\ncontrols = 2\naddresses_per_control = 10\n";
    const auto r = runCli({"run", dir.file("project.toml"), "--out", dir.file("out")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    ASSERT_NE(r.out.find("Veranderingen 2024 → 2025"), std::string::npos) << r.out;
    // The count printed is the layer's, and every planted barn of the XS sample is found (see ChangeXs).
    const auto at = r.out.find("zonder BAG-pand (laag onbekende_bebouwing, beoordeling 'open'): ");
    ASSERT_NE(at, std::string::npos) << r.out;
    const long printed = std::stol(r.out.substr(at + std::string("zonder BAG-pand (laag onbekende_bebouwing, beoordeling 'open'): ").size()));
    auto ws = gis::Workspace::open(dir.file("out/workspace.sqlite"), true);
    EXPECT_EQ(ws.countRows("onbekende_bebouwing"), printed);
    const std::string json = test::readFileText(dir.file("data/ground_truth.json"));
    long planted = 0;
    for (auto pos = json.find("\"schuur_wkt\""); pos != std::string::npos; pos = json.find("\"schuur_wkt\"", pos + 1)) ++planted;
    EXPECT_GT(planted, 0);
    EXPECT_GE(printed, planted);
    // The plan of the next year, with a dossier (PDF) per control, as `riskmap plan` makes them.
    const auto year = ws.db().queryInt("SELECT max(jaar) FROM controles");
    ASSERT_TRUE(year);
    auto ids = ws.db().prepare("SELECT controle_id FROM controles WHERE jaar = ?1");
    ids.bind(1, *year);
    int controls = 0;
    while (ids.step()) {
        ++controls;
        const auto pdf = dir.file("out/controles-" + std::to_string(*year) + "/dossiers/controledossier_" + ids.columnText(0) + ".pdf");
        EXPECT_TRUE(std::filesystem::exists(pdf)) << pdf;
    }
    EXPECT_EQ(controls, 2);
}
