// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "application.h"
#include "cli.h"

int main(int argc, char *argv[])
{
    if (quarry::cli::isCliInvocation(argc, argv))
        return quarry::cli::main(argc, argv);
    return quarry::app::runGui(argc, argv);
}
