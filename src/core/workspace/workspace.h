// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

#include <memory>

namespace quarry::workspace {

/// The parts of a workspace document that the tools own. Each is stored losslessly as JSON;
/// the tools parse their own section into their models (schema::Schema, mock::Route, ...).
enum class Section { Schema, Mock, Collections, Environments, AuthProfiles, Databases };

/// The `*.quarry` document: one JSON object with a `formatVersion`, every section in it.
///
/// Loading refuses malformed files and files of a newer format with an Error whose `where` is
/// "line L, column C"; older formats are upgraded in memory (the file on disk is untouched until
/// the user saves). Saving is atomic. Secret-bearing fields must hold references (see SecretRef):
/// save refuses a document that would write a secret in plain text.
/// Not thread-safe: owned and used by one thread (the GUI thread, or the CLI's main thread).
class QUARRY_CORE_EXPORT Workspace : public QObject
{
    Q_OBJECT
public:
    /// The format this build writes. History: 1 = first prototype layout (flat `routes` array,
    /// `environments` as a name -> variables map); 2 = sections as they are now.
    static constexpr int CurrentFormatVersion = 2;
    static constexpr auto FileSuffix = "quarry";

    explicit Workspace(QObject *parent = nullptr);
    ~Workspace() override;

    /// An empty, untitled workspace of the current format.
    static std::unique_ptr<Workspace> createEmpty(const QString &name = {});
    /// Parses a document. `origin` names it in errors (a path, "recovery file", ...).
    static Result<std::unique_ptr<Workspace>> fromJson(const QByteArray &json, const QString &origin = {});
    /// Reads and parses the file; never modifies it.
    static Result<std::unique_ptr<Workspace>> load(const QString &path);

    /// The document in its on-disk form: indented, keys in a stable order, ends with a newline.
    QByteArray toJson() const;
    /// Writes atomically (QSaveFile) to filePath(); an error leaves the old file intact.
    Result<void> save();
    Result<void> saveAs(const QString &path);

    QString filePath() const { return m_filePath; }
    /// Where save() writes; does not touch the disk.
    void setFilePath(const QString &path);
    /// The workspace's display name: its `name`, else the file's base name, else "Untitled".
    QString displayName() const;
    QString name() const;
    void setName(const QString &name);

    /// The format version the document had when loaded (before any upgrade).
    int loadedFormatVersion() const { return m_loadedFormatVersion; }
    bool isModified() const { return m_modified; }
    void setModified(bool modified);

    QJsonObject section(Section section) const;
    QJsonArray sectionArray(Section section) const;
    void setSection(Section section, const QJsonValue &value);

    /// The request tester's history, newest first (http::RequestHistory's JSON): the optional
    /// top-level `history` array. It is a log, not part of the design: setHistory() does not mark
    /// the document modified and is no undo step, but the history is written whenever the
    /// document is saved. An empty history leaves the key out of the file. Readers of format 2
    /// that predate it keep the key as it is, so it needed no format upgrade.
    QJsonArray history() const;
    void setHistory(const QJsonArray &history);

    /// Every field that must hold a secret reference but holds something else, as errors whose
    /// `where` is a JSON path ("authProfiles[0].secret").
    QList<Error> plainSecrets() const;

    static QString sectionKey(Section section);

signals:
    void sectionChanged(quarry::workspace::Section section);
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &path);
    void historyChanged();

private:
    QJsonObject m_root;
    QString m_filePath;
    int m_loadedFormatVersion = CurrentFormatVersion;
    bool m_modified = false;
};

} // namespace quarry::workspace
