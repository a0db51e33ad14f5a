// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "requesteditor.h"
#include "ui_requesteditor.h"

#include "autheditor.h"
#include "scriptseditor.h"
#include "jsonhighlighter.h"

#include "jsontext.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QShortcut>
#include <QTimer>
#include <QUrl>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

using http::Assertion;
using http::AuthSpec;
using http::BodySpec;
using http::Extraction;
using http::KeyValue;

namespace {
enum BodyPage { NoBodyPage, TextBodyPage, FormBodyPage, MultipartBodyPage, BinaryBodyPage };

BodyPage pageFor(BodySpec::Mode mode)
{
    switch (mode) {
    case BodySpec::Mode::None: return NoBodyPage;
    case BodySpec::Mode::Json:
    case BodySpec::Mode::Raw: return TextBodyPage;
    case BodySpec::Mode::FormUrlEncoded: return FormBodyPage;
    case BodySpec::Mode::Multipart: return MultipartBodyPage;
    case BodySpec::Mode::Binary: return BinaryBodyPage;
    }
    return NoBodyPage;
}

/// The Content-Type a body mode sends by itself.
QString impliedContentType(const BodySpec &body)
{
    switch (body.mode) {
    case BodySpec::Mode::Json: return u"application/json"_s;
    case BodySpec::Mode::FormUrlEncoded: return u"application/x-www-form-urlencoded"_s;
    case BodySpec::Mode::Multipart: return u"multipart/form-data"_s;
    case BodySpec::Mode::Raw:
    case BodySpec::Mode::Binary: return body.contentType;
    case BodySpec::Mode::None: break;
    }
    return {};
}

} // namespace

