// SPDX-License-Identifier: GPL-3.0-or-later
// The work behind Import, Build maps and Plan inspections: the same layers functions the CLI calls.
#pragma once

#include "riskmap/core/feedback.hpp"

#include <QString>
#include <QStringList>

#include <optional>

namespace riskmap::desktop {

/// Imports `files` into the workspace at `workspacePath` (own writable connection); each source layer
/// with a canonical name, or an aerial photo of `photoYear`. Mappings and sectors from `projectPath`
/// when not empty. Returns a Dutch summary; throws Error (file, row, reason) when a file is refused.
QString runImport(const QString& workspacePath, const QStringList& files, const QString& projectPath,
                  std::optional<int> photoYear, core::Feedback& feedback);

/// Every build step (layers::buildAll) with the settings of `projectPath` (defaults when empty).
QString runBuild(const QString& workspacePath, const QString& projectPath, core::Feedback& feedback);

/// The inspection plan of `year`: layers controles/controle_adressen plus the files in
/// `<workspace>.plan-<year>`. Returns the plan report.
QString runPlan(const QString& workspacePath, const QString& projectPath, int year, core::Feedback& feedback);

/// Whether a file is an aerial photo (registered with a year rather than imported as vectors).
bool isPhotoFile(const QString& file);

}  // namespace riskmap::desktop
