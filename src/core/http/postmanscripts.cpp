// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/postmanscripts.h"

#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
QString text(const QJsonObject &event)
{
    const QJsonValue exec = event.value(u"script"_s).toObject().value(u"exec"_s);
    if (exec.isString())
        return exec.toString();
    QStringList lines;
    const QJsonArray list = exec.toArray();
    for (const QJsonValue &l : list)
        lines.append(l.toString());
    return lines.join(u'\n');
}

QString joined(const QString &a, const QString &b)
{
    return a.isEmpty() ? b : a + u'\n' + b;
}
} // namespace

const QString PostmanScripts::AssertionsMarker = u"// quarry:assertions "_s;
const QString PostmanScripts::ExtractMarker = u"// quarry:extract "_s;
const QString PostmanScripts::AuthMarker = u"// quarry:auth "_s;

bool PostmanScripts::isGenerated(const QString &script)
{
    return script.contains(AssertionsMarker) || script.contains(ExtractMarker)
        || script.contains(u"// Quarry login profile"_s);
}

Scripts PostmanScripts::user(const QJsonArray &events)
{
    Scripts out;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        const QString script = text(e);
        if (e.value(u"disabled"_s).toBool() || script.trimmed().isEmpty() || isGenerated(script))
            continue;
        if (e.value(u"listen"_s).toString() == u"prerequest"_s)
            out.preRequest = joined(out.preRequest, script);
        else if (e.value(u"listen"_s).toString() == u"test"_s)
            out.test = joined(out.test, script);
    }
    return out;
}

QString PostmanScripts::generated(const QJsonArray &events, const QString &listen)
{
    QString out;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        const QString script = text(e);
        if (e.value(u"listen"_s).toString() == listen && isGenerated(script))
            out = joined(out, script);
    }
    return out;
}

void PostmanScripts::append(QJsonArray &events, const Scripts &scripts)
{
    for (const auto &[listen, script] : {std::pair{u"prerequest"_s, scripts.preRequest}, std::pair{u"test"_s, scripts.test}}) {
        if (script.trimmed().isEmpty())
            continue;
        events.append(QJsonObject{{u"listen"_s, listen},
                                  {u"script"_s, QJsonObject{{u"type"_s, u"text/javascript"_s},
                                                            {u"exec"_s, QJsonArray::fromStringList(script.split(u'\n'))}}}});
    }
}

} // namespace quarry::http