RequestEditor::RequestEditor(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RequestEditor>())
    , m_bodyTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    // The auth form scrolls when the tab is short, on the tab's own background.
    m_ui->authScroll->viewport()->setAutoFillBackground(false);
    m_ui->authScrollContents->setAutoFillBackground(false);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->bodyTextEdit->setFont(fixed);
    m_ui->urlEdit->setFont(fixed);
    new JsonHighlighter(m_ui->bodyTextEdit->document());
    m_ui->multipartTable->setFileRows(true);
    m_ui->multipartTable->setHint(tr("A file row sends the file's bytes."));
    m_ui->paramsTable->setHint(tr("Enabled rows are the URL's query string."));
    m_ui->headersTable->setHint(tr("Content-Type follows from the body unless set here."));
    for (QTableWidget *table : {m_ui->assertionsTable, m_ui->extractionsTable}) {
        table->verticalHeader()->setVisible(false);
        table->horizontalHeader()->setStretchLastSection(true);
        table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 12);
    }
    m_ui->assertionsTable->horizontalHeader()->resizeSection(KindColumn, 90);
    m_ui->assertionsTable->horizontalHeader()->resizeSection(TargetColumn, 200);
    m_ui->assertionsTable->horizontalHeader()->resizeSection(OpColumn, 100);
    m_ui->extractionsTable->horizontalHeader()->resizeSection(VariableColumn, 160);
    m_ui->extractionsTable->horizontalHeader()->resizeSection(FromColumn, 90);
    m_bodyTimer->setSingleShot(true);
    m_bodyTimer->setInterval(400);

    connect(m_ui->sendButton, &QPushButton::clicked, this, &RequestEditor::sendClicked);
    auto *send = new QShortcut(QKeySequence(u"Ctrl+Return"_s), this, this, &RequestEditor::sendClicked);
    send->setContext(Qt::WidgetWithChildrenShortcut);
    m_ui->sendButton->setToolTip(tr("Send the request (Ctrl+Enter)"));
    connect(m_ui->methodCombo, &QComboBox::activated, this, &RequestEditor::commitMethod);
    connect(m_ui->methodCombo->lineEdit(), &QLineEdit::editingFinished, this, &RequestEditor::commitMethod);
    connect(m_ui->urlEdit, &QLineEdit::textEdited, this, [this](const QString &text) {
        // The Params tab follows the typed query string at once; the edit is committed when done.
        m_urlDirty = true;
        m_loading = true;
        m_ui->paramsTable->setRows(splitUrl(text, m_spec.params).second);
        m_loading = false;
    });
    connect(m_ui->urlEdit, &QLineEdit::editingFinished, this, &RequestEditor::commitUrl);
    connect(m_ui->urlEdit, &QLineEdit::returnPressed, this, &RequestEditor::sendClicked);
    connect(m_ui->paramsTable, &KeyValueTable::rowsEdited, this, [this] {
        if (m_loading)
            return;
        m_spec.params = m_ui->paramsTable->rows();
        m_ui->urlEdit->setText(composeUrl(m_spec.url, m_spec.params));
        m_urlDirty = false;
        emitEdited(u"params"_s);
    });
    connect(m_ui->headersTable, &KeyValueTable::rowsEdited, this, [this] {
        m_spec.headers = m_ui->headersTable->rows();
        emitEdited(u"headers"_s);
    });

    connect(m_ui->bodyModeCombo, &QComboBox::activated, this, [this](int index) {
        commitBodyText();
        if (BodySpec::Mode(index) == m_spec.body.mode)
            return;
        // A Content-Type header that only repeated what the old body implied would now mislabel
        // the body (a multipart body sent as application/json): it goes with the old mode.
        const QString implied = impliedContentType(m_spec.body);
        if (!implied.isEmpty()) {
            const qsizetype before = m_spec.headers.size();
            m_spec.headers.removeIf([&](const KeyValue &h) {
                return h.name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0
                    && h.value.trimmed().startsWith(implied, Qt::CaseInsensitive);
            });
            if (m_spec.headers.size() != before)
                m_ui->headersTable->setRows(m_spec.headers);
        }
        m_spec.body.mode = BodySpec::Mode(index);
        if (m_spec.body.mode == BodySpec::Mode::Raw && m_spec.body.contentType.isEmpty())
            m_spec.body.contentType = u"text/plain"_s;
        showBodyMode();
        emitEdited(u"body.mode"_s);
    });
    connect(m_ui->bodyTextEdit, &QPlainTextEdit::textChanged, this, [this] {
        if (m_loading)
            return;
        updateBodyStatus();
        m_bodyTimer->start();
    });
    connect(m_bodyTimer, &QTimer::timeout, this, &RequestEditor::commitBodyText);
    m_ui->bodyTextEdit->installEventFilter(this);
    connect(m_ui->contentTypeEdit, &QLineEdit::editingFinished, this, [this] {
        if (m_ui->contentTypeEdit->text() == m_spec.body.contentType)
            return;
        m_spec.body.contentType = m_ui->contentTypeEdit->text().trimmed();
        emitEdited(u"body.contentType"_s);
    });
    connect(m_ui->formTable, &KeyValueTable::rowsEdited, this, [this] {
        m_spec.body.fields = m_ui->formTable->rows();
        emitEdited(u"body.fields"_s);
    });
    connect(m_ui->multipartTable, &KeyValueTable::rowsEdited, this, [this] {
        m_spec.body.fields = m_ui->multipartTable->rows();
        emitEdited(u"body.fields"_s);
    });
    connect(m_ui->binaryFileEdit, &QLineEdit::editingFinished, this, [this] {
        if (m_ui->binaryFileEdit->text() == m_spec.body.file)
            return;
        m_spec.body.file = m_ui->binaryFileEdit->text();
        updateBinaryStatus();
        emitEdited(u"body.file"_s);
    });
    connect(m_ui->binaryBrowseButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Send a File as the Body"), m_spec.body.file);
        if (path.isEmpty())
            return;
        m_ui->binaryFileEdit->setText(path);
        m_spec.body.file = path;
        updateBinaryStatus();
        emitEdited(u"body.file"_s);
    });

    connect(m_ui->authEditor, &AuthEditor::authEdited, this, [this](const AuthSpec &auth) {
        m_spec.auth = auth;
        emitEdited(u"auth"_s);
    });
    connect(m_ui->scriptsEditor, &ScriptsEditor::scriptsEdited, this, [this](const http::Scripts &scripts) {
        m_spec.scripts = scripts;
        emitEdited(u"scripts"_s);
    });

    connect(m_ui->addAssertionButton, &QPushButton::clicked, this, [this] {
        addAssertionRow(Assertion::statusEquals(200));
        assertionsEdited();
    });
    connect(m_ui->removeAssertionButton, &QPushButton::clicked, this, [this] {
        if (m_ui->assertionsTable->currentRow() < 0)
            return;
        m_ui->assertionsTable->removeRow(m_ui->assertionsTable->currentRow());
        assertionsEdited();
    });
    connect(m_ui->assertionsTable, &QTableWidget::itemChanged, this, [this] {
        if (!m_loading)
            assertionsEdited();
    });
    connect(m_ui->addExtractionButton, &QPushButton::clicked, this, [this] {
        Extraction e;
        e.variable = u"var%1"_s.arg(m_ui->extractionsTable->rowCount() + 1);
        e.source = u"/id"_s;
        addExtractionRow(e);
        extractionsEdited();
    });
    connect(m_ui->removeExtractionButton, &QPushButton::clicked, this, [this] {
        if (m_ui->extractionsTable->currentRow() < 0)
            return;
        m_ui->extractionsTable->removeRow(m_ui->extractionsTable->currentRow());
        extractionsEdited();
    });
    connect(m_ui->extractionsTable, &QTableWidget::itemChanged, this, [this] {
        if (!m_loading)
            extractionsEdited();
    });

    connect(m_ui->timeoutSpin, &QSpinBox::valueChanged, this, [this](int value) {
        m_spec.timeoutMs = value;
        emitEdited(u"timeoutMs"_s);
    });
    connect(m_ui->followRedirectsCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_spec.followRedirects = on;
        emitEdited(u"followRedirects"_s);
    });
    connect(m_ui->verifyTlsCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_spec.verifyTls = on;
        emitEdited(u"verifyTls"_s);
    });
    clearRequest();
}

