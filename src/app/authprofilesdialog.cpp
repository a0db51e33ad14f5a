// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "authprofilesdialog.h"
#include "ui_authprofilesdialog.h"

#include "setsectioncommand.h"

#include "auth/authprofile.h"
#include "workspace/secretref.h"
#include "workspace/workspace.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QJsonArray>
#include <QScopedValueRollback>
#include <QUndoStack>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

using workspace::Section;

namespace {
bool isHmac(const QString &algorithm)
{
    return algorithm.startsWith(u"HS"_s);
}
} // namespace

AuthProfilesDialog::AuthProfilesDialog(QUndoStack *undoStack, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AuthProfilesDialog>())
    , m_undoStack(undoStack)
{
    m_ui->setupUi(this);
    m_ui->algorithmCombo->addItems(auth::Algorithms::names(auth::Algorithms::all()));
    m_ui->splitter->setSizes({220, 600});
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->profilesList, &QListWidget::currentRowChanged, this, &AuthProfilesDialog::showProfile);
    connect(m_ui->addButton, &QPushButton::clicked, this, &AuthProfilesDialog::addProfile);
    connect(m_ui->removeButton, &QPushButton::clicked, this, &AuthProfilesDialog::removeProfile);
    connect(m_ui->generateButton, &QPushButton::clicked, this, &AuthProfilesDialog::generateKeyPair);

    connect(m_ui->nameEdit, &QLineEdit::textEdited, this,
            [this](const QString &v) { setField(u"name"_s, v, u"name"_s); });
    connect(m_ui->issuerEdit, &QLineEdit::textEdited, this,
            [this](const QString &v) { setField(u"issuer"_s, v, u"issuer"_s); });
    connect(m_ui->audienceEdit, &QLineEdit::textEdited, this, [this](const QString &v) {
        QStringList list;
        for (const QString &a : v.split(u',', Qt::SkipEmptyParts))
            list << a.trimmed();
        setField(u"audience"_s, list.size() == 1 ? QJsonValue(list.first()) : QJsonValue(QJsonArray::fromStringList(list)),
                 u"audience"_s);
    });
    connect(m_ui->lifetimeSpin, &QSpinBox::valueChanged, this,
            [this](int v) { setField(u"lifetimeSeconds"_s, v, u"lifetime"_s); });
    connect(m_ui->rolesClaimEdit, &QLineEdit::textEdited, this,
            [this](const QString &v) { setField(u"rolesClaim"_s, v, u"rolesClaim"_s); });
    connect(m_ui->keyRefEdit, &QLineEdit::textEdited, this, [this](const QString &v) {
        const bool hmac = isHmac(m_ui->algorithmCombo->currentText());
        setField(hmac ? u"secret"_s : u"privateKey"_s, v, u"key"_s);
    });
    connect(m_ui->demoFallbackCheck, &QCheckBox::toggled, this,
            [this](bool on) { setField(u"demoFallback"_s, on, u"demoFallback"_s); });
    connect(m_ui->algorithmCombo, &QComboBox::currentTextChanged, this, [this](const QString &alg) {
        if (m_loading)
            return;
        // Switching between a shared secret and a key pair moves the reference to the right field.
        QJsonObject p = currentProfile();
        const bool hmac = isHmac(alg);
        const QString ref = p.value(u"secret"_s).toString(p.value(u"privateKey"_s).toString());
        p.remove(u"secret"_s);
        p.remove(u"privateKey"_s);
        p.remove(u"allowedAlgorithms"_s);
        if (!ref.isEmpty())
            p.insert(hmac ? u"secret"_s : u"privateKey"_s, ref);
        if (!hmac) {
            p.remove(u"demoFallback"_s);
            p.remove(u"publicKey"_s); // a key of the old family would never verify the new algorithm
            p.remove(u"kid"_s);
        }
        p.insert(u"algorithm"_s, alg);
        setField({}, p, u"algorithm"_s);
        showProfile(m_ui->profilesList->currentRow());
    });
}

AuthProfilesDialog::~AuthProfilesDialog() = default;

void AuthProfilesDialog::setWorkspace(workspace::Workspace *workspace)
{
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    m_workspace = workspace;
    if (workspace) {
        connect(workspace, &workspace::Workspace::sectionChanged, this, [this](Section s) {
            if (s == Section::AuthProfiles && !m_loading)
                reload();
        });
    }
    reload();
}

void AuthProfilesDialog::selectProfile(int row)
{
    m_ui->profilesList->setCurrentRow(row);
}

