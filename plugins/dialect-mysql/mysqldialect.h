// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mysqlfamilydialect.h"

#include <QObject>

/// The "mysql" dialect: MySQL 8.0's DDL (see MysqlFamilyDialect).
class MysqlDialect : public QObject, public MysqlFamilyDialect
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID QuarryDialect_iid FILE "dialect-mysql.json")
    Q_INTERFACES(quarry::schema::Dialect)
public:
    MysqlDialect() : MysqlFamilyDialect(false) {}
};
