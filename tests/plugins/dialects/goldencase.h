// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/schema.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QStringList>

// Shared by the golden and the execution tests: a golden case is a folder under golden/ with a
// schema.json and one expected.<dialect>.sql per dialect.
namespace golden {

inline QStringList caseNames(const QString &root)
{
    return QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

inline quarry::Result<quarry::schema::Schema> loadSchema(const QString &folder)
{
    QFile f(folder + QStringLiteral("/schema.json"));
    if (!f.open(QIODevice::ReadOnly))
        return quarry::Error{quarry::Error::Kind::Io, f.errorString(), f.fileName()};
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError)
        return quarry::Error{quarry::Error::Kind::InvalidInput, pe.errorString(), f.fileName()};
    return quarry::schema::Schema::fromJson(doc.object());
}

} // namespace golden
