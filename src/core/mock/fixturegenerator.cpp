// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/fixturegenerator.h"

#include "mock/fakedata.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(FixtureGenerator)
};

using schema::TypeKind;

/// The key of a row's values in `columns`, for telling rows apart.
QString keyOf(const QJsonObject &row, const QStringList &columns)
{
    QStringList parts;
    for (const QString &c : columns)
        parts.append(row.value(c).toVariant().toString());
    return parts.join(u'\x1f');
}

/// `text` made unique by the row's number, still fitting the column.
QString numbered(const QString &text, qint64 serial, const schema::Column &column)
{
    const QString number = QString::number(serial, 36);
    const int length = column.type.length;
    QString suffix = u'-' + number;
    if (length > 0 && suffix.size() >= length)
        suffix = number.right(length);
    QString out = (length > 0 ? text.left(std::max<qsizetype>(0, length - suffix.size())) : text) + suffix;
    if (column.type.kind == TypeKind::Char && length > 0)
        out = out.rightJustified(length, u'0', true);
    return out;
}

} // namespace

/// What the CHECK constraints of a table allow one column.
struct FixtureGenerator::Range {
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    QStringList oneOf;
    int minLength = 0;
    int maxLength = 0;
};

FixtureGenerator::FixtureGenerator(const schema::Schema &schema, FakeData &fake) : m_schema(schema), m_fake(fake) {}

void FixtureGenerator::addRows(const QString &table, const QJsonArray &rows)
{
    QJsonArray &all = m_rows[table];
    for (const QJsonValue &row : rows)
        all.append(row);
}

Result<QJsonArray> FixtureGenerator::generate(const QString &table, int count)
{
    return generateAt(table, count, 0);
}

