// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/curlformat.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(CurlFormat)
};

QString shellQuote(const QString &text)
{
    static const QString safe = u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@,%+"_s;
    bool plain = !text.isEmpty();
    for (const QChar c : text)
        plain = plain && safe.contains(c);
    if (plain)
        return text;
    QString out = text;
    out.replace(u"'"_s, u"'\\''"_s);
    return u'\'' + out + u'\'';
}

QString decodeForm(const QString &text)
{
    QString t = text;
    t.replace(u'+', u' ');
    return QUrl::fromPercentEncoding(t.toUtf8());
}
} // namespace

QString CurlFormat::toCurl(const PreparedRequest &request)
{
    QStringList parts{u"curl"_s};
    if (request.method != "GET" || !request.body.isEmpty())
        parts << u"-X"_s << QString::fromLatin1(request.method);
    parts << shellQuote(QString::fromUtf8(request.url.toEncoded()));
    for (const HeaderLine &h : request.headers)
        parts << u"-H"_s << shellQuote(QString::fromLatin1(h.name) + u": "_s + QString::fromUtf8(h.value));
    if (!request.body.isEmpty()) {
        const QString text = QString::fromUtf8(request.body);
        if (text.toUtf8() == request.body && !request.body.contains('\0'))
            parts << u"--data-raw"_s << shellQuote(text);
        else
            parts << u"--data-binary"_s << u"@body.bin"_s;   // binary bodies do not fit on a command line
    }
    if (request.followRedirects)
        parts << u"-L"_s;
    if (!request.verifyTls)
        parts << u"-k"_s;
    if (request.timeoutMs > 0)
        parts << u"-m"_s << QString::number(request.timeoutMs / 1000.0);
    return parts.join(u' ');
}