QString AuthProfilesDialog::message() const
{
    return m_ui->messageLabel->text();
}

QJsonObject AuthProfilesDialog::currentProfile() const
{
    const int row = m_ui->profilesList->currentRow();
    if (!m_workspace || row < 0)
        return {};
    return m_workspace->sectionArray(Section::AuthProfiles).at(row).toObject();
}

void AuthProfilesDialog::reload()
{
    const int row = m_ui->profilesList->currentRow();
    {
        QScopedValueRollback loading(m_loading, true);
        m_ui->profilesList->clear();
        if (m_workspace) {
            for (const QJsonValue &v : m_workspace->sectionArray(Section::AuthProfiles)) {
                const QJsonObject p = v.toObject();
                m_ui->profilesList->addItem(u"%1 · %2"_s.arg(p.value(u"name"_s).toString(p.value(u"id"_s).toString()),
                                                            p.value(u"algorithm"_s).toString()));
            }
        }
    }
    const int count = m_ui->profilesList->count();
    m_ui->profilesList->setCurrentRow(count == 0 ? -1 : std::clamp(row, 0, count - 1));
    showProfile(m_ui->profilesList->currentRow());
}

void AuthProfilesDialog::showProfile(int row)
{
    QScopedValueRollback loading(m_loading, true);
    const bool valid = m_workspace && row >= 0;
    m_ui->formBox->setEnabled(valid);
    m_ui->removeButton->setEnabled(valid);
    if (!valid) {
        m_ui->messageLabel->setText(m_workspace ? tr("Add a profile to mint and check tokens.") : QString());
        return;
    }
    const QJsonObject p = currentProfile();
    const QString alg = p.value(u"algorithm"_s).toString(u"HS256"_s);
    const bool hmac = isHmac(alg);
    m_ui->nameEdit->setText(p.value(u"name"_s).toString());
    m_ui->algorithmCombo->setCurrentText(alg);
    m_ui->issuerEdit->setText(p.value(u"issuer"_s).toString());
    const QJsonValue aud = p.value(u"audience"_s);
    QStringList audiences;
    if (aud.isArray()) {
        for (const QJsonValue &a : aud.toArray())
            audiences << a.toString();
    } else if (aud.isString()) {
        audiences << aud.toString();
    }
    m_ui->audienceEdit->setText(audiences.join(u", "_s));
    m_ui->lifetimeSpin->setValue(p.value(u"lifetimeSeconds"_s).toInt(3600));
    m_ui->rolesClaimEdit->setText(p.value(u"rolesClaim"_s).toString(u"roles"_s));
    m_ui->keyLabel->setText(hmac ? tr("Shared secret") : tr("Private key"));
    m_ui->keyRefEdit->setText(p.value(hmac ? u"secret"_s : u"privateKey"_s).toString());
    m_ui->demoFallbackCheck->setVisible(hmac);
    m_ui->demoFallbackCheck->setChecked(p.value(u"demoFallback"_s).toBool());
    m_ui->generateButton->setVisible(!hmac);
    validate(p);
}

void AuthProfilesDialog::validate(const QJsonObject &profile)
{
    const int row = m_ui->profilesList->currentRow();
    const auto parsed = auth::AuthProfile::fromJson(profile, u"authProfiles[%1]"_s.arg(row));
    if (!parsed) {
        m_ui->messageLabel->setText(tr("✗ %1 (%2)").arg(parsed.error().message, parsed.error().where));
        return;
    }
    // Validation runs on every keystroke: an environment variable is read at once, but a keychain
    // answers over D-Bus and may take a while, so its entry is read when a token is signed instead.
    const QString keyRef = parsed.value().secretRef().isEmpty() ? parsed.value().privateKeyRef()
                                                                : parsed.value().secretRef();
    const auto ref = workspace::SecretRef::parse(keyRef);
    if (ref && ref.value().kind() == workspace::SecretRef::Kind::Keychain) {
        m_ui->messageLabel->setText(tr("✓ Valid. The key is read from the keychain entry %1 when a token is signed.")
                                        .arg(ref.value().name()));
        return;
    }
    const auto keys = parsed.value().resolveKeys(1000);
    if (!keys) {
        m_ui->messageLabel->setText(tr("⚠ The profile is valid, but its key cannot be read now: %1")
                                        .arg(keys.error().message));
        return;
    }
    QStringList notes{tr("✓ Ready: tokens are signed with %1%2.")
                          .arg(auth::Algorithms::name(parsed.value().algorithm()),
                               parsed.value().issuer().isEmpty() ? QString()
                                                                 : tr(" and issued by %1").arg(parsed.value().issuer()))};
    notes += keys.value().warnings;
    m_ui->messageLabel->setText(notes.join(u'\n'));
}

