// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// RequestEditor's Checks tab: the assertions and extractions tables, filled from the request and
// turned back into it as they are edited. The rest of the editor is in requesteditor.cpp.
#include "requesteditor.h"
#include "ui_requesteditor.h"

#include "jsontext.h"

#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

using http::Assertion;
using http::Extraction;

namespace {

QStringList opsFor(const QString &kind)
{
    if (kind == u"status"_s)
        return {u"equals"_s, u"in"_s};
    if (kind == u"header"_s)
        return {u"present"_s, u"equals"_s, u"contains"_s};
    if (kind == u"json"_s)
        return {u"exists"_s, u"equals"_s, u"matches"_s};
    return {u"below"_s};
}

/// The expected value as the table shows it: numbers plain, lists comma-separated, strings as typed.
QString valueText(const QJsonValue &value)
{
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue &v : value.toArray())
            parts << valueText(v);
        return parts.join(u", "_s);
    }
    if (value.isDouble())
        return QString::number(value.toDouble());
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    return value.toString();
}

} // namespace

void RequestEditor::showChecksProblem(const QString &text)
{
    m_ui->checksStatusLabel->setText(text);
    m_ui->checksStatusLabel->setStyleSheet(u"color: #c92a2a"_s);
    m_ui->checksStatusLabel->setVisible(!text.isEmpty());
}

void RequestEditor::fillOps(int row, const QString &kind, const QString &op)
{
    auto *combo = qobject_cast<QComboBox *>(m_ui->assertionsTable->cellWidget(row, OpColumn));
    if (!combo)
        return;
    const bool wasLoading = m_loading;
    m_loading = true;
    combo->clear();
    combo->addItems(opsFor(kind));
    const int index = combo->findText(op);
    combo->setCurrentIndex(index < 0 ? 0 : index);
    m_loading = wasLoading;
}

void RequestEditor::addAssertionRow(const Assertion &assertion)
{
    const bool wasLoading = m_loading;
    m_loading = true;
    QTableWidget *table = m_ui->assertionsTable;
    const int row = table->rowCount();
    table->insertRow(row);
    const QJsonObject json = assertion.toJson();
    auto *kind = new QComboBox(table);
    kind->addItems({u"status"_s, u"header"_s, u"json"_s, u"time"_s});
    kind->setCurrentText(json.value(u"kind"_s).toString());
    table->setCellWidget(row, KindColumn, kind);
    table->setItem(row, TargetColumn, new QTableWidgetItem(assertion.target));
    table->setCellWidget(row, OpColumn, new QComboBox(table));
    fillOps(row, kind->currentText(), json.value(u"op"_s).toString());
    table->setItem(row, ExpectedColumn, new QTableWidgetItem(valueText(assertion.value)));
    connect(kind, &QComboBox::currentTextChanged, this, [this, kind](const QString &text) {
        for (int r = 0; r < m_ui->assertionsTable->rowCount(); ++r) {
            if (m_ui->assertionsTable->cellWidget(r, KindColumn) == kind)
                fillOps(r, text, {});
        }
        if (!m_loading)
            assertionsEdited();
    });
    connect(qobject_cast<QComboBox *>(table->cellWidget(row, OpColumn)), &QComboBox::activated, this,
            [this] { assertionsEdited(); });
    m_loading = wasLoading;
}

void RequestEditor::fillAssertions()
{
    const bool wasLoading = m_loading;
    m_loading = true;
    m_ui->assertionsTable->setRowCount(0);
    for (const Assertion &a : m_spec.assertions)
        addAssertionRow(a);
    m_loading = wasLoading;
    showChecksProblem({});
}

