// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap review`.
#include "review_command.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/change_review.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace riskmap::cli {

void ReviewCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte")->required();
    sub.add_option("LAAG", m_layer, "Te beoordelen laag (onbekende_bebouwing)")->required();
    sub.add_option("FID", m_fid, "fid van het vlak")->required();
    auto* yes = sub.add_flag("--bevestigd", m_confirmed, "Nieuwe, niet geregistreerde bebouwing: bevestigd");
    auto* no = sub.add_flag("--afgewezen", m_dismissed, "Geen onbekende bebouwing: afgewezen (blijft afgewezen na een nieuwe run)");
    auto* open = sub.add_flag("--open", m_open, "Beoordeling terugzetten naar open");
    yes->excludes(no)->excludes(open);
    no->excludes(open);
    sub.add_option("--toelichting", m_remark, "Toelichting bij de beoordeling");
}

int ReviewCommand::run()
{
    if (m_layer != "onbekende_bebouwing")
        throw UsageError("review: alleen laag onbekende_bebouwing kan worden beoordeeld (niet '" + m_layer + "')");
    if (!m_confirmed && !m_dismissed && !m_open) throw UsageError("review: geef --bevestigd, --afgewezen of --open");
    const std::string status = m_confirmed ? layers::kReviewConfirmed
                               : m_dismissed ? layers::kReviewDismissed
                                             : layers::kReviewOpen;
    auto workspace = gis::Workspace::open(m_workspace);
    const auto r = layers::reviewChange(workspace, m_fid, status, m_remark, gis::currentUser());
    std::cout << "onbekende_bebouwing " << r.fid << ": " << r.status << " door " << r.reviewer << " op " << r.reviewedAt
              << '\n';
    return 0;
}

}  // namespace riskmap::cli
