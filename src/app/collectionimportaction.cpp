// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "collectionimportaction.h"

#include "savefile.h"
#include "setsectioncommand.h"

#include "http/collection.h"
#include "http/environment.h"
#include "http/postmanformat.h"
#include "http/requestimport.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QRegularExpression>
#include <QJsonDocument>
#include <QUndoStack>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

namespace {

QString safeFileName(QString name)
{
    static const QRegularExpression bad(u"[^A-Za-z0-9._ -]+"_s);
    name.replace(bad, u"_"_s);
    return name.trimmed().isEmpty() ? u"collection"_s : name.trimmed();
}

} // namespace

CollectionImportAction::CollectionImportAction(QUndoStack *undoStack,
                                               std::function<workspace::Workspace *()> workspace, QWidget *parent)
    : QObject(parent)
    , m_importAction(new QAction(tr("Import &Requests…"), this))
    , m_exportAction(new QAction(tr("Export Collection as &Postman…"), this))
    , m_exportEnvironmentAction(new QAction(tr("Export &Environment as Postman…"), this))
    , m_undoStack(undoStack)
    , m_workspace(std::move(workspace))
    , m_parent(parent)
{
    m_importAction->setObjectName(u"importRequestsAction"_s);
    m_importAction->setStatusTip(tr("Add the requests of a Postman collection v2.1, a Postman environment, a HAR file "
                                    "or an OpenAPI 3 document to the workspace; the same id is replaced."));
    m_exportAction->setObjectName(u"exportPostmanAction"_s);
    m_exportAction->setStatusTip(tr("Write a collection as Postman collection v2.1 JSON (for Postman or newman)."));
    m_exportEnvironmentAction->setObjectName(u"exportPostmanEnvironmentAction"_s);
    m_exportEnvironmentAction->setStatusTip(tr("Write an environment as a Postman environment; secrets are left empty."));
    connect(m_importAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            m_parent, tr("Import Requests"), {},
            tr("Request files (*.json *.har *.yaml *.yml);;Postman collection or environment (*.json);;HAR (*.har);;"
               "OpenAPI (*.yaml *.yml *.json);;Insomnia export (*.json *.yaml *.yml);;Bruno collection (bruno.json);;"
               "All files (*)"));
        if (!path.isEmpty())
            importFile(path);
    });
    connect(m_exportAction, &QAction::triggered, this, [this] { chooseAndExport(false); });
    connect(m_exportEnvironmentAction, &QAction::triggered, this, [this] { chooseAndExport(true); });
}

bool CollectionImportAction::importFile(const QString &path)
{
    workspace::Workspace *ws = m_workspace();
    if (!ws)
        return false;
    auto read = http::RequestImport::readFile(path);
    if (!read) {
        emit problem(read.error(), false);
        return false;
    }
    const http::RequestImport &in = read.value();
    const QString file = QFileInfo(path).fileName();
    bool replaced = false;
    QString summary;
    if (in.environment) {
        const QJsonArray list =
            http::RequestImport::mergeEnvironment(ws->sectionArray(workspace::Section::Environments), *in.environment, &replaced);
        m_undoStack->push(new SetSectionCommand(ws, workspace::Section::Environments, list, tr("Import %1").arg(file)));
        summary = tr("%1 the environment \"%2\" (%3 variables) from %4.")
                      .arg(replaced ? tr("Replaced") : tr("Imported"), in.environment->name)
                      .arg(in.environment->variables.size())
                      .arg(file);
    } else {
        // The collection and the environments that came with it (Insomnia, Bruno) are one undo step.
        m_undoStack->beginMacro(tr("Import %1").arg(file));
        const QJsonArray list =
            http::RequestImport::mergeCollection(ws->sectionArray(workspace::Section::Collections), *in.collection, &replaced);
        m_undoStack->push(new SetSectionCommand(ws, workspace::Section::Collections, list, tr("Import %1").arg(file)));
        if (!in.environments.isEmpty()) {
            QJsonArray environments = ws->sectionArray(workspace::Section::Environments);
            for (const http::Environment &e : in.environments)
                environments = http::RequestImport::mergeEnvironment(environments, e);
            m_undoStack->push(new SetSectionCommand(ws, workspace::Section::Environments, environments, tr("Import %1").arg(file)));
        }
        m_undoStack->endMacro();
        summary = tr("%1 the collection \"%2\" (%3 requests) from the %4 %5.")
                      .arg(replaced ? tr("Replaced") : tr("Imported"), in.collection->name)
                      .arg(in.collection->requests().size())
                      .arg(in.kindName(), file);
        if (!in.environments.isEmpty())
            summary += u' ' + (in.environments.size() == 1 ? tr("1 environment came with it.")
                                                             : tr("%1 environments came with it.").arg(in.environments.size()));
    }
    QStringList notes = in.warnings;
    if (!in.secrets.isEmpty()) {
        notes << tr("%n secret(s) were not written to the workspace; set these environment variables:", nullptr,
                    int(in.secrets.size()));
        notes << http::SecretScrubber::instructions(in.secrets);
    }
    emit imported(summary, notes);
    return true;
}

