// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QDialog>

#include <memory>

namespace Ui { class AboutDialog; }

namespace quarry::app {

/// Quarry's version and the versions of the libraries it runs on (Qt, SQLite, libpqxx, OpenSSL, ...).
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);
    ~AboutDialog() override;

private:
    std::unique_ptr<Ui::AboutDialog> m_ui;
};

} // namespace quarry::app
