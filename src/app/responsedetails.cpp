// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "responsedetails.h"
#include "ui_responseview.h"

#include <QJsonDocument>
#include <QLocale>
#include <QTextDocument>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

namespace {

QString statusColour(int status)
{
    if (status >= 500)
        return u"#c92a2a"_s;
    if (status >= 400)
        return u"#b35c00"_s;
    if (status >= 300)
        return u"#1c6b9e"_s;
    if (status >= 200)
        return u"#2b8a3e"_s;
    return u"#5c5f66"_s;
}

QString ms(double value)
{
    return QLocale().toString(value, 'f', value < 10 ? 2 : 1);
}

QString sameSiteText(QNetworkCookie::SameSite policy)
{
    switch (policy) {
    case QNetworkCookie::SameSite::Lax: return u"Lax"_s;
    case QNetworkCookie::SameSite::Strict: return u"Strict"_s;
    case QNetworkCookie::SameSite::None: return u"None"_s;
    default: return {};
    }
}

} // namespace

void ResponseDetails::clear()
{
    m_ui.statusLabel->setText(tr("No response yet"));
    m_ui.meaningLabel->clear();
    m_ui.meaningLabel->hide();
    m_ui.timeLabel->clear();
    m_ui.timeLabel->setToolTip({});
    m_ui.sizeLabel->clear();
    m_ui.sizeLabel->setToolTip({});
    m_ui.progressRow->hide();
    m_ui.headersView->clear();
    m_ui.cookiesView->clear();
    m_ui.checksView->clear();
    m_ui.authView->clear();
    m_ui.tabs->setTabText(m_ui.tabs->indexOf(m_ui.headersTab), tr("Headers"));
    m_ui.tabs->setTabText(m_ui.tabs->indexOf(m_ui.cookiesTab), tr("Cookies"));
    m_ui.tabs->setTabText(m_ui.tabs->indexOf(m_ui.checksTab), tr("Checks"));
}

void ResponseDetails::setInProgress(bool inProgress)
{
    m_ui.progressRow->setVisible(inProgress);
    if (!inProgress)
        return;
    m_ui.statusLabel->setText(tr("Sending…"));
    m_ui.meaningLabel->hide();
    m_ui.timeLabel->clear();
    m_ui.sizeLabel->clear();
    m_ui.progressBar->setRange(0, 0);   // busy until the first progress report
    m_ui.progressLabel->setText(tr("Waiting for the response"));
}

void ResponseDetails::setProgress(qint64 received, qint64 total)
{
    m_ui.progressRow->show();
    const QLocale locale;
    if (total > 0) {
        // Ranges are int: count in KiB so that multi-GB bodies fit.
        m_ui.progressBar->setRange(0, int(total / 1024) + 1);
        m_ui.progressBar->setValue(int(received / 1024));
        m_ui.progressLabel->setText(tr("Receiving the body: %1 of %2")
                                        .arg(locale.formattedDataSize(received), locale.formattedDataSize(total)));
    } else {
        m_ui.progressBar->setRange(0, 0);
        m_ui.progressLabel->setText(tr("Receiving the body: %1").arg(locale.formattedDataSize(received)));
    }
}

void ResponseDetails::showNoResponse(const http::Exchange &exchange)
{
    m_ui.statusLabel->setText(u"<span style=\"color:#c92a2a\">%1</span>"_s.arg(tr("No response")));
    if (exchange.error) {
        m_ui.meaningLabel->setText(exchange.error->where.isEmpty()
                                       ? exchange.error->message
                                       : u"%1 (%2)"_s.arg(exchange.error->message, exchange.error->where));
        m_ui.meaningLabel->show();
    }
}

