// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

// The CLI tests' way of running the real `quarry` binary (QUARRY_BIN, set by quarry_add_test).

#include <QProcess>
#include <QString>
#include <QStringList>

namespace quarry::test {

struct QuarryRun {
    int code = -1;   ///< -1: crashed or timed out
    QString out;
    QString err;
};

inline QuarryRun runQuarry(const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    p.start(qEnvironmentVariable("QUARRY_BIN"), args);
    QuarryRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace quarry::test
