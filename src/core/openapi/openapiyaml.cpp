// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "openapi/openapiyaml.h"

#include "jsonpointer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace quarry::openapi {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(OpenApiYaml)
};

constexpr int MaxDepth = 256;
constexpr qsizetype MaxNodes = 2'000'000;   // an alias bomb expands to far more

QString markText(const YAML::Mark &mark, const QString &origin)
{
    const QString prefix = origin.isEmpty() ? QString() : origin + u", "_s;
    if (mark.is_null())
        return origin;
    return prefix + Tr::tr("line %1, column %2").arg(mark.line + 1).arg(mark.column + 1);
}

/// A plain scalar read by YAML 1.2's core schema.
QJsonValue resolvePlain(const std::string &raw)
{
    const QString s = QString::fromStdString(raw);
    if (s.isEmpty() || s == u"~"_s || s == u"null"_s || s == u"Null"_s || s == u"NULL"_s)
        return QJsonValue(QJsonValue::Null);
    if (s == u"true"_s || s == u"True"_s || s == u"TRUE"_s)
        return true;
    if (s == u"false"_s || s == u"False"_s || s == u"FALSE"_s)
        return false;
    static const QRegularExpression decimal(u"^[-+]?[0-9]+$"_s);
    static const QRegularExpression octal(u"^0o[0-7]+$"_s);
    static const QRegularExpression hex(u"^0x[0-9a-fA-F]+$"_s);
    static const QRegularExpression real(u"^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"_s);
    bool ok = false;
    if (decimal.match(s).hasMatch()) {
        const qlonglong v = s.toLongLong(&ok);
        if (ok)
            return QJsonValue(qint64(v));
        return s.toDouble();
    }
    if (octal.match(s).hasMatch()) {
        const qlonglong v = s.mid(2).toLongLong(&ok, 8);
        if (ok)
            return QJsonValue(qint64(v));
    }
    if (hex.match(s).hasMatch()) {
        const qlonglong v = s.mid(2).toLongLong(&ok, 16);
        if (ok)
            return QJsonValue(qint64(v));
    }
    if (real.match(s).hasMatch()) {
        const double d = s.toDouble(&ok);
        if (ok && std::isfinite(d))
            return d;
    }
    // .inf and .nan have no JSON form; they stay text.
    return s;
}

struct Converter {
    QString origin;
    OpenApiYaml::KeyOrder *order = nullptr;
    qsizetype nodes = 0;
    std::optional<Error> error;

    QJsonValue fail(const YAML::Node &node, const QString &message)
    {
        if (!error)
            error = Error{Error::Kind::InvalidInput, message, markText(node.Mark(), origin)};
        return {};
    }

    QJsonValue convert(const YAML::Node &node, const QString &pointer, int depth)
    {
        if (error)
            return {};
        if (++nodes > MaxNodes)
            return fail(node, Tr::tr("The YAML document expands to more than %1 values (aliases?).").arg(MaxNodes));
        if (depth > MaxDepth)
            return fail(node, Tr::tr("The YAML document nests deeper than %1 levels.").arg(MaxDepth));
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            return QJsonValue(QJsonValue::Null);
        case YAML::NodeType::Scalar: {
            const std::string &tag = node.Tag();
            const std::string &text = node.Scalar();
            if (tag == "!" || tag == "tag:yaml.org,2002:str")
                return QString::fromStdString(text);
            if (tag == "?")
                return resolvePlain(text);
            if (tag == "tag:yaml.org,2002:null")
                return QJsonValue(QJsonValue::Null);
            if (tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float") {
                const QJsonValue v = resolvePlain(text);
                const bool fits = tag == "tag:yaml.org,2002:bool" ? v.isBool() : v.isDouble();
                if (!fits)
                    return fail(node, Tr::tr("\"%1\" is not a value of the tag %2.")
                                          .arg(QString::fromStdString(text), QString::fromStdString(tag)));
                return v;
            }
            // Unknown local tags (!foo): the text is what a reader of the document sees.
            return QString::fromStdString(text);
        }
        case YAML::NodeType::Sequence: {
            QJsonArray a;
            int i = 0;
            for (const YAML::Node &item : node) {
                a.append(convert(item, pointer + u'/' + QString::number(i++), depth + 1));
                if (error)
                    return {};
            }
            return a;
        }
        case YAML::NodeType::Map: {
            QJsonObject o;
            QStringList keys;
            for (const auto &pair : node) {
                if (!pair.first.IsScalar())
                    return fail(pair.first, Tr::tr("A mapping key must be a plain value, not a list or a mapping."));
                const QString key = QString::fromStdString(pair.first.Scalar());
                if (key == u"<<"_s && pair.first.Tag() == "?" && pair.second.IsMap()) {
                    // A YAML 1.1 merge key: the merged keys never override explicit ones.
                    const QJsonObject merged = convert(pair.second, pointer, depth + 1).toObject();
                    for (auto it = merged.begin(); it != merged.end(); ++it) {
                        if (!o.contains(it.key())) {
                            o.insert(it.key(), it.value());
                            keys.append(it.key());
                        }
                    }
                    continue;
                }
                o.insert(key, convert(pair.second, pointer + u'/' + JsonPointer::escape(key), depth + 1));
                if (error)
                    return {};
                if (!keys.contains(key))
                    keys.append(key);
            }
            if (order && keys.size() > 1)
                order->insert(pointer, keys);
            return o;
        }
        }
        return {};
    }
};