void ResponseDetails::showResponse(const http::Response &r)
{
    m_ui.statusLabel->setText(u"<span style=\"color:%1\">%2 %3</span>"_s.arg(statusColour(r.status))
                                  .arg(r.status)
                                  .arg(r.reason.toHtmlEscaped()));
    m_ui.statusLabel->setToolTip(tr("HTTP/%1 from %2").arg(r.httpVersion, r.url.toDisplayString()));
    m_ui.meaningLabel->setText(r.meaning());
    m_ui.meaningLabel->setVisible(!r.meaning().isEmpty());

    const http::Timings &t = r.timings;
    m_ui.timeLabel->setText(tr("Time %1 ms (waiting %2 · download %3)").arg(ms(t.total), ms(t.waiting), ms(t.download)));
    m_ui.timeLabel->setToolTip(
        tr("Waiting: %1 ms, from handing the request to Qt until the response headers arrived "
           "(connecting, TLS and the server's own time)\n"
           "Download: %2 ms, from the headers to the last byte of the body\n"
           "Preparing: %3 ms (variables and auth, before sending)\n"
           "DNS, TCP connect and TLS are not reported separately by Qt 6.4's network stack.")
            .arg(ms(t.waiting), ms(t.download), ms(t.prepare)));

    const QLocale locale;
    const qint64 headerBytes = r.size() - r.body.size();
    m_ui.sizeLabel->setText(tr("Size %1").arg(locale.formattedDataSize(r.size())));
    m_ui.sizeLabel->setToolTip(tr("Status line and headers: %1\nBody: %2 (%3 bytes, as received after any "
                                  "content decoding by Qt)")
                                   .arg(locale.formattedDataSize(headerBytes), locale.formattedDataSize(r.body.size()))
                                   .arg(r.body.size()));

    for (const auto &[name, value] : r.headers)
        new QTreeWidgetItem(m_ui.headersView, {QString::fromLatin1(name), QString::fromLatin1(value)});
    m_ui.tabs->setTabText(m_ui.tabs->indexOf(m_ui.headersTab), tr("Headers (%1)").arg(r.headers.size()));

    for (const QNetworkCookie &c : r.cookies) {
        const QString expires = c.isSessionCookie() ? tr("session")
                                                    : locale.toString(c.expirationDate().toUTC(), QLocale::ShortFormat)
                                                          + u" UTC"_s;
        new QTreeWidgetItem(m_ui.cookiesView,
                            {QString::fromUtf8(c.name()), QString::fromUtf8(c.value()), c.domain(), c.path(), expires,
                             c.isHttpOnly() ? tr("yes") : tr("no"), c.isSecure() ? tr("yes") : tr("no"),
                             sameSiteText(c.sameSitePolicy())});
    }
    m_ui.tabs->setTabText(m_ui.tabs->indexOf(m_ui.cookiesTab),
                          r.cookies.isEmpty() ? tr("Cookies") : tr("Cookies (%1)").arg(r.cookies.size()));
}

void ResponseDetails::showAuth(const http::Exchange &exchange)
{
    const http::ResolvedAuth &a = exchange.auth;
    QString auth;
    if (a.type.isEmpty() || a.type == u"none"_s) {
        auth = tr("No authentication was attached.");
    } else {
        auth = tr("Type: %1\n").arg(a.type);
        if (!a.profileName.isEmpty())
            auth += tr("Profile: %1\n").arg(a.profileName);
        if (!a.inheritedFrom.isEmpty())
            auth += tr("Set on: %1\n").arg(a.inheritedFrom);
        if (!a.tokenId.isEmpty())
            auth += tr("Token: %1\n").arg(a.tokenId);
        if (a.secondsToExpiry)
            auth += tr("Expires in: %1 s\n").arg(qint64(*a.secondsToExpiry));
        QStringList events;
        if (a.loggedIn)
            events << tr("logged in first");
        if (a.refreshed)
            events << tr("refreshed the token");
        if (a.retriedAfter401)
            events << tr("got 401, logged in again and retried once");
        if (a.signedLocally)
            events << tr("signed locally by the profile");
        if (!events.isEmpty())
            auth += tr("This request: %1\n").arg(events.join(u", "_s));
        if (!a.claims.isEmpty())
            auth += tr("\nClaims (decoded, not verified):\n")
                  + QString::fromUtf8(QJsonDocument(a.claims).toJson(QJsonDocument::Indented));
    }
    m_ui.authView->setPlainText(auth);
}

