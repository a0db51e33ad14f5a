// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/secretscrubber.h"

#include "workspace/secretref.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SecretScrubber)
};

/// "Shop API", "getMe", "x-api-key" -> "SHOP_API", "GET_ME", "X_API_KEY".
QString upperSnake(const QString &text)
{
    QString out;
    QChar previous;
    for (const QChar c : text) {
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            if (c.isUpper() && previous.isLower() && !out.endsWith(u'_'))
                out += u'_';
            out += c.toUpper();
        } else if (!out.isEmpty() && !out.endsWith(u'_')) {
            out += u'_';
        }
        previous = c;
    }
    while (out.endsWith(u'_'))
        out.chop(1);
    return out;
}

bool isPlainValue(const QString &value)
{
    return !value.trimmed().isEmpty() && !value.contains(u"{{"_s) && !workspace::SecretRef::isReference(value);
}

/// The JSON text of a string: "a\"b".
QString jsonString(const QString &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

class Scrubber
{
public:
    Scrubber(const QString &owner, QList<Variable> &variables) : m_variables(variables)
    {
        m_prefix = upperSnake(owner);
        if (m_prefix.isEmpty())
            m_prefix = u"QUARRY"_s;
        else if (m_prefix.front().isDigit())
            m_prefix.prepend(u"QUARRY_"_s);
    }

    /// `{{variable}}` for a secret value, adding the secret variable the first time the value is seen.
    QString replace(const QString &value, const QString &suggested, const QString &where)
    {
        QString variable = m_byValue.value(value);
        if (variable.isEmpty()) {
            const QString base = upperSnake(suggested).toLower();
            variable = base.isEmpty() ? u"secret"_s : base;
            for (int n = 2; hasVariable(variable); ++n)
                variable = u"%1_%2"_s.arg(base).arg(n);
            Variable v;
            v.name = variable;
            v.value = u"env:"_s + envName(variable);
            v.secret = true;
            m_variables.append(v);
            m_byValue.insert(value, variable);
        }
        m_moved.append({envName(variable), variable, where});
        return u"{{"_s + variable + u"}}"_s;
    }

    /// A variable of the collection or environment that holds a secret itself.
    void variable(Variable &v, const QString &where)
    {
        if (!(v.secret || SecretScrubber::isSecretName(v.name)) || !isPlainValue(v.value))
            return;
        v.value = u"env:"_s + envName(v.name);
        v.secret = true;
        m_moved.append({envName(v.name), v.name, where});
    }

    void auth(AuthSpec &a, const QString &owner, const QString &where)
    {
        const QString stem = owner.isEmpty() ? QString() : owner + u'_';
        if (a.type == AuthSpec::Type::Bearer && isPlainValue(a.token))
            a.token = replace(a.token, stem + u"token"_s, where + Tr::tr(", bearer token"));
        if ((a.type == AuthSpec::Type::Basic || a.type == AuthSpec::Type::OAuth2) && isPlainValue(a.password))
            a.password = replace(a.password, stem + u"password"_s, where + Tr::tr(", password"));
        if (a.type == AuthSpec::Type::OAuth2 && isPlainValue(a.clientSecret))
            a.clientSecret = replace(a.clientSecret, stem + u"client_secret"_s, where + Tr::tr(", client secret"));
    }

    void request(RequestSpec &r)
    {
        const QString where = Tr::tr("request \"%1\"").arg(r.name);
        auth(r.auth, r.name, where);
        for (KeyValue &h : r.headers) {
            const QString name = h.name.toLower();
            const QString at = where + Tr::tr(", header %1").arg(h.name);
            if (name == u"authorization"_s || name == u"proxy-authorization"_s) {
                // Keep the scheme readable: "Bearer {{var}}".
                const qsizetype space = h.value.indexOf(u' ');
                const QString credentials = space > 0 ? h.value.mid(space + 1).trimmed() : h.value;
                if (isPlainValue(credentials))
                    h.value = (space > 0 ? h.value.left(space + 1) : QString()) + replace(credentials, r.name + u'_' + h.name, at);
            } else if ((name == u"cookie"_s || SecretScrubber::isSecretName(h.name)) && isPlainValue(h.value)) {
                h.value = replace(h.value, r.name + u'_' + h.name, at);
            }
        }
        for (KeyValue &p : r.params) {
            if (SecretScrubber::isSecretName(p.name) && isPlainValue(p.value))
                p.value = replace(p.value, r.name + u'_' + p.name, where + Tr::tr(", query parameter %1").arg(p.name));
        }
        r.url = url(r.url, r.name, where);
        for (KeyValue &f : r.body.fields) {
            if (!f.isFile && SecretScrubber::isSecretName(f.name) && isPlainValue(f.value))
                f.value = replace(f.value, r.name + u'_' + f.name, where + Tr::tr(", body field %1").arg(f.name));
        }
        if (!r.body.text.isEmpty())
            r.body.text = jsonBody(r.body.text, r.name, where);
    }

    void items(QList<CollectionItem> &items)
    {
        for (CollectionItem &item : items) {
            if (item.type == CollectionItem::Type::Request) {
                request(item.request);
            } else {
                auth(item.folderAuth, item.folderName, Tr::tr("folder \"%1\"").arg(item.folderName));
                this->items(item.items);
            }
        }
    }

    QList<MovedSecret> moved() const { return m_moved; }

private:
    QString envName(const QString &variable) const { return m_prefix + u'_' + upperSnake(variable); }

    bool hasVariable(const QString &name) const
    {
        return std::any_of(m_variables.begin(), m_variables.end(), [&](const Variable &v) { return v.name == name; });
    }

    /// The query string's secret values and the password of the user information.
    QString url(QString text, const QString &owner, const QString &where)
    {
        static const QRegularExpression userInfo(u"^([A-Za-z][A-Za-z0-9+.-]*://[^/?#@:]*):([^/?#@]*)@"_s);
        if (const auto m = userInfo.match(text); m.hasMatch() && isPlainValue(m.captured(2)))
            text.replace(m.capturedStart(2), m.capturedLength(2),
                         replace(m.captured(2), owner + u"_password"_s, where + Tr::tr(", password in the URL")));
        const qsizetype query = text.indexOf(u'?');
        if (query < 0)
            return text;
        const qsizetype fragment = text.indexOf(u'#', query);
        QStringList pairs = text.mid(query + 1, fragment < 0 ? -1 : fragment - query - 1).split(u'&');
        for (QString &pair : pairs) {
            const qsizetype eq = pair.indexOf(u'=');
            if (eq <= 0)
                continue;
            const QString name = pair.left(eq);
            const QString value = pair.mid(eq + 1);
            if (SecretScrubber::isSecretName(name) && isPlainValue(value))
                pair = name + u'=' + replace(value, owner + u'_' + name, where + Tr::tr(", query parameter %1").arg(name));
        }
        return text.left(query + 1) + pairs.join(u'&') + (fragment < 0 ? QString() : text.mid(fragment));
    }

    /// String members with secret names in a JSON body; the text keeps its layout where it can.
    QString jsonBody(QString text, const QString &owner, const QString &where)
    {
        QJsonParseError error;
        QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || (!doc.isObject() && !doc.isArray()))
            return text;
        bool rewrite = false;
        std::function<QJsonValue(const QJsonValue &)> walk = [&](const QJsonValue &value) -> QJsonValue {
            if (value.isArray()) {
                QJsonArray a = value.toArray();
                for (qsizetype i = 0; i < a.size(); ++i)
                    a[i] = walk(a.at(i));
                return a;
            }
            if (!value.isObject())
                return value;
            QJsonObject o = value.toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (it.value().isString() && SecretScrubber::isSecretName(it.key()) && isPlainValue(it.value().toString())) {
                    const QString secret = it.value().toString();
                    const QString ref = replace(secret, owner + u'_' + it.key(), where + Tr::tr(", body field %1").arg(it.key()));
                    const QString literal = jsonString(secret);
                    if (text.contains(literal))
                        text.replace(literal, jsonString(ref));
                    else
                        rewrite = true;   // escaped differently in the text: write the document anew
                    it.value() = ref;
                } else {
                    it.value() = walk(it.value());
                }
            }
            return o;
        };
        const QJsonValue scrubbed = walk(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()));
        if (!rewrite)
            return text;
        doc = scrubbed.isObject() ? QJsonDocument(scrubbed.toObject()) : QJsonDocument(scrubbed.toArray());
        return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    }

    QString m_prefix;
    QList<Variable> &m_variables;
    QHash<QString, QString> m_byValue;
    QList<MovedSecret> m_moved;
};

} // namespace

