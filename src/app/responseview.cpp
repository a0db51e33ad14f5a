// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "responseview.h"
#include "ui_responseview.h"

#include "jsonhighlighter.h"
#include "jsontreemodel.h"
#include "responsebody.h"

#include <QButtonGroup>
#include <QClipboard>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLocale>
#include <QMessageBox>
#include <QPixmap>
#include <QQueue>
#include <QSaveFile>
#include <QShortcut>
#include <QTextBlock>
#include <QTextDocument>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

namespace {

constexpr int kMaxMatches = 100000;
constexpr int kMaxHighlightedMatches = 2000;
constexpr qsizetype kLongLine = 4096;             // average characters per line that make a "long line" text
constexpr qsizetype kLongLineWindow = 64 * 1024;  // the window for such text

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

ResponseView::ResponseView(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::ResponseView>()), m_treeModel(new JsonTreeModel(this))
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
    m_ui->statusLabel->setText(tr("No response yet"));
    m_ui->meaningLabel->clear();
    m_ui->meaningLabel->hide();
    m_ui->timeLabel->clear();
    m_ui->timeLabel->setToolTip({});
    m_ui->sizeLabel->clear();
    m_ui->sizeLabel->setToolTip({});
    m_ui->progressRow->hide();
    m_ui->headersView->clear();
    m_ui->cookiesView->clear();
    m_ui->checksView->clear();
    m_ui->authView->clear();
    m_ui->tabs->setTabText(m_ui->tabs->indexOf(m_ui->headersTab), tr("Headers"));
    m_ui->tabs->setTabText(m_ui->tabs->indexOf(m_ui->cookiesTab), tr("Cookies"));
    m_ui->tabs->setTabText(m_ui->tabs->indexOf(m_ui->checksTab), tr("Checks"));
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
    m_ui->progressRow->setVisible(inProgress);
    if (!inProgress)
        return;
    m_ui->statusLabel->setText(tr("Sending…"));
    m_ui->meaningLabel->hide();
    m_ui->timeLabel->clear();
    m_ui->sizeLabel->clear();
    m_ui->progressBar->setRange(0, 0);   // busy until the first progress report
    m_ui->progressLabel->setText(tr("Waiting for the response"));
}

void ResponseView::setProgress(qint64 received, qint64 total)
{
    m_ui->progressRow->show();
    const QLocale locale;
    if (total > 0) {
        // Ranges are int: count in KiB so that multi-GB bodies fit.
        m_ui->progressBar->setRange(0, int(total / 1024) + 1);
        m_ui->progressBar->setValue(int(received / 1024));
        m_ui->progressLabel->setText(tr("Receiving the body: %1 of %2")
                                         .arg(locale.formattedDataSize(received), locale.formattedDataSize(total)));
    } else {
        m_ui->progressBar->setRange(0, 0);
        m_ui->progressLabel->setText(tr("Receiving the body: %1").arg(locale.formattedDataSize(received)));
    }
}

void ResponseView::showExchange(const http::Exchange &exchange)
{
    clear();
    if (exchange.response) {
        showResponse(*exchange.response);
    } else {
        m_ui->statusLabel->setText(u"<span style=\"color:#c92a2a\">%1</span>"_s.arg(tr("No response")));
        if (exchange.error) {
            m_ui->meaningLabel->setText(exchange.error->where.isEmpty()
                                            ? exchange.error->message
                                            : u"%1 (%2)"_s.arg(exchange.error->message, exchange.error->where));
            m_ui->meaningLabel->show();
        }
        m_ui->bodyMessageLabel->setText(tr("No response came, so there is no body."));
    }
    showAuth(exchange);
    showChecks(exchange);
}

