// SPDX-License-Identifier: GPL-3.0-or-later
// The command line of riskmap-gui: workspace, and the offscreen snapshot options.
#pragma once

#include "riskmap/gis/layer_reader.hpp"

#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace riskmap::desktop {

struct AppOptions {
    QString workspace;
    QString snapshot;                ///< render to this PNG and exit
    std::optional<gis::Box> extent;  ///< xmin,ymin,xmax,ymax in RD metres
    QSize size{1200, 800};
    QStringList layers;              ///< empty: all
    int timingRepeats = 0;           ///< --timing N: render N extra times and report the times
    QString language;                ///< --lang nl|en; empty: Dutch unless the system asks for another language
    QString purpose;                 ///< --purpose T: doelbinding recorded with views of confidential layers
    QString project;                 ///< --project P.toml: settings and mappings for Import, Build and Plan
    QString editZone;                ///< --edit-zone ID: start in the zone edit tool with this zone selected
    QString grabWindow;              ///< --grab-window F: show the window, save a screenshot after the first render, exit
};

/// Parses the arguments (without the program name). Throws UsageError naming the bad option.
AppOptions parseAppOptions(const QStringList& args);
/// The --help text (Dutch).
QString appUsage();

}  // namespace riskmap::desktop
