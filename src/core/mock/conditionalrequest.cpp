// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/conditionalrequest.h"

#include "mock/problem.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

struct EntityTag {
    bool weak = false;
    QByteArrayView opaque;   ///< with its quotes
};

/// The members of an If-Match / If-None-Match value; `any` for "*". Members that are not entity
/// tags are skipped (they can match nothing).
QList<EntityTag> parseTags(QByteArrayView value, bool *any)
{
    *any = value.trimmed() == "*";
    QList<EntityTag> tags;
    qsizetype i = 0;
    while (i < value.size()) {
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t' || value[i] == ','))
            ++i;
        EntityTag tag;
        if (value.sliced(i).startsWith("W/")) {
            tag.weak = true;
            i += 2;
        }
        if (i >= value.size())
            break;
        if (value[i] != '"') {   // not an entity tag: skip to the next comma
            while (i < value.size() && value[i] != ',')
                ++i;
            continue;
        }
        const qsizetype close = value.indexOf('"', i + 1);
        if (close < 0)
            break;
        tag.opaque = value.sliced(i, close - i + 1);
        tags.append(tag);
        i = close + 1;
    }
    return tags;
}

QByteArrayView opaqueOf(QByteArrayView etag, bool *weak)
{
    *weak = etag.startsWith("W/");
    return *weak ? etag.sliced(2) : etag;
}

/// RFC 9110 §8.8.3.2: strong comparison needs both tags strong; weak comparison only the opaque part.
bool matches(const QList<EntityTag> &tags, QByteArrayView current, bool strong)
{
    bool currentWeak = false;
    const QByteArrayView opaque = opaqueOf(current, &currentWeak);
    for (const EntityTag &t : tags) {
        if (t.opaque == opaque && (!strong || (!t.weak && !currentWeak)))
            return true;
    }
    return false;
}

const char *const Months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int monthOf(QByteArrayView name)
{
    for (int m = 0; m < 12; ++m) {
        if (name == Months[m])
            return m + 1;
    }
    return 0;
}

std::optional<QDateTime> makeUtc(int year, int month, int day, QByteArrayView hms)
{
    const QList<QByteArray> parts = hms.toByteArray().split(':');
    if (parts.size() != 3 || month == 0)
        return std::nullopt;
    bool okH = false, okM = false, okS = false;
    const QTime time(parts[0].toInt(&okH), parts[1].toInt(&okM), parts[2].toInt(&okS));
    const QDate date(year, month, day);
    if (!okH || !okM || !okS || !time.isValid() || !date.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC);
}

QString dateText(const std::optional<QDateTime> &t)
{
    return t ? QString::fromLatin1(ConditionalRequest::httpDate(*t)) : u"(none)"_s;
}

} // namespace

QByteArray ConditionalRequest::strongEtag(QByteArrayView representation)
{
    const QByteArray digest = QCryptographicHash::hash(representation, QCryptographicHash::Blake2b_160);
    return '"' + digest.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) + '"';
}

QByteArray ConditionalRequest::httpDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1();
}

std::optional<QDateTime> ConditionalRequest::parseHttpDate(QByteArrayView text)
{
    const QList<QByteArray> f = text.trimmed().toByteArray().simplified().split(' ');
    bool ok = false;
    if (f.size() == 6 && f[0].endsWith(',') && f[5] == "GMT") {   // Sun, 06 Nov 1994 08:49:37 GMT
        const int day = f[1].toInt(&ok);
        const int year = ok ? f[3].toInt(&ok) : 0;
        if (!ok || f[1].size() != 2 || f[3].size() != 4)
            return std::nullopt;
        return makeUtc(year, monthOf(f[2]), day, f[4]);
    }
    if (f.size() == 4 && f[0].endsWith(',') && f[3] == "GMT") {   // Sunday, 06-Nov-94 08:49:37 GMT
        const QList<QByteArray> dmy = f[1].split('-');
        if (dmy.size() != 3)
            return std::nullopt;
        const int day = dmy[0].toInt(&ok);
        int year = ok ? dmy[2].toInt(&ok) : 0;
        if (!ok)
            return std::nullopt;
        // RFC 9110 §5.6.7: a two-digit year more than 50 years in the future is in the past century.
        year += (2000 + year > QDate::currentDate().year() + 50) ? 1900 : 2000;
        return makeUtc(year, monthOf(dmy[1]), day, f[2]);
    }
    if (f.size() == 5) {   // Sun Nov  6 08:49:37 1994
        const int day = f[2].toInt(&ok);
        const int year = ok ? f[4].toInt(&ok) : 0;
        if (!ok)
            return std::nullopt;
        return makeUtc(year, monthOf(f[1]), day, f[3]);
    }
    return std::nullopt;
}

