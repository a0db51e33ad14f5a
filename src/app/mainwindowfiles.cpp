// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// The main window's workspace files: open, the sample, save, save as, ask before losing changes, recovery.
#include "mainwindow.h"
#include "ui_mainwindow.h"

#include "aboutdialog.h"
#include "authprofilesdialog.h"
#include "jwttoolsdialog.h"
#include "logdock.h"
#include "mockpage.h"
#include "outlinemodel.h"
#include "problemsdock.h"
#include "queryadvicedialog.h"
#include "requestspage.h"
#include "runnerdialog.h"
#include "schemaimportaction.h"
#include "collectionimportaction.h"
#include "schemapage.h"
#include "sectionpage.h"

#include "schema/dialectregistry.h"
#include "workspace/recoverystore.h"
#include "workspace/workspace.h"
#include "workspace/workspacetreemodel.h"

#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTreeView>
#include <QUndoStack>

using namespace Qt::Literals::StringLiterals;
namespace quarry::app {
using workspace::Section;
using workspace::Workspace;

Result<void> MainWindow::openWorkspace(const QString &path)
{
    auto loaded = Workspace::load(path);
    if (!loaded) {
        reportError(loaded.error(), tr("Open"));
        m_log->append(tr("Could not open %1: %2").arg(QDir::toNativeSeparators(path), loaded.error().toString()));
        return loaded.error();
    }
    const int version = loaded.value()->loadedFormatVersion();
    setWorkspace(std::move(loaded).value());
    addRecentFile(m_workspace->filePath());
    m_log->append(tr("Opened %1").arg(QDir::toNativeSeparators(m_workspace->filePath())));
    if (version != Workspace::CurrentFormatVersion) {
        m_log->append(tr("The file uses format %1; it was upgraded to format %2 in memory and is written in the new "
                         "format when you save.")
                          .arg(version)
                          .arg(Workspace::CurrentFormatVersion));
    }
    statusBar()->showMessage(tr("Opened %1").arg(m_workspace->displayName()), 4000);
    return {};
}

Result<void> MainWindow::openSample()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/samples"_s;
    const QString path = dir + u"/seed.quarry"_s;
    if (!QFile::exists(path)) {
        QDir().mkpath(dir);
        if (!QFile::copy(u":/samples/seed.quarry"_s, path))
            return quarry::Error{quarry::Error::Kind::Io, tr("Cannot copy the sample workspace."), path};
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }
    return openWorkspace(path);
}

bool MainWindow::save()
{
    if (m_workspace->filePath().isEmpty()) {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Workspace"), QDir::homePath(),
                                                          tr(FileFilter));
        return !path.isEmpty() && saveAs(path.endsWith(u".quarry"_s) ? path : path + u".quarry"_s);
    }
    const auto saved = m_workspace->save();
    if (!saved) {
        reportError(saved.error(), tr("Save"));
        QMessageBox::warning(this, tr("Save failed"), saved.error().toString());
        return false;
    }
    m_undoStack->setClean();
    m_cleanStackIsSaved = true;
    m_historyUnsaved = false;
    m_log->append(tr("Saved %1").arg(QDir::toNativeSeparators(m_workspace->filePath())));
    statusBar()->showMessage(tr("Saved"), 3000);
    return true;
}

bool MainWindow::saveAs(const QString &path)
{
    const auto saved = m_workspace->saveAs(path);
    if (!saved) {
        reportError(saved.error(), tr("Save"));
        m_log->append(tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), saved.error().toString()));
        return false;
    }
    m_undoStack->setClean();
    m_cleanStackIsSaved = true;
    m_historyUnsaved = false;
    addRecentFile(m_workspace->filePath());
    m_log->append(tr("Saved %1").arg(QDir::toNativeSeparators(m_workspace->filePath())));
    return true;
}

bool MainWindow::maybeSave()
{
    if (!m_workspace)
        return true;
    if (!m_workspace->isModified()) {
        // Only the request history changed: keep it the way Postman keeps its history, without a
        // question. The design on disk is what is open (unmodified, same format), so the write
        // changes the history array only. A file in an older format is not rewritten silently.
        if (m_historyUnsaved && !m_workspace->filePath().isEmpty()
            && m_workspace->loadedFormatVersion() == Workspace::CurrentFormatVersion) {
            if (const auto saved = m_workspace->save(); !saved)
                m_log->append(tr("The request history could not be written: %1").arg(saved.error().toString()));
            else
                m_historyUnsaved = false;
        }
        return true;
    }
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"), tr("Save the changes to “%1”?").arg(m_workspace->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::newWorkspace()
{
    if (!maybeSave())
        return;
    setWorkspace(Workspace::createEmpty());
    m_log->append(tr("New workspace"));
}

void MainWindow::openFromDialog()
{
    if (!maybeSave())
        return;
    const QString start = m_workspace->filePath().isEmpty() ? QDir::homePath()
                                                            : QFileInfo(m_workspace->filePath()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Workspace"), start, tr(FileFilter));
    if (path.isEmpty())
        return;
    if (const auto opened = openWorkspace(path); !opened)
        QMessageBox::warning(this, tr("Cannot open the workspace"), opened.error().toString());
}

bool MainWindow::offerRecovery()
{
    const auto pending = m_recovery->pending();
    if (pending.isEmpty())
        return false;
    const workspace::RecoveryEntry &entry = pending.first();
    const QString when = QLocale().toString(entry.savedAt.toLocalTime(), QLocale::ShortFormat);
    QMessageBox box(QMessageBox::Question, tr("Restore unsaved changes?"),
                    tr("Quarry did not close cleanly. Unsaved changes to “%1” from %2 were kept.")
                        .arg(entry.displayName, when),
                    QMessageBox::NoButton, this);
    box.setInformativeText(entry.originalPath.isEmpty()
                               ? tr("The workspace had not been saved yet.")
                               : tr("The file %1 was not changed.").arg(QDir::toNativeSeparators(entry.originalPath)));
    QPushButton *restore = box.addButton(tr("Restore"), QMessageBox::AcceptRole);
    QPushButton *discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box.addButton(tr("Decide Later"), QMessageBox::RejectRole);
    box.setDefaultButton(restore);
    box.exec();
    if (box.clickedButton() == discard) {
        workspace::RecoveryStore::discard(entry);
        m_log->append(tr("Discarded the recovered changes to %1").arg(entry.displayName));
        return false;
    }
    if (box.clickedButton() != restore)
        return false;
    auto restored = workspace::RecoveryStore::restore(entry);
    if (!restored) {
        reportError(restored.error(), tr("Recovery"));
        return false;
    }
    workspace::RecoveryStore::discard(entry);
    setWorkspace(std::move(restored).value());
    m_log->append(tr("Restored unsaved changes to %1").arg(entry.displayName));
    return true;
}

} // namespace quarry::app
