// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "diagram/designpanel.h"
#include "ui_designpanel.h"

#include "schema/designedits.h"

#include <QHeaderView>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

using schema::DesignEdits;
using schema::ReferentialAction;
using schema::ReferentialActions;

namespace {
enum ColumnField { NameField, TypeField, NotNullField, PkField, UniqueField, DefaultField };

schema::Table *tableOf(schema::Schema &s, const QString &id)
{
    for (schema::Table &t : s.tables) {
        if (t.id == id)
            return &t;
    }
    return nullptr;
}

Error gone(const QString &where)
{
    return Error{Error::Kind::NotFound, QObject::tr("It no longer exists (undone or removed)."), where};
}

QTableWidgetItem *checkItem(bool on, bool enabled = true)
{
    auto *item = new QTableWidgetItem;
    item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsSelectable | (enabled ? Qt::ItemIsEnabled : Qt::NoItemFlags));
    item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    return item;
}
} // namespace

DesignPanel::DesignPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::DesignPanel>())
{
    m_ui->setupUi(this);
    for (const ReferentialAction action : ReferentialActions::All) {
        m_ui->onDeleteCombo->addItem(ReferentialActions::sql(action), int(action));
        m_ui->onUpdateCombo->addItem(ReferentialActions::sql(action), int(action));
    }
    QHeaderView *header = m_ui->columnsTable->horizontalHeader();
    header->setSectionResizeMode(NameField, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(TypeField, QHeaderView::ResizeToContents);
    header->setStretchLastSection(true);
    for (int c : {NotNullField, PkField, UniqueField})
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(DefaultField, QHeaderView::Interactive);
    m_ui->columnsTable->horizontalHeaderItem(NotNullField)->setToolTip(tr("NOT NULL: the column must have a value"));
    m_ui->columnsTable->horizontalHeaderItem(PkField)->setToolTip(tr("Part of the primary key"));
    m_ui->columnsTable->horizontalHeaderItem(UniqueField)->setToolTip(tr("Unique: no two rows share a value"));
    m_ui->columnsTable->horizontalHeaderItem(DefaultField)->setToolTip(
        tr("An SQL expression (now(), CURRENT_TIMESTAMP) or a literal: 'text', 42, true"));
    m_ui->errorLabel->hide();

    connect(m_ui->nameEdit, &QLineEdit::editingFinished, this, [this] {
        const QString name = m_ui->nameEdit->text().trimmed();
        const QString id = m_tableId;
        apply(tr("Rename table to %1").arg(name), [id, name](schema::Schema &s) -> Result<void> {
            schema::Table *t = tableOf(s, id);
            if (!t)
                return gone(id);
            if (name.isEmpty())
                return Error{Error::Kind::InvalidInput, tr("A table needs a name."), t->displayName()};
            if (t->name == name)
                return {};
            if (const schema::Table *other = s.table(name, t->nameSpace); other && other != t)
                return Error{Error::Kind::InvalidInput, tr("There is already a table %1.").arg(name), t->displayName()};
            s.renameTable(id, name);
            return {};
        });
    });
    connect(m_ui->schemaEdit, &QLineEdit::editingFinished, this, [this] {
        const QString ns = m_ui->schemaEdit->text().trimmed();
        const QString id = m_tableId;
        apply(tr("Move table to schema %1").arg(ns), [id, ns](schema::Schema &s) {
            return DesignEdits::setTableNamespace(s, id, ns == u"public"_s ? QString() : ns);
        });
    });
    connect(m_ui->commentEdit, &QLineEdit::editingFinished, this, [this] {
        const QString comment = m_ui->commentEdit->text();
        const QString id = m_tableId;
        apply(tr("Edit table comment"), [id, comment](schema::Schema &s) -> Result<void> {
            schema::Table *t = tableOf(s, id);
            if (!t)
                return gone(id);
            t->comment = comment;
            return {};
        });
    });
    connect(m_ui->columnsTable, &QTableWidget::cellChanged, this, [this](int row, int column) {
        if (!m_filling)
            columnEdited(row, column);
    });
    connect(m_ui->addColumnButton, &QPushButton::clicked, this, [this] { emit addColumnRequested(m_tableId); });
    connect(m_ui->removeColumnButton, &QPushButton::clicked, this, [this] {
        const int row = m_ui->columnsTable->currentRow();
        if (row < 0)
            return;
        const QString columnId = m_ui->columnsTable->item(row, NameField)->data(Qt::UserRole).toString();
        const QString name = m_ui->columnsTable->item(row, NameField)->text();
        const QString id = m_tableId;
        apply(tr("Remove column %1").arg(name), [id, columnId](schema::Schema &s) -> Result<void> {
            if (!DesignEdits::removeColumn(s, id, columnId))
                return gone(id);
            return {};
        });
    });

    auto actionEdit = [this](bool onDelete) {
        QComboBox *combo = onDelete ? m_ui->onDeleteCombo : m_ui->onUpdateCombo;
        const auto action = ReferentialAction(combo->currentData().toInt());
        const QString id = m_tableId;
        const QString fkId = m_foreignKeyId;
        apply(onDelete ? tr("Set ON DELETE %1").arg(combo->currentText()) : tr("Set ON UPDATE %1").arg(combo->currentText()),
              [id, fkId, action, onDelete](schema::Schema &s) -> Result<void> {
                  schema::Table *t = tableOf(s, id);
                  if (!t)
                      return gone(id);
                  for (schema::ForeignKey &fk : t->foreignKeys) {
                      if (fk.id == fkId) {
                          (onDelete ? fk.onDelete : fk.onUpdate) = action;
                          return {};
                      }
                  }
                  return gone(fkId);
              });
    };
    connect(m_ui->onDeleteCombo, &QComboBox::activated, this, [actionEdit] { actionEdit(true); });
    connect(m_ui->onUpdateCombo, &QComboBox::activated, this, [actionEdit] { actionEdit(false); });
    connect(m_ui->fkNameEdit, &QLineEdit::editingFinished, this, [this] {
        const QString name = m_ui->fkNameEdit->text().trimmed();
        const QString id = m_tableId;
        const QString fkId = m_foreignKeyId;
        apply(tr("Rename foreign key"), [id, fkId, name](schema::Schema &s) -> Result<void> {
            schema::Table *t = tableOf(s, id);
            if (!t)
                return gone(id);
            for (schema::ForeignKey &fk : t->foreignKeys) {
                if (fk.id == fkId) {
                    fk.name = name;
                    return {};
                }
            }
            return gone(fkId);
        });
    });
    // A one-column foreign key: which column references which key column. The types must match
    // (the Validator's rule), checked before the edit is made.
    auto pairEdit = [this](bool referencing) {
        QComboBox *combo = referencing ? m_ui->fkColumnCombo : m_ui->fkRefColumnCombo;
        const QString column = referencing ? combo->currentText() : combo->currentData().toString();
        const QString id = m_tableId;
        const QString fkId = m_foreignKeyId;
        apply(referencing ? tr("Foreign key column %1").arg(column) : tr("Foreign key references %1").arg(column),
              [id, fkId, column, referencing](schema::Schema &s) -> Result<void> {
                  schema::Table *t = tableOf(s, id);
                  if (!t)
                      return gone(id);
                  for (schema::ForeignKey &fk : t->foreignKeys) {
                      if (fk.id != fkId)
                          continue;
                      const schema::Table *target = s.table(fk.refTable, fk.refNamespace);
                      const QString from = referencing ? column : fk.columns.value(0);
                      const QString to = referencing ? fk.refColumns.value(0) : column;
                      const schema::Column *a = t->column(from);
                      const schema::Column *b = target ? target->column(to) : nullptr;
                      if (!a || !b)
                          return gone(fkId);
                      const QString where = t->displayName() + u'.' + a->name;
                      if (!a->type.isCompatibleReference(b->type))
                          return Error{Error::Kind::InvalidInput,
                                       tr("%1 is %2 but %3.%4 is %5: a foreign key needs matching types.")
                                           .arg(where, a->type.displayName(), target->displayName(), b->name,
                                                b->type.displayName()),
                                       where};
                      fk.columns = QStringList{a->name};
                      fk.refColumns = QStringList{b->name};
                      return {};
                  }
                  return gone(fkId);
              });
    };
    connect(m_ui->fkColumnCombo, &QComboBox::activated, this, [pairEdit] { pairEdit(true); });
    connect(m_ui->fkRefColumnCombo, &QComboBox::activated, this, [pairEdit] { pairEdit(false); });
    connect(m_ui->removeRelationButton, &QPushButton::clicked, this, [this] {
        const QString id = m_tableId;
        const QString fkId = m_foreignKeyId;
        apply(tr("Remove foreign key"), [id, fkId](schema::Schema &s) -> Result<void> {
            if (!DesignEdits::removeForeignKey(s, id, fkId))
                return gone(fkId);
            return {};
        });
    });
    showNothing();
}

DesignPanel::~DesignPanel() = default;

void DesignPanel::apply(const QString &text, const Edit &edit, const QString &mergeKey)
{
    if (m_filling || !m_apply)
        return;
    m_ui->errorLabel->hide();
    // Queued: the edit rebuilds this panel, which must not happen inside the signal of one of its
    // own widgets (a QTableWidget cell being committed).
    QTimer::singleShot(0, this, [this, text, edit, mergeKey] { m_apply(text, edit, mergeKey); });
}

void DesignPanel::showError(const QString &message)
{
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->setVisible(!message.isEmpty());
}

void DesignPanel::selectColumn(const QString &columnId, bool edit)
{
    QTableWidget *table = m_ui->columnsTable;
    for (int row = 0; row < table->rowCount(); ++row) {
        QTableWidgetItem *name = table->item(row, NameField);
        if (name && name->data(Qt::UserRole).toString() == columnId) {
            table->setCurrentCell(row, NameField);
            table->scrollToItem(name);
            if (edit) {
                table->setFocus();
                table->editItem(name);
            }
            return;
        }
    }
}

QString DesignPanel::currentColumnId() const
{
    const int row = m_ui->columnsTable->currentRow();
    const QTableWidgetItem *name = row >= 0 ? m_ui->columnsTable->item(row, NameField) : nullptr;
    return name ? name->data(Qt::UserRole).toString() : QString();
}

void DesignPanel::columnEdited(int row, int column)
{
    QTableWidgetItem *nameItem = m_ui->columnsTable->item(row, NameField);
    QTableWidgetItem *item = m_ui->columnsTable->item(row, column);
    if (!nameItem || !item)
        return;
    const QString tableId = m_tableId;
    const QString columnId = nameItem->data(Qt::UserRole).toString();
    const QString columnName = nameItem->data(Qt::UserRole + 1).toString();
    const QString text = item->text().trimmed();
    const bool checked = item->checkState() == Qt::Checked;
    auto withColumn = [tableId, columnId](schema::Schema &s,
                                          const std::function<Result<void>(schema::Table &, schema::Column &)> &f) -> Result<void> {
        schema::Table *t = tableOf(s, tableId);
        if (!t)
            return gone(tableId);
        for (schema::Column &c : t->columns) {
            if (c.id == columnId)
                return f(*t, c);
        }
        return gone(tableId);
    };
    switch (column) {
    case NameField:
        apply(tr("Rename column %1 to %2").arg(columnName, text), [=](schema::Schema &s) -> Result<void> {
            return withColumn(s, [&](schema::Table &t, schema::Column &c) -> Result<void> {
                if (text.isEmpty())
                    return Error{Error::Kind::InvalidInput, tr("A column needs a name."), t.displayName() + u'.' + c.name};
                if (const schema::Column *other = t.column(text); other && other != &c)
                    return Error{Error::Kind::InvalidInput, tr("%1 already has a column %2.").arg(t.displayName(), text),
                                 t.displayName()};
                s.renameColumn(tableId, columnId, text);
                return {};
            });
        });
        break;
    case TypeField:
        apply(tr("Change type of %1 to %2").arg(columnName, text), [=](schema::Schema &s) -> Result<void> {
            return withColumn(s, [&](schema::Table &t, schema::Column &c) -> Result<void> {
                auto type = DesignEdits::parseType(text);
                if (!type)
                    return Error{type.error().kind, type.error().message, t.displayName() + u'.' + c.name};
                c.type = type.value();
                return {};
            });
        });
        break;
    case NotNullField:
        apply(checked ? tr("Make %1 NOT NULL").arg(columnName) : tr("Make %1 nullable").arg(columnName),
              [=](schema::Schema &s) {
                  return withColumn(s, [&](schema::Table &t, schema::Column &c) -> Result<void> {
                      if (!checked && t.primaryKeyColumns().contains(c.name))
                          return Error{Error::Kind::InvalidInput, tr("A primary key column cannot be nullable."),
                                       t.displayName() + u'.' + c.name};
                      c.nullable = !checked;
                      return {};
                  });
              });
        break;
    case PkField:
        apply(checked ? tr("Add %1 to the primary key").arg(columnName) : tr("Take %1 out of the primary key").arg(columnName),
              [=](schema::Schema &s) { return DesignEdits::setPrimaryKey(s, tableId, columnId, checked); });
        break;
    case UniqueField:
        apply(checked ? tr("Make %1 unique").arg(columnName) : tr("Make %1 not unique").arg(columnName),
              [=](schema::Schema &s) {
                  return withColumn(s, [&](schema::Table &, schema::Column &c) -> Result<void> {
                      c.unique = checked;
                      return {};
                  });
              });
        break;
    case DefaultField:
        apply(tr("Set default of %1").arg(columnName), [=](schema::Schema &s) {
            return withColumn(s, [&](schema::Table &, schema::Column &c) -> Result<void> {
                c.defaultValue = DesignEdits::parseDefault(text);
                return {};
            });
        });
        break;
    default:
        break;
    }
}

void DesignPanel::showTable(const schema::Schema &s, const QString &tableId)
{
    const schema::Table *t = s.tableById(tableId);
    if (!t) {
        showNothing();
        return;
    }
    m_filling = true;
    m_tableId = tableId;
    m_foreignKeyId.clear();
    m_ui->pages->setCurrentWidget(m_ui->tablePage);
    m_ui->tableTitle->setText(tr("Table %1").arg(t->displayName()));
    if (!m_ui->nameEdit->hasFocus())
        m_ui->nameEdit->setText(t->name);
    if (!m_ui->schemaEdit->hasFocus())
        m_ui->schemaEdit->setText(t->nameSpace);
    if (!m_ui->commentEdit->hasFocus())
        m_ui->commentEdit->setText(t->comment);
    const int current = m_ui->columnsTable->currentRow();
    QTableWidget *table = m_ui->columnsTable;
    table->setRowCount(int(t->columns.size()));
    const QStringList pk = t->primaryKeyColumns();
    const QList<QStringList> uniques = t->uniqueKeys();
    for (int i = 0; i < t->columns.size(); ++i) {
        const schema::Column &c = t->columns.at(i);
        auto *name = new QTableWidgetItem(c.name);
        name->setData(Qt::UserRole, c.id);
        name->setData(Qt::UserRole + 1, c.name);
        table->setItem(i, NameField, name);
        table->setItem(i, TypeField, new QTableWidgetItem(c.type.displayName()));
        const bool isPk = pk.contains(c.name);
        table->setItem(i, NotNullField, checkItem(!c.nullable || isPk, !isPk));
        table->setItem(i, PkField, checkItem(isPk));
        table->setItem(i, UniqueField, checkItem(c.unique || uniques.contains(QStringList{c.name}), true));
        table->setItem(i, DefaultField, new QTableWidgetItem(DesignEdits::defaultText(c.defaultValue)));
    }
    if (current >= 0 && current < table->rowCount())
        table->setCurrentCell(current, 0);
    m_ui->removeColumnButton->setEnabled(!t->columns.isEmpty());
    m_filling = false;
}

void DesignPanel::showForeignKey(const schema::Schema &s, const QString &tableId, const QString &foreignKeyId)
{
    const schema::Table *t = s.tableById(tableId);
    const schema::ForeignKey *fk = nullptr;
    for (qsizetype i = 0; t && i < t->foreignKeys.size(); ++i) {
        if (t->foreignKeys.at(i).id == foreignKeyId)
            fk = &t->foreignKeys.at(i);
    }
    if (!fk) {
        showNothing();
        return;
    }
    m_filling = true;
    m_tableId = tableId;
    m_foreignKeyId = foreignKeyId;
    m_ui->pages->setCurrentWidget(m_ui->relationPage);
    const QString target = fk->refNamespace.isEmpty() ? fk->refTable : fk->refNamespace + u'.' + fk->refTable;
    m_ui->relationTitle->setText(tr("Foreign key %1 → %2").arg(t->displayName(), target));
    QStringList pairs;
    for (qsizetype i = 0; i < fk->columns.size(); ++i)
        pairs << u"%1.%2 → %3.%4"_s.arg(t->name, fk->columns.at(i), fk->refTable, fk->refColumns.value(i));
    m_ui->fkColumnsValue->setText(pairs.join(u'\n'));
    // One column: choose it and the key column it references; composite keys are shown only.
    const bool single = fk->columns.size() == 1 && fk->refColumns.size() == 1;
    const schema::Table *refTable = s.table(fk->refTable, fk->refNamespace);
    for (QWidget *w : {static_cast<QWidget *>(m_ui->fkColumnCombo), static_cast<QWidget *>(m_ui->fkColumnLabel),
                       static_cast<QWidget *>(m_ui->fkRefColumnCombo), static_cast<QWidget *>(m_ui->fkRefColumnLabel)})
        w->setVisible(single && refTable);
    m_ui->fkColumnsValue->setVisible(!single || !refTable);
    m_ui->fkColumnsLabel->setVisible(!single || !refTable);
    if (single && refTable) {
        m_ui->fkColumnCombo->clear();
        for (const schema::Column &c : t->columns)
            m_ui->fkColumnCombo->addItem(c.name);
        m_ui->fkColumnCombo->setCurrentText(fk->columns.first());
        m_ui->fkRefColumnCombo->clear();
        QStringList keys;
        const QStringList pk = refTable->primaryKeyColumns();
        if (pk.size() == 1)
            keys << pk.first();
        for (const QStringList &u : refTable->uniqueKeys()) {
            if (u.size() == 1 && !keys.contains(u.first()))
                keys << u.first();
        }
        if (!keys.contains(fk->refColumns.first()))
            keys << fk->refColumns.first();
        for (const QString &k : keys)
            m_ui->fkRefColumnCombo->addItem(u"%1.%2"_s.arg(refTable->name, k), k);
        m_ui->fkRefColumnCombo->setCurrentIndex(m_ui->fkRefColumnCombo->findData(fk->refColumns.first()));
    }
    if (!m_ui->fkNameEdit->hasFocus())
        m_ui->fkNameEdit->setText(fk->name);
    m_ui->onDeleteCombo->setCurrentIndex(m_ui->onDeleteCombo->findData(int(fk->onDelete)));
    m_ui->onUpdateCombo->setCurrentIndex(m_ui->onUpdateCombo->findData(int(fk->onUpdate)));
    m_filling = false;
}

void DesignPanel::showNothing(int selected)
{
    m_tableId.clear();
    m_foreignKeyId.clear();
    m_ui->pages->setCurrentWidget(m_ui->emptyPage);
    m_ui->emptyLabel->setText(selected > 1 ? tr("%1 items selected. Select one table or relation line to edit it here.")
                                                 .arg(selected)
                                           : tr("Select a table or a relation line to edit it here."));
}

void DesignPanel::refresh(const schema::Schema &schema)
{
    if (!m_foreignKeyId.isEmpty())
        showForeignKey(schema, m_tableId, m_foreignKeyId);
    else if (!m_tableId.isEmpty())
        showTable(schema, m_tableId);
}

} // namespace quarry::app
