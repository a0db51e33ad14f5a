// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

// The lossless reader of the schema section, shared by schemajson.cpp and schemajsondefinitions.cpp;
// not part of the core's API.

#include "result.h"
#include "schema/schema.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <optional>

namespace quarry::schema::json {

using namespace Qt::Literals::StringLiterals;

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Schema)
};

// Reads one JSON object, remembering which keys it consumed so that the rest lands in `extra`.
// The first error wins; later reads become no-ops so the code can stay straight-line.
class Reader
{
public:
    std::optional<Error> error;

    void fail(const QString &path, const QString &message)
    {
        if (!error)
            error = Error{Error::Kind::InvalidInput, message, path};
    }

    struct Obj {
        Reader *r;
        QJsonObject json;
        QString path;
        QStringList used;

        QJsonValue take(const QString &key)
        {
            used << key;
            return json.value(key);
        }
        QString string(const QString &key)
        {
            const QJsonValue v = take(key);
            if (v.isUndefined() || v.isNull())
                return {};
            if (!v.isString()) {
                r->fail(path + u'.' + key, Tr::tr("Expected a string."));
                return {};
            }
            return v.toString();
        }
        bool boolean(const QString &key, bool fallback)
        {
            const QJsonValue v = take(key);
            if (v.isUndefined() || v.isNull())
                return fallback;
            if (!v.isBool()) {
                r->fail(path + u'.' + key, Tr::tr("Expected true or false."));
                return fallback;
            }
            return v.toBool();
        }
        int integer(const QString &key)
        {
            const QJsonValue v = take(key);
            if (v.isUndefined() || v.isNull())
                return 0;
            if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() != double(v.toInt())) {
                r->fail(path + u'.' + key, Tr::tr("Expected a whole number of at least 0."));
                return 0;
            }
            return v.toInt();
        }
        QJsonArray array(const QString &key)
        {
            const QJsonValue v = take(key);
            if (v.isUndefined() || v.isNull())
                return {};
            if (!v.isArray()) {
                r->fail(path + u'.' + key, Tr::tr("Expected an array."));
                return {};
            }
            return v.toArray();
        }
        QStringList strings(const QString &key)
        {
            QStringList list;
            const QJsonArray a = array(key);
            for (qsizetype i = 0; i < a.size(); ++i) {
                if (!a.at(i).isString())
                    r->fail(u"%1.%2[%3]"_s.arg(path, key).arg(i), Tr::tr("Expected a name."));
                list << a.at(i).toString();
            }
            return list;
        }
        QString id(const QString &prefix)
        {
            const QString value = string(u"id"_s);
            return value.isEmpty() ? Schema::newId(prefix) : value;
        }
        QJsonObject rest() const
        {
            QJsonObject extra = json;
            for (const QString &k : used)
                extra.remove(k);
            return extra;
        }
    };

    std::optional<Obj> object(const QJsonValue &value, const QString &path)
    {
        if (!value.isObject()) {
            fail(path, Tr::tr("Expected an object."));
            return std::nullopt;
        }
        return Obj{this, value.toObject(), path, {}};
    }

    ReferentialAction action(Obj &o, const QString &key)
    {
        const QString name = o.string(key);
        if (name.isEmpty())
            return ReferentialAction::NoAction;
        if (const auto a = ReferentialActions::fromText(name))
            return *a;
        fail(o.path + u'.' + key,
             Tr::tr("Unknown referential action \"%1\"; use noAction, restrict, cascade, setNull or setDefault.").arg(name));
        return ReferentialAction::NoAction;
    }

    KeyConstraint key(const QJsonValue &value, const QString &path, const QString &prefix)
    {
        KeyConstraint k;
        auto o = object(value, path);
        if (!o)
            return k;
        k.id = o->id(prefix);
        k.name = o->string(u"name"_s);
        k.columns = o->strings(u"columns"_s);
        k.extra = o->rest();
        return k;
    }

};

void putString(QJsonObject &o, const QString &key, const QString &value);
QJsonObject merged(QJsonObject extra, const QJsonObject &known);
/// A column type's keys (type, length, precision, scale, array, enum, domain) read from `o` / written into `o`.
ColumnType readType(Reader &r, Reader::Obj &o);
void writeType(QJsonObject &o, const ColumnType &type);
ColumnDefault readDefault(Reader &r, Reader::Obj &o);
void writeDefault(QJsonObject &o, const ColumnDefault &d);
CheckConstraint readCheck(Reader &r, const QJsonValue &value, const QString &path);
QJsonObject writeCheck(const CheckConstraint &ck);
Index readIndex(Reader &r, const QJsonValue &value, const QString &path);
QJsonObject writeIndex(const Index &ix);

// The object kinds of schemajsondefinitions.cpp.
Domain readDomain(Reader &r, const QJsonValue &value, const QString &path);
QJsonObject writeDomain(const Domain &d);
Sequence readSequence(Reader &r, const QJsonValue &value, const QString &path);
QJsonObject writeSequence(const Sequence &s);
Routine readRoutine(Reader &r, const QJsonValue &value, const QString &path);
QJsonObject writeRoutine(const Routine &f);
Trigger readTrigger(Reader &r, const QJsonValue &value, const QString &path);
QJsonObject writeTrigger(const Trigger &t);
ExclusionConstraint readExclusion(Reader &r, const QJsonValue &value, const QString &path);
QJsonObject writeExclusion(const ExclusionConstraint &x);
View readView(Reader &r, const QJsonValue &value, const QString &path);
QJsonObject writeView(const View &v);

} // namespace quarry::schema::json