void AuthProfilesDialog::setField(const QString &key, const QJsonValue &value, const QString &mergeField)
{
    const int row = m_ui->profilesList->currentRow();
    if (m_loading || !m_workspace || row < 0)
        return;
    QJsonArray profiles = m_workspace->sectionArray(Section::AuthProfiles);
    QJsonObject p = profiles.at(row).toObject();
    if (key.isEmpty())
        p = value.toObject(); // the whole profile
    else if (value.isString() && value.toString().isEmpty())
        p.remove(key);
    else
        p.insert(key, value);
    profiles[row] = p;
    {
        QScopedValueRollback loading(m_loading, true);
        m_undoStack->push(new SetSectionCommand(m_workspace, Section::AuthProfiles, profiles,
                                                tr("Edit %1 of auth profile %2").arg(mergeField, p.value(u"name"_s).toString()),
                                                p.value(u"id"_s).toString() + u'/' + mergeField));
        if (QListWidgetItem *item = m_ui->profilesList->item(row))
            item->setText(u"%1 · %2"_s.arg(p.value(u"name"_s).toString(p.value(u"id"_s).toString()),
                                           p.value(u"algorithm"_s).toString()));
    }
    validate(p);
}

void AuthProfilesDialog::addProfile()
{
    if (!m_workspace)
        return;
    QJsonArray profiles = m_workspace->sectionArray(Section::AuthProfiles);
    const QString id = u"auth-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
    profiles.append(QJsonObject{{u"id"_s, id},
                                {u"name"_s, tr("New profile")},
                                {u"algorithm"_s, u"HS256"_s},
                                {u"lifetimeSeconds"_s, 3600},
                                {u"rolesClaim"_s, u"roles"_s},
                                {u"secret"_s, u"env:QUARRY_JWT_SECRET"_s}});
    m_undoStack->push(new SetSectionCommand(m_workspace, Section::AuthProfiles, profiles, tr("Add auth profile")));
    m_ui->profilesList->setCurrentRow(m_ui->profilesList->count() - 1);
}

void AuthProfilesDialog::removeProfile()
{
    const int row = m_ui->profilesList->currentRow();
    if (!m_workspace || row < 0)
        return;
    QJsonArray profiles = m_workspace->sectionArray(Section::AuthProfiles);
    const QString name = profiles.at(row).toObject().value(u"name"_s).toString();
    profiles.removeAt(row);
    m_undoStack->push(new SetSectionCommand(m_workspace, Section::AuthProfiles, profiles,
                                            tr("Remove auth profile %1").arg(name)));
}

void AuthProfilesDialog::generateKeyPair()
{
    const int row = m_ui->profilesList->currentRow();
    auto parsed = auth::AuthProfile::fromJson(currentProfile(), u"authProfiles[%1]"_s.arg(row));
    if (!parsed) {
        m_ui->messageLabel->setText(tr("✗ %1 (%2)").arg(parsed.error().message, parsed.error().where));
        return;
    }
    auth::AuthProfile profile = parsed.value();
    const auto ref = workspace::SecretRef::parse(profile.privateKeyRef());
    if (!ref) {
        m_ui->messageLabel->setText(tr("✗ Enter where the private key will live first: keychain:NAME (Quarry stores "
                                       "it there) or env:NAME (you set the variable)."));
        return;
    }
    const auto key = profile.generateKeyPair();
    if (!key) {
        m_ui->messageLabel->setText(tr("✗ %1").arg(key.error().message));
        return;
    }
    setField({}, profile.toJson(), u"key pair"_s);
    if (ref.value().kind() == workspace::SecretRef::Kind::Environment) {
        const auto pem = key.value().toPem(true);
        if (pem)
            QGuiApplication::clipboard()->setText(QString::fromLatin1(pem.value()));
        m_ui->messageLabel->setText(tr("✓ Key pair generated; the public key is in the workspace. The private key is on "
                                       "the clipboard: set %1 to it before starting Quarry (it is not saved anywhere).")
                                        .arg(ref.value().name()));
    } else {
        m_ui->messageLabel->setText(tr("✓ Key pair generated; the private key is in the keychain entry %1, the "
                                       "public key in the workspace.")
                                        .arg(ref.value().name()));
    }
}

} // namespace quarry::app
