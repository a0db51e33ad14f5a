// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "keyvaluetable.h"
#include "ui_keyvaluetable.h"

#include <QFileDialog>
#include <QHeaderView>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

namespace {
constexpr int NameColumn = 0;
constexpr int ValueColumn = 1;
constexpr int TypeColumn = 2;
} // namespace

KeyValueTable::KeyValueTable(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::KeyValueTable>())
{
    m_ui->setupUi(this);
    m_ui->rowsTable->setColumnCount(2);
    m_ui->rowsTable->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_ui->rowsTable->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    m_ui->rowsTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->rowsTable->horizontalHeader()->resizeSection(NameColumn, 200);
    m_ui->rowsTable->verticalHeader()->setVisible(false);
    m_ui->rowsTable->verticalHeader()->setDefaultSectionSize(m_ui->rowsTable->fontMetrics().height() + 8);
    m_ui->fileButton->setVisible(false);
    m_ui->hintLabel->setVisible(false);
    connect(m_ui->addButton, &QPushButton::clicked, this, [this] {
        addRow({});
        m_ui->rowsTable->setCurrentCell(m_ui->rowsTable->rowCount() - 1, NameColumn);
        m_ui->rowsTable->editItem(m_ui->rowsTable->item(m_ui->rowsTable->rowCount() - 1, NameColumn));
    });
    connect(m_ui->removeButton, &QPushButton::clicked, this, [this] {
        if (m_ui->rowsTable->currentRow() >= 0)
            removeRow(m_ui->rowsTable->currentRow());
    });
    connect(m_ui->fileButton, &QPushButton::clicked, this, &KeyValueTable::chooseFile);
    connect(m_ui->rowsTable, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_loading)
            return;
        emit rowsEdited();
    });
    // Double-clicking a multipart row's kind turns a file row back into text and vice versa.
    connect(m_ui->rowsTable, &QTableWidget::cellDoubleClicked, this, [this](int row, int column) {
        if (!m_fileRows || column != TypeColumn)
            return;
        QList<http::KeyValue> all = rows();
        all[row].isFile = !all[row].isFile;
        setRows(all);
        emit rowsEdited();
    });
    connect(m_ui->rowsTable, &QTableWidget::itemSelectionChanged, this, [this] {
        m_ui->removeButton->setEnabled(m_ui->rowsTable->currentRow() >= 0);
        m_ui->fileButton->setEnabled(m_ui->rowsTable->currentRow() >= 0);
    });
    m_ui->removeButton->setEnabled(false);
    m_ui->fileButton->setEnabled(false);
}

KeyValueTable::~KeyValueTable() = default;

void KeyValueTable::setFileRows(bool enabled)
{
    m_fileRows = enabled;
    m_ui->rowsTable->setColumnCount(enabled ? 3 : 2);
    if (enabled) {
        m_ui->rowsTable->setHorizontalHeaderLabels({tr("Name"), tr("Value or file path"), tr("Kind")});
        m_ui->rowsTable->horizontalHeader()->setStretchLastSection(false);
        m_ui->rowsTable->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
        m_ui->rowsTable->horizontalHeader()->setSectionResizeMode(TypeColumn, QHeaderView::ResizeToContents);
    }
    m_ui->fileButton->setVisible(enabled);
}

void KeyValueTable::setHint(const QString &text)
{
    m_ui->hintLabel->setText(text);
    m_ui->hintLabel->setVisible(!text.isEmpty());
}

void KeyValueTable::appendRow(const http::KeyValue &row)
{
    const int r = m_ui->rowsTable->rowCount();
    m_ui->rowsTable->insertRow(r);
    auto *name = new QTableWidgetItem(row.name);
    name->setFlags(name->flags() | Qt::ItemIsUserCheckable);
    name->setCheckState(row.enabled ? Qt::Checked : Qt::Unchecked);
    name->setToolTip(tr("Untick to keep the row without sending it."));
    m_ui->rowsTable->setItem(r, NameColumn, name);
    auto *value = new QTableWidgetItem(row.value);
    m_ui->rowsTable->setItem(r, ValueColumn, value);
    if (m_fileRows) {
        auto *kind = new QTableWidgetItem(row.isFile ? tr("file") : tr("text"));
        kind->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        kind->setData(Qt::UserRole, row.isFile);
        kind->setData(Qt::UserRole + 1, row.contentType);
        kind->setToolTip(row.isFile ? tr("The value is a file path; the file's bytes are sent. Double-click to send it as text.")
                                     : tr("Sent as text. Double-click to send the value as a file path."));
        m_ui->rowsTable->setItem(r, TypeColumn, kind);
    }
}

void KeyValueTable::setRows(const QList<http::KeyValue> &rows)
{
    m_loading = true;
    m_ui->rowsTable->setRowCount(0);
    for (const http::KeyValue &row : rows)
        appendRow(row);
    m_loading = false;
}

QList<http::KeyValue> KeyValueTable::rows() const
{
    QList<http::KeyValue> out;
    for (int r = 0; r < m_ui->rowsTable->rowCount(); ++r) {
        http::KeyValue kv;
        const QTableWidgetItem *name = m_ui->rowsTable->item(r, NameColumn);
        const QTableWidgetItem *value = m_ui->rowsTable->item(r, ValueColumn);
        kv.name = name ? name->text() : QString();
        kv.enabled = !name || name->checkState() == Qt::Checked;
        kv.value = value ? value->text() : QString();
        if (const QTableWidgetItem *kind = m_fileRows ? m_ui->rowsTable->item(r, TypeColumn) : nullptr) {
            kv.isFile = kind->data(Qt::UserRole).toBool();
            kv.contentType = kind->data(Qt::UserRole + 1).toString();
        }
        out.append(kv);
    }
    return out;
}

void KeyValueTable::addRow(const http::KeyValue &row)
{
    m_loading = true;
    appendRow(row);
    m_loading = false;
    emit rowsEdited();
}

void KeyValueTable::removeRow(int row)
{
    if (row < 0 || row >= m_ui->rowsTable->rowCount())
        return;
    m_ui->rowsTable->removeRow(row);
    emit rowsEdited();
}

void KeyValueTable::setFile(int row, const QString &path)
{
    if (!m_fileRows || row < 0 || row >= m_ui->rowsTable->rowCount())
        return;
    QList<http::KeyValue> all = rows();
    all[row].isFile = true;
    all[row].value = path;
    setRows(all);
    emit rowsEdited();
}

void KeyValueTable::setCell(int row, int column, const QString &text)
{
    if (QTableWidgetItem *item = m_ui->rowsTable->item(row, column))
        item->setText(text);   // itemChanged -> rowsEdited()
}

void KeyValueTable::setRowEnabled(int row, bool enabled)
{
    if (QTableWidgetItem *item = m_ui->rowsTable->item(row, NameColumn))
        item->setCheckState(enabled ? Qt::Checked : Qt::Unchecked);
}

void KeyValueTable::chooseFile()
{
    const int row = m_ui->rowsTable->currentRow();
    if (row < 0)
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Send a File"));
    if (!path.isEmpty())
        setFile(row, path);
}

} // namespace quarry::app
