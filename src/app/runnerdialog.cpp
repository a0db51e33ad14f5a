// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "runnerdialog.h"
#include "ui_runnerdialog.h"

#include "savefile.h"
#include "environmentcombo.h"

#include "http/cancelflag.h"
#include "http/collection.h"
#include "http/environment.h"
#include "http/runner.h"
#include "workspace/workspace.h"

#include <QFileDialog>
#include <QHeaderView>
#include <QJsonObject>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

using workspace::Section;

namespace {

/// "1 request" / "3 requests": the source strings are English and no translation supplies plurals.
QString count(qsizetype n, const QString &one, const QString &many)
{
    return n == 1 ? one : many.arg(QLocale().toString(n));
}

enum Column { IterationColumn, RequestColumn, StatusColumn, TimeColumn, PassedColumn, FailedColumn, AuthColumn };

const QColor kFailed(0xc9, 0x2a, 0x2a);
const QColor kPassed(0x2b, 0x8a, 0x3e);

} // namespace

RunnerDialog::RunnerDialog(workspace::Workspace *workspace, const QString &collectionId, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::RunnerDialog>()), m_workspace(workspace), m_collectionId(collectionId)
{
    m_ui->setupUi(this);
    QHeaderView *header = m_ui->resultsTable->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RequestColumn, QHeaderView::Stretch);
    m_ui->resultsTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_ui->resultsSplitter->setSizes({300, 200});
    m_ui->progressBar->setRange(0, 1);
    m_ui->progressBar->setValue(0);
    m_ui->progressBar->setTextVisible(false);   // "0 of 1" before any run would mislead

    QString name = collectionId;
    if (workspace) {
        for (const QJsonValue &c : workspace->sectionArray(Section::Collections)) {
            if (c.toObject().value(u"id"_s).toString() == collectionId)
                name = c.toObject().value(u"name"_s).toString(collectionId);
        }
    }
    QFont bold = m_ui->collectionLabel->font();
    bold.setBold(true);
    m_ui->collectionLabel->setFont(bold);
    m_ui->collectionLabel->setText(name);
    setWindowTitle(tr("Run %1").arg(name));
    reloadEnvironments();

    connect(m_ui->runButton, &QPushButton::clicked, this, &RunnerDialog::start);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &RunnerDialog::cancel);
    connect(m_ui->resultsTable, &QTableWidget::itemSelectionChanged, this, &RunnerDialog::showDetail);
    connect(m_ui->exportJsonButton, &QPushButton::clicked, this, [this] { exportWithDialog(ReportFormat::Json); });
    connect(m_ui->exportJUnitButton, &QPushButton::clicked, this, [this] { exportWithDialog(ReportFormat::JUnit); });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->summaryLabel->setText(tr("Choose the options and press Run. The run is the same as "
                                   "<code>quarry run</code> on the command line."));
}

RunnerDialog::~RunnerDialog()
{
    if (m_cancel)
        m_cancel->cancel();
    if (m_thread)
        m_thread->wait();   // posted progress for `this` is dropped with it
}

void RunnerDialog::reloadEnvironments()
{
    // Like the Requests page: the global scope is not an environment, and the first one is the default.
    fillEnvironmentCombo(m_ui->environmentCombo,
                         m_workspace ? m_workspace->sectionArray(Section::Environments) : QJsonArray(), {});
}

bool RunnerDialog::setEnvironment(const QString &name)
{
    const int index = m_ui->environmentCombo->findText(name);
    if (index >= 0)
        m_ui->environmentCombo->setCurrentIndex(index);
    return index >= 0;
}

void RunnerDialog::setIterations(int iterations)
{
    m_ui->iterationsSpin->setValue(iterations);
}

void RunnerDialog::setConcurrency(int concurrency)
{
    m_ui->concurrencySpin->setValue(concurrency);
}

void RunnerDialog::setVariableOverride(const QString &name, const QString &value)
{
    m_ui->variablesEdit->appendPlainText(name + u'=' + value);
}

