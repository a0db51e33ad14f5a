// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "responseview.h"
#include "responsedetails.h"
#include "ui_responseview.h"

#include "savefile.h"
#include "jsonhighlighter.h"
#include "jsontreemodel.h"
#include "responsebody.h"

#include <QButtonGroup>
#include <QClipboard>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>
#include <QPixmap>
#include <QQueue>
#include <QShortcut>
#include <QTextBlock>
#include <QTextDocument>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

namespace {

} // namespace

ResponseView::ResponseView(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::ResponseView>()), m_details(std::make_unique<ResponseDetails>(*m_ui)),
      m_treeModel(new JsonTreeModel(this))
{
    m_ui->setupUi(this);
    m_pool.setMaxThreadCount(1);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->textView->setFont(fixed);
    m_ui->authView->setFont(fixed);
    QFont big = m_ui->statusLabel->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_ui->statusLabel->setFont(big);
    m_ui->statusLabel->setTextFormat(Qt::RichText);
    m_ui->statusRow->setContentsMargins(6, 4, 6, 0);
    m_ui->meaningLabel->setContentsMargins(6, 0, 6, 2);
    m_ui->progressLayout->setContentsMargins(6, 0, 6, 2);
    m_ui->modeRow->setContentsMargins(4, 0, 4, 0);
    m_ui->findLayout->setContentsMargins(4, 2, 4, 2);
    m_ui->treeToolsRow->setContentsMargins(4, 0, 4, 2);
    m_ui->imageInfoLabel->hide();
    m_ui->windowLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_ui->windowLayout->setStretch(0, 1);   // the label takes the room; the spacer none   // the body info line above says the same
    m_ui->timeLabel->setContentsMargins(12, 0, 0, 0);
    m_ui->sizeLabel->setContentsMargins(12, 0, 0, 0);

    m_ui->treeView->setModel(m_treeModel);
    m_ui->treeView->header()->setSectionResizeMode(JsonTreeModel::KeyColumn, QHeaderView::Interactive);
    m_ui->treeView->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_ui->treeView->header()->setSectionResizeMode(JsonTreeModel::TypeColumn, QHeaderView::ResizeToContents);
    m_ui->treeView->header()->setStretchLastSection(false);
    m_ui->treeView->setColumnWidth(JsonTreeModel::KeyColumn, 220);
    m_ui->headersView->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->checksView->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->cookiesView->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->cookiesView->header()->setSectionResizeMode(1, QHeaderView::Interactive);

    auto *modes = new QButtonGroup(this);
    modes->setExclusive(true);
    modes->addButton(m_ui->prettyButton, int(BodyMode::Pretty));
    modes->addButton(m_ui->treeButton, int(BodyMode::Tree));
    modes->addButton(m_ui->rawButton, int(BodyMode::Raw));
    modes->addButton(m_ui->previewButton, int(BodyMode::Preview));
    connect(modes, &QButtonGroup::idClicked, this, [this](int id) {
        m_preferredMode = BodyMode(id);
        if (!m_bodyReady)
            m_clickedDuringLoad = true;
        setBodyMode(BodyMode(id));
    });

    connect(m_ui->previousPartButton, &QPushButton::clicked, this, &ResponseView::showPreviousPart);
    connect(m_ui->nextPartButton, &QPushButton::clicked, this, &ResponseView::showNextPart);
    connect(m_ui->showAllButton, &QPushButton::clicked, this, &ResponseView::showAll);
    connect(m_ui->saveBodyButton, &QToolButton::clicked, this, &ResponseView::saveBody);

    connect(m_ui->expandAllButton, &QToolButton::clicked, this, [this] { expandAll(); });
    connect(m_ui->collapseAllButton, &QToolButton::clicked, this, &ResponseView::collapseAll);
    connect(m_ui->copyValueButton, &QToolButton::clicked, this, &ResponseView::copyValue);
    connect(m_ui->copyPointerButton, &QToolButton::clicked, this, &ResponseView::copyPointer);
    connect(m_ui->treeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                const QString pointer = m_treeModel->pointer(current);
                m_ui->pointerLabel->setText(current.isValid() ? (pointer.isEmpty() ? tr("(root)") : pointer) : QString());
            });

    // Find bar: Ctrl+F opens it, Enter/F3 go to the next match, Shift+F3 to the previous, Esc closes.
    m_ui->findBar->hide();
    auto openFind = [this] {
        if (m_mode != BodyMode::Pretty && m_mode != BodyMode::Raw)
            return;
        m_ui->findBar->show();
        m_ui->findEdit->setFocus();
        m_ui->findEdit->selectAll();
    };
    auto *findShortcut = new QShortcut(QKeySequence::Find, this, openFind);
    findShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(m_ui->findButton, &QToolButton::clicked, this, openFind);
    auto *next = new QShortcut(QKeySequence::FindNext, this, this, &ResponseView::findNext);
    next->setContext(Qt::WidgetWithChildrenShortcut);
    auto *previous = new QShortcut(QKeySequence::FindPrevious, this, this, &ResponseView::findPrevious);
    previous->setContext(Qt::WidgetWithChildrenShortcut);
    auto *close = new QShortcut(QKeySequence(Qt::Key_Escape), m_ui->findBar, m_ui->findBar, &QWidget::hide);
    close->setContext(Qt::WidgetWithChildrenShortcut);
    connect(m_ui->closeFindButton, &QToolButton::clicked, m_ui->findBar, &QWidget::hide);
    connect(m_ui->findEdit, &QLineEdit::textChanged, this, [this] {
        // Searching as one types is cheap on a normal body; on a huge one it waits for Enter.
        if (currentText().size() < 4 * 1000 * 1000)
            runFind();
        else
            m_ui->matchCountLabel->setText(tr("Enter to search"));
    });
    connect(m_ui->findEdit, &QLineEdit::returnPressed, this, [this] {
        if (m_findText != m_ui->findEdit->text() || m_matches.isEmpty())
            runFind();
        else
            findNext();
    });
    connect(m_ui->findNextButton, &QToolButton::clicked, this, &ResponseView::findNext);
    connect(m_ui->findPreviousButton, &QToolButton::clicked, this, &ResponseView::findPrevious);
    connect(m_ui->matchCaseCheck, &QCheckBox::toggled, this, &ResponseView::runFind);

    clear();
}

