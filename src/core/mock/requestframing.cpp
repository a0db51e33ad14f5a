// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/requestframing.h"

#include <QCoreApplication>

#include <cstring>

namespace quarry::mock {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(HttpServer)
};
} // namespace

bool isHttpToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || (c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
        if (!ok)
            return false;
    }
    return true;
}

FramingVerdict FramingVerdict::check(const QList<std::pair<QByteArray, QByteArray>> &fields, int version)
{
    int lengths = 0;
    bool hasCodings = false;
    QList<QByteArray> codings;
    for (const auto &[name, value] : fields) {
        if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            ++lengths;
            if (lengths > 1 || value.contains(','))
                return {400, Tr::tr("The request carries more than one Content-Length.")};
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            hasCodings = true;
            // A list of codings, possibly split over several fields; OWS around the commas.
            for (const QByteArray &coding : value.split(','))
                codings << coding.trimmed().toLower();
        }
    }
    if (!hasCodings)
        return {};
    if (version < 11)
        return {400, Tr::tr("HTTP/1.0 has no Transfer-Encoding; send the body with a Content-Length.")};
    if (lengths > 0)
        return {400, Tr::tr("The request carries both Transfer-Encoding and Content-Length.")};
    for (const QByteArray &coding : std::as_const(codings)) {
        if (!isHttpToken(coding))
            return {400, Tr::tr("\"%1\" is not a transfer coding.").arg(QString::fromLatin1(coding))};
    }
    if (codings.last() != "chunked")
        return {400, Tr::tr("The last transfer coding must be chunked, so the end of the body is known; it is \"%1\".")
                         .arg(QString::fromLatin1(codings.last()))};
    if (codings.count(QByteArray("chunked")) > 1)
        return {400, Tr::tr("The chunked coding may be applied only once.")};
    if (codings.size() > 1)
        return {501, Tr::tr("This server decodes only the chunked transfer coding, not \"%1\".")
                         .arg(QString::fromLatin1(codings.first()))};
    return {};
}

} // namespace quarry::mock
