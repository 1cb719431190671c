// SPDX-License-Identifier: GPL-3.0-or-later
// Audit log with a SHA-256 hash chain.
#include "riskmap/gis/audit_log.hpp"

#include "riskmap/core/dates.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/sha256.hpp"
#include "riskmap/gis/workspace.hpp"

namespace riskmap::gis {
namespace {

/// Fields joined with a separator that cannot occur unescaped, so that
/// ("ab","c") and ("a","bc") hash differently.
std::string canonical(const AuditEntry& e)
{
    std::string out;
    for (const std::string* f : {&e.at, &e.user, &e.action, &e.target, &e.profile, &e.purpose, &e.details, &e.prevHash}) {
        for (char c : *f) {
            if (c == '\\' || c == '\x1f') out += '\\';
            out += c;
        }
        out += '\x1f';
    }
    return std::to_string(e.seq) + '\x1f' + out;
}

}  // namespace

std::string auditHash(const AuditEntry& e) { return sha256Hex(canonical(e)); }

std::string latestAuditHash(SpatialiteDb& db)
{
    return db.queryText("SELECT hash FROM rk_audit ORDER BY seq DESC LIMIT 1").value_or(kAuditGenesis);
}

AuditEntry appendAudit(SpatialiteDb& db, const std::string& action, const std::string& target,
                       const std::string& profile, const std::string& purpose, const std::string& details)
{
    AuditEntry e;
    e.seq = db.queryInt("SELECT coalesce(max(seq), 0) + 1 FROM rk_audit").value_or(1);
    e.at = core::nowIsoUtc();
    e.user = currentUser();
    e.action = action;
    e.target = target;
    e.profile = profile;
    e.purpose = purpose;
    e.details = details;
    e.prevHash = latestAuditHash(db);
    e.hash = auditHash(e);
    auto stmt = db.prepare("INSERT INTO rk_audit(seq, at, user, action, target, profile, purpose, details, prev_hash, hash)"
                           " VALUES (?,?,?,?,?,?,?,?,?,?)");
    stmt.bind(1, e.seq).bind(2, e.at).bind(3, e.user).bind(4, e.action).bind(5, e.target).bind(6, e.profile);
    stmt.bind(7, e.purpose).bind(8, e.details).bind(9, e.prevHash).bind(10, e.hash).run();
    return e;
}

std::vector<AuditEntry> readAudit(SpatialiteDb& db)
{
    std::vector<AuditEntry> out;
    auto stmt = db.prepare("SELECT seq, at, user, action, target, coalesce(profile,''), coalesce(purpose,''),"
                           " coalesce(details,''), prev_hash, hash FROM rk_audit ORDER BY seq");
    while (stmt.step()) {
        AuditEntry e;
        e.seq = stmt.columnInt(0);
        e.at = stmt.columnText(1);
        e.user = stmt.columnText(2);
        e.action = stmt.columnText(3);
        e.target = stmt.columnText(4);
        e.profile = stmt.columnText(5);
        e.purpose = stmt.columnText(6);
        e.details = stmt.columnText(7);
        e.prevHash = stmt.columnText(8);
        e.hash = stmt.columnText(9);
        out.push_back(std::move(e));
    }
    return out;
}

std::int64_t verifyAudit(SpatialiteDb& db)
{
    std::string expectedPrev = kAuditGenesis;
    std::int64_t expectedSeq = 1;
    for (const auto& e : readAudit(db)) {
        const std::string where = "auditlog regel " + std::to_string(e.seq) + " (" + e.at + ", " + e.action + " " + e.target + ")";
        if (e.seq != expectedSeq)
            throw VerificationError(where + ": volgnummer " + std::to_string(expectedSeq) + " ontbreekt (regel verwijderd?)");
        if (e.prevHash != expectedPrev)
            throw VerificationError(where + ": keten verbroken (vorige hash klopt niet; regel verwijderd of vervangen?)");
        if (auditHash(e) != e.hash)
            throw VerificationError(where + ": inhoud gewijzigd (hash klopt niet)");
        expectedPrev = e.hash;
        ++expectedSeq;
    }
    return expectedSeq - 1;
}

}  // namespace riskmap::gis
