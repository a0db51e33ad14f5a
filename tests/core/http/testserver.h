// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <memory>

/// Starts tests/core/http/server.js (Express + jsonwebtoken) with node on a free loopback port;
/// stops it when destroyed, also when the test fails.
class TestServer
{
public:
    /// `ttlSeconds`: lifetime of the tokens the server issues.
    bool start(const QString &script, int ttlSeconds = 2)
    {
        using namespace Qt::Literals::StringLiterals;
        m_process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        QString modules = env.value(u"QUARRY_NODE_MODULES"_s);
        if (modules.isEmpty())
            modules = env.value(u"QUARRY_SOURCE_DIR"_s) + u"/tests/node/node_modules"_s;
        env.insert(u"NODE_PATH"_s, modules);
        env.insert(u"TOKEN_TTL"_s, QString::number(ttlSeconds));
        env.insert(u"SIGNED_SECRET"_s, u"quarry-test-signing-secret-0123456789"_s);
        m_process->setProcessEnvironment(env);
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->start(u"node"_s, {script});
        if (!m_process->waitForStarted(10000)) {
            m_error = m_process->errorString();
            return false;
        }
        while (!m_process->canReadLine()) {
            if (!m_process->waitForReadyRead(15000)) {
                m_error = QString::fromUtf8(m_process->readAllStandardError());
                return false;
            }
        }
        const QJsonObject hello = QJsonDocument::fromJson(m_process->readLine()).object();
        m_port = hello.value(u"port"_s).toInt();
        return m_port > 0;
    }
    ~TestServer()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(3000))
                m_process->kill();
            m_process->waitForFinished(3000);
        }
    }
    int port() const { return m_port; }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    QString error() const { return m_error; }

private:
    std::unique_ptr<QProcess> m_process;
    int m_port = 0;
    QString m_error;
};
