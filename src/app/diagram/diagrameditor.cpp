// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "diagram/diagrameditor.h"
#include "ui_diagrameditor.h"

#include "diagram/diagramexport.h"
#include "diagram/diagramscene.h"
#include "diagram/diagramview.h"
#include "diagram/relationedge.h"
#include "diagram/tablecard.h"
#include "schema/designedits.h"
#include "schema/diagramlayout.h"
#include "setsectioncommand.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QCompleter>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMenu>
#include <QStringListModel>
#include <QUndoStack>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcDiagram, "quarry.app.diagram")

namespace quarry::app {

using schema::DesignEdits;
using schema::DiagramLayout;
using workspace::Section;

DiagramEditor::DiagramEditor(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::DiagramEditor>())
    , m_scene(new DiagramScene(this))
    , m_undoStack(new QUndoStack(this))
{
    m_ui->setupUi(this);
    m_ui->diagramView->setDiagram(m_scene);
    m_ui->diagramSplitter->setStretchFactor(0, 1);
    m_ui->diagramSplitter->setSizes({740, 330});

    m_ui->addTableButton->setText(tr("Add table"));
    m_ui->addTableButton->setIcon(QIcon(u":/icons/table.svg"_s));
    m_ui->addTableButton->setToolTip(tr("Add a table in the middle of the view"));
    m_ui->addColumnButton->setText(tr("Add column"));
    m_ui->addColumnButton->setIcon(QIcon(u":/icons/column.svg"_s));
    m_ui->addColumnButton->setToolTip(tr("Add a column to the selected table"));
    m_ui->deleteButton->setText(tr("Delete"));
    m_ui->deleteButton->setToolTip(tr("Delete the selected tables and relations (Del)"));
    m_ui->layoutButton->setText(tr("Layout"));
    m_ui->layoutButton->setToolTip(tr("Arrange every table automatically (Graphviz); undoable"));
    m_ui->fitButton->setText(tr("Fit"));
    m_ui->fitButton->setToolTip(tr("Show the whole diagram"));
    m_ui->zoomInButton->setText(u"+"_s);
    m_ui->zoomInButton->setToolTip(tr("Zoom in (or the mouse wheel)"));
    m_ui->zoomOutButton->setText(u"−"_s);
    m_ui->zoomOutButton->setToolTip(tr("Zoom out"));
    m_ui->exportButton->setText(tr("Export"));
    auto *exportMenu = new QMenu(this);
    exportMenu->addAction(tr("PNG image…"), this, [this] { exportInteractively(false); });
    exportMenu->addAction(tr("SVG drawing…"), this, [this] { exportInteractively(true); });
    m_ui->exportButton->setMenu(exportMenu);
    m_ui->messageLabel->hide();
    m_tableNames = new QStringListModel(this);
    auto *completer = new QCompleter(m_tableNames, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_ui->findEdit->setCompleter(completer);
    auto find = [this](const QString &name) {
        for (TableCard *card : m_scene->cards()) {
            if (card->tableName().compare(name, Qt::CaseInsensitive) == 0
                || (card->nameSpace() + u'.' + card->tableName()).compare(name, Qt::CaseInsensitive) == 0) {
                revealTable(card->tableId());
                return;
            }
        }
        showMessage(tr("No table %1 in this design.").arg(name), true);
    };
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this, find);
    connect(m_ui->findEdit, &QLineEdit::returnPressed, this, [this, find] {
        if (!m_ui->findEdit->text().trimmed().isEmpty())
            find(m_ui->findEdit->text().trimmed());
    });

    connect(m_ui->addTableButton, &QToolButton::clicked, this, [this] { addTable(); });
    connect(m_ui->addColumnButton, &QToolButton::clicked, this, [this] { addColumn(); });
    connect(m_ui->deleteButton, &QToolButton::clicked, this, &DiagramEditor::deleteSelected);
    connect(m_ui->layoutButton, &QToolButton::clicked, this, &DiagramEditor::autoLayout);
    connect(m_ui->fitButton, &QToolButton::clicked, m_ui->diagramView, &DiagramView::fitToView);
    connect(m_ui->zoomInButton, &QToolButton::clicked, this, [this] { view()->setZoom(view()->zoom() * 1.25); });
    connect(m_ui->zoomOutButton, &QToolButton::clicked, this, [this] { view()->setZoom(view()->zoom() / 1.25); });
    connect(m_ui->diagramView, &DiagramView::zoomChanged, this,
            [this](qreal z) { m_ui->zoomLabel->setText(u"%1%"_s.arg(qRound(z * 100))); });
    m_ui->zoomLabel->setText(u"100%"_s);

    auto *deleteAction = new QAction(tr("Delete"), m_ui->diagramView);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(deleteAction, &QAction::triggered, this, &DiagramEditor::deleteSelected);
    m_ui->diagramView->addAction(deleteAction);

    connect(m_scene, &DiagramScene::cardsMoved, this, &DiagramEditor::moveTables);
    connect(m_scene, &DiagramScene::foreignKeyDragged, this, &DiagramEditor::addForeignKey);
    connect(m_scene, &DiagramScene::hint, this, [this](const QString &text) { showMessage(text, false); });
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &DiagramEditor::selectionChanged);
    connect(m_scene, &DiagramScene::columnPressed, this,
            [this](const QString &, const QString &columnId) { panel()->selectColumn(columnId); });
    m_scene->setForeignKeyCheck([this](const QString &ft, const QString &fc, const QString &tt, const QString &tc) {
        schema::Schema copy = m_schema;
        const auto fk = DesignEdits::addForeignKey(copy, ft, fc, tt, tc);
        if (fk)
            return QString();
        copy = m_schema;
        return DesignEdits::addForeignKey(copy, tt, tc, ft, fc) ? QString() : fk.error().message;
    });
    panel()->setApplier([this](const QString &text, const DesignPanel::Edit &edit, const QString &mergeKey) {
        applyEdit(text, edit, mergeKey);
    });
    connect(panel(), &DesignPanel::addColumnRequested, this, [this](const QString &id) { addColumn(id); });
}

