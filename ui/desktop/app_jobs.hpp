// SPDX-License-Identifier: GPL-3.0-or-later
// The work behind Import, Build maps and Plan inspections: the same layers functions the CLI calls.
#pragma once

#include "riskmap/core/feedback.hpp"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace riskmap::desktop {

/// Imports `files` into the workspace at `workspacePath` (own writable connection); each source layer
/// with a canonical name, or an aerial photo of `photoYear`. Mappings and sectors from `projectPath`
/// when not empty. Returns a Dutch summary; throws Error (file, row, reason) when a file is refused.
QString runImport(const QString& workspacePath, const QStringList& files, const QString& projectPath,
                  std::optional<int> photoYear, core::Feedback& feedback);

/// Every build step (layers::buildAll) with the settings of `projectPath` (defaults when empty).
QString runBuild(const QString& workspacePath, const QString& projectPath, core::Feedback& feedback);

/// What the planner panel may set over the project's `[planner]` table (unset: the project's value).
struct PlanOverrides {
    std::optional<int> controls;             ///< `controls`
    std::optional<int> addressesPerControl;  ///< `addresses_per_control`
    std::optional<double> randomShare;       ///< `random_share`, 0..1
    std::optional<std::uint64_t> seed;       ///< `seed`
};

/// The inspection plan of `year`: layers controles/controle_adressen plus the files in
/// `<workspace>.plan-<year>` (calendars, partner lists, findings forms and the report
/// `jaarplan_<year>.txt`), audit-logged as `riskmap plan` does. Returns the plan report.
QString runPlan(const QString& workspacePath, const QString& projectPath, int year, core::Feedback& feedback,
                const PlanOverrides& overrides = {});

/// Whether a file is an aerial photo (registered with a year rather than imported as vectors).
bool isPhotoFile(const QString& file);

}  // namespace riskmap::desktop