void ResponseView::showResponse(const http::Response &r)
{
    m_ui->statusLabel->setText(u"<span style=\"color:%1\">%2 %3</span>"_s.arg(statusColour(r.status))
                                   .arg(r.status)
                                   .arg(r.reason.toHtmlEscaped()));
    m_ui->statusLabel->setToolTip(tr("HTTP/%1 from %2").arg(r.httpVersion, r.url.toDisplayString()));
    m_ui->meaningLabel->setText(r.meaning());
    m_ui->meaningLabel->setVisible(!r.meaning().isEmpty());

    const http::Timings &t = r.timings;
    m_ui->timeLabel->setText(tr("Time %1 ms (waiting %2 · download %3)").arg(ms(t.total), ms(t.waiting), ms(t.download)));
    m_ui->timeLabel->setToolTip(
        tr("Waiting: %1 ms, from handing the request to Qt until the response headers arrived "
           "(connecting, TLS and the server's own time)\n"
           "Download: %2 ms, from the headers to the last byte of the body\n"
           "Preparing: %3 ms (variables and auth, before sending)\n"
           "DNS, TCP connect and TLS are not reported separately by Qt 6.4's network stack.")
            .arg(ms(t.waiting), ms(t.download), ms(t.prepare)));

    const QLocale locale;
    const qint64 headerBytes = r.size() - r.body.size();
    m_ui->sizeLabel->setText(tr("Size %1").arg(locale.formattedDataSize(r.size())));
    m_ui->sizeLabel->setToolTip(tr("Status line and headers: %1\nBody: %2 (%3 bytes, as received after any "
                                   "content decoding by Qt)")
                                    .arg(locale.formattedDataSize(headerBytes), locale.formattedDataSize(r.body.size()))
                                    .arg(r.body.size()));

    for (const auto &[name, value] : r.headers)
        new QTreeWidgetItem(m_ui->headersView, {QString::fromLatin1(name), QString::fromLatin1(value)});
    m_ui->tabs->setTabText(m_ui->tabs->indexOf(m_ui->headersTab), tr("Headers (%1)").arg(r.headers.size()));

    for (const QNetworkCookie &c : r.cookies) {
        const QString expires = c.isSessionCookie() ? tr("session")
                                                    : locale.toString(c.expirationDate().toUTC(), QLocale::ShortFormat)
                                                          + u" UTC"_s;
        new QTreeWidgetItem(m_ui->cookiesView,
                            {QString::fromUtf8(c.name()), QString::fromUtf8(c.value()), c.domain(), c.path(), expires,
                             c.isHttpOnly() ? tr("yes") : tr("no"), c.isSecure() ? tr("yes") : tr("no"),
                             sameSiteText(c.sameSitePolicy())});
    }
    m_ui->tabs->setTabText(m_ui->tabs->indexOf(m_ui->cookiesTab),
                           r.cookies.isEmpty() ? tr("Cookies") : tr("Cookies (%1)").arg(r.cookies.size()));
    startBody(r);
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
            QString::fromUtf8(response.body.first(std::min(response.body.size(), std::min(m_windowChars, kLongLineWindow)))));
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

void ResponseView::showWindow(qsizetype start, qsizetype minEnd)
{
    const QString &text = currentText();
    const qsizetype size = text.size();
    qsizetype end = size;
    if (m_showAll && size <= showAllLimit()) {
        start = 0;
    } else if (size > m_windowChars) {
        start = std::clamp<qsizetype>(start, 0, size);
        if (start > 0)   // begin on a line
            start = text.lastIndexOf(u'\n', start - 1) + 1;
        // QPlainTextEdit lays a line out in one piece: a window of minified JSON (one huge line)
        // gets a smaller budget so that showing it stays well under the 100 ms a user notices.
        qsizetype budget = m_windowChars;
        const QStringView probe = QStringView(text).sliced(start, std::min(size - start, m_windowChars));
        if (probe.count(u'\n') < probe.size() / kLongLine)
            budget = std::min(budget, kLongLineWindow);
        end = std::min(size, std::max(start + budget, minEnd));
        if (end < size) {   // end after a line, unless the line is absurdly long (minified JSON)
            const qsizetype newline = text.indexOf(u'\n', end);
            if (newline >= 0 && newline - end < 64 * 1024)
                end = newline + 1;
        }
    } else {
        start = 0;
    }
    m_windowStart = start;
    m_windowEnd = end;
    m_ui->textView->setPlainText(QStringView(text).sliced(start, end - start).toString());
    updateWindowBar();
    highlightMatchesInWindow();
}

void ResponseView::updateWindowBar()
{
    const QString &text = currentText();
    const bool partial = m_windowEnd - m_windowStart < text.size();
    m_ui->windowBar->setVisible(partial);
    if (!partial)
        return;
    const QLocale locale;
    const QStringView view(text);
    const qsizetype firstLine = view.first(m_windowStart).count(u'\n') + 1;
    const qsizetype lastLine = firstLine + view.sliced(m_windowStart, m_windowEnd - m_windowStart).count(u'\n') - 1;
    const qsizetype lines = m_mode == BodyMode::Raw ? m_body->rawLines : m_body->prettyLines;
    m_ui->windowLabel->setText(tr("Lines %1–%2 of %3")
                                   .arg(locale.toString(firstLine), locale.toString(std::max(firstLine, lastLine)),
                                        locale.toString(lines)));
    m_ui->windowLabel->setToolTip(tr("A large body is shown in parts so that Quarry stays responsive; the find bar "
                                     "searches all of it, and Save… writes all of it."));
    m_ui->previousPartButton->setEnabled(m_windowStart > 0);
    m_ui->nextPartButton->setEnabled(m_windowEnd < text.size());
    const bool canShowAll = text.size() <= showAllLimit();
    m_ui->showAllButton->setEnabled(canShowAll);
    m_ui->showAllButton->setToolTip(canShowAll ? tr("Show the whole text at once (%1 characters)").arg(locale.toString(text.size()))
                                               : tr("%1 characters are too many for one text view; use the parts, "
                                                    "the find bar, the Tree or Save….")
                                                     .arg(locale.toString(text.size())));
}

