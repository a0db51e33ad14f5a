// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/constraint.h"

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

QString ReferentialActions::jsonName(ReferentialAction action)
{
    switch (action) {
    case ReferentialAction::NoAction: return u"noAction"_s;
    case ReferentialAction::Restrict: return u"restrict"_s;
    case ReferentialAction::Cascade: return u"cascade"_s;
    case ReferentialAction::SetNull: return u"setNull"_s;
    case ReferentialAction::SetDefault: return u"setDefault"_s;
    }
    return {};
}

QString ReferentialActions::sql(ReferentialAction action)
{
    switch (action) {
    case ReferentialAction::NoAction: return u"NO ACTION"_s;
    case ReferentialAction::Restrict: return u"RESTRICT"_s;
    case ReferentialAction::Cascade: return u"CASCADE"_s;
    case ReferentialAction::SetNull: return u"SET NULL"_s;
    case ReferentialAction::SetDefault: return u"SET DEFAULT"_s;
    }
    return {};
}

std::optional<ReferentialAction> ReferentialActions::fromText(const QString &text)
{
    QString folded = text.simplified().toLower();
    folded.remove(u' ');
    for (const ReferentialAction action : All) {
        if (folded == jsonName(action).toLower())
            return action;
    }
    return std::nullopt;
}

ReferentialAction ReferentialActions::fromPgCode(QStringView code)
{
    switch (code.isEmpty() ? u'a' : code.front().unicode()) {
    case 'r': return ReferentialAction::Restrict;
    case 'c': return ReferentialAction::Cascade;
    case 'n': return ReferentialAction::SetNull;
    case 'd': return ReferentialAction::SetDefault;
    default: return ReferentialAction::NoAction;
    }
}

} // namespace quarry::schema
