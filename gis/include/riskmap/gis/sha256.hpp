// SPDX-License-Identifier: GPL-3.0-or-later
// SHA-256 checksums of input files, recorded in provenance.
#pragma once

#include <string>
#include <string_view>

namespace riskmap::gis {

/// Hex SHA-256 of a file's bytes; throws InputError when unreadable.
std::string sha256File(const std::string& path);
/// Hex SHA-256 of a byte string.
std::string sha256Hex(std::string_view bytes);

}  // namespace riskmap::gis
