// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// End to end: the real `quarry serve` child process on a copy of the sample workspace, driven by
// curl (and raw sockets for the kill -9 durability test).

#include "../../core/mock/rawhttp.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <mutex>
#include <thread>

using namespace Qt::Literals::StringLiterals;

namespace {

struct CurlResult {
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

} // namespace

class TestServe : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void getUsers();
    void postPersistsAcrossRestart();
    void preflightFromAnotherOrigin();
    void rateLimitAfterLimit();
    void problemJsonForErrors();
    void logJsonOnePerRequest();
    void sigtermStopsCleanly();
    void portInUseFails();
    void editsApplyWithoutRestart();
    void killNineKeepsAcknowledgedWrites();
    void sampleAuthFlow();
    void ipv6HostPrintedWithBrackets();
    void malformedProtectionRefusesToStart_data();
    void malformedProtectionRefusesToStart();
    void createTablesOnPostgresOnlyWhenAsked();

private:
    QString workspacePath() const { return m_dir->filePath(u"seed.quarry"_s); }
    void editWorkspace(const std::function<void(QJsonObject &)> &edit);
    bool startServer(const QStringList &extra = {});
    CurlResult curl(const QStringList &args);

    QString m_bin;
    QString m_seed;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_proc;
    quint16 m_port = 0;
    QByteArray m_stderr;
};

void TestServe::initTestCase()
{
    m_bin = qEnvironmentVariable("QUARRY_BIN");
    QVERIFY2(QFile::exists(m_bin), "QUARRY_BIN must point at the quarry executable");
    m_seed = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s;
    QVERIFY(QFile::exists(m_seed));
    QProcess which;
    which.start(u"curl"_s, {u"--version"_s});
    QVERIFY2(which.waitForFinished(5000) && which.exitCode() == 0, "curl is needed");
}

void TestServe::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(QFile::copy(m_seed, workspacePath()));
    QFile::setPermissions(workspacePath(), QFile::ReadOwner | QFile::WriteOwner);
}

void TestServe::cleanup()
{
    if (m_proc && m_proc->state() != QProcess::NotRunning) {
        m_proc->kill();
        m_proc->waitForFinished(5000);
    }
    m_proc.reset();
    m_dir.reset();
}

void TestServe::editWorkspace(const std::function<void(QJsonObject &)> &edit)
{
    QFile f(workspacePath());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    f.close();
    edit(root);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QJsonDocument(root).toJson());
}

bool TestServe::startServer(const QStringList &extra)
{
    m_proc = std::make_unique<QProcess>();
    m_stderr.clear();
    m_proc->start(m_bin, QStringList{u"serve"_s, workspacePath(), u"--port"_s, u"0"_s} + extra);
    if (!m_proc->waitForStarted(5000))
        return false;
    const QRegularExpression listening(u"Listening on http://127\\.0\\.0\\.1:(\\d+)"_s);
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 10000) {
        m_proc->waitForReadyRead(100);
        m_stderr += m_proc->readAllStandardError();
        const auto m = listening.match(QString::fromUtf8(m_stderr));
        if (m.hasMatch()) {
            m_port = quint16(m.captured(1).toUInt());
            return true;
        }
        if (m_proc->state() == QProcess::NotRunning)
            break;
    }
    qWarning("quarry serve did not start: %s", m_stderr.constData());
    return false;
}

CurlResult TestServe::curl(const QStringList &args)
{
    QProcess p;
    p.start(u"curl"_s, QStringList{u"-s"_s, u"-i"_s, u"--max-time"_s, u"10"_s} + args);
    CurlResult r;
    if (!p.waitForFinished(15000))
        return r;
    QByteArray out = p.readAllStandardOutput();
    // skip interim 100 responses
    while (true) {
        const qsizetype end = out.indexOf("\r\n\r\n");
        if (end < 0)
            return r;
        const QList<QByteArray> lines = out.left(end).split('\n');
        r.status = lines.first().split(' ').value(1).toInt();
        r.headers.clear();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype c = lines.at(i).indexOf(':');
            if (c > 0)
                r.headers.append({lines.at(i).left(c).trimmed(), lines.at(i).mid(c + 1).trimmed()});
        }
        out = out.mid(end + 4);
        if (r.status != 100)
            break;
    }
    r.body = out;
    return r;
}

