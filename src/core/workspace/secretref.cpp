// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "workspace/secretref.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QRegularExpression>
#include <QTimer>

#include <qt6keychain/keychain.h>

using namespace Qt::Literals::StringLiterals;

namespace quarry::workspace {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SecretRef)
};

/// Runs a QtKeychain job to completion or until the timeout; returns the job's error text, empty on success.
QString runJob(QKeychain::Job &job, int timeoutMs)
{
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.setAutoDelete(false);
    job.start();
    if (!finished)
        loop.exec();
    if (!finished)
        return Tr::tr("the keychain did not answer within %1 s").arg(timeoutMs / 1000.0);
    if (job.error() != QKeychain::NoError)
        return job.errorString().isEmpty() ? Tr::tr("error %1").arg(int(job.error())) : job.errorString();
    return {};
}
} // namespace

bool SecretRef::isReference(const QString &text)
{
    return parse(text).ok();
}

Result<SecretRef> SecretRef::parse(const QString &text)
{
    static const QRegularExpression envName(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    if (text.startsWith(u"env:"_s)) {
        const QString name = text.mid(4);
        if (!envName.match(name).hasMatch())
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("\"%1\" is not an environment variable name (letters, digits and _).").arg(name), text};
        return SecretRef(Kind::Environment, name);
    }
    if (text.startsWith(u"keychain:"_s)) {
        const QString name = text.mid(9);
        if (name.trimmed().isEmpty())
            return Error{Error::Kind::InvalidInput, Tr::tr("A keychain reference needs an entry name."), text};
        return SecretRef(Kind::Keychain, name);
    }
    return Error{Error::Kind::InvalidInput,
                 Tr::tr("A secret must be given as a reference, env:NAME or keychain:NAME."), {}};
}

QString SecretRef::toString() const
{
    return (m_kind == Kind::Environment ? u"env:"_s : u"keychain:"_s) + m_name;
}

Result<QString> SecretRef::resolve(int timeoutMs) const
{
    if (m_kind == Kind::Environment) {
        if (!qEnvironmentVariableIsSet(m_name.toUtf8().constData()))
            return Error{Error::Kind::NotFound,
                         Tr::tr("The environment variable %1 is not set.").arg(m_name), toString()};
        return qEnvironmentVariable(m_name.toUtf8().constData());
    }
    QKeychain::ReadPasswordJob job(QString::fromLatin1(KeychainService));
    job.setKey(m_name);
    job.setInsecureFallback(false);
    const QString error = runJob(job, timeoutMs);
    if (!error.isEmpty())
        return Error{Error::Kind::NotFound, Tr::tr("Cannot read the secret from the keychain: %1.").arg(error),
                     toString()};
    return job.textData();
}

Result<void> SecretRef::store(const QString &value, int timeoutMs) const
{
    if (m_kind == Kind::Environment)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("Quarry cannot set an environment variable; set %1 before starting Quarry.").arg(m_name),
                     toString()};
    QKeychain::WritePasswordJob job(QString::fromLatin1(KeychainService));
    job.setKey(m_name);
    job.setInsecureFallback(false);
    job.setTextData(value);
    const QString error = runJob(job, timeoutMs);
    if (!error.isEmpty())
        return Error{Error::Kind::Io, Tr::tr("Cannot store the secret in the keychain: %1.").arg(error), toString()};
    return {};
}

} // namespace quarry::workspace
