// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "jwtinspector.h"
#include "ui_jwtinspector.h"

#include "auth/jwt.h"
#include "auth/jwtverifier.h"

#include <QDateTime>
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

/// "in 59 min", "3 s ago": how far `then` is from `now`, in words.
QString relative(qint64 then, qint64 now)
{
    const qint64 delta = then - now;
    const qint64 a = std::abs(delta);
    QString amount;
    if (a < 120)
        amount = JwtInspector::tr("%n s", nullptr, int(a));
    else if (a < 7200)
        amount = JwtInspector::tr("%n min", nullptr, int(a / 60));
    else if (a < 172800)
        amount = JwtInspector::tr("%n h", nullptr, int(a / 3600));
    else
        amount = JwtInspector::tr("%n days", nullptr, int(a / 86400));
    return delta >= 0 ? JwtInspector::tr("in %1").arg(amount) : JwtInspector::tr("%1 ago").arg(amount);
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

QString when(qint64 seconds)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(seconds), QLocale::ShortFormat);
}

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
    m_ui->headerView->clear();
    m_ui->claimsTree->clear();
    m_ui->verifyResultLabel->clear();
    m_expiresAt.reset();
    const QByteArray token = m_ui->tokenEdit->toPlainText().trimmed().toLatin1();
    if (token.isEmpty()) {
        m_ui->summaryLabel->setText(tr("A JWT has three parts separated by dots: a header, the claims, and a "
                                       "signature. Anyone can read the first two; only the signature proves who "
                                       "made the token."));
        return;
    }
    const auto decoded = auth::Jwt::decode(token);
    if (!decoded) {
        m_ui->summaryLabel->setText(tr("✗ Not a readable JWT: %1 (%2)").arg(decoded.error().message,
                                                                         decoded.error().where));
        return;
    }
    const auth::Jwt &jwt = decoded.value();
    m_ui->headerView->setPlainText(QString::fromUtf8(QJsonDocument(jwt.header()).toJson(QJsonDocument::Indented)));
    m_expiresAt = jwt.expiresAt();

    const QString rolesClaim = m_profiles.isEmpty() ? u"roles"_s : m_profiles.first().rolesClaim();
    const QHash<QString, QString> meanings = {
        {u"iss"_s, tr("Issuer: who minted the token")},
        {u"sub"_s, tr("Subject: whom the token is about")},
        {u"aud"_s, tr("Audience: who should accept it")},
        {u"jti"_s, tr("Token id: lets a server revoke this one token")},
        {u"scope"_s, tr("OAuth scopes granted")},
        {rolesClaim, tr("Roles: protected routes check these (403 when the role is missing)")},
    };
    const QJsonObject claims = jwt.claims();
    for (auto it = claims.begin(); it != claims.end(); ++it) {
        QString meaning = meanings.value(it.key());
        auto *item = new QTreeWidgetItem(m_ui->claimsTree, {it.key(), valueText(it.value()), meaning});
        item->setToolTip(1, valueText(it.value()));
    }
    refreshTimes();
    m_ui->claimsTree->resizeColumnToContents(1);
}

void JwtInspector::refreshTimes()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (int i = 0; i < m_ui->claimsTree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_ui->claimsTree->topLevelItem(i);
        const QString claim = item->text(0);
        if (claim != u"exp"_s && claim != u"nbf"_s && claim != u"iat"_s)
            continue;
        bool ok = false;
        const qint64 t = qint64(item->text(1).toDouble(&ok));
        if (!ok)
            continue;
        if (claim == u"exp"_s)
            item->setText(2, t > now ? tr("Expires %1 (%2)").arg(when(t), relative(t, now))
                                     : tr("Expired %1 (%2)").arg(when(t), relative(t, now)));
        else if (claim == u"nbf"_s)
            item->setText(2, tr("Not valid before %1 (%2)").arg(when(t), relative(t, now)));
        else
            item->setText(2, tr("Issued %1 (%2)").arg(when(t), relative(t, now)));
        item->setForeground(2, claim == u"exp"_s && t <= now ? QColor(0xc9, 0x2a, 0x2a) : palette().text().color());
    }
    if (m_ui->claimsTree->topLevelItemCount() == 0)
        return;
    QString summary;
    if (!m_expiresAt)
        summary = tr("Decoded. The token never expires: servers that require exp will refuse it.");
    else if (*m_expiresAt > now)
        summary = tr("Decoded. Valid for another %1, if its signature checks out.")
                      .arg(relative(*m_expiresAt, now).mid(3));
    else
        summary = tr("Decoded. It expired %1: a server answers 401 invalid_token.").arg(relative(*m_expiresAt, now));
    m_ui->summaryLabel->setText(summary);
}

void JwtInspector::verify()
{
    const int index = m_ui->profileCombo->currentIndex();
    if (index < 0 || index >= m_profiles.size())
        return;
    const auth::AuthProfile &profile = m_profiles.at(index);
    const auto keys = profile.resolveKeys();
    if (!keys) {
        m_ui->verifyResultLabel->setText(tr("✗ The profile's key is not available: %1 (%2)")
                                             .arg(keys.error().message, keys.error().where));
        return;
    }
    const auth::JwtVerifier verifier(keys.value().verificationKeys, profile.verifyOptions());
    const auto verified = verifier.verify(m_ui->tokenEdit->toPlainText().trimmed().toLatin1());
    QString text = verified ? tr("✓ Signature valid, claims accepted by “%1”.").arg(profile.name())
                            : tr("✗ Rejected by “%1” at %2: %3").arg(profile.name(), verified.error().where,
                                                                    verified.error().message);
    if (keys.value().usesDemoSecret)
        text += tr("\nNote: this profile uses the public workshop secret (QUARRY_JWT_SECRET is not set).");
    m_ui->verifyResultLabel->setText(text);
}

} // namespace quarry::app
