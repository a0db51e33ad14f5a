// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "outlinemodel.h"

#include "workspace/workspace.h"
#include "workspace/workspacetreemodel.h"

#include <QApplication>
#include <QHash>
#include <QIcon>
#include <QPalette>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

QIcon OutlineModel::iconForKind(const QString &kind, int section)
{
    static const QHash<QString, QString> files = {
        {u"table"_s, u"table"_s},         {u"column"_s, u"column"_s},   {u"index"_s, u"index"_s},
        {u"route"_s, u"route"_s},         {u"collection"_s, u"folder"_s}, {u"folder"_s, u"folder"_s},
        {u"request"_s, u"request"_s},     {u"environment"_s, u"environment"_s},
        {u"variable"_s, u"variable"_s},   {u"secret"_s, u"key"_s},      {u"authProfile"_s, u"key"_s},
        {u"database"_s, u"database"_s},
    };
    QString name = files.value(kind);
    if (kind == u"section"_s) {
        switch (workspace::Section(section)) {
        case workspace::Section::Schema: name = u"schema"_s; break;
        case workspace::Section::Mock: name = u"server"_s; break;
        case workspace::Section::Collections: name = u"request"_s; break;
        case workspace::Section::Environments: name = u"environment"_s; break;
        case workspace::Section::AuthProfiles: name = u"key"_s; break;
        case workspace::Section::Databases: name = u"database"_s; break;
        }
    }
    if (name.isEmpty())
        return {};
    static QHash<QString, QIcon> cache;
    auto it = cache.find(name);
    if (it == cache.end())
        it = cache.insert(name, QIcon(u":/icons/"_s + name + u".svg"_s));
    return *it;
}

QVariant OutlineModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::DecorationRole && index.column() == 0) {
        return iconForKind(index.data(workspace::WorkspaceTreeModel::KindRole).toString(),
                           index.data(workspace::WorkspaceTreeModel::SectionRole).toInt());
    }
    if (role == Qt::ForegroundRole && index.column() == 1) {
        // Quieter than names but still readable: two thirds of the way from the background to the text.
        const QPalette palette = QApplication::palette();
        const QColor text = palette.color(QPalette::Text);
        const QColor base = palette.color(QPalette::Base);
        return QColor::fromRgbF(base.redF() + (text.redF() - base.redF()) * 0.66f,
                                base.greenF() + (text.greenF() - base.greenF()) * 0.66f,
                                base.blueF() + (text.blueF() - base.blueF()) * 0.66f);
    }
    return QIdentityProxyModel::data(index, role);
}

} // namespace quarry::app
