// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QDockWidget>

#include <memory>

namespace Ui { class LogDock; }

namespace quarry::app {

/// What Quarry did, one timestamped line per event (opened, saved, autosaved, plugin trouble).
class LogDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit LogDock(QWidget *parent = nullptr);
    ~LogDock() override;

    void append(const QString &line);
    QString text() const;

private:
    std::unique_ptr<Ui::LogDock> m_ui;
};

} // namespace quarry::app
