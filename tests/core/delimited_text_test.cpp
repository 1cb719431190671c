// SPDX-License-Identifier: GPL-3.0-or-later
// Dutch CSV reading (Latin-1, `;`, decimal commas, broken rows) and CSV writing.
#include "riskmap/core/delimited_text.hpp"

#include "riskmap/core/error.hpp"

#include <gtest/gtest.h>

using namespace riskmap::core;

namespace {

// A Windows-1252 export as Dutch Excel writes it. Bytes: E9 = é, EB = ë, FC = ü, 80 = €.
const std::string kLatin1Csv =
    "kvk_nummer;handelsnaam;omzet;datum_inschrijving;oppervlakte;opmerking\r\n"
    "01234567;Caf\xE9 De Zo\xEBn;1.234,56;01-03-2025;12,5;\"prijs; \x80 5\"\r\n"       // 1 ok, quoted ;
    "00012345;M\xFCller BV;12,5;1-3-2025;100;gewoon\r\n"                                  // 2 ok
    "12345678;Slechte datum;7,0;31-02-2025;3,75;x\r\n"                                    // 3 bad date
    "23456789;Slecht getal;12,5x;2025-03-01;0,5;x\r\n"                                    // 4 bad number
    "34567890;Te kort;1,0;01-01-2024\r\n"                                                 // 5 missing columns
    "\r\n"                                                                                // blank: skipped
    "45678901;\"Quote \"\"Bar\"\"\";3,25;;;\"regel1\r\nregel2\"\r\n"                      // 6 ok, multi-line
    "56789012;Te lang;1,0;01-01-2024;1;x;extra\r\n";                                      // 7 too many

CsvTable readSample()
{
    CsvReadOptions options;
    options.numericColumns = {"omzet"};
    options.dateColumns = {"datum_inschrijving"};
    return readDelimitedText(kLatin1Csv, options);
}

std::vector<std::string> reasons(const CsvRow& row)
{
    std::vector<std::string> out;
    for (const auto& p : row.problems) out.push_back(p.column + ": " + p.reason);
    return out;
}

}  // namespace

TEST(DelimitedText, DetectsLatin1AndSemicolon)
{
    const CsvTable t = readSample();
    EXPECT_EQ(t.encoding, TextEncoding::Windows1252);
    EXPECT_EQ(t.separator, ';');
    ASSERT_EQ(t.header.size(), 6u);
    EXPECT_EQ(t.header[5], "opmerking");
}

TEST(DelimitedText, ConvertsLatin1CharactersExactly)
{
    const CsvTable t = readSample();
    ASSERT_GE(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].values[1], "Caf\xC3\xA9 De Zo\xC3\xABn");        // Café De Zoën
    EXPECT_EQ(t.rows[1].values[1], "M\xC3\xBCller BV");                  // Müller BV
    EXPECT_EQ(t.rows[0].values[5], "prijs; \xE2\x82\xAC 5");             // quoted ; and €
}

TEST(DelimitedText, AccountsForEveryRow)
{
    const CsvTable t = readSample();
    ASSERT_EQ(t.rows.size(), 7u);
    for (std::size_t i = 0; i < t.rows.size(); ++i) EXPECT_EQ(t.rows[i].rowNumber, i + 1);
    // Physical lines: header 1, rows 1..5 on lines 2..6, blank line 7, row 6 spans lines 8-9.
    EXPECT_EQ(t.rows[4].lineNumber, 6u);
    EXPECT_EQ(t.rows[5].lineNumber, 8u);
    EXPECT_EQ(t.rows[6].lineNumber, 10u);

    std::vector<std::size_t> bad;
    for (const auto& row : t.rows) if (!row.ok()) bad.push_back(row.rowNumber);
    EXPECT_EQ(bad, (std::vector<std::size_t>{3, 4, 5, 7}));
    EXPECT_EQ(t.problemRowCount(), 4u);

    EXPECT_EQ(reasons(t.rows[2]), (std::vector<std::string>{"datum_inschrijving: geen geldige datum"}));
    EXPECT_EQ(t.rows[2].problems[0].value, "31-02-2025");
    EXPECT_EQ(reasons(t.rows[3]), (std::vector<std::string>{"omzet: geen getal"}));
    EXPECT_EQ(reasons(t.rows[4]), (std::vector<std::string>{": 4 kolommen, verwacht 6"}));
    EXPECT_EQ(reasons(t.rows[6]), (std::vector<std::string>{": 7 kolommen, verwacht 6"}));
    // Not padded, not truncated.
    EXPECT_EQ(t.rows[4].values.size(), 4u);
    EXPECT_EQ(t.rows[6].values.size(), 7u);
    EXPECT_EQ(t.rows[6].values[6], "extra");
}

