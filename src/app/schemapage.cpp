// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schemapage.h"
#include "ui_schemapage.h"

#include "diagram/diagrameditor.h"
#include "schema/designadvisor.h"
#include "schema/dialectregistry.h"
#include "schema/ddlwriter.h"
#include "schema/schema.h"
#include "workspace/workspace.h"
#include "workspace/workspacetreemodel.h"

#include <QAbstractProxyModel>
#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonArray>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>

#include <Qsci/qscilexersql.h>
#include <Qsci/qsciscintilla.h>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

using workspace::Section;

SchemaPage::SchemaPage(QAbstractProxyModel *outline, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SchemaPage>())
    , m_outline(outline)
{
    m_ui->setupUi(this);
    m_ui->tablesView->setModel(outline);
    m_ui->tablesView->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    connect(outline, &QAbstractItemModel::modelReset, this, &SchemaPage::resetRoot);
    connect(m_ui->tablesView, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        // A column row finds its table.
        QModelIndex table = index;
        while (table.isValid() && table.data(workspace::WorkspaceTreeModel::KindRole).toString() != u"table"_s)
            table = table.parent();
        if (table.isValid())
            m_ui->diagramEditor->revealTable(table.data(workspace::WorkspaceTreeModel::IdRole).toString());
    });
    connect(m_ui->diagramEditor, &DiagramEditor::problem, this, &SchemaPage::problem);
    // Big designs take a moment to turn into DDL and advice: coalesce quick edits (typing, undo
    // held down) into one run after the last.
    m_regenerateTimer = new QTimer(this);
    m_regenerateTimer->setSingleShot(true);
    m_regenerateTimer->setInterval(150);
    connect(m_regenerateTimer, &QTimer::timeout, this, &SchemaPage::regenerate);

    // QScintilla is a widget Designer cannot place without its plugin: it replaces the placeholder.
    m_ddlView = new QsciScintilla(m_ui->ddlBox);
    m_ddlView->setObjectName(u"ddlView"_s);
    auto *lexer = new QsciLexerSQL(m_ddlView);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    lexer->setDefaultFont(fixed);
    lexer->setFont(fixed);
    m_ddlView->setLexer(lexer);
    m_ddlView->setReadOnly(true);
    m_ddlView->setMarginType(0, QsciScintilla::NumberMargin);
    m_ddlView->setMarginWidth(0, u"0000"_s);
    m_ddlView->setWrapMode(QsciScintilla::WrapNone);
    m_ui->ddlLayout->replaceWidget(m_ui->ddlPlaceholder, m_ddlView);
    delete m_ui->ddlPlaceholder;
    m_ui->ddlLayout->setStretch(1, 1);

    for (const schema::Dialect *d : schema::DialectRegistry::instance().dialects())
        m_ui->dialectCombo->addItem(d->displayName(), d->id());
    const int remembered = m_ui->dialectCombo->findData(QSettings().value(u"schema/dialect"_s, u"postgres"_s));
    if (remembered >= 0)
        m_ui->dialectCombo->setCurrentIndex(remembered);
    connect(m_ui->dialectCombo, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(u"schema/dialect"_s, m_ui->dialectCombo->currentData());
        regenerate();
    });
    connect(m_ui->copyButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_ddlView->text()); });

    m_ui->adviceView->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_ui->adviceView->header()->setStretchLastSection(false);
    m_ui->topSplitter->setStretchFactor(1, 1);
    m_ui->topSplitter->setSizes({150, 1100});
    m_ui->bottomSplitter->setSizes({640, 480});
    m_ui->verticalSplitter->setStretchFactor(0, 1);
    m_ui->verticalSplitter->setSizes({600, 200});
}

SchemaPage::~SchemaPage() = default;

void SchemaPage::setWorkspace(workspace::Workspace *workspace)
{
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    m_workspace = workspace;
    if (workspace) {
        connect(workspace, &workspace::Workspace::sectionChanged, this, [this](Section s) {
            if (s == Section::Schema)
                scheduleRegenerate();
        });
    }
    m_ui->diagramEditor->setWorkspace(workspace);
    resetRoot();
    regenerate();
}

void SchemaPage::setUndoStack(QUndoStack *stack)
{
    m_ui->diagramEditor->setUndoStack(stack);
}