DiagramEditor::~DiagramEditor() = default;

DiagramView *DiagramEditor::view() const
{
    return m_ui->diagramView;
}

DesignPanel *DiagramEditor::panel() const
{
    return m_ui->designPanel;
}

QString DiagramEditor::message() const
{
    return m_ui->messageLabel->text();
}

void DiagramEditor::setUndoStack(QUndoStack *stack)
{
    if (stack == m_undoStack || !stack)
        return;
    if (m_undoStack->parent() == this)
        delete m_undoStack;
    m_undoStack = stack;
}

void DiagramEditor::setWorkspace(workspace::Workspace *workspace)
{
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    m_workspace = workspace;
    m_autoPositions.clear();
    m_fitPending = true;
    if (workspace) {
        connect(workspace, &workspace::Workspace::sectionChanged, this, [this](Section s) {
            if (s == Section::Schema)
                reload();
        });
    }
    reload();
}

void DiagramEditor::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_fitPending && m_workspace) {
        m_fitPending = false;
        view()->fitToView();
    }
}

QHash<QString, QPointF> DiagramEditor::shownPositions(const schema::Schema &schema)
{
    DiagramLayout layout = DiagramLayout::fromSchema(schema);
    const QStringList unplaced = layout.unplaced(schema);
    bool known = true;
    for (const QString &id : unplaced)
        known = known && m_autoPositions.contains(id);
    if (!known) {
        // Lay out what has no place yet (an imported design), below what has one. Cached, so
        // later edits do not shuffle these cards; the next edit saves them.
        QHash<QString, QSizeF> sizes;
        for (const schema::Table &t : schema.tables)
            sizes.insert(t.id, TableCard::measure(t));
        auto placed = layout.placeUnplaced(schema, sizes);
        if (placed) {
            m_autoPositions = placed.value();
        } else {
            qCWarning(lcDiagram) << "auto layout failed:" << placed.error().message;
            emit problem(placed.error());
            // Fall back to a grid so that nothing is hidden under anything else.
            m_autoPositions.clear();
            for (qsizetype i = 0; i < unplaced.size(); ++i)
                m_autoPositions.insert(unplaced.at(i), QPointF(double(i % 8) * 320, double(i / 8) * 360));
        }
    }
    for (const QString &id : unplaced)
        layout.positions.insert(id, m_autoPositions.value(id));
    return layout.positions;
}

void DiagramEditor::reload()
{
    if (!m_workspace) {
        m_schema = {};
        m_schemaValid = false;
        m_scene->setSchema({}, {});
        panel()->showNothing();
        return;
    }
    auto parsed = schema::Schema::fromJson(m_workspace->section(Section::Schema));
    if (!parsed) {
        m_schemaValid = false;
        showMessage(tr("The design cannot be read: %1 (%2)").arg(parsed.error().message, parsed.error().where), true);
        return;
    }
    m_schema = parsed.value();
    m_schemaValid = true;
    m_scene->setSchema(m_schema, shownPositions(m_schema));
    QStringList names;
    for (const schema::Table &t : m_schema.tables)
        names << (t.nameSpace.isEmpty() ? t.name : t.nameSpace + u'.' + t.name);
    names.sort(Qt::CaseInsensitive);
    m_tableNames->setStringList(names);
    if (!m_selectAfterReload.isEmpty()) {
        m_scene->selectTables(m_selectAfterReload);
        m_selectAfterReload.clear();
    }
    view()->minimap()->refit();
    view()->updateMinimap();
    panel()->refresh(m_schema);
    selectionChanged();
    if (m_fitPending && isVisible()) {
        m_fitPending = false;
        view()->fitToView();
    }
}

