// SPDX-License-Identifier: GPL-3.0-or-later
// The one QApplication every desktop test runs in.
#pragma once

class QApplication;

namespace riskmap::test {

/// Creates the application on first use and never destroys it: a static Qt application torn down
/// after Qt's own globals crashes at exit.
QApplication& desktopApp();

}  // namespace riskmap::test
