// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/authspec.h"
#include "http/environment.h"
#include "http/scripts.h"

#include <QWidget>

#include <memory>
#include <utility>

namespace Ui { class ItemSettingsEditor; }

namespace quarry::app {

class AuthEditor;

/// The settings of a collection or a folder, shown on the Requests page when one is selected in
/// the tree: its name, its auth (an AuthEditor; requests below inherit it) and, for a collection,
/// its variables. Each committed change is announced by a signal; the page makes it one undoable
/// edit of the collections section.
class ItemSettingsEditor : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Collection, Folder };

    explicit ItemSettingsEditor(QWidget *parent = nullptr);
    ~ItemSettingsEditor() override;

    /// Shows the item `id`; emits nothing. Where the item and its values are unchanged, what is
    /// being typed stays.
    void setItem(Kind kind, const QString &id, const QString &name, const http::AuthSpec &auth,
                 const QList<http::Variable> &variables);
    QString itemId() const { return m_id; }
    QString itemName() const { return m_name; }
    Kind kind() const { return m_kind; }
    /// The collection's requests (id, name), for a login flow.
    void setRequests(const QList<std::pair<QString, QString>> &requests);
    void setAuthProfiles(const QList<std::pair<QString, QString>> &profiles);
    /// What Inherit resolves to for this item, in words.
    void setInheritText(const QString &text);
    /// The item's pre-request and test scripts; call after setItem(). Emits nothing.
    void setScripts(const http::Scripts &scripts);
    /// Commits what is being typed.
    void commitPending();
    AuthEditor *authEditor() const;

signals:
    void nameEdited(const QString &id, const QString &name);
    void authEdited(const QString &id, const quarry::http::AuthSpec &auth);
    void variablesEdited(const QString &id, const QList<quarry::http::Variable> &variables);
    void scriptsEdited(const QString &id, const quarry::http::Scripts &scripts);

private:
    std::unique_ptr<Ui::ItemSettingsEditor> m_ui;
    Kind m_kind = Kind::Collection;
    QString m_id;
    QString m_name;
    QList<http::Variable> m_variables;
    bool m_loading = false;
};

} // namespace quarry::app
