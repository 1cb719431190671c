// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap brief`.
#include "brief_command.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/layers/export_profile.hpp"
#include "riskmap/render/briefing.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace riskmap::cli {

void BriefCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte")->required();
    sub.add_option("--out", m_out, "Uitvoerbestand (.pdf; .png geeft één afbeelding per pagina)")->required();
    sub.add_option("--profile", m_profile, "Exportprofiel (alleen 'driehoek')");
    sub.add_option("--purpose", m_purpose, "Doel (doelbinding), komt in het auditlog");
    sub.add_option("--date", m_date, "Datum op de briefing (JJJJ-MM-DD; standaard vandaag)");
    sub.footer("Drie A4-pagina's: overzichtskaart in blokken van 500 m, de tien gebieden met het hoogste risico,\n"
               "wat er veranderd is, geplande controles (gebied en maand), kerncijfers per gemeente en de methode.\n"
               "Zonder adressen, namen of perceelnummers; aantallen onder 5 worden niet getoond.");
}

int BriefCommand::run()
{
    const auto profile = layers::parseProfile(m_profile);
    if (!profile) throw UsageError("onbekend profiel '" + m_profile + "'");
    render::BriefOptions options;
    options.outPath = m_out;
    options.profile = *profile;
    options.purpose = m_purpose;
    options.date = m_date;
    const auto report = render::writeBriefing(m_workspace, options);
    for (const auto& f : report.files) std::cout << "Briefing geschreven: " << f << '\n';
    std::cout << report.pages << " pagina's; audit-hash in de briefing " << report.printedAuditHash
              << "; vastgelegd als auditregel " << report.auditSeq << '\n';
    return 0;
}

}  // namespace riskmap::cli
