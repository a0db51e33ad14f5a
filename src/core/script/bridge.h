// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "script/scripthost.h"

#include <QJSValue>
#include <QObject>

class QJSEngine;

namespace quarry::script {

class Watchdog;

/// The native side of the script API, the global `__quarry` the JavaScript of script/js calls:
/// variables and pm.sendRequest through the run's ScriptHost, hashes and HMACs through OpenSSL,
/// the libraries' sources. Nothing here reaches files or processes.
class Bridge : public QObject
{
    Q_OBJECT
public:
    Bridge(QJSEngine *engine, Watchdog *watchdog);
    void setHost(ScriptHost *host) { m_host = host; }

    Q_INVOKABLE QJSValue variable(int scope, const QString &name) const;
    Q_INVOKABLE void setVariable(int scope, const QString &name, const QString &value);
    Q_INVOKABLE void unsetVariable(int scope, const QString &name);
    Q_INVOKABLE QJSValue variables(int scope) const;
    Q_INVOKABLE QString replaceIn(const QString &text) const;
    Q_INVOKABLE QJSValue sendRequest(const QJSValue &spec);

    Q_INVOKABLE QString digest(const QString &algorithm, const QString &hex) const;
    Q_INVOKABLE QString hmac(const QString &algorithm, const QString &keyHex, const QString &hex) const;
    Q_INVOKABLE QString utf8ToHex(const QString &text) const;
    Q_INVOKABLE QString hexToUtf8(const QString &hex) const;
    Q_INVOKABLE QString hexToBase64(const QString &hex, bool url) const;
    Q_INVOKABLE QString base64ToHex(const QString &base64) const;
    Q_INVOKABLE QString randomHex(int bytes) const;

    Q_INVOKABLE QString librarySource(const QString &name) const;
    Q_INVOKABLE void pauseBudget();
    Q_INVOKABLE void resumeBudget();

    /// A response as the `{code, status, headers:[{key,value}], body, responseTime, size}` the API wraps.
    QJSValue responseValue(const ScriptResponse &response) const;
    QJSValue requestValue(const ScriptRequest &request) const;
    static ScriptRequest requestFrom(const QJSValue &value);

private:
    bool hostOrThrow() const;

    QJSEngine *m_engine;
    Watchdog *m_watchdog;
    ScriptHost *m_host = nullptr;
};

} // namespace quarry::script