bool CollectionImportAction::exportCollection(const QString &collection, const QString &path)
{
    workspace::Workspace *ws = m_workspace();
    if (!ws)
        return false;
    auto list = http::Collection::listFromJson(ws->sectionArray(workspace::Section::Collections));
    if (!list) {
        emit problem(list.error(), true);
        return false;
    }
    for (const http::Collection &c : std::as_const(list.value())) {
        if (c.id != collection && c.name != collection)
            continue;
        const QByteArray json = QJsonDocument(http::PostmanFormat::exportCollection(c)).toJson(QJsonDocument::Indented);
        if (auto written = saveFile(path, json); !written) {
            emit problem(written.error(), true);
            return false;
        }
        emit exported(tr("Wrote the collection \"%1\" (%2 requests) to %3.")
                          .arg(c.name)
                          .arg(c.requests().size())
                          .arg(QFileInfo(path).fileName()),
                      {});
        return true;
    }
    emit problem(Error{Error::Kind::NotFound, tr("There is no collection \"%1\" in the workspace.").arg(collection), {}}, true);
    return false;
}

bool CollectionImportAction::exportEnvironment(const QString &environment, const QString &path)
{
    workspace::Workspace *ws = m_workspace();
    if (!ws)
        return false;
    const QList<http::Environment> envs =
        http::Environment::listFromJson(ws->sectionArray(workspace::Section::Environments));
    const http::Environment *env = http::Environment::find(envs, environment);
    if (!env) {
        emit problem(Error{Error::Kind::NotFound, tr("There is no environment \"%1\" in the workspace.").arg(environment), {}}, true);
        return false;
    }
    const QByteArray json = QJsonDocument(http::PostmanFormat::exportEnvironment(*env)).toJson(QJsonDocument::Indented);
    if (auto written = saveFile(path, json); !written) {
        emit problem(written.error(), true);
        return false;
    }
    QStringList notes;
    for (const http::Variable &v : env->variables) {
        if (v.secret)
            notes << tr("The secret variable %1 is exported empty; give it to newman with --env-var %1=…").arg(v.name);
    }
    emit exported(tr("Wrote the environment \"%1\" (%2 variables) to %3.")
                      .arg(env->name)
                      .arg(env->variables.size())
                      .arg(QFileInfo(path).fileName()),
                  notes);
    return true;
}

void CollectionImportAction::chooseAndExport(bool environment)
{
    workspace::Workspace *ws = m_workspace();
    if (!ws)
        return;
    QStringList names;
    if (environment) {
        for (const http::Environment &e : http::Environment::listFromJson(ws->sectionArray(workspace::Section::Environments)))
            names << e.name;
    } else {
        for (const QJsonValue &c : ws->sectionArray(workspace::Section::Collections))
            names << c.toObject().value(u"name"_s).toString();
    }
    const QString what = environment ? tr("environment") : tr("collection");
    if (names.isEmpty()) {
        emit problem(Error{Error::Kind::NotFound, tr("The workspace has no %1 to export.").arg(what), {}}, true);
        return;
    }
    QString chosen = names.first();
    if (names.size() > 1) {
        bool ok = false;
        chosen = QInputDialog::getItem(m_parent, tr("Export as Postman"), tr("Which %1?").arg(what), names, 0, false, &ok);
        if (!ok)
            return;
    }
    const QString suggested = safeFileName(chosen) + (environment ? u".postman_environment.json"_s
                                                                  : u".postman_collection.json"_s);
    const QString path = QFileDialog::getSaveFileName(m_parent, environment ? tr("Export Environment as Postman")
                                                                            : tr("Export Collection as Postman"),
                                                      suggested, tr("Postman JSON (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (environment)
        exportEnvironment(chosen, path);
    else
        exportCollection(chosen, path);
}

} // namespace quarry::app
