// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/writeerror.h"

#include "jsonpointer.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

QString FieldError::pointerTo(const QString &member)
{
    return JsonPointer::join({member});
}

Problem WriteError::toProblem() const
{
    Problem p{int(kind), title, detail, {}, {}};
    QJsonArray list;
    for (const FieldError &e : errors) {
        QJsonObject o{{u"pointer"_s, e.pointer}, {u"message"_s, e.message}};
        if (!e.constraint.isEmpty())
            o.insert(u"constraint"_s, e.constraint);
        if (!e.in.isEmpty())
            o.insert(u"in"_s, e.in);
        if (!e.name.isEmpty())
            o.insert(u"name"_s, e.name);
        list.append(o);
    }
    p.extra.insert(u"errors"_s, list);
    return p;
}

} // namespace quarry::mock
