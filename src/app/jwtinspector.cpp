// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "jwtinspector.h"
#include "ui_jwtinspector.h"

#include "auth/jwtinspector.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSyntaxHighlighter>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

namespace {

QString valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

/// Colours a token's three dot-separated parts: header, claims, signature.
class TokenHighlighter : public QSyntaxHighlighter
{
public:
    using QSyntaxHighlighter::QSyntaxHighlighter;

protected:
    void highlightBlock(const QString &text) override
    {
        static const QColor colours[] = {QColor(0xc9, 0x2a, 0x2a), QColor(0x7b, 0x3f, 0xb5), QColor(0x1c, 0x6b, 0x9e)};
        // Parts may span blocks when a pasted token wraps over lines: continue from the previous block.
        int part = std::max(previousBlockState(), 0);
        int start = 0;
        for (int i = 0; i <= text.size(); ++i) {
            if (i == text.size() || text.at(i) == u'.') {
                QTextCharFormat format;
                format.setForeground(colours[std::min(part, 2)]);
                setFormat(start, i - start, format);
                if (i < text.size())
                    ++part;
                start = i + 1;
            }
        }
        setCurrentBlockState(part);
    }
};

} // namespace

JwtInspector::JwtInspector(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::JwtInspector>())
{
    m_ui->setupUi(this);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->tokenEdit->setFont(fixed);
    new TokenHighlighter(m_ui->tokenEdit->document());
    m_ui->headerView->setFont(fixed);
    m_ui->claimsTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->partsSplitter->setSizes({220, 560});
    connect(m_ui->tokenEdit, &QPlainTextEdit::textChanged, this, &JwtInspector::inspect);
    connect(m_ui->verifyButton, &QPushButton::clicked, this, &JwtInspector::verify);
    connect(&m_clock, &QTimer::timeout, this, &JwtInspector::refreshTimes);
    m_clock.start(1000);
    inspect();
}

JwtInspector::~JwtInspector() = default;

void JwtInspector::setProfiles(const QList<auth::AuthProfile> &profiles)
{
    m_profiles = profiles;
    m_ui->profileCombo->clear();
    for (const auth::AuthProfile &p : profiles)
        m_ui->profileCombo->addItem(u"%1 (%2)"_s.arg(p.name(), auth::Algorithms::name(p.algorithm())), p.id());
    m_ui->verifyButton->setEnabled(!profiles.isEmpty());
}

void JwtInspector::setToken(const QString &token)
{
    m_ui->tokenEdit->setPlainText(token);
}

QString JwtInspector::summary() const
{
    return m_ui->summaryLabel->text();
}

QString JwtInspector::verifyResult() const
{
    return m_ui->verifyResultLabel->text();
}

QString JwtInspector::meaningOf(const QString &claim) const
{
    for (int i = 0; i < m_ui->claimsTree->topLevelItemCount(); ++i) {
        if (m_ui->claimsTree->topLevelItem(i)->text(0) == claim)
            return m_ui->claimsTree->topLevelItem(i)->text(2);
    }
    return {};
}

