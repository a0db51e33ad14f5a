// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/scriptstep.h"

#include "httpstatus.h"
#include "http/preparedrequest.h"
#include "script/sandbox.h"

#include <QCoreApplication>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ScriptStep)
};

using script::ScriptHost;

/// The run's variables and Quarry's client, as scripts reach them.
class ScopeHost : public ScriptHost
{
public:
    ScopeHost(VariableScope &scope, Transport &transport, CancelFlag *cancel)
        : m_scope(scope), m_transport(transport), m_cancel(cancel)
    {
    }

    std::optional<QString> variable(Scope scope, const QString &name) const override
    {
        switch (scope) {
        case Scope::Variables:
            if (name.startsWith(u'$') || !m_scope.isDefined(name))
                return std::nullopt;
            if (auto v = m_scope.value(name))
                return v.value();
            return std::nullopt;
        case Scope::IterationData:
            return std::nullopt;
        default:
            return m_scope.layerValue(layer(scope), name);
        }
    }
    void setVariable(Scope scope, const QString &name, const QString &value) override
    {
        if (scope == Scope::Variables)
            m_scope.runtime().set(name, value);
        else if (scope != Scope::IterationData)
            m_scope.setLayerValue(layer(scope), name, value);
    }
    void unsetVariable(Scope scope, const QString &name) override
    {
        if (scope == Scope::Variables)
            m_scope.runtime().remove(name);
        else if (scope != Scope::IterationData)
            m_scope.unsetLayerValue(layer(scope), name);
    }
    QHash<QString, QString> variables(Scope scope) const override
    {
        if (scope == Scope::Variables)
            return m_scope.runtime().snapshot();
        if (scope == Scope::IterationData)
            return {};
        return m_scope.layerValues(layer(scope));
    }
    QString replaceIn(const QString &text) const override { return m_scope.replaceDefined(text); }
    Result<script::ScriptResponse> sendRequest(const script::ScriptRequest &request) override
    {
        RequestSpec spec;
        spec.name = u"pm.sendRequest"_s;
        ScriptStep::apply(request, spec);
        // As in Postman, pm.sendRequest sends what the script wrote: {{variables}} are not resolved
        // (pm.variables.replaceIn does that), so one left in is an error rather than a guess.
        auto prepared = PreparedRequest::build(spec, VariableScope());
        if (!prepared)
            return prepared.error();
        if (!prepared.value().url.isValid() || prepared.value().url.host().isEmpty())
            return Error{Error::Kind::InvalidInput, Tr::tr("pm.sendRequest: \"%1\" is not a URL.").arg(request.url), {}};
        auto response = m_transport.send(prepared.value(), m_cancel);
        if (!response)
            return response.error();
        return ScriptStep::scriptResponse(response.value());
    }

private:
    static VariableScope::Layer layer(Scope scope)
    {
        return scope == Scope::Environment ? VariableScope::Layer::Environment
             : scope == Scope::Collection  ? VariableScope::Layer::Collection
                                           : VariableScope::Layer::Globals;
    }
    VariableScope &m_scope;
    Transport &m_transport;
    CancelFlag *m_cancel;
};

QList<script::ScriptRequest::Header> rows(const QList<KeyValue> &list)
{
    QList<script::ScriptRequest::Header> out;
    for (const KeyValue &kv : list)
        out.append({kv.name, kv.value, !kv.enabled});
    return out;
}

QList<KeyValue> keyValues(const QList<script::ScriptRequest::Header> &list)
{
    QList<KeyValue> out;
    for (const auto &h : list)
        out.append(KeyValue{h.key, h.value, !h.disabled, false, {}});
    return out;
}
} // namespace

script::ScriptResponse ScriptStep::scriptResponse(const Response &response)
{
    script::ScriptResponse out;
    out.code = response.status;
    out.status = HttpStatus::reason(response.status);
    for (const auto &[name, value] : response.headers)
        out.headers.append({QString::fromLatin1(name), QString::fromUtf8(value)});
    out.body = response.body;
    out.responseTime = response.timings.total;
    return out;
}

ScriptStep::ScriptStep(const Collection *collection, VariableScope &scope, std::shared_ptr<Transport> transport,
                       CancelFlag *cancel, int iterations)
    : m_collection(collection), m_scope(scope), m_transport(std::move(transport)), m_cancel(cancel), m_iterations(iterations)
{
}

QList<ScriptStep::Source> ScriptStep::sources(const RequestSpec &request, bool test) const
{
    const QString event = test ? u"test"_s : u"pre-request"_s;
    auto text = [test](const Scripts &s) { return test ? s.test : s.preRequest; };
    QList<Source> out;
    if (m_collection) {
        out.append({u"collection \"%1\" %2"_s.arg(m_collection->name, event), text(m_collection->scripts), false});
        const QList<const CollectionItem *> folders = m_collection->foldersAbove(request.id);
        for (const CollectionItem *folder : folders)
            out.append({u"folder \"%1\" %2"_s.arg(folder->folderName, event), text(folder->folderScripts), false});
    }
    out.append({u"request \"%1\" %2"_s.arg(request.name.isEmpty() ? request.id : request.name, event), text(request.scripts), true});
    out.removeIf([](const Source &s) { return s.text.trimmed().isEmpty(); });
    return out;
}

bool ScriptStep::any(const RequestSpec &request) const
{
    return !sources(request, false).isEmpty() || !sources(request, true).isEmpty();
}

