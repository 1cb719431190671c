// SPDX-License-Identifier: GPL-3.0-or-later
// The one QGuiApplication the render tests need for fonts (the offscreen platform comes from the test environment).
#pragma once

class QGuiApplication;

namespace riskmap::test {

/// Creates the application on first use and never destroys it: a static Qt application torn down
/// after Qt's own globals crashes at exit.
QGuiApplication& renderApp();

}  // namespace riskmap::test
