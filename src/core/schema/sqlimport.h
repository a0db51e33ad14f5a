// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "schema/schema.h"

#include <QStringList>

namespace quarry::schema {

/// What an import produced: the design, and what was left out and why ("line 290: CREATE
/// FUNCTION rewards_report is not part of a design; skipped"). Made by every importer (PostgreSQL
/// and SQLite DDL, DBML) and by live introspection.
struct SqlImport {
    Schema schema;
    QStringList notes;
};

/// The ids of imported objects, derived from names so that importing the same file twice (or
/// introspecting the database the file made) gives the same ids: "tbl-film", "col-film-title",
/// "fk-film-film_language_id_fkey". The one place the importers and introspection make them.
struct QUARRY_CORE_EXPORT ObjectIds {
    static QString nameSpace(const QString &name);                          ///< "ns-NAME"
    static QString table(const QString &nameSpace, const QString &name);    ///< "tbl-NAME", "tbl-NS-NAME"
    static QString enumType(const QString &nameSpace, const QString &name); ///< "enum-NAME", "enum-NS-NAME"
    static QString view(const QString &name);                               ///< "view-NAME"
    static QString column(const QString &table, const QString &name);       ///< "col-TABLE-NAME"
    static QString primaryKey(const QString &table);                        ///< "pk-TABLE"
    static QString unique(const QString &table, const QString &name);       ///< "uq-TABLE-NAME"
    static QString foreignKey(const QString &table, const QString &name);   ///< "fk-TABLE-NAME"
    static QString check(const QString &table, const QString &name);        ///< "ck-TABLE-NAME"
    static QString index(const QString &table, const QString &name);        ///< "idx-TABLE-NAME"
    static QString exclusion(const QString &table, const QString &name);    ///< "ex-TABLE-NAME"
    static QString trigger(const QString &table, const QString &name);      ///< "trg-TABLE-NAME"
    static QString domain(const QString &nameSpace, const QString &name);   ///< "dom-NAME", "dom-NS-NAME"
    static QString sequence(const QString &nameSpace, const QString &name); ///< "seq-NAME", "seq-NS-NAME"
    /// "fn-NAME(ARGS)": overloads differ by their identity arguments.
    static QString routine(const QString &nameSpace, const QString &name, const QString &arguments);
};

} // namespace quarry::schema