TEST(DelimitedText, NormalisesNumbersAndDatesKeepsCodes)
{
    const CsvTable t = readSample();
    EXPECT_EQ(t.rows[0].values[0], "01234567");  // leading zero kept
    EXPECT_EQ(t.rows[1].values[0], "00012345");
    EXPECT_EQ(t.rows[0].values[2], "1234.56");
    EXPECT_EQ(t.rows[1].values[2], "12.5");
    EXPECT_EQ(t.rows[0].values[3], "2025-03-01");
    EXPECT_EQ(t.rows[1].values[3], "2025-03-01");
    EXPECT_EQ(t.rows[3].values[3], "2025-03-01");
    // oppervlakte is detected as a decimal-comma column; kvk_nummer (integers only) is not.
    EXPECT_EQ(t.numericColumns, (std::vector<std::string>{"omzet", "oppervlakte"}));
    EXPECT_EQ(t.rows[0].values[4], "12.5");
    EXPECT_EQ(t.rows[1].values[4], "100");
    // Problem cells keep what was read; the original stays available.
    EXPECT_EQ(t.rows[3].values[2], "12,5x");
    EXPECT_EQ(t.rows[0].original[2], "1.234,56");
}

TEST(DelimitedText, QuotesDoubledAndMultiLine)
{
    const CsvTable t = readSample();
    const CsvRow& r = t.rows[5];
    ASSERT_TRUE(r.ok()) << r.problems.front().reason;
    EXPECT_EQ(r.values[1], "Quote \"Bar\"");
    EXPECT_EQ(r.values[2], "3.25");
    EXPECT_EQ(r.values[3], "");  // empty date stays empty
    EXPECT_EQ(r.values[5], "regel1\nregel2");
}

TEST(DelimitedText, Utf8WithBomAndCommaSeparator)
{
    const std::string csv = "\xEF\xBB\xBFnaam,plaats\n\"Jansen, P.\",Zo\xC3\xABterwoude\n";
    const CsvTable t = readDelimitedText(csv);
    EXPECT_EQ(t.encoding, TextEncoding::Utf8Bom);
    EXPECT_EQ(t.separator, ',');
    EXPECT_EQ(t.header, (std::vector<std::string>{"naam", "plaats"}));
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].values, (std::vector<std::string>{"Jansen, P.", "Zo\xC3\xABterwoude"}));
}

TEST(DelimitedText, ReportsQuotingProblemsAndDuplicateHeader)
{
    const CsvTable t = readDelimitedText("a;a;b\n\"x\"y;2;3\n4;5;\"open\n");
    ASSERT_EQ(t.fileProblems.size(), 1u);
    EXPECT_EQ(t.fileProblems[0].reason, "kolomnaam komt dubbel voor");
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].values[0], "xy");
    EXPECT_EQ(t.rows[0].problems.at(0).reason, "tekst na het afsluitende aanhalingsteken");
    EXPECT_FALSE(t.rows[1].ok());
}

TEST(DelimitedText, AmbiguousPointInCommaColumn)
{
    CsvReadOptions options;
    options.numericColumns = {"bedrag"};
    const CsvTable t = readDelimitedText("bedrag\n1,5\n1.234\n", options);
    EXPECT_TRUE(t.rows[0].ok());
    ASSERT_FALSE(t.rows[1].ok());
    EXPECT_EQ(t.rows[1].problems[0].value, "1.234");
}

TEST(DelimitedText, MissingNamedColumnThrows)
{
    CsvReadOptions options;
    options.dateColumns = {"datum"};
    EXPECT_THROW(readDelimitedText("a;b\n1;2\n", options), riskmap::InputError);
    EXPECT_THROW(readDelimitedText("\r\n\r\n"), riskmap::InputError);
}

