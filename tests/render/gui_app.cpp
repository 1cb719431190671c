// SPDX-License-Identifier: GPL-3.0-or-later
// The one QGuiApplication the render tests need for fonts.
#include "gui_app.hpp"

#include <QGuiApplication>

namespace riskmap::test {

QGuiApplication& renderApp()
{
    if (!QGuiApplication::instance()) {
        static int argc = 1;
        static char name[] = "render_tests";
        static char* argv[] = {name, nullptr};
        new QGuiApplication(argc, argv);
    }
    return *qGuiApp;
}

}  // namespace riskmap::test
