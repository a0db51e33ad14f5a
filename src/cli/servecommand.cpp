// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "servecommand.h"

#include "mock/mockconfig.h"
#include "mock/mockserver.h"
#include "mock/requestlog.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

namespace {

int s_signalPipe[2] = {-1, -1};

void onSignal(int signal)
{
    const char c = char(signal);
    [[maybe_unused]] const auto n = ::write(s_signalPipe[1], &c, 1);
}

int usage(Io &io, const QString &message)
{
    io.err << "quarry serve: " << message << "\n"
           << "Usage: quarry serve WORKSPACE [--host H] [--port N] [--threads N] [--log json|text|none] [--create-tables]\n";
    io.err.flush();
    return UsageError;
}

QString textLine(const mock::LogEntry &e)
{
    if (!e.notice.isEmpty())
        return u"note: "_s + e.notice;
    return u"%1 %2 %3 %4 ms%5"_s.arg(e.method, e.target, e.status ? QString::number(e.status) : u"dropped"_s,
                                     QString::number(double(e.durationMicros) / 1000.0, 'f', 1),
                                     e.routeLabel.isEmpty() ? QString() : u"  ["_s + e.routeLabel + u']');
}

} // namespace

int runServe(const QStringList &args, Io &io)
{
    QString path, host, log = u"text"_s;
    int port = -1, threads = -1;
    bool createTables = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        auto value = [&](QString *out) {
            if (i + 1 >= args.size())
                return false;
            *out = args.at(++i);
            return true;
        };
        QString v;
        if (a == u"--host"_s) {
            if (!value(&host))
                return usage(io, u"--host needs an address."_s);
        } else if (a == u"--port"_s) {
            bool ok = false;
            if (!value(&v) || (port = v.toInt(&ok), !ok) || port < 0 || port > 65535)
                return usage(io, u"--port needs a number from 0 to 65535 (0: any free port)."_s);
        } else if (a == u"--threads"_s) {
            bool ok = false;
            if (!value(&v) || (threads = v.toInt(&ok), !ok) || threads < 1 || threads > 64)
                return usage(io, u"--threads needs a number from 1 to 64."_s);
        } else if (a == u"--log"_s) {
            if (!value(&log) || (log != u"json"_s && log != u"text"_s && log != u"none"_s))
                return usage(io, u"--log is json, text or none."_s);
        } else if (a == u"--create-tables"_s) {
            createTables = true;
        } else if (a == u"-h"_s || a == u"--help"_s) {
            io.out << "Usage: quarry serve WORKSPACE [--host H] [--port N] [--threads N] [--log json|text|none] [--create-tables]\n"
                      "Serves the workspace's mock API until interrupted (Ctrl+C).\n"
                      "  --create-tables  create the design's missing tables (and columns) in PostgreSQL databases\n"
                      "                   too; without it only databases whose entry says \"createTables\": true get them\n";
            return Success;
        } else if (a.startsWith(u'-')) {
            return usage(io, u"unknown option %1."_s.arg(a));
        } else if (path.isEmpty()) {
            path = a;
        } else {
            return usage(io, u"only one workspace, please (got %1 and %2)."_s.arg(path, a));
        }
    }
    if (path.isEmpty())
        return usage(io, u"which workspace? Give the path of a .quarry file."_s);

    auto loaded = workspace::Workspace::load(path);
    if (!loaded) {
        io.err << "quarry serve: " << loaded.error().toString() << '\n';
        return Failure;
    }
    std::unique_ptr<workspace::Workspace> ws = std::move(loaded).value();
    auto config = mock::MockConfig::fromWorkspace(*ws);
    if (!config) {
        io.err << "quarry serve: " << config.error().toString() << '\n';
        return Failure;
    }
    mock::MockServer server;
    server.setCreateTables(createTables);
    if (auto applied = server.configureFromWorkspace(*ws); !applied) {
        io.err << "quarry serve: " << applied.error().toString() << '\n';
        return Failure;
    }
    for (const QString &warning : server.warnings())
        io.err << "quarry serve: warning: " << warning << '\n';
    mock::ServerOptions options = config.value().server;
    if (!host.isEmpty())
        options.host = host;
    if (port >= 0)
        options.port = quint16(port);
    if (threads > 0)
        options.threads = threads;

    if (::pipe2(s_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        io.err << "quarry serve: cannot set up signal handling.\n";
        return Failure;
    }
    QSocketNotifier notifier(s_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, qApp, [] {
        char c;
        while (::read(s_signalPipe[0], &c, 1) > 0) {
        }
        QCoreApplication::quit();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    server.setLogging(log != u"none"_s);
    auto started = server.start(options);
    if (!started) {
        io.err << "quarry serve: " << started.error().toString() << '\n';
        return Failure;
    }
    if (log == u"json"_s) {
        QObject::connect(server.requestLog(), &mock::RequestLog::entryAdded, qApp, [&io](const mock::LogEntry &e) {
            io.out << QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact) << '\n';
            io.out.flush();
        });
    } else if (log == u"text"_s) {
        QObject::connect(server.requestLog(), &mock::RequestLog::entryAdded, qApp, [&io](const mock::LogEntry &e) {
            io.err << textLine(e) << '\n';
            io.err.flush();
        });
    }

    // Saved edits apply without a restart. Saves replace the file, so the watch is renewed.
    QFileSystemWatcher watcher({QFileInfo(path).absoluteFilePath()});
    QTimer reloadTimer;
    reloadTimer.setSingleShot(true);
    reloadTimer.setInterval(150);
    QObject::connect(&watcher, &QFileSystemWatcher::fileChanged, &reloadTimer, qOverload<>(&QTimer::start));
    QObject::connect(&reloadTimer, &QTimer::timeout, qApp, [&] {
        const QString file = QFileInfo(path).absoluteFilePath();
        if (!watcher.files().contains(file))
            watcher.addPath(file);
        auto again = workspace::Workspace::load(path);
        if (!again) {
            io.err << "quarry serve: not reloaded: " << again.error().toString() << '\n';
            io.err.flush();
            return;
        }
        const auto applied = server.configureFromWorkspace(*again.value());
        io.err << (applied ? u"Reloaded %1 route(s) from %2"_s.arg(server.config().routes.size()).arg(path)
                           : u"quarry serve: not reloaded: "_s + applied.error().toString())
               << '\n';
        io.err.flush();
    });

    io.err << "Serving " << ws->displayName() << " (" << config.value().routes.size() << " routes)\n";
    io.err << "Listening on " << server.url() << '\n';
    io.err.flush();

    QCoreApplication::exec();

    server.stop();
    io.err << "Stopped.\n";
    io.err.flush();
    io.out.flush();
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    ::close(s_signalPipe[0]);
    ::close(s_signalPipe[1]);
    return Success;
}

} // namespace quarry::cli
