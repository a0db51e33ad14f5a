// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "jwttoolsdialog.h"

#include "jwtinspector.h"
#include "tokenminter.h"

#include "auth/authprofile.h"

#include <QDialogButtonBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace quarry::app {

JwtToolsDialog::JwtToolsDialog(QWidget *parent)
    : QDialog(parent)
    , m_tabs(new QTabWidget(this))
    , m_inspector(new JwtInspector(m_tabs))
    , m_minter(new TokenMinter(m_tabs))
{
    setWindowTitle(tr("JWT Tools"));
    resize(860, 600);
    m_tabs->addTab(m_inspector, tr("Inspect"));
    m_tabs->addTab(m_minter, tr("Mint"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_minter, &TokenMinter::inspectRequested, this, [this](const QString &token) {
        m_inspector->setToken(token);
        showInspector();
    });
}

void JwtToolsDialog::setWorkspace(const workspace::Workspace *workspace)
{
    QList<auth::AuthProfile> profiles;
    if (workspace) {
        auto loaded = auth::AuthProfile::fromWorkspace(*workspace);
        if (loaded)
            profiles = loaded.value();
        else
            setWindowTitle(tr("JWT Tools — auth profiles unreadable: %1").arg(loaded.error().toString()));
    }
    m_inspector->setProfiles(profiles);
    m_minter->setProfiles(profiles);
}

void JwtToolsDialog::showInspector()
{
    m_tabs->setCurrentWidget(m_inspector);
}

void JwtToolsDialog::showMinter()
{
    m_tabs->setCurrentWidget(m_minter);
}

} // namespace quarry::app
