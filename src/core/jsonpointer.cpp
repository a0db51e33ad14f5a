// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "jsonpointer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace quarry {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(JsonPointer)
};
} // namespace

QString JsonPointer::escape(QString token)
{
    return token.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s);
}

QString JsonPointer::unescape(QString token)
{
    // ~1 first: "~01" is the key "~1", not "/".
    return token.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
}

QString JsonPointer::join(const QStringList &tokens)
{
    QString pointer;
    for (const QString &token : tokens)
        pointer += u'/' + escape(token);
    return pointer;
}

Result<QStringList> JsonPointer::split(const QString &pointer)
{
    if (pointer.isEmpty())
        return QStringList{};
    if (!pointer.startsWith(u'/'))
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("\"%1\" is not a JSON pointer: it is empty or starts with '/' (e.g. /token or /data/0/id).").arg(pointer),
                     pointer};
    for (qsizetype i = 0; i < pointer.size(); ++i) {
        if (pointer.at(i) == u'~' && (i + 1 >= pointer.size() || (pointer.at(i + 1) != u'0' && pointer.at(i + 1) != u'1')))
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("\"%1\": '~' at position %2 must be ~0 (for ~) or ~1 (for /).").arg(pointer).arg(i + 1),
                         pointer};
    }
    QStringList tokens = pointer.mid(1).split(u'/');
    for (QString &token : tokens)
        token = unescape(token);
    return tokens;
}

qsizetype JsonPointer::arrayIndex(const QString &token)
{
    if (token.isEmpty() || (token.size() > 1 && token.startsWith(u'0')))
        return -1;
    for (const QChar c : token)
        if (c < u'0' || c > u'9')
            return -1;
    bool ok = false;
    const qsizetype index = token.toLongLong(&ok);
    return ok ? index : -1;
}

Result<QJsonValue> JsonPointer::resolve(const QJsonValue &document, const QString &pointer)
{
    const auto tokens = split(pointer);
    if (!tokens)
        return tokens.error();
    QJsonValue current = document;
    QString walked;
    for (const QString &token : tokens.value()) {
        if (current.isObject()) {
            const QJsonObject o = current.toObject();
            if (!o.contains(token))
                return Error{Error::Kind::NotFound, Tr::tr("There is no \"%1\" in the JSON%2.")
                                                        .arg(token, walked.isEmpty() ? QString() : u" at "_s + walked),
                             pointer};
            current = o.value(token);
        } else if (current.isArray()) {
            const QJsonArray a = current.toArray();
            const qsizetype index = arrayIndex(token);
            if (index < 0)
                return Error{Error::Kind::InvalidInput, Tr::tr("\"%1\" is not an array index.").arg(token), pointer};
            if (index >= a.size())
                return Error{Error::Kind::NotFound,
                             Tr::tr("Index %1 is past the end of the array%2 (%3 elements).")
                                 .arg(index)
                                 .arg(walked.isEmpty() ? QString() : u" at "_s + walked)
                                 .arg(a.size()),
                             pointer};
            current = a.at(index);
        } else {
            return Error{Error::Kind::NotFound,
                         Tr::tr("The JSON at \"%1\" is a scalar; it has no \"%2\".").arg(walked.isEmpty() ? u"/"_s : walked, token),
                         pointer};
        }
        walked += u'/' + escape(token);
    }
    return current;
}

QString JsonPointer::toText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::floor(d) == d && std::abs(d) < 9.0e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

} // namespace quarry
