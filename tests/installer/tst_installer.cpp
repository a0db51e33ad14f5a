// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// Packages the build tree with CPack, unpacks the package into a temporary root and runs the
/// installed `quarry` from there, in an environment that knows nothing of the build tree: the
/// library and the plugins must be found relative to the installed binary.
class TestInstaller : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void package_data();
    void package();

private:
    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    /// Runs `program` and waits at most `timeoutMs`; a crash or a timeout fails the test.
    Run run(const QString &program, const QStringList &args, const QProcessEnvironment &env = {},
            int timeoutMs = 60000);
    /// PATH, HOME and a locale, nothing else: no LD_LIBRARY_PATH, no QUARRY_PLUGIN_DIR.
    QProcessEnvironment cleanEnvironment() const;
    /// The package file cpack made for `generator` (one per generator, cached).
    QString makePackage(const QString &generator, const QString &pattern);

    QTemporaryDir m_tmp;
    QString m_buildDir;
    QString m_cpack;
    QString m_version;
};

QProcessEnvironment TestInstaller::cleanEnvironment() const
{
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    env.insert(u"HOME"_s, m_tmp.filePath(u"home"_s));
    env.insert(u"LANG"_s, u"C.UTF-8"_s);
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    return env;
}

TestInstaller::Run TestInstaller::run(const QString &program, const QStringList &args,
                                      const QProcessEnvironment &env, int timeoutMs)
{
    QProcess p;
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    p.setWorkingDirectory(m_tmp.path());
    p.start(program, args);
    Run r;
    const QString what = program + u' ' + args.join(u' ');
    if (!p.waitForStarted(10000)) {
        QTest::qFail(qPrintable(u"cannot start %1: %2"_s.arg(what, p.errorString())), __FILE__, __LINE__);
        return r;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        QTest::qFail(qPrintable(u"%1 did not finish in %2 s"_s.arg(what).arg(timeoutMs / 1000)), __FILE__, __LINE__);
        return r;
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    if (p.exitStatus() != QProcess::NormalExit) {
        QTest::qFail(qPrintable(u"%1 crashed\n%2"_s.arg(what, QString::fromUtf8(r.err))), __FILE__, __LINE__);
        return r;
    }
    r.exitCode = p.exitCode();
    return r;
}

void TestInstaller::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(QDir().mkpath(m_tmp.filePath(u"home"_s)));
    m_buildDir = qEnvironmentVariable("QUARRY_BUILD_DIR");
    m_cpack = qEnvironmentVariable("QUARRY_CPACK");
    m_version = qEnvironmentVariable("QUARRY_VERSION");
    QVERIFY2(QFileInfo::exists(m_buildDir + u"/CPackConfig.cmake"_s),
             qPrintable(u"no CPackConfig.cmake in QUARRY_BUILD_DIR=%1"_s.arg(m_buildDir)));
    QVERIFY2(QFileInfo(m_cpack).isExecutable(), qPrintable(u"QUARRY_CPACK=%1 is not cpack"_s.arg(m_cpack)));
    QVERIFY(!m_version.isEmpty());
    for (const char *tool : {"dpkg-deb", "dpkg-shlibdeps"}) {
        QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(),
                 qPrintable(u"%1 is missing: install dpkg-dev (scripts/setup-deps.sh)"_s.arg(QLatin1StringView(tool))));
    }
}

QString TestInstaller::makePackage(const QString &generator, const QString &pattern)
{
    // A package directory of our own: the build tree's packages/ stays untouched, and a cpack the
    // developer runs at the same time does not collide with this one.
    const QString outDir = m_tmp.filePath(u"cpack-"_s + generator);
    QDir dir(outDir);
    if (!dir.exists()) {
        const Run r = run(m_cpack, {u"-G"_s, generator, u"--config"_s, m_buildDir + u"/CPackConfig.cmake"_s,
                                    u"-B"_s, outDir},
                          {}, 240000);
        if (r.exitCode != 0) {
            QTest::qFail(qPrintable(u"cpack -G %1 failed (%2)\n%3\n%4"_s.arg(generator).arg(r.exitCode)
                                        .arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err))),
                         __FILE__, __LINE__);
            return {};
        }
    }
    const QStringList files = dir.entryList({pattern}, QDir::Files);
    if (files.size() != 1) {
        QTest::qFail(qPrintable(u"expected one %1 in %2, found: %3"_s.arg(pattern, outDir, files.join(u", "_s))),
                     __FILE__, __LINE__);
        return {};
    }
    return dir.filePath(files.first());
}

void TestInstaller::package_data()
{
    QTest::addColumn<QString>("generator");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("prefix"); // where bin/, lib/, share/ land inside the unpacked root

    QTest::newRow("deb") << u"DEB"_s << u"quarry_*.deb"_s << u"usr"_s;
    QTest::newRow("tar.gz, relocatable") << u"TGZ"_s << u"quarry-*.tar.gz"_s << u"quarry-%1-Linux"_s;
}

