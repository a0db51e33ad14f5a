// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <functional>

namespace quarry::http {

struct Response;

/// The outcome of one check on one response.
struct QUARRY_CORE_EXPORT AssertionResult {
    bool passed = false;
    QString description;   ///< "status equals 200"
    QString message;       ///< why it failed ("got 404 Not Found"); empty when passed
    /// Empty for a declarative check; else the script whose pm.test this is, or which failed
    /// (`scriptError`): "request \"Get user\" test".
    QString script;
    bool scriptError = false;
    bool skipped = false;  ///< pm.test.skip: counted as passed
};

/// A check without code, stored in a request's `assertions` array:
///   {kind:"status", op:"equals", value:200} | {kind:"status", op:"in", value:[200,201]}
///   {kind:"header", name:"Content-Type", op:"present"|"equals"|"contains", value?}
///   {kind:"json", pointer:"/token", op:"exists"|"equals"|"matches", value?}   (matches: a regex)
///   {kind:"time", op:"below", value:500}    (milliseconds)
/// String values may hold {{variables}}; they are resolved when the check runs.
class QUARRY_CORE_EXPORT Assertion
{
public:
    enum class Kind { Status, Header, Json, Time };
    enum class Op { Equals, In, Present, Contains, Exists, Matches, Below };

    Kind kind = Kind::Status;
    Op op = Op::Equals;
    QString target;       ///< header name or JSON pointer
    QJsonValue value;

    static Assertion statusEquals(int status);
    static Assertion jsonExists(const QString &pointer);

    QJsonObject toJson() const;
    static Result<Assertion> fromJson(const QJsonObject &object);
    QString description() const;
    /// `resolve` expands {{variables}} in string values; an error from it fails the check.
    AssertionResult evaluate(const Response &response,
                             const std::function<Result<QString>(const QString &)> &resolve) const;
    bool operator==(const Assertion &) const = default;
};

/// Sets a variable from a response, stored in a request's `extract` array:
///   {variable:"userId", from:"json", pointer:"/id"} | {variable:"loc", from:"header", name:"Location"}
struct QUARRY_CORE_EXPORT Extraction {
    QString variable;
    enum class From { Json, Header };
    From from = From::Json;
    QString source;   ///< JSON pointer or header name

    QJsonObject toJson() const;
    static Result<Extraction> fromJson(const QJsonObject &object);
    /// The value as text (JSON strings unquoted, other JSON compact); NotFound when absent.
    Result<QString> extract(const Response &response) const;
    bool operator==(const Extraction &) const = default;
};

} // namespace quarry::http