ResponseView::~ResponseView()
{
    ++m_generation;
    m_pool.clear();
    m_pool.waitForDone();   // a render in flight posts to `this`; the posted event dies with us
}

void ResponseView::clear()
{
    ++m_generation;
    m_details->clear();
    m_treeModel->clear();
    // A large body's parsed JSON takes a while to free (every element is released): not here.
    if (m_body && m_body.use_count() == 1 && m_bodyBytes.size() >= m_asyncThreshold)
        m_pool.start([old = std::move(m_body)]() mutable { old.reset(); });
    m_body = std::make_shared<const RenderedBody>();
    m_bodyBytes.clear();
    m_bodyReady = true;
    m_ui->bodyInfoLabel->clear();
    m_ui->bodyMessageLabel->setText(tr("Send a request to see its response here."));
    m_ui->bodyStack->setCurrentWidget(m_ui->messagePage);
    m_ui->textView->clear();
    m_windowStart = m_windowEnd = 0;
    m_matches.clear();
    m_currentMatch = -1;
    updateModeButtons();
}

void ResponseView::addTab(QWidget *page, const QString &title)
{
    m_ui->tabs->addTab(page, title);
}

void ResponseView::setInProgress(bool inProgress)
{
    m_details->setInProgress(inProgress);
}

void ResponseView::setProgress(qint64 received, qint64 total)
{
    m_details->setProgress(received, total);
}

void ResponseView::showExchange(const http::Exchange &exchange)
{
    clear();
    if (exchange.response) {
        m_details->showResponse(*exchange.response);
        startBody(*exchange.response);
    } else {
        m_details->showNoResponse(exchange);
        m_ui->bodyMessageLabel->setText(tr("No response came, so there is no body."));
    }
    m_details->showAuth(exchange);
    m_details->showChecks(exchange);
}

