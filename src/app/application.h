// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

namespace quarry::app {

/// Creates the QApplication and the main window, offers crash recovery, opens the workspace
/// named on the command line (else the last one, else the sample) and runs the event loop.
int runGui(int argc, char **argv);

} // namespace quarry::app
