// SPDX-License-Identifier: GPL-3.0-or-later
// Detecting and converting the encodings Dutch office files arrive in (UTF-8, Windows-1252).
#pragma once

#include <string>
#include <string_view>

namespace riskmap::core {

/// The encoding a byte string was found to be in.
enum class TextEncoding {
    Utf8,         ///< valid UTF-8 without byte order mark
    Utf8Bom,      ///< valid UTF-8 starting with EF BB BF (Excel "CSV UTF-8")
    Windows1252,  ///< not valid UTF-8: read as Windows-1252 (a superset of Latin-1's printable range)
};

/// Short name for messages and provenance: "UTF-8", "UTF-8 met BOM", "Windows-1252".
std::string encodingName(TextEncoding encoding);

/// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool isValidUtf8(std::string_view bytes);

/// Converts Windows-1252 bytes to UTF-8. Bytes 0x80..0x9F map to their CP1252 characters
/// (0x80 is €); the five bytes CP1252 leaves undefined map to the C1 control of the same value.
std::string windows1252ToUtf8(std::string_view bytes);

/// Text converted to UTF-8 (byte order mark removed) with the encoding it was found in.
struct DecodedText {
    std::string utf8;
    TextEncoding encoding = TextEncoding::Utf8;
};

/// Detects the encoding: a BOM or valid UTF-8 is kept as UTF-8; anything else is taken as
/// Windows-1252 (what Dutch Excel writes for "CSV (gescheiden door lijstscheidingsteken)").
DecodedText decodeToUtf8(std::string_view bytes);

}  // namespace riskmap::core
