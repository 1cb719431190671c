// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the tests: temporary folders, running the CLI, real data paths.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace riskmap::test {

/// A fresh temporary folder, removed when the object goes out of scope.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

/// Path of a file in ../shared/data/real.
std::string realData(const std::string& relative);
/// Path of a file in the source tree.
std::string sourcePath(const std::string& relative);

struct CommandResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

/// Runs the riskmap CLI with arguments (no shell), capturing stdout and stderr.
CommandResult runCli(const std::vector<std::string>& args);

/// The whole file as bytes (empty when it cannot be read).
std::string readFileText(const std::string& path);
/// Runs any program with arguments, capturing stdout and stderr.
CommandResult runProgram(const std::string& program, const std::vector<std::string>& args);

}  // namespace riskmap::test
