// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// The Requests page's send history and the exchange it shows.
#include "requestspage.h"
#include "ui_requestspage.h"

#include "collectionedit.h"
#include "environmentcombo.h"
#include "environmentsdialog.h"
#include "itemsettingseditor.h"
#include "requesteditor.h"
#include "responseview.h"
#include "setsectioncommand.h"

#include "http/client.h"
#include "http/curlformat.h"
#include "http/environment.h"
#include "http/preparedrequest.h"
#include "http/variablescope.h"
#include "workspace/workspace.h"
#include "workspace/workspacetreemodel.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QUndoStack>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

using http::Collection;
using http::CollectionItem;
using workspace::Section;
using workspace::WorkspaceTreeModel;

void RequestsPage::clearHistory()
{
    m_history.clear();
    if (m_workspace)
        m_workspace->setHistory({});
    reloadHistory();
}

void RequestsPage::reloadHistory()
{
    m_ui->historyList->clear();
    for (const http::HistoryEntry &e : m_history.entries()) {
        const QString status = e.status ? QString::number(e.status) : tr("—");
        auto *item = new QListWidgetItem(u"%1  %2  %3 %4"_s.arg(QLocale().toString(e.at.toLocalTime().time(),
                                                                                    QLocale::ShortFormat),
                                                              status, e.method, e.name.isEmpty() ? e.url : e.name),
                                         m_ui->historyList);
        item->setData(RequestIdRole, e.requestId);
        QString tip = e.method + u' ' + e.url + u'\n' + QLocale().toString(e.at.toLocalTime(), QLocale::LongFormat);
        if (!e.environment.isEmpty())
            tip += u'\n' + tr("Environment: %1").arg(e.environment);
        if (e.status)
            tip += u'\n' + tr("%1 ms, %2").arg(QLocale().toString(e.timeMs, 'f', 1), QLocale().formattedDataSize(e.size));
        if (!e.error.isEmpty())
            tip += u'\n' + e.error;
        tip += u'\n' + (e.passed ? tr("Checks passed") : tr("Checks failed or no response"));
        item->setToolTip(tip);
        if (!e.status || e.status >= 500)
            item->setForeground(QColor(0xc9, 0x2a, 0x2a));
        else if (e.status >= 400)
            item->setForeground(QColor(0xb3, 0x5c, 0x00));
    }
    m_ui->historyCountLabel->setText(tr("%n send(s)", nullptr, int(m_history.entries().size())));
    m_ui->clearHistoryButton->setEnabled(!m_history.entries().isEmpty());
}

void RequestsPage::showExchange(const http::Exchange &exchange)
{
    QString sent = QString::fromLatin1(exchange.request.method) + u' ' + exchange.request.url.toString() + u'\n';
    for (const http::HeaderLine &h : exchange.request.headers)
        sent += QString::fromLatin1(h.name) + u": "_s + QString::fromLatin1(h.value) + u"    ← "_s + h.source + u'\n';
    if (!exchange.request.body.isEmpty())
        sent += u'\n' + QString::fromUtf8(exchange.request.body) + u'\n';
    m_sentView->setPlainText(sent);
    m_ui->responseView->showExchange(exchange);
}

} // namespace quarry::app
