// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "responsebody.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImageReader>
#include <QPainter>
#include <QStringDecoder>
#include <QSvgRenderer>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ResponseView)
};

/// Text is what decodes as UTF-8 and holds no NUL or other control bytes than tab/CR/LF/FF/ESC.
bool looksLikeText(const QByteArray &bytes)
{
    const qsizetype probe = std::min<qsizetype>(bytes.size(), 64 * 1024);
    for (qsizetype i = 0; i < probe; ++i) {
        const auto c = uchar(bytes.at(i));
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b)
            return false;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)decoder.decode(bytes.first(probe));
    // A probe may end inside a multi-byte sequence; only a complete body's errors count.
    return !decoder.hasError() || probe < bytes.size();
}

QString hexDump(const QByteArray &bytes, qsizetype limit)
{
    const qsizetype n = std::min(bytes.size(), limit);
    QString out;
    out.reserve((n / 16 + 1) * 78);
    static const char digits[] = "0123456789abcdef";
    for (qsizetype line = 0; line < n; line += 16) {
        out += u"%1  "_s.arg(qlonglong(line), 8, 16, QChar(u'0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (line + i < n) {
                const auto c = uchar(bytes.at(line + i));
                out += QLatin1Char(digits[c >> 4]);
                out += QLatin1Char(digits[c & 15]);
                out += u' ';
                ascii += c >= 0x20 && c < 0x7f ? QLatin1Char(char(c)) : QLatin1Char('.');
            } else {
                out += u"   "_s;
            }
            if (i == 7)
                out += u' ';
        }
        out += u' ' + ascii + u'\n';
    }
    return out;
}

QString normalisedText(const QByteArray &bytes)
{
    // QPlainTextEdit turns CR LF into one paragraph break; doing it here keeps the positions of the
    // find bar and of the view the same.
    QString text = QString::fromUtf8(bytes);
    if (text.contains(u'\r'))
        text.replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n');
    return text;
}

} // namespace

void RenderedBody::addPretty(RenderedBody &body, const http::Response &response)
{
    if (!body.prettyPending)
        return;
    body.pretty = response.prettyBody();   // the response's parsed JSON is cached: no second parse
    body.prettyLines = body.pretty.count(u'\n') + (body.pretty.isEmpty() || body.pretty.endsWith(u'\n') ? 0 : 1);
    body.prettyPending = false;
}

RenderedBody RenderedBody::render(const http::Response &response, bool withPretty)
{
    RenderedBody out;
    const QByteArray &body = response.body;
    const QString type = response.contentType();

    out.isImage = type.startsWith(u"image/"_s);
    if (out.isImage) {
        if (type == u"image/svg+xml"_s) {
            QSvgRenderer svg(body);
            if (svg.isValid()) {
                out.imageFormat = u"SVG"_s;
                out.imageSize = svg.defaultSize();
                QSize target = out.imageSize.isEmpty() ? QSize(256, 256) : out.imageSize;
                if (target.width() > 4096 || target.height() > 4096)
                    target.scale(4096, 4096, Qt::KeepAspectRatio);
                out.image = QImage(target, QImage::Format_ARGB32_Premultiplied);
                out.image.fill(Qt::transparent);
                QPainter painter(&out.image);
                svg.render(&painter);
            } else {
                out.imageError = Tr::tr("The SVG image cannot be read.");
            }
        } else {
            QBuffer buffer;
            buffer.setData(body);
            buffer.open(QIODevice::ReadOnly);
            QImageReader reader(&buffer);
            out.imageFormat = QString::fromLatin1(reader.format()).toUpper();
            out.imageSize = reader.size();
            out.image = reader.read();
            if (out.image.isNull())
                out.imageError = Tr::tr("The %1 image cannot be decoded: %2.").arg(type, reader.errorString());
            else if (!out.imageSize.isValid())
                out.imageSize = out.image.size();
        }
    }

    const bool text = !body.isEmpty() && looksLikeText(body);
    if (!out.isImage && text && response.isJson()) {
        const auto json = response.json();
        if (json) {
            out.isJson = true;
            out.json = json.value();
            out.prettyPending = true;
        } else {
            out.jsonError = Tr::tr("The body is not valid JSON: %1 at %2.").arg(json.error().message, json.error().where);
        }
    }
    if (text) {
        out.raw = normalisedText(body);
    } else if (!body.isEmpty()) {
        out.rawIsHexDump = true;
        out.hexDumpBytes = std::min(body.size(), hexDumpLimit);
        out.raw = hexDump(body, hexDumpLimit);
    }
    if (!out.isJson) {
        out.pretty = out.rawIsHexDump ? QString() : out.raw;
        out.prettyLines = out.pretty.count(u'\n') + (out.pretty.isEmpty() || out.pretty.endsWith(u'\n') ? 0 : 1);
    } else if (withPretty) {
        addPretty(out, response);
    }
    out.rawLines = out.raw.count(u'\n') + (out.raw.isEmpty() || out.raw.endsWith(u'\n') ? 0 : 1);
    return out;
}

} // namespace quarry::app
