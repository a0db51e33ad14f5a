// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "requestlogpanel.h"
#include "ui_requestlogpanel.h"

#include "requestlogmodel.h"

#include "httpstatus.h"
#include "mock/requestlog.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLocale>
#include <QScrollBar>
#include <QSortFilterProxyModel>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

RequestLogPanel::RequestLogPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RequestLogPanel>())
    , m_model(new RequestLogModel(5000, this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_ui->logView->setModel(m_proxy);
    QHeaderView *header = m_ui->logView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(RequestLogModel::Time, 100);
    header->resizeSection(RequestLogModel::Method, 70);
    header->resizeSection(RequestLogModel::Path, 240);
    header->resizeSection(RequestLogModel::Status, 60);
    header->resizeSection(RequestLogModel::Duration, 60);
    m_ui->logView->verticalHeader()->setDefaultSectionSize(m_ui->logView->fontMetrics().height() + 6);
    m_ui->detailView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->logSplitter->setSizes({600, 400});

    connect(m_ui->filterEdit, &QLineEdit::textChanged, this, &RequestLogPanel::setFilter);
    connect(m_ui->clearButton, &QPushButton::clicked, this, [this] {
        if (m_log)
            m_log->clear();
        m_model->clear();
        m_ui->detailView->clear();
        updateCount();
    });
    connect(m_ui->logView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RequestLogPanel::showSelected);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        // Follow the newest request unless the user scrolled up to read an older one.
        QScrollBar *bar = m_ui->logView->verticalScrollBar();
        if (bar->value() >= bar->maximum() - 2)
            m_ui->logView->scrollToBottom();
        updateCount();
    });
    updateCount();
}

RequestLogPanel::~RequestLogPanel() = default;

void RequestLogPanel::setLog(mock::RequestLog *log)
{
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    m_log = log;
    m_model->clear();
    if (!log)
        return;
    const QList<mock::LogEntry> existing = log->entries();
    for (const mock::LogEntry &e : existing)
        m_model->append(e);
    connect(log, &mock::RequestLog::entryAdded, this, [this](const mock::LogEntry &e) { m_model->append(e); });
    updateCount();
}

int RequestLogPanel::visibleCount() const
{
    return m_proxy->rowCount();
}

void RequestLogPanel::setFilter(const QString &text)
{
    if (m_ui->filterEdit->text() != text)
        m_ui->filterEdit->setText(text);
    m_proxy->setFilterFixedString(text);
    updateCount();
}

void RequestLogPanel::selectRow(int visibleRow)
{
    m_ui->logView->setCurrentIndex(m_proxy->index(visibleRow, 0));
}

QString RequestLogPanel::detailText() const
{
    return m_ui->detailView->toPlainText();
}

void RequestLogPanel::showSelected()
{
    const QModelIndex current = m_ui->logView->currentIndex();
    if (!current.isValid()) {
        m_ui->detailView->clear();
        return;
    }
    const int row = m_proxy->mapToSource(current).row();
    const mock::LogEntry &entry = m_model->entry(row);
    // A request's detail keeps its lines (headers, bodies); a server's note is prose.
    m_ui->detailView->setLineWrapMode(entry.notice.isEmpty() ? QPlainTextEdit::NoWrap : QPlainTextEdit::WidgetWidth);
    m_ui->detailView->setPlainText(describe(entry));
}

void RequestLogPanel::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_ui->countLabel->setText(shown == total ? tr("%n request(s)", nullptr, total)
                                             : tr("%1 of %n request(s)", nullptr, total).arg(shown));
}

QString RequestLogPanel::describe(const mock::LogEntry &e)
{
    if (!e.notice.isEmpty())
        return tr("Note from the server, %1\n\n%2").arg(e.time.toLocalTime().toString(Qt::ISODateWithMs), e.notice);
    QString text;
    const QString status = e.status ? u"%1 %2"_s.arg(e.status).arg(HttpStatus::reason(e.status))
                                    : tr("no answer (connection dropped)");
    text += u"%1 %2  →  %3  in %4 ms\n"_s.arg(e.method, e.target, status,
                                             QLocale().toString(e.durationMicros / 1000.0, 'f', 2));
    if (e.status)
        text += u"%1\n"_s.arg(HttpStatus::meaning(e.status));
    text += tr("Route: %1\n").arg(e.routeLabel.isEmpty() ? tr("none matched") : e.routeLabel);
    text += tr("Client: %1   Time: %2\n").arg(e.client, e.time.toLocalTime().toString(Qt::ISODateWithMs));

    text += tr("\nHow it was decided\n");
    for (const mock::LifecycleStep &step : e.steps) {
        const QString timing = step.micros >= 0 ? u"  (%1 µs)"_s.arg(step.micros) : QString();
        text += u"  %1  %2%3\n"_s.arg(step.step.leftJustified(10), step.message, timing);
    }
    const auto headers = [](const QList<mock::HeaderField> &list) {
        QString out;
        for (const auto &[name, value] : list)
            out += u"  "_s + QString::fromLatin1(name) + u": "_s + QString::fromLatin1(value) + u'\n';
        return out;
    };
    const auto body = [](const QByteArray &bytes, qint64 fullSize) {
        if (bytes.isEmpty())
            return tr("  (empty)\n");
        QString out = QString::fromUtf8(bytes);
        if (fullSize > bytes.size())
            out += tr("\n  … %1 more bytes not kept").arg(fullSize - bytes.size());
        return out + u'\n';
    };
    text += tr("\nRequest headers\n") + headers(e.requestHeaders);
    text += tr("\nRequest body\n") + body(e.requestBody, e.requestBody.size());
    text += tr("\nResponse headers\n") + headers(e.responseHeaders);
    text += tr("\nResponse body\n") + body(e.responseBody, e.responseBytes);
    return text;
}

} // namespace quarry::app
