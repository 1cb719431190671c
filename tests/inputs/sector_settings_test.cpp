// SPDX-License-Identifier: GPL-3.0-or-later
// `[sectors]` in the project file: risky prefixes expanded over SBI 2008 and 2025, known codes.
#include "inputs_fixtures.hpp"
#include "test_support.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/importer.hpp"
#include "riskmap/layers/project_file.hpp"
#include "riskmap/layers/sbi_reference.hpp"
#include "riskmap/layers/sector_settings.hpp"

#include <gtest/gtest.h>

using namespace riskmap;
using riskmap::test::TempDir;

namespace {

layers::ProjectFile writeProject(const TempDir& dir, const std::string& toml)
{
    test::writeBytes(dir.file("project.toml"), toml);
    return layers::ProjectFile::load(dir.file("project.toml"));
}

TEST(SectorSettings, BundledSbi2008ListIsComplete)
{
    // SOURCE.md: 1455 codes on all levels.
    EXPECT_EQ(layers::sbi2008Catalogue().size(), 1455u);
    EXPECT_TRUE(layers::sbi2008Catalogue().known("01131"));
    EXPECT_EQ(layers::sbi2008Catalogue().description("45.11").value_or("").substr(0, 18), "Handel in en repar");
    EXPECT_FALSE(layers::sbi2008Catalogue().known("9999"));
}

TEST(SectorSettings, RiskyListExpandsThroughCorrespondence)
{
    TempDir dir;
    test::writeBytes(dir.file("corr.csv"), "sbi2008;sbi2025;omschrijving\n45.19;45.19;zwaar\n45.19;45.21;caravans\n"
                                           "96.02.1;96.21;kappers\n01.13;01.13;groente\n");
    const auto project = writeProject(dir, "[sectors]\nrisky = [\"45.19\", \"9602\"]\nversion = \"2008\"\n"
                                           "correspondence = \"corr.csv\"\n");
    const auto settings = layers::readSectorSettings(project);
    EXPECT_EQ(settings.correspondenceFile, dir.file("corr.csv"));
    // 2008 prefixes kept; 45.19 adds 2025's 4521 (4519 already there); 9602 covers 96021 → adds 9621.
    EXPECT_EQ(settings.riskySectorPrefixes(), (std::vector<std::string>{"4519", "4521", "9602", "9621"}));
    EXPECT_EQ(layers::riskySectorPrefixes(project), settings.riskySectorPrefixes());
    // 4521 is not in SBI 2008 but the correspondence names it: known.
    EXPECT_FALSE(layers::sbi2008Catalogue().known("4521"));
    EXPECT_TRUE(settings.knownCode("4521"));
    EXPECT_FALSE(settings.knownCode("9998"));
}

TEST(SectorSettings, DefaultsAndErrors)
{
    TempDir dir;
    const auto plain = writeProject(dir, "[project]\nname = \"x\"\n");
    const auto settings = layers::readSectorSettings(plain);
    EXPECT_EQ(settings.risky, layers::defaultRiskySectors());
    EXPECT_EQ(settings.riskySectorPrefixes().size(), layers::defaultRiskySectors().size());
    for (const auto& code : layers::defaultRiskySectors())
        EXPECT_TRUE(layers::sbi2008Catalogue().known(code)) << code;  // the defaults are real SBI 2008 codes

    EXPECT_THROW(layers::readSectorSettings(writeProject(dir, "[sectors]\nrisky = [4511]\n")), UsageError);
    EXPECT_THROW(layers::readSectorSettings(writeProject(dir, "[sectors]\nrisky = [\"45a\"]\n")), UsageError);
    EXPECT_THROW(layers::readSectorSettings(writeProject(dir, "[sectors]\nversion = \"2010\"\n")), UsageError);
    EXPECT_THROW(layers::readSectorSettings(writeProject(dir, "[sectors]\ncorrespondence = \"nope.csv\"\n")), UsageError);
    test::writeBytes(dir.file("bad.csv"), "sbi2008;sbi2025\n45.1x;4511\n");
    EXPECT_THROW(layers::readSectorSettings(writeProject(dir, "[sectors]\ncorrespondence = \"bad.csv\"\n")), UsageError);
}

}  // namespace

namespace {

TEST(SectorSettings, ImportCountsCodesUnknownToEveryList)
{
    TempDir dir;
    test::writeBytes(dir.file("corr.csv"), "sbi2008;sbi2025\n45.19;45.21\n");
    const auto project = writeProject(dir, "[sectors]\ncorrespondence = \"corr.csv\"\n");
    const std::string csv = dir.file("kvk.csv");
    // 4521 exists only in SBI 2025 (via the correspondence); 0002 is a KvK code CBS does not list.
    test::writeBytes(csv, "vestigingsnummer;sbi_code;x;y\n1;45.21;155000;463000\n2;0002;155001;463001\n3;01.13.1;155002;463002\n");
    auto ws = gis::Workspace::create(dir.file("ws.sqlite"));
    layers::ImportRequest request;
    request.files = {csv};
    request.layer = "vestigingen";
    request.crs = "EPSG:28992";
    core::Feedback feedback;
    const auto without = layers::importFiles(ws, request, feedback).front();
    EXPECT_EQ(without.sbiUnknown, 2);  // 4521 and 0002
    request.sectors = layers::readSectorSettings(project);
    const auto with = layers::importFiles(ws, request, feedback).front();
    EXPECT_EQ(with.sbiUnknown, 1);  // 0002 only
    ASSERT_EQ(with.warnings.size(), 1u);
    EXPECT_NE(with.warnings[0].find("0002"), std::string::npos) << with.warnings[0];
    EXPECT_EQ(with.imported, 3);
    EXPECT_EQ(ws.db().queryText("SELECT group_concat(sbi_code, ',') FROM (SELECT sbi_code FROM vestigingen ORDER BY fid)"),
              "4521,0002,01131");
    EXPECT_EQ(ws.db().queryText("SELECT group_concat(vestigingsnummer, ',') FROM (SELECT * FROM vestigingen ORDER BY fid)"),
              "000000000001,000000000002,000000000003");
}

}  // namespace
