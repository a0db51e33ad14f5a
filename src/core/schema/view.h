// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/index.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace quarry::schema {

/// A view or materialized view: its query is SQL text, emitted as written after every table.
struct View {
    QString id;
    QString name;
    QString nameSpace;
    QString sql;           ///< the SELECT, without CREATE VIEW
    bool materialized = false;
    QList<Index> indexes;  ///< a materialized view's indexes
    /// Views and routines ("name" or "namespace.name") it reads, created before it when they
    /// are part of the design; the rest of the order is the list's.
    QStringList dependsOn;
    QString comment;
    QJsonObject extra;
};

} // namespace quarry::schema
