// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "script/bridge.h"

#include "script/watchdog.h"

#include <QCoreApplication>
#include <QFile>
#include <QJSEngine>
#include <QRandomGenerator>

#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace Qt::Literals::StringLiterals;

namespace quarry::script {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Sandbox)
};

const EVP_MD *digestByName(const QString &name)
{
    if (name == u"MD5"_s)
        return EVP_md5();
    if (name == u"SHA1"_s)
        return EVP_sha1();
    if (name == u"SHA224"_s)
        return EVP_sha224();
    if (name == u"SHA256"_s)
        return EVP_sha256();
    if (name == u"SHA384"_s)
        return EVP_sha384();
    if (name == u"SHA512"_s)
        return EVP_sha512();
    return nullptr;
}

QList<ScriptRequest::Header> rows(const QJSValue &list)
{
    QList<ScriptRequest::Header> out;
    const int n = list.property(u"length"_s).toInt();
    for (int i = 0; i < n; ++i) {
        const QJSValue r = list.property(quint32(i));
        out.append({r.property(u"key"_s).toString(), r.property(u"value"_s).toString(), r.property(u"disabled"_s).toBool()});
    }
    return out;
}
} // namespace

Bridge::Bridge(QJSEngine *engine, Watchdog *watchdog) : m_engine(engine), m_watchdog(watchdog) {}

bool Bridge::hostOrThrow() const
{
    if (m_host)
        return true;
    m_engine->throwError(QJSValue::ReferenceError, Tr::tr("No request is running: variables are not available here."));
    return false;
}

QJSValue Bridge::variable(int scope, const QString &name) const
{
    if (!hostOrThrow())
        return {};
    const auto value = m_host->variable(ScriptHost::Scope(scope), name);
    return value ? QJSValue(*value) : QJSValue(QJSValue::UndefinedValue);
}

void Bridge::setVariable(int scope, const QString &name, const QString &value)
{
    if (hostOrThrow())
        m_host->setVariable(ScriptHost::Scope(scope), name, value);
}

void Bridge::unsetVariable(int scope, const QString &name)
{
    if (hostOrThrow())
        m_host->unsetVariable(ScriptHost::Scope(scope), name);
}

QJSValue Bridge::variables(int scope) const
{
    QJSValue out = m_engine->newObject();
    if (!hostOrThrow())
        return out;
    const QHash<QString, QString> all = m_host->variables(ScriptHost::Scope(scope));
    for (auto it = all.constBegin(); it != all.constEnd(); ++it)
        out.setProperty(it.key(), it.value());
    return out;
}

QString Bridge::replaceIn(const QString &text) const
{
    return hostOrThrow() ? m_host->replaceIn(text) : text;
}

QJSValue Bridge::sendRequest(const QJSValue &spec)
{
    if (!hostOrThrow())
        return {};
    const ScriptRequest request = requestFrom(spec);
    m_watchdog->pause();   // the server's time is not the script's
    const auto response = m_host->sendRequest(request);
    m_watchdog->resume();
    if (!response) {
        QJSValue out = m_engine->newObject();
        out.setProperty(u"error"_s, response.error().message);
        return out;
    }
    return responseValue(response.value());
}

QJSValue Bridge::responseValue(const ScriptResponse &response) const
{
    QJSValue out = m_engine->newObject();
    out.setProperty(u"code"_s, response.code);
    out.setProperty(u"status"_s, response.status);
    QJSValue headers = m_engine->newArray(quint32(response.headers.size()));
    for (qsizetype i = 0; i < response.headers.size(); ++i) {
        QJSValue h = m_engine->newObject();
        h.setProperty(u"key"_s, response.headers.at(i).first);
        h.setProperty(u"value"_s, response.headers.at(i).second);
        headers.setProperty(quint32(i), h);
    }
    out.setProperty(u"headers"_s, headers);
    out.setProperty(u"body"_s, QString::fromUtf8(response.body));
    out.setProperty(u"responseTime"_s, response.responseTime);
    out.setProperty(u"size"_s, double(response.body.size()));
    return out;
}

QJSValue Bridge::requestValue(const ScriptRequest &request) const
{
    auto list = [&](const QList<ScriptRequest::Header> &rows) {
        QJSValue a = m_engine->newArray(quint32(rows.size()));
        for (qsizetype i = 0; i < rows.size(); ++i) {
            QJSValue h = m_engine->newObject();
            h.setProperty(u"key"_s, rows.at(i).key);
            h.setProperty(u"value"_s, rows.at(i).value);
            if (rows.at(i).disabled)
                h.setProperty(u"disabled"_s, true);
            a.setProperty(quint32(i), h);
        }
        return a;
    };
    QJSValue out = m_engine->newObject();
    out.setProperty(u"name"_s, request.name);
    out.setProperty(u"id"_s, request.id);
    out.setProperty(u"method"_s, request.method);
    out.setProperty(u"url"_s, request.url);
    out.setProperty(u"headers"_s, list(request.headers));
    QJSValue body = m_engine->newObject();
    body.setProperty(u"mode"_s, request.bodyMode);
    body.setProperty(u"raw"_s, request.raw);
    body.setProperty(u"language"_s, request.language);
    body.setProperty(u"urlencoded"_s, list(request.bodyMode == u"urlencoded"_s ? request.fields : QList<ScriptRequest::Header>{}));
    body.setProperty(u"formdata"_s, list(request.bodyMode == u"formdata"_s ? request.fields : QList<ScriptRequest::Header>{}));
    out.setProperty(u"body"_s, body);
    return out;
}

