// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "aboutdialog.h"
#include "ui_aboutdialog.h"

#include "buildinfo.h"

#include <QHeaderView>
#include <QIcon>
#include <QPushButton>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AboutDialog>())
{
    m_ui->setupUi(this);
    m_ui->iconLabel->setPixmap(QIcon(u":/icons/quarry.svg"_s).pixmap(64, 64));
    m_ui->titleLabel->setText(
        tr("<h2>Quarry %1</h2><p>A workbench for backend development: a mock REST server, a schema designer and "
           "database inspector, and a request tester, sharing one workspace.</p>")
            .arg(quarryVersion()));
    const QList<ComponentVersion> components = componentVersions();
    m_ui->componentsTable->setRowCount(int(components.size()));
    for (int row = 0; row < components.size(); ++row) {
        m_ui->componentsTable->setItem(row, 0, new QTableWidgetItem(components[row].name));
        m_ui->componentsTable->setItem(row, 1, new QTableWidgetItem(components[row].version));
    }
    m_ui->componentsTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->componentsTable->resizeRowsToContents();
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

AboutDialog::~AboutDialog() = default;

} // namespace quarry::app