bool SecretScrubber::isSecretName(const QString &name)
{
    QString n;
    for (const QChar c : name) {
        if (c.isLetterOrNumber())
            n += c.toLower();
    }
    static const QStringList exact{u"key"_s, u"pass"_s, u"pwd"_s, u"sig"_s, u"auth"_s, u"jwt"_s, u"sid"_s};
    if (exact.contains(n))
        return true;
    // "tokenUrl", "passwordPolicy", "secretName" name where or what a secret is, not the secret.
    static const QStringList describing{u"url"_s, u"uri"_s, u"type"_s, u"name"_s, u"endpoint"_s, u"path"_s, u"expiry"_s,
                                        u"expires"_s, u"expiresin"_s, u"ttl"_s, u"pointer"_s, u"header"_s, u"scheme"_s,
                                        u"policy"_s, u"length"_s, u"hint"_s, u"id"_s};
    for (const QString &suffix : describing) {
        if (n.endsWith(suffix) && n != suffix && !n.endsWith(u"sessionid"_s))
            return false;
    }
    static const QStringList parts{u"password"_s, u"passwd"_s, u"secret"_s, u"token"_s, u"apikey"_s, u"accesskey"_s,
                                   u"privatekey"_s, u"credential"_s, u"session"_s, u"signature"_s, u"cookie"_s,
                                   u"authorization"_s, u"passphrase"_s};
    return std::any_of(parts.begin(), parts.end(), [&](const QString &p) { return n.contains(p); });
}

