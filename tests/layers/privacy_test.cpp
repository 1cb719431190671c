// SPDX-License-Identifier: GPL-3.0-or-later
// The audit log's hash chain and the retention purge (really gone from the file).
#include "riskmap/core/error.hpp"
#include "riskmap/gis/audit_log.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/importer.hpp"
#include "riskmap/layers/retention.hpp"
#include "test_support.hpp"
#include "vector_fixtures.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace riskmap;

namespace {

std::string fileBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST(AuditLog, ChainVerifiesAndNamesTheTamperedEntry)
{
    test::TempDir dir;
    const std::string path = dir.file("ws.sqlite");
    {
        auto ws = gis::Workspace::create(path);
        EXPECT_EQ(gis::latestAuditHash(ws.db()), gis::kAuditGenesis);
        gis::appendAudit(ws.db(), "export", "risico_percelen → a.gpkg", "riec", "RIEC-casus 12", "");
        const auto second = gis::appendAudit(ws.db(), "export", "incidenten → b.csv", "analist", "analyse", "");
        gis::appendAudit(ws.db(), "brief", "briefing.pdf", "driehoek", "driehoeksoverleg", "");
        EXPECT_EQ(gis::verifyAudit(ws.db()), 3);
        EXPECT_EQ(second.prevHash, gis::readAudit(ws.db())[0].hash);
        // Append-only: plain SQL cannot change or remove an entry.
        EXPECT_THROW(ws.db().exec("UPDATE rk_audit SET purpose = 'x' WHERE seq = 2"), SqliteError);
        EXPECT_THROW(ws.db().exec("DELETE FROM rk_audit WHERE seq = 2"), SqliteError);
    }
    EXPECT_EQ(test::runCli({"audit", path, "--verify"}).exitCode, 0);

    // Someone with direct file access drops the trigger and edits entry 2.
    {
        gis::SpatialiteDb db(path, gis::SpatialiteDb::Mode::ReadWrite);
        db.exec("DROP TRIGGER rk_audit_no_update; UPDATE rk_audit SET profile = 'riec' WHERE seq = 2");
    }
    const auto tampered = test::runCli({"audit", path, "--verify"});
    EXPECT_EQ(tampered.exitCode, 3);
    EXPECT_NE(tampered.err.find("regel 2"), std::string::npos) << tampered.err;
    EXPECT_NE(tampered.err.find("inhoud gewijzigd"), std::string::npos) << tampered.err;

    // Removing an entry breaks the chain too.
    {
        gis::SpatialiteDb db(path, gis::SpatialiteDb::Mode::ReadWrite);
        db.exec("UPDATE rk_audit SET profile = 'analist' WHERE seq = 2; DROP TRIGGER rk_audit_no_delete; DELETE FROM rk_audit WHERE seq = 2");
        try {
            gis::verifyAudit(db);
            ADD_FAILURE() << "expected a verification error";
        } catch (const VerificationError& e) {
            EXPECT_NE(std::string(e.what()).find("regel 3"), std::string::npos) << e.what();
        }
    }
}

namespace {

/// Incidents with known fates on 2026-06-01 (retention of the layer: 5 × 365 days).
test::FixtureLayer incidents()
{
    test::FixtureLayer layer{"incidenten", "POINT", 28992,
                             {{"incident_id"}, {"soort"}, {"datum"}, {"opgevolgd"}, {"bewaren_tot"}}, {}};
    auto add = [&](const char* id, const char* soort, const char* datum, const char* opgevolgd, std::optional<std::string> tot) {
        layer.features.push_back({"POINT(150000 450000)", {id, soort, datum, opgevolgd, tot}});
    };
    add("WEG-BEWAARTOT-7391", "drugsafval", "2025-01-10", "1", std::string("2026-01-01"));  // past bewaren_tot
    add("WEG-SIGNAAL-5521", "signaal", "2025-03-01", "0", std::nullopt);                    // signal, > 1 year, not followed
    add("BLIJFT-SIGNAAL-OPGEVOLGD", "signaal", "2025-03-01", "1", std::nullopt);            // followed up: kept
    add("BLIJFT-SIGNAAL-JONG", "signaal", "2025-09-01", "0", std::nullopt);                 // < 1 year
    add("WEG-OUD-8812", "hennepteelt", "2020-01-15", "1", std::nullopt);                    // > 5 years
    add("BLIJFT-RECENT", "drugslab", "2024-11-11", "1", std::string("2030-01-01"));
    return layer;
}

}  // namespace

TEST(Retention, PurgeRemovesExactlyWhatIsPastAndTheBytesAreGone)
{
    test::TempDir dir;
    const std::string path = dir.file("ws.sqlite");
    test::writeVectorFile(dir.file("inc.gpkg"), "GPKG", {incidents()});
    {
        auto ws = gis::Workspace::create(path);
        layers::ImportRequest request;
        request.files = {dir.file("inc.gpkg")};
        core::Feedback feedback;
        layers::importFiles(ws, request, feedback);
    }
    const bool presentBefore = fileBytes(path).find("WEG-SIGNAAL-5521") != std::string::npos ||
                               fileBytes(path + "-wal").find("WEG-SIGNAAL-5521") != std::string::npos;
    EXPECT_TRUE(presentBefore) << "the id must be in the file before the purge";

    const auto dry = test::runCli({"purge", path, "--dry-run", "--date", "2026-06-01"});
    ASSERT_EQ(dry.exitCode, 0) << dry.err;
    EXPECT_NE(dry.out.find("3 records zouden"), std::string::npos) << dry.out;
    EXPECT_EQ(gis::Workspace::open(path).countRows("incidenten"), 6);

    const auto purge = test::runCli({"purge", path, "--date", "2026-06-01"});
    ASSERT_EQ(purge.exitCode, 0) << purge.err;
    auto ws = gis::Workspace::open(path);
    EXPECT_EQ(ws.db().queryText("SELECT group_concat(incident_id, ',') FROM (SELECT incident_id FROM incidenten ORDER BY incident_id)").value(),
              "BLIJFT-RECENT,BLIJFT-SIGNAAL-JONG,BLIJFT-SIGNAAL-OPGEVOLGD");
    EXPECT_EQ(ws.layer("incidenten")->featureCount, 3);
    const auto audit = gis::readAudit(ws.db());
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].action, "purge");
    EXPECT_NE(audit[0].details.find("incidenten"), std::string::npos);
    EXPECT_EQ(gis::verifyAudit(ws.db()), 1);
    // secure_delete + checkpoint + VACUUM: no trace of the deleted ids in the bytes.
    for (const char* gone : {"WEG-BEWAARTOT-7391", "WEG-SIGNAAL-5521", "WEG-OUD-8812"}) {
        EXPECT_EQ(fileBytes(path).find(gone), std::string::npos) << gone;
        EXPECT_EQ(fileBytes(path + "-wal").find(gone), std::string::npos) << gone;
    }
    EXPECT_NE(fileBytes(path).find("BLIJFT-RECENT"), std::string::npos);
}