void TestServe::getUsers()
{
    QVERIFY(startServer());
    const auto r = curl({u"http://127.0.0.1:%1/api/users"_s.arg(m_port)});
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    QJsonParseError e{};
    const auto doc = QJsonDocument::fromJson(r.body, &e);
    QCOMPARE(e.error, QJsonParseError::NoError);
    QVERIFY(doc.isArray());
    QCOMPARE(r.header("X-Total-Count"), QByteArray::number(doc.array().size()));
    QVERIFY(QFile::exists(m_dir->filePath(u"seed.db"_s)));   // the SQLite file beside the workspace
}

void TestServe::postPersistsAcrossRestart()
{
    QVERIFY(startServer());
    const auto created = curl({u"-X"_s, u"POST"_s, u"-H"_s, u"Content-Type: application/json"_s, u"-d"_s,
                               u"{\"email\": \"grace@example.com\", \"name\": \"Grace Hopper\"}"_s,
                               u"http://127.0.0.1:%1/api/users"_s.arg(m_port)});
    QCOMPARE(created.status, 201);
    const QJsonObject row = QJsonDocument::fromJson(created.body).object();
    const qint64 id = row.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(created.header("Location"), "/api/users/" + QByteArray::number(id));
    QCOMPARE(curl({u"-X"_s, u"POST"_s, u"-d"_s, u"{\"email\": \"grace@example.com\"}"_s,
                   u"http://127.0.0.1:%1/api/users"_s.arg(m_port)}).status,
             409);

    m_proc->terminate();
    QVERIFY(m_proc->waitForFinished(5000));
    QVERIFY(startServer());
    const auto got = curl({u"http://127.0.0.1:%1/api/users/%2"_s.arg(m_port).arg(id)});
    QCOMPARE(got.status, 200);
    QCOMPARE(QJsonDocument::fromJson(got.body).object().value(u"name"_s).toString(), u"Grace Hopper"_s);
    const auto list = curl({u"http://127.0.0.1:%1/api/users?email=grace@example.com"_s.arg(m_port)});
    QCOMPARE(QJsonDocument::fromJson(list.body).array().size(), 1);
}

void TestServe::preflightFromAnotherOrigin()
{
    QVERIFY(startServer());
    const auto r = curl({u"-X"_s, u"OPTIONS"_s, u"-H"_s, u"Origin: http://localhost:5173"_s, u"-H"_s,
                         u"Access-Control-Request-Method: POST"_s, u"-H"_s,
                         u"Access-Control-Request-Headers: content-type"_s,
                         u"http://127.0.0.1:%1/api/users"_s.arg(m_port)});
    QCOMPARE(r.status, 204);
    QVERIFY(!r.header("Access-Control-Allow-Origin").isEmpty());
    QVERIFY(r.header("Access-Control-Allow-Methods").contains("POST"));
    QVERIFY(r.header("Access-Control-Allow-Headers").toLower().contains("content-type"));
    const auto get = curl({u"-H"_s, u"Origin: http://localhost:5173"_s, u"http://127.0.0.1:%1/api/users"_s.arg(m_port)});
    QCOMPARE(get.status, 200);
    QVERIFY(!get.header("Access-Control-Allow-Origin").isEmpty());
}

void TestServe::rateLimitAfterLimit()
{
    editWorkspace([](QJsonObject &root) {
        QJsonObject mock = root.value(u"mock"_s).toObject();
        QJsonObject server = mock.value(u"server"_s).toObject();
        server.insert(u"rateLimit"_s, QJsonObject{{u"requests"_s, 3}, {u"perSeconds"_s, 60}});
        mock.insert(u"server"_s, server);
        root.insert(u"mock"_s, mock);
    });
    QVERIFY(startServer());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(curl({u"http://127.0.0.1:%1/api/users"_s.arg(m_port)}).status, 200);
    const auto r = curl({u"http://127.0.0.1:%1/api/users"_s.arg(m_port)});
    QCOMPARE(r.status, 429);
    QCOMPARE(r.header("Retry-After"), QByteArray("20"));
    QCOMPARE(r.header("RateLimit-Limit"), QByteArray("3"));
    QCOMPARE(r.header("RateLimit-Remaining"), QByteArray("0"));
    QVERIFY(r.header("Content-Type").startsWith("application/problem+json"));
}