QList<MovedSecret> SecretScrubber::scrub(Collection &collection)
{
    Scrubber s(collection.name, collection.variables);
    const QString where = Tr::tr("collection \"%1\"").arg(collection.name);
    for (Variable &v : collection.variables)
        s.variable(v, where + Tr::tr(", variable %1").arg(v.name));
    s.auth(collection.auth, {}, where);
    s.items(collection.items);
    return s.moved();
}

QList<MovedSecret> SecretScrubber::scrub(RequestSpec &request, Collection &collection)
{
    Scrubber s(collection.name, collection.variables);
    s.request(request);
    return s.moved();
}

QList<MovedSecret> SecretScrubber::scrub(Environment &environment)
{
    QList<Variable> none;
    Scrubber s(environment.name, none);
    for (Variable &v : environment.variables)
        s.variable(v, Tr::tr("environment \"%1\", variable %2").arg(environment.name, v.name));
    return s.moved();
}

QStringList SecretScrubber::instructions(const QList<MovedSecret> &secrets)
{
    QStringList names;
    QHash<QString, QStringList> places;
    for (const MovedSecret &s : secrets) {
        if (!places.contains(s.envName))
            names << s.envName;
        places[s.envName] << s.where;
    }
    QStringList lines;
    for (const QString &name : std::as_const(names))
        lines << Tr::tr("export %1=…   (was in %2)").arg(name, places.value(name).join(u"; "_s));
    return lines;
}

} // namespace quarry::http