bool RunnerDialog::start()
{
    if (m_running)
        return false;
    auto fail = [this](const QString &message) {
        m_ui->summaryLabel->setText(u"<span style=\"color:#c92a2a\">✗ %1</span>"_s.arg(message.toHtmlEscaped()));
        return false;
    };
    if (!m_workspace)
        return fail(tr("No workspace is open."));

    std::optional<http::Collection> collection;
    for (const QJsonValue &c : m_workspace->sectionArray(Section::Collections)) {
        if (c.toObject().value(u"id"_s).toString() != m_collectionId)
            continue;
        auto parsed = http::Collection::fromJson(c.toObject());
        if (!parsed)
            return fail(tr("The collection cannot be read: %1 (%2).").arg(parsed.error().message, parsed.error().where));
        collection = parsed.value();
    }
    if (!collection)
        return fail(tr("The workspace has no collection \"%1\" any more.").arg(m_collectionId));

    http::RunOptions options;
    options.iterations = m_ui->iterationsSpin->value();
    options.concurrency = m_ui->concurrencySpin->value();
    if (m_ui->environmentCombo->currentIndex() > 0)
        options.environment = m_ui->environmentCombo->currentText();
    options.authProfiles = m_workspace->sectionArray(Section::AuthProfiles);
    const QStringList lines = m_ui->variablesEdit->toPlainText().split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype equals = line.indexOf(u'=');
        if (equals <= 0)
            return fail(tr("Variables, line %1: \"%2\" is not name=value.").arg(i + 1).arg(line));
        options.variables.append({line.left(equals).trimmed(), line.mid(equals + 1)});
    }

    const int perIteration = int(collection->requests().size());
    m_rows.clear();
    m_report.reset();
    m_ui->resultsTable->setRowCount(0);
    m_ui->detailView->clear();
    m_ui->progressBar->setRange(0, std::max(1, perIteration * options.iterations));
    m_ui->progressBar->setValue(0);
    m_ui->progressBar->setTextVisible(true);
    m_ui->summaryLabel->setText(tr("Running %1…").arg(count(perIteration * options.iterations, tr("1 request"), tr("%1 requests"))));
    m_ui->runButton->setEnabled(false);
    m_ui->cancelButton->setEnabled(true);
    m_ui->exportJsonButton->setEnabled(false);
    m_ui->exportJUnitButton->setEnabled(false);
    m_running = true;

    m_cancel = std::make_shared<http::CancelFlag>();
    auto runner = std::make_shared<http::Runner>(*collection, http::Environment::listFromJson(
                                                                  m_workspace->sectionArray(Section::Environments)),
                                                 options);
    m_thread.reset(QThread::create([this, runner, cancel = m_cancel] {
        // Runs on its own thread; results come back to the dialog's thread, queued.
        auto result = runner->run(
            [this](const http::Exchange &exchange) {
                QMetaObject::invokeMethod(this, [this, exchange] { addRow(exchange); }, Qt::QueuedConnection);
            },
            cancel);
        QMetaObject::invokeMethod(this, [this, result] { finish(result); }, Qt::QueuedConnection);
    }));
    m_thread->setObjectName(u"quarry-runner"_s);
    m_thread->start();
    return true;
}

void RunnerDialog::cancel()
{
    if (!m_running || !m_cancel)
        return;
    m_cancel->cancel();
    m_ui->cancelButton->setEnabled(false);
    m_ui->summaryLabel->setText(tr("Cancelling: waiting for the requests in flight…"));
}

