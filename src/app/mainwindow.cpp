// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mainwindow.h"
#include "ui_mainwindow.h"

#include "aboutdialog.h"
#include "authprofilesdialog.h"
#include "jwttoolsdialog.h"
#include "logdock.h"
#include "mockpage.h"
#include "outlinemodel.h"
#include "problemsdock.h"
#include "queryadvicedialog.h"
#include "requestspage.h"
#include "runnerdialog.h"
#include "schemaimportaction.h"
#include "collectionimportaction.h"
#include "schemapage.h"
#include "sectionpage.h"

#include "schema/dialectregistry.h"
#include "workspace/recoverystore.h"
#include "workspace/workspace.h"
#include "workspace/workspacetreemodel.h"

#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTreeView>
#include <QUndoStack>

using namespace Qt::Literals::StringLiterals;

// quarry.qrc is compiled into the static quarry-gui library; nothing would pull its initialiser
// into an executable unless it is referenced. Q_INIT_RESOURCE must be called outside a namespace.
static void initQuarryResources()
{
    Q_INIT_RESOURCE(quarry);
}

namespace quarry::app {

using workspace::Section;
using workspace::Workspace;

namespace {
constexpr int MaxRecentFiles = 8;
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_recovery(std::make_unique<workspace::RecoveryStore>())
{
    initQuarryResources();
    m_ui->setupUi(this);
    setWindowIcon(QIcon(u":/icons/quarry.svg"_s));
    m_undoStack = new QUndoStack(this);
    m_tree = new workspace::WorkspaceTreeModel(this);
    m_outline = new OutlineModel(this);
    m_outline->setSourceModel(m_tree);

    setupDocks();
    setupPages();
    setupActions();

    m_serverLabel = new QLabel(tr("Mock server stopped"), this);
    statusBar()->addPermanentWidget(m_serverLabel);
    m_pathLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_pathLabel);
    connect(m_recovery.get(), &workspace::RecoveryStore::autosaveFailed, this,
            [this](const quarry::Error &error) { reportError(error, tr("Autosave")); });

    QSettings settings;
    if (!restoreGeometry(settings.value(u"window/geometry"_s).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(u"window/state"_s).toByteArray());
    showPage(Page(settings.value(u"window/page"_s, 0).toInt()));
    rebuildRecentMenu();

    setWorkspace(Workspace::createEmpty());
    reportPluginProblems();
}

MainWindow::~MainWindow()
{
    // Children (the undo stack, the outline) outlive the members; cut them off from the workspace
    // before it goes, or the stack's last cleanChanged() reaches a deleted document.
    disconnect(m_undoStack, nullptr, this, nullptr);
    m_undoStack->clear();
    m_mockPage->setWorkspace(nullptr);
    m_schemaPage->setWorkspace(nullptr);
    m_requestsPage->setWorkspace(nullptr);
    m_tree->setWorkspace(nullptr);
    m_recovery->watch(nullptr);
}

void MainWindow::setupDocks()
{
    auto *outlineDock = new QDockWidget(tr("Workspace"), this);
    outlineDock->setObjectName(u"workspaceDock"_s);
    m_outlineView = new QTreeView(outlineDock);
    m_outlineView->setObjectName(u"workspaceTree"_s);
    m_outlineView->setModel(m_outline);
    m_outlineView->setHeaderHidden(true);
    m_outlineView->setUniformRowHeights(true);
    m_outlineView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_outlineView->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_outlineView->setColumnHidden(1, true);
    outlineDock->setWidget(m_outlineView);
    addDockWidget(Qt::LeftDockWidgetArea, outlineDock);
    connect(m_outlineView, &QTreeView::activated, this, &MainWindow::activateOutlineItem);
    connect(m_outlineView, &QTreeView::clicked, this, &MainWindow::activateOutlineItem);
    connect(m_outline, &QAbstractItemModel::modelReset, m_outlineView, [this] { m_outlineView->expandToDepth(0); });

    m_problems = new ProblemsDock(this);
    m_log = new LogDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_problems);
    addDockWidget(Qt::BottomDockWidgetArea, m_log);
    tabifyDockWidget(m_problems, m_log);
    m_problems->raise();
    resizeDocks({outlineDock}, {280}, Qt::Horizontal);
    resizeDocks({m_problems}, {120}, Qt::Vertical);

