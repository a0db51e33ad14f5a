// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "queryadvicedialog.h"
#include "ui_queryadvicedialog.h"

#include "schema/dialectregistry.h"
#include "schema/schema.h"
#include "schema/workload.h"
#include "workspace/workspace.h"

#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHeaderView>
#include <QPushButton>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

namespace {

enum Column { LineColumn, QueryColumn, ResultColumn, SavingColumn, IndexColumn };

QString resultText(schema::QueryAdvice::Status status)
{
    using Status = schema::QueryAdvice::Status;
    switch (status) {
    case Status::Suggested: return QueryAdviceDialog::tr("Index suggested");
    case Status::NoGain: return QueryAdviceDialog::tr("No index helps enough");
    case Status::NoCandidates: return QueryAdviceDialog::tr("Nothing to index");
    case Status::Skipped: return QueryAdviceDialog::tr("Skipped");
    case Status::Failed: return QueryAdviceDialog::tr("Error");
    }
    return {};
}

QString savingText(const schema::QueryAdvice &a)
{
    return a.gain.isEmpty() ? u"—"_s : a.gain;
}

} // namespace

QueryAdviceDialog::QueryAdviceDialog(workspace::Workspace *workspace, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::QueryAdviceDialog>())
    , m_workspace(workspace)
{
    m_ui->setupUi(this);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->queriesEdit->setFont(mono);
    m_ui->detailView->setFont(mono);
    m_ui->resultsSplitter->setStretchFactor(0, 1);
    m_ui->resultsSplitter->setStretchFactor(1, 1);
    m_ui->resultsSplitter->setSizes({280, 260});

    m_ui->databaseCombo->addItem(tr("The design alone (SQLite, empty tables)"), QString());
    if (m_workspace) {
        for (const schema::AdvisorDatabase &db :
             schema::advisorDatabases(m_workspace->sectionArray(workspace::Section::Databases)))
            m_ui->databaseCombo->addItem(tr("%1 — %2").arg(db.name, db.url), db.url);
        if (m_ui->databaseCombo->count() > 1)
            m_ui->databaseCombo->setCurrentIndex(1);
    }

    QHeaderView *header = m_ui->resultsTable->horizontalHeader();
    header->setSectionResizeMode(LineColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(QueryColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ResultColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SavingColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(IndexColumn, QHeaderView::Stretch);

    connect(m_ui->openButton, &QPushButton::clicked, this, &QueryAdviceDialog::browse);
    connect(m_ui->runButton, &QPushButton::clicked, this, &QueryAdviceDialog::start);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &QueryAdviceDialog::cancel);
    connect(m_ui->copyButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(createIndexText()); });
    connect(m_ui->resultsTable, &QTableWidget::itemSelectionChanged, this, &QueryAdviceDialog::showDetail);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QueryAdviceDialog::~QueryAdviceDialog()
{
    if (m_thread) {
        m_cancel->store(true);
        m_thread->wait();
        delete m_thread;
    }
}

void QueryAdviceDialog::setQueries(const QString &sql)
{
    m_ui->queriesEdit->setPlainText(sql);
}

bool QueryAdviceDialog::openQueriesFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        m_ui->summaryLabel->setText(tr("Cannot read %1: %2").arg(path, f.errorString()));
        return false;
    }
    setQueries(QString::fromUtf8(f.readAll()));
    m_ui->summaryLabel->setText(tr("Queries from %1.").arg(QFileInfo(path).fileName()));
    return true;
}

void QueryAdviceDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open queries"), {}, tr("SQL files (*.sql);;All files (*)"));
    if (!path.isEmpty())
        openQueriesFile(path);
}

void QueryAdviceDialog::setDatabaseUrl(const QString &url)
{
    const int index = m_ui->databaseCombo->findData(url);
    if (index >= 0)
        m_ui->databaseCombo->setCurrentIndex(index);
    else
        m_ui->databaseCombo->setEditText(url);
}

