// SPDX-License-Identifier: GPL-3.0-or-later
// Kill -9 or Ctrl-C in the middle of an import: the workspace must be exactly as before.
#include "riskmap/gis/workspace.hpp"
#include "test_support.hpp"
#include "vector_fixtures.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
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


/// A workspace holding 10 addresses, and a running `riskmap import` of 600 000 more, caught while it is writing rows.
struct RunningImport {
    test::TempDir dir;
    std::string ws = dir.file("ws.sqlite");
    std::string errFile = dir.file("stderr.txt");
    pid_t pid = -1;

    /// False (with the reason in `why`) when the import could not be caught mid-way.
    bool start(std::string& why)
    {
        if (test::runCli({"init", ws}).exitCode != 0) return why = "init failed", false;
        test::writeVectorFile(dir.file("small.gpkg"), "GPKG", {addresses(10)});
        if (test::runCli({"import", ws, dir.file("small.gpkg")}).exitCode != 0) return why = "first import failed", false;
        test::writeVectorFile(dir.file("big.gpkg"), "GPKG", {addresses(600000)});
        pid = fork();
        if (pid < 0) return why = "fork failed", false;
        if (pid == 0) {
            FILE* err = std::fopen(errFile.c_str(), "w");
            dup2(fileno(err), STDERR_FILENO);
            signal(SIGINT, SIG_DFL);  // as from a terminal, even when this test runs in a background job
            execl(RISKMAP_CLI, RISKMAP_CLI, "import", ws.c_str(), dir.file("big.gpkg").c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        for (int i = 0; i < 600; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            const std::string err = test::readFileText(errFile);
            // The CLI reports progress once a stage runs longer than a second: any
            // percentage below 100 means rows are being written right now.
            for (int tenth = 0; tenth < 10; ++tenth)
                if (err.find("import verblijfsobjecten: " + std::to_string(tenth * 10) + "%") != std::string::npos) return true;
            int status = 0;
            if (waitpid(pid, &status, WNOHANG) == pid) return why = "import finished before it could be stopped: " + err, false;
        }
        return why = "no progress seen: " + test::readFileText(errFile), false;
    }

    int stop(int signal)
    {
        kill(pid, signal);
        int status = 0;
        waitpid(pid, &status, 0);
        return status;
    }

    /// The workspace exactly as before the big import.
    void expectUnchanged()
    {
        auto workspace = gis::Workspace::open(ws);
        EXPECT_EQ(workspace.db().queryText("PRAGMA integrity_check").value_or(""), "ok");
        EXPECT_EQ(workspace.countRows("verblijfsobjecten"), 10);
        EXPECT_EQ(workspace.layer("verblijfsobjecten")->featureCount, 10);
        EXPECT_EQ(workspace.provenance().size(), 1u);
        // The R*Tree still answers for the old rows only.
        EXPECT_EQ(workspace.db().queryInt("SELECT count(*) FROM idx_verblijfsobjecten_geom").value_or(-1), 10);
    }
};

}  // namespace

TEST(ImportKill, KilledImportLeavesTheWorkspaceIntact)
{
    RunningImport import;
    std::string why;
    ASSERT_TRUE(import.start(why)) << why;
    const int status = import.stop(SIGKILL);
    ASSERT_TRUE(WIFSIGNALED(status));
    import.expectUnchanged();
}

TEST(ImportKill, CtrlCCancelsWithExitCode130AndLeavesNothingBehind)
{
    RunningImport import;
    std::string why;
    ASSERT_TRUE(import.start(why)) << why;
    const int status = import.stop(SIGINT);
    ASSERT_TRUE(WIFEXITED(status)) << "killed by the signal instead of cancelling: " << test::readFileText(import.errFile);
    EXPECT_EQ(WEXITSTATUS(status), 130) << test::readFileText(import.errFile);
    EXPECT_NE(test::readFileText(import.errFile).find("geannuleerd"), std::string::npos) << test::readFileText(import.errFile);
    import.expectUnchanged();
    // The rejected-rows files being written are removed on the way out, not left as .tmp.
    for (const auto& entry : std::filesystem::recursive_directory_iterator(import.dir.path()))
        EXPECT_NE(entry.path().extension(), ".tmp") << entry.path();
}
