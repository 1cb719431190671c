// SPDX-License-Identifier: GPL-3.0-or-later
// The one error root of Risicokaart and the exit codes main() maps it to.
#pragma once

#include <stdexcept>
#include <string>

namespace riskmap {

/// Exit codes of every riskmap program (DESIGN.md).
enum class ExitCode : int {
    Done = 0,          ///< done (an import that rejected rows is done too)
    Failed = 1,        ///< refused or failed; nothing changed
    Usage = 2,         ///< usage or project-file error
    Verification = 3,  ///< a verification failed (audit --verify)
    Cancelled = 130,   ///< cancelled by the user
};

/// Root of all errors; the message names the thing and the step.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
    /// The exit code main() returns for this error.
    virtual ExitCode exitCode() const { return ExitCode::Failed; }
};

/// Bad input data (a file that cannot be imported as a whole).
class InputError : public Error {
public:
    using Error::Error;
};

/// Wrong command line or project file.
class UsageError : public Error {
public:
    using Error::Error;
    ExitCode exitCode() const override { return ExitCode::Usage; }
};

/// A verification (audit chain, checksum) failed.
class VerificationError : public Error {
public:
    using Error::Error;
    ExitCode exitCode() const override { return ExitCode::Verification; }
};

/// The user cancelled a long step.
class CancelledError : public Error {
public:
    CancelledError() : Error("geannuleerd / cancelled") {}
    ExitCode exitCode() const override { return ExitCode::Cancelled; }
};

/// Errors raised by the libraries below gis/ (GDAL, GEOS, PROJ, SQLite).
class GdalError : public Error { public: using Error::Error; };
class GeosError : public Error { public: using Error::Error; };
class ProjError : public Error { public: using Error::Error; };
class SqliteError : public Error { public: using Error::Error; };

}  // namespace riskmap