QString QueryAdviceDialog::databaseUrl() const
{
    const int index = m_ui->databaseCombo->currentIndex();
    if (index >= 0 && m_ui->databaseCombo->itemText(index) == m_ui->databaseCombo->currentText())
        return m_ui->databaseCombo->itemData(index).toString();
    return m_ui->databaseCombo->currentText().trimmed();
}

QStringList QueryAdviceDialog::databaseChoices() const
{
    QStringList out;
    for (int i = 0; i < m_ui->databaseCombo->count(); ++i)
        out << m_ui->databaseCombo->itemText(i);
    return out;
}

void QueryAdviceDialog::setRunning(bool running)
{
    m_ui->runButton->setEnabled(!running);
    m_ui->cancelButton->setEnabled(running);
    m_ui->databaseCombo->setEnabled(!running);
    m_ui->queriesEdit->setReadOnly(running);
    m_ui->openButton->setEnabled(!running);
}

bool QueryAdviceDialog::start()
{
    if (m_thread)
        return false;
    const schema::Workload workload = schema::Workload::fromText(m_ui->queriesEdit->toPlainText());
    if (workload.queries.isEmpty()) {
        m_ui->summaryLabel->setText(tr("Paste queries or open a file first: statements separated by \";\"."));
        return false;
    }
    schema::Schema design;
    QString baseDir;
    if (m_workspace) {
        auto parsed = schema::Schema::fromJson(m_workspace->section(workspace::Section::Schema));
        if (!parsed) {
            m_ui->summaryLabel->setText(tr("The workspace's design cannot be read: %1").arg(parsed.error().toString()));
            return false;
        }
        design = std::move(parsed).value();
        if (!m_workspace->filePath().isEmpty())
            baseDir = QFileInfo(m_workspace->filePath()).absolutePath();
    }
    const QString url = databaseUrl();

    m_result.reset();
    m_ui->resultsTable->setRowCount(0);
    m_ui->detailView->clear();
    m_ui->copyButton->setEnabled(false);
    m_ui->progressBar->setRange(0, int(workload.queries.size()));
    m_ui->progressBar->setValue(0);
    m_ui->summaryLabel->setText(tr("Planning %n statement(s)…", nullptr, int(workload.queries.size())));
    setRunning(true);

    // The registry loads its plugins on first use and is not thread-safe while it does: load it
    // here, on the GUI thread, so that the worker only looks dialects up.
    schema::DialectRegistry::instance();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    schema::AdvisorOptions options;
    options.cancelled = [flag = m_cancel] { return flag->load(); };
    options.progress = [this](int done, int total) {
        QMetaObject::invokeMethod(this, [this, done, total] { showProgress(done, total); }, Qt::QueuedConnection);
    };
    m_thread = QThread::create([this, url, baseDir, design, workload, options] {
        const Result<schema::WorkloadAdvice> r = schema::adviseWorkload(url, baseDir, design, workload, options);
        QMetaObject::invokeMethod(this, [this, r] { finishRun(r); }, Qt::QueuedConnection);
    });
    m_thread->start();
    return true;
}

void QueryAdviceDialog::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    m_ui->summaryLabel->setText(tr("Cancelling after the current statement…"));
}

void QueryAdviceDialog::showProgress(int done, int total)
{
    m_ui->progressBar->setRange(0, total);
    m_ui->progressBar->setValue(done);
}

