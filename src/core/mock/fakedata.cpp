// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/fakedata.h"

#include "mock/fakelocale.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

FakeData::FakeData(quint64 seed, const QString &locale) : m_rng(seed), m_locale(FakeLocale::named(locale))
{
    if (!m_locale)
        m_locale = FakeLocale::named(u"en"_s);
}

FakeData::~FakeData() = default;

void FakeData::reseed(quint64 seed)
{
    std::lock_guard lock(m_mutex);
    m_rng.seed(seed);
}

bool FakeData::setLocale(const QString &locale)
{
    auto data = FakeLocale::named(locale);
    if (!data)
        return false;
    std::lock_guard lock(m_mutex);
    m_locale = std::move(data);
    return true;
}

QString FakeData::locale() const
{
    std::lock_guard lock(m_mutex);
    return m_locale->id();
}

std::uint64_t FakeData::next(std::uint64_t bound)
{
    std::lock_guard lock(m_mutex);
    // Not std::uniform_int_distribution: its output differs between standard libraries, and a
    // seed must reproduce the same data everywhere.
    if (bound == 0)
        return m_rng();
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % bound;
    std::uint64_t v;
    do {
        v = m_rng();
    } while (v >= limit);
    return v % bound;
}

QString FakeData::pick(const QString &path)
{
    std::shared_ptr<const FakeLocale> data;
    {
        std::lock_guard lock(m_mutex);
        data = m_locale;
    }
    return data->pick(path, [this](quint64 bound) { return next(bound); });
}

QString FakeData::ascii(const QString &text) const
{
    QString out;
    for (const QChar c : text.normalized(QString::NormalizationForm_KD)) {
        if (c.unicode() < 128 && (c.isLetterOrNumber() || c == u'.' || c == u'_'))
            out += c.toLower();
    }
    return out;
}

QString FakeData::firstName() { return pick(u"person.first_name"_s); }
QString FakeData::lastName() { return pick(u"person.last_name"_s); }
QString FakeData::name() { return pick(u"person.name"_s).simplified(); }
QString FakeData::jobTitle() { return pick(u"person.job_title_pattern"_s).simplified(); }
QString FakeData::streetAddress() { return pick(u"location.street_address"_s).simplified(); }
QString FakeData::city() { return pick(u"location.city_pattern"_s).simplified(); }
QString FakeData::postcode() { return pick(u"location.postcode"_s); }
QString FakeData::state() { return pick(u"location.state"_s); }
QString FakeData::country() { return pick(u"location.country"_s); }
QString FakeData::phone() { return pick(u"phone_number.format"_s); }
QString FakeData::company() { return pick(u"company.name_pattern"_s).simplified(); }
QString FakeData::department() { return pick(u"commerce.department"_s); }
QString FakeData::word() { return pick(u"lorem.word"_s); }
QString FakeData::month() { return pick(u"date.month"_s); }
QString FakeData::weekday() { return pick(u"date.weekday"_s); }

QString FakeData::catchPhrase()
{
    QString text = pick(u"company.adjective"_s) + u' ' + pick(u"company.descriptor"_s) + u' ' + pick(u"company.noun"_s);
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text.simplified();
}

QString FakeData::productName()
{
    return (pick(u"commerce.product_name.adjective"_s) + u' ' + pick(u"commerce.product_name.material"_s) + u' '
            + pick(u"commerce.product_name.product"_s)).simplified();
}

QString FakeData::price(double min, double max)
{
    return QString::number(number(min, max, 2), 'f', 2);
}

QString FakeData::email()
{
    QString local = ascii(firstName()) + u'.' + ascii(lastName());
    if (local.size() < 3)   // names in another script
        local = u"user"_s;
    return local + QString::number(next(100)) + u"@example.com"_s;
}

QString FakeData::userName()
{
    QString name = ascii(firstName()) + u'_' + ascii(lastName());
    if (name.size() < 3)
        name = u"user"_s;
    return name + QString::number(next(100));
}

QString FakeData::url()
{
    QString host = ascii(lastName()).remove(u'.');
    if (host.isEmpty())
        host = u"site"_s + QString::number(next(1000));
    return u"https://www."_s + host + u".example"_s;
}

QString FakeData::ipv4()
{
    return u"%1.%2.%3.%4"_s.arg(1 + next(223)).arg(next(256)).arg(next(256)).arg(1 + next(254));
}

QString FakeData::imageUrl(int width, int height)
{
    width = std::clamp(width, 1, 5000);
    height = std::clamp(height, 1, 5000);
    return u"https://picsum.photos/seed/%1/%2/%3"_s.arg(next(100000)).arg(width).arg(height);
}

QString FakeData::uuid()
{
    const std::uint64_t a = next(0), b = next(0);
    QString hex = u"%1%2"_s.arg(qulonglong(a), 16, 16, QLatin1Char('0')).arg(qulonglong(b), 16, 16, QLatin1Char('0'));
    hex[12] = u'4';
    hex[16] = QLatin1Char("89ab"[(b >> 62) & 3]);
    return hex.left(8) + u'-' + hex.mid(8, 4) + u'-' + hex.mid(12, 4) + u'-' + hex.mid(16, 4) + u'-' + hex.mid(20);
}

qint64 FakeData::integer(qint64 min, qint64 max)
{
    if (max < min)
        std::swap(min, max);
    return min + qint64(next(std::uint64_t(max - min) + 1));
}

double FakeData::number(double min, double max, int decimals)
{
    if (max < min)
        std::swap(min, max);
    decimals = std::clamp(decimals, 0, 6);
    double scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    const qint64 lo = qint64(std::ceil(min * scale)), hi = qint64(std::floor(max * scale));
    return double(integer(lo, std::max(lo, hi))) / scale;
}

QString FakeData::date()
{
    const QDate start(2020, 1, 1);
    return start.addDays(qint64(next(365 * 7))).toString(Qt::ISODate);
}

QString FakeData::dateTime()
{
    const QDateTime start(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
    return start.addSecs(qint64(next(365ull * 7 * 86400))).toString(Qt::ISODate);
}

QString FakeData::lorem(int words)
{
    words = std::clamp(words, 1, 500);
    QStringList list;
    for (int i = 0; i < words; ++i)
        list.append(word());
    QString text = list.join(u' ');
    text[0] = text[0].toUpper();
    return text + u'.';
}

QString FakeData::paragraph(int sentences)
{
    sentences = std::clamp(sentences, 1, 50);
    QStringList list;
    for (int i = 0; i < sentences; ++i)
        list.append(lorem(int(4 + next(9))));
    return list.join(u' ');
}

bool FakeData::boolean() { return next(2) == 1; }

double FakeData::unit() { return double(next(1ull << 53)) / double(1ull << 53); }

} // namespace quarry::mock
