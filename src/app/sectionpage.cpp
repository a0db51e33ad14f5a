// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "sectionpage.h"
#include "ui_sectionpage.h"

#include "workspace/workspacetreemodel.h"

#include <QAbstractProxyModel>
#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace quarry::app {

SectionPage::SectionPage(const QString &title, const QString &description, const QString &notice,
                         const QList<Part> &parts, QAbstractProxyModel *outline, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SectionPage>())
    , m_outline(outline)
{
    m_ui->setupUi(this);
    QFont titleFont = m_ui->titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_ui->titleLabel->setFont(titleFont);
    m_ui->titleLabel->setText(title);
    m_ui->descriptionLabel->setText(description);
    m_ui->noticeLabel->setText(notice);
    m_ui->noticeLabel->setVisible(!notice.isEmpty());
    m_ui->noticeLabel->setBackgroundRole(QPalette::AlternateBase);
    m_ui->noticeLabel->setAutoFillBackground(true);

    for (const Part &part : parts) {
        auto *box = new QWidget(m_ui->viewsSplitter);
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *heading = new QLabel(part.heading, box);
        QFont headingFont = heading->font();
        headingFont.setBold(true);
        heading->setFont(headingFont);
        auto *view = new QTreeView(box);
        view->setObjectName(workspace::Workspace::sectionKey(part.section) + QStringLiteral("View"));
        view->setModel(outline);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->setUniformRowHeights(true);
        view->setAlternatingRowColors(true);
        view->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
        layout->addWidget(heading);
        layout->addWidget(view);
        m_views.append({part.section, view});
    }
    connect(outline, &QAbstractItemModel::modelReset, this, &SectionPage::resetRoots);
    resetRoots();
}

SectionPage::~SectionPage() = default;

QTreeView *SectionPage::view(workspace::Section section) const
{
    for (const auto &[s, view] : m_views) {
        if (s == section)
            return view;
    }
    return nullptr;
}

void SectionPage::resetRoots()
{
    auto *tree = qobject_cast<workspace::WorkspaceTreeModel *>(m_outline->sourceModel());
    for (const auto &[section, view] : m_views) {
        view->setRootIndex(tree ? m_outline->mapFromSource(tree->sectionIndex(section)) : QModelIndex());
        view->expandToDepth(0);
    }
}

} // namespace quarry::app
