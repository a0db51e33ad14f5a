// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// The folders of src/core (workspace, schema, db, mock, openapi, auth, http, ...) include each other
// only one way: a file in folder A that includes "B/x.h" is an arrow A -> B, and no chain of arrows
// may lead back to where it started. Files directly in src/core (result.h, jsontext.h, ...) are the
// folder "." and take part like the others.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

/// from folder -> to folder -> the include lines ("mock/route.cpp:5") that make the arrow.
using FolderGraph = QMap<QString, QMap<QString, QStringList>>;

QString folderOf(const QString &relativePath)
{
    const qsizetype slash = relativePath.indexOf(u'/');
    return slash < 0 ? u"."_s : relativePath.left(slash);
}

FolderGraph folderGraph(const QString &coreDir)
{
    static const QRegularExpression include(u"^\\s*#\\s*include\\s*\"([^\"]+)\""_s);
    const QDir root(coreDir);
    FolderGraph graph;
    QDirIterator it(coreDir, {u"*.h"_s, u"*.cpp"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = root.relativeFilePath(path);
        const QString from = folderOf(relative);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        int lineNo = 0;
        while (!file.atEnd()) {
            ++lineNo;
            const auto m = include.match(QString::fromUtf8(file.readLine()));
            if (!m.hasMatch())
                continue;
            const QString target = m.captured(1);
            // Only includes of core files count: "folder/x.h" with folder a folder of the core, or a
            // file at the core's top ("result.h"). Generated headers (quarry_core_export.h) and
            // includes relative to the including file's own folder are not arrows.
            QString to;
            if (target.contains(u'/')) {
                to = folderOf(target);
                if (!QFileInfo(root.filePath(to)).isDir())
                    continue;
            } else if (QFileInfo::exists(root.filePath(target)) && from != u"."_s) {
                to = u"."_s;
            } else {
                continue;
            }
            if (to != from)
                graph[from][to].append(u"%1:%2"_s.arg(relative).arg(lineNo));
        }
    }
    return graph;
}

/// A cycle as "a -> b -> a" with, for each arrow, the first include line that makes it; empty when
/// the graph has none.
QString findCycle(const FolderGraph &graph)
{
    enum class State { New, Open, Done };
    QMap<QString, State> state;
    QStringList stack;
    QString found;
    std::function<bool(const QString &)> visit = [&](const QString &node) {
        state[node] = State::Open;
        stack.append(node);
        const auto edges = graph.value(node);
        for (auto e = edges.cbegin(); e != edges.cend(); ++e) {
            const State s = state.value(e.key(), State::New);
            if (s == State::Open) {
                QStringList cycle = stack.mid(stack.indexOf(e.key()));
                cycle.append(e.key());
                QStringList why;
                for (qsizetype i = 0; i + 1 < cycle.size(); ++i)
                    why.append(u"%1 -> %2 (%3)"_s.arg(cycle.at(i), cycle.at(i + 1),
                                                      graph.value(cycle.at(i)).value(cycle.at(i + 1)).join(u", "_s)));
                found = cycle.join(u" -> "_s) + u": "_s + why.join(u"; "_s);
                return true;
            }
            if (s == State::New && visit(e.key()))
                return true;
        }
        stack.removeLast();
        state[node] = State::Done;
        return false;
    };
    for (auto n = graph.cbegin(); n != graph.cend(); ++n)
        if (state.value(n.key(), State::New) == State::New && visit(n.key()))
            break;
    return found;
}

void writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class TestIncludeCycles : public QObject
{
    Q_OBJECT
private slots:
    void findsACycleInATree();
    void coreFoldersHaveNoCycle();
    void foldersIncludeOnlyTheirArrows_data();
    void foldersIncludeOnlyTheirArrows();
};

void TestIncludeCycles::findsACycleInATree()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir.filePath(u"result.h"_s), "#pragma once\n");
    writeFile(dir.filePath(u"a/x.h"_s), "#pragma once\n#include \"b/y.h\"\n#include \"result.h\"\n");
    writeFile(dir.filePath(u"b/y.h"_s), "#pragma once\n#include <QString>\n#include \"quarry_core_export.h\"\n");
    writeFile(dir.filePath(u"c/z.cpp"_s), "#include \"a/x.h\"\n#include \"notafolder/w.h\"\n");
    QCOMPARE(findCycle(folderGraph(dir.path())), QString());   // a -> b, a -> ., c -> a: no cycle

    writeFile(dir.filePath(u"b/y.cpp"_s), "#include \"b/y.h\"\n\n  #  include \"c/z.h\"\n");
    const QString cycle = findCycle(folderGraph(dir.path()));
    QVERIFY2(cycle.startsWith(u"a -> b -> c -> a: "_s), qPrintable(cycle));
    QVERIFY2(cycle.contains(u"b -> c (b/y.cpp:3)"_s), qPrintable(cycle));
    QVERIFY2(cycle.contains(u"c -> a (c/z.cpp:1)"_s), qPrintable(cycle));

    // A top-level file that includes a folder which includes it back is a cycle too.
    QVERIFY(QFile::remove(dir.filePath(u"b/y.cpp"_s)));
    writeFile(dir.filePath(u"result.h"_s), "#pragma once\n#include \"a/x.h\"\n");
    QVERIFY2(findCycle(folderGraph(dir.path())).startsWith(u". -> a -> ."_s), qPrintable(findCycle(folderGraph(dir.path()))));
}

void TestIncludeCycles::coreFoldersHaveNoCycle()
{
    const QString core = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/src/core"_s;
    QVERIFY2(QFileInfo(core + u"/workspace"_s).isDir(), qPrintable(core));
    const FolderGraph graph = folderGraph(core);
    QVERIFY(graph.size() >= 5);   // the scan saw the arrows (mock -> auth, http -> auth, ...)
    const QString cycle = findCycle(graph);
    QVERIFY2(cycle.isEmpty(), qPrintable(u"include cycle between folders of src/core: "_s + cycle));
}

// The arrows docs/ARCHITECTURE.md names for a folder, and nothing else: a new include of another
// folder changes the architecture and the page together.
void TestIncludeCycles::foldersIncludeOnlyTheirArrows_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QStringList>("allowed");
    QTest::newRow("db") << u"db"_s << QStringList{u"."_s};
    QTest::newRow("migrate") << u"migrate"_s << QStringList{u"."_s, u"schema"_s, u"db"_s};
}

void TestIncludeCycles::foldersIncludeOnlyTheirArrows()
{
    QFETCH(QString, folder);
    QFETCH(QStringList, allowed);
    const FolderGraph graph = folderGraph(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/src/core"_s);
    QVERIFY2(graph.contains(folder) || folder == u"db"_s, qPrintable(folder));
    const auto arrows = graph.value(folder);
    for (auto it = arrows.cbegin(); it != arrows.cend(); ++it) {
        if (it.key() != folder)
            QVERIFY2(allowed.contains(it.key()), qPrintable(folder + u" -> "_s + it.key() + u": "_s + it.value().join(u", "_s)));
    }
}

QTEST_GUILESS_MAIN(TestIncludeCycles)
#include "tst_includecycles.moc"
