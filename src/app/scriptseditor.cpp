// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "scriptseditor.h"
#include "ui_scriptseditor.h"

#include <Qsci/qsciapis.h>
#include <Qsci/qscilexerjavascript.h>
#include <Qsci/qsciscintilla.h>

#include <QFontDatabase>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

namespace {
// What completion offers after "pm.", "pm.response." and so on: the API the sandbox provides.
const char *const ApiWords[] = {
    "pm.test", "pm.test.skip", "pm.expect", "pm.info.eventName", "pm.info.iteration", "pm.info.iterationCount",
    "pm.info.requestName", "pm.info.requestId", "pm.response.code", "pm.response.status", "pm.response.headers",
    "pm.response.json", "pm.response.text", "pm.response.responseTime", "pm.response.responseSize",
    "pm.response.to.have.status", "pm.response.to.have.header", "pm.response.to.have.jsonBody",
    "pm.response.to.have.body", "pm.response.to.be.ok", "pm.response.to.be.success", "pm.response.to.be.json",
    "pm.request.url", "pm.request.method", "pm.request.headers", "pm.request.body", "pm.request.addHeader",
    "pm.request.upsertHeader", "pm.request.removeHeader", "pm.environment.get", "pm.environment.set",
    "pm.environment.unset", "pm.environment.has", "pm.environment.replaceIn", "pm.environment.toObject",
    "pm.collectionVariables.get", "pm.collectionVariables.set", "pm.collectionVariables.unset",
    "pm.collectionVariables.has", "pm.globals.get", "pm.globals.set", "pm.globals.unset", "pm.globals.has",
    "pm.variables.get", "pm.variables.set", "pm.variables.has", "pm.variables.replaceIn", "pm.iterationData.get",
    "pm.iterationData.has", "pm.iterationData.toObject", "pm.sendRequest", "pm.execution.setNextRequest",
    "postman.setNextRequest", "console.log", "console.info", "console.warn", "console.error", "require",
    "CryptoJS.SHA256", "CryptoJS.SHA1", "CryptoJS.SHA512", "CryptoJS.MD5", "CryptoJS.HmacSHA256",
    "CryptoJS.HmacSHA1", "CryptoJS.HmacSHA512", "CryptoJS.enc.Base64", "CryptoJS.enc.Hex", "CryptoJS.enc.Utf8",
    "atob", "btoa", "setTimeout", "JSON.parse", "JSON.stringify",
};
} // namespace

ScriptsEditor::ScriptsEditor(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::ScriptsEditor>()), m_timer(new QTimer(this))
{
    m_ui->setupUi(this);
    m_preRequest = makeEditor(m_ui->preRequestPage);
    m_test = makeEditor(m_ui->testPage);
    m_preRequest->setObjectName(u"preRequestEditor"_s);
    m_test->setObjectName(u"testEditor"_s);
    m_timer->setSingleShot(true);
    m_timer->setInterval(600);
    connect(m_timer, &QTimer::timeout, this, &ScriptsEditor::commitPending);
    for (QsciScintilla *editor : {m_preRequest, m_test}) {
        connect(editor, &QsciScintilla::textChanged, this, [this] {
            if (!m_loading)
                m_timer->start();
        });
    }
}

ScriptsEditor::~ScriptsEditor() = default;

QsciScintilla *ScriptsEditor::makeEditor(QWidget *page)
{
    auto *editor = new QsciScintilla(page);
    page->layout()->addWidget(editor);
    auto *lexer = new QsciLexerJavaScript(editor);
    const QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    lexer->setDefaultFont(font);
    lexer->setFont(font);
    auto *apis = new QsciAPIs(lexer);
    for (const char *word : ApiWords)
        apis->add(QString::fromLatin1(word));
    apis->prepare();
    editor->setLexer(lexer);
    editor->setUtf8(true);
    editor->setMarginType(0, QsciScintilla::NumberMargin);
    editor->setMarginWidth(0, u"0000"_s);
    editor->setAutoIndent(true);
    editor->setIndentationsUseTabs(false);
    editor->setIndentationWidth(4);
    editor->setBraceMatching(QsciScintilla::SloppyBraceMatch);
    editor->setAutoCompletionSource(QsciScintilla::AcsAll);
    editor->setAutoCompletionThreshold(2);
    editor->setAutoCompletionCaseSensitivity(true);
    editor->setAutoCompletionWordSeparators({u"."_s});
    return editor;
}

void ScriptsEditor::setScripts(const http::Scripts &scripts)
{
    m_timer->stop();
    m_loading = true;
    if (m_preRequest->text() != scripts.preRequest)
        m_preRequest->setText(scripts.preRequest);
    if (m_test->text() != scripts.test)
        m_test->setText(scripts.test);
    m_loading = false;
    m_shown = scripts;
    updateTitles();
}

http::Scripts ScriptsEditor::scripts() const
{
    return http::Scripts{m_preRequest->text(), m_test->text()};
}

void ScriptsEditor::commitPending()
{
    m_timer->stop();
    const http::Scripts now = scripts();
    if (now == m_shown)
        return;
    m_shown = now;
    updateTitles();
    emit scriptsEdited(now);
}

QString ScriptsEditor::title(const http::Scripts &scripts)
{
    const int n = (scripts.preRequest.trimmed().isEmpty() ? 0 : 1) + (scripts.test.trimmed().isEmpty() ? 0 : 1);
    return n ? tr("Scripts (%1)").arg(n) : tr("Scripts");
}

void ScriptsEditor::updateTitles()
{
    QTabWidget *tabs = m_ui->scriptTabs;
    tabs->setTabText(0, m_shown.preRequest.trimmed().isEmpty() ? tr("Pre-request") : tr("Pre-request •"));
    tabs->setTabText(1, m_shown.test.trimmed().isEmpty() ? tr("Tests") : tr("Tests •"));
}

} // namespace quarry::app