void DiagramEditor::selectionChanged()
{
    const QStringList tables = m_scene->selectedTableIds();
    const auto fks = m_scene->selectedForeignKeys();
    if (tables.size() == 1 && fks.isEmpty()) {
        if (panel()->tableId() != tables.first() || !panel()->foreignKeyId().isEmpty())
            panel()->showTable(m_schema, tables.first());
    } else if (fks.size() == 1 && tables.isEmpty()) {
        if (panel()->foreignKeyId() != fks.first().second)
            panel()->showForeignKey(m_schema, fks.first().first, fks.first().second);
    } else {
        panel()->showNothing(int(tables.size() + fks.size()));
    }
    m_ui->addColumnButton->setEnabled(tables.size() == 1);
    m_ui->deleteButton->setEnabled(!tables.isEmpty() || !fks.isEmpty());
}

void DiagramEditor::showMessage(const QString &text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? u"color: #b3261e;"_s : u"color: palette(mid);"_s);
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

bool DiagramEditor::applyEdit(const QString &text, const DesignPanel::Edit &edit, const QString &mergeKey)
{
    if (!m_workspace)
        return false;
    // m_schema is the section as reload() read it on its last change; when that section could not
    // be read, reload() has said why and there is nothing to edit.
    if (!m_schemaValid)
        return false;
    schema::Schema design = m_schema;
    if (const auto result = edit(design); !result) {
        const Error &e = result.error();
        showMessage(e.where.isEmpty() ? e.message : tr("%1: %2").arg(e.where, e.message), true);
        panel()->showError(e.message);
        panel()->refresh(m_schema);   // put the refused value back
        emit problem(e);
        return false;
    }
    // Cards Graphviz placed on the fly keep their place from now on.
    DiagramLayout layout = DiagramLayout::fromSchema(design);
    const QHash<QString, QPointF> shown = m_scene->positions();
    for (const QString &id : layout.unplaced(design)) {
        if (shown.contains(id))
            layout.positions.insert(id, shown.value(id));
    }
    layout.writeTo(design);
    panel()->showError({});
    showMessage({}, false);
    m_undoStack->push(new SetSectionCommand(m_workspace, Section::Schema, design.toJson(), text, mergeKey));
    return true;
}

QString DiagramEditor::addTable()
{
    if (!m_workspace)
        return {};
    const QPointF center = view()->mapToScene(view()->viewport()->rect().center());
    QString id;
    const bool ok = applyEdit(tr("Add table"), [&](schema::Schema &s) -> Result<void> {
        id = DesignEdits::addTable(s);
        const QSizeF size = TableCard::measure(*s.tableById(id));
        // The middle of the view, moved down until it covers no other card.
        QRectF place(center - QPointF(size.width() / 2, size.height() / 2), size);
        const QHash<QString, QPointF> shown = m_scene->positions();
        for (int attempt = 0; attempt < 400; ++attempt) {
            bool free = true;
            for (TableCard *card : m_scene->cards())
                free = free && !card->sceneRectOfCard().adjusted(-16, -16, 16, 16).intersects(place);
            if (free)
                break;
            place.translate(attempt % 20 == 19 ? 240 : 0, attempt % 20 == 19 ? -19 * 40 : 40);
        }
        DiagramLayout layout = DiagramLayout::fromSchema(s);
        layout.positions.insert(id, place.topLeft());
        layout.writeTo(s);
        return {};
    });
    if (!ok)
        return {};
    m_scene->selectTables({id});
    return id;
}

bool DiagramEditor::addColumn(const QString &tableId)
{
    QString id = tableId;
    if (id.isEmpty()) {
        const QStringList selected = m_scene->selectedTableIds();
        if (selected.size() != 1) {
            showMessage(tr("Select one table to add a column to."), true);
            return false;
        }
        id = selected.first();
    }
    m_selectAfterReload = {id};
    QString columnId;
    const bool ok = applyEdit(tr("Add column"), [id, &columnId](schema::Schema &s) -> Result<void> {
        const auto column = DesignEdits::addColumn(s, id);
        if (!column)
            return column.error();
        columnId = column.value();
        return {};
    });
    if (ok)
        panel()->selectColumn(columnId, true);   // ready to type its name
    return ok;
}