    QAction *outlineToggle = outlineDock->toggleViewAction();
    outlineToggle->setShortcut(QKeySequence(u"Alt+0"_s));
    QAction *problemsToggle = m_problems->toggleViewAction();
    problemsToggle->setShortcut(QKeySequence(u"Alt+6"_s));
    QAction *logToggle = m_log->toggleViewAction();
    logToggle->setShortcut(QKeySequence(u"Alt+7"_s));
    m_ui->viewMenu->addActions({outlineToggle, problemsToggle, logToggle});
    m_ui->viewMenu->addSeparator();
    connect(m_problems, &ProblemsDock::countChanged, this, [this](int count) {
        m_problems->setWindowTitle(count ? tr("Problems (%1)").arg(count) : tr("Problems"));
    });
}

void MainWindow::setupPages()
{
    const auto add = [this](Page page, const QString &icon, const QString &tab, QWidget *widget) {
        widget->setObjectName(u"page"_s + QString::number(int(page)));
        m_ui->pagesTabs->addTab(widget, QIcon(u":/icons/"_s + icon + u".svg"_s), tab);
        m_pages.append(widget);
        auto *action = m_ui->viewMenu->addAction(QIcon(u":/icons/"_s + icon + u".svg"_s), tab);
        action->setShortcut(QKeySequence(u"Ctrl+%1"_s.arg(int(page) + 1)));
        connect(action, &QAction::triggered, this, [this, page] { showPage(page); });
    };
    m_mockPage = new MockPage(m_undoStack, this);
    connect(m_mockPage, &MockPage::problem, this, [this](const quarry::Error &e) { reportError(e, tr("Mock server")); });
    connect(m_mockPage, &MockPage::logMessage, this, [this](const QString &line) { m_log->append(line); });
    connect(m_mockPage, &MockPage::serverStatusChanged, this, [this](const QString &text) {
        if (m_serverLabel)
            m_serverLabel->setText(text);
    });
    add(Page::Mock, u"server"_s, tr("Mock server"), m_mockPage);
    m_schemaPage = new SchemaPage(m_outline, this);
    m_schemaPage->setUndoStack(m_undoStack);
    connect(m_schemaPage, &SchemaPage::problem, this, [this](const quarry::Error &e) { reportError(e, tr("Schema")); });
    add(Page::Schema, u"schema"_s, tr("Schema"), m_schemaPage);
    add(Page::Database, u"database"_s, tr("Database"),
        new SectionPage(tr("Database"),
                        tr("Live SQLite and PostgreSQL databases this workspace refers to: browse and edit data, "
                           "compare with the design, migrate safely."),
                        tr("Connecting to live databases is not in this build yet. These are the databases the "
                           "workspace names; passwords are stored as references, never in the file."),
                        {{Section::Databases, tr("Databases")}}, m_outline, this));
    m_requestsPage = new RequestsPage(m_outline, m_undoStack, this);
    add(Page::Requests, u"request"_s, tr("Requests"), m_requestsPage);
}

void MainWindow::setupActions()
{
    m_ui->newAction->setIcon(QIcon::fromTheme(u"document-new"_s));
    m_ui->openAction->setIcon(QIcon::fromTheme(u"document-open"_s));
    m_ui->saveAction->setIcon(QIcon::fromTheme(u"document-save"_s));
    connect(m_ui->newAction, &QAction::triggered, this, &MainWindow::newWorkspace);
    connect(m_ui->openAction, &QAction::triggered, this, &MainWindow::openFromDialog);
    connect(m_ui->saveAction, &QAction::triggered, this, &MainWindow::save);
    connect(m_ui->saveAsAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Workspace As"), m_workspace->filePath(),
                                                          tr(FileFilter));
        if (!path.isEmpty())
            saveAs(path.endsWith(u".quarry"_s) ? path : path + u".quarry"_s);
    });
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    // File > Import SQL/DBML into Schema… (issue #6): one undoable step; notes to the log.
    auto *schemaImport = new SchemaImportAction(m_undoStack, [this] { return m_workspace.get(); }, this);
    m_ui->fileMenu->insertAction(m_ui->quitAction, schemaImport->action());
    m_ui->fileMenu->insertSeparator(m_ui->quitAction);
    connect(schemaImport, &SchemaImportAction::problem, this, [this](const quarry::Error &error) {
        m_problems->clearSource(tr("Import"));
        reportError(error, tr("Import"));
        m_problems->raise();
        statusBar()->showMessage(tr("Nothing was imported: %1").arg(error.message), 6000);
    });
    connect(schemaImport, &SchemaImportAction::imported, this, [this](const QString &summary, const QStringList &notes) {
        m_problems->clearSource(tr("Import"));
        for (const QString &note : notes)
            m_log->append(tr("Import: %1").arg(note));
        statusBar()->showMessage(summary, 6000);
        showPage(Page::Schema);
    });
    // File > Import Requests… / Export … as Postman (issue #5): one undoable step; warnings to the log.
    auto *requestsImport = new CollectionImportAction(m_undoStack, [this] { return m_workspace.get(); }, this);
    m_ui->fileMenu->insertAction(schemaImport->action(), requestsImport->importAction());
    {
        const QList<QAction *> actions = m_ui->fileMenu->actions();
        QAction *afterImports = actions.value(actions.indexOf(schemaImport->action()) + 1);
        m_ui->fileMenu->insertSeparator(afterImports);
        m_ui->fileMenu->insertActions(afterImports, {requestsImport->exportAction(), requestsImport->exportEnvironmentAction()});
    }
    connect(requestsImport, &CollectionImportAction::problem, this, [this](const quarry::Error &error, bool exporting) {
        m_problems->clearSource(tr("Import"));
        reportError(error, tr("Import"));
        m_problems->raise();
        statusBar()->showMessage((exporting ? tr("Nothing was written: %1") : tr("Nothing was imported: %1")).arg(error.message),
                                 6000);
    });
    connect(requestsImport, &CollectionImportAction::imported, this,
            [this](const QString &summary, const QStringList &warnings) {
                m_problems->clearSource(tr("Import"));
                m_log->append(summary);
                for (const QString &warning : warnings)
                    m_log->append(tr("Import warning: %1").arg(warning));
                statusBar()->showMessage(summary, 6000);
                showPage(Page::Requests);
            });
    connect(requestsImport, &CollectionImportAction::exported, this,
            [this](const QString &summary, const QStringList &notes) {
                m_problems->clearSource(tr("Import"));
                m_log->append(summary);
                for (const QString &note : notes)
                    m_log->append(tr("Export: %1").arg(note));
                statusBar()->showMessage(summary, 6000);
            });
    QAction *undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    m_ui->editMenu->addActions({undo, redo});
    connect(m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (clean && m_cleanStackIsSaved && m_workspace)
            m_workspace->setModified(false);
    });
    connect(m_ui->authProfilesAction, &QAction::triggered, this, [this] {
        auto *dialog = findChild<AuthProfilesDialog *>();
        if (!dialog)
            dialog = new AuthProfilesDialog(m_undoStack, this);
        dialog->setWorkspace(m_workspace.get());
        dialog->show();
        dialog->raise();
    });
    connect(m_ui->inspectJwtAction, &QAction::triggered, this, [this] { jwtTools(false); });
    connect(m_ui->mintTokenAction, &QAction::triggered, this, [this] { jwtTools(true); });
    // Tools > Run collection…: the collection runner of `quarry run`, with a window (issue #5).
    QAction *runCollection = m_ui->toolsMenu->addAction(tr("Run &Collection…"));
    connect(runCollection, &QAction::triggered, this, [this] {
        if (!m_workspace)
            return;
        QStringList names;
        QStringList ids;
        for (const QJsonValue &c : m_workspace->sectionArray(Section::Collections)) {
            names << c.toObject().value(u"name"_s).toString();
            ids << c.toObject().value(u"id"_s).toString();
        }
        if (ids.isEmpty()) {
            QMessageBox::information(this, tr("Run collection"), tr("The workspace has no request collection to run."));
            return;
        }
        int chosen = 0;
        if (ids.size() > 1) {
            bool ok = false;
            const QString name = QInputDialog::getItem(this, tr("Run collection"), tr("Collection:"), names, 0, false, &ok);
            if (!ok)
                return;
            chosen = int(names.indexOf(name));
        }
        auto *dialog = new RunnerDialog(m_workspace.get(), ids.at(chosen), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    // Tools > Index advice from queries…: `quarry advise --queries` with a window (issue #6).
    QAction *queryAdvice = m_ui->toolsMenu->addAction(tr("&Index Advice from Queries…"));
    queryAdvice->setObjectName(u"queryAdviceAction"_s);
    connect(queryAdvice, &QAction::triggered, this, [this] {
        auto *dialog = new QueryAdviceDialog(m_workspace.get(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    connect(m_ui->aboutAction, &QAction::triggered, this, [this] {
        AboutDialog dialog(this);
        dialog.exec();
    });
}

void MainWindow::setWorkspace(std::unique_ptr<Workspace> workspace)
{
    if (m_workspace)
        m_recovery->discardCurrent();
    m_recovery->watch(nullptr);
    m_tree->setWorkspace(nullptr);
    m_undoStack->clear();
    m_mockPage->setWorkspace(nullptr);
    m_schemaPage->setWorkspace(nullptr);
    m_requestsPage->setWorkspace(nullptr);
    m_workspace = std::move(workspace);
    m_cleanStackIsSaved = !m_workspace->isModified();
    m_historyUnsaved = false;
    m_tree->setWorkspace(m_workspace.get());
    m_mockPage->setWorkspace(m_workspace.get());
    m_schemaPage->setWorkspace(m_workspace.get());
    m_requestsPage->setWorkspace(m_workspace.get());
    m_recovery->watch(m_workspace.get());
    connect(m_workspace.get(), &Workspace::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_workspace.get(), &Workspace::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_workspace.get(), &Workspace::historyChanged, this, [this] { m_historyUnsaved = true; });
    m_problems->clearSource(tr("Workspace"));
    for (const quarry::Error &e : m_workspace->plainSecrets())
        reportError(e, tr("Workspace"));
    updateTitle();
}

JwtToolsDialog *MainWindow::jwtTools(bool minter)
{
    if (!m_jwtTools)
        m_jwtTools = new JwtToolsDialog(this);
    m_jwtTools->setWorkspace(m_workspace.get()); // profiles as they are now
    if (minter)
        m_jwtTools->showMinter();
    else
        m_jwtTools->showInspector();
    m_jwtTools->show();
    m_jwtTools->raise();
    return m_jwtTools;
}

void MainWindow::showPage(Page page)
{
    const int index = std::clamp(int(page), 0, int(m_pages.size()) - 1);
    m_ui->pagesTabs->setCurrentIndex(index);
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_ui->pagesTabs->currentIndex());
}

SectionPage *MainWindow::page(Page page) const
{
    return qobject_cast<SectionPage *>(m_pages.value(int(page)));
}

void MainWindow::activateOutlineItem(const QModelIndex &index)
{
    switch (Section(index.data(workspace::WorkspaceTreeModel::SectionRole).toInt())) {
    case Section::Schema: showPage(Page::Schema); break;
    case Section::Mock:
    case Section::AuthProfiles: showPage(Page::Mock); break;
    case Section::Databases: showPage(Page::Database); break;
    case Section::Collections:
    case Section::Environments: showPage(Page::Requests); break;
    }
}

QStringList MainWindow::recentFiles() const
{
    return QSettings().value(u"recentFiles"_s).toStringList();
}

void MainWindow::addRecentFile(const QString &path)
{
    if (path.isEmpty())
        return;
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > MaxRecentFiles)
        files.removeLast();
    QSettings().setValue(u"recentFiles"_s, files);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_ui->recentMenu->clear();
    const QStringList files = recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString &path = files.at(i);
        QAction *action = m_ui->recentMenu->addAction(
            u"&%1 %2"_s.arg(i + 1).arg(QDir::toNativeSeparators(path)));
        connect(action, &QAction::triggered, this, [this, path] {
            if (!maybeSave())
                return;
            if (const auto opened = openWorkspace(path); !opened)
                QMessageBox::warning(this, tr("Cannot open the workspace"), opened.error().toString());
        });
    }
    m_ui->recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_workspace->displayName() + u"[*] — Quarry"_s);
    setWindowModified(m_workspace->isModified());
    m_pathLabel->setText(m_workspace->filePath().isEmpty() ? tr("Not saved yet")
                                                           : QDir::toNativeSeparators(m_workspace->filePath()));
}

void MainWindow::reportPluginProblems()
{
    const auto &registry = schema::DialectRegistry::instance();
    for (const schema::PluginInfo &plugin : registry.plugins()) {
        if (plugin.state == schema::PluginInfo::State::Loaded) {
            m_log->append(tr("Loaded the %1 dialect %2").arg(plugin.displayName, plugin.version));
            continue;
        }
        reportError(quarry::Error{quarry::Error::Kind::Internal, plugin.errorString, plugin.fileName}, tr("Plugins"));
    }
    if (registry.dialects().isEmpty()) {
        reportError(quarry::Error{quarry::Error::Kind::NotFound, tr("No SQL dialect plugin was found."),
                                  schema::DialectRegistry::defaultSearchPaths().join(u", "_s)},
                    tr("Plugins"));
    }
}

void MainWindow::reportError(const quarry::Error &error, const QString &source)
{
    m_problems->addProblem(error, source);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    settings.setValue(u"window/page"_s, int(currentPage()));
    if (!m_workspace->filePath().isEmpty())
        settings.setValue(u"lastWorkspace"_s, m_workspace->filePath());
    m_recovery->discardCurrent(); // a clean exit leaves nothing to recover
    event->accept();
}

} // namespace quarry::app