Result<QJsonArray> FixtureGenerator::generateAt(const QString &tableName, int count, int depth)
{
    const schema::Table *table = m_schema.table(tableName);
    if (!table)
        return Error{Error::Kind::NotFound, Tr::tr("The design has no table \"%1\".").arg(tableName), tableName};
    count = std::clamp(count, 0, 1000000);
    // Parents first: a foreign key needs rows to refer to.
    for (const schema::ForeignKey &fk : table->foreignKeys) {
        if (fk.refTable == tableName || !m_rows.value(fk.refTable).isEmpty())
            continue;
        if (!m_schema.table(fk.refTable))
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("%1 refers to the table \"%2\", which the design does not have.").arg(tableName, fk.refTable),
                         tableName};
        if (depth > 8)
            return Error{Error::Kind::InvalidInput, Tr::tr("The foreign keys of %1 go round in a circle.").arg(tableName), tableName};
        auto parents = generateAt(fk.refTable, std::max(1, count / 10), depth + 1);
        if (!parents)
            return parents.error();
    }

    const QHash<QString, Range> ranges = rangesOf(*table);
    QList<QStringList> keys = table->uniqueKeys();
    const QStringList primary = table->primaryKeyColumns();
    if (!primary.isEmpty())
        keys.prepend(primary);
    QList<QSet<QString>> taken(keys.size());
    qint64 serial = 0;
    const QJsonArray &existing = m_rows[tableName];
    for (const QJsonValue &v : existing) {
        const QJsonObject row = v.toObject();
        for (qsizetype k = 0; k < keys.size(); ++k)
            taken[k].insert(keyOf(row, keys.at(k)));
        for (const QString &c : primary)
            serial = std::max<qint64>(serial, row.value(c).toInteger());
    }
    // Which columns a foreign key fills, and the rows it chooses from.
    QHash<QString, std::pair<const schema::ForeignKey *, int>> fkColumn;
    for (const schema::ForeignKey &fk : table->foreignKeys) {
        for (qsizetype i = 0; i < fk.columns.size(); ++i)
            fkColumn.insert(fk.columns.at(i), {&fk, int(i)});
    }

    QJsonArray out;
    for (int n = 0; n < count; ++n) {
        ++serial;
        QJsonObject row;
        for (int attempt = 0; attempt < 25; ++attempt) {
            row = QJsonObject();
            QHash<const schema::ForeignKey *, QJsonObject> parentOf;
            for (const schema::Column &column : table->columns) {
                if (!column.generatedExpression.isEmpty() || column.identity == schema::Column::Identity::Always)
                    continue;
                if (column.defaultValue.kind == schema::ColumnDefault::Kind::Expression && !column.primaryKey
                    && !primary.contains(column.name))
                    continue;
                if (fkColumn.contains(column.name)) {
                    const auto [fk, index] = fkColumn.value(column.name);
                    if (!parentOf.contains(fk)) {
                        const QJsonArray parents = fk->refTable == tableName ? m_rows.value(tableName) : m_rows.value(fk->refTable);
                        // A nullable reference is left empty sometimes, a self-reference while nothing exists.
                        if (parents.isEmpty() || (column.nullable && m_fake.next(10) == 0)) {
                            parentOf.insert(fk, QJsonObject());
                        } else {
                            parentOf.insert(fk, parents.at(qsizetype(m_fake.next(quint64(parents.size())))).toObject());
                        }
                    }
                    const QJsonObject parent = parentOf.value(fk);
                    row.insert(column.name, parent.isEmpty() ? QJsonValue(QJsonValue::Null) : parent.value(fk->refColumns.value(index)));
                    continue;
                }
                row.insert(column.name, valueFor(*table, column, ranges.value(column.name), serial));
            }
            bool clash = false;
            for (qsizetype k = 0; k < keys.size() && !clash; ++k)
                clash = taken.at(k).contains(keyOf(row, keys.at(k)));
            if (!clash)
                break;
            if (attempt >= 20) {
                // Drawn too often: number the text members of the keys, within their length.
                for (qsizetype k = 0; k < keys.size(); ++k) {
                    for (const QString &c : keys.at(k)) {
                        const schema::Column *column = table->column(c);
                        if (row.value(c).isString() && column)
                            row.insert(c, numbered(row.value(c).toString(), serial, *column));
                    }
                }
            }
        }
        for (qsizetype k = 0; k < keys.size(); ++k)
            taken[k].insert(keyOf(row, keys.at(k)));
        out.append(row);
        m_rows[tableName].append(row);
    }
    auto slot = std::find_if(m_generated.begin(), m_generated.end(), [&](const auto &p) { return p.first == tableName; });
    if (slot == m_generated.end()) {
        m_generated.append({tableName, out});
    } else {
        for (const QJsonValue &row : std::as_const(out))
            slot->second.append(row);
    }
    return out;
}

