// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/base64url.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Base64Url)
};

int sextet(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-')
        return 62;
    if (c == '_')
        return 63;
    return -1;
}
} // namespace

QByteArray Base64Url::encode(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Result<QByteArray> Base64Url::decode(QByteArrayView text, const QString &what)
{
    const QString name = what.isEmpty() ? Tr::tr("The value") : what;
    if (text.size() % 4 == 1)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("%1 is not valid base64url: its length (%2) cannot be a base64url encoding.")
                         .arg(name).arg(text.size()),
                     what};
    QByteArray out;
    out.reserve(text.size() * 3 / 4 + 3);
    quint32 buffer = 0;
    int bits = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const int v = sextet(c);
        if (v < 0) {
            const QString shown = (c >= 0x21 && c < 0x7f) ? u"'%1'"_s.arg(QLatin1Char(c))
                                                           : u"byte 0x%1"_s.arg(uchar(c), 2, 16, QLatin1Char('0'));
            QString hint;
            if (c == '=')
                hint = Tr::tr(" (JOSE base64url has no padding)");
            else if (c == '+' || c == '/')
                hint = Tr::tr(" (that is standard base64, not base64url)");
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("%1 is not valid base64url: %2 at offset %3%4.").arg(name, shown).arg(i).arg(hint),
                         what};
        }
        buffer = (buffer << 6) | quint32(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.append(char((buffer >> bits) & 0xff));
        }
    }
    if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("%1 is not valid base64url: its last character carries stray bits.").arg(name), what};
    return out;
}

} // namespace quarry::auth