ScriptRequest Bridge::requestFrom(const QJSValue &value)
{
    ScriptRequest r;
    r.name = value.property(u"name"_s).toString();
    r.id = value.property(u"id"_s).toString();
    r.method = value.property(u"method"_s).toString();
    r.url = value.property(u"url"_s).toString();
    r.headers = rows(value.property(u"headers"_s));
    const QJSValue body = value.property(u"body"_s);
    if (body.isObject()) {
        r.bodyMode = body.property(u"mode"_s).toString();
        r.raw = body.property(u"raw"_s).toString();
        r.language = body.property(u"language"_s).toString();
        if (r.bodyMode == u"urlencoded"_s || r.bodyMode == u"formdata"_s)
            r.fields = rows(body.property(r.bodyMode));
    } else {   // pm.sendRequest's flat form
        r.bodyMode = value.property(u"bodyMode"_s).toString();
        r.raw = value.property(u"raw"_s).toString();
        r.fields = rows(value.property(u"fields"_s));
    }
    if (r.language == u"undefined"_s)
        r.language.clear();
    return r;
}

QString Bridge::digest(const QString &algorithm, const QString &hex) const
{
    const EVP_MD *md = digestByName(algorithm);
    if (!md) {
        m_engine->throwError(QJSValue::TypeError, Tr::tr("CryptoJS.%1 is not supported by Quarry").arg(algorithm));
        return {};
    }
    const QByteArray data = QByteArray::fromHex(hex.toLatin1());
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.constData(), size_t(data.size()), out, &length, md, nullptr);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(out), int(length)).toHex());
}

QString Bridge::hmac(const QString &algorithm, const QString &keyHex, const QString &hex) const
{
    const EVP_MD *md = digestByName(algorithm);
    if (!md) {
        m_engine->throwError(QJSValue::TypeError, Tr::tr("CryptoJS.Hmac%1 is not supported by Quarry").arg(algorithm));
        return {};
    }
    const QByteArray key = QByteArray::fromHex(keyHex.toLatin1());
    const QByteArray data = QByteArray::fromHex(hex.toLatin1());
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(md, key.constData(), int(key.size()), reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()), out,
         &length);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(out), int(length)).toHex());
}

QString Bridge::utf8ToHex(const QString &text) const
{
    return QString::fromLatin1(text.toUtf8().toHex());
}

QString Bridge::hexToUtf8(const QString &hex) const
{
    return QString::fromUtf8(QByteArray::fromHex(hex.toLatin1()));
}

QString Bridge::hexToBase64(const QString &hex, bool url) const
{
    const auto options = url ? QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals : QByteArray::Base64Encoding;
    return QString::fromLatin1(QByteArray::fromHex(hex.toLatin1()).toBase64(options));
}

QString Bridge::base64ToHex(const QString &base64) const
{
    QByteArray text = base64.toLatin1();
    const bool url = text.contains('-') || text.contains('_');
    return QString::fromLatin1(QByteArray::fromBase64(text, url ? QByteArray::Base64UrlEncoding : QByteArray::Base64Encoding).toHex());
}

QString Bridge::randomHex(int bytes) const
{
    QByteArray out(std::clamp(bytes, 0, 1 << 16), Qt::Uninitialized);
    for (char &c : out)
        c = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(out.toHex());
}

QString Bridge::librarySource(const QString &name) const
{
    static const QHash<QString, QString> files{{u"chai"_s, u":/quarry/js/chai/chai.js"_s},
                                               {u"lodash"_s, u":/quarry/js/lodash/lodash.min.js"_s},
                                               {u"moment"_s, u":/quarry/js/moment/moment.min.js"_s}};
    QFile file(files.value(name));
    if (!files.contains(name) || !file.open(QIODevice::ReadOnly)) {
        m_engine->throwError(QJSValue::ReferenceError, Tr::tr("The library %1 is not in this build of Quarry.").arg(name));
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

void Bridge::pauseBudget()
{
    m_watchdog->pause();
}

void Bridge::resumeBudget()
{
    m_watchdog->resume();
}

} // namespace quarry::script