void TestServe::problemJsonForErrors()
{
    QVERIFY(startServer());
    const auto missing = curl({u"http://127.0.0.1:%1/api/nothing"_s.arg(m_port)});
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.header("Content-Type"), QByteArray("application/problem+json"));
    const auto bad = curl({u"-X"_s, u"POST"_s, u"-d"_s, u"{not json"_s, u"http://127.0.0.1:%1/api/users"_s.arg(m_port)});
    QCOMPARE(bad.status, 400);
    QVERIFY(QJsonDocument::fromJson(bad.body).object().value(u"detail"_s).toString().contains(u"not valid JSON"_s));
    const auto big = curl({u"-X"_s, u"POST"_s, u"-H"_s, u"Content-Type: application/json"_s, u"--data-binary"_s,
                           u"@"_s + m_seed, u"-H"_s, u"X-Pad: "_s + QString(17000, u'a'),
                           u"http://127.0.0.1:%1/api/users"_s.arg(m_port)});
    QCOMPARE(big.status, 431);
}

void TestServe::logJsonOnePerRequest()
{
    QVERIFY(startServer({u"--log"_s, u"json"_s}));
    curl({u"http://127.0.0.1:%1/api/users?_limit=5"_s.arg(m_port)});
    curl({u"http://127.0.0.1:%1/nope"_s.arg(m_port)});
    QByteArray out;
    QElapsedTimer t;
    t.start();
    while (out.count('\n') < 2 && t.elapsed() < 5000) {
        m_proc->waitForReadyRead(100);
        out += m_proc->readAllStandardOutput();
    }
    const QList<QByteArray> lines = out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
    QCOMPARE(first.value(u"method"_s).toString(), u"GET"_s);
    QCOMPARE(first.value(u"path"_s).toString(), u"/api/users"_s);
    QCOMPARE(first.value(u"status"_s).toInt(), 200);
    QCOMPARE(first.value(u"routeId"_s).toString(), u"route-users-list"_s);
    QVERIFY(first.value(u"durationMs"_s).isDouble());
    bool sawSql = false;
    for (const QJsonValue &s : first.value(u"steps"_s).toArray())
        sawSql = sawSql || s.toObject().value(u"step"_s).toString() == u"sql"_s;
    QVERIFY(sawSql);
    QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object().value(u"status"_s).toInt(), 404);
}

void TestServe::sigtermStopsCleanly()
{
    QVERIFY(startServer());
    RawClient idle;   // a connected client must not keep the server from stopping
    QVERIFY(idle.connectTo(m_port));
    ::kill(pid_t(m_proc->processId()), SIGTERM);
    QVERIFY(m_proc->waitForFinished(5000));
    QCOMPARE(m_proc->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_proc->exitCode(), 0);
    QVERIFY(m_proc->readAllStandardError().contains("Stopped."));
    QVERIFY(idle.waitForClose(2000));
}

void TestServe::portInUseFails()
{
    QVERIFY(startServer());
    QProcess second;
    second.start(m_bin, {u"serve"_s, workspacePath(), u"--port"_s, QString::number(m_port)});
    QVERIFY(second.waitForFinished(10000));
    QCOMPARE(second.exitCode(), 1);
    const QByteArray err = second.readAllStandardError();
    QVERIFY2(err.contains("already in use"), err.constData());
}

void TestServe::editsApplyWithoutRestart()
{
    QVERIFY(startServer());
    QCOMPARE(curl({u"http://127.0.0.1:%1/api/hello"_s.arg(m_port)}).status, 404);
    editWorkspace([](QJsonObject &root) {
        QJsonObject mock = root.value(u"mock"_s).toObject();
        QJsonArray routes = mock.value(u"routes"_s).toArray();
        routes.append(QJsonObject{{u"id"_s, u"hello"_s}, {u"method"_s, u"GET"_s}, {u"path"_s, u"/api/hello"_s},
                                  {u"responses"_s, QJsonArray{QJsonObject{{u"status"_s, 200}, {u"body"_s, u"hi"_s}}}}});
        mock.insert(u"routes"_s, routes);
        root.insert(u"mock"_s, mock);
    });
    QTRY_COMPARE_WITH_TIMEOUT(curl({u"http://127.0.0.1:%1/api/hello"_s.arg(m_port)}).status, 200, 5000);
}