bool DiagramEditor::deleteSelected()
{
    const QStringList tables = m_scene->selectedTableIds();
    const auto fks = m_scene->selectedForeignKeys();
    if (tables.isEmpty() && fks.isEmpty())
        return false;
    QString text;
    if (tables.size() == 1 && fks.isEmpty())
        text = tr("Delete table %1").arg(m_scene->card(tables.first())->tableName());
    else if (tables.isEmpty() && fks.size() == 1)
        text = tr("Delete foreign key");
    else
        text = tr("Delete %n item(s)", nullptr, int(tables.size() + fks.size()));
    return applyEdit(text, [tables, fks](schema::Schema &s) -> Result<void> {
        for (const auto &[tableId, fkId] : fks)
            DesignEdits::removeForeignKey(s, tableId, fkId);
        for (const QString &id : tables)
            DesignEdits::removeTable(s, id);
        return {};
    });
}

bool DiagramEditor::autoLayout()
{
    if (!m_schemaValid)
        return false;
    QHash<QString, QSizeF> sizes;
    for (const schema::Table &t : m_schema.tables)
        sizes.insert(t.id, TableCard::measure(t));
    const auto laidOut = DiagramLayout::autoLayout(m_schema, sizes);
    if (!laidOut) {
        showMessage(laidOut.error().message, true);
        emit problem(laidOut.error());
        return false;
    }
    const QHash<QString, QPointF> positions = laidOut.value();
    const bool ok = applyEdit(tr("Auto layout"), [positions](schema::Schema &s) -> Result<void> {
        DiagramLayout layout;
        layout.positions = positions;
        layout.writeTo(s);
        return {};
    });
    if (ok)
        view()->fitToView();
    return ok;
}

bool DiagramEditor::moveTables(const QHash<QString, QPointF> &positions)
{
    return applyEdit(positions.size() == 1 ? tr("Move table") : tr("Move %n table(s)", nullptr, int(positions.size())),
                     [positions](schema::Schema &s) -> Result<void> {
                         DiagramLayout layout = DiagramLayout::fromSchema(s);
                         layout.positions.insert(positions);
                         layout.writeTo(s);
                         return {};
                     });
}

bool DiagramEditor::addForeignKey(const QString &fromTableId, const QString &fromColumnId, const QString &toTableId,
                                  const QString &toColumnId)
{
    return applyEdit(tr("Add foreign key"), [=](schema::Schema &s) -> Result<void> {
        // Either direction of the drag works: from the referencing column to the key, or from the
        // key to the column that should reference it.
        schema::Schema reversed = s;
        const auto fk = DesignEdits::addForeignKey(s, fromTableId, fromColumnId, toTableId, toColumnId);
        if (fk)
            return {};
        if (DesignEdits::addForeignKey(reversed, toTableId, toColumnId, fromTableId, fromColumnId)) {
            s = reversed;
            return {};
        }
        return fk.error();
    });
}

Result<void> DiagramEditor::exportPng(const QString &path, qreal scale)
{
    return DiagramExport::png(m_scene, path, scale);
}

Result<void> DiagramEditor::exportSvg(const QString &path)
{
    return DiagramExport::svg(m_scene, path, m_workspace ? m_workspace->displayName() : QString());
}

void DiagramEditor::exportInteractively(bool svg)
{
    const QString base = m_workspace && !m_workspace->filePath().isEmpty()
        ? QFileInfo(m_workspace->filePath()).absolutePath() + u'/' + QFileInfo(m_workspace->filePath()).completeBaseName()
        : u"diagram"_s;
    const QString path = QFileDialog::getSaveFileName(this, svg ? tr("Export diagram as SVG") : tr("Export diagram as PNG"),
                                                      base + (svg ? u".svg"_s : u".png"_s),
                                                      svg ? tr("SVG drawings (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    const auto written = svg ? exportSvg(path) : exportPng(path);
    if (!written) {
        showMessage(written.error().message, true);
        emit problem(written.error());
        return;
    }
    showMessage(tr("Exported to %1.").arg(QDir::toNativeSeparators(path)), false);
}

void DiagramEditor::revealTable(const QString &tableId)
{
    TableCard *card = m_scene->card(tableId);
    if (!card)
        return;
    m_scene->selectTables({tableId});
    if (view()->zoom() < 0.6)   // readable
        view()->setZoom(0.8);
    view()->centerOn(card);
}

} // namespace quarry::app