RequestEditor::~RequestEditor() = default;

QString RequestEditor::composeUrl(const QString &url, const QList<KeyValue> &params)
{
    QStringList query;
    for (const KeyValue &p : params) {
        if (p.enabled && !(p.name.isEmpty() && p.value.isEmpty()))
            query << (p.value.isEmpty() && p.name.isEmpty() ? QString() : p.name + u'=' + p.value);
    }
    if (query.isEmpty())
        return url;
    return url + (url.contains(u'?') ? u'&' : u'?') + query.join(u'&');
}

std::pair<QString, QList<KeyValue>> RequestEditor::splitUrl(const QString &text, const QList<KeyValue> &previous)
{
    const qsizetype q = text.indexOf(u'?');
    QList<KeyValue> params;
    if (q >= 0) {
        const QStringList pairs = text.mid(q + 1).split(u'&', Qt::SkipEmptyParts);
        for (const QString &pair : pairs) {
            const qsizetype eq = pair.indexOf(u'=');
            KeyValue kv;
            kv.name = QUrl::fromPercentEncoding(pair.left(eq < 0 ? pair.size() : eq).toUtf8());
            kv.value = eq < 0 ? QString() : QUrl::fromPercentEncoding(pair.mid(eq + 1).toUtf8());
            params.append(kv);
        }
    }
    for (const KeyValue &p : previous) {
        if (!p.enabled)
            params.append(p);
    }
    return {q < 0 ? text : text.left(q), params};
}

void RequestEditor::setAuthProfiles(const QList<std::pair<QString, QString>> &profiles)
{
    m_ui->authEditor->setAuthProfiles(profiles);
}

void RequestEditor::setCollectionRequests(const QList<std::pair<QString, QString>> &requests)
{
    m_ui->authEditor->setRequests(requests);
}

void RequestEditor::setInheritedAuth(const QString &text)
{
    m_ui->authEditor->setInheritText(text);
}

AuthEditor *RequestEditor::authEditor() const
{
    return m_ui->authEditor;
}

void RequestEditor::savePendingForLater()
{
    if (m_loading || !isEnabled() || m_spec.id.isEmpty())
        return;
    http::RequestSpec pending = m_spec;
    bool dirty = false;
    if (m_bodyTimer->isActive() && m_ui->bodyTextEdit->toPlainText() != m_spec.body.text) {
        pending.body.text = m_ui->bodyTextEdit->toPlainText();
        dirty = true;
    }
    if (m_urlDirty) {
        auto [url, params] = splitUrl(m_ui->urlEdit->text().trimmed(), m_spec.params);
        dirty = dirty || url != m_spec.url || params != m_spec.params;
        pending.url = url;
        pending.params = params;
    }
    // Another request is being shown: what was typed into this one is still saved for it, once
    // the owner has finished switching (the edit names the request by id, not by selection).
    if (dirty)
        QTimer::singleShot(0, this, [this, pending] { emit requestEdited(pending, u"typing"_s); });
}

void RequestEditor::clearRequest()
{
    savePendingForLater();
    m_bodyTimer->stop();
    m_loading = true;
    m_spec = {};
    m_ui->methodCombo->setCurrentText(u"GET"_s);
    m_ui->urlEdit->clear();
    m_ui->paramsTable->setRows({});
    m_ui->headersTable->setRows({});
    m_ui->bodyTextEdit->clear();
    m_ui->assertionsTable->setRowCount(0);
    m_ui->extractionsTable->setRowCount(0);
    m_ui->authInfoLabel->clear();
    showBodyMode();
    updateTabTitles();
    m_loading = false;
    m_urlDirty = false;
    setEnabled(false);
}

