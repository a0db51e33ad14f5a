// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "autheditor.h"
#include "ui_autheditor.h"

#include "jsonpointer.h"
#include "jsontext.h"

#include <QFontDatabase>
#include <QComboBox>
#include <QJsonDocument>
#include <QTimer>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

using http::AuthSpec;

namespace {
constexpr auto ProblemStyle = u"color: #c92a2a";
constexpr auto WarningStyle = u"color: #b35c00";

/// A value typed as it is, not a {{variable}}: stored in the file in plain text.
bool isLiteral(const QString &value)
{
    return !value.isEmpty() && !value.contains(u"{{"_s);
}
} // namespace

AuthEditor::AuthEditor(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AuthEditor>())
    , m_claimsTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    m_ui->claimsEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->problemLabel->setStyleSheet(QString::fromUtf16(ProblemStyle));
    m_ui->warningLabel->setStyleSheet(QString::fromUtf16(WarningStyle));
    m_ui->problemLabel->setVisible(false);
    m_ui->warningLabel->setVisible(false);
    m_ui->refreshSkewSpin->setKeyboardTracking(false);
    // Long request names and URLs must not widen the page: the combos shrink and elide.
    for (QComboBox *combo : findChildren<QComboBox *>()) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(16);
    }
    // Fixed choices are shown whole.
    for (QComboBox *combo : {m_ui->authModeCombo, m_ui->grantCombo, m_ui->clientAuthCombo, m_ui->placementCombo})
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (QComboBox *combo : {m_ui->loginRequestCombo, m_ui->refreshRequestCombo, m_ui->profileCombo})
        combo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_ui->refreshSkewSpin->setMinimumWidth(m_ui->refreshSkewSpin->fontMetrics().horizontalAdvance(u"automatic"_s) + 60);
    m_claimsTimer->setSingleShot(true);
    m_claimsTimer->setInterval(500);

    connect(m_ui->authModeCombo, &QComboBox::activated, this, &AuthEditor::typeChosen);
    for (QLineEdit *edit : findChildren<QLineEdit *>())
        connect(edit, &QLineEdit::editingFinished, this, &AuthEditor::commit);
    for (QComboBox *combo : {m_ui->loginRequestCombo, m_ui->refreshRequestCombo, m_ui->profileCombo,
                             m_ui->clientAuthCombo})
        connect(combo, &QComboBox::activated, this, &AuthEditor::commit);
    connect(m_ui->grantCombo, &QComboBox::activated, this, [this] {
        showPlacement();
        commit();
    });
    connect(m_ui->placementCombo, &QComboBox::activated, this, [this] {
        showPlacement();
        commit();
    });
    connect(m_ui->perRequestCheck, &QCheckBox::toggled, this, &AuthEditor::commit);
    connect(m_ui->refreshSkewSpin, &QSpinBox::valueChanged, this, &AuthEditor::commit);
    connect(m_ui->claimsEdit, &QPlainTextEdit::textChanged, this, [this] {
        if (m_loading)
            return;
        // Say at once whether the claims are a JSON object; save when typing stops.
        const QString problem = readForm().second;
        m_ui->problemLabel->setText(problem);
        m_ui->problemLabel->setVisible(!problem.isEmpty());
        m_claimsTimer->start();
    });
    connect(m_claimsTimer, &QTimer::timeout, this, &AuthEditor::commit);
    fillForm();
}

AuthEditor::~AuthEditor() = default;

void AuthEditor::setRequests(const QList<std::pair<QString, QString>> &requests)
{
    if (requests == m_requests)
        return;
    m_requests = requests;
    fillForm();
}

void AuthEditor::setAuthProfiles(const QList<std::pair<QString, QString>> &profiles)
{
    if (profiles == m_profiles)
        return;
    m_profiles = profiles;
    fillForm();
}

void AuthEditor::setInheritChoice(const QString &text)
{
    m_ui->authModeCombo->setItemText(int(AuthSpec::Type::Inherit), text);
}

void AuthEditor::setInheritText(const QString &text)
{
    m_ui->inheritLabel->setText(text);
}

void AuthEditor::setAuth(const AuthSpec &auth, bool sameItem)
{
    if (m_loaded && sameItem && auth == m_auth)
        return;
    m_claimsTimer->stop();
    m_auth = auth;
    m_loaded = true;
    fillForm();
}

void AuthEditor::commitPending()
{
    if (m_claimsTimer->isActive())
        commit();
}

QString AuthEditor::problemText() const
{
    return m_ui->problemLabel->isVisibleTo(this) ? m_ui->problemLabel->text() : QString();
}

