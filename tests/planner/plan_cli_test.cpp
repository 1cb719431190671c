// SPDX-License-Identifier: GPL-3.0-or-later
// End to end: XS sample → import → build → `riskmap plan`, every constraint checked on the result.
#include "test_support.hpp"

#include "riskmap/gis/sqlite_db.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

namespace riskmap::test {
namespace {

using namespace std::chrono;


sys_days day(const std::string& iso)
{
    return sys_days(year_month_day(year(std::stoi(iso.substr(0, 4))), month(static_cast<unsigned>(std::stoi(iso.substr(5, 2)))),
                                   std::chrono::day(static_cast<unsigned>(std::stoi(iso.substr(8, 2))))));
}

const char* kProject = R"([planner]
controls = 3
addresses_per_control = 15
random_share = 0.2
min_weeks_apart = 8
seed = 7
school_holidays = [
  { name = "voorjaarsvakantie 2027", first = 2027-02-20, last = 2027-02-28 },
  { name = "meivakantie 2027", first = 2027-04-24, last = 2027-05-02 },
  { name = "zomervakantie 2027", first = 2027-07-17, last = 2027-08-29 },
  { name = "herfstvakantie 2027", first = 2027-10-16, last = 2027-10-24 },
]
blackouts = [ { name = "januari dicht", first = 2027-01-01, last = 2027-01-31 } ]
[[planner.partners]]
name = "Omgevingsdienst"
capacity = 25
)";

class PlanXs : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = new TempDir();
        auto ok = [](const CommandResult& r) { ASSERT_EQ(r.exitCode, 0) << r.out << r.err; };
        ok(runCli({"sample", "--out", s_dir->file("data"), "--scale", "XS", "--no-photos"}));
        ok(runCli({"init", ws()}));
        ok(runCli({"import", ws(), s_dir->file("data/heuvelrug.gpkg")}));
        ok(runCli({"build", ws()}));
        std::ofstream(s_dir->file("p.toml")) << kProject;
        s_plan = new CommandResult(runCli({"plan", ws(), "--year", "2027", "--project", s_dir->file("p.toml"), "--history",
                                           s_dir->file("data/heuvelrug.gpkg"), "--out", s_dir->file("out")}));
    }
    static void TearDownTestSuite()
    {
        delete s_plan;
        delete s_dir;
    }
    static std::string ws() { return s_dir->file("ws.sqlite"); }
    static std::int64_t sql(const std::string& q)
    {
        gis::SpatialiteDb db(ws(), gis::SpatialiteDb::Mode::ReadOnly);
        return db.queryInt(q).value_or(-1);
    }
    static std::vector<std::string> column(const std::string& q)
    {
        gis::SpatialiteDb db(ws(), gis::SpatialiteDb::Mode::ReadOnly);
        auto st = db.prepare(q);
        std::vector<std::string> out;
        while (st.step()) out.push_back(st.columnText(0));
        return out;
    }
    static TempDir* s_dir;
    static CommandResult* s_plan;
};
TempDir* PlanXs::s_dir = nullptr;
CommandResult* PlanXs::s_plan = nullptr;

TEST_F(PlanXs, RisicoAdressenHasEveryAddressWithItsParcelScore)
{
    EXPECT_EQ(sql("SELECT count(*) FROM risico_adressen"), sql("SELECT count(*) FROM verblijfsobjecten"));
    // Oracle: the parcel containing the point, by SpatiaLite.
    EXPECT_EQ(sql("SELECT count(*) FROM risico_adressen a JOIN risico_percelen p ON p.perceel_id = a.perceel_id "
                  "WHERE NOT ST_Contains(p.geom, a.geom) OR abs(p.risico_score - a.risico_score) > 1e-9"),
              0);
    EXPECT_EQ(sql("SELECT count(*) FROM risico_adressen WHERE woonfunctie = 1"),
              sql("SELECT count(*) FROM verblijfsobjecten WHERE gebruiksdoel LIKE '%woonfunctie%'"));
    // Companies at the address by plain SQL on postcode + number + letter + addition (active at the reference date
    // cannot be checked without it; the count of all registrations bounds it).
    EXPECT_LE(sql("SELECT sum(n_bedrijven) FROM risico_adressen"), sql("SELECT count(*) FROM vestigingen"));
    EXPECT_GT(sql("SELECT count(*) FROM risico_adressen WHERE n_risico_bedrijven > 0"), 0);
}