std::optional<QDateTime> ConditionalRequest::parseStoredTime(const QJsonValue &value)
{
    QDateTime t;
    if (value.isDouble()) {
        const double n = value.toDouble();
        if (n <= 0 || n > 1e15)
            return std::nullopt;
        // Seconds until the year 5138, milliseconds after that.
        t = QDateTime::fromMSecsSinceEpoch(n > 1e11 ? qint64(n) : qint64(n) * 1000, Qt::UTC);
    } else if (value.isString()) {
        QString s = value.toString().trimmed();
        if (s.size() > 10 && s.at(10) == u' ')
            s[10] = u'T';   // SQLite's CURRENT_TIMESTAMP and PostgreSQL's text output
        // PostgreSQL writes a zone as +00 or +05:30; ISO 8601 wants +00:00.
        static const QRegularExpression shortZone(u"([+-]\\d\\d)$"_s);
        s.replace(shortZone, u"\\1:00"_s);
        t = QDateTime::fromString(s, Qt::ISODateWithMs);
        if (!t.isValid())
            return std::nullopt;
        if (t.timeSpec() == Qt::LocalTime)
            t.setTimeSpec(Qt::UTC);
    } else {
        return std::nullopt;
    }
    if (!t.isValid())
        return std::nullopt;
    t = t.toUTC();
    t.setTime(QTime(t.time().hour(), t.time().minute(), t.time().second()));
    return t;
}

bool ConditionalRequest::hasPreconditions(const Request &request)
{
    for (const HeaderField &h : request.headers) {
        if (h.first.size() >= 8 && qstrnicmp(h.first.constData(), "If-", 3) == 0   // cheap test first
            && (h.first.compare("If-Match", Qt::CaseInsensitive) == 0
                || h.first.compare("If-None-Match", Qt::CaseInsensitive) == 0
                || h.first.compare("If-Modified-Since", Qt::CaseInsensitive) == 0
                || h.first.compare("If-Unmodified-Since", Qt::CaseInsensitive) == 0))
            return true;
    }
    return false;
}

