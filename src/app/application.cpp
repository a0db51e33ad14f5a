// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "application.h"

#include "buildinfo.h"
#include "mainwindow.h"

#include <QApplication>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"Quarry"_s);
    QApplication::setOrganizationName(u"Quarry"_s);
    QApplication::setApplicationVersion(quarryVersion());
    MainWindow window;
    window.show();
    return app.exec();
}

} // namespace quarry::app
