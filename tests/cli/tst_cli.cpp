// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// The `quarry` executable as a user runs it: a real process, its output and exit code.
class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void version();
    void verboseVersionListsLibraries();
    void help();
    void listPlugins();
    void listPluginsJson();
    void unknownCommand();
    void exportSqlIsQuarrySql();
    void diffAndMigrateAreBuilt();
    void helpAgrees();
    void optionTableParsing();

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Run quarry(const QStringList &args)
    {
        QProcess p;
        p.start(qEnvironmentVariable("QUARRY_BIN"), args);
        if (!p.waitForFinished(30'000)) {
            p.kill();
            return {};
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
};

void TestCli::version()
{
    const Run r = quarry({u"--version"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(QRegularExpression(u"^quarry \\d+\\.\\d+\\.\\d+\\n$"_s).match(r.out).hasMatch(), qPrintable(r.out));
}

void TestCli::verboseVersionListsLibraries()
{
    const Run r = quarry({u"--version"_s, u"--verbose"_s});
    QCOMPARE(r.exitCode, 0);
    for (const QString &name : {u"Qt 6."_s, u"SQLite 3."_s, u"libpqxx "_s, u"OpenSSL 3."_s})
        QVERIFY2(r.out.contains(name), qPrintable(r.out));
}

void TestCli::help()
{
    const Run r = quarry({u"--help"_s});
    QCOMPARE(r.exitCode, 0);
    for (const QString &command : {u"serve WORKSPACE"_s, u"sql WORKSPACE"_s, u"advise WORKSPACE"_s,
                                   u"introspect URL"_s, u"diff FROM TO"_s, u"migrate URL"_s,
                                   u"run WORKSPACE|FILE"_s, u"jwt sign"_s, u"jwt verify TOKEN|-"_s, u"import "_s,
                                   u"export "_s, u"--list-plugins"_s})
        QVERIFY2(r.out.contains(command), qPrintable(command));
}

void TestCli::listPlugins()
{
    const Run r = quarry({u"--list-plugins"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(QRegularExpression(u"^sqlite\\tSQLite 1\\.0\\.0\\tloaded\\t.*quarry-dialect-sqlite\\.so$"_s,
                                QRegularExpression::MultilineOption)
                 .match(r.out)
                 .hasMatch(),
             qPrintable(r.out));
}

void TestCli::listPluginsJson()
{
    const Run r = quarry({u"--list-plugins"_s, u"--json"_s});
    QCOMPARE(r.exitCode, 0);
    QJsonParseError error;
    const QJsonArray plugins = QJsonDocument::fromJson(r.out.toUtf8(), &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    bool sqlite = false;
    for (const QJsonValue &v : plugins) {
        const QJsonObject p = v.toObject();
        if (p.value(u"id"_s).toString() == u"sqlite"_s) {
            sqlite = true;
            QCOMPARE(p.value(u"loaded"_s).toBool(), true);
            QCOMPARE(p.value(u"error"_s).toString(), QString());
        }
    }
    QVERIFY(sqlite);
}

void TestCli::unknownCommand()
{
    const Run option = quarry({u"--frobnicate"_s});
    QCOMPARE(option.exitCode, 2);
    QVERIFY(option.err.contains(u"unknown command or option \"--frobnicate\""_s));

    // A first word that is neither a command, an existing path nor a *.quarry name is a typo: it
    // used to start the window (or abort with 134 without a display).
    const Run typo = quarry({u"serv"_s, u"x"_s});
    QCOMPARE(typo.exitCode, 2);
    QVERIFY2(typo.err.contains(u"unknown command or option \"serv\". Try quarry --help."_s), qPrintable(typo.err));
    QVERIFY(typo.out.isEmpty());
}

void TestCli::exportSqlIsQuarrySql()
{
    const QString seed = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s;
    const Run sql = quarry({u"sql"_s, seed, u"--dialect"_s, u"sqlite"_s});
    QCOMPARE(sql.exitCode, 0);
    QVERIFY(sql.out.contains(u"CREATE TABLE"_s));
    const Run exported = quarry({u"export"_s, u"sql"_s, seed, u"--dialect"_s, u"sqlite"_s});
    QCOMPARE(exported.exitCode, 0);
    QCOMPARE(exported.out, sql.out);

    QTemporaryDir dir;
    const QString file = dir.filePath(u"seed.sql"_s);
    const Run toFile = quarry({u"export"_s, u"sql"_s, seed, u"--dialect"_s, u"sqlite"_s, u"-o"_s, file});
    QCOMPARE(toFile.exitCode, 0);
    QVERIFY(toFile.out.isEmpty());
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(f.readAll()), sql.out);

    const QString none = dir.filePath(u"none.sql"_s);
    const Run noDialect = quarry({u"export"_s, u"sql"_s, seed, u"-o"_s, none});
    QCOMPARE(noDialect.exitCode, 2);
    QVERIFY2(noDialect.err.contains(u"--dialect"_s), qPrintable(noDialect.err));
    QVERIFY(!QFileInfo::exists(none));
}

void TestCli::diffAndMigrateAreBuilt()
{
    // Every command of the CLI contract runs now; a missing argument is a usage error, not "not implemented".
    for (const QString &command : {u"diff"_s, u"migrate"_s}) {
        const Run r = quarry({command});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"Usage: quarry "_s + command), qPrintable(r.err));
        QVERIFY2(!r.err.contains(u"not implemented"_s), qPrintable(r.err));
    }
}

// The synopses `quarry --help` lists, each command's own --help and README's CLI section say the
// same: each comes from the command's option table, and README is checked against them.
void TestCli::helpAgrees()
{
    const Run top = quarry({u"--help"_s});
    QCOMPARE(top.exitCode, 0);
    // "Options:" entries ("--version [--verbose]") and "Commands:" synopses (two spaces in; the
    // summary under each is six spaces in).
    QStringList options;
    QMap<QString, QStringList> synopses;   // command -> its synopsis lines, in order
    QString section;
    static const QRegularExpression twoSpaces(u"\\s{2,}"_s);
    for (const QString &line : top.out.split(u'\n')) {
        if (!line.startsWith(u' ')) {
            section = line;
            continue;
        }
        if (line.startsWith(u"      "_s) || !line.startsWith(u"  "_s))
            continue;
        if (section == u"Options:"_s)
            options << line.mid(2).split(twoSpaces).first();
        else if (section == u"Commands:"_s)
            synopses[line.mid(2).section(u' ', 0, 0)] << line.mid(2);
    }
    QCOMPARE(options, QStringList({u"--version [--verbose]"_s, u"--help"_s, u"--list-plugins [--json]"_s}));
    QVERIFY2(synopses.size() >= 11, qPrintable(top.out));

    QStringList all = options;
    for (auto it = synopses.cbegin(); it != synopses.cend(); ++it) {
        all << it.value();
        // The command's --help: its usage line, or one per kind.
        const Run own = quarry({it.key(), u"--help"_s});
        QCOMPARE(own.exitCode, 0);
        QStringList usage;
        for (const QString &line : own.out.split(u'\n')) {
            if (line.startsWith(u"Usage: quarry "_s))
                usage << line.mid(14);
            else if (line.startsWith(u"       quarry "_s))
                usage << line.mid(14);
        }
        QCOMPARE(usage, it.value());
        if (it.value().size() == 1)
            continue;
        for (const QString &synopsis : it.value()) {
            // quarry import postman --help: the kind's usage line, its options, and no other kind.
            const QString kind = synopsis.section(u' ', 1, 1).section(u'|', 0, 0);
            const Run kindHelp = quarry({it.key(), kind, u"--help"_s});
            QCOMPARE(kindHelp.exitCode, 0);
            QCOMPARE(kindHelp.out.section(u'\n', 0, 0), u"Usage: quarry "_s + synopsis);
            QVERIFY2(kindHelp.out.contains(u"\nOptions:\n"_s), qPrintable(kindHelp.out));
        }
    }

    // README's "The command-line interface": one line per entry, "quarry " + the synopsis, then
    // optionally two or more spaces and a note.
    QFile readme(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/README.md"_s);
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(readme.readAll());
    const qsizetype sectionStart = text.indexOf(u"## The command-line interface"_s);
    QVERIFY(sectionStart >= 0);
    const qsizetype blockStart = text.indexOf(u"```\n"_s, sectionStart);
    const qsizetype blockEnd = text.indexOf(u"```"_s, blockStart + 4);
    QVERIFY(blockStart > 0 && blockEnd > blockStart);
    QStringList documented;
    for (const QString &line : text.mid(blockStart + 4, blockEnd - blockStart - 4).split(u'\n', Qt::SkipEmptyParts)) {
        QVERIFY2(line.startsWith(u"quarry "_s), qPrintable(line));
        documented << line.mid(7).split(twoSpaces).first();
    }
    QStringList missing, extra;
    for (const QString &s : std::as_const(all)) {
        if (!documented.contains(s))
            missing << s;
    }
    for (const QString &s : std::as_const(documented)) {
        if (!all.contains(s))
            extra << s;
    }
    QVERIFY2(missing.isEmpty() && extra.isEmpty(),
             qPrintable(u"README.md's CLI section differs from quarry --help.\nNot in README:\n  "_s + missing.join(u"\n  "_s)
                        + u"\nNot in quarry --help:\n  "_s + extra.join(u"\n  "_s)));
}

// The option table's rules, as a user meets them.
void TestCli::optionTableParsing()
{
    const QString seed = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s;
    // --name=value and --name value are the same.
    const Run spaced = quarry({u"sql"_s, seed, u"--dialect"_s, u"sqlite"_s});
    const Run joined = quarry({u"sql"_s, u"--dialect=sqlite"_s, seed});
    QCOMPARE(spaced.exitCode, 0);
    QCOMPARE(joined.out, spaced.out);
    struct Case {
        QStringList args;
        QString says;
    };
    const QList<Case> cases = {
        {{u"sql"_s, seed}, u"quarry sql: --dialect postgres|sqlite|mysql is required."_s},
        {{u"sql"_s, seed, u"--dialect"_s}, u"quarry sql: --dialect needs a value (postgres|sqlite|mysql)."_s},
        {{u"sql"_s, seed, seed, u"--dialect"_s, u"sqlite"_s}, u"unexpected argument"_s},
        {{u"sql"_s, seed, u"--json=yes"_s, u"--dialect"_s, u"sqlite"_s}, u"--json takes no value."_s},
        {{u"serve"_s, seed, u"--port"_s, u"70000"_s}, u"--port needs a whole number from 0 to 65535, not \"70000\"."_s},
        {{u"serve"_s, seed, u"--log"_s, u"xml"_s}, u"--log is json, text or none, not \"xml\"."_s},
        {{u"serve"_s}, u"which workspace?"_s},
        {{u"import"_s}, u"Usage: quarry import openapi FILE --into WORKSPACE"_s},
        {{u"import"_s, u"yaml"_s, u"x"_s}, u"\"yaml\" is not one of openapi, postman, curl, har, insomnia, bruno, sql, dbml."_s},
    };
    for (const Case &c : cases) {
        const Run r = quarry(c.args);
        QVERIFY2(r.exitCode == 2 && r.err.contains(c.says), qPrintable(c.args.join(u' ') + u": "_s + r.err));
        QVERIFY2(r.err.contains(u"Usage: quarry "_s), qPrintable(r.err));
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
