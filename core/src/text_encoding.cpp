// SPDX-License-Identifier: GPL-3.0-or-later
// UTF-8 validation and Windows-1252 to UTF-8 conversion.
#include "riskmap/core/text_encoding.hpp"

#include <array>
#include <cstdint>

namespace riskmap::core {
namespace {

// Unicode code points of CP1252 bytes 0x80..0x9F; 0 marks the undefined ones.
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80..87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,       // 88..8F
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90..97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,  // 98..9F
};

void appendUtf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

std::string encodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8: return "UTF-8";
    case TextEncoding::Utf8Bom: return "UTF-8 met BOM";
    case TextEncoding::Windows1252: return "Windows-1252";
    }
    return "?";
}

bool isValidUtf8(std::string_view bytes)
{
    std::size_t i = 0;
    const std::size_t n = bytes.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c < 0x80) { ++i; continue; }
        int length = 0;
        char32_t cp = 0;
        char32_t minimum = 0;
        if ((c & 0xE0) == 0xC0) { length = 2; cp = c & 0x1F; minimum = 0x80; }
        else if ((c & 0xF0) == 0xE0) { length = 3; cp = c & 0x0F; minimum = 0x800; }
        else if ((c & 0xF8) == 0xF0) { length = 4; cp = c & 0x07; minimum = 0x10000; }
        else return false;
        if (i + static_cast<std::size_t>(length) > n) return false;
        for (int k = 1; k < length; ++k) {
            const auto cc = static_cast<unsigned char>(bytes[i + static_cast<std::size_t>(k)]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += static_cast<std::size_t>(length);
    }
    return true;
}

std::string windows1252ToUtf8(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
            out += ch;
        } else if (c < 0xA0) {
            const char32_t mapped = kCp1252High[c - 0x80];
            appendUtf8(out, mapped ? mapped : static_cast<char32_t>(c));
        } else {
            appendUtf8(out, static_cast<char32_t>(c));  // 0xA0..0xFF equal Latin-1 = U+00A0..U+00FF
        }
    }
    return out;
}

DecodedText decodeToUtf8(std::string_view bytes)
{
    if (bytes.substr(0, kBom.size()) == kBom) {
        const auto rest = bytes.substr(kBom.size());
        // A BOM followed by invalid bytes is a broken file; CP1252 is still the best reading.
        if (isValidUtf8(rest)) return {std::string(rest), TextEncoding::Utf8Bom};
        return {windows1252ToUtf8(rest), TextEncoding::Windows1252};
    }
    if (isValidUtf8(bytes)) return {std::string(bytes), TextEncoding::Utf8};
    return {windows1252ToUtf8(bytes), TextEncoding::Windows1252};
}

}  // namespace riskmap::core
