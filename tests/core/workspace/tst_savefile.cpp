// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// saveFile(), the one atomic file write of Quarry (workspace, autosave, exports, CLI output).
#include "savefile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;

class TestSaveFile : public QObject
{
    Q_OBJECT
private slots:
    void writesAndReplaces();
    void failureNamesThePathAndKeepsTheFile();
};

namespace {
QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}
} // namespace

void TestSaveFile::writesAndReplaces()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"out.json"_s);
    QVERIFY(saveFile(path, "first"));
    QCOMPARE(contents(path), QByteArray("first"));
    QVERIFY(saveFile(path, "second, longer"));
    QCOMPARE(contents(path), QByteArray("second, longer"));
    QVERIFY(saveFile(path, QByteArray()));
    QCOMPARE(contents(path), QByteArray());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"out.json"_s});   // no temporary left
}

void TestSaveFile::failureNamesThePathAndKeepsTheFile()
{
    QTemporaryDir dir;
    // A directory stands where the file should go: the write fails and the directory is untouched.
    const QString blocked = dir.filePath(u"taken"_s);
    QVERIFY(QDir().mkpath(blocked + u"/inside"_s));
    const auto onDir = saveFile(blocked, "x");
    QVERIFY(!onDir);
    QCOMPARE(onDir.error().kind, Error::Kind::Io);
    QCOMPARE(onDir.error().where, blocked);
    QVERIFY2(onDir.error().message.startsWith(u"Cannot write "_s + blocked + u": "_s), qPrintable(onDir.error().message));
    QVERIFY(QFileInfo(blocked + u"/inside"_s).isDir());

    // A parent that is a file, not a folder.
    const QString file = dir.filePath(u"plain"_s);
    QVERIFY(saveFile(file, "kept"));
    const auto under = saveFile(file + u"/child.json"_s, "x");
    QVERIFY(!under);
    QCOMPARE(contents(file), QByteArray("kept"));
}

QTEST_GUILESS_MAIN(TestSaveFile)
#include "tst_savefile.moc"