TEST_F(PlanXs, ThreeControlsOnFreeWeekdaysFarEnoughApart)
{
    ASSERT_EQ(s_plan->exitCode, 0) << s_plan->out << s_plan->err;
    const auto dates = column("SELECT datum FROM controles WHERE jaar = 2027 ORDER BY volgnummer");
    ASSERT_EQ(dates.size(), 3u) << s_plan->out;
    // Blackouts written out by hand: the project's periods, the public holidays of 2027, the turn of the year.
    const std::vector<std::pair<std::string, std::string>> closed{
        {"2027-01-01", "2027-01-31"}, {"2027-02-20", "2027-02-28"}, {"2027-03-26", "2027-03-26"},
        {"2027-03-28", "2027-03-29"}, {"2027-04-24", "2027-05-02"}, {"2027-04-27", "2027-04-27"},
        {"2027-05-05", "2027-05-06"}, {"2027-05-16", "2027-05-17"}, {"2027-07-17", "2027-08-29"},
        {"2027-10-16", "2027-10-24"}, {"2027-12-24", "2027-12-31"}};
    for (std::size_t i = 0; i < dates.size(); ++i) {
        const auto d = day(dates[i]);
        const unsigned wd = weekday(d).c_encoding();
        EXPECT_TRUE(wd >= 1 && wd <= 5) << dates[i];
        for (const auto& [a, b] : closed) EXPECT_FALSE(d >= day(a) && d <= day(b)) << dates[i] << " in " << a;
        if (i) EXPECT_GE((d - day(dates[i - 1])).count(), 56) << dates[i - 1] << " → " << dates[i];
    }
}

TEST_F(PlanXs, AddressListsHaveTheRandomShareAndDwellingFlags)
{
    ASSERT_EQ(s_plan->exitCode, 0);
    for (const auto& id : column("SELECT controle_id FROM controles WHERE jaar = 2027")) {
        const auto n = sql("SELECT count(*) FROM controle_adressen WHERE controle_id = '" + id + "'");
        EXPECT_GE(n, 10) << id;
        EXPECT_LE(n, 25) << id;
        const auto random = sql("SELECT count(*) FROM controle_adressen WHERE controle_id = '" + id + "' AND reden = 'steekproef'");
        // round(15 × 0.2) = 3 random addresses whenever the target had more than 15.
        if (n == 15) EXPECT_EQ(random, 3) << id;
        EXPECT_EQ(sql("SELECT count(*) FROM controle_adressen WHERE controle_id = '" + id + "' AND reden NOT IN ('risico','steekproef')"), 0);
        EXPECT_EQ(sql("SELECT count(*) FROM controle_adressen WHERE controle_id = '" + id + "' AND woning NOT IN (0, 1)"), 0);
        // volgorde is a permutation 1..n
        EXPECT_EQ(sql("SELECT count(DISTINCT volgorde) FROM controle_adressen WHERE controle_id = '" + id + "' AND volgorde BETWEEN 1 AND " + std::to_string(n)), n);
        // The woning flag is the BAG's woonfunctie.
        EXPECT_EQ(sql("SELECT count(*) FROM controle_adressen c JOIN verblijfsobjecten v USING (vbo_id) WHERE controle_id = '" + id +
                      "' AND c.woning <> (v.gebruiksdoel LIKE '%woonfunctie%')"), 0);
    }
}

TEST_F(PlanXs, CalendarFilesParseAndPartnerListsHideScores)
{
    ASSERT_EQ(s_plan->exitCode, 0);
    const auto ids = column("SELECT controle_id || '|' || replace(datum, '-', '') FROM controles WHERE jaar = 2027");
    for (const auto& row : ids) {
        const auto bar = row.find('|');
        const std::string ics = readFileText(s_dir->file("out/controle_" + row.substr(0, bar) + ".ics"));
        EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
        EXPECT_NE(ics.find("DTSTART;VALUE=DATE:" + row.substr(bar + 1) + "\r\n"), std::string::npos);
        EXPECT_NE(ics.find("END:VCALENDAR\r\n"), std::string::npos);
        std::istringstream lines(ics);
        for (std::string l; std::getline(lines, l);) EXPECT_LE(l.size(), 76u);
    }
    int partnerFiles = 0;
    for (const auto& e : std::filesystem::directory_iterator(s_dir->file("out"))) {
        const std::string name = e.path().filename().string();
        if (name.rfind("adressen_", 0) != 0) continue;
        ++partnerFiles;
        const std::string text = readFileText(e.path().string());
        const std::string header = text.substr(0, text.find('\n'));
        EXPECT_NE(header.find("controle_id"), std::string::npos) << name;
        EXPECT_NE(header.find("woning"), std::string::npos) << name;
        for (const char* hidden : {"risico", "reden", "score", "steekproef", "vbo_id"}) EXPECT_EQ(text.find(hidden), std::string::npos) << name << " " << hidden;
    }
    EXPECT_GE(partnerFiles, 2);  // Gemeente and Politie always
    // Each partner list leaves the tool: one audit entry per list, profile partner.
    EXPECT_EQ(column("SELECT count(*) FROM rk_audit WHERE action = 'export' AND profile = 'partner'").at(0),
              std::to_string(partnerFiles));
}

