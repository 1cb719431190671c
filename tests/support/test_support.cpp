// SPDX-License-Identifier: GPL-3.0-or-later
// Test helpers: temp folders and subprocesses.
#include "test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace riskmap::test {

TempDir::TempDir()
{
    std::random_device rd;
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = base / ("riskmap-test-" + std::to_string(rd()));
        if (std::filesystem::create_directory(candidate)) {
            m_path = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir()
{
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::string realData(const std::string& relative) { return std::string(RISKMAP_SHARED_DATA) + "/" + relative; }
std::string sourcePath(const std::string& relative) { return std::string(RISKMAP_SOURCE_DIR) + "/" + relative; }

namespace {

std::string slurp(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

CommandResult runProgram(const std::string& program, const std::vector<std::string>& args)
{
    TempDir capture;
    const auto outPath = capture.path() / "out";
    const auto errPath = capture.path() / "err";
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        FILE* out = std::fopen(outPath.c_str(), "w");
        FILE* err = std::fopen(errPath.c_str(), "w");
        dup2(fileno(out), STDOUT_FILENO);
        dup2(fileno(err), STDERR_FILENO);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(program.c_str()));
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execvp(program.c_str(), argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CommandResult result;
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = slurp(outPath);
    result.err = slurp(errPath);
    return result;
}

CommandResult runCli(const std::vector<std::string>& args) { return runProgram(RISKMAP_CLI, args); }

std::string readFileText(const std::string& path) { return slurp(path); }

}  // namespace riskmap::test