DiagramEditor *SchemaPage::diagramEditor() const
{
    return m_ui->diagramEditor;
}

void SchemaPage::scheduleRegenerate()
{
    // Small designs regenerate at once (DDL within a millisecond or two); big ones after a pause.
    const int tables = m_workspace ? int(m_workspace->section(Section::Schema).value(u"tables"_s).toArray().size()) : 0;
    if (tables < 100) {
        m_regenerateTimer->stop();
        regenerate();
    } else {
        m_regenerateTimer->start();
    }
}

void SchemaPage::setDialect(const QString &id)
{
    const int index = m_ui->dialectCombo->findData(id);
    if (index >= 0)
        m_ui->dialectCombo->setCurrentIndex(index);
}

QString SchemaPage::ddlText() const
{
    return m_ddlView->text();
}

QString SchemaPage::ddlStatus() const
{
    return m_ui->ddlStatusLabel->text();
}

QStringList SchemaPage::adviceRules() const
{
    QStringList rules;
    for (int i = 0; i < m_ui->adviceView->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_ui->adviceView->topLevelItem(i);
        rules << item->data(0, Qt::UserRole).toString() + u": "_s + item->text(1);
    }
    return rules;
}

void SchemaPage::resetRoot()
{
    auto *tree = qobject_cast<workspace::WorkspaceTreeModel *>(m_outline->sourceModel());
    m_ui->tablesView->setRootIndex(tree ? m_outline->mapFromSource(tree->sectionIndex(Section::Schema)) : QModelIndex());
    m_ui->tablesView->expandToDepth(0);
}

void SchemaPage::regenerate()
{
    m_regenerateTimer->stop();
    m_ui->adviceView->clear();
    m_ddlView->setText({});
    if (!m_workspace)
        return;
    const schema::Dialect *dialect =
        schema::DialectRegistry::instance().dialect(m_ui->dialectCombo->currentData().toString());
    if (!dialect) {
        m_ui->ddlStatusLabel->setText(tr("No SQL dialect plugin is loaded; see Problems."));
        return;
    }
    auto design = schema::Schema::fromJson(m_workspace->section(Section::Schema));
    if (!design) {
        m_ui->ddlStatusLabel->setText(tr("✗ The design cannot be read: %1 (%2)")
                                          .arg(design.error().message, design.error().where));
        emit problem(design.error());
        return;
    }
    const auto statements = dialect->createStatements(design.value());
    if (!statements) {
        m_ui->ddlStatusLabel->setText(tr("✗ %1 (%2)").arg(statements.error().message, statements.error().where));
        emit problem(statements.error());
        return;
    }
    m_ddlView->setText(schema::DdlWriter::script(statements.value()));
    m_ui->ddlStatusLabel->setText(tr("%n statement(s) for %1, in dependency order.", nullptr,
                                     int(statements.value().size()))
                                      .arg(dialect->displayName()));

    const QList<schema::Advice> advice = schema::DesignAdvisor(*dialect).advise(design.value());
    for (const schema::Advice &a : advice) {
        auto *item = new QTreeWidgetItem(m_ui->adviceView,
                                         {a.message, a.where, schema::Advice::severityName(a.severity)});
        item->setData(0, Qt::UserRole, a.rule);
        item->setToolTip(0, a.reason);
        auto *why = new QTreeWidgetItem(item, {tr("Why: %1").arg(a.reason)});
        why->setFirstColumnSpanned(true);
        why->setToolTip(0, u"<p>%1</p>"_s.arg(a.reason.toHtmlEscaped())); // rich text wraps long reasons
        if (!a.fix.isEmpty()) {
            auto *fix = new QTreeWidgetItem(item, {tr("Fix: %1;").arg(a.fix.join(u"; "_s))});
            fix->setFirstColumnSpanned(true);
            fix->setFont(0, QFontDatabase::systemFont(QFontDatabase::FixedFont));
        }
        item->setExpanded(true);
    }
    m_ui->adviceLabel->setText(advice.isEmpty() ? tr("Design advice: nothing to suggest.")
                                                : tr("Design advice (%1)").arg(advice.size()));
}

} // namespace quarry::app
