// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

namespace quarry::cli {

/// `quarry advise WORKSPACE [--dialect D] [--json]`: design advice without a workload (see
/// schema::DesignAdvisor). Exit 0 with or without advice; 1 when the workspace cannot be read or
/// its design has errors; 2 for usage errors and for --db/--queries, which this build lacks.
int runAdvise(const QStringList &args, Io &io);

} // namespace quarry::cli
