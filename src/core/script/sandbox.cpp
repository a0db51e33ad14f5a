// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "script/sandbox.h"

#include "script/bridge.h"
#include "script/syntaxcheck.h"
#include "script/watchdog.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJSEngine>
#include <QLoggingCategory>
#include <QThreadStorage>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcScript, "quarry.script")

namespace quarry::script {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Sandbox)
};

// The parameters a script body sees, the ones of the Postman sandbox's own wrapper: so
// `const CryptoJS = require("crypto-js")` at the top of a script is the same SyntaxError as in
// newman. What the body throws is returned, because QJSValue::call() cannot tell a thrown value
// that is not an Error (chai's AssertionError) from a returned one.
constexpr auto Wrapper = "(function (pm, postman, tests, responseBody, responseCode, responseHeaders, responseTime, "
                         "request, environment, globals, data, iteration, _, CryptoJS, atob, btoa, tv4, xml2Json, "
                         "cheerio, console, Buffer, setTimeout, JSON, Backbone, Promise) { try {";
constexpr auto WrapperEnd = "\n} catch (e) { return {__quarryThrown: true, error: e}; } })";
constexpr int MaxCompiled = 512;
// The file name every user script is compiled under, to find its frames in a stack.
const QString ScriptFile = u"quarry-script"_s;

QStringList wrapperParameters()
{
    const QString head = QString::fromLatin1(Wrapper);
    const qsizetype open = head.indexOf(u'(', 1);
    QStringList names = head.mid(open + 1, head.indexOf(u')') - open - 1).split(u',');
    for (QString &n : names)
        n = n.trimmed();
    return names;
}

QString resourceText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

int lineOf(const QJSValue &error)
{
    return error.property(u"lineNumber"_s).toInt();
}

/// The script's own line where an error was thrown, also when it was thrown inside the API or a
/// library the script called: the first frame of the stack ("name@file:line") in the script's file.
int scriptLine(const QJSValue &error)
{
    const QString marker = u"@file:"_s + ScriptFile + u':';
    const QStringList frames = error.property(u"stack"_s).toString().split(u'\n');
    for (const QString &frame : frames) {
        const qsizetype at = frame.indexOf(marker);
        if (at >= 0)
            return QStringView(frame).mid(at + marker.size()).toInt();
    }
    return error.property(u"fileName"_s).toString() == u"file:"_s + ScriptFile ? lineOf(error) : 0;
}
} // namespace

struct Sandbox::Private {
    QJSEngine engine;
    Watchdog watchdog{&engine};
    Bridge bridge{&engine, &watchdog};
    QJSValue prepare;
    QJSValue finish;
    QJSValue takeConsole;
    std::optional<Error> broken;   // the sandbox could not start; every script reports it
    QHash<QString, QJSValue> compiled;
    int budgetMs = 5000;

    void start();
    std::optional<Error> compile(const QString &source, const QString &label, QJSValue &function);
    const QStringList parameters = wrapperParameters();
};

void Sandbox::Private::start()
{
    // Qt's compiler warns about lodash's (valid) use-before-declaration: not the user's problem.
    QLoggingCategory::setFilterRules(u"qt.qml.compiler=false"_s);
    QJSValue bridgeValue = engine.newQObject(&bridge);
    QJSEngine::setObjectOwnership(&bridge, QJSEngine::CppOwnership);
    engine.globalObject().setProperty(u"__quarry"_s, bridgeValue);
    for (const QString &file : {u"prelude.js"_s, u"cryptojs.js"_s, u"pm.js"_s}) {
        const QJSValue result = engine.evaluate(resourceText(u":/quarry/js/"_s + file), file);
        if (result.isError()) {
            broken = Error{Error::Kind::Internal, Tr::tr("The script sandbox did not start: %1").arg(result.toString()),
                           u"%1, line %2"_s.arg(file).arg(lineOf(result))};
            qCWarning(lcScript) << broken->toString();
            return;
        }
    }
    const QJSValue global = engine.globalObject();
    prepare = global.property(u"__quarryPrepare"_s);
    finish = global.property(u"__quarryFinish"_s);
    takeConsole = global.property(u"__quarryTakeConsole"_s);
}

std::optional<Error> Sandbox::Private::compile(const QString &source, const QString &label, QJSValue &function)
{
    if (auto it = compiled.constFind(source); it != compiled.constEnd()) {
        function = *it;
        return std::nullopt;
    }
    // The wrapper shares the script's first line, so the engine's line numbers are the script's.
    const QJSValue made = engine.evaluate(QString::fromLatin1(Wrapper) + source + QString::fromLatin1(WrapperEnd), ScriptFile, 1);
    if (made.isError()) {
        const SyntaxProblem problem = explainSyntaxError(source, lineOf(made), made.toString());
        return Error{Error::Kind::InvalidInput, problem.message, u"%1, line %2"_s.arg(label).arg(problem.line)};
    }
    if (const auto problem = redeclaredParameter(source, parameters))
        return Error{Error::Kind::InvalidInput, problem->message, u"%1, line %2"_s.arg(label).arg(problem->line)};
    if (compiled.size() >= MaxCompiled)
        compiled.clear();
    compiled.insert(source, made);
    function = made;
    return std::nullopt;
}

