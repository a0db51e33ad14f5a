// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QJsonObject>
#include <QString>

namespace quarry::schema {

/// A view: its query is SQL text, emitted as written after every table.
struct View {
    QString id;
    QString name;
    QString nameSpace;
    QString sql;           ///< the SELECT, without CREATE VIEW
    QString comment;
    QJsonObject extra;
};

} // namespace quarry::schema