TEST_F(PlanXs, SameSeedSamePlanOtherSeedOtherDraw)
{
    ASSERT_EQ(s_plan->exitCode, 0);
    auto snapshot = [] {
        return column("SELECT controle_id || vbo_id || reden || volgorde FROM controle_adressen WHERE controle_id LIKE '2027-%' ORDER BY 1");
    };
    const auto before = snapshot();
    const auto controls = column("SELECT controle_id || datum || gebied FROM controles WHERE jaar = 2027 ORDER BY 1");
    // A clock second later, so a DTSTAMP taken from the clock would differ.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    auto again = runCli({"plan", ws(), "--year", "2027", "--project", s_dir->file("p.toml"), "--out", s_dir->file("out2")});
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(column("SELECT controle_id || datum || gebied FROM controles WHERE jaar = 2027 ORDER BY 1"), controls);
    // Same inputs and seed: byte-identical calendar files (DTSTAMP included).
    int calendars = 0;
    for (const auto& entry : std::filesystem::directory_iterator(s_dir->file("out"))) {
        if (entry.path().extension() != ".ics") continue;
        ++calendars;
        const auto second = s_dir->file("out2/" + entry.path().filename().string());
        ASSERT_TRUE(std::filesystem::exists(second)) << second;
        EXPECT_EQ(readFileText(entry.path().string()), readFileText(second)) << entry.path().filename();
        EXPECT_NE(readFileText(second).find("DTSTAMP:"), std::string::npos);
    }
    EXPECT_EQ(calendars, 3);
    auto other = runCli({"plan", ws(), "--year", "2027", "--project", s_dir->file("p.toml"), "--seed", "8", "--out", s_dir->file("out3")});
    ASSERT_EQ(other.exitCode, 0) << other.err;
    // The selection does not depend on the draw; the draw does (a target with more than 15 addresses
    // has several random candidates).
    EXPECT_EQ(column("SELECT controle_id || datum || gebied FROM controles WHERE jaar = 2027 ORDER BY 1"), controls);
    if (sql("SELECT count(*) FROM controle_adressen WHERE controle_id LIKE '2027-%' AND reden = 'steekproef'") > 0)
        EXPECT_NE(snapshot(), before);
    // restore the seed-7 plan for the other tests
    ASSERT_EQ(runCli({"plan", ws(), "--year", "2027", "--project", s_dir->file("p.toml"), "--out", s_dir->file("out")}).exitCode, 0);
}

TEST_F(PlanXs, InfeasibleSettingExitsOneWithDutchExplanation)
{
    std::ofstream(s_dir->file("bad.toml")) << "[planner]\ncontrols = 4\nmin_weeks_apart = 20\n";
    auto r = runCli({"plan", ws(), "--year", "2027", "--project", s_dir->file("bad.toml"), "--out", s_dir->file("bad")});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("Geen haalbaar controleplan"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("20 weken"), std::string::npos) << r.err;
}

TEST_F(PlanXs, HistoryExcludesRecentTargetsAndFindingsAreStored)
{
    ASSERT_EQ(s_plan->exitCode, 0);
    // A past control on 2026-11-30 at the addresses of the first planned target.
    const auto first = column("SELECT gebied FROM controles WHERE jaar = 2027 AND volgnummer = 1");
    ASSERT_EQ(first.size(), 1u);
    const auto vbos = column("SELECT vbo_id FROM controle_adressen WHERE controle_id = '2027-1'");
    {
        std::ofstream csv(s_dir->file("hist.csv"));
        csv << "controle_id;datum;gemeente;naam;vbo_id\n";
        for (const auto& v : vbos) csv << "H-1;30-11-2026;X;oud;" << v << "\n";
    }
    ASSERT_EQ(runCli({"import", ws(), s_dir->file("hist.csv"), "--layer", "controles_historie"}).exitCode, 0);
    auto r = runCli({"plan", ws(), "--year", "2027", "--project", s_dir->file("p.toml"), "--out", s_dir->file("out4")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const auto& d : column("SELECT datum FROM controles WHERE jaar = 2027 AND gebied = '" + first[0] + "'"))
        EXPECT_GE(day(d), day("2027-11-30")) << r.out;

    // Findings form: two good rows and one for an address not on the list.
    const auto now = column("SELECT vbo_id FROM controle_adressen WHERE controle_id = '2027-1' ORDER BY volgorde");
    ASSERT_GE(now.size(), 2u);
    {
        std::ofstream csv(s_dir->file("bev.csv"));
        csv << "controle_id;vbo_id;bezocht;categorie;toelichting;vervolg\n"
            << "2027-1;" << now[0] << ";ja;hennep;zolder;aangifte\n"
            << "2027-1;" << now[1] << ";nee;;niet thuis;\n"
            << "2027-1;0000000000000000;ja;geen bijzonderheden;;\n";
    }
    auto f = runCli({"import", ws(), s_dir->file("bev.csv"), "--layer", "bevindingen"});
    EXPECT_EQ(f.exitCode, 0) << f.err;
    EXPECT_NE(f.out.find("afgewezen"), std::string::npos) << f.out;
    EXPECT_EQ(sql("SELECT count(*) FROM bevindingen"), 2);
    EXPECT_EQ(sql("SELECT bezocht FROM bevindingen WHERE vbo_id = '" + now[0] + "'"), 1);
    EXPECT_EQ(sql("SELECT bezocht FROM bevindingen WHERE vbo_id = '" + now[1] + "'"), 0);
}

}  // namespace
}  // namespace riskmap::test
