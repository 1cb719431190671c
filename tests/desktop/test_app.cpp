// SPDX-License-Identifier: GPL-3.0-or-later
// The one QApplication every desktop test runs in.
#include "test_app.hpp"

#include <QApplication>

namespace riskmap::test {

QApplication& desktopApp()
{
    if (!QApplication::instance()) {
        static int argc = 1;
        static char name[] = "desktop_tests";
        static char* argv[] = {name, nullptr};
        new QApplication(argc, argv);
    }
    return *qApp;
}

}  // namespace riskmap::test