void RequestEditor::assertionsEdited()
{
    if (m_loading)
        return;
    QTableWidget *table = m_ui->assertionsTable;
    QList<Assertion> list;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString kind = qobject_cast<QComboBox *>(table->cellWidget(row, KindColumn))->currentText();
        const QString op = qobject_cast<QComboBox *>(table->cellWidget(row, OpColumn))->currentText();
        const QString target = table->item(row, TargetColumn) ? table->item(row, TargetColumn)->text().trimmed() : QString();
        const QString expected = table->item(row, ExpectedColumn) ? table->item(row, ExpectedColumn)->text().trimmed() : QString();
        QJsonObject json{{u"kind"_s, kind}, {u"op"_s, op}};
        if (kind == u"header"_s)
            json.insert(u"name"_s, target);
        else if (kind == u"json"_s)
            json.insert(u"pointer"_s, target);
        const bool needsValue = op != u"present"_s && op != u"exists"_s;
        if (needsValue) {
            if (kind == u"status"_s && op == u"in"_s) {
                QJsonArray codes;
                for (const QString &part : expected.split(u',', Qt::SkipEmptyParts))
                    codes.append(part.trimmed().toInt());
                json.insert(u"value"_s, codes);
            } else if (kind == u"status"_s || kind == u"time"_s) {
                bool ok = false;
                const int number = expected.toInt(&ok);
                if (!ok) {
                    showChecksProblem(
                        tr("✗ Check %1: “%2” is not a whole number; the checks are not saved until it is.")
                            .arg(row + 1)
                            .arg(expected));
                    return;
                }
                json.insert(u"value"_s, number);
            } else {
                json.insert(u"value"_s, expected);
            }
        }
        const auto assertion = Assertion::fromJson(json);
        if (!assertion) {
            showChecksProblem(tr("✗ Check %1: %2 The checks are not saved until it is fixed.")
                                  .arg(row + 1)
                                  .arg(assertion.error().message));
            return;
        }
        list.append(assertion.value());
    }
    showChecksProblem({});
    if (list == m_spec.assertions)
        return;
    m_spec.assertions = list;
    emitEdited(u"assertions"_s);
}

void RequestEditor::addExtractionRow(const Extraction &extraction)
{
    const bool wasLoading = m_loading;
    m_loading = true;
    QTableWidget *table = m_ui->extractionsTable;
    const int row = table->rowCount();
    table->insertRow(row);
    table->setItem(row, VariableColumn, new QTableWidgetItem(extraction.variable));
    auto *from = new QComboBox(table);
    from->addItems({u"json"_s, u"header"_s});
    from->setCurrentIndex(extraction.from == Extraction::From::Header ? 1 : 0);
    table->setCellWidget(row, FromColumn, from);
    table->setItem(row, SourceColumn, new QTableWidgetItem(extraction.source));
    connect(from, &QComboBox::activated, this, [this] { extractionsEdited(); });
    m_loading = wasLoading;
}

void RequestEditor::fillExtractions()
{
    const bool wasLoading = m_loading;
    m_loading = true;
    m_ui->extractionsTable->setRowCount(0);
    for (const Extraction &e : m_spec.extractions)
        addExtractionRow(e);
    m_loading = wasLoading;
}

void RequestEditor::extractionsEdited()
{
    if (m_loading)
        return;
    QTableWidget *table = m_ui->extractionsTable;
    QList<Extraction> list;
    for (int row = 0; row < table->rowCount(); ++row) {
        Extraction e;
        e.variable = table->item(row, VariableColumn) ? table->item(row, VariableColumn)->text().trimmed() : QString();
        e.from = qobject_cast<QComboBox *>(table->cellWidget(row, FromColumn))->currentIndex() == 1
                   ? Extraction::From::Header
                   : Extraction::From::Json;
        e.source = table->item(row, SourceColumn) ? table->item(row, SourceColumn)->text().trimmed() : QString();
        if (e.variable.isEmpty()) {
            showChecksProblem(
                tr("✗ Variable %1 needs a name; the variables are not saved until it has one.").arg(row + 1));
            return;
        }
        list.append(e);
    }
    showChecksProblem({});
    if (list == m_spec.extractions)
        return;
    m_spec.extractions = list;
    emitEdited(u"extract"_s);
}

} // namespace quarry::app
