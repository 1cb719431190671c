// SPDX-License-Identifier: GPL-3.0-or-later
// Address index over verblijfsobjecten, for rows that come without coordinates.
#include "riskmap/layers/address_geocoder.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"

namespace riskmap::layers {

AddressGeocoder::AddressGeocoder(gis::Workspace& workspace, const std::string& where)
{
    if (!workspace.db().tableExists("verblijfsobjecten"))
        throw InputError(where + ": rijen zonder coördinaten worden gegeocodeerd op postcode en huisnummer, maar de "
                         "werkruimte heeft nog geen laag verblijfsobjecten. Importeer eerst de BAG-verblijfsobjecten "
                         "(riskmap import WS bag.gpkg --layer verblijfsobjecten) of lever x/y-coördinaten aan.");
    auto stmt = workspace.db().prepare(
        "SELECT vbo_id, postcode, huisnummer, huisletter, toevoeging, AsBinary(geom) FROM verblijfsobjecten"
        " WHERE geom IS NOT NULL");
    while (stmt.step()) {
        const auto parsed = core::parseAddress(stmt.columnText(1), stmt.columnText(2), stmt.columnText(3), stmt.columnText(4));
        if (!parsed.key) continue;  // a BAG object without a usable address cannot be found anyway
        std::string id = stmt.columnText(0);
        m_points.emplace(id, stmt.columnBlob(5));
        m_index.add(*parsed.key, std::move(id));
    }
    if (m_index.size() == 0)
        throw InputError(where + ": de laag verblijfsobjecten heeft geen enkel bruikbaar adres (postcode + huisnummer); "
                         "geocoderen is niet mogelijk");
}

GeocodeResult AddressGeocoder::geocode(std::string_view postcode, std::string_view huisnummer,
                                       std::string_view huisletter, std::string_view toevoeging) const
{
    GeocodeResult result;
    const auto parsed = core::parseAddress(postcode, huisnummer, huisletter, toevoeging);
    if (!parsed.key) {
        result.reason = core::join(parsed.problems, "; ");
        result.field = core::startsWith(result.reason, "ongeldige postcode") ? "postcode"
                       : result.reason.find("huisletter") != std::string::npos ? "huisletter"
                       : result.reason.find("toevoeging") != std::string::npos ? "toevoeging"
                                                                                 : "huisnummer";
        return result;
    }
    result.address = parsed.key;
    const core::AddressMatch match = m_index.match(*parsed.key);
    switch (match.kind) {
    case core::AddressMatchKind::Exact:
    case core::AddressMatchKind::WithoutToevoeging: {
        result.found = true;
        result.withoutToevoeging = match.kind == core::AddressMatchKind::WithoutToevoeging;
        result.vboId = match.id;
        result.wkb = m_points.at(match.id);
        return result;
    }
    case core::AddressMatchKind::Ambiguous:
        result.field = "adres";
        result.reason = "adres niet eenduidig: " + parsed.key->key() + " past bij " +
                        std::to_string(match.candidates.size()) + " verblijfsobjecten (" +
                        core::join(match.candidates, ", ") + ")";
        return result;
    case core::AddressMatchKind::None: break;
    }
    result.field = "adres";
    result.reason = "adres niet gevonden: " + parsed.key->key() + " staat niet in verblijfsobjecten";
    return result;
}

}  // namespace riskmap::layers
