// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/authspec.h"

#include <QWidget>

#include <memory>
#include <utility>

class QComboBox;
class QTimer;
namespace Ui { class AuthEditor; }

namespace quarry::app {

/// Edits one auth setting (http::AuthSpec) of a request, a folder or a collection: a page per
/// type (inherit, none, bearer, basic, login flow, OAuth 2, locally signed) and, for the types that
/// hold tokens, the profile's name, where the token goes and when it is renewed. Every committed
/// change is announced with authEdited(); the owner makes it one undoable edit. Input the core
/// would refuse or that cannot work (a JSON pointer not starting with '/', claims that are not a
/// JSON object, no login request) is shown under the form with the reason and not announced; a
/// password or client secret typed as a literal is saved but warned about.
class AuthEditor : public QWidget
{
    Q_OBJECT
public:
    explicit AuthEditor(QWidget *parent = nullptr);
    ~AuthEditor() override;

    /// The requests of the collection (id, name) a login flow can send.
    void setRequests(const QList<std::pair<QString, QString>> &requests);
    /// The workspace's auth profiles (id, name) a token can be signed with.
    void setAuthProfiles(const QList<std::pair<QString, QString>> &profiles);
    /// The Inherit entry's label ("Inherit from the folder or collection").
    void setInheritChoice(const QString &text);
    /// What Inherit resolves to here, in words (shown on the Inherit page).
    void setInheritText(const QString &text);
    /// Shows `auth`; emits nothing. Unchanged settings of the same item keep what is being typed
    /// (and its problem); `sameItem` false (another request or folder) always shows `auth` afresh.
    void setAuth(const http::AuthSpec &auth, bool sameItem = true);
    const http::AuthSpec &auth() const { return m_auth; }
    /// Commits what is being typed (the claims text in particular).
    void commitPending();
    /// Why the form is not saved ("✗ …"), or empty.
    QString problemText() const;
    /// A warning about what was saved (a literal secret), or empty.
    QString warningText() const;

    /// Checks a JSON pointer (RFC 6901): empty or '/'-separated, '~' only as ~0 or ~1.
    static QString pointerProblem(const QString &pointer);

signals:
    void authEdited(const quarry::http::AuthSpec &auth);

private:
    void typeChosen(int index);
    void fillForm();
    void fillCombo(QComboBox *combo, const QList<std::pair<QString, QString>> &items, const QString &current,
                   const QString &none);
    void showPlacement();
    /// Reads the form into a spec; an error message when it cannot be saved.
    std::pair<http::AuthSpec, QString> readForm() const;
    void commit();
    void updateWarning();

    std::unique_ptr<Ui::AuthEditor> m_ui;
    http::AuthSpec m_auth;
    QList<std::pair<QString, QString>> m_requests;
    QList<std::pair<QString, QString>> m_profiles;
    QTimer *m_claimsTimer;
    bool m_loading = false;
    bool m_loaded = false;
};

} // namespace quarry::app
