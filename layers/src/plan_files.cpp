// SPDX-License-Identifier: GPL-3.0-or-later
// Report text, .ics files, partner address lists and findings forms of a year plan.
#include "riskmap/layers/plan_files.hpp"
#include "riskmap/gis/audit_log.hpp"

#include "riskmap/core/delimited_text.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace riskmap::layers {
namespace {

namespace pl = core::planner;

std::string fmt(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string compactDate(const core::Date& d)
{
    std::string iso = core::formatIsoDate(d);
    std::erase(iso, '-');
    return iso;
}

/// RFC 5545 TEXT escaping.
std::string icsText(const std::string& s)
{
    std::string out;
    for (char c : s) {
        if (c == '\\' || c == ';' || c == ',') out += '\\';
        if (c == '\n') { out += "\\n"; continue; }
        out += c;
    }
    return out;
}

/// Folds a content line at 73 octets (RFC 5545 §3.1), without splitting a UTF-8 sequence.
std::string fold(const std::string& line)
{
    std::string out;
    std::size_t width = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const bool continuation = (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80;
        if (width >= 73 && !continuation) {
            out += "\r\n ";
            width = 1;
        }
        out += line[i];
        ++width;
    }
    return out + "\r\n";
}

std::string safeName(const std::string& s)
{
    std::string out;
    for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '_';
    return out;
}

void writeFile(const std::string& path, const std::string& content)
{
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) throw Error("kan '" + path + "' niet schrijven");
}

}  // namespace

std::string planReport(const YearPlan& plan)
{
    std::ostringstream o;
    o << "Jaarplan integrale controles " << plan.year << " (seed " << plan.seed << ")\n";
    std::map<pl::TargetKind, int> kinds;
    for (const auto& t : plan.targets) ++kinds[t.kind];
    o << "  kandidaten: " << plan.targets.size() << " (" << kinds[pl::TargetKind::BusinessPark] << " bedrijventerreinen, "
      << kinds[pl::TargetKind::RuralCluster] << " clusters buitengebied, " << kinds[pl::TargetKind::RiskZone]
      << " risicozones); " << plan.clustersTooSmall << " clusters met minder dan 10 adressen overgeslagen; "
      << plan.targetsRecentlyControlled << " doelen recent gecontroleerd\n";
    o << "  gedekt risico (verwachting): " << fmt(plan.selection.plan.objective, 2) << "\n\n";
    for (std::size_t k = 0; k < plan.days.size(); ++k) {
        const auto& day = plan.days[k];
        const auto& target = plan.targets[day.target];
        const auto& e = plan.selection.explanations.at(k);
        o << "Controle " << day.controlId << " op " << core::formatIsoDate(day.date) << ": " << target.name << " ("
          << pl::targetKindName(target.kind) << ", " << target.municipality << ")\n";
        o << "  waarom: " << e.text << "\n";
        if (e.runnerUp) o << "  opvolger: " << plan.problem.candidates[*e.runnerUp].name << "\n";
        int random = 0;
        for (auto r : day.reasons) random += r == pl::SampleReason::Random ? 1 : 0;
        o << "  adressen: " << day.visits.size() << " (" << day.visits.size() - static_cast<std::size_t>(random)
          << " op risico, " << random << " steekproef; " << day.sample.dwellings << " woningen: alleen met toestemming of machtiging)\n";
        o << "  partners: " << core::join(day.partners, ", ") << "\n";
        for (const auto& r : day.partnerReasons) o << "    " << r << "\n";
        for (const auto& p : day.capacityProblems) o << "    let op: " << p << "\n";
        o << "  route: " << fmt(day.route.lengthMetres / 1000.0, 1) << " km, ondergrens " << fmt(day.route.lowerBoundMetres / 1000.0, 1)
          << " km (gat " << fmt(day.route.gap * 100.0, 1) << " %), reistijd " << fmt(day.route.travelMinutes, 0)
          << " min + bezoeken " << fmt(day.route.visitMinutes, 0) << " min = " << fmt(day.route.totalMinutes / 60.0, 1) << " uur\n\n";
    }
    o << "Wat de voorwaarden kosten:\n";
    for (const auto& c : plan.selection.costs) o << "  " << c.text << "\n";
    if (!plan.selection.passedOver.empty()) {
        o << "Hoger risico, niet gekozen:\n";
        for (const auto& p : plan.selection.passedOver) o << "  " << p << "\n";
    }
    o << "Rekentijd: kandidaten " << fmt(plan.candidateSeconds, 2) << " s, selectie (ILP, met uitleg) "
      << fmt(plan.solveSeconds, 2) << " s, steekproef en routes " << fmt(plan.routeSeconds, 2) << " s\n";
    return o.str();
}

