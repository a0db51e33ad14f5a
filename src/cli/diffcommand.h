// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

namespace quarry::cli {

/// quarry diff FROM TO [--dialect D] [--exit-code] [--json] [--rename old=new]...
int runDiff(const QStringList &args, Io &io);
const OptionTable &diffOptions();

} // namespace quarry::cli
