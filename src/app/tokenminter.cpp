// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "tokenminter.h"
#include "ui_tokenminter.h"

#include "auth/tokenissuer.h"
#include "jsontext.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

TokenMinter::TokenMinter(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::TokenMinter>())
{
    m_ui->setupUi(this);
    m_ui->tokenView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->claimsEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->copyButton->setEnabled(false);
    m_ui->inspectButton->setEnabled(false);
    connect(m_ui->mintButton, &QPushButton::clicked, this, &TokenMinter::mint);
    connect(m_ui->copyButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_ui->tokenView->toPlainText()); });
    connect(m_ui->inspectButton, &QPushButton::clicked, this,
            [this] { emit inspectRequested(m_ui->tokenView->toPlainText()); });
}

TokenMinter::~TokenMinter() = default;

void TokenMinter::setProfiles(const QList<auth::AuthProfile> &profiles)
{
    m_profiles = profiles;
    m_ui->profileCombo->clear();
    for (const auth::AuthProfile &p : profiles)
        m_ui->profileCombo->addItem(u"%1 (%2)"_s.arg(p.name(), auth::Algorithms::name(p.algorithm())), p.id());
    m_ui->mintButton->setEnabled(!profiles.isEmpty());
    if (profiles.isEmpty())
        m_ui->messageLabel->setText(tr("The workspace has no auth profile yet."));
}

QString TokenMinter::token() const
{
    return m_ui->tokenView->toPlainText();
}

QString TokenMinter::message() const
{
    return m_ui->messageLabel->text();
}

QString TokenMinter::mint()
{
    m_ui->tokenView->clear();
    m_ui->copyButton->setEnabled(false);
    m_ui->inspectButton->setEnabled(false);
    const int index = m_ui->profileCombo->currentIndex();
    if (index < 0 || index >= m_profiles.size())
        return {};
    auth::TokenRequest request;
    request.subject = m_ui->subjectEdit->text().trimmed();
    for (const QString &role : m_ui->rolesEdit->text().split(u',', Qt::SkipEmptyParts))
        request.roles << role.trimmed();
    request.lifetimeSeconds = m_ui->lifetimeSpin->value();
    const QString extra = m_ui->claimsEdit->toPlainText().trimmed();
    if (!extra.isEmpty()) {
        const auto parsed = parseJson(extra.toUtf8());
        if (!parsed || !parsed.value().isObject()) {
            m_ui->messageLabel->setText(parsed ? tr("✗ Extra claims must be a JSON object.")
                                               : tr("✗ Extra claims: %1 (%2)").arg(parsed.error().message,
                                                                                  parsed.error().where));
            return {};
        }
        request.claims = parsed.value().object();
    }
    const auto issuer = auth::TokenIssuer::fromProfile(m_profiles.at(index));
    if (!issuer) {
        m_ui->messageLabel->setText(tr("✗ %1 (%2)").arg(issuer.error().message, issuer.error().where));
        return {};
    }
    const auto issued = issuer.value().issue(request);
    if (!issued) {
        m_ui->messageLabel->setText(tr("✗ %1 (%2)").arg(issued.error().message, issued.error().where));
        return {};
    }
    const QString token = QString::fromLatin1(issued.value().token);
    m_ui->tokenView->setPlainText(token);
    QStringList notes{tr("✓ Signed with %1; expires in %n s.", nullptr, int(issued.value().expiresIn))
                          .arg(auth::Algorithms::name(m_profiles.at(index).algorithm()))};
    notes += issuer.value().warnings();
    m_ui->messageLabel->setText(notes.join(u'\n'));
    m_ui->copyButton->setEnabled(true);
    m_ui->inspectButton->setEnabled(true);
    return token;
}

} // namespace quarry::app
