// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/dialect.h"

#include <QObject>

class SqliteDialect : public QObject, public quarry::schema::Dialect
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID QuarryDialect_iid FILE "dialect-sqlite.json")
    Q_INTERFACES(quarry::schema::Dialect)
public:
    QString id() const override;
    QString displayName() const override;
    QString quoteIdentifier(const QString &name) const override;
    QStringList reservedWords() const override;
};