ConditionalRequest::Decision ConditionalRequest::evaluate(const Request &request, const Validators *current)
{
    Decision d;
    const bool read = request.method == "GET" || request.method == "HEAD";
    const QByteArray ifMatch = request.header("If-Match");
    const QByteArray ifNoneMatch = request.header("If-None-Match");
    const QByteArray ifUnmodified = request.header("If-Unmodified-Since");
    const QByteArray ifModified = request.header("If-Modified-Since");
    const QString etag = current ? QString::fromLatin1(current->etag) : u"(none)"_s;
    QStringList notes;

    // 1. If-Match (strong comparison)
    if (!ifMatch.isNull()) {
        bool any = false;
        const QList<EntityTag> tags = parseTags(ifMatch, &any);
        const bool pass = current && (any || matches(tags, current->etag, true));
        if (!pass) {
            d.outcome = Outcome::PreconditionFailed;
            d.why = current ? u"If-Match %1 does not match the current ETag %2: the resource changed since the client "
                              u"read it → 412"_s.arg(QString::fromLatin1(ifMatch), etag)
                            : u"If-Match %1, but there is no current representation → 412"_s.arg(QString::fromLatin1(ifMatch));
            return d;
        }
        notes.append(u"If-Match %1 matches the current ETag %2"_s.arg(QString::fromLatin1(ifMatch), etag));
    } else if (!ifUnmodified.isNull()) {
        // 2. If-Unmodified-Since, only without If-Match
        const auto since = parseHttpDate(ifUnmodified);
        if (!since) {
            notes.append(u"If-Unmodified-Since ignored: \"%1\" is not an HTTP date"_s.arg(QString::fromLatin1(ifUnmodified)));
        } else if (!current || !current->lastModified) {
            notes.append(u"If-Unmodified-Since ignored: the resource has no modification date"_s);
        } else if (current->lastModified->toSecsSinceEpoch() > since->toSecsSinceEpoch()) {
            d.outcome = Outcome::PreconditionFailed;
            d.why = u"If-Unmodified-Since %1, but the resource was modified %2 → 412"_s.arg(
                QString::fromLatin1(httpDate(*since)), dateText(current->lastModified));
            return d;
        } else {
            notes.append(u"not modified since %1 (last modified %2)"_s.arg(QString::fromLatin1(httpDate(*since)),
                                                                         dateText(current->lastModified)));
        }
    }

    // 3. If-None-Match (weak comparison)
    if (!ifNoneMatch.isNull()) {
        bool any = false;
        const QList<EntityTag> tags = parseTags(ifNoneMatch, &any);
        const bool match = current && (any || matches(tags, current->etag, false));
        if (match) {
            d.outcome = read ? Outcome::NotModified : Outcome::PreconditionFailed;
            notes.append(u"If-None-Match %1 matches the current ETag %2 → %3"_s.arg(
                QString::fromLatin1(ifNoneMatch), etag, read ? u"304, the client's copy is current"_s : u"412"_s));
        } else {
            notes.append(u"If-None-Match %1 does not match the current ETag %2 → the full answer"_s.arg(
                QString::fromLatin1(ifNoneMatch), etag));
        }
        if (!ifModified.isNull())
            notes.append(u"If-Modified-Since ignored: If-None-Match takes precedence"_s);
    } else if (!ifModified.isNull() && read) {
        // 4. If-Modified-Since, only for GET/HEAD without If-None-Match
        const auto since = parseHttpDate(ifModified);
        if (!since) {
            notes.append(u"If-Modified-Since ignored: \"%1\" is not an HTTP date"_s.arg(QString::fromLatin1(ifModified)));
        } else if (!current || !current->lastModified) {
            notes.append(u"If-Modified-Since ignored: the resource has no modification date"_s);
        } else if (current->lastModified->toSecsSinceEpoch() <= since->toSecsSinceEpoch()) {
            d.outcome = Outcome::NotModified;
            notes.append(u"If-Modified-Since %1: last modified %2, not later → 304"_s.arg(
                QString::fromLatin1(httpDate(*since)), dateText(current->lastModified)));
        } else {
            notes.append(u"If-Modified-Since %1: modified since, at %2 → the full answer"_s.arg(
                QString::fromLatin1(httpDate(*since)), dateText(current->lastModified)));
        }
    }
    d.why = notes.join(u"; "_s);
    return d;
}

Response ConditionalRequest::preconditionFailed(const Decision &decision, const Validators *current)
{
    QJsonObject extra;
    if (current) {
        extra.insert(u"etag"_s, QString::fromLatin1(current->etag));
        if (current->lastModified)
            extra.insert(u"lastModified"_s, QString::fromLatin1(httpDate(*current->lastModified)));
    }
    Response r = Problem{412, u"Precondition failed"_s,
                         decision.why + u". Read the resource again (GET) and retry with its current ETag."_s, {}, extra}
                     .toResponse();
    if (current) {
        r.setHeader("ETag", current->etag);
        if (current->lastModified)
            r.setHeader("Last-Modified", httpDate(*current->lastModified));
    }
    return r;
}

void ConditionalRequest::makeNotModified(Response &response)
{
    // RFC 9110 §15.4.5: the 304 carries what a cache updates its copy with; the representation's
    // own metadata (Content-Type, Content-Length, ...) stays with the stored copy.
    response.headers.removeIf([](const HeaderField &h) {
        return h.first.size() > 8 && qstrnicmp(h.first.constData(), "content-", 8) == 0
               && h.first.compare("content-location", Qt::CaseInsensitive) != 0;
    });
    response.status = 304;
    response.body.clear();
}

} // namespace quarry::mock
