// SPDX-License-Identifier: GPL-3.0-or-later
// Kill -9 in the middle of an import: the workspace must be exactly as before.
#include "riskmap/gis/workspace.hpp"
#include "test_support.hpp"
#include "vector_fixtures.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

using namespace riskmap;

namespace {

test::FixtureLayer addresses(int n)
{
    test::FixtureLayer layer{"verblijfsobjecten", "POINT", 28992, {{"vbo_id"}, {"postcode"}, {"huisnummer"}}, {}};
    layer.features.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        char wkt[64];
        std::snprintf(wkt, sizeof wkt, "POINT(%d %d)", 140000 + i % 30000, 440000 + i / 30000);
        layer.features.push_back({wkt, {std::to_string(1000000000000000LL + i), "3911AB", std::to_string(i % 200 + 1)}});
    }
    return layer;
}

std::string slurp(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST(ImportKill, KilledImportLeavesTheWorkspaceIntact)
{
    test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    ASSERT_EQ(test::runCli({"init", ws}).exitCode, 0);
    test::writeVectorFile(dir.file("small.gpkg"), "GPKG", {addresses(10)});
    ASSERT_EQ(test::runCli({"import", ws, dir.file("small.gpkg")}).exitCode, 0);
    test::writeVectorFile(dir.file("big.gpkg"), "GPKG", {addresses(600000)});

    const std::string errFile = dir.file("stderr.txt");
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        FILE* err = std::fopen(errFile.c_str(), "w");
        dup2(fileno(err), STDERR_FILENO);
        execl(RISKMAP_CLI, RISKMAP_CLI, "import", ws.c_str(), dir.file("big.gpkg").c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    // Kill while the import is writing rows.
    bool sawProgress = false;
    for (int i = 0; i < 600 && !sawProgress; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const std::string err = slurp(errFile);
        // The CLI reports progress once a stage runs longer than a second: any
        // percentage below 100 means rows are being written right now.
        for (int tenth = 0; tenth < 10 && !sawProgress; ++tenth)
            sawProgress = err.find("import verblijfsobjecten: " + std::to_string(tenth * 10) + "%") != std::string::npos;
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid) FAIL() << "import finished before it could be killed: " << err;
    }
    ASSERT_TRUE(sawProgress) << slurp(errFile);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));

    auto workspace = gis::Workspace::open(ws);
    EXPECT_EQ(workspace.db().queryText("PRAGMA integrity_check").value_or(""), "ok");
    EXPECT_EQ(workspace.countRows("verblijfsobjecten"), 10);
    EXPECT_EQ(workspace.layer("verblijfsobjecten")->featureCount, 10);
    EXPECT_EQ(workspace.provenance().size(), 1u);
    // The R*Tree still answers for the old rows only.
    EXPECT_EQ(workspace.db().queryInt("SELECT count(*) FROM idx_verblijfsobjecten_geom").value_or(-1), 10);
}
