// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors

// The response viewer with large JSON bodies: for 1, 10 and 100 MB, the time to receive the
// body (http::Client from a server on 127.0.0.1), then from showExchange() to the status being
// shown and to the body being shown, and the longest pause of the GUI thread while it happened.
// Peer: what the Requests page did before ResponseView (QPlainTextEdit::setPlainText of
// Response::prettyBody() with the JSON highlighter, all on the GUI thread).
//
//   QT_QPA_PLATFORM=offscreen build/bench/bench_responseview [--sizes 1,10,100] [--old-max 10]
//
// --old-max N: measure the old way only up to N MB (it blocks the GUI thread for the whole time).

#include "bodyserver.h"
#include "jsonhighlighter.h"
#include "responseview.h"

#include "http/client.h"
#include "http/collection.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTimer>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;
namespace http = quarry::http;

namespace {

QByteArray makeJson(qsizetype bytes)
{
    QByteArray out;
    out.reserve(bytes + 1024);
    out.append('[');
    for (int i = 0; out.size() < bytes; ++i) {
        out.append(R"({"id":)" + QByteArray::number(i) + R"(,"email":"user-)" + QByteArray::number(i)
                   + R"(@example.com","name":"User )" + QByteArray::number(i)
                   + R"(","roles":["user"],"score":)" + QByteArray::number(i % 97) + ".5},");
    }
    out.append(R"({"id":-1}])");
    return out;
}

/// Ticks every 10 ms on the GUI thread and remembers the longest gap between two ticks.
struct StallMeter {
    QElapsedTimer clock;
    QTimer timer;
    qint64 last = 0;
    qint64 worst = 0;
    StallMeter()
    {
        timer.setInterval(10);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            worst = std::max(worst, clock.elapsed() - last);
            last = clock.elapsed();
        });
    }
    void start()
    {
        clock.start();
        last = 0;
        worst = 0;
        timer.start();
    }
    qint64 stop()
    {
        timer.stop();
        return std::max(worst, clock.elapsed() - last);
    }
};

/// Peak resident memory of this process so far (Linux), in MB.
long peakRssMb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong() / 1024;
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QList<int> sizes{1, 10, 100};
    int oldMax = 100;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == u"--sizes"_s) {
            sizes.clear();
            for (const QString &s : args[i + 1].split(u','))
                sizes << s.toInt();
        } else if (args[i] == u"--old-max"_s) {
            oldMax = args[i + 1].toInt();
        }
    }

    BodyServer server;
    const quint16 port = server.start();
    if (!port) {
        std::fprintf(stderr, "cannot listen on 127.0.0.1\n");
        return 1;
    }
    http::Client client;
    quarry::app::ResponseView view;
    view.resize(1000, 700);
    view.show();
    QPlainTextEdit oldView;
    new quarry::app::JsonHighlighter(oldView.document());
    oldView.resize(1000, 700);
    oldView.show();

    std::printf("%-6s | %-12s | %-28s | %-28s | %s\n", "size", "receive ms", "ResponseView status/body ms",
                "ResponseView longest stall ms", "old page (setPlainText+highlighter) ms");
    for (const int mb : sizes) {
        const QByteArray path = "/" + QByteArray::number(mb) + ".json";
        server.setReply(path, {"200 OK", {{"Content-Type", "application/json"}}, makeJson(qsizetype(mb) * 1024 * 1024)});
        const auto collection = http::Collection::fromJson(QJsonObject{
            {u"id"_s, u"c"_s}, {u"name"_s, u"Bench"_s},
            {u"items"_s, QJsonArray{QJsonObject{{u"type"_s, u"request"_s}, {u"id"_s, u"r"_s}, {u"name"_s, u"Get"_s},
                                                {u"method"_s, u"GET"_s},
                                                {u"url"_s, u"http://127.0.0.1:%1%2"_s.arg(port).arg(QString::fromLatin1(path))}}}}});
        QSignalSpy finished(&client, &http::Client::finished);
        QElapsedTimer clock;
        clock.start();
        client.send(collection.value(), u"r"_s, {});
        finished.wait(600'000);
        const double receiveMs = clock.nsecsElapsed() / 1e6;
        const auto exchange = finished.first().at(1).value<http::Exchange>();

        StallMeter meter;
        meter.start();
        QSignalSpy ready(&view, &quarry::app::ResponseView::bodyReady);
        clock.restart();
        view.showExchange(exchange);
        QApplication::processEvents();   // paint the status line
        const double statusMs = clock.nsecsElapsed() / 1e6;
        if (!view.isBodyReady())
            ready.wait(600'000);
        QApplication::processEvents();   // paint the first window of text
        const double bodyMs = clock.nsecsElapsed() / 1e6;
        const qint64 stall = meter.stop();
        const long rssNew = peakRssMb();

        QString old = u"skipped (--old-max %1)"_s.arg(oldMax);
        if (mb <= oldMax) {
            clock.restart();
            oldView.setPlainText(exchange.response->prettyBody());
            QApplication::processEvents();
            old = QString::number(clock.nsecsElapsed() / 1e6, 'f', 0) + u" (GUI thread blocked throughout)"_s;
            oldView.clear();
        }
        std::printf("%3d MB | %12.0f | %12.1f / %-13.0f | %-28lld | %s   (peak RSS before the old way ran: %ld MB)\n",
                    mb, receiveMs, statusMs, bodyMs, stall, qPrintable(old), rssNew);
        std::fflush(stdout);
        view.clear();
    }
    return 0;
}
