// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/sqlimport.h"

#include <QStringList>

namespace quarry::db {
class Connection;
}

namespace quarry::schema {

/// The design of the open SQLite database `connection`, read through sqlite_schema and the
/// table_xinfo, index_list, index_xinfo and foreign_key_list pragmas, completed from the CREATE
/// texts (see SqliteDdlImporter for the mapping). `notes` come first in the result's notes;
/// triggers named in `announcedTriggers` were noted already and are not noted again.
SqlImport readSqliteCatalog(db::Connection &connection, QStringList notes, const QStringList &announcedTriggers = {});

} // namespace quarry::schema