void JwtInspector::inspect()
{
    m_ui->verifyResultLabel->clear();
    const QByteArray token = m_ui->tokenEdit->toPlainText().trimmed().toLatin1();
    m_ui->headerView->clear();
    m_ui->claimsTree->clear();
    if (token.isEmpty()) {
        m_ui->summaryLabel->setText(tr("A JWT has three parts separated by dots: a header, the claims, and a "
                                       "signature. Anyone can read the first two; only the signature proves who "
                                       "made the token."));
        return;
    }
    const auth::JwtInspection seen = auth::JwtInspector::inspect(token);
    if (!seen.decoded) {
        m_ui->summaryLabel->setText(tr("✗ Not a readable JWT: %1 (%2)").arg(seen.error, seen.errorWhere));
        return;
    }
    m_ui->headerView->setPlainText(QString::fromUtf8(QJsonDocument(seen.header).toJson(QJsonDocument::Indented)));

    // The core explains the registered claims (times, issuer, audience); the hints say what a
    // learner should take from each.
    const QString rolesClaim = m_profiles.isEmpty() ? u"roles"_s : m_profiles.first().rolesClaim();
    const QHash<QString, QString> hints = {
        {u"iss"_s, tr("Issuer: who minted the token")},
        {u"sub"_s, tr("Subject: whom the token is about")},
        {u"aud"_s, tr("Audience: who should accept it")},
        {u"jti"_s, tr("Token id: lets a server revoke this one token")},
        {u"scope"_s, tr("OAuth scopes granted")},
        {rolesClaim, tr("Roles: protected routes check these (403 when the role is missing)")},
    };
    QHash<QString, QString> notes;
    for (const auth::JwtInspection::Note &note : seen.notes)
        notes.insert(note.claim, note.text);
    for (auto it = seen.claims.begin(); it != seen.claims.end(); ++it) {
        QString meaning = hints.value(it.key());
        const QString note = notes.value(it.key());
        if (!note.isEmpty() && meaning.isEmpty())
            meaning = note;
        auto *item = new QTreeWidgetItem(m_ui->claimsTree, {it.key(), valueText(it.value()), meaning});
        item->setToolTip(1, valueText(it.value()));
    }
    m_ui->claimsTree->resizeColumnToContents(1);
    refreshTimes();
}

void JwtInspector::refreshTimes()
{
    // Once a second: only the texts that depend on the clock change, so selection and scrolling stay.
    if (m_ui->claimsTree->topLevelItemCount() == 0)
        return;
    const auth::JwtInspection seen = auth::JwtInspector::inspect(m_ui->tokenEdit->toPlainText().trimmed().toLatin1());
    if (!seen.decoded)
        return;
    for (const auth::JwtInspection::Note &note : seen.notes) {
        if (note.claim != u"exp"_s && note.claim != u"nbf"_s && note.claim != u"iat"_s)
            continue;
        const QList<QTreeWidgetItem *> items = m_ui->claimsTree->findItems(note.claim, Qt::MatchExactly, 0);
        if (items.isEmpty())
            continue;
        const bool expired = note.claim == u"exp"_s && seen.secondsLeft && *seen.secondsLeft <= 0;
        // The core says "expires <when>, <how long from now>".
        items.first()->setText(2, expired ? tr("Expired %1").arg(note.text.section(u' ', 1))
                                          : note.text.left(1).toUpper() + note.text.mid(1));
        items.first()->setForeground(2, expired ? QColor(0xc9, 0x2a, 0x2a) : palette().text().color());
    }
    if (!seen.expiresAt)
        m_ui->summaryLabel->setText(tr("Decoded. The token never expires: servers that require exp will refuse it."));
    else if (*seen.secondsLeft > 0)
        m_ui->summaryLabel->setText(tr("Decoded. Valid for another %1, if its signature checks out.")
                                        .arg(auth::JwtInspector::relative(*seen.secondsLeft).mid(3)));
    else
        m_ui->summaryLabel->setText(tr("Decoded. It expired %1: a server answers 401 invalid_token.")
                                        .arg(auth::JwtInspector::relative(*seen.secondsLeft)));
}

void JwtInspector::verify()
{
    const int index = m_ui->profileCombo->currentIndex();
    if (index < 0 || index >= m_profiles.size())
        return;
    const auth::AuthProfile &profile = m_profiles.at(index);
    const auth::JwtInspection seen =
        auth::JwtInspector::inspect(m_ui->tokenEdit->toPlainText().trimmed().toLatin1(), &profile);
    QString text;
    switch (seen.signature) {
    case auth::JwtInspection::Signature::Valid:
        text = tr("✓ Signature valid, claims accepted by “%1”.").arg(profile.name());
        break;
    case auth::JwtInspection::Signature::Invalid:
        text = tr("✗ Rejected by “%1” at %2: %3").arg(profile.name(), seen.verifyWhere, seen.verifyError);
        break;
    case auth::JwtInspection::Signature::NotChecked:
        text = seen.decoded ? tr("✗ Not checked: %1").arg(seen.verifyError)
                            : tr("✗ Not a readable JWT: %1 (%2)").arg(seen.error, seen.errorWhere);
        break;
    }
    m_ui->verifyResultLabel->setText(text);
}

} // namespace quarry::app