void ResponseView::showNextPart()
{
    if (m_windowEnd < currentText().size())
        showWindow(m_windowEnd);
}

void ResponseView::showPreviousPart()
{
    if (m_windowStart > 0)
        showWindow(std::max<qsizetype>(0, m_windowStart - m_windowChars));
}

void ResponseView::showAll()
{
    if (currentText().size() > showAllLimit())
        return;
    m_showAll = true;
    showWindow(0);
}

QString ResponseView::shownText() const
{
    return m_ui->textView->toPlainText();
}

QString ResponseView::fullText() const
{
    return currentText();
}

// --- find ------------------------------------------------------------------------------------

int ResponseView::find(const QString &text, bool caseSensitive)
{
    m_ui->findBar->show();
    const QSignalBlocker blockCase(m_ui->matchCaseCheck);
    m_ui->matchCaseCheck->setChecked(caseSensitive);
    const QSignalBlocker blockEdit(m_ui->findEdit);
    m_ui->findEdit->setText(text);
    runFind();
    return matchCount();
}

void ResponseView::runFind()
{
    m_findText = m_ui->findEdit->text();
    m_findCase = m_ui->matchCaseCheck->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive;
    m_matches.clear();
    m_matchesCapped = false;
    m_currentMatch = -1;
    if (m_findText.isEmpty() || (m_mode != BodyMode::Pretty && m_mode != BodyMode::Raw)) {
        m_ui->matchCountLabel->clear();
        highlightMatchesInWindow();
        return;
    }
    const QString &text = currentText();
    for (qsizetype at = text.indexOf(m_findText, 0, m_findCase); at >= 0;
         at = text.indexOf(m_findText, at + m_findText.size(), m_findCase)) {
        if (m_matches.size() == kMaxMatches) {
            m_matchesCapped = true;
            break;
        }
        m_matches.append(at);
    }
    if (m_matches.isEmpty()) {
        m_ui->matchCountLabel->setText(u"<span style=\"color:#c92a2a\">%1</span>"_s.arg(tr("No matches")));
        highlightMatchesInWindow();
        return;
    }
    // Start at the first match in (or after) what is on screen, like an editor's find.
    const auto it = std::lower_bound(m_matches.cbegin(), m_matches.cend(), m_windowStart);
    goToMatch(it == m_matches.cend() ? 0 : int(it - m_matches.cbegin()));
}

void ResponseView::findNext()
{
    if (m_matches.isEmpty()) {
        if (!m_ui->findEdit->text().isEmpty())
            runFind();
        return;
    }
    goToMatch((m_currentMatch + 1) % int(m_matches.size()));
}

void ResponseView::findPrevious()
{
    if (m_matches.isEmpty())
        return;
    goToMatch((m_currentMatch - 1 + int(m_matches.size())) % int(m_matches.size()));
}

void ResponseView::goToMatch(int index)
{
    m_currentMatch = index;
    const qsizetype at = m_matches.at(index);
    const qsizetype length = m_findText.size();
    if (at < m_windowStart || at + length > m_windowEnd)
        showWindow(at - m_windowChars / 4, at + length);
    QTextCursor cursor(m_ui->textView->document());
    cursor.setPosition(int(at - m_windowStart));
    cursor.setPosition(int(at - m_windowStart + length), QTextCursor::KeepAnchor);
    m_ui->textView->setTextCursor(cursor);
    m_ui->textView->centerCursor();
    m_ui->matchCountLabel->setText(matchCountText());
    highlightMatchesInWindow();
}

QString ResponseView::matchCountText() const
{
    if (m_matches.isEmpty())
        return m_findText.isEmpty() ? QString() : tr("No matches");
    const QLocale locale;
    return tr("%1 of %2%3").arg(locale.toString(m_currentMatch + 1), locale.toString(m_matches.size()),
                                m_matchesCapped ? u"+"_s : QString());
}

bool ResponseView::isFindBarVisible() const
{
    return m_ui->findBar->isVisible();
}

QString ResponseView::selectedText() const
{
    return m_ui->textView->textCursor().selectedText();
}