void ResponseView::startBody(const http::Response &response)
{
    const quint64 generation = ++m_generation;
    m_bodyBytes = response.body;
    m_bodyName = response.url.fileName();
    m_partShown = false;
    m_clickedDuringLoad = false;
    if (response.body.size() < m_asyncThreshold) {
        applyBody(std::make_shared<const RenderedBody>(RenderedBody::render(response)), true);
        return;
    }
    m_bodyReady = false;
    const QString what = tr("Formatting %1 of %2 off the GUI thread…")
                             .arg(QLocale().formattedDataSize(response.body.size()),
                                  response.contentType().isEmpty() ? tr("body") : response.contentType());
    m_ui->bodyInfoLabel->setText(what);
    if (!response.contentType().startsWith(u"image/"_s)) {
        // Meanwhile the start of the body as received, so that there is something to read at once.
        delete m_highlighter;
        m_highlighter = nullptr;
        m_ui->textView->setPlainText(
            QString::fromUtf8(response.body.first(std::min(response.body.size(), std::min(m_windowChars, LongLineWindow)))));
        m_ui->windowLabel->setText(tr("The start of the raw body, while the whole is parsed and formatted off the GUI thread."));
        m_ui->windowLabel->setToolTip({});
        m_ui->previousPartButton->setEnabled(false);
        m_ui->nextPartButton->setEnabled(false);
        m_ui->showAllButton->setEnabled(false);
        m_ui->windowBar->show();
        m_ui->findBar->hide();
        m_ui->bodyStack->setCurrentWidget(m_ui->textPage);
    } else {
        m_ui->bodyMessageLabel->setText(what);
        m_ui->bodyStack->setCurrentWidget(m_ui->messagePage);
    }
    updateModeButtons();
    // Two parts: the parsed JSON and the raw text first (Tree and Raw can be used), then the
    // indented text, which takes as long again for a big document.
    m_pool.start([this, generation, response] {
        auto post = [this, generation](std::shared_ptr<const RenderedBody> body, bool complete) {
            QMetaObject::invokeMethod(
                this,
                [this, generation, body, complete] {
                    if (generation == m_generation)
                        applyBody(body, complete);
                },
                Qt::QueuedConnection);
        };
        RenderedBody body = RenderedBody::render(response, false);
        const bool more = body.prettyPending;
        post(std::make_shared<const RenderedBody>(body), !more);
        if (!more || generation != m_generation)
            return;
        RenderedBody::addPretty(body, response);
        post(std::make_shared<const RenderedBody>(std::move(body)), true);
    });
}

