// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "itemsettingseditor.h"
#include "ui_itemsettingseditor.h"

#include "autheditor.h"
#include "scriptseditor.h"

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

ItemSettingsEditor::ItemSettingsEditor(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ItemSettingsEditor>())
{
    m_ui->setupUi(this);
    // The auth form scrolls when the tab is short, on the tab's own background.
    m_ui->authScroll->viewport()->setAutoFillBackground(false);
    m_ui->authScrollContents->setAutoFillBackground(false);
    m_ui->variablesTable->setHint(tr("{{name}} in this collection; an environment's value wins."));
    m_ui->variablesTable->setToolTip(tr("Used as {{name}} by the collection's requests; an environment's variable of "
                                        "the same name wins. Unticked rows are kept but not used."));
    connect(m_ui->nameEdit, &QLineEdit::editingFinished, this, [this] {
        const QString name = m_ui->nameEdit->text().trimmed();
        if (m_loading || m_id.isEmpty() || name == m_name)
            return;
        if (name.isEmpty()) {
            m_ui->nameEdit->setText(m_name);   // a nameless item cannot be told apart in the tree
            return;
        }
        m_name = name;
        emit nameEdited(m_id, name);
    });
    connect(m_ui->authEditor, &AuthEditor::authEdited, this, [this](const http::AuthSpec &auth) {
        if (!m_loading && !m_id.isEmpty())
            emit authEdited(m_id, auth);
    });
    connect(m_ui->scriptsEditor, &ScriptsEditor::scriptsEdited, this, [this](const http::Scripts &scripts) {
        if (!m_loading && !m_id.isEmpty())
            emit scriptsEdited(m_id, scripts);
    });
    connect(m_ui->variablesTable, &KeyValueTable::rowsEdited, this, [this] {
        if (m_loading || m_id.isEmpty())
            return;
        // The secret flag (set in the file) stays with the name.
        QList<http::Variable> variables;
        for (const http::KeyValue &row : m_ui->variablesTable->rows()) {
            if (row.name.trimmed().isEmpty())
                continue;
            http::Variable v;
            v.name = row.name.trimmed();
            v.value = row.value;
            v.enabled = row.enabled;
            for (const http::Variable &old : std::as_const(m_variables)) {
                if (old.name == v.name)
                    v.secret = old.secret;
            }
            variables.append(v);
        }
        if (variables == m_variables)
            return;
        m_variables = variables;
        emit variablesEdited(m_id, variables);
    });
}

ItemSettingsEditor::~ItemSettingsEditor() = default;

AuthEditor *ItemSettingsEditor::authEditor() const
{
    return m_ui->authEditor;
}

void ItemSettingsEditor::setItem(Kind kind, const QString &id, const QString &name, const http::AuthSpec &auth,
                                 const QList<http::Variable> &variables)
{
    m_loading = true;
    const bool sameItem = id == m_id;
    m_kind = kind;
    m_id = id;
    if (!sameItem || name != m_name)
        m_ui->nameEdit->setText(name);
    m_name = name;
    const bool collection = kind == Kind::Collection;
    m_ui->titleLabel->setText(collection ? tr("<b>Collection settings</b> — the auth and variables every request in "
                                              "it uses unless a folder or the request sets its own.")
                                         : tr("<b>Folder settings</b> — the auth the requests in this folder use "
                                              "unless a folder inside or the request sets its own."));
    m_ui->authHintLabel->setText(collection ? tr("Requests and folders set to Inherit use this.")
                                            : tr("Requests and folders below set to Inherit use this."));
    m_ui->authEditor->setInheritChoice(collection ? tr("Inherit (nothing above a collection: no auth)")
                                                  : tr("Inherit from the enclosing folder or collection"));
    m_ui->authEditor->setAuth(auth, sameItem);
    m_ui->settingsTabs->setTabVisible(m_ui->settingsTabs->indexOf(m_ui->variablesTab), collection);
    if (!sameItem || variables != m_variables) {
        QList<http::KeyValue> rows;
        for (const http::Variable &v : variables) {
            http::KeyValue row;
            row.name = v.name;
            row.value = v.value;
            row.enabled = v.enabled;
            rows.append(row);
        }
        m_ui->variablesTable->setRows(rows);
    }
    m_variables = variables;
    m_ui->settingsTabs->setTabText(m_ui->settingsTabs->indexOf(m_ui->variablesTab),
                                   variables.isEmpty() ? tr("Variables") : tr("Variables (%1)").arg(variables.size()));
    m_loading = false;
}

void ItemSettingsEditor::setScripts(const http::Scripts &scripts)
{
    m_loading = true;
    m_ui->scriptsEditor->setScripts(scripts);
    m_ui->settingsTabs->setTabText(m_ui->settingsTabs->indexOf(m_ui->scriptsTab), ScriptsEditor::title(scripts));
    m_loading = false;
}

void ItemSettingsEditor::setRequests(const QList<std::pair<QString, QString>> &requests)
{
    m_ui->authEditor->setRequests(requests);
}

void ItemSettingsEditor::setAuthProfiles(const QList<std::pair<QString, QString>> &profiles)
{
    m_ui->authEditor->setAuthProfiles(profiles);
}

void ItemSettingsEditor::setInheritText(const QString &text)
{
    m_ui->authEditor->setInheritText(text);
}

void ItemSettingsEditor::commitPending()
{
    m_ui->authEditor->commitPending();
    m_ui->scriptsEditor->commitPending();
}

} // namespace quarry::app
