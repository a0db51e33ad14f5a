// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schemaimportaction.h"

#include "setsectioncommand.h"

#include "schema/schemaimport.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QUndoStack>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

SchemaImportAction::SchemaImportAction(QUndoStack *undoStack, std::function<workspace::Workspace *()> workspace,
                                       QWidget *parent)
    : QObject(parent)
    , m_action(new QAction(tr("&Import SQL/DBML into Schema…"), this))
    , m_undoStack(undoStack)
    , m_workspace(std::move(workspace))
    , m_parent(parent)
{
    m_action->setObjectName(u"importSchemaAction"_s);
    m_action->setStatusTip(tr("Add the tables, enums and views of a PostgreSQL or SQLite DDL file, a SQLite "
                              "database or a DBML file to the schema design; same names are replaced."));
    connect(m_action, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            m_parent, tr("Import into Schema"), {},
            tr("Schema files (*.sql *.ddl *.dbml *.db *.sqlite *.sqlite3);;SQL DDL (*.sql *.ddl);;DBML (*.dbml);;"
               "SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"));
        if (!path.isEmpty())
            importFile(path);
    });
}

bool SchemaImportAction::importFile(const QString &path)
{
    workspace::Workspace *ws = m_workspace();
    if (!ws)
        return false;
    const auto read = schema::SchemaImport::readFile(path);
    if (!read) {
        emit problem(read.error());
        return false;
    }
    QStringList added, replaced;
    const QJsonObject design =
        schema::SchemaImport::merge(ws->section(workspace::Section::Schema), read.value().schema, &added, &replaced);
    const QString name = QFileInfo(path).fileName();
    m_undoStack->push(new SetSectionCommand(ws, workspace::Section::Schema, design, tr("Import %1").arg(name)));
    emit imported(tr("Imported %1: %2 added, %3 replaced.").arg(name).arg(added.size()).arg(replaced.size()),
                  read.value().notes);
    return true;
}

} // namespace quarry::app
