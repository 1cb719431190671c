// SPDX-License-Identifier: GPL-3.0-or-later
// Control dossier data: reads the plan layers through the analist profile and makes the chips.
#include "riskmap/layers/control_dossier.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/image_chip.hpp"
#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/layers/export_profile.hpp"
#include "riskmap/layers/parcel_chips.hpp"

#include <algorithm>
#include <map>

namespace riskmap::layers {

namespace {

/// The analist's view of one layer: which columns may be read and which rows.
class ProfiledLayer {
public:
    /// Absent layers read as empty; a layer the analist may not have throws Error.
    ProfiledLayer(gis::Workspace& ws, const std::string& name) : m_name(name)
    {
        const auto record = ws.layer(name);
        if (!record || !ws.db().tableExists(name)) return;
        m_policy = decideExportPolicy(Profile::Analist, *record, gis::layerColumns(ws.db(), name));
    }
    bool present() const { return m_policy.has_value(); }
    bool allows(const std::string& column) const
    {
        return m_policy && std::find(m_policy->columns.begin(), m_policy->columns.end(), column) != m_policy->columns.end();
    }
    /// The column, or NULL when the profile drops it (the dossier then leaves it blank).
    std::string column(const std::string& c) const { return allows(c) ? "\"" + c + "\"" : "NULL"; }
    /// " AND <row filter>" or "".
    std::string andFilter() const { return m_policy && !m_policy->rowFilter.empty() ? " AND (" + m_policy->rowFilter + ")" : ""; }
    const std::string& banner() const { static const std::string none; return m_policy ? m_policy->banner : none; }

private:
    std::string m_name;
    std::optional<ExportPolicy> m_policy;
};

std::optional<double> optDouble(const gis::Statement& st, int col)
{
    return st.isNull(col) ? std::nullopt : std::optional<double>(st.columnDouble(col));
}

std::string text(const gis::Statement& st, int col) { return st.isNull(col) ? std::string() : st.columnText(col); }

/// Makes the chips of one address and notes, per year, whether the photo covers it.
void addChips(gis::Workspace& ws, DossierAddress& a, const std::string& chipDir, int chipSize,
              const std::map<int, gis::RasterExtent>& photos)
{
    if (photos.empty()) {
        a.chipNote = "Geen luchtfoto's geregistreerd in deze werkruimte.";
        return;
    }
    const bool byVbo = a.perceelId.empty();
    std::vector<ChipFile> files;
    try {
        files = writeParcelChips(ws, byVbo ? a.vboId : a.perceelId, byVbo, chipDir, chipSize);
    } catch (const UsageError& e) {
        a.chipNote = std::string("Geen luchtfoto-uitsnede: ") + e.what();
        return;
    } catch (const InputError& e) {
        a.chipNote = std::string("Geen luchtfoto-uitsnede: de luchtfoto is niet leesbaar (") + e.what() + ").";
        return;
    }
    if (byVbo) {
        auto st = ws.db().prepare("SELECT p.perceel_id FROM percelen p, verblijfsobjecten v WHERE v.vbo_id = ? AND "
                                  "ST_Contains(p.geom, ST_PointOnSurface(v.geom)) LIMIT 1");
        st.bind(1, a.vboId);
        if (st.step()) a.perceelId = text(st, 0);
    }
    gis::Envelope extent;
    {
        auto st = ws.db().prepare("SELECT AsBinary(geom) FROM percelen WHERE perceel_id = ? LIMIT 1");
        st.bind(1, a.perceelId);
        if (st.step()) {
            const auto blob = st.columnBlob(0);
            extent = gis::chipExtent(gis::Wkb(blob.begin(), blob.end()));
        }
    }
    for (const auto& f : files) {
        DossierChip chip;
        chip.year = f.year;
        chip.path = f.path;
        chip.extent = extent;
        chip.pixels = chipSize;
        chip.fromCache = f.fromCache;
        const auto it = photos.find(f.year);
        if (it != photos.end()) {
            const gis::Envelope photo{it->second.minX, it->second.minY, it->second.maxX, it->second.maxY};
            chip.covered = photo.intersects(extent);
        }
        a.chips.push_back(chip);
    }
    std::sort(a.chips.begin(), a.chips.end(), [](const DossierChip& l, const DossierChip& r) { return l.year > r.year; });
}

}  // namespace

std::vector<std::string> plannedControlIds(gis::Workspace& ws, std::optional<int> year)
{
    std::vector<std::string> ids;
    if (!ws.db().tableExists("controles")) return ids;
    auto st = ws.db().prepare(std::string("SELECT controle_id FROM controles") + (year ? " WHERE jaar = ?" : "") +
                              " ORDER BY datum, controle_id");
    if (year) st.bind(1, *year);
    while (st.step()) ids.push_back(st.columnText(0));
    return ids;
}

ControlDossier collectControlDossier(gis::Workspace& ws, const std::string& controlId, const std::string& chipDir,
                                     int chipSize)
{
    auto& db = ws.db();
    const ProfiledLayer controls(ws, "controles");
    const ProfiledLayer visits(ws, "controle_adressen");
    if (!controls.present() || !visits.present())
        throw UsageError("controledossier: de werkruimte heeft geen controles; draai eerst 'riskmap plan'");
    const ProfiledLayer addresses(ws, "risico_adressen");
    const ProfiledLayer parcels(ws, "risico_percelen");

    ControlDossier d;
    {
        auto st = db.prepare("SELECT controle_id, " + controls.column("jaar") + ", " + controls.column("datum") + ", " +
                             controls.column("gebied") + ", " + controls.column("soort") + ", " +
                             controls.column("gemeente") + ", " + controls.column("partners") + ", " +
                             controls.column("motivering") + ", " + controls.column("route_km") + ", " +
                             controls.column("duur_min") + ", AsBinary(geom) FROM controles WHERE controle_id = ?" +
                             controls.andFilter());
        st.bind(1, controlId);
        if (!st.step()) throw UsageError("controledossier: controle '" + controlId + "' bestaat niet");
        d.controlId = st.columnText(0);
        d.year = st.isNull(1) ? 0 : static_cast<int>(st.columnInt(1));
        d.date = text(st, 2);
        d.area = text(st, 3);
        d.kind = text(st, 4);
        d.municipality = text(st, 5);
        d.partners = text(st, 6);
        d.motivation = text(st, 7);
        d.routeKm = optDouble(st, 8);
        d.durationMin = optDouble(st, 9);
        if (!st.isNull(10)) {
            const auto blob = st.columnBlob(10);
            d.target.assign(blob.begin(), blob.end());
        }
        d.banner = controls.banner();
    }
    {
        auto st = db.prepare("SELECT " + visits.column("volgorde") + ", vbo_id, " + visits.column("adres") + ", " +
                             visits.column("risico_score") + ", " + visits.column("reden") + ", " +
                             visits.column("woning") + ", " + visits.column("partners") +
                             ", X(geom), Y(geom) FROM controle_adressen WHERE controle_id = ?" + visits.andFilter() +
                             " ORDER BY volgorde, vbo_id");
        st.bind(1, controlId);
        while (st.step()) {
            DossierAddress a;
            a.order = st.isNull(0) ? static_cast<int>(d.addresses.size() + 1) : static_cast<int>(st.columnInt(0));
            a.vboId = text(st, 1);
            a.adres = text(st, 2);
            a.score = optDouble(st, 3);
            a.reden = text(st, 4);
            a.woning = !st.isNull(5) && st.columnInt(5) != 0;
            a.partners = text(st, 6);
            a.x = st.isNull(7) ? 0 : st.columnDouble(7);
            a.y = st.isNull(8) ? 0 : st.columnDouble(8);
            d.addresses.push_back(std::move(a));
        }
    }
    for (auto& a : d.addresses) {
        if (addresses.present()) {
            auto st = db.prepare("SELECT " + addresses.column("perceel_id") + ", " + addresses.column("risico_klasse") +
                                 ", " + addresses.column("sbi_codes") + ", " + addresses.column("woonfunctie") +
                                 ", " + addresses.column("risico_score") + " FROM risico_adressen WHERE vbo_id = ?" +
                                 addresses.andFilter() + " LIMIT 1");
            st.bind(1, a.vboId);
            if (st.step()) {
                a.perceelId = text(st, 0);
                if (!st.isNull(1)) a.klasse = static_cast<int>(st.columnInt(1));
                a.sbiCodes = text(st, 2);
                if (!st.isNull(3)) a.woning = a.woning || st.columnInt(3) != 0;
                if (!a.score) a.score = optDouble(st, 4);
            }
        }
        if (parcels.present() && !a.perceelId.empty()) {
            auto st = db.prepare("SELECT " + parcels.column("verklaring") + ", " + parcels.column("risico_klasse") +
                                 " FROM risico_percelen WHERE perceel_id = ?" + parcels.andFilter() + " LIMIT 1");
            st.bind(1, a.perceelId);
            if (st.step()) {
                a.verklaring = text(st, 0);
                if (!a.klasse && !st.isNull(1)) a.klasse = static_cast<int>(st.columnInt(1));
            }
        }
    }

    std::map<int, gis::RasterExtent> photos;
    if (db.tableExists("rk_rasters"))
        for (const auto& r : gis::loadRasters(db, "luchtfoto"))
            if (!photos.count(r.year.value_or(0))) photos[r.year.value_or(0)] = r.info.extent;
    for (auto& a : d.addresses) addChips(ws, a, chipDir, chipSize, photos);
    return d;
}

}  // namespace riskmap::layers
