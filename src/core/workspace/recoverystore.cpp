// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "workspace/recoverystore.h"

#include "savefile.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace quarry::workspace {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RecoveryStore)
};
} // namespace

// A recovery file is a small envelope around the document, so that the document itself stays
// byte-for-byte what Workspace::toJson() writes: {"originalPath", "displayName", "savedAt", "document"}.

RecoveryStore::RecoveryStore(const QString &directory, QObject *parent)
    : QObject(parent)
    , m_directory(directory.isEmpty()
                      ? QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u"/recovery"_s
                      : directory)
{
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (auto r = autosaveNow(); !r)
            emit autosaveFailed(r.error());
    });
}

RecoveryStore::~RecoveryStore() = default;

QString RecoveryStore::fileFor(const Workspace *workspace) const
{
    // Untitled workspaces get a per-session name; saved ones one per path, so a crash loop
    // never piles up copies of the same file.
    QString key = workspace->filePath();
    if (key.isEmpty())
        key = u"untitled-%1-%2"_s.arg(QCoreApplication::applicationPid()).arg(quintptr(workspace));
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return m_directory + u'/' + QString::fromLatin1(hash) + u".recovery.json"_s;
}

namespace {
QString lockPathFor(const QString &recoveryFile)
{
    return recoveryFile + u".lock"_s;
}
} // namespace

void RecoveryStore::lockCurrent()
{
    m_lock.reset();
    if (m_currentFile.isEmpty() || !QDir().mkpath(m_directory))
        return;
    m_lock = std::make_unique<QLockFile>(lockPathFor(m_currentFile));
    m_lock->setStaleLockTime(0);   // stale only when its process is gone, never by age
    // Fails when another live instance watches the same workspace: both then autosave to the same
    // file (the newest wins), which is what a recovery needs.
    m_lock->tryLock(0);
}

void RecoveryStore::watch(Workspace *workspace, int intervalMs)
{
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    m_workspace = workspace;
    m_currentFile.clear();
    m_lock.reset();
    m_timer.stop();
    if (!workspace)
        return;
    m_currentFile = fileFor(workspace);
    lockCurrent();
    connect(workspace, &Workspace::filePathChanged, this, [this] {
        QFile::remove(m_currentFile);
        m_currentFile = fileFor(m_workspace);
        lockCurrent();
    });
    connect(workspace, &Workspace::modifiedChanged, this, [this](bool modified) {
        if (!modified)
            QFile::remove(m_currentFile);
    });
    connect(workspace, &QObject::destroyed, this, [this] {
        m_workspace = nullptr;
        m_timer.stop();
    });
    m_timer.start(intervalMs);
}

Result<void> RecoveryStore::autosaveNow()
{
    if (!m_workspace)
        return {};
    if (!m_workspace->isModified()) {
        QFile::remove(m_currentFile);
        return {};
    }
    if (!QDir().mkpath(m_directory))
        return Error{Error::Kind::Io, Tr::tr("Cannot create the recovery folder."), m_directory};
    const QJsonObject envelope{
        {u"originalPath"_s, m_workspace->filePath()},
        {u"displayName"_s, m_workspace->displayName()},
        {u"savedAt"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {u"document"_s, QString::fromUtf8(m_workspace->toJson())},
    };
    if (const auto saved = saveFile(m_currentFile, QJsonDocument(envelope).toJson(QJsonDocument::Compact)); !saved)
        return Error{Error::Kind::Io, Tr::tr("Autosave failed. %1").arg(saved.error().message), m_currentFile};
    return {};
}

void RecoveryStore::discardCurrent()
{
    if (!m_currentFile.isEmpty())
        QFile::remove(m_currentFile);
}

QList<RecoveryEntry> RecoveryStore::pending() const
{
    QList<RecoveryEntry> entries;
    const QDir dir(m_directory);
    const QStringList files = dir.entryList({u"*.recovery.json"_s}, QDir::Files);
    for (const QString &name : files) {
        const QString path = dir.filePath(name);
        if (path == m_currentFile)
            continue;
        // Another running instance is still watching this one: not a crash.
        QLockFile lock(lockPathFor(path));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0) && lock.error() == QLockFile::LockFailedError)
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
        if (!o.contains(u"document"_s))
            continue;
        entries.append({path, o.value(u"originalPath"_s).toString(), o.value(u"displayName"_s).toString(),
                        QDateTime::fromString(o.value(u"savedAt"_s).toString(), Qt::ISODateWithMs)});
    }
    std::sort(entries.begin(), entries.end(),
              [](const RecoveryEntry &a, const RecoveryEntry &b) { return a.savedAt > b.savedAt; });
    return entries;
}

Result<std::unique_ptr<Workspace>> RecoveryStore::restore(const RecoveryEntry &entry)
{
    QFile file(entry.recoveryFile);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Kind::Io, Tr::tr("Cannot open the recovery file: %1.").arg(file.errorString()),
                     entry.recoveryFile};
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    auto ws = Workspace::fromJson(o.value(u"document"_s).toString().toUtf8(), Tr::tr("recovery file"));
    if (!ws)
        return ws.error();
    std::unique_ptr<Workspace> workspace = std::move(ws).value();
    // Save writes where the user expects; the original file is untouched until then.
    workspace->setFilePath(entry.originalPath);
    workspace->setModified(true);
    return workspace;
}

void RecoveryStore::discard(const RecoveryEntry &entry)
{
    QFile::remove(entry.recoveryFile);
}

} // namespace quarry::workspace