void ResponseView::applyBody(std::shared_ptr<const RenderedBody> body, bool complete)
{
    // The second part of a two-part render adds the Pretty text; the tree, the raw window and
    // the find results the user may already be using stay as they are.
    const bool secondPart = m_partShown && complete;
    m_body = std::move(body);
    m_bodyReady = complete;
    m_partShown = !complete;
    const QLocale locale;
    if (!secondPart) {
        m_showAll = false;
        m_matches.clear();
        m_currentMatch = -1;
        if (m_body->isJson) {
            m_treeModel->setJson(m_body->json);
            m_ui->treeView->expand(m_treeModel->index(0, 0));
        } else {
            m_treeModel->clear();
        }
    }
    QString info;
    if (m_body->isImage && !m_body->image.isNull()) {
        info = tr("%1 image, %2 × %3 px, %4")
                   .arg(m_body->imageFormat)
                   .arg(m_body->imageSize.width())
                   .arg(m_body->imageSize.height())
                   .arg(locale.formattedDataSize(m_bodyBytes.size()));
        m_ui->imageLabel->setPixmap(QPixmap::fromImage(m_body->image));
        m_ui->imageInfoLabel->setText(info);
    } else if (m_body->isImage) {
        info = m_body->imageError;
        m_ui->imageLabel->clear();
        m_ui->imageInfoLabel->setText(m_body->imageError);
    } else if (m_body->isJson && m_body->prettyPending) {
        info = tr("JSON, %1; formatting the Pretty view…").arg(locale.formattedDataSize(m_bodyBytes.size()));
    } else if (m_body->isJson) {
        info = tr("JSON, %1 lines formatted").arg(locale.toString(m_body->prettyLines));
    } else if (m_body->rawIsHexDump) {
        info = tr("binary, %1").arg(locale.formattedDataSize(m_bodyBytes.size()));
    } else if (!m_body->jsonError.isEmpty()) {
        info = m_body->jsonError;
    } else if (!m_bodyBytes.isEmpty()) {
        info = tr("text, %1 lines").arg(locale.toString(m_body->rawLines));
    }
    m_ui->bodyInfoLabel->setText(info);
    m_ui->bodyInfoLabel->setStyleSheet(m_body->jsonError.isEmpty() ? QString() : u"color:#b35c00"_s);

    BodyMode mode = m_preferredMode.value_or(BodyMode::Pretty);
    if (secondPart && m_clickedDuringLoad && isModeAvailable(m_mode))
        mode = m_mode;   // the user picked a mode while Pretty was being formatted: stay there
    else if (!m_preferredMode || !isModeAvailable(mode))
        mode = m_body->isImage                      ? BodyMode::Preview
             : m_body->rawIsHexDump                 ? BodyMode::Raw
             : isModeAvailable(BodyMode::Pretty)    ? BodyMode::Pretty
             : isModeAvailable(BodyMode::Tree)      ? BodyMode::Tree
                                                    : BodyMode::Raw;
    const bool changed = !secondPart || mode != m_mode;
    m_mode = mode;
    updateModeButtons();
    if (changed)
        showMode();
    if (complete)
        emit bodyReady();
}

bool ResponseView::isModeAvailable(BodyMode mode) const
{
    switch (mode) {
    case BodyMode::Pretty: return !m_body->pretty.isEmpty();
    case BodyMode::Tree: return m_body->isJson;
    case BodyMode::Raw: return !m_body->raw.isEmpty();
    case BodyMode::Preview: return m_body->isImage;
    }
    return false;
}

void ResponseView::updateModeButtons()
{
    const bool ready = bool(m_body);
    m_ui->prettyButton->setEnabled(ready && isModeAvailable(BodyMode::Pretty));
    m_ui->treeButton->setEnabled(ready && isModeAvailable(BodyMode::Tree));
    m_ui->rawButton->setEnabled(ready && isModeAvailable(BodyMode::Raw));
    m_ui->previewButton->setEnabled(ready && isModeAvailable(BodyMode::Preview));
    m_ui->saveBodyButton->setEnabled(ready && !m_bodyBytes.isEmpty());
    m_ui->findButton->setEnabled(ready && (m_mode == BodyMode::Pretty || m_mode == BodyMode::Raw));
    QAbstractButton *buttons[] = {m_ui->prettyButton, m_ui->treeButton, m_ui->rawButton, m_ui->previewButton};
    for (int i = 0; i < 4; ++i)
        buttons[i]->setChecked(ready && int(m_mode) == i && isModeAvailable(BodyMode(i)));
}

void ResponseView::setBodyMode(BodyMode mode)
{
    if (!isModeAvailable(mode)) {
        updateModeButtons();
        return;
    }
    m_mode = mode;
    updateModeButtons();
    showMode();
}