void ScriptStep::record(const script::ScriptOutcome &outcome, const QString &label, Exchange &exchange) const
{
    for (const script::TestResult &t : outcome.tests)
        exchange.assertions.append(AssertionResult{t.passed, t.name, t.error, label, false, t.skipped});
    if (outcome.error)
        exchange.assertions.append(AssertionResult{false, label, outcome.error->toString(), label, true, false});
    exchange.console += outcome.console;
    if (outcome.nextRequestSet)
        exchange.nextRequest = outcome.nextRequest;
}

void ScriptStep::runOne(const Source &source, script::ScriptRequest *request, const script::ScriptResponse *response,
                        script::ScriptHost &host, int iteration, Exchange &exchange) const
{
    script::ScriptRun run;
    run.event = response ? script::ScriptRun::Event::Test : script::ScriptRun::Event::PreRequest;
    run.source = source.text;
    run.label = source.label;
    run.request = request;
    run.response = response;
    run.host = &host;
    run.iteration = iteration;
    run.iterationCount = m_iterations;
    run.collectionName = m_collection ? m_collection->name : QString();
    record(script::Sandbox::forCurrentThread().run(run), source.label, exchange);
}

void ScriptStep::preRequest(RequestSpec &request, Exchange &exchange, int iteration)
{
    const QList<Source> list = sources(request, false);
    if (list.isEmpty())
        return;
    ScopeHost host(m_scope, *m_transport, m_cancel);
    script::ScriptRequest scriptRequest = toScript(request);
    const script::ScriptRequest before = scriptRequest;
    for (const Source &source : list)
        runOne(source, &scriptRequest, nullptr, host, iteration, exchange);
    if (!(scriptRequest == before))
        apply(scriptRequest, request);
}

void ScriptStep::test(const RequestSpec &request, Exchange &exchange, int iteration, const std::function<void()> &requestChecks)
{
    const QList<Source> list = sources(request, true);
    if (list.isEmpty() || !exchange.response) {
        requestChecks();
        return;
    }
    ScopeHost host(m_scope, *m_transport, m_cancel);
    // pm.request in a test script is the request as it was sent.
    script::ScriptRequest sent = toScript(request);
    sent.method = QString::fromLatin1(exchange.request.method);
    sent.url = exchange.request.url.toString(QUrl::FullyEncoded);
    sent.headers.clear();
    for (const HeaderLine &h : std::as_const(exchange.request.headers))
        sent.headers.append({QString::fromLatin1(h.name), QString::fromUtf8(h.value), false});
    const script::ScriptResponse response = scriptResponse(*exchange.response);
    bool checked = false;
    for (const Source &source : list) {
        if (source.request && !checked) {
            requestChecks();
            checked = true;
        }
        runOne(source, &sent, &response, host, iteration, exchange);
    }
    if (!checked)
        requestChecks();
}

script::ScriptRequest ScriptStep::toScript(const RequestSpec &request)
{
    script::ScriptRequest out;
    out.name = request.name;
    out.id = request.id;
    out.method = request.method;
    out.url = request.url;
    QStringList query;
    for (const KeyValue &p : request.params) {
        if (p.enabled)
            query.append(p.value.isEmpty() ? p.name : p.name + u'=' + p.value);
    }
    if (!query.isEmpty())
        out.url += (out.url.contains(u'?') ? u'&' : u'?') + query.join(u'&');
    out.headers = rows(request.headers);
    switch (request.body.mode) {
    case BodySpec::Mode::None:
        break;
    case BodySpec::Mode::Json:
    case BodySpec::Mode::Raw:
        out.bodyMode = u"raw"_s;
        out.raw = request.body.text;
        out.language = request.body.mode == BodySpec::Mode::Json ? u"json"_s : u"text"_s;
        break;
    case BodySpec::Mode::FormUrlEncoded:
        out.bodyMode = u"urlencoded"_s;
        out.fields = rows(request.body.fields);
        break;
    case BodySpec::Mode::Multipart:
        out.bodyMode = u"formdata"_s;
        out.fields = rows(request.body.fields);
        break;
    case BodySpec::Mode::Binary:
        out.bodyMode = u"file"_s;
        break;
    }
    return out;
}

void ScriptStep::apply(const script::ScriptRequest &script, RequestSpec &request)
{
    request.method = script.method.isEmpty() ? u"GET"_s : script.method.toUpper();
    const qsizetype q = script.url.indexOf(u'?');
    request.url = q < 0 ? script.url : script.url.left(q);
    request.params.removeIf([](const KeyValue &p) { return p.enabled; });   // disabled rows stay as written
    if (q >= 0) {
        const QStringList pairs = script.url.mid(q + 1).split(u'&', Qt::SkipEmptyParts);
        for (const QString &p : pairs)
            request.params.append(KeyValue{p.section(u'=', 0, 0), p.section(u'=', 1), true, false, {}});
    }
    request.headers = keyValues(script.headers);
    if (script.bodyMode == u"raw"_s) {
        const bool json = script.language == u"json"_s
            || (request.body.mode == BodySpec::Mode::Json && script.language.isEmpty());
        request.body.mode = json ? BodySpec::Mode::Json : BodySpec::Mode::Raw;
        request.body.text = script.raw;
    } else if (script.bodyMode == u"urlencoded"_s || script.bodyMode == u"formdata"_s) {
        request.body.mode = script.bodyMode == u"urlencoded"_s ? BodySpec::Mode::FormUrlEncoded : BodySpec::Mode::Multipart;
        request.body.fields = keyValues(script.fields);
    } else if (script.bodyMode.isEmpty()) {
        request.body = BodySpec{};
    }
}

} // namespace quarry::http
