// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// Every database connection goes through src/core/db (db::Connection): no other file of src/ or
/// plugins/ includes the engines' client headers or opens a QSqlDatabase. Reads the sources.
class TestDatabaseAccess : public QObject
{
    Q_OBJECT

private slots:
    void onlyTheDatabaseLayerTalksToEngines();
};

void TestDatabaseAccess::onlyTheDatabaseLayerTalksToEngines()
{
    const QString root = qEnvironmentVariable("QUARRY_SOURCE_DIR");
    QVERIFY2(!root.isEmpty() && QFile::exists(root + u"/src/core/db/connection.h"_s),
             "QUARRY_SOURCE_DIR must name the source tree (quarry_add_test sets it)");
    // Not ported yet. The list must shrink, never grow: an entry that no longer needs it fails
    // below, so it is removed as soon as its port lands.
    const QStringList allowed = {// The mock server's SQLite store (its own change moves it onto db::Connection).
                                 u"src/core/mock/sqlitestore.cpp"_s,
                                 // The version strings: asking db/ from here would make an include
                                 // cycle between core/ and core/db/ (core.layering.cycles).
                                 u"src/core/buildinfo.cpp"_s};
    static const QRegularExpression engineAccess(
        uR"re(^\s*#\s*include\s*[<"](sqlite3\.h|libpq-fe\.h|pqxx/[^>"]*)[>"]|\bQSqlDatabase\b)re"_s,
        QRegularExpression::MultilineOption);

    QStringList offending;
    QStringList stale = allowed;
    int scanned = 0;
    for (const QString &top : {u"src"_s, u"plugins"_s}) {
        QDirIterator it(root + u'/' + top, {u"*.h"_s, u"*.cpp"_s, u"*.hpp"_s, u"*.cc"_s}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString relative = path.mid(root.size() + 1);
            if (relative.startsWith(u"src/core/db/"_s))
                continue;
            QFile f(path);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
            ++scanned;
            const auto m = engineAccess.match(QString::fromUtf8(f.readAll()));
            if (!m.hasMatch())
                continue;
            stale.removeAll(relative);
            if (!allowed.contains(relative))
                offending << u"%1: %2"_s.arg(relative, m.captured(0).trimmed());
        }
    }
    QVERIFY2(scanned > 50, qPrintable(u"only %1 source files found under %2"_s.arg(scanned).arg(root)));
    QVERIFY2(offending.isEmpty(),
             qPrintable(u"use db::Connection (src/core/db) instead:\n  "_s + offending.join(u"\n  "_s)));
    QVERIFY2(stale.isEmpty(),
             qPrintable(u"no longer talks to an engine directly; remove it from the allowed list:\n  "_s
                        + stale.join(u"\n  "_s)));
}

QTEST_GUILESS_MAIN(TestDatabaseAccess)
#include "tst_databaseaccess.moc"