void QueryAdviceDialog::finishRun(const Result<schema::WorkloadAdvice> &result)
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    setRunning(false);
    if (!result) {
        m_ui->summaryLabel->setText(tr("No advice: %1").arg(result.error().toString()));
        emit runFinished();
        return;
    }
    m_result = result.value();
    const auto &queries = m_result->queries;
    m_ui->resultsTable->setRowCount(int(queries.size()));
    int failed = 0;
    for (int row = 0; row < queries.size(); ++row) {
        const schema::QueryAdvice &a = queries.at(row);
        QStringList indexes;
        for (const schema::IndexCandidate &c : a.suggestions)
            indexes << c.toString();
        const QStringList texts{QString::number(a.query.line), a.query.title(160), resultText(a.status), savingText(a),
                                indexes.join(u", "_s)};
        for (int col = 0; col < texts.size(); ++col) {
            auto *item = new QTableWidgetItem(texts.at(col));
            if (col == QueryColumn)
                item->setToolTip(a.query.sql);
            else if (col == ResultColumn)
                item->setToolTip(a.message);
            if (col == LineColumn)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (a.status == schema::QueryAdvice::Status::Suggested && col == ResultColumn) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            m_ui->resultsTable->setItem(row, col, item);
        }
        failed += a.status == schema::QueryAdvice::Status::Failed;
    }
    QString summary = tr("%n index suggestion(s)", nullptr, m_result->suggestionCount())
        + tr(" for %n statement(s), planned by ", nullptr, int(queries.size())) + m_result->database + u'.';
    if (failed)
        summary += u' ' + tr("%n could not be analysed (see the row).", nullptr, failed);
    if (!m_result->notes.isEmpty())
        summary += u' ' + m_result->notes.first();
    m_ui->summaryLabel->setText(summary);
    m_ui->copyButton->setEnabled(m_result->suggestionCount() > 0);
    if (!queries.isEmpty())
        selectRow(0);
    emit runFinished();
}

void QueryAdviceDialog::showDetail()
{
    const QList<QTableWidgetItem *> selected = m_ui->resultsTable->selectedItems();
    if (!m_result || selected.isEmpty()) {
        m_ui->detailView->clear();
        return;
    }
    const int row = selected.first()->row();
    if (row < 0 || row >= m_result->queries.size())
        return;
    const schema::QueryAdvice &a = m_result->queries.at(row);
    QStringList lines;
    lines << tr("Line %1:").arg(a.query.line) << a.query.sql << QString();
    if (a.status == schema::QueryAdvice::Status::Failed) {
        lines << tr("Error at %1: %2").arg(a.where, a.message);
    } else if (a.status == schema::QueryAdvice::Status::Skipped) {
        lines << a.message;
    } else {
        auto plan = [&](const QString &title, const QStringList &planLines, const std::optional<double> &cost) {
            lines << (cost ? tr("%1 (cost %2):").arg(title).arg(*cost, 0, 'f', 2) : title + u':');
            for (const QString &l : planLines)
                lines << u"    "_s + l;
        };
        plan(a.planAfter.isEmpty() ? tr("Plan") : tr("Plan before"), a.planBefore, a.costBefore);
        if (!a.planAfter.isEmpty())
            plan(tr("Plan after"), a.planAfter, a.costAfter);
        lines << QString() << a.message;
        if (!a.note.isEmpty())
            lines << a.note;
        if (!a.createStatements.isEmpty()) {
            lines << QString();
            for (const QString &s : a.createStatements)
                lines << s + u';';
        }
        if (!a.candidates.isEmpty()) {
            QStringList tried;
            for (const schema::IndexCandidate &c : a.candidates)
                tried << c.toString();
            lines << QString() << tr("Candidates tried: %1").arg(tried.join(u", "_s));
        }
    }
    m_ui->detailView->setPlainText(lines.join(u'\n'));
}

int QueryAdviceDialog::rowCount() const
{
    return m_ui->resultsTable->rowCount();
}

QStringList QueryAdviceDialog::rowTexts(int row) const
{
    QStringList out;
    for (int col = 0; col < m_ui->resultsTable->columnCount(); ++col) {
        const QTableWidgetItem *item = m_ui->resultsTable->item(row, col);
        out << (item ? item->text() : QString());
    }
    return out;
}

void QueryAdviceDialog::selectRow(int row)
{
    m_ui->resultsTable->selectRow(row);
}

QString QueryAdviceDialog::detailText() const
{
    return m_ui->detailView->toPlainText();
}

QString QueryAdviceDialog::summaryText() const
{
    return m_ui->summaryLabel->text();
}

QString QueryAdviceDialog::createIndexText() const
{
    QStringList out;
    if (m_result) {
        for (const schema::QueryAdvice &a : m_result->queries) {
            for (const QString &s : a.createStatements) {
                if (!out.contains(s + u';'))
                    out << s + u';';
            }
        }
    }
    return out.join(u'\n');
}

} // namespace quarry::app
