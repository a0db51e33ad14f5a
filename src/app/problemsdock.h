// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "result.h"

#include <QDockWidget>

#include <memory>

namespace Ui { class ProblemsDock; }

namespace quarry::app {

/// Every problem the tools report: message, location and which part of Quarry found it.
class ProblemsDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit ProblemsDock(QWidget *parent = nullptr);
    ~ProblemsDock() override;

    void addProblem(const quarry::Error &error, const QString &source);
    /// Removes the problems one source reported (before it reports afresh).
    void clearSource(const QString &source);
    int count() const;
    QString messageAt(int row) const;
    QString whereAt(int row) const;

signals:
    void countChanged(int count);

private:
    std::unique_ptr<Ui::ProblemsDock> m_ui;
};

} // namespace quarry::app
