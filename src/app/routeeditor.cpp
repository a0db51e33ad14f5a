// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "routeeditor.h"
#include "ui_routeeditor.h"

#include "jsonhighlighter.h"

#include "httpstatus.h"
#include "jsontext.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QScopedValueRollback>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

namespace {
const char *const NoResource = QT_TRANSLATE_NOOP("RouteEditor", "None: answer with the responses below");
}

RouteEditor::RouteEditor(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RouteEditor>())
{
    m_ui->setupUi(this);
    m_ui->bodyEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->bodyEdit->setTabStopDistance(m_ui->bodyEdit->fontMetrics().horizontalAdvance(u' ') * 2);
    new JsonHighlighter(m_ui->bodyEdit->document());
    m_ui->headersTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_ui->headersTable->horizontalHeader()->resizeSection(0, 160);
    m_ui->responsesSplitter->setSizes({180, 520});

    connect(m_ui->methodCombo, &QComboBox::currentTextChanged, this, [this](const QString &method) {
        m_route.method = method;
        emitEdited(u"method"_s);
    });
    connect(m_ui->pathEdit, &QLineEdit::textEdited, this, [this](const QString &path) {
        m_route.path = path;
        emitEdited(u"path"_s);
    });
    connect(m_ui->enabledCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_route.enabled = on;
        emitEdited(u"enabled"_s);
    });
    connect(m_ui->descriptionEdit, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_route.description = text;
        emitEdited(u"description"_s);
    });
    connect(m_ui->resourceCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index <= 0)
            m_route.resource.reset();
        else
            m_route.resource = mock::ResourceSpec{m_ui->resourceCombo->currentText(), {}, {}};
        emitEdited(u"resource"_s);
    });
    connect(m_ui->authRequiredCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_route.auth.insert(u"required"_s, on);
        m_ui->rolesEdit->setEnabled(on);
        emitEdited(u"auth"_s);
    });
    connect(m_ui->rolesEdit, &QLineEdit::textEdited, this, [this](const QString &text) {
        QJsonArray roles;
        for (const QString &role : text.split(u',', Qt::SkipEmptyParts))
            roles.append(role.trimmed());
        if (roles.isEmpty())
            m_route.auth.remove(u"roles"_s);
        else
            m_route.auth.insert(u"roles"_s, roles);
        emitEdited(u"roles"_s);
    });
    connect(m_ui->modeCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_route.mode = mock::Route::Mode(index);
        emitEdited(u"mode"_s);
    });

    connect(m_ui->responsesList, &QListWidget::currentRowChanged, this, &RouteEditor::showResponse);
    connect(m_ui->addResponseButton, &QPushButton::clicked, this, [this] {
        mock::ResponseSpec response;
        response.status = 200;
        response.headers = {{u"Content-Type"_s, u"application/json"_s}};
        response.body = u"{}"_s;
        m_route.responses.append(response);
        m_ui->responsesList->addItem(QString());
        updateResponseItem(int(m_route.responses.size()) - 1);
        emitEdited(u"responses"_s);
        m_ui->responsesList->setCurrentRow(int(m_route.responses.size()) - 1);
    });
    connect(m_ui->removeResponseButton, &QPushButton::clicked, this, [this] {
        const int row = m_ui->responsesList->currentRow();
        if (row < 0 || row >= m_route.responses.size())
            return;
        m_route.responses.removeAt(row);
        delete m_ui->responsesList->takeItem(row);
        emitEdited(u"responses"_s);
    });
    connect(m_ui->statusSpin, &QSpinBox::valueChanged, this, [this](int status) {
        m_ui->statusMeaningLabel->setText(HttpStatus::reason(status));
        m_ui->statusMeaningLabel->setToolTip(HttpStatus::meaning(status));
        if (auto *r = currentResponse()) {
            r->status = status;
            updateResponseItem(m_ui->responsesList->currentRow());
            emitEdited(u"status"_s);
        }
    });
    connect(m_ui->responseLabelEdit, &QLineEdit::textEdited, this, [this](const QString &label) {
        if (auto *r = currentResponse()) {
            r->label = label;
            updateResponseItem(m_ui->responsesList->currentRow());
            emitEdited(u"label"_s);
        }
    });
    connect(m_ui->headersTable, &QTableWidget::itemChanged, this, [this] {
        auto *r = currentResponse();
        if (!r || m_loading)
            return;
        r->headers.clear();
        for (int row = 0; row < m_ui->headersTable->rowCount(); ++row) {
            const auto *name = m_ui->headersTable->item(row, 0);
            const auto *value = m_ui->headersTable->item(row, 1);
            if (name && !name->text().trimmed().isEmpty())
                r->headers.append({name->text().trimmed(), value ? value->text() : QString()});
        }
        // Keep one empty row at the end for the next header.
        const int last = m_ui->headersTable->rowCount() - 1;
        const auto *lastName = m_ui->headersTable->item(last, 0);
        if (last < 0 || (lastName && !lastName->text().isEmpty())) {
            QScopedValueRollback loading(m_loading, true);
            m_ui->headersTable->insertRow(last + 1);
        }
        emitEdited(u"headers"_s);
    });
    connect(m_ui->bodyEdit, &QPlainTextEdit::textChanged, this, [this] {
        updateBodyStatus();
        auto *r = currentResponse();
        if (!r || m_loading)
            return;
        r->body = m_ui->bodyEdit->toPlainText();
        r->bodyIsTemplate = r->body.contains(u"{{"_s);
        emitEdited(u"body"_s);
    });
    clearRoute();
}

