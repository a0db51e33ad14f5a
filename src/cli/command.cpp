// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "command.h"

#include "savefile.h"

namespace quarry::cli {

bool writeOutput(const QString &command, const QString &path, const QByteArray &bytes, Io &io)
{
    const auto saved = saveFile(path, bytes);
    if (!saved)
        io.err << "quarry " << command << ": " << saved.error().message << '\n';
    return saved.ok();
}

} // namespace quarry::cli
