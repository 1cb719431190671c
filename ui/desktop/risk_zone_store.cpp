// SPDX-License-Identifier: GPL-3.0-or-later
// Risk zone persistence: validated with GEOS, written in a transaction, history kept.
#include "risk_zone_store.hpp"
#include "riskmap/core/dates.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/render/wkb_geometry.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace riskmap::desktop {
namespace {

const std::vector<gis::ColumnDef> kColumns = {
    {"zone_id", "TEXT"}, {"naam", "TEXT"},        {"toelichting", "TEXT"}, {"status", "TEXT"}, {"classificatie", "TEXT"},
    {"herzien_voor", "TEXT"}, {"auteur", "TEXT"}, {"aangemaakt", "TEXT"},  {"gewijzigd", "TEXT"}, {"versie", "INTEGER"}};

void checkAttributes(const ZoneAttributes& a)
{
    if (a.status != "concept" && a.status != "actief" && a.status != "afgesloten")
        throw UsageError("onbekende status '" + a.status + "' (concept, actief of afgesloten)");
    if (a.classificatie != "openbaar" && a.classificatie != "intern" && a.classificatie != "vertrouwelijk" &&
        a.classificatie != "politiegegevens")
        throw UsageError("onbekende classificatie '" + a.classificatie + "'");
}

void throwIfInvalid(const std::vector<QPointF>& ring)
{
    const auto v = validateZone(ring);
    if (v.valid) return;
    std::string msg = "zone niet opgeslagen: " + v.reason;
    if (v.x && v.y) {
        char buf[64];
        std::snprintf(buf, sizeof buf, " bij RD %.1f, %.1f", *v.x, *v.y);
        msg += buf;
    }
    throw InputError(msg);
}

gis::FieldValue text(const std::string& s) { return s.empty() ? gis::FieldValue{} : gis::FieldValue{s}; }

}  // namespace

std::vector<unsigned char> ringToPolygonWkb(const std::vector<QPointF>& ring)
{
    std::vector<unsigned char> b;
    auto u32 = [&](std::uint32_t v) { for (int i = 0; i < 4; ++i) b.push_back(static_cast<unsigned char>(v >> (8 * i))); };
    auto f64 = [&](double d) {
        std::uint64_t v;
        std::memcpy(&v, &d, 8);
        for (int i = 0; i < 8; ++i) b.push_back(static_cast<unsigned char>(v >> (8 * i)));
    };
    b.push_back(1);
    u32(3);
    u32(1);
    const bool closed = !ring.empty() && ring.front() == ring.back();
    u32(static_cast<std::uint32_t>(ring.size() + (closed || ring.empty() ? 0 : 1)));
    for (const auto& p : ring) f64(p.x()), f64(p.y());
    if (!closed && !ring.empty()) f64(ring.front().x()), f64(ring.front().y());
    return b;
}

gis::ValidationResult validateZone(const std::vector<QPointF>& ring)
{
    if (ring.size() < 3) return {false, "te weinig hoekpunten (minstens drie)", std::nullopt, std::nullopt};
    return gis::validateGeometry(ringToPolygonWkb(ring));
}

RiskZoneStore::RiskZoneStore(gis::Workspace& workspace) : m_ws(workspace)
{
    auto& db = m_ws.db();
    if (db.tableExists("risicozones") && db.tableExists("risicozones_historie")) return;
    gis::Transaction tx(db);
    if (!db.tableExists("risicozones")) {
        m_ws.createLayerTable("risicozones", kColumns, "POLYGON");
        gis::LayerRecord rec;
        rec.name = "risicozones";
        rec.kind = "vector";
        rec.geometryType = "POLYGON";
        rec.classification = "intern";
        rec.legalBasis = "getekend door analisten";
        m_ws.registerLayer(rec);
    }
    if (!db.tableExists("risicozones_historie")) {
        auto cols = kColumns;
        cols.push_back({"vervangen_op", "TEXT"});
        m_ws.createLayerTable("risicozones_historie", cols, "POLYGON");
    }
    tx.commit();
    m_ws.ensureSpatialIndex("risicozones");
}

std::string RiskZoneStore::insert(const std::vector<QPointF>& ring, const ZoneAttributes& a)
{
    checkAttributes(a);
    throwIfInvalid(ring);
    auto& db = m_ws.db();
    gis::Transaction tx(db);
    // Numbers of deleted zones are never reused: their history keeps the zone_id.
    const std::int64_t next =
        db.queryInt("SELECT coalesce(max(n), 0) + 1 FROM (SELECT CAST(substr(zone_id, 4) AS INTEGER) AS n FROM risicozones "
                    "UNION ALL SELECT CAST(substr(zone_id, 4) AS INTEGER) FROM risicozones_historie)")
            .value_or(1);
    char idBuf[32];
    std::snprintf(idBuf, sizeof idBuf, "RZ-%04lld", static_cast<long long>(next));
    const std::string id = idBuf;
    const std::string now = core::nowIsoUtc();
    gis::LayerWriter w(db, "risicozones",
                       {"zone_id", "naam", "toelichting", "status", "classificatie", "herzien_voor", "auteur", "aangemaakt",
                        "gewijzigd", "versie"},
                       true);
    w.insert({id, text(a.naam), text(a.toelichting), a.status, a.classificatie, text(a.herzienVoor), gis::currentUser(), now,
              now, std::int64_t{1}},
             ringToPolygonWkb(ring));
    tx.commit();
    return id;
}