RouteEditor::~RouteEditor() = default;

void RouteEditor::setRoute(const mock::Route &route, const QStringList &tables)
{
    QScopedValueRollback loading(m_loading, true);
    m_route = route;
    setEnabled(true);
    m_ui->methodCombo->setCurrentText(route.method);
    if (m_ui->pathEdit->text() != route.path)
        m_ui->pathEdit->setText(route.path);
    m_ui->enabledCheck->setChecked(route.enabled);
    if (m_ui->descriptionEdit->text() != route.description)
        m_ui->descriptionEdit->setText(route.description);
    m_ui->resourceCombo->clear();
    m_ui->resourceCombo->addItem(tr(NoResource));
    m_ui->resourceCombo->addItems(tables);
    if (route.resource) {
        if (!tables.contains(route.resource->table))
            m_ui->resourceCombo->addItem(route.resource->table);
        m_ui->resourceCombo->setCurrentText(route.resource->table);
    }
    const bool required = route.auth.value(u"required"_s).toBool();
    m_ui->authRequiredCheck->setChecked(required);
    QStringList roles;
    for (const QJsonValue &role : route.auth.value(u"roles"_s).toArray())
        roles << role.toString();
    const QString rolesText = roles.join(u", "_s);
    if (QString(m_ui->rolesEdit->text()).remove(u' ') != QString(rolesText).remove(u' '))
        m_ui->rolesEdit->setText(rolesText);
    m_ui->rolesEdit->setEnabled(required);
    m_ui->modeCombo->setCurrentIndex(int(route.mode));

    const int current = m_ui->responsesList->currentRow();
    m_ui->responsesList->clear();
    for (int i = 0; i < route.responses.size(); ++i) {
        m_ui->responsesList->addItem(QString());
        updateResponseItem(i);
    }
    const int row = route.responses.isEmpty() ? -1 : std::clamp(current, 0, int(route.responses.size()) - 1);
    m_ui->responsesList->setCurrentRow(row);
    showResponse(row);
}

void RouteEditor::clearRoute()
{
    QScopedValueRollback loading(m_loading, true);
    m_route = mock::Route();
    m_route.method.clear();
    m_ui->pathEdit->clear();
    m_ui->descriptionEdit->clear();
    m_ui->responsesList->clear();
    showResponse(-1);
    setEnabled(false);
}

void RouteEditor::showResponse(int index)
{
    QScopedValueRollback loading(m_loading, true);
    const bool valid = index >= 0 && index < m_route.responses.size();
    m_ui->responseBox->setEnabled(valid);
    m_ui->removeResponseButton->setEnabled(valid);
    m_ui->headersTable->setRowCount(0);
    if (!valid) {
        m_ui->bodyEdit->clear();
        m_ui->responseLabelEdit->clear();
        m_ui->bodyStatusLabel->setText(m_route.resource
                                           ? tr("A CRUD resource answers from its table; responses are not needed.")
                                           : QString());
        return;
    }
    const mock::ResponseSpec &r = m_route.responses.at(index);
    m_ui->statusSpin->setValue(r.status);
    m_ui->statusMeaningLabel->setText(HttpStatus::reason(r.status));
    m_ui->statusMeaningLabel->setToolTip(HttpStatus::meaning(r.status));
    m_ui->responseLabelEdit->setText(r.label);
    m_ui->headersTable->setRowCount(int(r.headers.size()) + 1);
    for (int row = 0; row < r.headers.size(); ++row) {
        m_ui->headersTable->setItem(row, 0, new QTableWidgetItem(r.headers.at(row).first));
        m_ui->headersTable->setItem(row, 1, new QTableWidgetItem(r.headers.at(row).second));
    }
    if (m_ui->bodyEdit->toPlainText() != r.body)
        m_ui->bodyEdit->setPlainText(r.body);
    updateBodyStatus();
}

void RouteEditor::updateResponseItem(int index)
{
    QListWidgetItem *item = m_ui->responsesList->item(index);
    if (!item || index >= m_route.responses.size())
        return;
    const mock::ResponseSpec &r = m_route.responses.at(index);
    QString text = u"%1 %2"_s.arg(r.status).arg(HttpStatus::reason(r.status));
    if (!r.label.isEmpty())
        text += u" · "_s + r.label;
    if (!r.rules.isEmpty())
        text += tr(" · %n rule(s)", nullptr, int(r.rules.size()));
    item->setText(text);
}

void RouteEditor::updateBodyStatus()
{
    const QString body = m_ui->bodyEdit->toPlainText();
    if (body.trimmed().isEmpty()) {
        m_ui->bodyStatusLabel->setText(tr("Empty body."));
    } else if (body.contains(u"{{"_s)) {
        m_ui->bodyStatusLabel->setText(tr("Template: rendered for each request."));
    } else if (const auto parsed = parseJson(body.toUtf8()); parsed) {
        m_ui->bodyStatusLabel->setText(tr("✓ Valid JSON."));
    } else {
        m_ui->bodyStatusLabel->setText(
            tr("Not JSON (%1): %2 It is sent as written.").arg(parsed.error().where, parsed.error().message));
    }
}

mock::ResponseSpec *RouteEditor::currentResponse()
{
    const int row = m_ui->responsesList->currentRow();
    return row >= 0 && row < m_route.responses.size() ? &m_route.responses[row] : nullptr;
}

void RouteEditor::emitEdited(const QString &field)
{
    if (m_loading || m_route.id.isEmpty())
        return;
    emit routeEdited(m_route, field);
}

} // namespace quarry::app