QString AuthEditor::warningText() const
{
    return m_ui->warningLabel->isVisibleTo(this) ? m_ui->warningLabel->text() : QString();
}

QString AuthEditor::pointerProblem(const QString &pointer)
{
    const auto tokens = JsonPointer::split(pointer);
    return tokens ? QString() : tokens.error().message;
}

void AuthEditor::fillCombo(QComboBox *combo, const QList<std::pair<QString, QString>> &items, const QString &current,
                           const QString &none)
{
    combo->clear();
    if (!none.isNull())
        combo->addItem(none, QString());
    for (const auto &[id, name] : items)
        combo->addItem(name.isEmpty() ? id : name, id);
    int index = combo->findData(current);
    if (index < 0 && !current.isEmpty()) {
        // Kept as it is in the file, so that nothing changes unless the user picks another one.
        combo->addItem(tr("%1 (not in the workspace)").arg(current), current);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(std::max(index, 0));
}

void AuthEditor::fillForm()
{
    const bool wasLoading = m_loading;
    m_loading = true;
    const AuthSpec &a = m_auth;
    m_ui->authModeCombo->setCurrentIndex(int(a.type));
    m_ui->typeStack->setCurrentIndex(int(a.type));
    // The stack is as tall as the page shown, not as the tallest one (no gap above the placement).
    for (int i = 0; i < m_ui->typeStack->count(); ++i) {
        const bool current = i == int(a.type);
        m_ui->typeStack->widget(i)->setSizePolicy(current ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                                                  current ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    }
    m_ui->typeStack->adjustSize();
    m_ui->bearerEdit->setText(a.token);
    m_ui->usernameEdit->setText(a.username);
    m_ui->passwordEdit->setText(a.password);
    fillCombo(m_ui->loginRequestCombo, m_requests, a.loginRequest, {});
    m_ui->tokenPointerEdit->setText(a.tokenPointer);
    m_ui->refreshTokenPointerEdit->setText(a.refreshTokenPointer);
    m_ui->expiresInPointerEdit->setText(a.expiresInPointer);
    fillCombo(m_ui->refreshRequestCombo, m_requests, a.refreshRequest, tr("(none: log in again)"));
    m_ui->tokenUrlEdit->setText(a.tokenUrl);
    m_ui->grantCombo->setCurrentText(a.grant);
    m_ui->clientIdEdit->setText(a.clientId);
    m_ui->clientSecretEdit->setText(a.clientSecret);
    m_ui->oauthUsernameEdit->setText(a.username);
    m_ui->oauthPasswordEdit->setText(a.password);
    m_ui->scopeEdit->setText(a.scope);
    m_ui->clientAuthCombo->setCurrentIndex(a.clientAuth == u"body"_s ? 1 : 0);
    fillCombo(m_ui->profileCombo, m_profiles, a.authProfile, {});
    m_ui->subjectEdit->setText(a.subject);
    m_ui->rolesEdit->setText(a.roles.join(u", "_s));
    m_ui->claimsEdit->setPlainText(a.claims.isEmpty() ? QString()
                                                      : QString::fromUtf8(QJsonDocument(a.claims).toJson(QJsonDocument::Compact)));
    m_ui->perRequestCheck->setChecked(a.perRequest);
    m_ui->profileNameEdit->setText(a.name);
    m_ui->placementCombo->setCurrentIndex(a.placement == AuthSpec::Placement::Query ? 1 : 0);
    m_ui->headerEdit->setText(a.header);
    m_ui->schemeEdit->setText(a.scheme);
    m_ui->queryParamEdit->setText(a.queryParam);
    m_ui->refreshSkewSpin->setValue(a.refreshSkewSeconds);
    m_ui->problemLabel->clear();
    m_ui->problemLabel->setVisible(false);
    showPlacement();
    updateWarning();
    m_loading = wasLoading;
}

void AuthEditor::showPlacement()
{
    const auto type = AuthSpec::Type(m_ui->authModeCombo->currentIndex());
    const bool tokens = type == AuthSpec::Type::Login || type == AuthSpec::Type::OAuth2 || type == AuthSpec::Type::Signed;
    m_ui->placementBox->setVisible(tokens);
    const bool query = m_ui->placementCombo->currentIndex() == 1;
    m_ui->headerEdit->setVisible(!query);
    m_ui->schemeEdit->setVisible(!query);
    m_ui->queryParamEdit->setVisible(query);
    const bool password = m_ui->grantCombo->currentText() == u"password"_s;
    m_ui->oauthLayout->setRowVisible(m_ui->oauthUsernameEdit, password);
    m_ui->oauthLayout->setRowVisible(m_ui->oauthPasswordEdit, password);
    m_ui->placementLayout->setRowVisible(m_ui->refreshSkewSpin, type != AuthSpec::Type::Signed);
}

void AuthEditor::typeChosen(int index)
{
    if (m_loading || index < 0)
        return;
    AuthSpec next = m_auth;   // keeps what the other pages held
    next.type = AuthSpec::Type(index);
    if (next.type != m_auth.type) {
        next.id.clear();   // a profile's tokens are keyed by its id: a new kind of profile gets its own
        next.name.clear();   // and the old one's name would describe something else
    }
    // A new profile starts out working where it can: the collection's login request, the first
    // auth profile, {{variables}} for the client's credentials.
    switch (next.type) {
    case AuthSpec::Type::Bearer:
        if (next.token.isEmpty())
            next.token = u"{{token}}"_s;
        break;
    case AuthSpec::Type::Login:
        if (next.loginRequest.isEmpty()) {
            for (const auto &[id, name] : m_requests) {
                if (name.contains(u"log"_s, Qt::CaseInsensitive) || id.contains(u"login"_s, Qt::CaseInsensitive)) {
                    next.loginRequest = id;
                    break;
                }
            }
            if (next.loginRequest.isEmpty() && !m_requests.isEmpty())
                next.loginRequest = m_requests.first().first;
        }
        if (next.id.isEmpty())
            next.id = next.loginRequest;
        break;
    case AuthSpec::Type::OAuth2:
        if (next.tokenUrl.isEmpty())
            next.tokenUrl = u"{{baseUrl}}/oauth/token"_s;
        if (next.clientId.isEmpty())
            next.clientId = u"{{clientId}}"_s;
        if (next.clientSecret.isEmpty())
            next.clientSecret = u"{{clientSecret}}"_s;
        if (next.id.isEmpty())
            next.id = next.clientId + u'@' + next.tokenUrl;
        break;
    case AuthSpec::Type::Signed:
        if (next.authProfile.isEmpty() && !m_profiles.isEmpty())
            next.authProfile = m_profiles.first().first;
        if (next.id.isEmpty() && !next.authProfile.isEmpty())
            next.id = u"signed:"_s + next.authProfile;
        break;
    default:
        break;
    }
    const AuthSpec saved = m_auth;
    m_auth = next;
    fillForm();
    m_auth = saved;
    commit();
}

std::pair<AuthSpec, QString> AuthEditor::readForm() const
{
    AuthSpec a = m_auth;
    a.type = AuthSpec::Type(m_ui->authModeCombo->currentIndex());
    QString problem;
    const auto fail = [&problem](const QString &text) {
        if (problem.isEmpty())
            problem = text;
    };
    switch (a.type) {
    case AuthSpec::Type::Inherit:
    case AuthSpec::Type::None:
        break;
    case AuthSpec::Type::Bearer:
        a.token = m_ui->bearerEdit->text().trimmed();
        break;
    case AuthSpec::Type::Basic:
        a.username = m_ui->usernameEdit->text();
        a.password = m_ui->passwordEdit->text();
        break;
    case AuthSpec::Type::Login:
        a.loginRequest = m_ui->loginRequestCombo->currentData().toString();
        a.tokenPointer = m_ui->tokenPointerEdit->text().trimmed();
        a.refreshTokenPointer = m_ui->refreshTokenPointerEdit->text().trimmed();
        a.expiresInPointer = m_ui->expiresInPointerEdit->text().trimmed();
        a.refreshRequest = m_ui->refreshRequestCombo->currentData().toString();
        if (a.loginRequest.isEmpty())
            fail(tr("A login flow needs a login request: add one to the collection (e.g. POST /api/auth/login) and choose it."));
        if (a.tokenPointer.isEmpty())
            fail(tr("Token at: say where the token is in the login response, e.g. /token."));
        if (const QString p = pointerProblem(a.tokenPointer); !p.isEmpty())
            fail(tr("Token at: %1").arg(p));
        if (const QString p = pointerProblem(a.refreshTokenPointer); !p.isEmpty())
            fail(tr("Refresh token at: %1").arg(p));
        if (const QString p = pointerProblem(a.expiresInPointer); !p.isEmpty())
            fail(tr("Expires in at: %1").arg(p));
        if (a.id.isEmpty())
            a.id = a.loginRequest;
        break;
    case AuthSpec::Type::OAuth2:
        a.tokenUrl = m_ui->tokenUrlEdit->text().trimmed();
        a.grant = m_ui->grantCombo->currentText();
        a.clientId = m_ui->clientIdEdit->text().trimmed();
        a.clientSecret = m_ui->clientSecretEdit->text();
        if (a.grant == u"password"_s) {
            a.username = m_ui->oauthUsernameEdit->text();
            a.password = m_ui->oauthPasswordEdit->text();
            if (a.username.isEmpty())
                fail(tr("Username: the password grant needs one."));
        } else {
            a.username.clear();
            a.password.clear();
        }
        a.scope = m_ui->scopeEdit->text().trimmed();
        a.clientAuth = m_ui->clientAuthCombo->currentIndex() == 1 ? u"body"_s : u"basic"_s;
        if (a.tokenUrl.isEmpty())
            fail(tr("Token URL: the token endpoint is needed, e.g. {{baseUrl}}/oauth/token."));
        if (a.id.isEmpty())
            a.id = a.clientId + u'@' + a.tokenUrl;
        break;
    case AuthSpec::Type::Signed: {
        a.authProfile = m_ui->profileCombo->currentData().toString();
        a.subject = m_ui->subjectEdit->text().trimmed();
        a.roles.clear();
        for (const QString &role : m_ui->rolesEdit->text().split(u',', Qt::SkipEmptyParts)) {
            if (!role.trimmed().isEmpty())
                a.roles.append(role.trimmed());
        }
        a.perRequest = m_ui->perRequestCheck->isChecked();
        a.claims = {};
        const QString claims = m_ui->claimsEdit->toPlainText();
        if (!claims.trimmed().isEmpty()) {
            const auto parsed = parseJson(claims.toUtf8());
            if (!parsed)
                fail(tr("Extra claims: %1 (%2)").arg(parsed.error().message, parsed.error().where));
            else if (!parsed.value().isObject())
                fail(tr("Extra claims: a JSON object is needed, e.g. {\"tenant\": \"acme\"}."));
            else
                a.claims = parsed.value().object();
        }
        if (a.authProfile.isEmpty())
            fail(tr("The workspace has no auth profile to sign with; add one on the Auth page."));
        if (a.id.isEmpty())
            a.id = u"signed:"_s + a.authProfile;
        break;
    }
    }
    if (a.holdsTokens()) {
        a.name = m_ui->profileNameEdit->text().trimmed();
        a.placement = m_ui->placementCombo->currentIndex() == 1 ? AuthSpec::Placement::Query : AuthSpec::Placement::Header;
        a.header = m_ui->headerEdit->text().trimmed();
        a.scheme = m_ui->schemeEdit->text().trimmed();
        a.queryParam = m_ui->queryParamEdit->text().trimmed();
        a.refreshSkewSeconds = m_ui->refreshSkewSpin->value();
        if (a.placement == AuthSpec::Placement::Header && a.header.isEmpty())
            fail(tr("Send the token in: the header needs a name, e.g. Authorization."));
        if (a.placement == AuthSpec::Placement::Query && a.queryParam.isEmpty())
            fail(tr("Send the token in: the query parameter needs a name, e.g. access_token."));
    }
    if (problem.isEmpty()) {
        // What the core would refuse when the workspace is read again.
        if (const auto check = AuthSpec::fromJson(a.toJson()); !check)
            problem = check.error().message;
    }
    return {a, problem.isEmpty() ? QString() : tr("✗ %1 Not saved until it is fixed.").arg(problem)};
}

void AuthEditor::commit()
{
    m_claimsTimer->stop();
    if (m_loading)
        return;
    const auto [spec, problem] = readForm();
    m_ui->problemLabel->setText(problem);
    m_ui->problemLabel->setVisible(!problem.isEmpty());
    if (!problem.isEmpty() || spec == m_auth)
        return;
    m_auth = spec;
    updateWarning();
    emit authEdited(m_auth);
}

void AuthEditor::updateWarning()
{
    QStringList literal;
    if (m_auth.type == AuthSpec::Type::Basic && isLiteral(m_auth.password))
        literal << tr("the password");
    if (m_auth.type == AuthSpec::Type::OAuth2 && isLiteral(m_auth.clientSecret))
        literal << tr("the client secret");
    if (m_auth.type == AuthSpec::Type::OAuth2 && m_auth.grant == u"password"_s && isLiteral(m_auth.password))
        literal << tr("the password");
    QString what = literal.join(tr(" and "));
    if (!what.isEmpty())
        what[0] = what.at(0).toUpper();
    const QString text =
        literal.isEmpty()
            ? QString()
            : tr("⚠ %1 is saved in the workspace file as typed, readable by anyone with the file. Better: a secret "
                 "variable of the environment (Environment ▸ Edit…, value env:NAME or keychain:NAME) written here as "
                 "{{name}}.")
                  .arg(what);
    m_ui->warningLabel->setText(text);
    m_ui->warningLabel->setVisible(!text.isEmpty());
}

} // namespace quarry::app
