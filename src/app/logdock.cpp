// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "logdock.h"
#include "ui_logdock.h"

#include <QFontDatabase>
#include <QTime>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

LogDock::LogDock(QWidget *parent)
    : QDockWidget(tr("Log"), parent)
    , m_ui(std::make_unique<Ui::LogDock>())
{
    setObjectName(u"logDock"_s);
    auto *content = new QWidget(this);
    m_ui->setupUi(content);
    setWidget(content);
    m_ui->logView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
}

LogDock::~LogDock() = default;

void LogDock::append(const QString &line)
{
    m_ui->logView->appendPlainText(QTime::currentTime().toString(u"HH:mm:ss"_s) + u"  "_s + line);
}

QString LogDock::text() const
{
    return m_ui->logView->toPlainText();
}

} // namespace quarry::app