void RequestEditor::setRequest(const http::RequestSpec &request)
{
    if (request.id != m_spec.id)
        savePendingForLater();
    m_bodyTimer->stop();
    const bool sameRequest = request.id == m_spec.id;
    m_loading = true;
    m_spec = request;
    m_ui->methodCombo->setCurrentText(request.method);
    const QString url = composeUrl(request.url, request.params);
    if (m_ui->urlEdit->text() != url)
        m_ui->urlEdit->setText(url);
    m_ui->paramsTable->setRows(request.params);
    m_ui->headersTable->setRows(request.headers);
    m_ui->bodyModeCombo->setCurrentIndex(int(request.body.mode));
    if (m_ui->bodyTextEdit->toPlainText() != request.body.text)
        m_ui->bodyTextEdit->setPlainText(request.body.text);
    m_ui->contentTypeEdit->setText(request.body.contentType);
    m_ui->formTable->setRows(request.body.mode == BodySpec::Mode::FormUrlEncoded ? request.body.fields
                                                                                  : QList<KeyValue>{});
    m_ui->multipartTable->setRows(request.body.mode == BodySpec::Mode::Multipart ? request.body.fields
                                                                                  : QList<KeyValue>{});
    m_ui->binaryFileEdit->setText(request.body.file);
    showBodyMode();
    m_ui->authEditor->setAuth(request.auth, sameRequest);
    m_ui->scriptsEditor->setScripts(request.scripts);
    fillAssertions();
    fillExtractions();
    m_ui->timeoutSpin->setValue(request.timeoutMs);
    m_ui->followRedirectsCheck->setChecked(request.followRedirects);
    m_ui->verifyTlsCheck->setChecked(request.verifyTls);
    updateTabTitles();
    m_loading = false;
    m_urlDirty = false;
    if (!sameRequest && request.body.mode != BodySpec::Mode::None && m_ui->requestTabs->currentIndex() == 0
        && request.params.isEmpty())
        m_ui->requestTabs->setCurrentWidget(m_ui->bodyTab);
    setEnabled(true);
}

void RequestEditor::setEffectiveAuth(const QString &text)
{
    m_ui->authInfoLabel->setText(text);
}

void RequestEditor::setSending(bool sending)
{
    m_ui->sendButton->setText(sending ? tr("Cancel") : tr("Send"));
}

void RequestEditor::setSendEnabled(bool enabled)
{
    m_ui->sendButton->setEnabled(enabled);
}

void RequestEditor::commitPending()
{
    commitMethod();
    commitUrl();
    m_ui->authEditor->commitPending();
    m_ui->scriptsEditor->commitPending();
    commitBodyText();
}

bool RequestEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui->bodyTextEdit && event->type() == QEvent::FocusOut)
        commitBodyText();
    return QWidget::eventFilter(watched, event);
}

QString RequestEditor::bodyStatus() const
{
    return m_ui->bodyStatusLabel->text();
}

void RequestEditor::emitEdited(const QString &field)
{
    updateTabTitles();
    if (m_loading || !isEnabled())
        return;
    emit requestEdited(m_spec, field);
}

void RequestEditor::updateTabTitles()
{
    const auto enabled = [](const QList<KeyValue> &rows) {
        return std::count_if(rows.begin(), rows.end(), [](const KeyValue &kv) { return kv.enabled; });
    };
    const auto title = [](const QString &name, qsizetype count) {
        return count ? u"%1 (%2)"_s.arg(name).arg(count) : name;
    };
    QTabWidget *tabs = m_ui->requestTabs;
    tabs->setTabText(tabs->indexOf(m_ui->paramsTab), title(tr("Params"), enabled(m_spec.params)));
    tabs->setTabText(tabs->indexOf(m_ui->scriptsTab), ScriptsEditor::title(m_spec.scripts));
    tabs->setTabText(tabs->indexOf(m_ui->headersTab), title(tr("Headers"), enabled(m_spec.headers)));
    tabs->setTabText(tabs->indexOf(m_ui->checksTab),
                     title(tr("Checks"), m_spec.assertions.size() + m_spec.extractions.size()));
    tabs->setTabText(tabs->indexOf(m_ui->bodyTab),
                     m_spec.body.mode == BodySpec::Mode::None ? tr("Body") : tr("Body ●"));
}