void RunnerDialog::addRow(const http::Exchange &exchange)
{
    m_rows.append(exchange);
    const int row = m_ui->resultsTable->rowCount();
    m_ui->resultsTable->insertRow(row);
    const QLocale locale;
    const int failed = exchange.failedAssertions() + int(exchange.extractionErrors.size());
    const int passed = int(exchange.assertions.size()) - exchange.failedAssertions();
    QString status;
    QString time;
    if (exchange.response) {
        status = u"%1 %2"_s.arg(exchange.response->status).arg(exchange.response->reason);
        time = tr("%1 ms").arg(locale.toString(exchange.response->timings.total, 'f', 1));
    } else {
        status = tr("no response");
    }
    QStringList auth;
    if (exchange.auth.loggedIn)
        auth << tr("login");
    if (exchange.auth.refreshed)
        auth << tr("refresh");
    if (exchange.auth.retriedAfter401)
        auth << tr("retry after 401");
    const QStringList texts{QString::number(exchange.iteration + 1),
                            exchange.requestName.isEmpty() ? exchange.requestId : exchange.requestName,
                            status,
                            time,
                            exchange.response ? QString::number(passed) : u"—"_s,
                            exchange.response ? QString::number(failed) : u"—"_s,
                            auth.join(u", "_s)};
    const bool ok = exchange.passed();
    for (int column = 0; column < texts.size(); ++column) {
        auto *item = new QTableWidgetItem(texts.at(column));
        if (column == TimeColumn || column == PassedColumn || column == FailedColumn || column == IterationColumn)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        // The status keeps its own colour (a 200 can still fail a check); the failure shows in the
        // request name and the failed-checks count.
        if (column == StatusColumn && exchange.response)
            item->setForeground(exchange.response->status >= 400 ? kFailed : kPassed);
        else if (column == StatusColumn || (!ok && (column == FailedColumn || column == RequestColumn)))
            item->setForeground(kFailed);
        item->setToolTip(ok ? QString() : tr("Select the row to see why it failed"));
        m_ui->resultsTable->setItem(row, column, item);
    }
    m_ui->progressBar->setValue(std::min(m_ui->progressBar->maximum(), int(m_rows.size())));
}

void RunnerDialog::finish(const Result<http::RunReport> &result)
{
    if (m_thread)
        m_thread->wait();
    m_thread.reset();
    m_running = false;
    m_ui->runButton->setEnabled(true);
    m_ui->cancelButton->setEnabled(false);
    if (!result) {
        m_ui->summaryLabel->setText(u"<span style=\"color:#c92a2a\">✗ %1 (%2)</span>"_s.arg(
            result.error().message.toHtmlEscaped(), result.error().where.toHtmlEscaped()));
        emit runFinished();
        return;
    }
    m_report = result.value();
    const http::RunReport &r = *m_report;
    // The report keeps each iteration's requests in collection order; show them that way.
    m_rows.clear();
    m_ui->resultsTable->setRowCount(0);
    for (const http::Exchange &exchange : r.exchanges)
        addRow(exchange);
    const QLocale locale;
    QString summary = r.passed() ? u"<b style=\"color:#2b8a3e\">%1</b>"_s.arg(tr("✓ All passed"))
                                 : u"<b style=\"color:#c92a2a\">%1</b>"_s.arg(
                                     r.cancelled ? tr("Cancelled")
                                                 : u"✗ "_s + count(r.failedRequests(), tr("1 request failed"), tr("%1 requests failed")));
    summary += u" · "_s + count(r.requests(), tr("1 request"), tr("%1 requests"));
    summary += u" · "_s + tr("%1 of %2 checks failed").arg(r.failedAssertions()).arg(r.assertionCount());
    summary += u" · "_s + count(r.iterations, tr("1 iteration"), tr("%1 iterations"));
    summary += u" · "_s + tr("%1 ms, %2 requests/s")
                              .arg(locale.toString(r.durationMs, 'f', 0), locale.toString(r.requestsPerSecond(), 'f', 1));
    if (r.logins)
        summary += u" · "_s + count(r.logins, tr("1 login"), tr("%1 logins"));
    if (r.refreshes)
        summary += u" · "_s + count(r.refreshes, tr("1 token refresh"), tr("%1 token refreshes"));
    m_ui->summaryLabel->setText(summary);
    m_ui->progressBar->setRange(0, std::max(1, r.requests()));
    m_ui->progressBar->setValue(r.requests());
    m_ui->exportJsonButton->setEnabled(true);
    m_ui->exportJUnitButton->setEnabled(true);
    // Point at the first failure, the row one most likely wants to read.
    for (int row = 0; row < m_rows.size(); ++row) {
        if (!m_rows.at(row).passed()) {
            selectRow(row);
            break;
        }
    }
    emit runFinished();
}

