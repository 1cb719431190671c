// SPDX-License-Identifier: GPL-3.0-or-later
// The tamper-evident audit log: who exported or viewed what, when, for whom and why.
#pragma once

#include "riskmap/gis/sqlite_db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::gis {

struct AuditEntry {
    std::int64_t seq = 0;
    std::string at;        ///< UTC ISO time
    std::string user;
    std::string action;    ///< export | brief | view | purge | ...
    std::string target;    ///< layer and/or file
    std::string profile;   ///< analist | riec | driehoek | partner
    std::string purpose;   ///< doelbinding: why, as the user stated it
    std::string details;
    std::string prevHash;
    std::string hash;
};

/// The chain's first previous-hash.
inline constexpr const char* kAuditGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

/// Appends an entry (seq, time, user, hashes filled in) and returns it. Call inside
/// the same transaction as the work it records, so neither exists without the other.
AuditEntry appendAudit(SpatialiteDb& db, const std::string& action, const std::string& target,
                       const std::string& profile, const std::string& purpose, const std::string& details);

std::vector<AuditEntry> readAudit(SpatialiteDb& db);
/// The latest hash (the genesis hash for an empty log): print it outside the file.
std::string latestAuditHash(SpatialiteDb& db);

/// Recomputes the chain; throws VerificationError naming the first broken entry.
/// Returns the number of entries verified.
std::int64_t verifyAudit(SpatialiteDb& db);

/// The hash of an entry over its fields and the previous hash.
std::string auditHash(const AuditEntry& e);

}  // namespace riskmap::gis