void ResponseView::highlightMatchesInWindow()
{
    QList<QTextEdit::ExtraSelection> selections;
    const auto first = std::lower_bound(m_matches.cbegin(), m_matches.cend(), m_windowStart);
    QTextCharFormat format;
    format.setBackground(QColor(0xff, 0xe0, 0x66));
    for (auto it = first; it != m_matches.cend() && *it + m_findText.size() <= m_windowEnd
                          && selections.size() < kMaxHighlightedMatches;
         ++it) {
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(m_ui->textView->document());
        s.cursor.setPosition(int(*it - m_windowStart));
        s.cursor.setPosition(int(*it - m_windowStart + m_findText.size()), QTextCursor::KeepAnchor);
        s.format = format;
        selections.append(s);
    }
    m_ui->textView->setExtraSelections(selections);
}

// --- tree --------------------------------------------------------------------------------------

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

// --- other tabs ------------------------------------------------------------------------------

void ResponseView::showAuth(const http::Exchange &exchange)
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
    m_ui->authView->setPlainText(auth);
}

void ResponseView::showChecks(const http::Exchange &exchange)
{
    int failed = 0;
    for (const http::AssertionResult &check : exchange.assertions) {
        const QString verdict = check.skipped ? tr("skipped") : check.passed ? tr("✓ passed") : u"✗ "_s + check.message;
        auto *item = new QTreeWidgetItem(m_ui->checksView, {check.description, verdict});
        item->setForeground(1, check.passed ? QColor(0x2b, 0x8a, 0x3e) : QColor(0xc9, 0x2a, 0x2a));
        if (!check.script.isEmpty())   // a pm.test, or a script that failed: say which script
            item->setToolTip(0, check.scriptError ? tr("The script failed") : tr("pm.test in the %1 script").arg(check.script));
        failed += check.passed ? 0 : 1;
    }
    for (const Error &e : exchange.extractionErrors) {
        auto *item = new QTreeWidgetItem(m_ui->checksView, {tr("extract %1").arg(e.where), u"✗ "_s + e.message});
        item->setForeground(1, QColor(0xc9, 0x2a, 0x2a));
        ++failed;
    }
    if (!exchange.console.isEmpty()) {   // what the scripts logged, under one row that is not a check
        const qsizetype lines = exchange.console.size();
        auto *console = new QTreeWidgetItem({tr("Console"), lines == 1 ? tr("1 line") : tr("%1 lines").arg(lines)});
        for (const script::ConsoleLine &line : exchange.console)
            console->addChild(new QTreeWidgetItem({line.level, line.text}));
        m_ui->checksView->addTopLevelItem(console);
        console->setExpanded(true);
    }
    const int checks = int(exchange.assertions.size() + exchange.extractionErrors.size());
    m_ui->tabs->setTabText(m_ui->tabs->indexOf(m_ui->checksTab),
                           checks == 0 ? tr("Checks")
                           : failed    ? tr("Checks (%1 of %2 failed)").arg(failed).arg(checks)
                                       : tr("Checks (%1 passed)").arg(checks));
}

QStringList ResponseView::headerRows() const
{
    QStringList out;
    for (int i = 0; i < m_ui->headersView->topLevelItemCount(); ++i)
        out << m_ui->headersView->topLevelItem(i)->text(0) + u": "_s + m_ui->headersView->topLevelItem(i)->text(1);
    return out;
}

QList<QStringList> ResponseView::cookieRows() const
{
    QList<QStringList> out;
    for (int i = 0; i < m_ui->cookiesView->topLevelItemCount(); ++i) {
        QStringList row;
        for (int c = 0; c < m_ui->cookiesView->columnCount(); ++c)
            row << m_ui->cookiesView->topLevelItem(i)->text(c);
        out << row;
    }
    return out;
}

QString ResponseView::authText() const
{
    return m_ui->authView->toPlainText();
}

QStringList ResponseView::checkResults() const
{
    QStringList out;
    for (int i = 0; i < m_ui->checksView->topLevelItemCount(); ++i)
        out << m_ui->checksView->topLevelItem(i)->text(0) + u": "_s + m_ui->checksView->topLevelItem(i)->text(1);
    return out;
}

QString ResponseView::statusText() const
{
    QTextDocument doc;
    doc.setHtml(m_ui->statusLabel->text());
    return doc.toPlainText();
}

QString ResponseView::meaningText() const
{
    return m_ui->meaningLabel->text();
}

QString ResponseView::timeText() const
{
    return m_ui->timeLabel->text();
}

QString ResponseView::timeToolTip() const
{
    return m_ui->timeLabel->toolTip();
}

QString ResponseView::sizeText() const
{
    return m_ui->sizeLabel->text();
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
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_bodyBytes) != m_bodyBytes.size() || !file.commit())
        return tr("The body could not be saved to %1: %2.").arg(path, file.errorString());
    return {};
}

} // namespace quarry::app
