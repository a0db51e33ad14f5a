// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "savefile.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace quarry {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SaveFile)
};
} // namespace

Result<void> saveFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error{Error::Kind::Io, Tr::tr("Cannot write %1: %2.").arg(path, file.errorString()), path};
    return {};
}

} // namespace quarry
