// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/runreport.h"

#include "httpstatus.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamWriter>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RunReport)
};

QString authLine(const ResolvedAuth &a)
{
    if (a.type != u"login"_s && a.type != u"bearer"_s)
        return {};
    QString line = a.type == u"login"_s ? u"login \"%1\""_s.arg(a.profileName) : u"bearer"_s;
    if (!a.inheritedFrom.isEmpty())
        line += u" from "_s + a.inheritedFrom;
    if (!a.tokenId.isEmpty())
        line += u", token "_s + a.tokenId;
    if (a.secondsToExpiry)
        line += u", expires in %1 s"_s.arg(*a.secondsToExpiry, 0, 'f', 1);
    if (a.loggedIn)
        line += a.retriedAfter401 ? u", re-logged in after 401 and retried"_s : u", logged in"_s;
    if (a.refreshed)
        line += u", refreshed"_s;
    return line;
}

QString statusText(const Exchange &e)
{
    if (!e.response)
        return Tr::tr("no response");
    return u"%1 %2"_s.arg(e.response->status).arg(HttpStatus::reason(e.response->status));
}
} // namespace

int RunReport::failedRequests() const
{
    int n = 0;
    for (const Exchange &e : exchanges)
        n += e.passed() ? 0 : 1;
    return n;
}

int RunReport::assertionCount() const
{
    int n = 0;
    for (const Exchange &e : exchanges)
        n += int(e.assertions.size());
    return n;
}

int RunReport::failedAssertions() const
{
    int n = 0;
    for (const Exchange &e : exchanges)
        n += e.failedAssertions();
    return n;
}

double RunReport::requestsPerSecond() const
{
    return durationMs > 0 ? requests() * 1000.0 / durationMs : 0;
}

QString RunReport::toText() const
{
    QString out;
    out += Tr::tr("Collection \"%1\"").arg(collectionName);
    if (!environmentName.isEmpty())
        out += Tr::tr(", environment \"%1\"").arg(environmentName);
    out += u'\n';
    int lastIteration = -1;
    for (const Exchange &e : exchanges) {
        if (iterations > 1 && e.iteration != lastIteration) {
            out += Tr::tr("Iteration %1\n").arg(e.iteration + 1);
            lastIteration = e.iteration;
        }
        const QString mark = e.passed() ? u"ok  "_s : u"FAIL"_s;
        out += u"  %1 %2  %3 %4  %5"_s.arg(mark, e.requestName, QString::fromLatin1(e.request.method),
                                            e.request.url.toDisplayString(), statusText(e));
        if (e.response)
            out += u"  %1 ms"_s.arg(e.response->timings.total, 0, 'f', 1);
        out += u'\n';
        if (const QString a = authLine(e.auth); !a.isEmpty())
            out += u"       auth: "_s + a + u'\n';
        if (e.error)
            out += u"       error: "_s + e.error->toString() + u'\n';
        for (const AssertionResult &a : e.assertions) {
            out += a.skipped ? u"       - "_s + a.description + Tr::tr(" (skipped)") + u'\n'
                 : a.passed  ? u"       ✓ "_s + a.description + u'\n'
                             : u"       ✗ "_s + a.description + u": "_s + a.message + u'\n';
        }
        for (const script::ConsoleLine &l : e.console)
            out += u"       console.%1: %2\n"_s.arg(l.level, l.text);
        for (const Error &x : e.extractionErrors)
            out += u"       ✗ extract {{"_s + x.where + u"}}: "_s + x.message + u'\n';
    }
    out += Tr::tr("\n%1 requests (%2 failed), %3 checks (%4 failed), %5 logins, %6 refreshes, %7 s, %8 req/s\n")
               .arg(requests())
               .arg(failedRequests())
               .arg(assertionCount())
               .arg(failedAssertions())
               .arg(logins)
               .arg(refreshes)
               .arg(durationMs / 1000.0, 0, 'f', 2)
               .arg(requestsPerSecond(), 0, 'f', 1);
    if (cancelled)
        out += Tr::tr("The run was cancelled.\n");
    out += passed() ? Tr::tr("PASSED\n") : Tr::tr("FAILED\n");
    return out;
}

