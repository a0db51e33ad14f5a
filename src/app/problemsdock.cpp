// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "problemsdock.h"
#include "ui_problemsdock.h"

#include <QHeaderView>
#include <QIcon>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

ProblemsDock::ProblemsDock(QWidget *parent)
    : QDockWidget(tr("Problems"), parent)
    , m_ui(std::make_unique<Ui::ProblemsDock>())
{
    setObjectName(u"problemsDock"_s);
    auto *content = new QWidget(this);
    m_ui->setupUi(content);
    setWidget(content);
    m_ui->problemsView->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    // "Where" (file, line L, column C / table.column) and the source fit their text, so a location
    // is never cut off; the message takes the rest.
    m_ui->problemsView->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_ui->problemsView->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_ui->problemsView->header()->setStretchLastSection(false);
}

ProblemsDock::~ProblemsDock() = default;

void ProblemsDock::addProblem(const quarry::Error &error, const QString &source)
{
    auto *item = new QTreeWidgetItem(m_ui->problemsView, {error.message, error.where, source});
    item->setIcon(0, QIcon(u":/icons/problem.svg"_s));
    item->setToolTip(0, error.message);
    m_ui->problemsView->scrollToItem(item);
    emit countChanged(count());
}

void ProblemsDock::clearSource(const QString &source)
{
    const int before = count();
    for (int i = count() - 1; i >= 0; --i) {
        if (m_ui->problemsView->topLevelItem(i)->text(2) == source)
            delete m_ui->problemsView->takeTopLevelItem(i);
    }
    if (count() != before)
        emit countChanged(count());
}

int ProblemsDock::count() const
{
    return m_ui->problemsView->topLevelItemCount();
}

QString ProblemsDock::messageAt(int row) const
{
    return m_ui->problemsView->topLevelItem(row)->text(0);
}

QString ProblemsDock::whereAt(int row) const
{
    return m_ui->problemsView->topLevelItem(row)->text(1);
}

} // namespace quarry::app