void TestInstaller::package()
{
    QFETCH(QString, generator);
    QFETCH(QString, pattern);
    QFETCH(QString, prefix);
    if (prefix.contains(u"%1"_s))
        prefix = prefix.arg(m_version);

    const QString packageFile = makePackage(generator, pattern);
    if (QTest::currentTestFailed())
        return;

    // Unpack into a fresh root.
    const QString root = m_tmp.filePath(u"root-"_s + generator);
    QVERIFY2(!QFileInfo::exists(root), qPrintable(root));
    QVERIFY(QDir().mkpath(root));
    if (generator == u"DEB"_s) {
        const Run x = run(u"dpkg-deb"_s, {u"-x"_s, packageFile, root});
        QCOMPARE(x.exitCode, 0);

        // The control file: our name and version, and dependencies computed by dpkg-shlibdeps.
        const Run f = run(u"dpkg-deb"_s, {u"-f"_s, packageFile, u"Package"_s, u"Version"_s, u"Depends"_s});
        QCOMPARE(f.exitCode, 0);
        const QString control = QString::fromUtf8(f.out);
        QVERIFY2(control.contains(u"Package: quarry\n"_s), qPrintable(control));
        QVERIFY2(control.contains(u"Version: %1\n"_s.arg(m_version)), qPrintable(control));
        QVERIFY2(control.contains(u"libqt6core6"_s) && control.contains(u"libpq5"_s),
                 qPrintable(u"Depends lacks the shared-library dependencies:\n"_s + control));
        QVERIFY2(control.contains(u"libqt6sql6-sqlite"_s), qPrintable(control));
    } else {
        const Run x = run(u"tar"_s, {u"-xzf"_s, packageFile, u"-C"_s, root});
        QCOMPARE(x.exitCode, 0);
    }
    const QString top = QDir(root + u'/' + prefix).canonicalPath();
    QVERIFY2(!top.isEmpty(), qPrintable(u"%1 has no %2/"_s.arg(packageFile, prefix)));

    // Layout: binary, library, plugin and the desktop metadata.
    const QString quarry = top + u"/bin/quarry"_s;
    QVERIFY2(QFileInfo(quarry).isExecutable(), qPrintable(quarry));
    for (const QString &file : {u"share/applications/quarry.desktop"_s,
                                u"share/icons/hicolor/scalable/apps/quarry.svg"_s,
                                u"share/metainfo/org.quarry.Quarry.metainfo.xml"_s,
                                u"share/mime/packages/quarry.xml"_s,
                                u"share/doc/quarry/fakedata/LICENSE"_s}) {
        QVERIFY2(QFileInfo::exists(top + u'/' + file), qPrintable(u"missing "_s + file));
    }
    bool hasCore = false;
    for (const QString &libdir : {u"lib"_s, u"lib/x86_64-linux-gnu"_s})
        hasCore = hasCore || QFileInfo::exists(top + u'/' + libdir + u"/libquarry-core.so.0"_s);
    QVERIFY2(hasCore, "libquarry-core.so.0 is not in lib/ or lib/x86_64-linux-gnu/");

    // --version, from the unpacked root, in a clean environment.
    const QProcessEnvironment env = cleanEnvironment();
    QVERIFY(!env.contains(u"QUARRY_PLUGIN_DIR"_s) && !env.contains(u"LD_LIBRARY_PATH"_s));
    const Run v = run(quarry, {u"--version"_s}, env);
    QVERIFY2(v.exitCode == 0, v.err.constData());
    QCOMPARE(QString::fromUtf8(v.out).trimmed(), u"quarry "_s + m_version);

    // --list-plugins: the SQLite dialect loads, from the unpacked root.
    const Run text = run(quarry, {u"--list-plugins"_s}, env);
    QVERIFY2(text.exitCode == 0, text.err.constData());
    QVERIFY2(QString::fromUtf8(text.out).contains(QRegularExpression(u"^sqlite\\t.*\\tloaded\\t"_s,
                                                                     QRegularExpression::MultilineOption)),
             text.out.constData());

    const Run json = run(quarry, {u"--list-plugins"_s, u"--json"_s}, env);
    QVERIFY2(json.exitCode == 0, json.err.constData());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.out, &error);
    QVERIFY2(doc.isArray(), qPrintable(error.errorString() + u'\n' + QString::fromUtf8(json.out)));
    bool sqliteLoaded = false;
    for (const QJsonValue &value : doc.array()) {
        const QJsonObject plugin = value.toObject();
        const QString file = QFileInfo(plugin.value(u"file"_s).toString()).canonicalFilePath();
        QVERIFY2(file.startsWith(top + u'/'),
                 qPrintable(u"plugin %1 was loaded from outside the unpacked root"_s.arg(file)));
        if (plugin.value(u"id"_s).toString() == u"sqlite"_s)
            sqliteLoaded = plugin.value(u"loaded"_s).toBool();
    }
    QVERIFY2(sqliteLoaded, json.out.constData());

    // The dynamic loader takes libquarry-core from the unpacked root too (RPATH $ORIGIN/...).
    QProcessEnvironment debugEnv = env;
    debugEnv.insert(u"LD_DEBUG"_s, u"libs"_s);
    const Run loaded = run(quarry, {u"--version"_s}, debugEnv);
    QCOMPARE(loaded.exitCode, 0);
    const QRegularExpression init(u"calling init: (\\S*libquarry-core\\.so\\S*)"_s);
    const QRegularExpressionMatch m = init.match(QString::fromUtf8(loaded.err));
    QVERIFY2(m.hasMatch(), "LD_DEBUG shows no libquarry-core being loaded");
    const QString core = QFileInfo(m.captured(1)).canonicalFilePath();
    QVERIFY2(core.startsWith(top + u'/'), qPrintable(u"libquarry-core came from %1"_s.arg(core)));

    // The desktop entry, icon and AppStream metadata of the installed tree agree with each other
    // (validate-tree expects a root with usr/, as the .deb has; appstream is optional).
    const QString appstreamcli = QStandardPaths::findExecutable(u"appstreamcli"_s);
    if (generator == u"DEB"_s && !appstreamcli.isEmpty()) {
        const Run a = run(appstreamcli, {u"validate-tree"_s, u"--no-net"_s, root}, env);
        QVERIFY2(a.exitCode == 0, (a.out + a.err).constData());
    }
}

QTEST_GUILESS_MAIN(TestInstaller)
#include "tst_installer.moc"
