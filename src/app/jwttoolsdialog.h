// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QDialog>

class QTabWidget;

namespace quarry::workspace { class Workspace; }

namespace quarry::app {

class JwtInspector;
class TokenMinter;

/// Tools ▸ JWT: the inspector and the minter side by side in tabs, over the workspace's profiles.
class JwtToolsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit JwtToolsDialog(QWidget *parent = nullptr);

    /// Reads the workspace's auth profiles; a broken profile is reported in the dialog.
    void setWorkspace(const workspace::Workspace *workspace);
    void showInspector();
    void showMinter();
    JwtInspector *inspector() const { return m_inspector; }
    TokenMinter *minter() const { return m_minter; }

private:
    QTabWidget *m_tabs;
    JwtInspector *m_inspector;
    TokenMinter *m_minter;
};

} // namespace quarry::app
