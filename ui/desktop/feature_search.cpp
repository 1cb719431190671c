// SPDX-License-Identifier: GPL-3.0-or-later
// Search queries with bound values; table and column names are constants of this file.
#include "feature_search.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

namespace riskmap::desktop {
namespace {

/// Runs `sql` (whose first five columns are fid and the box, then label columns) with binder.
template <class Bind>
void collect(gis::SpatialiteDb& db, const std::string& layer, const std::string& labelSql, const std::string& where,
             Bind bind, int limit, std::vector<SearchHit>& hits)
{
    if (!db.tableExists(layer) || int(hits.size()) >= limit) return;
    const std::string sql = "SELECT fid, MbrMinX(geom), MbrMinY(geom), MbrMaxX(geom), MbrMaxY(geom), " + labelSql +
                            " FROM " + gis::quoteIdentifier(layer) + " WHERE " + where + " ORDER BY fid LIMIT ?";
    std::optional<gis::Statement> stmt;
    try {
        stmt.emplace(db, sql);
    } catch (const SqliteError&) {
        return;  // a layer without the searched column (a partial import) has no hits
    }
    const int next = bind(*stmt);
    stmt->bind(next, limit - int(hits.size()));
    while (stmt->step()) {
        if (stmt->isNull(1)) continue;  // no geometry: nothing to zoom to
        SearchHit h;
        h.layer = layer;
        h.fid = stmt->columnInt(0);
        h.box = {stmt->columnDouble(1), stmt->columnDouble(2), stmt->columnDouble(3), stmt->columnDouble(4)};
        h.label = stmt->columnText(5);
        hits.push_back(std::move(h));
    }
}

std::string upper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return s;
}

/// Escapes LIKE wildcards so a typed % or _ is matched literally.
std::string likeLiteral(const std::string& s)
{
    std::string out;
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

std::vector<SearchHit> searchFeatures(gis::SpatialiteDb& db, SearchKind kind, const std::string& text, int limit)
{
    std::vector<SearchHit> hits;
    const std::string t = core::trim(text);
    if (t.empty()) return hits;
    switch (kind) {
    case SearchKind::Address: {
        static const std::regex re(R"(^\s*(\d{4})\s*([A-Za-z]{2})\s*[,\s]\s*(\d+).*$)");
        std::smatch m;
        if (!std::regex_match(t, m, re)) throw UsageError("adres niet herkend: typ postcode en huisnummer, bijv. 3941 AB 12");
        const std::string postcode = m[1].str() + upper(m[2].str());
        const std::int64_t number = std::stoll(m[3].str());
        auto bind = [&](gis::Statement& s) {
            s.bind(1, postcode).bind(2, number);
            return 3;
        };
        const std::string where = "replace(upper(postcode), ' ', '') = ? AND huisnummer = ?";
        collect(db, "verblijfsobjecten", "coalesce(straat, '') || ' ' || huisnummer || coalesce(huisletter, '') || ', ' || coalesce(woonplaats, '')",
                where, bind, limit, hits);
        collect(db, "vestigingen", "coalesce(handelsnaam, '') || ' (' || coalesce(vestigingsnummer, '') || ')'", where, bind, limit, hits);
        break;
    }
    case SearchKind::Parcel: {
        auto bind = [&](gis::Statement& s) {
            s.bind(1, upper(t)).bind(2, likeLiteral(upper(t)) + "%");
            return 3;
        };
        const std::string where = "upper(perceel_id) = ? OR upper(perceel_id) LIKE ? ESCAPE '\\'";
        collect(db, "risico_percelen", "perceel_id || ' (klasse ' || coalesce(risico_klasse, '?') || ')'", where, bind, limit, hits);
        collect(db, "percelen", "perceel_id", where, bind, limit, hits);
        break;
    }
    case SearchKind::CompanyName: {
        auto bind = [&](gis::Statement& s) {
            s.bind(1, "%" + likeLiteral(t) + "%");
            return 2;
        };
        collect(db, "vestigingen", "coalesce(handelsnaam, '') || ' (' || coalesce(vestigingsnummer, '') || ')'",
                "handelsnaam LIKE ? ESCAPE '\\'", bind, limit, hits);
        break;
    }
    case SearchKind::EstablishmentNumber: {
        auto bind = [&](gis::Statement& s) {
            s.bind(1, t);
            return 2;
        };
        collect(db, "vestigingen", "coalesce(handelsnaam, '') || ' (' || coalesce(vestigingsnummer, '') || ')'",
                "vestigingsnummer = ?", bind, limit, hits);
        break;
    }
    }
    return hits;
}

}  // namespace riskmap::desktop
