// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "script/scripthost.h"
#include "script/scripttypes.h"

#include <memory>

namespace quarry::script {

/// Runs Postman-style scripts (pm.*, the legacy globals, chai, lodash, moment, crypto-js) on one
/// QJSEngine. The engine is warm: the libraries are loaded once and each distinct script is
/// compiled once, then called per request. A script gets a time budget (a watchdog interrupts
/// it), no file system, network or process access other than pm.sendRequest through the host.
/// Thread affinity: used only on the thread that created it; blocking.
class QUARRY_CORE_EXPORT Sandbox
{
public:
    Sandbox();
    ~Sandbox();
    Sandbox(const Sandbox &) = delete;
    Sandbox &operator=(const Sandbox &) = delete;

    /// The calling thread's sandbox, created on its first use and deleted when the thread ends.
    static Sandbox &forCurrentThread();

    /// Milliseconds one script may run (network waits excluded); default 5000.
    void setBudgetMs(int ms);
    int budgetMs() const;

    /// Never fails as a call: a script that cannot run or throws has ScriptOutcome::error; the
    /// tests it recorded before that are kept. `run.request` is updated with a pre-request
    /// script's changes.
    ScriptOutcome run(const ScriptRun &run);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace quarry::script
