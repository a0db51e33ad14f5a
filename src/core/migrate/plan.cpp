// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "migrate/plan.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace quarry::migrate {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Plan)
};
} // namespace

QStringList Step::findings() const
{
    QStringList out;
    for (const DataCheck &c : checks) {
        if (c.count > 0)
            out << QString(c.message).replace(u"%n"_s, QLocale::c().toString(c.count));
    }
    return out;
}

bool Step::isBlocked() const
{
    for (const DataCheck &c : checks)
        if (c.blocking && c.count > 0)
            return true;
    return false;
}

bool Plan::hasDestructiveSteps() const
{
    for (const Step &s : steps)
        if (s.risk == Risk::Destroys)
            return true;
    return false;
}

QStringList Plan::statements() const
{
    QStringList out;
    for (bool second : {false, true})
        for (const Step &s : steps)
            if (s.secondPhase == second)
                out << s.sql;
    return out;
}

QString Plan::riskName(Risk risk)
{
    switch (risk) {
    case Risk::Safe: return u"safe"_s;
    case Risk::Locks: return u"locks"_s;
    case Risk::MayFail: return u"may fail"_s;
    case Risk::Destroys: return u"destroys data"_s;
    }
    return {};
}

QString Plan::text() const
{
    QString out;
    if (steps.isEmpty())
        out += Tr::tr("-- No differences: nothing to do.\n");
    int n = 0;
    bool announced = false;
    for (bool second : {false, true}) {
        for (const Step &s : steps) {
            if (s.secondPhase != second)
                continue;
            if (second && !announced) {
                out += Tr::tr("\n-- Second phase: after the commit, outside the transaction (PostgreSQL cannot run these in it).\n");
                announced = true;
            }
            out += u"-- %1. %2 [%3]\n"_s.arg(++n).arg(s.description, riskName(s.risk));
            for (const QString &f : s.findings())
                out += u"--    "_s + (s.isBlocked() ? Tr::tr("will fail: ") : QString()) + f + u'\n';
            for (const QString &note : s.notes)
                out += u"--    "_s + note + u'\n';
            for (const QString &sql : s.sql)
                out += sql + u";\n"_s;
        }
    }
    for (const QString &note : notes)
        out += u"-- note: "_s + note + u'\n';
    return out;
}

QJsonObject Plan::toJson() const
{
    QJsonArray list;
    for (const Step &s : steps) {
        QJsonArray checks;
        for (const DataCheck &c : s.checks)
            checks.append(QJsonObject{{u"sql"_s, c.sql}, {u"blocking"_s, c.blocking}, {u"count"_s, c.count},
                                      {u"finding"_s, c.count > 0 ? QString(c.message).replace(u"%n"_s, QString::number(c.count)) : QString()}});
        list.append(QJsonObject{{u"description"_s, s.description}, {u"risk"_s, riskName(s.risk)},
                                {u"sql"_s, QJsonArray::fromStringList(s.sql)}, {u"checks"_s, checks},
                                {u"blocked"_s, s.isBlocked()}, {u"secondPhase"_s, s.secondPhase},
                                {u"notes"_s, QJsonArray::fromStringList(s.notes)}});
    }
    return QJsonObject{{u"dialect"_s, dialect}, {u"steps"_s, list}, {u"notes"_s, QJsonArray::fromStringList(notes)},
                       {u"checksum"_s, checksum()}};
}

QString Plan::checksum() const
{
    return QString::fromLatin1(QCryptographicHash::hash(statements().join(u";\n"_s).toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace quarry::migrate
