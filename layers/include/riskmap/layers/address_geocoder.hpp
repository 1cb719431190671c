// SPDX-License-Identifier: GPL-3.0-or-later
// Geocoding rows on postcode + huisnummer (+ huisletter, toevoeging) against the workspace's verblijfsobjecten.
#pragma once

#include "riskmap/core/address_key.hpp"
#include "riskmap/gis/workspace.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace riskmap::layers {

/// The outcome of geocoding one row.
struct GeocodeResult {
    bool found = false;
    bool withoutToevoeging = false;  ///< matched the one address of postcode+huisnummer+huisletter
    std::string vboId;
    std::optional<core::AddressKey> address;  ///< the normalised address when it could be read
    std::vector<unsigned char> wkb;  ///< the verblijfsobject's point (RD New) when found
    std::string field;               ///< `postcode`, `huisnummer`... or `adres` when not found
    std::string reason;              ///< Dutch, for the rejected-rows file
};

/// An AddressIndex over the verblijfsobjecten layer with the points to place rows at.
class AddressGeocoder {
public:
    /// Reads every verblijfsobject with a usable address. Throws InputError (starting with
    /// `where`) when the layer is missing or holds no usable address.
    AddressGeocoder(gis::Workspace& workspace, const std::string& where);

    /// Normalises the address and looks it up. Not found: reason `adres niet gevonden`;
    /// several candidates: `adres niet eenduidig (n verblijfsobjecten: ...)`; an unusable
    /// address: the parse problem (`ongeldige postcode '...'`).
    GeocodeResult geocode(std::string_view postcode, std::string_view huisnummer, std::string_view huisletter,
                          std::string_view toevoeging) const;
    std::size_t size() const { return m_index.size(); }

private:
    core::AddressIndex m_index;
    std::unordered_map<std::string, std::vector<unsigned char>> m_points;
};

}  // namespace riskmap::layers
