// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

namespace quarry::cli {

/// quarry migrate URL --to WORKSPACE [--dry-run] [--allow-destructive] [--rename old=new]... [--json] [--write DIR]
int runMigrate(const QStringList &args, Io &io);
const OptionTable &migrateOptions();

} // namespace quarry::cli
