// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "auth/authprofile.h"

#include <QWidget>

#include <memory>

namespace Ui { class TokenMinter; }

namespace quarry::app {

/// Mints a signed token from one of the workspace's auth profiles with chosen claims, for pasting
/// into a request, a curl command or the inspector.
class TokenMinter : public QWidget
{
    Q_OBJECT
public:
    explicit TokenMinter(QWidget *parent = nullptr);
    ~TokenMinter() override;

    void setProfiles(const QList<auth::AuthProfile> &profiles);
    /// Mints with the form's values; the token (or why not) is shown and returned.
    QString mint();
    QString token() const;
    QString message() const;

signals:
    void inspectRequested(const QString &token);

private:
    std::unique_ptr<Ui::TokenMinter> m_ui;
    QList<auth::AuthProfile> m_profiles;
};

} // namespace quarry::app
