// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "environmentsdialog.h"
#include "ui_environmentsdialog.h"

#include "collectionedit.h"
#include "setsectioncommand.h"

#include "workspace/secretref.h"
#include "workspace/workspace.h"

#include <QHeaderView>
#include <QPushButton>
#include <QUndoStack>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

using http::Environment;
using http::Variable;
using workspace::Section;

namespace {
enum Column { NameColumn, ValueColumn, SecretColumn };
}

EnvironmentsDialog::EnvironmentsDialog(QUndoStack *undoStack, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::EnvironmentsDialog>())
    , m_undoStack(undoStack)
{
    m_ui->setupUi(this);
    m_ui->variablesTable->verticalHeader()->setVisible(false);
    m_ui->variablesTable->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_ui->variablesTable->horizontalHeader()->resizeSection(NameColumn, 180);
    m_ui->variablesTable->horizontalHeader()->setSectionResizeMode(SecretColumn, QHeaderView::ResizeToContents);
    m_ui->hintLabel->setEnabled(false);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->environmentsList, &QListWidget::currentRowChanged, this, &EnvironmentsDialog::showCurrent);
    connect(m_ui->variablesTable, &QTableWidget::itemChanged, this, [this] {
        if (!m_loading)
            commitTable();
    });
    connect(m_ui->nameEdit, &QLineEdit::editingFinished, this, [this] {
        QList<Environment> list = environments();
        const int index = environmentIndex(m_ui->environmentsList->currentRow(), list);
        const QString name = m_ui->nameEdit->text().trimmed();
        if (index < 0 || name.isEmpty() || list[index].name == name)
            return;
        list[index].name = name;
        commit(list, tr("Rename environment to %1").arg(name));
    });
    connect(m_ui->addEnvironmentButton, &QPushButton::clicked, this, [this] { addEnvironment(tr("New environment")); });
    connect(m_ui->removeEnvironmentButton, &QPushButton::clicked, this, [this] {
        QList<Environment> list = environments();
        const int index = environmentIndex(m_ui->environmentsList->currentRow(), list);
        if (index < 0 || list[index].global)
            return;
        const QString name = list[index].name;
        list.removeAt(index);
        commit(list, tr("Remove environment %1").arg(name));
    });
    connect(m_ui->addVariableButton, &QPushButton::clicked, this, [this] {
        addVariable(u"variable%1"_s.arg(m_ui->variablesTable->rowCount() + 1), {}, false);
        m_ui->variablesTable->editItem(m_ui->variablesTable->item(m_ui->variablesTable->rowCount() - 1, NameColumn));
    });
    connect(m_ui->removeVariableButton, &QPushButton::clicked, this, [this] {
        if (m_ui->variablesTable->currentRow() < 0)
            return;
        m_ui->variablesTable->removeRow(m_ui->variablesTable->currentRow());
        commitTable();
    });
}

EnvironmentsDialog::~EnvironmentsDialog() = default;

void EnvironmentsDialog::setWorkspace(workspace::Workspace *workspace)
{
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    m_workspace = workspace;
    if (workspace) {
        connect(workspace, &workspace::Workspace::sectionChanged, this, [this](Section s) {
            if (s == Section::Environments)
                reload();
        });
    }
    reload();
}

QList<Environment> EnvironmentsDialog::environments() const
{
    return m_workspace ? Environment::listFromJson(m_workspace->sectionArray(Section::Environments))
                       : QList<Environment>{};
}

int EnvironmentsDialog::environmentIndex(int row, const QList<Environment> &list) const
{
    if (row < 0)
        return -1;
    if (row == 0) {
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (list[i].global)
                return int(i);
        }
        return -1;
    }
    int seen = 0;
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list[i].global)
            continue;
        if (++seen == row)
            return int(i);
    }
    return -1;
}

void EnvironmentsDialog::reload()
{
    m_loading = true;
    const int row = std::max(0, m_ui->environmentsList->currentRow());
    m_ui->environmentsList->clear();
    m_ui->environmentsList->addItem(tr("Globals (every environment)"));
    for (const Environment &e : environments()) {
        if (!e.global)
            m_ui->environmentsList->addItem(e.name);
    }
    m_ui->environmentsList->setCurrentRow(std::min(row, m_ui->environmentsList->count() - 1));
    m_loading = false;
    showCurrent();
    setEnabled(m_workspace != nullptr);
}

void EnvironmentsDialog::selectEnvironment(const QString &name)
{
    const auto found = m_ui->environmentsList->findItems(name, Qt::MatchExactly);
    m_ui->environmentsList->setCurrentRow(found.isEmpty() ? 0 : m_ui->environmentsList->row(found.first()));
}

void EnvironmentsDialog::selectRow(int row)
{
    m_ui->environmentsList->setCurrentRow(row);
}

