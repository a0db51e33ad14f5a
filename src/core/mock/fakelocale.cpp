// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/fakelocale.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <mutex>

using namespace Qt::Literals::StringLiterals;

static void initFakeDataResources()
{
    Q_INIT_RESOURCE(fakedata);
}

namespace quarry::mock {

namespace {

/// faker's method names in patterns, as the definitions that back them.
const QHash<QString, QString> Aliases{
    {u"location.street"_s, u"location.street_pattern"_s},
    {u"location.city"_s, u"location.city_pattern"_s},
    {u"location.streetAddress"_s, u"location.street_address"_s},
    {u"person.lastName"_s, u"person.last_name"_s},
    {u"person.firstName"_s, u"person.first_name"_s},
};
/// Definitions whose text holds '#' and '!' digit placeholders.
const QStringList DigitKeys{u"building_number"_s, u"secondary_address"_s, u"postcode"_s, u"format"_s};

QString snakeCase(const QString &name)
{
    QString out;
    for (const QChar c : name) {
        if (c.isUpper()) {
            out += u'_';
            out += c.toLower();
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

QStringList FakeLocale::available()
{
    initFakeDataResources();
    QStringList ids;
    for (const QString &file : QDir(u":/fakedata"_s).entryList({u"*.json"_s}, QDir::Files, QDir::Name))
        ids.append(file.chopped(5));
    return ids;
}

std::shared_ptr<const FakeLocale> FakeLocale::named(const QString &locale)
{
    static std::mutex mutex;
    static QHash<QString, std::shared_ptr<const FakeLocale>> loaded;
    initFakeDataResources();
    QString id = locale.trimmed();
    id.replace(u'-', u'_');
    if (id.isEmpty())
        id = u"en"_s;
    std::lock_guard lock(mutex);
    for (const QString &candidate : {id, id.section(u'_', 0, 0)}) {
        if (auto found = loaded.value(candidate))
            return found;
        QFile f(u":/fakedata/"_s + candidate + u".json"_s);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        auto data = std::shared_ptr<const FakeLocale>(new FakeLocale(candidate, QJsonDocument::fromJson(f.readAll()).object()));
        loaded.insert(candidate, data);
        return data;
    }
    return nullptr;
}

QJsonValue FakeLocale::definition(const QString &path) const
{
    QString key = Aliases.value(path, path);
    QJsonValue v = m_data;
    for (const QString &part : key.split(u'.')) {
        const QJsonObject o = v.toObject();
        v = o.contains(part) ? o.value(part) : o.value(snakeCase(part));
        if (v.isUndefined())
            return v;
    }
    return v;
}

QString FakeLocale::pick(const QString &path, const std::function<quint64(quint64)> &draw) const
{
    return pickAt(path, draw, 0);
}

QString FakeLocale::pickAt(const QString &path, const std::function<quint64(quint64)> &draw, int depth) const
{
    QJsonValue v = definition(path);
    if (v.isObject()) {   // variants: {generic, female, male} or {human, national, ...}
        const QJsonObject variants = v.toObject();
        v = variants.contains(u"generic"_s) ? variants.value(u"generic"_s)
            : variants.contains(u"human"_s) ? variants.value(u"human"_s)
            : variants.contains(u"normal"_s) ? variants.value(u"normal"_s)
                                              : variants.begin().value();
    }
    QString text;
    if (v.isString()) {
        text = v.toString();
    } else if (v.isArray()) {
        const QJsonArray list = v.toArray();
        if (list.isEmpty())
            return {};
        if (list.first().isObject()) {   // [{value, weight}]
            qint64 total = 0;
            for (const QJsonValue &item : list)
                total += item.toObject().value(u"weight"_s).toInteger(1);
            qint64 at = qint64(draw(quint64(std::max<qint64>(total, 1))));
            for (const QJsonValue &item : list) {
                at -= item.toObject().value(u"weight"_s).toInteger(1);
                if (at < 0) {
                    text = item.toObject().value(u"value"_s).toString();
                    break;
                }
            }
        } else {
            text = list.at(qsizetype(draw(quint64(list.size())))).toString();
        }
    } else {
        return {};
    }
    return expand(text, draw, DigitKeys.contains(snakeCase(path.section(u'.', -1))), depth + 1);
}

QString FakeLocale::expand(const QString &pattern, const std::function<quint64(quint64)> &draw, bool digits, int depth) const
{
    QString out;
    if (pattern.contains(u"{{"_s) && depth < 6) {
        // {{section.key}}, and faker's {{number.int({"min": 1, "max": 9})}}.
        static const QRegularExpression token(u"\\{\\{\\s*([A-Za-z_.]+)(?:\\((\\{[^}]*\\})\\))?\\s*\\}\\}"_s);
        qsizetype last = 0;
        for (auto it = token.globalMatch(pattern); it.hasNext();) {
            const auto m = it.next();
            out += pattern.mid(last, m.capturedStart() - last);
            if (m.captured(1) == u"number.int"_s) {
                const QJsonObject args = QJsonDocument::fromJson(m.captured(2).toUtf8()).object();
                const qint64 lo = args.value(u"min"_s).toInteger(0), hi = std::max(lo, args.value(u"max"_s).toInteger(lo + 9));
                out += QString::number(lo + qint64(draw(quint64(hi - lo + 1))));
            } else {
                out += pickAt(m.captured(1), draw, depth);
            }
            last = m.capturedEnd();
        }
        out += pattern.mid(last);
    } else {
        out = pattern;
    }
    if (digits) {
        for (QChar &c : out) {
            if (c == u'#')
                c = QChar(u'0' + int(draw(10)));
            else if (c == u'!')
                c = QChar(u'2' + int(draw(8)));
        }
    }
    return out;
}

} // namespace quarry::mock
