// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QString>
#include <QStringList>

namespace quarry::schema {

/// One piece of design advice: what, why in plain words, where, and the SQL that fixes it.
struct Advice {
    enum class Severity { Warning, Suggestion, Info };
    Severity severity = Severity::Suggestion;
    QString rule;       ///< stable machine name: "fk-without-index", "index-duplicates-constraint", ...
    QString message;    ///< one line: what is wrong
    QString reason;     ///< why it matters, the way a workshop would explain it
    QString where;      ///< "orders.customer_id", "users.idx_users_email"
    QString objectId;   ///< stable id of the object concerned
    QStringList fix;    ///< statements in the chosen dialect, without ";"; empty when no safe fix

    static QString severityName(Severity severity);
};

} // namespace quarry::schema
