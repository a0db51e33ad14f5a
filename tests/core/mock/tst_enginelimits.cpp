// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// The engine at its limits: the connection limit, and running out of file descriptors (EMFILE).
#include "mock/mockconfig.h"
#include "mock/mockserver.h"
#include "mock/requestlog.h"

#include "rawhttp.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::mock;

class TestEngineLimits : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void connectionLimitAnswers503();
    void acceptBacksOffWhenOutOfDescriptors();

private:
    quint16 start(const ServerOptions &options)
    {
        auto port = m_server->start(options);
        return port ? port.value() : 0;
    }
    int status(quint16 port)
    {
        RawClient c;
        if (!c.connectTo(port))
            return 0;
        c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto r = c.readResponse();
        return r ? r->status : 0;
    }
    bool noticed(const QString &text) const
    {
        const QList<LogEntry> entries = m_server->requestLog()->entries();
        return std::any_of(entries.begin(), entries.end(), [&](const LogEntry &e) { return e.notice.contains(text); });
    }

    QTemporaryDir m_dir;
    std::unique_ptr<MockServer> m_server;
};

void TestEngineLimits::init()
{
    m_server = std::make_unique<MockServer>();
    const QJsonObject mock = QJsonDocument::fromJson(R"({"routes": [
        {"id": "hello", "method": "GET", "path": "/hello", "responses": [{"status": 200, "body": "hi"}]}]})").object();
    auto config = MockConfig::fromJson(mock, {}, {}, m_dir.path());
    QVERIFY(config);
    QVERIFY(m_server->configure(config.value()));
}

void TestEngineLimits::cleanup()
{
    m_server.reset();
}

void TestEngineLimits::connectionLimitAnswers503()
{
    ServerOptions o;
    o.threads = 1;
    o.maxConnections = 3;
    const quint16 port = start(o);
    QVERIFY(port);
    RawClient held[3];
    for (RawClient &c : held) {   // three kept-alive connections the server has answered
        QVERIFY(c.connectTo(port));
        c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(c.readResponse().value_or(RawResponse{}).status, 200);
    }
    RawClient fourth;
    QVERIFY(fourth.connectTo(port));
    const auto refused = fourth.readResponse();
    QVERIFY(refused);
    QCOMPARE(refused->status, 503);
    QCOMPARE(refused->header("Retry-After"), QByteArray("1"));
    QCOMPARE(refused->header("Content-Type"), QByteArray("application/problem+json"));
    QVERIFY(fourth.waitForClose());
    QTRY_VERIFY(noticed(u"Connection limit reached: 3 connections are open"_s));

    held[0].socket().disconnectFromHost();   // one closes: room for a new one
    // Once is enough: QTRY_* evaluates its expression again after success, and a second probe could
    // find the first probe's connection not yet counted as closed (3 open again: 503).
    bool served = false;
    QTRY_VERIFY(served || (served = status(port) == 200));
}

// A listener that retries a failed accept at once spins a network thread at full CPU while the
// process is out of descriptors; this one waits, and serves again once descriptors are free.
void TestEngineLimits::acceptBacksOffWhenOutOfDescriptors()
{
    ServerOptions o;
    o.threads = 1;
    const quint16 port = start(o);
    QVERIFY(port);
    int toChild[2], fromChild[2];
    QCOMPARE(pipe(toChild), 0);
    QCOMPARE(pipe(fromChild), 0);
    rlimit full{};
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &full), 0);
    const int open = int(QDir(u"/proc/self/fd"_s).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size());
    rlimit low = full;
    low.rlim_cur = rlim_t(open + 4);   // room for four connections, then EMFILE
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &low), 0);

    const pid_t child = fork();
    if (child == 0) {
        // Async-signal-safe calls only: the parent has threads.
        setrlimit(RLIMIT_NOFILE, &full);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        for (int i = 0; i < 30; ++i) {
            const int fd = socket(AF_INET, SOCK_STREAM, 0);
            if (fd >= 0)
                ::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr);
        }
        char byte = 1;
        (void)!::write(fromChild[1], &byte, 1);
        (void)!::read(toChild[0], &byte, 1);   // hold the connections until the parent is done
        _exit(0);
    }
    QVERIFY(child > 0);
    char byte = 0;
    QCOMPARE(::read(fromChild[0], &byte, 1), ssize_t(1));   // the child's 30 connections are open
    QTRY_VERIFY(noticed(u"Cannot accept connections"_s));

    // Out of descriptors with 26 connections waiting: measure this process's CPU over a second.
    rusage before{}, after{};
    getrusage(RUSAGE_SELF, &before);
    QElapsedTimer wall;
    wall.start();
    QTest::qWait(1000);   // a measurement window, not a wait for an event
    getrusage(RUSAGE_SELF, &after);
    auto micros = [](const rusage &u) {
        return qint64(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000000 + u.ru_utime.tv_usec + u.ru_stime.tv_usec;
    };
    const qint64 cpuMs = (micros(after) - micros(before)) / 1000;
    qInfo("CPU while out of descriptors: %lld ms in %lld ms", cpuMs, wall.elapsed());

    (void)!::write(toChild[1], &byte, 1);   // the child exits and its connections close
    int childStatus = 0;
    waitpid(child, &childStatus, 0);
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &full), 0);
    for (int fd : {toChild[0], toChild[1], fromChild[0], fromChild[1]})
        ::close(fd);
    QVERIFY2(cpuMs < 100, qPrintable(u"%1 ms of CPU in %2 ms"_s.arg(cpuMs).arg(wall.elapsed())));
    QTRY_COMPARE_WITH_TIMEOUT(status(port), 200, 5000);
    QTRY_VERIFY(noticed(u"Accepting connections again"_s));
}

QTEST_GUILESS_MAIN(TestEngineLimits)
#include "tst_enginelimits.moc"