bool plainIsSafe(const QString &s)
{
    static const QRegularExpression safe(u"^[A-Za-z_/][A-Za-z0-9_ ./()+-]*$"_s);
    static const QStringList reserved{u"true"_s, u"false"_s, u"null"_s, u"yes"_s, u"no"_s,
                                      u"on"_s,   u"off"_s,   u"y"_s,    u"n"_s};
    if (s.isEmpty() || s.endsWith(u' ') || !safe.match(s).hasMatch())
        return false;
    return !reserved.contains(s.toLower());
}

QString quoted(const QString &s)
{
    QString out;
    out.reserve(s.size() + 2);
    out += u'"';
    for (const QChar c : s) {
        switch (c.unicode()) {
        case '"': out += u"\\\""_s; break;
        case '\\': out += u"\\\\"_s; break;
        case '\n': out += u"\\n"_s; break;
        case '\r': out += u"\\r"_s; break;
        case '\t': out += u"\\t"_s; break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.unicode() == 0x85 || c.unicode() == 0x2028
                || c.unicode() == 0x2029 || c.unicode() == 0xfeff)
                out += u"\\u%1"_s.arg(uint(c.unicode()), 4, 16, QChar(u'0'));
            else
                out += c;
        }
    }
    out += u'"';
    return out;
}

QString scalarText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: return u"null"_s;
    case QJsonValue::Bool: return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (std::floor(d) == d && std::fabs(d) < 9007199254740992.0)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::String: {
        const QString s = v.toString();
        return plainIsSafe(s) ? s : quoted(s);
    }
    default: return {};
    }
}

bool isEmptyCollection(const QJsonValue &v)
{
    return (v.isObject() && v.toObject().isEmpty()) || (v.isArray() && v.toArray().isEmpty());
}

void writeValue(QString &out, const QJsonValue &v, int indent);

/// Writes the lines of a non-empty collection, each starting at `indent`.
void writeCollection(QString &out, const QJsonValue &v, int indent)
{
    const QString pad(indent, u' ');
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            out += pad + (plainIsSafe(it.key()) ? it.key() : quoted(it.key())) + u':';
            writeValue(out, it.value(), indent + 2);
        }
        return;
    }
    const QJsonArray a = v.toArray();
    for (const QJsonValue &item : a) {
        if (item.isObject() && !item.toObject().isEmpty()) {
            // "- key: value" with the item's other keys aligned under the first.
            QString nested;
            writeCollection(nested, item, indent + 2);
            out += pad + u"- "_s + nested.mid(indent + 2);
        } else if (item.isArray() && !item.toArray().isEmpty()) {
            out += pad + u"-\n"_s;
            writeCollection(out, item, indent + 2);
        } else {
            out += pad + u"- "_s;
            out += item.isObject() ? u"{}"_s : item.isArray() ? u"[]"_s : scalarText(item);
            out += u'\n';
        }
    }
}

void writeValue(QString &out, const QJsonValue &v, int indent)
{
    if ((v.isObject() || v.isArray()) && !isEmptyCollection(v)) {
        out += u'\n';
        writeCollection(out, v, indent);
        return;
    }
    out += u' ';
    out += v.isObject() ? u"{}"_s : v.isArray() ? u"[]"_s : scalarText(v);
    out += u'\n';
}

} // namespace

Result<QJsonValue> OpenApiYaml::parse(const QByteArray &text, const QString &origin, KeyOrder *order)
{
    Converter converter;
    converter.origin = origin;
    converter.order = order;
    try {
        const YAML::Node root = YAML::Load(text.toStdString());
        QJsonValue value = converter.convert(root, QString(), 0);
        if (converter.error)
            return *converter.error;
        return value;
    } catch (const YAML::Exception &e) {
        return Error{Error::Kind::InvalidInput, Tr::tr("Not valid YAML: %1.").arg(QString::fromStdString(e.msg)),
                     markText(e.mark, origin)};
    } catch (const std::exception &e) {
        return Error{Error::Kind::InvalidInput, Tr::tr("Not valid YAML: %1.").arg(QString::fromUtf8(e.what())), origin};
    }
}

QByteArray OpenApiYaml::write(const QJsonValue &value)
{
    QString out;
    if ((value.isObject() || value.isArray()) && !isEmptyCollection(value))
        writeCollection(out, value, 0);
    else
        out = (value.isObject() ? u"{}"_s : value.isArray() ? u"[]"_s : scalarText(value)) + u'\n';
    return out.toUtf8();
}

} // namespace quarry::openapi
