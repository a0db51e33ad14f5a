// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mysqlfamilydialect.h"

#include <QObject>

/// The "mariadb" dialect: the MySQL dialect's DDL where MariaDB 10.11 accepts it, and what
/// MariaDB accepts where the two differ (see MysqlFamilyDialect). Built from dialect-mysql's sources.
class MariadbDialect : public QObject, public MysqlFamilyDialect
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID QuarryDialect_iid FILE "dialect-mariadb.json")
    Q_INTERFACES(quarry::schema::Dialect)
public:
    MariadbDialect() : MysqlFamilyDialect(true) {}
};
