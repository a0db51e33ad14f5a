// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

namespace quarry::cli {

/// `quarry fake WORKSPACE --table NAME [--rows N] [--seed S] [--locale L]`: N rows (default 10) of
/// the designed table that satisfy its constraints and foreign keys (mock::FixtureGenerator), as
/// the `mock.fixtures` JSON {"parent": [...], "table": [...]} on stdout, parent tables' rows
/// included. Exit 1 when the workspace or the table cannot be used, 2 on usage errors.
int runFake(const QStringList &args, Io &io);
const OptionTable &fakeOptions();

} // namespace quarry::cli