void EnvironmentsDialog::showCurrent()
{
    if (m_loading)
        return;
    m_loading = true;
    const QList<Environment> list = environments();
    const int row = m_ui->environmentsList->currentRow();
    const int index = environmentIndex(row, list);
    m_ui->nameEdit->setText(row == 0 ? tr("Globals") : index >= 0 ? list[index].name : QString());
    m_ui->nameEdit->setEnabled(row > 0);
    m_ui->removeEnvironmentButton->setEnabled(row > 0);
    m_ui->variablesTable->setRowCount(0);
    const QList<Variable> variables = index >= 0 ? list[index].variables : QList<Variable>{};
    for (const Variable &v : variables) {
        const int r = m_ui->variablesTable->rowCount();
        m_ui->variablesTable->insertRow(r);
        auto *name = new QTableWidgetItem(v.name);
        name->setFlags(name->flags() | Qt::ItemIsUserCheckable);
        name->setCheckState(v.enabled ? Qt::Checked : Qt::Unchecked);
        m_ui->variablesTable->setItem(r, NameColumn, name);
        m_ui->variablesTable->setItem(r, ValueColumn, new QTableWidgetItem(v.value));
        auto *secret = new QTableWidgetItem;
        secret->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        secret->setCheckState(v.secret ? Qt::Checked : Qt::Unchecked);
        m_ui->variablesTable->setItem(r, SecretColumn, secret);
    }
    m_loading = false;
    updateProblems();
}

void EnvironmentsDialog::commit(const QList<Environment> &list, const QString &text, const QString &mergeKey)
{
    if (!m_workspace)
        return;
    m_undoStack->push(new SetSectionCommand(m_workspace, Section::Environments, Environment::listToJson(list), text,
                                            mergeKey));
}

void EnvironmentsDialog::commitTable()
{
    QList<Environment> list = environments();
    const int row = m_ui->environmentsList->currentRow();
    int index = environmentIndex(row, list);
    if (index < 0 && row == 0) {
        // The first global variable creates the global scope.
        Environment globals;
        globals.id = u"env-globals"_s;
        globals.name = tr("Globals");
        globals.global = true;
        list.prepend(globals);
        index = 0;
    }
    if (index < 0)
        return;
    QList<Variable> variables;
    for (int r = 0; r < m_ui->variablesTable->rowCount(); ++r) {
        Variable v;
        v.name = m_ui->variablesTable->item(r, NameColumn)->text().trimmed();
        v.enabled = m_ui->variablesTable->item(r, NameColumn)->checkState() == Qt::Checked;
        v.value = m_ui->variablesTable->item(r, ValueColumn)->text();
        v.secret = m_ui->variablesTable->item(r, SecretColumn)->checkState() == Qt::Checked;
        variables.append(v);
    }
    if (variables == list[index].variables)
        return;
    list[index].variables = variables;
    commit(list, tr("Edit the variables of %1").arg(list[index].name));
}

void EnvironmentsDialog::addEnvironment(const QString &name)
{
    QList<Environment> list = environments();
    Environment e;
    QList<http::Collection> none;
    QSet<QString> ids;
    for (const Environment &x : list)
        ids.insert(x.id);
    e.id = collectionedit::uniqueId(none, u"env"_s, name);
    for (int n = 2; ids.contains(e.id); ++n)
        e.id = collectionedit::uniqueId(none, u"env"_s, name + u' ' + QString::number(n));
    e.name = name;
    list.append(e);
    commit(list, tr("Add environment %1").arg(name));
    m_ui->environmentsList->setCurrentRow(m_ui->environmentsList->count() - 1);
}

void EnvironmentsDialog::addVariable(const QString &name, const QString &value, bool secret)
{
    m_loading = true;
    const int r = m_ui->variablesTable->rowCount();
    m_ui->variablesTable->insertRow(r);
    auto *nameItem = new QTableWidgetItem(name);
    nameItem->setFlags(nameItem->flags() | Qt::ItemIsUserCheckable);
    nameItem->setCheckState(Qt::Checked);
    m_ui->variablesTable->setItem(r, NameColumn, nameItem);
    m_ui->variablesTable->setItem(r, ValueColumn, new QTableWidgetItem(value));
    auto *secretItem = new QTableWidgetItem;
    secretItem->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    secretItem->setCheckState(secret ? Qt::Checked : Qt::Unchecked);
    m_ui->variablesTable->setItem(r, SecretColumn, secretItem);
    m_loading = false;
    commitTable();
}

void EnvironmentsDialog::updateProblems()
{
    QStringList problems;
    const QList<Environment> list = environments();
    for (const Environment &e : list) {
        for (const Variable &v : e.variables) {
            if (v.secret && !v.value.isEmpty() && !workspace::SecretRef::isReference(v.value)) {
                problems << tr("✗ %1 › %2: a secret variable must hold a reference such as env:%3 or keychain:%3, "
                               "not the secret itself. The workspace will not save until this is fixed.")
                                .arg(e.global ? tr("Globals") : e.name, v.name, v.name.toUpper());
            }
        }
    }
    // Mark the offending cells of the environment on show.
    for (int r = 0; r < m_ui->variablesTable->rowCount(); ++r) {
        QTableWidgetItem *value = m_ui->variablesTable->item(r, ValueColumn);
        const bool secret = m_ui->variablesTable->item(r, SecretColumn)->checkState() == Qt::Checked;
        const bool bad = secret && !value->text().isEmpty() && !workspace::SecretRef::isReference(value->text());
        const bool wasLoading = m_loading;
        m_loading = true;
        value->setBackground(bad ? QColor(0xff, 0xe3, 0xe3) : QBrush());
        value->setToolTip(bad ? tr("Not a reference: write env:NAME or keychain:NAME") : QString());
        m_loading = wasLoading;
    }
    m_ui->problemLabel->setText(problems.join(u'\n'));
    m_ui->problemLabel->setStyleSheet(u"color: #c92a2a"_s);
    m_ui->problemLabel->setVisible(!problems.isEmpty());
}

QString EnvironmentsDialog::problemText() const
{
    return m_ui->problemLabel->text();
}

} // namespace quarry::app