void TestServe::killNineKeepsAcknowledgedWrites()
{
    QVERIFY(startServer({u"--log"_s, u"none"_s}));
    std::atomic<bool> stop{false};
    std::mutex mutex;
    QList<qint64> acknowledged;
    std::vector<std::thread> clients;
    const quint16 port = m_port;
    for (int t = 0; t < 8; ++t) {
        clients.emplace_back([&, t] {
            RawClient c;
            if (!c.connectTo(port))
                return;
            for (int i = 0; !stop; ++i) {
                const QByteArray body = "{\"email\": \"k" + QByteArray::number(t) + "-" + QByteArray::number(i)
                                        + "@example.com\", \"name\": \"load\"}";
                c.send("POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                       + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                const auto r = c.readResponse(3000);
                if (!r)
                    return;   // the server died mid-request: that write was never acknowledged
                if (r->status == 201) {
                    std::lock_guard lock(mutex);
                    acknowledged.append(QJsonDocument::fromJson(r->body).object().value(u"id"_s).toInteger());
                }
            }
        });
    }
    QTest::qWait(1500);
    ::kill(pid_t(m_proc->processId()), SIGKILL);   // while the clients are still writing
    stop = true;
    for (auto &c : clients)
        c.join();
    QVERIFY(m_proc->waitForFinished(5000));
    QCOMPARE(m_proc->exitStatus(), QProcess::CrashExit);
    QVERIFY2(acknowledged.size() > 50, qPrintable(QString::number(acknowledged.size())));

    QVERIFY(startServer({u"--log"_s, u"none"_s}));
    const auto list = curl({u"http://127.0.0.1:%1/api/users?name=load"_s.arg(m_port)});
    QCOMPARE(list.status, 200);
    QSet<qint64> stored;
    for (const QJsonValue &v : QJsonDocument::fromJson(list.body).array())
        stored.insert(v.toObject().value(u"id"_s).toInteger());
    int lost = 0;
    for (qint64 id : std::as_const(acknowledged))
        lost += stored.contains(id) ? 0 : 1;
    qInfo("acknowledged %lld writes before kill -9; %lld rows stored; lost %d", qint64(acknowledged.size()),
          qint64(stored.size()), lost);
    QCOMPARE(lost, 0);
}

void TestServe::sampleAuthFlow()
{
    // What a workshop shows with curl on the sample: 401 vs 403, and what a token carries.
    qunsetenv("QUARRY_JWT_SECRET"); // the documented workshop fallback signs the tokens
    QVERIFY(startServer());
    const QString base = u"http://127.0.0.1:%1"_s.arg(m_port);
    const auto login = [&](const QString &email, const QString &password) {
        return curl({u"-X"_s, u"POST"_s, u"-H"_s, u"Content-Type: application/json"_s, u"-d"_s,
                     u"{\"email\":\"%1\",\"password\":\"%2\"}"_s.arg(email, password), base + u"/api/auth/login"_s});
    };
    const auto withToken = [&](const QByteArray &token, const QString &path) {
        return curl({u"-H"_s, u"Authorization: Bearer "_s + QString::fromLatin1(token), base + path});
    };

    const auto anonymous = curl({base + u"/api/protected"_s});
    QCOMPARE(anonymous.status, 401);
    QVERIFY2(anonymous.header("WWW-Authenticate").startsWith("Bearer"), anonymous.header("WWW-Authenticate").constData());

    const auto wrong = login(u"ada@example.com"_s, u"not-the-password"_s);
    QCOMPARE(wrong.status, 401);

    const auto ada = login(u"ada@example.com"_s, u"quarry-demo"_s);
    QCOMPARE(ada.status, 200);
    const QJsonObject adaLogin = QJsonDocument::fromJson(ada.body).object();
    const QByteArray adaToken = adaLogin.value(u"token"_s).toString().toLatin1();
    QCOMPARE(adaToken.count('.'), 2);
    QCOMPARE(adaLogin.value(u"expiresIn"_s).toInt(), 3600);

    const auto inside = withToken(adaToken, u"/api/protected"_s);
    QCOMPARE(inside.status, 200);
    const QJsonObject user = QJsonDocument::fromJson(inside.body).object().value(u"user"_s).toObject();
    QCOMPARE(user.value(u"email"_s).toString(), u"ada@example.com"_s);
    QCOMPARE(user.value(u"name"_s).toString(), u"Ada Lovelace"_s);
    QCOMPARE(user.value(u"roles"_s).toString(), u"admin, user"_s);
    QCOMPARE(withToken(adaToken, u"/api/admin/stats"_s).status, 200);

    const auto linus = login(u"linus@example.com"_s, u"quarry-demo"_s);
    QCOMPARE(linus.status, 200);
    const QByteArray linusToken = QJsonDocument::fromJson(linus.body).object().value(u"token"_s).toString().toLatin1();
    QCOMPARE(withToken(linusToken, u"/api/protected"_s).status, 200);
    const auto forbidden = withToken(linusToken, u"/api/admin/stats"_s);
    QCOMPARE(forbidden.status, 403);
    QVERIFY2(forbidden.header("WWW-Authenticate").contains("error=\"insufficient_scope\""),
             forbidden.header("WWW-Authenticate").constData());

    QByteArray tampered = adaToken;
    tampered[tampered.size() - 2] = tampered.at(tampered.size() - 2) == 'A' ? 'B' : 'A';
    const auto rejected = withToken(tampered, u"/api/protected"_s);
    QCOMPARE(rejected.status, 401);
    QVERIFY2(rejected.header("WWW-Authenticate").contains("error=\"invalid_token\""),
             rejected.header("WWW-Authenticate").constData());

    // The password hashes stay out of the users resource: credentials live in accounts.
    QVERIFY(!curl({base + u"/api/users"_s}).body.contains("password_hash"));
}

void TestServe::ipv6HostPrintedWithBrackets()
{
    // "http://::1:18090" is not a URL; the printed one must work when pasted into curl.
    QProcess serve;
    serve.start(m_bin, {u"serve"_s, workspacePath(), u"--host"_s, u"::1"_s, u"--port"_s, u"0"_s});
    QVERIFY(serve.waitForStarted(5000));
    const QRegularExpression listening(u"Listening on (http://\\[::1\\]:\\d+)"_s);
    QByteArray err;
    QRegularExpressionMatch m;
    QElapsedTimer t;
    t.start();
    while (!m.hasMatch() && t.elapsed() < 10000 && serve.state() == QProcess::Running) {
        serve.waitForReadyRead(100);
        err += serve.readAllStandardError();
        m = listening.match(QString::fromUtf8(err));
    }
    QVERIFY2(m.hasMatch(), err.constData());
    QCOMPARE(curl({u"-g"_s, m.captured(1) + u"/api/users"_s}).status, 200);
    serve.kill();
    serve.waitForFinished(5000);
}

void TestServe::malformedProtectionRefusesToStart_data()
{
    // Which route's auth to replace ("" keeps the routes), the new value, and the profile edit.
    QTest::addColumn<QString>("routeId");
    QTest::addColumn<QJsonValue>("auth");
    QTest::addColumn<QJsonValue>("algorithm");   // undefined: keep the profile
    QTest::addColumn<bool>("dropProfiles");
    QTest::addColumn<QString>("expected");
    const QJsonValue keep(QJsonValue::Undefined);
    const QString prot = u"route-protected"_s;
    const QString admin = u"route-admin"_s;
    QTest::newRow("auth true") << prot << QJsonValue(true) << keep << false << u"(mock.routes[%1].auth)"_s;
    QTest::newRow("auth \"x\"") << prot << QJsonValue(u"x"_s) << keep << false << u"(mock.routes[%1].auth)"_s;
    QTest::newRow("auth []") << prot << QJsonValue(QJsonArray()) << keep << false << u"(mock.routes[%1].auth)"_s;
    QTest::newRow("auth 0") << prot << QJsonValue(0) << keep << false << u"(mock.routes[%1].auth)"_s;
    QTest::newRow("auth \"\"") << prot << QJsonValue(u""_s) << keep << false << u"(mock.routes[%1].auth)"_s;
    QTest::newRow("auth null") << prot << QJsonValue(QJsonValue::Null) << keep << false << u"(mock.routes[%1].auth)"_s;
    QTest::newRow("auth {}") << prot << QJsonValue(QJsonObject()) << keep << false << u"(mock.routes[%1].auth)"_s;
    for (const auto &[name, roles] : {std::pair{"roles \"admin\"", QJsonValue(u"admin"_s)},
                                      std::pair{"roles null", QJsonValue(QJsonValue::Null)}, std::pair{"roles 0", QJsonValue(0)},
                                      std::pair{"roles {}", QJsonValue(QJsonObject())}, std::pair{"roles []", QJsonValue(QJsonArray())}})
        QTest::newRow(name) << admin << QJsonValue(QJsonObject{{u"profile"_s, u"auth-demo"_s}, {u"roles"_s, roles}}) << keep
                            << false << u"(mock.routes[%1].auth.roles)"_s;
    QTest::newRow("algorithm \"\"") << QString() << keep << QJsonValue(u""_s) << false << u"(authProfiles[0].algorithm)"_s;
    QTest::newRow("algorithm none") << QString() << keep << QJsonValue(u"none"_s) << false << u"(authProfiles[0].algorithm)"_s;
    QTest::newRow("algorithm HS999") << QString() << keep << QJsonValue(u"HS999"_s) << false << u"(authProfiles[0].algorithm)"_s;
    QTest::newRow("authProfiles missing") << QString() << keep << keep << true << u"\"auth-demo\""_s;
    QTest::newRow("authProfiles empty") << QString() << keep << QJsonValue(QJsonValue::Null) << true << u"\"auth-demo\""_s;
}

void TestServe::malformedProtectionRefusesToStart()
{
    QFETCH(QString, routeId);
    QFETCH(QJsonValue, auth);
    QFETCH(QJsonValue, algorithm);
    QFETCH(bool, dropProfiles);
    QFETCH(QString, expected);
    int index = -1;
    editWorkspace([&](QJsonObject &root) {
        QJsonObject mock = root.value(u"mock"_s).toObject();
        QJsonArray routes = mock.value(u"routes"_s).toArray();
        for (int i = 0; i < routes.size(); ++i) {
            QJsonObject route = routes.at(i).toObject();
            if (route.value(u"id"_s).toString() != routeId)
                continue;
            index = i;
            route.insert(u"auth"_s, auth);
            routes[i] = route;
        }
        mock.insert(u"routes"_s, routes);
        root.insert(u"mock"_s, mock);
        if (dropProfiles) {
            if (algorithm.isNull())
                root.insert(u"authProfiles"_s, QJsonArray());   // present but empty
            else
                root.remove(u"authProfiles"_s);
        } else if (!algorithm.isUndefined()) {
            QJsonArray profiles = root.value(u"authProfiles"_s).toArray();
            QJsonObject profile = profiles.at(0).toObject();
            profile.insert(u"algorithm"_s, algorithm);
            profiles[0] = profile;
            root.insert(u"authProfiles"_s, profiles);
        }
    });
    QVERIFY(routeId.isEmpty() || index >= 0);
    QProcess serve;
    serve.start(m_bin, {u"serve"_s, workspacePath(), u"--port"_s, u"0"_s});
    QVERIFY(serve.waitForFinished(10000));   // it must not be listening
    const QString err = QString::fromUtf8(serve.readAllStandardError());
    QCOMPARE(serve.exitCode(), 1);
    QVERIFY2(!err.contains(u"Listening"_s), qPrintable(err));
    const QString where = expected.contains(u"%1"_s) ? expected.arg(index) : expected;
    QVERIFY2(err.contains(where), qPrintable(u"expected %1 in: %2"_s.arg(where, err)));
    if (!routeId.isEmpty() || dropProfiles)
        QVERIFY2(err.contains(dropProfiles ? u"auth-demo"_s : u"GET /api/"_s), qPrintable(err));
    else
        QVERIFY2(err.contains(u"\"auth-demo\""_s), qPrintable(err));   // the broken profile is named
}

/// A PostgreSQL database is the user's: `quarry serve` creates the design's tables there only with
/// --create-tables (or "createTables": true on its entry), and says what is missing otherwise.
void TestServe::createTablesOnPostgresOnlyWhenAsked()
{
    const QString pg = qEnvironmentVariable("QUARRY_TEST_PG_URL");
    if (pg.isEmpty())
        QFAIL("QUARRY_TEST_PG_URL is not set. Run the suite with scripts/test.sh.");
    const QString schemaName = u"quarry_serve_%1"_s.arg(QCoreApplication::applicationPid());
    auto psql = [&pg](const QString &sql) {
        QProcess p;
        p.start(u"psql"_s, {pg, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-Atc"_s, sql});
        return p.waitForFinished(15000) && p.exitCode() == 0 ? QString::fromUtf8(p.readAllStandardOutput()).trimmed()
                                                            : u"psql failed: "_s + QString::fromUtf8(p.readAllStandardError());
    };
    QCOMPARE(psql(u"DROP SCHEMA IF EXISTS %1 CASCADE; CREATE SCHEMA %1"_s.arg(schemaName)), QString());
    const QString url = pg + (pg.contains(u'?') ? u"&"_s : u"?"_s) + u"options=-csearch_path%3D"_s + schemaName;
    editWorkspace([&url](QJsonObject &root) {
        QJsonArray dbs = root.value(u"databases"_s).toArray();
        dbs.append(QJsonObject{{u"id"_s, u"pg"_s}, {u"name"_s, u"PostgreSQL"_s}, {u"url"_s, url}});
        root.insert(u"databases"_s, dbs);
        QJsonObject schema = root.value(u"schema"_s).toObject();
        QJsonArray tables = schema.value(u"tables"_s).toArray();
        tables.append(QJsonObject{
            {u"id"_s, u"tbl-notes"_s}, {u"name"_s, u"notes"_s},
            {u"columns"_s, QJsonArray{QJsonObject{{u"id"_s, u"n1"_s}, {u"name"_s, u"id"_s}, {u"type"_s, u"serial"_s},
                                                  {u"primaryKey"_s, true}, {u"nullable"_s, false}},
                                      QJsonObject{{u"id"_s, u"n2"_s}, {u"name"_s, u"body"_s}, {u"type"_s, u"text"_s},
                                                  {u"nullable"_s, false}}}}});
        schema.insert(u"tables"_s, tables);
        root.insert(u"schema"_s, schema);
        QJsonObject mock = root.value(u"mock"_s).toObject();
        QJsonArray routes = mock.value(u"routes"_s).toArray();
        routes.append(QJsonObject{{u"id"_s, u"notes"_s}, {u"method"_s, u"ANY"_s}, {u"path"_s, u"/api/notes"_s},
                                  {u"resource"_s, QJsonObject{{u"table"_s, u"notes"_s}, {u"database"_s, u"pg"_s}}}});
        mock.insert(u"routes"_s, routes);
        root.insert(u"mock"_s, mock);
    });
    const QString notes = u"http://127.0.0.1:%1/api/notes"_s;

    QVERIFY(startServer());
    CurlResult r = curl({notes.arg(m_port)});
    QCOMPARE(r.status, 500);
    QVERIFY2(r.body.contains("--create-tables"), r.body.constData());
    QTRY_VERIFY2((m_stderr += m_proc->readAllStandardError()).contains("lacks the design's notes. "), m_stderr.constData());
    QVERIFY(m_stderr.contains("note: "));
    QCOMPARE(psql(u"SELECT count(*) FROM information_schema.tables WHERE table_schema = '%1'"_s.arg(schemaName)), u"0"_s);
    m_proc->terminate();
    QVERIFY(m_proc->waitForFinished(10000));

    QVERIFY(startServer({u"--create-tables"_s}));
    r = curl({notes.arg(m_port)});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.trimmed(), QByteArray("[]"));
    r = curl({u"-X"_s, u"POST"_s, u"-H"_s, u"Content-Type: application/json"_s, u"-d"_s, u"{}"_s, notes.arg(m_port)});
    QCOMPARE(r.status, 422);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(u"errors"_s).toArray().at(0).toObject().value(u"pointer"_s).toString(),
             u"/body"_s);
    QCOMPARE(psql(u"SELECT count(*) FROM information_schema.tables WHERE table_schema = '%1'"_s.arg(schemaName)), u"1"_s);
    QCOMPARE(psql(u"DROP SCHEMA %1 CASCADE"_s.arg(schemaName)), QString());
}

QTEST_GUILESS_MAIN(TestServe)
#include "tst_serve.moc"
