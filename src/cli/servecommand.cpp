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

QString textLine(const mock::LogEntry &e)
{
    if (!e.notice.isEmpty())
        return u"note: "_s + e.notice;
    return u"%1 %2 %3 %4 ms%5"_s.arg(e.method, e.target, e.status ? QString::number(e.status) : u"dropped"_s,
                                     QString::number(double(e.durationMicros) / 1000.0, 'f', 1),
                                     e.routeLabel.isEmpty() ? QString() : u"  ["_s + e.routeLabel + u']');
}

} // namespace

const OptionTable &serveOptions()
{
    static const OptionTable table{
        .command = u"serve"_s,
        .summary = u"Serve the workspace's mock API until interrupted (Ctrl+C)."_s,
        .operands = {{.name = u"WORKSPACE"_s, .missing = u"which workspace? Give the path of a .quarry file."_s}},
        .options = {{.name = u"--host"_s, .value = u"H"_s, .help = u"the address to listen on (default: the workspace's)"_s},
                    {.name = u"--port"_s, .value = u"N"_s, .help = u"the port (0: any free port; default: the workspace's)"_s,
                     .min = 0, .max = 65535},
                    {.name = u"--threads"_s, .value = u"N"_s, .help = u"worker threads"_s, .min = 1, .max = 64},
                    {.name = u"--log"_s, .help = u"the request log on stderr (default text)"_s,
                     .choices = {u"json"_s, u"text"_s, u"none"_s}},
                    {.name = u"--create-tables"_s,
                     .help = u"create the design's missing tables (and columns) in PostgreSQL databases too"_s}},
        .details = u"Without --create-tables only PostgreSQL databases whose entry says \"createTables\": true get\n"
                   u"the design's missing tables; Quarry's own SQLite file always follows the design.\n"_s,
    };
    return table;
}

int runServe(const QStringList &args, Io &io)
{
    int exit = Success;
    const auto parsed = parseCommandLine(serveOptions(), args, io, &exit);
    if (!parsed)
        return exit;
    const QString path = parsed->operand(0);
    const QString host = parsed->value(u"--host"_s);
    const QString log = parsed->value(u"--log"_s, u"text"_s);
    const int port = int(parsed->number(u"--port"_s, -1));
    const int threads = int(parsed->number(u"--threads"_s, -1));
    const bool createTables = parsed->isSet(u"--create-tables"_s);

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
