// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "auth/authprofile.h"

#include <QTimer>
#include <QWidget>

#include <memory>

namespace Ui { class JwtInspector; }

namespace quarry::app {

/// Paste a token: its header, its claims with what each means (expiry counting down), and a
/// signature and claims check against one of the workspace's auth profiles.
class JwtInspector : public QWidget
{
    Q_OBJECT
public:
    explicit JwtInspector(QWidget *parent = nullptr);
    ~JwtInspector() override;

    void setProfiles(const QList<auth::AuthProfile> &profiles);
    void setToken(const QString &token);
    /// Checks the token against the chosen profile; the verdict is in verifyResult().
    void verify();
    QString summary() const;
    QString verifyResult() const;
    /// The "What it means" text of a claim row, empty if the claim is absent.
    QString meaningOf(const QString &claim) const;

private:
    void inspect();
    void refreshTimes();

    std::unique_ptr<Ui::JwtInspector> m_ui;
    QList<auth::AuthProfile> m_profiles;
    QTimer m_clock;
};

} // namespace quarry::app