void RequestEditor::commitMethod()
{
    if (m_loading)
        return;
    const QString method = m_ui->methodCombo->currentText().trimmed().toUpper().remove(u' ');
    if (method.isEmpty()) {
        m_ui->methodCombo->setCurrentText(m_spec.method);
        return;
    }
    if (method != m_ui->methodCombo->currentText())
        m_ui->methodCombo->setCurrentText(method);
    if (method == m_spec.method)
        return;
    m_spec.method = method;
    emitEdited(u"method"_s);
}

void RequestEditor::commitUrl()
{
    if (m_loading || !m_urlDirty)
        return;
    m_urlDirty = false;
    auto [url, params] = splitUrl(m_ui->urlEdit->text().trimmed(), m_spec.params);
    if (url == m_spec.url && params == m_spec.params)
        return;
    m_spec.url = url;
    m_spec.params = params;
    emitEdited(u"url"_s);
}

void RequestEditor::commitBodyText()
{
    m_bodyTimer->stop();
    if (m_loading)
        return;
    const QString text = m_ui->bodyTextEdit->toPlainText();
    if (text == m_spec.body.text)
        return;
    m_spec.body.text = text;
    emitEdited(u"body.text"_s);
}

void RequestEditor::showBodyMode()
{
    const BodySpec::Mode mode = m_spec.body.mode;
    m_ui->bodyStack->setCurrentIndex(pageFor(mode));
    const bool hasContentType = mode == BodySpec::Mode::Raw || mode == BodySpec::Mode::Binary;
    m_ui->contentTypeLabel->setVisible(hasContentType);
    m_ui->contentTypeEdit->setVisible(hasContentType);
    m_ui->contentTypeEdit->setPlaceholderText(mode == BodySpec::Mode::Binary ? u"application/octet-stream"_s
                                                                              : u"text/plain"_s);
    if (mode == BodySpec::Mode::FormUrlEncoded)
        m_ui->formTable->setRows(m_spec.body.fields);
    if (mode == BodySpec::Mode::Multipart)
        m_ui->multipartTable->setRows(m_spec.body.fields);
    m_ui->bodyTextEdit->setPlaceholderText(mode == BodySpec::Mode::Json ? u"{\n  \"name\": \"{{name}}\"\n}"_s
                                                                        : tr("The text to send"));
    updateTabTitles();
    updateBodyStatus();
    updateBinaryStatus();
}

void RequestEditor::updateBodyStatus()
{
    QLabel *label = m_ui->bodyStatusLabel;
    if (m_spec.body.mode != BodySpec::Mode::Json) {
        label->clear();
        label->setVisible(false);
        return;
    }
    label->setVisible(true);
    const QString text = m_ui->bodyTextEdit->toPlainText();
    if (text.trimmed().isEmpty()) {
        label->setText(tr("Empty: nothing is sent."));
        label->setStyleSheet({});
        return;
    }
    const auto parsed = parseJson(text.toUtf8());
    if (parsed) {
        label->setText(tr("✓ Valid JSON"));
        label->setStyleSheet(u"color: #2b8a3e"_s);
        return;
    }
    // {{variables}} outside strings (a number, an object) make the text JSON only once filled in.
    static const QRegularExpression variable(u"\\{\\{[^{}]*\\}\\}"_s);
    QString filled = text;
    filled.replace(variable, u"0"_s);
    if (parseJson(filled.toUtf8())) {
        label->setText(tr("✓ Valid JSON once its {{variables}} are filled in"));
        label->setStyleSheet(u"color: #2b8a3e"_s);
        return;
    }
    label->setText(tr("✗ %1 (%2)").arg(parsed.error().message, parsed.error().where));
    label->setStyleSheet(u"color: #c92a2a"_s);
}

void RequestEditor::updateBinaryStatus()
{
    if (m_spec.body.mode != BodySpec::Mode::Binary) {
        m_ui->binaryStatusLabel->clear();
        return;
    }
    const QFileInfo info(m_spec.body.file);
    if (m_spec.body.file.isEmpty())
        m_ui->binaryStatusLabel->setText(tr("Choose the file to send."));
    else if (!info.isFile())
        m_ui->binaryStatusLabel->setText(tr("✗ There is no file at this path; sending will fail."));
    else
        m_ui->binaryStatusLabel->setText(tr("%1 will be sent.").arg(QLocale().formattedDataSize(info.size())));
}

} // namespace quarry::app
