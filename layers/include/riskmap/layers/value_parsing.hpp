// SPDX-License-Identifier: GPL-3.0-or-later
// Turns source text into typed canonical values (dates ISO, booleans, numbers).
#pragma once

#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/layers/layer_schema.hpp"

#include <optional>
#include <string>

namespace riskmap::layers {

/// The typed value, or nullopt when the text cannot be read as `type`.
/// Empty text gives NULL (monostate). Dates become ISO `YYYY-MM-DD` text,
/// booleans 0/1 (ja/nee, j/n, true/false, yes/no, 1/0).
std::optional<gis::FieldValue> parseFieldValue(const std::string& text, FieldType type);

}  // namespace riskmap::layers