void ResponseDetails::showChecks(const http::Exchange &exchange)
{
    int failed = 0;
    for (const http::AssertionResult &check : exchange.assertions) {
        const QString verdict = check.skipped ? tr("skipped") : check.passed ? tr("✓ passed") : u"✗ "_s + check.message;
        auto *item = new QTreeWidgetItem(m_ui.checksView, {check.description, verdict});
        item->setForeground(1, check.passed ? QColor(0x2b, 0x8a, 0x3e) : QColor(0xc9, 0x2a, 0x2a));
        if (!check.script.isEmpty())   // a pm.test, or a script that failed: say which script
            item->setToolTip(0, check.scriptError ? tr("The script failed") : tr("pm.test in the %1 script").arg(check.script));
        failed += check.passed ? 0 : 1;
    }
    for (const Error &e : exchange.extractionErrors) {
        auto *item = new QTreeWidgetItem(m_ui.checksView, {tr("extract %1").arg(e.where), u"✗ "_s + e.message});
        item->setForeground(1, QColor(0xc9, 0x2a, 0x2a));
        ++failed;
    }
    if (!exchange.console.isEmpty()) {   // what the scripts logged, under one row that is not a check
        const qsizetype lines = exchange.console.size();
        auto *console = new QTreeWidgetItem({tr("Console"), lines == 1 ? tr("1 line") : tr("%1 lines").arg(lines)});
        for (const script::ConsoleLine &line : exchange.console)
            console->addChild(new QTreeWidgetItem({line.level, line.text}));
        m_ui.checksView->addTopLevelItem(console);
        console->setExpanded(true);
    }
    const int checks = int(exchange.assertions.size() + exchange.extractionErrors.size());
    m_ui.tabs->setTabText(m_ui.tabs->indexOf(m_ui.checksTab),
                          checks == 0 ? tr("Checks")
                          : failed    ? tr("Checks (%1 of %2 failed)").arg(failed).arg(checks)
                                     : tr("Checks (%1 passed)").arg(checks));
}

QStringList ResponseDetails::headerRows() const
{
    QStringList out;
    for (int i = 0; i < m_ui.headersView->topLevelItemCount(); ++i)
        out << m_ui.headersView->topLevelItem(i)->text(0) + u": "_s + m_ui.headersView->topLevelItem(i)->text(1);
    return out;
}

QList<QStringList> ResponseDetails::cookieRows() const
{
    QList<QStringList> out;
    for (int i = 0; i < m_ui.cookiesView->topLevelItemCount(); ++i) {
        QStringList row;
        for (int c = 0; c < m_ui.cookiesView->columnCount(); ++c)
            row << m_ui.cookiesView->topLevelItem(i)->text(c);
        out << row;
    }
    return out;
}

QString ResponseDetails::authText() const
{
    return m_ui.authView->toPlainText();
}

QStringList ResponseDetails::checkResults() const
{
    QStringList out;
    for (int i = 0; i < m_ui.checksView->topLevelItemCount(); ++i)
        out << m_ui.checksView->topLevelItem(i)->text(0) + u": "_s + m_ui.checksView->topLevelItem(i)->text(1);
    return out;
}

QString ResponseDetails::statusText() const
{
    QTextDocument doc;
    doc.setHtml(m_ui.statusLabel->text());
    return doc.toPlainText();
}

QString ResponseDetails::meaningText() const
{
    return m_ui.meaningLabel->text();
}

QString ResponseDetails::timeText() const
{
    return m_ui.timeLabel->text();
}

QString ResponseDetails::timeToolTip() const
{
    return m_ui.timeLabel->toolTip();
}

QString ResponseDetails::sizeText() const
{
    return m_ui.sizeLabel->text();
}

} // namespace quarry::app