Sandbox::Sandbox() : d(std::make_unique<Private>())
{
    d->start();
}

Sandbox::~Sandbox() = default;

Sandbox &Sandbox::forCurrentThread()
{
    static QThreadStorage<Sandbox *> sandboxes;
    if (!sandboxes.hasLocalData())
        sandboxes.setLocalData(new Sandbox);
    return *sandboxes.localData();
}

void Sandbox::setBudgetMs(int ms)
{
    d->budgetMs = std::max(1, ms);
}

int Sandbox::budgetMs() const
{
    return d->budgetMs;
}

ScriptOutcome Sandbox::run(const ScriptRun &run)
{
    ScriptOutcome out;
    if (run.source.trimmed().isEmpty())
        return out;
    QElapsedTimer clock;
    clock.start();
    if (d->broken) {
        out.error = *d->broken;
        return out;
    }
    QJSValue function;
    if (auto error = d->compile(run.source, run.label, function)) {
        out.error = *error;
        return out;
    }

    QJSValue context = d->engine.newObject();
    const bool test = run.event == ScriptRun::Event::Test;
    context.setProperty(u"event"_s, test ? u"test"_s : u"prerequest"_s);
    context.setProperty(u"request"_s, d->bridge.requestValue(*run.request));
    if (test && run.response)
        context.setProperty(u"response"_s, d->bridge.responseValue(*run.response));
    context.setProperty(u"iteration"_s, run.iteration);
    context.setProperty(u"iterationCount"_s, run.iterationCount);
    context.setProperty(u"collectionName"_s, run.collectionName);

    d->bridge.setHost(run.host);
    d->watchdog.arm(d->budgetMs);
    QJSValue failure;
    const QJSValue args = d->prepare.call({context});
    if (args.isError()) {
        failure = args;
    } else {
        QJSValueList list;
        const int n = args.property(u"length"_s).toInt();
        for (int i = 0; i < n; ++i)
            list.append(args.property(quint32(i)));
        const QJSValue result = function.call(list);
        if (result.isError())
            failure = result;
        else if (result.property(u"__quarryThrown"_s).toBool())
            failure = result.property(u"error"_s);
    }
    bool overBudget = d->watchdog.disarm();
    d->engine.setInterrupted(false);
    QJSValue finished;
    if (!args.isError()) {
        d->watchdog.arm(d->budgetMs);   // timers and promise callbacks get a budget of their own
        finished = d->finish.call({QJSValue(overBudget)});
        overBudget = d->watchdog.disarm() || overBudget;
        d->engine.setInterrupted(false);
        if (finished.isError() && failure.isUndefined())
            failure = finished;
        else if (const QJSValue e = finished.property(u"error"_s); !e.isNull() && !e.isUndefined() && failure.isUndefined())
            failure = e;   // thrown by a timer or promise callback
    }
    d->bridge.setHost(nullptr);

    if (overBudget) {
        out.error = Error{Error::Kind::InvalidInput,
                          Tr::tr("The script ran longer than its budget of %1 ms and was stopped.").arg(d->budgetMs), run.label};
    } else if (!failure.isUndefined()) {
        const int line = scriptLine(failure);
        out.error = Error{Error::Kind::InvalidInput, failure.toString(),
                          line > 0 ? u"%1, line %2"_s.arg(run.label).arg(line) : run.label};
    }
    if (finished.isObject() && !finished.isError()) {
        const QJSValue tests = finished.property(u"tests"_s);
        const int n = tests.property(u"length"_s).toInt();
        for (int i = 0; i < n; ++i) {
            const QJSValue t = tests.property(quint32(i));
            out.tests.append({t.property(u"name"_s).toString(), t.property(u"passed"_s).toBool(),
                              t.property(u"skipped"_s).toBool(), t.property(u"error"_s).toString(), run.label});
        }
        out.nextRequestSet = finished.property(u"nextRequestSet"_s).toBool();
        out.nextRequest = finished.property(u"nextRequest"_s).toString();
        if (!test)
            *run.request = Bridge::requestFrom(finished.property(u"request"_s));
    }
    const QJSValue lines = d->takeConsole.call();
    const int n = lines.property(u"length"_s).toInt();
    for (int i = 0; i < n; ++i) {
        const QJSValue l = lines.property(quint32(i));
        out.console.append({l.property(u"level"_s).toString(), l.property(u"text"_s).toString(), run.label});
    }
    out.elapsedMs = clock.nsecsElapsed() / 1e6;
    return out;
}

} // namespace quarry::script
