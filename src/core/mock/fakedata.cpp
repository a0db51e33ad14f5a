// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/fakedata.h"

#include <QDate>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

const char *const FirstNames[] = {"Ada", "Alan", "Grace", "Linus", "Barbara", "Edsger", "Margaret", "Donald",
                                  "Frances", "Ken", "Radia", "Dennis", "Hedy", "Tim", "Sophie", "John",
                                  "Katherine", "Niklaus", "Annie", "Bjarne"};
const char *const LastNames[] = {"Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Dijkstra", "Hamilton",
                                 "Knuth", "Allen", "Thompson", "Perlman", "Ritchie", "Lamarr", "Berners-Lee",
                                 "Wilson", "McCarthy", "Johnson", "Wirth", "Easley", "Stroustrup"};
const char *const Words[] = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed",
                             "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna",
                             "aliqua", "enim", "ad", "minim", "veniam", "quis", "nostrud", "exercitation"};

template <typename T, std::size_t N>
constexpr std::uint64_t count(T (&)[N]) { return N; }

} // namespace

FakeData::FakeData(quint64 seed) : m_rng(seed) {}

void FakeData::reseed(quint64 seed)
{
    std::lock_guard lock(m_mutex);
    m_rng.seed(seed);
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

QString FakeData::firstName() { return QString::fromLatin1(FirstNames[next(count(FirstNames))]); }
QString FakeData::lastName() { return QString::fromLatin1(LastNames[next(count(LastNames))]); }
QString FakeData::name() { return firstName() + u' ' + lastName(); }

QString FakeData::email()
{
    QString local = firstName() + u'.' + lastName();
    local = local.toLower().remove(u'-');
    return local + QString::number(next(100)) + u"@example.com"_s;
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

QString FakeData::date()
{
    const QDate start(2020, 1, 1);
    return start.addDays(qint64(next(365 * 7))).toString(Qt::ISODate);
}

QString FakeData::lorem(int words)
{
    words = std::clamp(words, 1, 500);
    QStringList list;
    for (int i = 0; i < words; ++i)
        list.append(QString::fromLatin1(Words[next(count(Words))]));
    QString text = list.join(u' ');
    text[0] = text[0].toUpper();
    return text + u'.';
}

bool FakeData::boolean() { return next(2) == 1; }

double FakeData::unit() { return double(next(1ull << 53)) / double(1ull << 53); }

} // namespace quarry::mock
