// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "jsontext.h"

#include <QCoreApplication>

#include <algorithm>

namespace quarry {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Json)
};
} // namespace

QString lineColumn(const QByteArray &text, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    const QByteArray before = text.left(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const qsizetype column = QString::fromUtf8(before.mid(lineStart)).size() + 1;
    return Tr::tr("line %1, column %2").arg(line).arg(column);
}

Result<QJsonDocument> parseJson(const QByteArray &text, const QString &origin)
{
    QJsonParseError parseError;
    QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        return doc;
    // QJsonParseError's offset lies one past the offending character (sometimes past the end of
    // the text), except for garbage at the end; point at a real character.
    qsizetype at = parseError.offset;
    if (parseError.error != QJsonParseError::GarbageAtEnd)
        --at;
    at = std::clamp<qsizetype>(at, 0, std::max<qsizetype>(text.size() - 1, 0));
    const QString prefix = origin.isEmpty() ? QString() : origin + QStringLiteral(", ");
    return Error{Error::Kind::InvalidInput, Tr::tr("Not valid JSON: %1.").arg(parseError.errorString()),
                 prefix + lineColumn(text, at)};
}

QJsonObject unknownMembers(QJsonObject object, std::initializer_list<QStringView> known)
{
    for (QStringView key : known)
        object.remove(key);
    return object;
}

QJsonObject withUnknown(QJsonObject extra, const QJsonObject &known)
{
    for (auto it = known.begin(); it != known.end(); ++it)
        extra.insert(it.key(), it.value());
    return extra;
}

} // namespace quarry
