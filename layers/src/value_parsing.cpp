// SPDX-License-Identifier: GPL-3.0-or-later
// Typed parsing of source values.
#include "riskmap/layers/value_parsing.hpp"

#include "riskmap/core/dates.hpp"
#include "riskmap/core/text.hpp"

#include <cmath>

namespace riskmap::layers {

std::optional<gis::FieldValue> parseFieldValue(const std::string& text, FieldType type)
{
    const std::string t = core::trim(text);
    if (t.empty()) return gis::FieldValue{};
    switch (type) {
    case FieldType::Text: return gis::FieldValue{t};
    case FieldType::Integer: {
        if (auto i = core::parseInteger(t)) return gis::FieldValue{static_cast<std::int64_t>(*i)};
        // "12.0" from a float column is an integer; "12.5" is not.
        if (auto d = core::parseNumber(t); d && std::floor(*d) == *d && std::fabs(*d) < 9e15)
            return gis::FieldValue{static_cast<std::int64_t>(*d)};
        return std::nullopt;
    }
    case FieldType::Real: {
        if (auto d = core::parseNumber(t)) return gis::FieldValue{*d};
        return std::nullopt;
    }
    case FieldType::Date: {
        if (auto d = core::parseDate(t)) return gis::FieldValue{core::formatIsoDate(*d)};
        return std::nullopt;
    }
    case FieldType::Boolean: {
        const std::string l = core::toLower(t);
        if (l == "1" || l == "ja" || l == "j" || l == "true" || l == "waar" || l == "yes" || l == "y")
            return gis::FieldValue{std::int64_t{1}};
        if (l == "0" || l == "nee" || l == "n" || l == "false" || l == "onwaar" || l == "no")
            return gis::FieldValue{std::int64_t{0}};
        return std::nullopt;
    }
    }
    return std::nullopt;
}

}  // namespace riskmap::layers