void ResponseView::showMode()
{
    if (m_bodyBytes.isEmpty()) {
        m_ui->bodyMessageLabel->setText(tr("The response has no body."));
        m_ui->bodyStack->setCurrentWidget(m_ui->messagePage);
        m_ui->findBar->hide();
        return;
    }
    switch (m_mode) {
    case BodyMode::Pretty:
    case BodyMode::Raw: {
        const bool colour = m_mode == BodyMode::Pretty && m_body->isJson;
        if (colour && !m_highlighter)
            m_highlighter = new JsonHighlighter(m_ui->textView->document());
        else if (!colour && m_highlighter) {
            delete m_highlighter;
            m_highlighter = nullptr;
        }
        m_ui->bodyStack->setCurrentWidget(m_ui->textPage);
        m_showAll = false;
        m_matches.clear();
        m_currentMatch = -1;
        showWindow(0);
        if (!m_ui->findBar->isHidden() && !m_ui->findEdit->text().isEmpty())
            runFind();
        break;
    }
    case BodyMode::Tree:
        m_ui->findBar->hide();
        m_ui->bodyStack->setCurrentWidget(m_ui->treePage);
        break;
    case BodyMode::Preview:
        m_ui->findBar->hide();
        m_ui->bodyStack->setCurrentWidget(m_ui->previewPage);
        break;
    }
}

const QString &ResponseView::currentText() const
{
    return m_mode == BodyMode::Raw ? m_body->raw : m_body->pretty;
}

QTreeView *ResponseView::treeView() const
{
    return m_ui->treeView;
}

void ResponseView::expandAll(int maxNodes)
{
    QQueue<QModelIndex> queue;
    queue.enqueue(m_treeModel->index(0, 0));
    int expanded = 0;
    while (!queue.isEmpty() && expanded < maxNodes) {
        const QModelIndex index = queue.dequeue();
        if (!index.isValid() || !m_treeModel->hasChildren(index))
            continue;
        while (m_treeModel->canFetchMore(index) && m_treeModel->rowCount(index) < maxNodes - expanded)
            m_treeModel->fetchMore(index);
        m_ui->treeView->expand(index);
        const int rows = m_treeModel->rowCount(index);
        expanded += rows;
        for (int row = 0; row < rows; ++row)
            queue.enqueue(m_treeModel->index(row, 0, index));
    }
}

void ResponseView::collapseAll()
{
    m_ui->treeView->collapseAll();
}

QString ResponseView::copyValue()
{
    const QModelIndex index = m_ui->treeView->currentIndex().siblingAtColumn(0);
    if (!index.isValid())
        return {};
    const QString text = m_treeModel->valueText(index);
    QGuiApplication::clipboard()->setText(text);
    return text;
}

QString ResponseView::copyPointer()
{
    const QModelIndex index = m_ui->treeView->currentIndex().siblingAtColumn(0);
    if (!index.isValid())
        return {};
    const QString text = m_treeModel->pointer(index);
    QGuiApplication::clipboard()->setText(text);
    return text;
}

// --- around the body: status row, Headers, Cookies, Auth, Checks (ResponseDetails) -------------

QStringList ResponseView::headerRows() const
{
    return m_details->headerRows();
}

QList<QStringList> ResponseView::cookieRows() const
{
    return m_details->cookieRows();
}

QString ResponseView::authText() const
{
    return m_details->authText();
}

QStringList ResponseView::checkResults() const
{
    return m_details->checkResults();
}

QString ResponseView::statusText() const
{
    return m_details->statusText();
}

QString ResponseView::meaningText() const
{
    return m_details->meaningText();
}

QString ResponseView::timeText() const
{
    return m_details->timeText();
}

QString ResponseView::timeToolTip() const
{
    return m_details->timeToolTip();
}

QString ResponseView::sizeText() const
{
    return m_details->sizeText();
}

QSize ResponseView::imageSize() const
{
    return m_body && !m_body->image.isNull() ? m_body->imageSize : QSize();
}

QString ResponseView::imageInfo() const
{
    return m_ui->imageInfoLabel->text();
}

void ResponseView::saveBody()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the response body"), m_bodyName);
    if (path.isEmpty())
        return;
    if (const QString error = saveBodyTo(path); !error.isEmpty())
        QMessageBox::warning(this, tr("Save the response body"), error);
}

QString ResponseView::saveBodyTo(const QString &path) const
{
    const auto saved = saveFile(path, m_bodyBytes);
    return saved ? QString() : tr("The body was not saved. %1").arg(saved.error().message);
}

} // namespace quarry::app