void RiskZoneStore::update(const std::string& zoneId, const std::vector<QPointF>& ring, const ZoneAttributes& a)
{
    checkAttributes(a);
    throwIfInvalid(ring);
    auto& db = m_ws.db();
    gis::Transaction tx(db);
    const std::string now = core::nowIsoUtc();
    copyToHistory(zoneId, now);
    const auto wkb = ringToPolygonWkb(ring);
    auto upd = db.prepare(
        "UPDATE risicozones SET naam = ?, toelichting = ?, status = ?, classificatie = ?, herzien_voor = ?, auteur = ?, "
        "gewijzigd = ?, versie = versie + 1, geom = GeomFromWKB(?, 28992) WHERE zone_id = ?");
    upd.bind(1, a.naam).bind(2, a.toelichting).bind(3, a.status).bind(4, a.classificatie);
    if (a.herzienVoor.empty()) upd.bind(5, nullptr); else upd.bind(5, a.herzienVoor);
    upd.bind(6, gis::currentUser()).bind(7, now).bindBlob(8, wkb.data(), wkb.size()).bind(9, zoneId).run();
    tx.commit();
}

void RiskZoneStore::copyToHistory(const std::string& zoneId, const std::string& now)
{
    // The current version goes to the history first, within the caller's transaction.
    auto copy = m_ws.db().prepare(
        "INSERT INTO risicozones_historie (zone_id, naam, toelichting, status, classificatie, herzien_voor, auteur, "
        "aangemaakt, gewijzigd, versie, vervangen_op, geom) SELECT zone_id, naam, toelichting, status, classificatie, "
        "herzien_voor, auteur, aangemaakt, gewijzigd, versie, ?, geom FROM risicozones WHERE zone_id = ?");
    copy.bind(1, now).bind(2, zoneId).run();
    if (m_ws.db().queryInt("SELECT changes()").value_or(0) != 1) throw InputError("onbekende zone '" + zoneId + "'");
}

void RiskZoneStore::remove(const std::string& zoneId)
{
    auto& db = m_ws.db();
    gis::Transaction tx(db);
    copyToHistory(zoneId, core::nowIsoUtc());
    db.prepare("DELETE FROM risicozones WHERE zone_id = ?").bind(1, zoneId).run();
    tx.commit();
}

void RiskZoneStore::reinstate(const std::string& zoneId, const std::vector<QPointF>& ring, const ZoneAttributes& a)
{
    checkAttributes(a);
    throwIfInvalid(ring);
    auto& db = m_ws.db();
    gis::Transaction tx(db);
    auto exists = db.prepare("SELECT count(*) FROM risicozones WHERE zone_id = ?");
    exists.bind(1, zoneId);
    if (exists.step() && exists.columnInt(0) > 0) throw InputError("zone '" + zoneId + "' bestaat nog");
    auto last = db.prepare("SELECT max(versie), min(aangemaakt) FROM risicozones_historie WHERE zone_id = ?");
    last.bind(1, zoneId);
    if (!last.step() || last.isNull(0)) throw InputError("onbekende zone '" + zoneId + "'");
    const std::int64_t versie = last.columnInt(0) + 1;
    const std::string created = last.columnText(1);
    gis::LayerWriter w(db, "risicozones",
                       {"zone_id", "naam", "toelichting", "status", "classificatie", "herzien_voor", "auteur", "aangemaakt",
                        "gewijzigd", "versie"},
                       true);
    w.insert({zoneId, text(a.naam), text(a.toelichting), a.status, a.classificatie, text(a.herzienVoor), gis::currentUser(),
              created, core::nowIsoUtc(), versie},
             ringToPolygonWkb(ring));
    tx.commit();
}

std::int64_t RiskZoneStore::versionCount(const std::string& zoneId)
{
    auto q = m_ws.db().prepare(
        "SELECT (SELECT count(*) FROM risicozones WHERE zone_id = ?1) + (SELECT count(*) FROM risicozones_historie WHERE "
        "zone_id = ?1)");
    q.bind(1, zoneId);
    return q.step() ? q.columnInt(0) : 0;
}

std::optional<StoredZone> loadZone(gis::Workspace& workspace, const std::string& zoneId)
{
    auto& db = workspace.db();
    if (!db.tableExists("risicozones")) return std::nullopt;
    auto q = db.prepare(
        "SELECT naam, toelichting, status, classificatie, herzien_voor, versie, ST_AsBinary(geom) FROM risicozones "
        "WHERE zone_id = ?");
    q.bind(1, zoneId);
    if (!q.step()) return std::nullopt;
    StoredZone z;
    z.zoneId = zoneId;
    auto col = [&](int c) { return q.isNull(c) ? std::string() : q.columnText(c); };
    z.attributes.naam = col(0);
    z.attributes.toelichting = col(1);
    z.attributes.status = col(2);
    z.attributes.classificatie = col(3);
    z.attributes.herzienVoor = col(4);
    z.versie = q.columnInt(5);
    const auto g = render::parseWkb(q.columnBlob(6));
    if (g.parts.empty()) return std::nullopt;
    z.ring = g.parts.front();
    // Kept open, like a drawn ring: the closing vertex is implied.
    if (z.ring.size() > 1 && z.ring.front() == z.ring.back()) z.ring.pop_back();
    return z;
}

std::string zoneAt(gis::Workspace& workspace, QPointF world, double tolerance)
{
    auto& db = workspace.db();
    if (!db.tableExists("risicozones")) return {};
    auto q = db.prepare(
        "SELECT zone_id FROM risicozones WHERE ST_Distance(geom, MakePoint(?, ?, 28992)) <= ? ORDER BY ST_Area(geom) "
        "LIMIT 1");
    q.bind(1, world.x()).bind(2, world.y()).bind(3, tolerance);
    return q.step() ? q.columnText(0) : std::string();
}

}  // namespace riskmap::desktop
