// SPDX-License-Identifier: GPL-3.0-or-later
// Risk zone persistence: validated with GEOS, written in a transaction, history kept.
#include "risk_zone_store.hpp"
#include "riskmap/core/dates.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/layer_writer.hpp"

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
    const std::int64_t next = db.queryInt("SELECT coalesce(max(fid), 0) + 1 FROM risicozones").value_or(1);
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
    // The current version goes to the history first, within the same transaction.
    auto copy = db.prepare(
        "INSERT INTO risicozones_historie (zone_id, naam, toelichting, status, classificatie, herzien_voor, auteur, "
        "aangemaakt, gewijzigd, versie, vervangen_op, geom) SELECT zone_id, naam, toelichting, status, classificatie, "
        "herzien_voor, auteur, aangemaakt, gewijzigd, versie, ?, geom FROM risicozones WHERE zone_id = ?");
    copy.bind(1, now).bind(2, zoneId).run();
    if (db.queryInt("SELECT changes()").value_or(0) != 1) throw InputError("onbekende zone '" + zoneId + "'");
    const auto wkb = ringToPolygonWkb(ring);
    auto upd = db.prepare(
        "UPDATE risicozones SET naam = ?, toelichting = ?, status = ?, classificatie = ?, herzien_voor = ?, auteur = ?, "
        "gewijzigd = ?, versie = versie + 1, geom = GeomFromWKB(?, 28992) WHERE zone_id = ?");
    upd.bind(1, a.naam).bind(2, a.toelichting).bind(3, a.status).bind(4, a.classificatie);
    if (a.herzienVoor.empty()) upd.bind(5, nullptr); else upd.bind(5, a.herzienVoor);
    upd.bind(6, gis::currentUser()).bind(7, now).bindBlob(8, wkb.data(), wkb.size()).bind(9, zoneId).run();
    tx.commit();
}

}  // namespace riskmap::desktop