void RunnerDialog::showDetail()
{
    const int row = m_ui->resultsTable->currentRow();
    if (row < 0 || row >= m_rows.size()) {
        m_ui->detailView->clear();
        return;
    }
    const http::Exchange &e = m_rows.at(row);
    QString text = tr("%1 (iteration %2)\n").arg(e.requestName.isEmpty() ? e.requestId : e.requestName).arg(e.iteration + 1);
    text += QString::fromLatin1(e.request.method) + u' ' + e.request.url.toDisplayString() + u'\n';
    if (e.response)
        text += tr("→ %1 %2: %3\n").arg(e.response->status).arg(e.response->reason, e.response->meaning());
    if (e.error)
        text += tr("✗ %1 (%2)\n").arg(e.error->message, e.error->where);
    text += u'\n';
    // Failed checks first: they are what one opens the detail for.
    for (const bool wantFailed : {true, false}) {
        for (const http::AssertionResult &a : e.assertions) {
            if (a.passed == wantFailed)
                continue;
            text += a.passed ? tr("✓ %1\n").arg(a.description) : tr("✗ %1: %2\n").arg(a.description, a.message);
        }
    }
    for (const Error &x : e.extractionErrors)
        text += tr("✗ extract %1: %2\n").arg(x.where, x.message);
    for (const auto &[variable, value] : e.extracted)
        text += tr("→ %1 = %2\n").arg(variable, value.left(200));
    if (e.auth.loggedIn)
        text += tr("This request logged in first (profile %1).\n").arg(e.auth.profileName);
    m_ui->detailView->setPlainText(text);
}

QString RunnerDialog::exportReport(const QString &path, ReportFormat format) const
{
    if (!m_report)
        return tr("There is no finished run to export.");
    const QByteArray bytes = format == ReportFormat::Json ? m_report->toJson() : m_report->toJUnit();
    const auto saved = saveFile(path, bytes);
    return saved ? QString() : saved.error().message;
}

void RunnerDialog::exportWithDialog(ReportFormat format)
{
    const bool json = format == ReportFormat::Json;
    const QString path = QFileDialog::getSaveFileName(
        this, json ? tr("Export the run as JSON") : tr("Export the run as JUnit XML"),
        m_ui->collectionLabel->text() + (json ? u"-run.json"_s : u"-junit.xml"_s),
        json ? tr("JSON (*.json)") : tr("JUnit XML (*.xml)"));
    if (path.isEmpty())
        return;
    if (const QString error = exportReport(path, format); !error.isEmpty())
        QMessageBox::warning(this, windowTitle(), error);
}

int RunnerDialog::rowCount() const
{
    return m_ui->resultsTable->rowCount();
}

QStringList RunnerDialog::rowTexts(int row) const
{
    QStringList out;
    for (int column = 0; column < m_ui->resultsTable->columnCount(); ++column) {
        const QTableWidgetItem *item = m_ui->resultsTable->item(row, column);
        out << (item ? item->text() : QString());
    }
    return out;
}

void RunnerDialog::selectRow(int row)
{
    m_ui->resultsTable->selectRow(row);
    m_ui->resultsTable->setCurrentCell(row, RequestColumn);
    showDetail();
}

QString RunnerDialog::detailText() const
{
    return m_ui->detailView->toPlainText();
}

QString RunnerDialog::summaryText() const
{
    return m_ui->summaryLabel->text();
}

int RunnerDialog::progressValue() const
{
    return m_ui->progressBar->value();
}

int RunnerDialog::progressMaximum() const
{
    return m_ui->progressBar->maximum();
}

} // namespace quarry::app