std::string controlIcs(const YearPlan& plan, const PlannedDay& day)
{
    const auto& target = plan.targets[day.target];
    const core::Date next = core::Date(std::chrono::sys_days(day.date) + std::chrono::days(1));
    // DTSTAMP from the plan's inputs, not the clock: rerunning the same plan gives the same file.
    std::string stamp = plan.inputsStampedAt.empty() ? std::to_string(plan.year - 1) + "-12-01T00:00:00Z" : plan.inputsStampedAt;
    std::erase(stamp, '-');
    std::erase(stamp, ':');
    std::string s;
    s += fold("BEGIN:VCALENDAR");
    s += fold("VERSION:2.0");
    s += fold("PRODID:-//Risicokaart//Integrale controles//NL");
    s += fold("CALSCALE:GREGORIAN");
    s += fold("BEGIN:VEVENT");
    s += fold("UID:controle-" + day.controlId + "@risicokaart");
    s += fold("DTSTAMP:" + stamp);
    s += fold("DTSTART;VALUE=DATE:" + compactDate(day.date));
    s += fold("DTEND;VALUE=DATE:" + compactDate(next));
    s += fold("SUMMARY:" + icsText("Integrale controle " + day.controlId + ": " + target.name));
    s += fold("LOCATION:" + icsText(target.name + ", " + target.municipality));
    s += fold("DESCRIPTION:" + icsText("Partners: " + core::join(day.partners, ", ") + "\n" +
                                       std::to_string(day.visits.size()) + " adressen; adreslijst per partner apart."));
    s += fold("CLASS:CONFIDENTIAL");
    s += fold("END:VEVENT");
    s += fold("END:VCALENDAR");
    return s;
}

std::string writePlanReport(const YearPlan& plan, const std::string& dir)
{
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/jaarplan_" + std::to_string(plan.year) + ".txt";
    writeFile(path, planReport(plan));
    return path;
}

std::vector<std::string> writePlanFiles(const YearPlan& plan, const std::string& dir)
{
    std::filesystem::create_directories(dir);
    std::vector<std::string> written;
    std::map<std::string, std::vector<std::vector<std::string>>> perPartner;
    for (const auto& day : plan.days) {
        const std::string ics = dir + "/controle_" + day.controlId + ".ics";
        writeFile(ics, controlIcs(plan, day));
        written.push_back(ics);
        for (const auto& partner : day.partners) {
            // A partner no address asked for (always_partners) visits every address of the day.
            const bool always = std::none_of(day.visitPartners.begin(), day.visitPartners.end(), [&](const auto& v) {
                                    return std::find(v.begin(), v.end(), partner) != v.end();
                                });
            for (std::size_t v = 0; v < day.visits.size(); ++v) {
                const bool needed = std::find(day.visitPartners[v].begin(), day.visitPartners[v].end(), partner) !=
                                    day.visitPartners[v].end();
                if (!always && !needed) continue;
                const auto& a = plan.addresses[day.visits[v]];
                perPartner[partner].push_back({day.controlId, core::formatIsoDate(day.date), a.adres,
                                               a.dwelling ? "ja" : "nee", std::to_string(v + 1)});
            }
        }
        std::ostringstream form;
        core::DelimitedTextWriter w(form, {"controle_id", "vbo_id", "adres", "bezocht", "categorie", "toelichting", "vervolg"},
                                    core::CsvDialect::ExcelNl);
        for (std::size_t v = 0; v < day.visits.size(); ++v) {
            const auto& a = plan.addresses[day.visits[v]];
            w.writeRow({day.controlId, a.vboId, a.adres, "", "", "", ""});
        }
        const std::string formPath = dir + "/bevindingen_" + day.controlId + ".csv";
        writeFile(formPath, form.str());
        written.push_back(formPath);
    }
    for (const auto& [partner, rows] : perPartner) {
        std::ostringstream csv;
        core::DelimitedTextWriter w(csv, {"controle_id", "datum", "adres", "woning", "volgorde"}, core::CsvDialect::ExcelNl);
        for (const auto& r : rows) w.writeRow(r);
        const std::string path = dir + "/adressen_" + safeName(partner) + "_" + std::to_string(plan.year) + ".csv";
        writeFile(path, csv.str());
        written.push_back(path);
    }
    return written;
}

int auditPartnerLists(gis::Workspace& workspace, const std::vector<std::string>& files)
{
    int entries = 0;
    gis::Transaction tx(workspace.db());
    for (const auto& file : files) {
        const std::string name = std::filesystem::path(file).filename().string();
        // Partner lists go to the partners; calendars and findings forms stay with the team.
        const bool partner = name.rfind("adressen_", 0) == 0;
        gis::appendAudit(workspace.db(), "export", "controles → " + file, partner ? "partner" : "analist",
                         "integrale controle",
                         partner ? "partnerlijst (controle_id, datum, adres, woning, volgorde)" : "agenda of bevindingenformulier");
        if (partner) ++entries;
    }
    tx.commit();
    return entries;
}

}  // namespace riskmap::layers
