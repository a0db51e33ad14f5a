// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace quarry::schema {

/// A named enumeration (PostgreSQL CREATE TYPE ... AS ENUM, MySQL ENUM(...), SQLite CHECK).
struct EnumType {
    QString id;
    QString name;
    QString nameSpace;
    QStringList values;
    QString comment;
    QJsonObject extra;
};

} // namespace quarry::schema