QByteArray RunReport::toJson() const
{
    QJsonArray list;
    for (const Exchange &e : exchanges) {
        QJsonObject o{{u"iteration"_s, e.iteration},
                      {u"id"_s, e.requestId},
                      {u"name"_s, e.requestName},
                      {u"method"_s, QString::fromLatin1(e.request.method)},
                      {u"url"_s, e.request.url.toDisplayString()},
                      {u"passed"_s, e.passed()},
                      {u"auth"_s, e.auth.toJson()}};
        if (e.response) {
            o.insert(u"status"_s, e.response->status);
            o.insert(u"reason"_s, HttpStatus::reason(e.response->status));
            o.insert(u"meaning"_s, e.response->meaning());
            o.insert(u"timeMs"_s, e.response->timings.total);
            o.insert(u"size"_s, e.response->size());
        }
        if (e.error)
            o.insert(u"error"_s, e.error->toString());
        QJsonArray checks;
        for (const AssertionResult &a : e.assertions) {
            QJsonObject c{{u"description"_s, a.description}, {u"passed"_s, a.passed}};
            if (!a.passed)
                c.insert(u"message"_s, a.message);
            if (!a.script.isEmpty())
                c.insert(u"script"_s, a.script);
            if (a.scriptError)
                c.insert(u"scriptError"_s, true);
            if (a.skipped)
                c.insert(u"skipped"_s, true);
            checks.append(c);
        }
        for (const Error &x : e.extractionErrors)
            checks.append(QJsonObject{{u"description"_s, u"extract {{%1}}"_s.arg(x.where)},
                                      {u"passed"_s, false},
                                      {u"message"_s, x.message}});
        o.insert(u"assertions"_s, checks);
        if (!e.console.isEmpty()) {
            QJsonArray console;
            for (const script::ConsoleLine &l : e.console)
                console.append(QJsonObject{{u"level"_s, l.level}, {u"text"_s, l.text}, {u"script"_s, l.script}});
            o.insert(u"console"_s, console);
        }
        QJsonObject extracted;
        for (const auto &[name, value] : e.extracted)
            extracted.insert(name, value);
        if (!extracted.isEmpty())
            o.insert(u"extracted"_s, extracted);
        list.append(o);
    }
    const QJsonObject totals{{u"requests"_s, requests()},
                             {u"failedRequests"_s, failedRequests()},
                             {u"assertions"_s, assertionCount()},
                             {u"failedAssertions"_s, failedAssertions()},
                             {u"requestsPerSecond"_s, requestsPerSecond()}};
    const QJsonObject root{{u"collection"_s, collectionName},
                           {u"environment"_s, environmentName},
                           {u"iterations"_s, iterations},
                           {u"concurrency"_s, concurrency},
                           {u"startedAt"_s, startedAt.toString(Qt::ISODateWithMs)},
                           {u"durationMs"_s, durationMs},
                           {u"logins"_s, logins},
                           {u"refreshes"_s, refreshes},
                           {u"cancelled"_s, cancelled},
                           {u"passed"_s, passed()},
                           {u"totals"_s, totals},
                           {u"exchanges"_s, list}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray RunReport::toJUnit() const
{
    return toJUnit(QList<RunReport>{*this});
}

QByteArray RunReport::toJUnit(const QList<RunReport> &reports)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(u"testsuites"_s);
    int allTests = 0, allFailures = 0;
    double allMs = 0;
    for (const RunReport &r : reports) {
        allTests += r.requests();
        allFailures += r.failedRequests();
        allMs += r.durationMs;
    }
    xml.writeAttribute(u"name"_s, reports.size() == 1 ? reports.first().collectionName : u"quarry run"_s);
    xml.writeAttribute(u"tests"_s, QString::number(allTests));
    xml.writeAttribute(u"failures"_s, QString::number(allFailures));
    xml.writeAttribute(u"time"_s, QString::number(allMs / 1000.0, 'f', 3));
    for (const RunReport &report : reports) {
    const QString &collectionName = report.collectionName;
    const QList<Exchange> &exchanges = report.exchanges;
    const int suites = exchanges.isEmpty() ? 0 : exchanges.last().iteration + 1;
    for (int iteration = 0; iteration < suites; ++iteration) {
        QList<const Exchange *> mine;
        int failures = 0;
        int errors = 0;
        double seconds = 0;
        for (const Exchange &e : exchanges) {
            if (e.iteration != iteration)
                continue;
            mine.append(&e);
            if (!e.response)
                ++errors;
            else if (!e.passed())
                ++failures;
            if (e.response)
                seconds += e.response->timings.total / 1000.0;
        }
        xml.writeStartElement(u"testsuite"_s);
        xml.writeAttribute(u"name"_s, suites > 1 ? u"%1 (iteration %2)"_s.arg(collectionName).arg(iteration + 1)
                                                 : collectionName);
        xml.writeAttribute(u"tests"_s, QString::number(mine.size()));
        xml.writeAttribute(u"failures"_s, QString::number(failures));
        xml.writeAttribute(u"errors"_s, QString::number(errors));
        xml.writeAttribute(u"time"_s, QString::number(seconds, 'f', 3));
        xml.writeAttribute(u"timestamp"_s, report.startedAt.toString(Qt::ISODate));
        xml.writeStartElement(u"properties"_s);
        for (const auto &[name, value] : {std::pair{u"environment"_s, report.environmentName},
                                          std::pair{u"logins"_s, QString::number(report.logins)},
                                          std::pair{u"refreshes"_s, QString::number(report.refreshes)}}) {
            xml.writeEmptyElement(u"property"_s);
            xml.writeAttribute(u"name"_s, name);
            xml.writeAttribute(u"value"_s, value);
        }
        xml.writeEndElement();
        for (const Exchange *e : mine) {
            xml.writeStartElement(u"testcase"_s);
            xml.writeAttribute(u"classname"_s, collectionName);
            xml.writeAttribute(u"name"_s, e->requestName);
            xml.writeAttribute(u"time"_s,
                               QString::number(e->response ? e->response->timings.total / 1000.0 : 0, 'f', 3));
            if (e->error) {
                xml.writeStartElement(e->response ? u"failure"_s : u"error"_s);
                xml.writeAttribute(u"message"_s, e->error->message);
                xml.writeCharacters(e->error->toString());
                xml.writeEndElement();
            }
            for (const AssertionResult &a : e->assertions) {
                if (a.passed)
                    continue;
                xml.writeStartElement(u"failure"_s);
                xml.writeAttribute(u"message"_s, a.description + u": "_s + a.message);
                xml.writeAttribute(u"type"_s, a.scriptError ? u"script"_s : a.script.isEmpty() ? u"assertion"_s : u"test"_s);
                xml.writeCharacters(a.description + u": "_s + a.message);
                xml.writeEndElement();
            }
            for (const Error &x : e->extractionErrors) {
                xml.writeStartElement(u"failure"_s);
                xml.writeAttribute(u"message"_s, u"extract {{%1}}: %2"_s.arg(x.where, x.message));
                xml.writeAttribute(u"type"_s, u"extraction"_s);
                xml.writeEndElement();
            }
            const QString auth = authLine(e->auth);
            QString console;
            for (const script::ConsoleLine &l : e->console)
                console += u"\nconsole.%1: %2"_s.arg(l.level, l.text);
            xml.writeTextElement(u"system-out"_s, u"%1 %2 -> %3%4%5"_s.arg(QString::fromLatin1(e->request.method),
                                                                           e->request.url.toDisplayString(), statusText(*e),
                                                                           auth.isEmpty() ? QString() : u"; auth: "_s + auth,
                                                                           console));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

} // namespace quarry::http
