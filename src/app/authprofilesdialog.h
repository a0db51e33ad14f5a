// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QPointer>

#include <memory>

class QUndoStack;
namespace Ui { class AuthProfilesDialog; }
namespace quarry::workspace { class Workspace; }

namespace quarry::app {

/// Tools ▸ Auth Profiles: how the workspace mints and checks tokens — algorithm, issuer, audience,
/// lifetime, the roles claim, and where the key lives (a reference, never the key). Every edit is
/// an undoable workspace change; a profile the auth core rejects says why.
class AuthProfilesDialog : public QDialog
{
    Q_OBJECT
public:
    AuthProfilesDialog(QUndoStack *undoStack, QWidget *parent = nullptr);
    ~AuthProfilesDialog() override;

    void setWorkspace(workspace::Workspace *workspace);
    void selectProfile(int row);
    QString message() const;

private:
    void reload();
    void showProfile(int row);
    void setField(const QString &key, const QJsonValue &value, const QString &mergeField);
    void addProfile();
    void removeProfile();
    void generateKeyPair();
    void validate(const QJsonObject &profile);
    QJsonObject currentProfile() const;

    std::unique_ptr<Ui::AuthProfilesDialog> m_ui;
    QUndoStack *m_undoStack;
    QPointer<workspace::Workspace> m_workspace;
    bool m_loading = false;
};

} // namespace quarry::app