QHash<QString, FixtureGenerator::Range> FixtureGenerator::rangesOf(const schema::Table &table)
{
    QHash<QString, FixtureGenerator::Range> ranges;
    static const QRegularExpression compare(u"^\\(*\\s*\"?(\\w+)\"?\\s*(>=|<=|>|<)\\s*(-?[0-9.]+)\\s*\\)*$"_s);
    static const QRegularExpression between(u"^\\(*\\s*\"?(\\w+)\"?\\s+BETWEEN\\s+(-?[0-9.]+)\\s+AND\\s+(-?[0-9.]+)\\s*\\)*$"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression in(u"^\\(*\\s*\"?(\\w+)\"?\\s+IN\\s*\\(([^)]*)\\)\\s*\\)*$"_s, QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression length(u"^\\(*\\s*(?:char_)?length\\s*\\(\\s*\"?(\\w+)\"?\\s*\\)\\s*(>=|>|<=|<)\\s*([0-9]+)\\s*\\)*$"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    for (const schema::CheckConstraint &check : table.checks) {
        // "a > 0 AND b < 5": each part on its own.
        for (const QString &rawPart : check.expression.split(QRegularExpression(u"\\s+AND\\s+(?![0-9.-]+\\s*\\)*$)"_s,
                                                                                  QRegularExpression::CaseInsensitiveOption))) {
            const QString part = rawPart.trimmed();
            if (auto m = between.match(part); m.hasMatch()) {
                auto &r = ranges[m.captured(1)];
                r.min = std::max(r.min, m.captured(2).toDouble());
                r.max = std::min(r.max, m.captured(3).toDouble());
            } else if (auto m = compare.match(part); m.hasMatch()) {
                auto &r = ranges[m.captured(1)];
                const double v = m.captured(3).toDouble();
                const QString op = m.captured(2);
                const double step = m.captured(3).contains(u'.') ? 0.01 : 1;
                if (op == u">"_s)
                    r.min = std::max(r.min, v + step);
                else if (op == u">="_s)
                    r.min = std::max(r.min, v);
                else if (op == u"<"_s)
                    r.max = std::min(r.max, v - step);
                else
                    r.max = std::min(r.max, v);
            } else if (auto m = in.match(part); m.hasMatch()) {
                QStringList values;
                for (QString v : m.captured(2).split(u',')) {
                    v = v.trimmed();
                    if (v.startsWith(u'\'') && v.endsWith(u'\'') && v.size() >= 2)
                        v = v.mid(1, v.size() - 2).replace(u"''"_s, u"'"_s);
                    values.append(v);
                }
                ranges[m.captured(1)].oneOf = values;
            } else if (auto m = length.match(part); m.hasMatch()) {
                auto &r = ranges[m.captured(1)];
                const int n = m.captured(3).toInt();
                const QString op = m.captured(2);
                if (op == u">"_s)
                    r.minLength = n + 1;
                else if (op == u">="_s)
                    r.minLength = n;
                else if (op == u"<"_s)
                    r.maxLength = n - 1;
                else
                    r.maxLength = n;
            }
        }
    }
    return ranges;
}

QJsonValue FixtureGenerator::byName(const QString &rawName, const schema::ColumnType &type)
{
    if (!type.isText())
        return QJsonValue(QJsonValue::Undefined);
    const QString name = rawName.toLower();
    auto has = [&](std::initializer_list<const char16_t *> words) {
        for (const char16_t *w : words) {
            if (name.contains(QStringView(w)))
                return true;
        }
        return false;
    };
    if (has({u"email", u"e_mail"}))
        return m_fake.email();
    if (has({u"first_name", u"firstname", u"given_name"}))
        return m_fake.firstName();
    if (has({u"last_name", u"lastname", u"surname", u"family_name"}))
        return m_fake.lastName();
    if (has({u"username", u"user_name", u"login", u"handle"}))
        return m_fake.userName();
    if (has({u"company", u"organisation", u"organization", u"employer"}))
        return m_fake.company();
    if (has({u"product"}))
        return m_fake.productName();
    if (has({u"job", u"occupation"}))
        return m_fake.jobTitle();
    if (has({u"phone", u"mobile", u"fax"}))
        return m_fake.phone();
    if (has({u"street", u"address"}))
        return m_fake.streetAddress();
    if (has({u"city", u"town"}))
        return m_fake.city();
    if (has({u"zip", u"postcode", u"postal"}))
        return m_fake.postcode();
    if (has({u"country"}))
        return m_fake.country();
    if (name == u"state"_s || has({u"province", u"region"}))
        return m_fake.state();
    if (has({u"avatar", u"image", u"photo", u"picture", u"thumbnail"}))
        return m_fake.imageUrl();
    if (has({u"url", u"website", u"homepage", u"link"}))
        return m_fake.url();
    if (has({u"ip_address", u"ipv4"}) || name == u"ip"_s)
        return m_fake.ipv4();
    if (has({u"department", u"category"}))
        return m_fake.department();
    if (has({u"slogan", u"tagline", u"motto"}))
        return m_fake.catchPhrase();
    if (has({u"description", u"bio", u"body", u"content", u"comment", u"note", u"summary", u"text"}))
        return m_fake.paragraph(2);
    if (has({u"title", u"subject", u"headline"}))
        return m_fake.lorem(4).chopped(1);
    if (has({u"password", u"hash", u"secret", u"token"}))
        return u"not-a-real-secret-"_s + m_fake.uuid().left(8);
    if (has({u"color", u"colour"}))
        return u"#%1"_s.arg(m_fake.next(0x1000000), 6, 16, QLatin1Char('0'));
    if (has({u"currency"}))
        return QStringList{u"EUR"_s, u"USD"_s, u"GBP"_s, u"JPY"_s, u"CHF"_s}.at(qsizetype(m_fake.next(5)));
    if (has({u"name"}))
        return m_fake.name();
    return QJsonValue(QJsonValue::Undefined);
}

QJsonValue FixtureGenerator::valueFor(const schema::Table &table, const schema::Column &column, const Range &range,
                                      qint64 serial)
{
    const schema::ColumnType &type = column.type;
    const bool key = column.primaryKey || table.primaryKeyColumns().contains(column.name);
    if (key && (type.isAutoIncrement() || column.identity != schema::Column::Identity::None || type.isInteger()))
        return double(serial);
    if (column.nullable && !key && m_fake.next(10) == 0)
        return QJsonValue::Null;
    if (!range.oneOf.isEmpty()) {
        const QString v = range.oneOf.at(qsizetype(m_fake.next(quint64(range.oneOf.size()))));
        bool number = false;
        const double d = v.toDouble(&number);
        return number && !type.isText() ? QJsonValue(d) : QJsonValue(v);
    }
    if (type.array)
        return QJsonArray{};
    const double lo = std::isfinite(range.min) ? range.min : 0;
    switch (type.kind) {
    case TypeKind::Boolean: return m_fake.boolean();
    case TypeKind::SmallInt:
    case TypeKind::Integer:
    case TypeKind::BigInt:
    case TypeKind::Serial:
    case TypeKind::BigSerial: {
        const double hi = std::isfinite(range.max) ? range.max : lo + (type.kind == TypeKind::SmallInt ? 100 : 1000);
        return double(m_fake.integer(qint64(std::ceil(lo)), qint64(std::floor(std::max(lo, hi)))));
    }
    case TypeKind::Decimal:
    case TypeKind::Real:
    case TypeKind::Double: {
        int scale = type.kind == TypeKind::Decimal && type.scale > 0 ? type.scale : 2;
        double hi = std::isfinite(range.max) ? range.max : lo + 1000;
        if (type.kind == TypeKind::Decimal && type.precision > type.scale && type.precision - type.scale < 16)
            hi = std::min(hi, std::pow(10.0, type.precision - type.scale) - 1);
        return m_fake.number(lo, std::max(lo, hi), scale);
    }
    case TypeKind::Date: return m_fake.date();
    case TypeKind::Time: return m_fake.dateTime().mid(11, 8);
    case TypeKind::Timestamp:
    case TypeKind::TimestampTz: return m_fake.dateTime();
    case TypeKind::Interval: return u"%1 days"_s.arg(m_fake.integer(1, 90));
    case TypeKind::Uuid: return m_fake.uuid();
    case TypeKind::Json:
    case TypeKind::Jsonb: return QJsonObject{};
    case TypeKind::Binary: return QJsonValue::Null;
    case TypeKind::Enum: {
        for (const schema::EnumType &e : m_schema.enums) {
            if (e.name == type.enumName && !e.values.isEmpty())
                return e.values.at(qsizetype(m_fake.next(quint64(e.values.size()))));
        }
        return QJsonValue::Null;
    }
    case TypeKind::Char:
    case TypeKind::Varchar:
    case TypeKind::Text:
    case TypeKind::Custom: break;
    }
    QJsonValue named = byName(column.name, type);
    QString text = named.isString() ? named.toString() : m_fake.lorem(int(2 + m_fake.next(4))).chopped(1);
    while (range.minLength > 0 && text.size() < range.minLength)
        text += u' ' + m_fake.word();
    int limit = type.length > 0 ? type.length : 0;
    if (range.maxLength > 0)
        limit = limit > 0 ? std::min(limit, range.maxLength) : range.maxLength;
    if (type.kind == TypeKind::Char && type.length > 0)
        text = text.leftJustified(type.length, u' ', true);
    else if (limit > 0)
        text = text.left(limit).trimmed();
    return text;
}

} // namespace quarry::mock
