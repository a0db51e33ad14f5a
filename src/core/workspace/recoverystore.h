// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

class QLockFile;

#include <memory>

namespace quarry::workspace {

class Workspace;

/// One unsaved state left behind by a session that did not end cleanly.
struct RecoveryEntry {
    QString recoveryFile;   ///< the recovery file itself
    QString originalPath;   ///< the workspace it belongs to; empty for an untitled one
    QString displayName;
    QDateTime savedAt;
};

/// Autosave for crash recovery. While the watched workspace has unsaved changes, its document is
/// written every `interval` to a recovery file in `directory`; saving or closing cleanly removes
/// it. While a session watches a workspace it holds a lock beside its recovery file (QLockFile:
/// a lock whose process is gone is stale), so a recovery file at start-up whose lock nobody holds
/// belongs to a session that crashed, and one whose lock is held belongs to another running
/// instance and is not offered.
class QUARRY_CORE_EXPORT RecoveryStore : public QObject
{
    Q_OBJECT
public:
    /// `directory` defaults to <AppLocalDataLocation>/recovery.
    explicit RecoveryStore(const QString &directory = {}, QObject *parent = nullptr);
    ~RecoveryStore() override;

    QString directory() const { return m_directory; }

    /// Starts autosaving `workspace` (not owned; may be null to stop).
    void watch(Workspace *workspace, int intervalMs = 30'000);
    /// Writes the recovery file now if the workspace has unsaved changes; removes it otherwise.
    Result<void> autosaveNow();
    /// Removes the watched workspace's recovery file (after a save, or on a clean close).
    void discardCurrent();

    /// Recovery files left by sessions that did not end cleanly, newest first.
    QList<RecoveryEntry> pending() const;
    /// Loads an entry's document; the result remembers the original path and is marked modified.
    static Result<std::unique_ptr<Workspace>> restore(const RecoveryEntry &entry);
    static void discard(const RecoveryEntry &entry);

signals:
    void autosaveFailed(const quarry::Error &error);

private:
    QString fileFor(const Workspace *workspace) const;
    /// Takes the lock of m_currentFile (and releases the previous one).
    void lockCurrent();

    QString m_directory;
    Workspace *m_workspace = nullptr;
    QString m_currentFile;
    QTimer m_timer;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace quarry::workspace