TEST(DelimitedText, DetectsSeparatorOutsideQuotes)
{
    EXPECT_EQ(detectSeparator("\"a;b;c\",d,e"), ',');
    EXPECT_EQ(detectSeparator("a;b,c;d"), ';');
    EXPECT_EQ(detectSeparator("a\tb\tc,d"), '\t');
    EXPECT_EQ(detectSeparator("alleen"), ',');
}

TEST(DelimitedText, NormalisesDecimals)
{
    EXPECT_EQ(normaliseDecimal("1.234,56"), "1234.56");
    EXPECT_EQ(normaliseDecimal("1.234.567,5"), "1234567.5");
    EXPECT_EQ(normaliseDecimal(" 007,50 "), "007.50");
    EXPECT_EQ(normaliseDecimal("-3"), "-3");
    EXPECT_EQ(normaliseDecimal("+2,5"), "2.5");
    EXPECT_EQ(normaliseDecimal("12.5"), "12.5");
    EXPECT_FALSE(normaliseDecimal("1.23,4"));
    EXPECT_FALSE(normaliseDecimal("12,5x"));
    EXPECT_FALSE(normaliseDecimal(",5"));
    EXPECT_FALSE(normaliseDecimal("1,2,3"));
    EXPECT_FALSE(normaliseDecimal(""));
    EXPECT_FALSE(normaliseDecimal("-"));
}

TEST(DelimitedText, Encodings)
{
    EXPECT_TRUE(isValidUtf8("Caf\xC3\xA9 \xE2\x82\xAC"));
    EXPECT_FALSE(isValidUtf8("Caf\xE9"));
    EXPECT_FALSE(isValidUtf8("\xC0\xAF"));        // overlong '/'
    EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));    // surrogate
    EXPECT_FALSE(isValidUtf8("\xE2\x82"));        // truncated
    EXPECT_EQ(windows1252ToUtf8("\x80\x9F\x81\xFF"), "\xE2\x82\xAC\xC5\xB8\xC2\x81\xC3\xBF");  // € Ÿ U+0081 ÿ
    EXPECT_EQ(decodeToUtf8("abc").encoding, TextEncoding::Utf8);
}

TEST(DelimitedText, WritesRfc4180)
{
    const std::string out = writeDelimitedText({"code", "naam", "waarde"},
                                               {{"0123", "Jansen, P.", "1.5"}, {"9", "zei \"hoi\"", ""},
                                                {"10", "regel1\nregel2", "-2"}},
                                               CsvDialect::Rfc4180, {"waarde"});
    EXPECT_EQ(out,
              "code,naam,waarde\r\n"
              "0123,\"Jansen, P.\",1.5\r\n"
              "9,\"zei \"\"hoi\"\"\",\r\n"
              "10,\"regel1\nregel2\",-2\r\n");
    // And reads back to the same values.
    CsvReadOptions options;
    options.detectDecimalCommaColumns = false;
    const CsvTable back = readDelimitedText(out, options);
    ASSERT_EQ(back.rows.size(), 3u);
    EXPECT_EQ(back.rows[1].values[1], "zei \"hoi\"");
    EXPECT_EQ(back.rows[2].values[1], "regel1\nregel2");
    EXPECT_EQ(back.rows[0].values[0], "0123");
}

TEST(DelimitedText, WritesExcelNl)
{
    const std::string out = writeDelimitedText({"pand_id", "naam", "opp"},
                                               {{"0344100000012345", "Caf\xC3\xA9; bar", "12.75"},
                                                {"42", "x", "3"}},
                                               CsvDialect::ExcelNl, {"opp"});
    EXPECT_EQ(out,
              "\xEF\xBB\xBFpand_id;naam;opp\r\n"
              "=\"0344100000012345\";\"Caf\xC3\xA9; bar\";12,75\r\n"
              "42;x;3\r\n");
    // Our own reader takes it back: BOM, `;` and the decimal comma.
    const CsvTable back = readDelimitedText(out);
    EXPECT_EQ(back.encoding, TextEncoding::Utf8Bom);
    EXPECT_EQ(back.separator, ';');
    EXPECT_EQ(back.rows[0].values[2], "12.75");
}
