// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/scripts.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Scripts)
};

QJsonArray lines(const QString &script)
{
    return QJsonArray::fromStringList(script.split(u'\n'));
}

Result<QString> text(const QJsonValue &value, const QString &key)
{
    if (value.isUndefined() || value.isNull())
        return QString();
    if (value.isString())
        return value.toString();
    if (value.isArray()) {
        QStringList out;
        const QJsonArray list = value.toArray();
        for (const QJsonValue &line : list) {
            if (!line.isString())
                return Error{Error::Kind::InvalidInput, Tr::tr("A script's lines must be strings."), u"scripts."_s + key};
            out.append(line.toString());
        }
        return out.join(u'\n');
    }
    return Error{Error::Kind::InvalidInput, Tr::tr("A script must be text or an array of lines."), u"scripts."_s + key};
}
} // namespace

QJsonObject Scripts::toJson() const
{
    QJsonObject o;
    if (!preRequest.trimmed().isEmpty())
        o.insert(u"prerequest"_s, lines(preRequest));
    if (!test.trimmed().isEmpty())
        o.insert(u"test"_s, lines(test));
    return o;
}

Result<Scripts> Scripts::fromJson(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return Scripts{};
    if (!value.isObject())
        return Error{Error::Kind::InvalidInput, Tr::tr("\"scripts\" must be an object {prerequest, test}."), u"scripts"_s};
    const QJsonObject o = value.toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (it.key() != u"prerequest"_s && it.key() != u"test"_s)
            return Error{Error::Kind::InvalidInput, Tr::tr("Unknown script event \"%1\" (prerequest or test).").arg(it.key()),
                         u"scripts."_s + it.key()};
    }
    Scripts s;
    auto pre = text(o.value(u"prerequest"_s), u"prerequest"_s);
    if (!pre)
        return pre.error();
    auto test = text(o.value(u"test"_s), u"test"_s);
    if (!test)
        return test.error();
    s.preRequest = pre.value();
    s.test = test.value();
    return s;
}

} // namespace quarry::http
