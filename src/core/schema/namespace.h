// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QJsonObject>
#include <QString>

namespace quarry::schema {

/// A namespace (PostgreSQL schema, MySQL database). SQLite has none and flattens them.
struct Namespace {
    QString id;
    QString name;
    QString comment;
    QJsonObject extra;
};

} // namespace quarry::schema
