// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "application.h"

#include "buildinfo.h"
#include "mainwindow.h"

#include <QApplication>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"Quarry"_s);
    QApplication::setOrganizationName(u"Quarry"_s);
    QApplication::setApplicationVersion(quarryVersion());
    QApplication::setWindowIcon(QIcon(u":/icons/quarry.svg"_s));
    QGuiApplication::setDesktopFileName(u"quarry"_s); // matches installer/quarry.desktop

    MainWindow window;
    window.show();

    // What to open: a crashed session's changes if the user wants them, else the file named on
    // the command line, else the last workspace, else the sample.
    const QStringList args = app.arguments().mid(1);
    if (!window.offerRecovery()) {
        const QString requested = args.value(0);
        const QString last = QSettings().value(u"lastWorkspace"_s).toString();
        Result<void> opened;
        if (!requested.isEmpty())
            opened = window.openWorkspace(requested);
        else if (!last.isEmpty() && QFileInfo::exists(last))
            opened = window.openWorkspace(last);
        else
            opened = window.openSample();
        if (!opened)
            QMessageBox::warning(&window, QApplication::translate("MainWindow", "Cannot open the workspace"),
                                 opened.error().toString());
    }
    return app.exec();
}

} // namespace quarry::app
