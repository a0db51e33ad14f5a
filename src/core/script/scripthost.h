// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "script/scripttypes.h"

#include <QHash>

namespace quarry::script {

/// What a script reaches outside the sandbox, supplied by the caller (the request executor):
/// variable scopes and the HTTP client. Called on the sandbox's thread while a script runs.
class QUARRY_CORE_EXPORT ScriptHost
{
public:
    /// Postman's scopes: `pm.variables` (local to the run), `pm.environment`,
    /// `pm.collectionVariables`, `pm.globals`, `pm.iterationData` (read-only).
    enum class Scope { Variables, Environment, Collection, Globals, IterationData };

    virtual ~ScriptHost() = default;
    /// The value in one scope; for Variables, the first of local, iteration data, environment,
    /// collection and globals that defines it (Postman's order).
    virtual std::optional<QString> variable(Scope scope, const QString &name) const = 0;
    virtual void setVariable(Scope scope, const QString &name, const QString &value) = 0;
    virtual void unsetVariable(Scope scope, const QString &name) = 0;
    virtual QHash<QString, QString> variables(Scope scope) const = 0;
    /// `{{name}}` replaced where defined; undefined ones are left as they are (as Postman does).
    virtual QString replaceIn(const QString &text) const = 0;
    /// Sends through Quarry's own client; blocking. An error value when no response came.
    virtual Result<ScriptResponse> sendRequest(const ScriptRequest &request) = 0;
};

/// The rest of what one script run sees: which event, the request, the response (tests only).
struct QUARRY_CORE_EXPORT ScriptRun {
    enum class Event { PreRequest, Test };
    Event event = Event::PreRequest;
    QString source;
    QString label;                ///< "collection \"Users\" pre-request": in errors, tests and console lines
    ScriptRequest *request = nullptr;         ///< required; changes of a pre-request script are written back
    const ScriptResponse *response = nullptr; ///< test scripts
    ScriptHost *host = nullptr;               ///< required
    int iteration = 0;
    int iterationCount = 1;
    QString collectionName;
};

} // namespace quarry::script