Result<QStringList> CurlFormat::splitShellWords(const QString &command)
{
    QStringList words;
    QString word;
    bool inWord = false;
    enum { None, Single, Double } quote = None;
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        if (quote == Single) {
            if (c == u'\'')
                quote = None;
            else
                word += c;
            continue;
        }
        if (quote == Double) {
            if (c == u'"') {
                quote = None;
            } else if (c == u'\\' && i + 1 < command.size() && u"\"\\$`\n"_s.contains(command.at(i + 1))) {
                if (command.at(i + 1) != u'\n')
                    word += command.at(i + 1);
                ++i;
            } else {
                word += c;
            }
            continue;
        }
        if (c == u'\\' && i + 1 < command.size()) {
            const QChar next = command.at(++i);
            if (next == u'\n' || next == u'\r') {   // line continuation
                if (next == u'\r' && i + 1 < command.size() && command.at(i + 1) == u'\n')
                    ++i;
                continue;
            }
            word += next;
            inWord = true;
        } else if (c == u'\'') {
            quote = Single;
            inWord = true;
        } else if (c == u'"') {
            quote = Double;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
        } else if (c == u'$' && i + 1 < command.size() && command.at(i + 1) == u'\'') {
            quote = Single;   // bash $'...' as copied by Chrome: treated like '...'
            inWord = true;
            ++i;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (quote != None)
        return Error{Error::Kind::InvalidInput, Tr::tr("The command has an unterminated %1 quote.")
                                                    .arg(quote == Single ? u"single"_s : u"double"_s), {}};
    if (inWord)
        words.append(word);
    return words;
}

Result<RequestSpec> CurlFormat::fromCurl(const QString &command, QStringList *warnings)
{
    auto split = splitShellWords(command.trimmed());
    if (!split)
        return split.error();
    QStringList words = split.value();
    if (words.isEmpty() || (words.first() != u"curl"_s && !words.first().endsWith(u"/curl"_s)))
        return Error{Error::Kind::InvalidInput, Tr::tr("This is not a curl command: it must start with \"curl\"."), {}};
    words.removeFirst();

    RequestSpec r;
    r.followRedirects = false;   // curl's default; -L turns it on
    QString method, url;
    QStringList data;
    QList<KeyValue> form;
    bool get = false, head = false, jsonOption = false;
    for (qsizetype i = 0; i < words.size(); ++i) {
        QString w = words.at(i);
        QString inlineValue;
        bool hasInline = false;
        if (w.startsWith(u"--"_s) && w.contains(u'=')) {
            inlineValue = w.section(u'=', 1);
            w = w.section(u'=', 0, 0);
            hasInline = true;
        } else if (w.size() > 2 && w.startsWith(u'-') && !w.startsWith(u"--"_s) && u"XHdFuAbemo"_s.contains(w.at(1))) {
            inlineValue = w.mid(2);   // -XPOST, -H'Accept: x'
            w = w.left(2);
            hasInline = true;
        }
        auto value = [&]() -> std::optional<QString> {
            if (hasInline)
                return inlineValue;
            if (i + 1 < words.size())
                return words.at(++i);
            return std::nullopt;
        };
        auto need = [&](std::optional<QString> v) -> Result<QString> {
            if (!v)
                return Error{Error::Kind::InvalidInput, Tr::tr("The option %1 needs a value.").arg(w), w};
            return *v;
        };
        if (w == u"-X"_s || w == u"--request"_s) {
            auto v = need(value());
            if (!v) return v.error();
            method = v.value().toUpper();
        } else if (w == u"-H"_s || w == u"--header"_s) {
            auto v = need(value());
            if (!v) return v.error();
            const QString h = v.value();
            const qsizetype colon = h.indexOf(u':');
            if (colon <= 0)
                return Error{Error::Kind::InvalidInput, Tr::tr("\"%1\" is not a header (Name: value).").arg(h), w};
            r.headers.append({h.left(colon).trimmed(), h.mid(colon + 1).trimmed()});
        } else if (w == u"-d"_s || w == u"--data"_s || w == u"--data-raw"_s || w == u"--data-binary"_s
                   || w == u"--data-ascii"_s || w == u"--json"_s) {
            auto v = need(value());
            if (!v) return v.error();
            if (v.value().startsWith(u'@') && w != u"--data-raw"_s) {
                r.body.mode = BodySpec::Mode::Binary;
                r.body.file = v.value().mid(1);
            } else {
                data.append(v.value());
            }
            jsonOption = jsonOption || w == u"--json"_s;
        } else if (w == u"--data-urlencode"_s) {
            auto v = need(value());
            if (!v) return v.error();
            const QString s = v.value();
            const qsizetype eq = s.indexOf(u'=');
            data.append(eq < 0 ? QString::fromLatin1(QUrl::toPercentEncoding(s))
                               : s.left(eq + 1) + QString::fromLatin1(QUrl::toPercentEncoding(s.mid(eq + 1))));
        } else if (w == u"-F"_s || w == u"--form"_s || w == u"--form-string"_s) {
            auto v = need(value());
            if (!v) return v.error();
            const QString s = v.value();
            KeyValue kv{s.section(u'=', 0, 0), s.section(u'=', 1)};
            if (w != u"--form-string"_s && kv.value.startsWith(u'@')) {
                kv.isFile = true;
                kv.value = kv.value.mid(1).section(u';', 0, 0);
            }
            form.append(kv);
        } else if (w == u"-u"_s || w == u"--user"_s) {
            auto v = need(value());
            if (!v) return v.error();
            r.auth.type = AuthSpec::Type::Basic;
            r.auth.username = v.value().section(u':', 0, 0);
            r.auth.password = v.value().section(u':', 1);
        } else if (w == u"-A"_s || w == u"--user-agent"_s) {
            auto v = need(value());
            if (!v) return v.error();
            r.headers.append({u"User-Agent"_s, v.value()});
        } else if (w == u"-b"_s || w == u"--cookie"_s) {
            auto v = need(value());
            if (!v) return v.error();
            r.headers.append({u"Cookie"_s, v.value()});
        } else if (w == u"-e"_s || w == u"--referer"_s) {
            auto v = need(value());
            if (!v) return v.error();
            r.headers.append({u"Referer"_s, v.value()});
        } else if (w == u"-m"_s || w == u"--max-time"_s) {
            auto v = need(value());
            if (!v) return v.error();
            r.timeoutMs = int(v.value().toDouble() * 1000);
        } else if (w == u"-o"_s || w == u"--output"_s) {
            value();   // where curl writes the body: irrelevant to the request
        } else if (w == u"--url"_s) {
            auto v = need(value());
            if (!v) return v.error();
            url = v.value();
        } else if (w == u"-G"_s || w == u"--get"_s) {
            get = true;
        } else if (w == u"-I"_s || w == u"--head"_s) {
            head = true;
        } else if (w == u"-L"_s || w == u"--location"_s) {
            r.followRedirects = true;
        } else if (w == u"-k"_s || w == u"--insecure"_s) {
            r.verifyTls = false;
        } else if (w == u"--compressed"_s || w == u"-s"_s || w == u"--silent"_s || w == u"-v"_s || w == u"--verbose"_s
                   || w == u"-i"_s || w == u"--include"_s || w == u"-S"_s || w == u"--show-error"_s || w == u"-sS"_s
                   || w == u"-f"_s || w == u"--fail"_s) {
            // Output and transport details that do not change the request.
        } else if (w.startsWith(u'-')) {
            if (warnings)
                warnings->append(Tr::tr("The curl option %1 was ignored.").arg(w));
        } else if (url.isEmpty()) {
            url = w;
        } else if (warnings) {
            warnings->append(Tr::tr("The extra argument \"%1\" was ignored.").arg(w));
        }
    }
    if (url.isEmpty())
        return Error{Error::Kind::InvalidInput, Tr::tr("The curl command has no URL."), {}};
    if (!url.contains(u"://"_s) && !url.startsWith(u"{{"_s))
        url.prepend(u"http://"_s);   // curl's own default

    if (get && !data.isEmpty()) {
        url += (url.contains(u'?') ? u"&"_s : u"?"_s) + data.join(u'&');
        data.clear();
    }
    const qsizetype q = url.indexOf(u'?');
    if (q >= 0) {
        const QStringList pairs = url.mid(q + 1).split(u'&', Qt::SkipEmptyParts);
        for (const QString &p : pairs)
            r.params.append({decodeForm(p.section(u'=', 0, 0)), decodeForm(p.section(u'=', 1))});
        url.truncate(q);
    }
    r.url = url;

    auto headerValue = [&](const QString &name) {
        for (const KeyValue &h : std::as_const(r.headers)) {
            if (h.name.compare(name, Qt::CaseInsensitive) == 0)
                return h.value;
        }
        return QString();
    };
    if (!form.isEmpty()) {
        r.body.mode = BodySpec::Mode::Multipart;
        r.body.fields = form;
        r.headers.removeIf([](const KeyValue &h) { return h.name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0; });
    } else if (!data.isEmpty()) {
        const QString text = data.join(u'&');
        const QString type = headerValue(u"Content-Type"_s).toLower();
        QJsonParseError error;
        QJsonDocument::fromJson(text.toUtf8(), &error);
        const bool isJson = error.error == QJsonParseError::NoError;
        if (jsonOption || (type.contains(u"json"_s) && isJson)) {
            r.body.mode = BodySpec::Mode::Json;
            r.body.text = text;
            if (!jsonOption || type == u"application/json"_s)
                r.headers.removeIf([](const KeyValue &h) { return h.name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0; });
        } else if (type.isEmpty() || type.startsWith(u"application/x-www-form-urlencoded"_s)) {
            r.body.mode = BodySpec::Mode::FormUrlEncoded;
            const QStringList pairs = text.split(u'&', Qt::SkipEmptyParts);
            for (const QString &p : pairs)
                r.body.fields.append({decodeForm(p.section(u'=', 0, 0)), decodeForm(p.section(u'=', 1))});
            r.headers.removeIf([](const KeyValue &h) { return h.name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0; });
        } else {
            r.body.mode = BodySpec::Mode::Raw;
            r.body.text = text;
        }
    }
    if (jsonOption && headerValue(u"Accept"_s).isEmpty())
        r.headers.append({u"Accept"_s, u"application/json"_s});
    const bool hasBody = r.body.mode != BodySpec::Mode::None;
    r.method = !method.isEmpty() ? method : head ? u"HEAD"_s : hasBody ? u"POST"_s : u"GET"_s;
    const QUrl parsed(r.url);
    r.name = r.method + u' ' + (parsed.path().isEmpty() ? r.url : parsed.path());
    return r;
}

} // namespace quarry::http
