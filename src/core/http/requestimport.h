// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/collection.h"
#include "http/environment.h"
#include "http/secretscrubber.h"
#include "result.h"

#include <QJsonArray>
#include <QStringList>

#include <optional>

namespace quarry::http {

/// Reads a file of requests whatever its format, told by its content: a Postman collection v2.1,
/// a Postman environment, a HAR 1.2 log, an OpenAPI 3 document (YAML or JSON, read as requests),
/// an Insomnia export (v4 JSON or v5 YAML) or a Bruno collection (its bruno.json, or its folder).
/// Used by File > Import Requests… and shared with `quarry import`.
struct QUARRY_CORE_EXPORT RequestImport {
    enum class Kind { PostmanCollection, PostmanEnvironment, Har, OpenApi, Insomnia, Bruno };

    Kind kind = Kind::PostmanCollection;
    std::optional<Collection> collection;     ///< all kinds but PostmanEnvironment
    std::optional<Environment> environment;   ///< PostmanEnvironment
    QList<Environment> environments;          ///< Insomnia, Bruno: the environments that came with the collection
    QStringList warnings;                     ///< what the importer dropped or could not map
    /// The secrets taken out of the collection or environment (SecretScrubber): what the user must set.
    QList<MovedSecret> secrets;

    /// "Postman collection", "HAR file", ... for messages.
    QString kindName() const;

    /// Reads and recognises `path` (a file, or a Bruno collection's folder). Errors: unreadable
    /// file (Io); JSON or YAML syntax errors with "file, line L, column C"; a document that is none
    /// of the formats; the importers' errors.
    static Result<RequestImport> readFile(const QString &path);
    /// Same for text; `origin` (a file name) prefixes error locations, `baseName` names a HAR's
    /// collection.
    static Result<RequestImport> fromText(const QByteArray &text, const QString &origin, const QString &baseName);

    /// `list` (the workspace's collections section) with `collection` added, or replacing the one
    /// with its id; `replaced` tells which.
    static QJsonArray mergeCollection(QJsonArray list, const Collection &collection, bool *replaced = nullptr);
    /// `list` (the environments section) with `environment` added, or replacing the one with its
    /// id, else its name.
    static QJsonArray mergeEnvironment(QJsonArray list, const Environment &environment, bool *replaced = nullptr);
};

} // namespace quarry::http
