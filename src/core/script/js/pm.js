// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// The Postman script API (pm.*, the legacy globals) over one run's context. __quarryPrepare(ctx)
// builds the arguments a compiled script is called with; __quarryFinish() collects what it did.
// Anything a script reaches that is not here fails with a message naming it.
(function (g) {
    'use strict';
    var chai = g.require('chai');
    var SCOPE = { variables: 0, environment: 1, collectionVariables: 2, globals: 3, iterationData: 4 };
    // Names libraries probe on any object (chai's inspect, JSON, promises): absent, not an error.
    var PROBES = ['toJSON', 'inspect', 'then', 'constructor', 'nodeType', 'length', 'stack', 'name', 'message',
                  'asymmetricMatch', '$$typeof', 'size', 'ownerDocument', 'prototype', 'valueOf', 'toString', 'tagName'];

    function strict(target, path) {
        return new Proxy(target, {
            get: function (t, key, receiver) {
                if (typeof key === 'symbol' || key in t) return Reflect.get(t, key, receiver);
                if (PROBES.indexOf(key) >= 0 || key.indexOf('_') === 0 || key.indexOf('@@') === 0) return undefined;
                throw new TypeError(path + '.' + key + ' is not supported by Quarry');
            }
        });
    }
    function text(v) {
        if (v === undefined || v === null) return '';
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
    }

    // Variables are text in Quarry's scopes; what a script set keeps its type (5, true, {a: 1}) for
    // the scripts after it, as in Postman, as long as the text is still the one it set.
    var typed = [{}, {}, {}, {}, {}];
    function typedValue(scope, key, value) {
        var scopes = scope === SCOPE.variables ? [0, 1, 2, 3] : [scope];
        for (var i = 0; i < scopes.length; ++i) {
            var t = typed[scopes[i]][key];
            if (t && t.text === value) return t.value;
        }
        return value;
    }
    function variableScope(name) {
        var scope = SCOPE[name];
        var api = {
            get: function (key) {
                var value = __quarry.variable(scope, String(key));
                return value === undefined ? undefined : typedValue(scope, String(key), value);
            },
            has: function (key) { return __quarry.variable(scope, String(key)) !== undefined; },
            toObject: function () {
                var all = __quarry.variables(scope);
                Object.keys(all).forEach(function (k) { all[k] = typedValue(scope, k, all[k]); });
                return all;
            },
            replaceIn: function (t) { return __quarry.replaceIn(text(t)); }
        };
        if (scope !== SCOPE.iterationData) {
            api.set = function (key, value) {
                typed[scope][String(key)] = { text: text(value), value: value };
                __quarry.setVariable(scope, String(key), text(value));
            };
            api.unset = function (key) { delete typed[scope][String(key)]; __quarry.unsetVariable(scope, String(key)); };
            api.clear = function () { Object.keys(__quarry.variables(scope)).forEach(api.unset); };
        }
        api.toJSON = api.toObject;
        return strict(api, 'pm.' + name);
    }

    // A list of {key, value} rows with Postman's PropertyList methods; names case-insensitive.
    function propertyList(rows, path, separator) {
        function find(key) {
            key = String(key).toLowerCase();
            for (var i = rows.length - 1; i >= 0; --i)
                if (!rows[i].disabled && String(rows[i].key).toLowerCase() === key) return rows[i];
            return undefined;
        }
        function row(item, value) {
            if (typeof item === 'string') {
                if (value !== undefined) return { key: item, value: text(value) };
                var at = item.indexOf(separator || ':');
                return at < 0 ? { key: item.trim(), value: '' } : { key: item.substr(0, at).trim(), value: item.substr(at + 1).trim() };
            }
            return { key: String(item.key), value: text(item.value), disabled: !!item.disabled };
        }
        var list = {
            get: function (key) { var r = find(key); return r ? r.value : undefined; },
            one: function (key) { var r = find(key); return r ? { key: r.key, value: r.value } : undefined; },
            has: function (key, value) { var r = find(key); return !!r && (value === undefined || r.value === value); },
            all: function () { return rows.filter(function (r) { return !r.disabled; }).map(function (r) { return { key: r.key, value: r.value }; }); },
            count: function () { return list.all().length; },
            each: function (fn) { list.all().forEach(fn); },
            map: function (fn) { return list.all().map(fn); },
            filter: function (fn) { return list.all().filter(fn); },
            find: function (fn) { return list.all().find(fn); },
            toObject: function () { var o = {}; list.all().forEach(function (r) { o[r.key] = r.value; }); return o; },
            add: function (item, value) { rows.push(row(item, value)); },
            upsert: function (item, value) {
                var r = row(item, value), old = find(r.key);
                if (old) old.value = r.value; else rows.push(r);
            },
            remove: function (key) {
                var match = typeof key === 'function' ? key : function (r) { return String(r.key).toLowerCase() === String(key).toLowerCase(); };
                for (var i = rows.length - 1; i >= 0; --i) if (match(rows[i])) rows.splice(i, 1);
            },
            clear: function () { rows.length = 0; },
            toString: function () { return list.all().map(function (r) { return r.key + ': ' + r.value; }).join('\n'); }
        };
        list.toJSON = list.all;
        list.upsertHeader = list.upsert;
        return strict(list, path);
    }

    function responseApi(d, path) {
        var json;
        var r = {
            code: d.code, status: d.status, responseTime: d.responseTime, responseSize: d.size,
            headers: propertyList(d.headers, path + '.headers'),
            text: function () { return d.body; },
            json: function () {
                if (json === undefined) {
                    try { json = JSON.parse(d.body); }
                    catch (e) { throw new SyntaxError(path + '.json(): the body is not JSON (' + e.message + ')'); }
                }
                return json;
            },
            reason: function () { return d.status; },
            size: function () { return { body: d.size, header: 0, total: d.size }; },
            __quarryResponse: true
        };
        Object.defineProperty(r, 'to', { get: function () { return chai.expect(r).to; } });
        Object.defineProperty(r, 'body', { get: function () { return d.body; } });
        return strict(r, path);
    }

    function urlApi(state) {
        function split() {
            var q = state.url.indexOf('?');
            return q < 0 ? [state.url, ''] : [state.url.substr(0, q), state.url.substr(q + 1)];
        }
        function queryRows() {
            var qs = split()[1];
            return qs ? qs.split('&').map(function (p) { var e = p.indexOf('='); return e < 0 ? { key: p, value: '' } : { key: p.substr(0, e), value: p.substr(e + 1) }; }) : [];
        }
        function writeQuery(rows) {
            var qs = rows.filter(function (r) { return !r.disabled; }).map(function (r) { return r.key + (r.value === '' || r.value === undefined ? '' : '=' + r.value); }).join('&');
            state.url = split()[0] + (qs ? '?' + qs : '');
        }
        // "{{baseUrl}}/users" has no scheme: its host is "{{baseUrl}}", as in Postman.
        function withoutScheme() { return split()[0].replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''); }
        function authority() { var rest = withoutScheme(), slash = rest.indexOf('/'); return slash < 0 ? rest : rest.substr(0, slash); }
        // Query changes write straight back into the URL text.
        function query() {
            var rows = queryRows(), list = propertyList(rows, 'pm.request.url.query', '=');
            return new Proxy(list, { get: function (t, key) {
                var v = t[key];
                if (typeof v !== 'function' || ['add', 'upsert', 'remove', 'clear'].indexOf(key) < 0) return v;
                return function () { var out = v.apply(t, arguments); writeQuery(rows); return out; };
            } });
        }
        var u = {
            toString: function () { return state.url; },
            update: function (v) { state.url = String(v); },
            getRaw: function () { return state.url; },
            getHost: function () { return authority().replace(/:\d+$/, ''); },
            getPath: function () { var rest = withoutScheme(), slash = rest.indexOf('/'); return slash < 0 ? '/' : rest.substr(slash); },
            getQueryString: function () { return split()[1]; },
            addQueryParams: function (params) { var l = query(); [].concat(params).forEach(function (p) { l.add(p); }); }
        };
        Object.defineProperty(u, 'query', { get: query });
        Object.defineProperty(u, 'host', { get: function () { return u.getHost().split('.'); } });
        Object.defineProperty(u, 'path', { get: function () { return u.getPath().split('/').filter(Boolean); } });
        return strict(u, 'pm.request.url');
    }

    function requestApi(d, path) {
        var url = urlApi(d);
        var body = { mode: d.body.mode, raw: d.body.raw, options: { raw: { language: d.body.language } } };
        body.urlencoded = propertyList(d.body.urlencoded, path + '.body.urlencoded');
        body.formdata = propertyList(d.body.formdata, path + '.body.formdata');
        body.toString = function () { return body.mode === 'raw' ? body.raw : ''; };
        body.update = function (v) {
            if (typeof v === 'string') { body.mode = 'raw'; body.raw = v; return; }
            if (v.mode) body.mode = v.mode;
            if (v.raw !== undefined) body.raw = text(v.raw);
        };
        body.isEmpty = function () { return !body.mode || (body.mode === 'raw' && !body.raw); };
        var headers = propertyList(d.headers, path + '.headers');
        var r = {
            id: d.id, name: d.name, method: d.method, headers: headers, body: body,
            addHeader: function (h, v) { headers.add(h, v); },
            upsertHeader: function (h, v) { headers.upsert(h, v); },
            removeHeader: function (k) { headers.remove(k); },
            toJSON: function () { return { method: r.method, url: url.toString(), header: headers.all(), body: body.mode ? { mode: body.mode, raw: body.raw } : undefined }; }
        };
        Object.defineProperty(r, 'url', { get: function () { return url; }, set: function (v) { url.update(v); } });
        Object.defineProperty(r, 'auth', { get: function () { throw new TypeError(path + '.auth is not supported by Quarry (set the auth on the request)'); } });
        return { api: strict(r, path), read: function () {
            d.method = String(r.method).toUpperCase();
            d.body.mode = body.mode || '';
            d.body.raw = body.raw === undefined ? '' : text(body.raw);
            return d;
        } };
    }

    function sendRequest(req, callback) {
        var spec = typeof req === 'string' ? { url: req } : req;
        var out = __quarry.sendRequest({
            url: text(spec.url), method: String(spec.method || 'GET').toUpperCase(),
            headers: Array.isArray(spec.header) ? spec.header.map(function (h) { return { key: h.key, value: text(h.value), disabled: !!h.disabled }; })
                   : Object.keys(spec.header || spec.headers || {}).map(function (k) { return { key: k, value: text((spec.header || spec.headers)[k]) }; }),
            bodyMode: spec.body ? spec.body.mode || 'raw' : '',
            raw: spec.body && spec.body.raw !== undefined ? text(spec.body.raw) : '',
            fields: spec.body && (spec.body.urlencoded || spec.body.formdata) ? (spec.body.urlencoded || spec.body.formdata).map(function (f) { return { key: f.key, value: text(f.value) }; }) : []
        });
        var err = out.error ? new Error(out.error) : null;
        // As in Postman, the callback gets a response object also when none came (no code, no body).
        var res = responseApi(err ? { code: undefined, status: undefined, headers: [], body: '', responseTime: undefined, size: 0 } : out,
                              'response');
        if (typeof callback === 'function') {
            callback(err, res);
            return undefined;
        }
        return err ? Promise.reject(err) : Promise.resolve(res);
    }

    var run;
    function record(name, passed, error, skipped) {
        run.tests.push({ name: String(name), passed: passed, skipped: !!skipped, error: error ? String(error) : '' });
    }
    function describeError(e) {
        return e && e.name ? e.name + ': ' + e.message : String(e);
    }
    function test(name, fn) {
        if (typeof fn !== 'function') { record(name, true, '', true); return; }
        if (fn.length > 0) {   // test(name, function (done) {...}): finished when done() is called
            var entry = { name: name, settled: false };
            run.pending.push(entry);
            var done = function (err) { if (entry.settled) return; entry.settled = true; record(name, !err, err ? describeError(err) : ''); };
            try { fn(done); } catch (e) { done(e); }
            return;
        }
        try {
            var result = fn();
            if (result && typeof result.then === 'function') {
                var p = { name: name, settled: false };
                run.pending.push(p);
                result.then(function () { p.settled = true; record(name, true); }, function (e) { p.settled = true; record(name, false, describeError(e)); });
                return;
            }
            record(name, true);
        } catch (e) {
            record(name, false, describeError(e));
        }
    }
    test.skip = function (name) { record(name, true, '', true); };

    g.__quarryPrepare = function (ctx) {
        var request = requestApi(ctx.request, 'pm.request');
        run = { tests: [], pending: [], nextRequestSet: false, nextRequest: '', request: request, legacy: {} };
        function setNextRequest(name) { run.nextRequestSet = true; run.nextRequest = name === null || name === undefined ? '' : String(name); }
        var response = ctx.response ? responseApi(ctx.response, 'pm.response') : undefined;
        var info = { eventName: ctx.event, iteration: ctx.iteration, iterationCount: ctx.iterationCount,
                     requestName: ctx.request.name, requestId: ctx.request.id };
        var pm = {
            info: strict(info, 'pm.info'),
            test: test,
            expect: chai.expect,
            request: request.api,
            variables: variableScope('variables'),
            environment: variableScope('environment'),
            collectionVariables: variableScope('collectionVariables'),
            globals: variableScope('globals'),
            iterationData: variableScope('iterationData'),
            sendRequest: sendRequest,
            execution: strict({ setNextRequest: setNextRequest, location: [ctx.collectionName] }, 'pm.execution'),
            visualizer: strict({ set: function () {}, clear: function () {} }, 'pm.visualizer')
        };
        if (response) pm.response = response;
        var env = __quarry.variables(SCOPE.environment), globals = __quarry.variables(SCOPE.globals);
        var postman = {
            setNextRequest: setNextRequest,
            setEnvironmentVariable: function (k, v) { pm.environment.set(k, v); },
            getEnvironmentVariable: function (k) { return pm.environment.get(k); },
            clearEnvironmentVariable: function (k) { pm.environment.unset(k); },
            setGlobalVariable: function (k, v) { pm.globals.set(k, v); },
            getGlobalVariable: function (k) { return pm.globals.get(k); },
            clearGlobalVariable: function (k) { pm.globals.unset(k); },
            getResponseHeader: function (k) { return response ? response.headers.get(k) : undefined; }
        };
        var legacyRequest = { url: ctx.request.url, method: ctx.request.method, name: ctx.request.name,
                              headers: propertyList(ctx.request.headers.slice(), 'request.headers').toObject(), data: ctx.request.body.raw };
        // Insomnia's scripts call the same API `insomnia`; Bruno's have bru, req, res, test and expect.
        g.insomnia = strict(pm, 'insomnia');
        brunoApi(pm, request, response, ctx, setNextRequest);
        var r = ctx.response;
        // The order of the parameters in sandbox.cpp's wrapper.
        return [strict(pm, 'pm'), strict(postman, 'postman'), run.legacy,
                r ? r.body : undefined, r ? { code: r.code, name: r.status, detail: r.status } : undefined,
                r ? response.headers.toObject() : undefined, r ? r.responseTime : undefined,
                legacyRequest, env, globals, __quarry.variables(SCOPE.iterationData), ctx.iteration,
                lodash, g.require('crypto-js'), g.atob, g.btoa, unsupported('tv4'), unsupported('xml2Json'),
                unsupported('cheerio'), g.console, unsupported('Buffer'), g.setTimeout, JSON, unsupported('Backbone'), g.Promise];
    };

    // Bruno's script API over the same run: https://docs.usebruno.com/testing/script/javascript-reference
    function brunoApi(pm, request, response, ctx, setNextRequest) {
        var api = request.api;
        function parsed(text) { try { return JSON.parse(text); } catch (e) { return text; } }
        g.bru = strict({
            getEnvVar: function (k) { return pm.environment.get(k); },
            setEnvVar: function (k, v) { pm.environment.set(k, v); },
            hasEnvVar: function (k) { return pm.environment.has(k); },
            getVar: function (k) { return pm.variables.get(k); },
            setVar: function (k, v) { pm.variables.set(k, v); },
            hasVar: function (k) { return pm.variables.has(k); },
            deleteVar: function (k) { pm.variables.unset(k); },
            getCollectionVar: function (k) { return pm.collectionVariables.get(k); },
            getGlobalEnvVar: function (k) { return pm.globals.get(k); },
            setGlobalEnvVar: function (k, v) { pm.globals.set(k, v); },
            getRequestVar: function (k) { return pm.variables.get(k); },
            interpolate: function (t) { return pm.variables.replaceIn(t); },
            setNextRequest: setNextRequest,
            sleep: function () { return Promise.resolve(); }
        }, 'bru');
        g.req = strict({
            getUrl: function () { return api.url.toString(); },
            setUrl: function (u) { api.url = u; },
            getMethod: function () { return api.method; },
            setMethod: function (m) { api.method = m; },
            getName: function () { return ctx.request.name; },
            getHeader: function (k) { return api.headers.get(k); },
            getHeaders: function () { return api.headers.toObject(); },
            setHeader: function (k, v) { api.headers.upsert({ key: k, value: v }); },
            setHeaders: function (o) { Object.keys(o).forEach(function (k) { api.headers.upsert({ key: k, value: o[k] }); }); },
            deleteHeader: function (k) { api.headers.remove(k); },
            getBody: function () { return parsed(api.body.raw); },
            setBody: function (b) { api.body.update(typeof b === 'string' ? b : JSON.stringify(b)); }
        }, 'req');
        if (!response) { delete g.res; return; }
        var headers = {};
        response.headers.all().forEach(function (h) { headers[h.key.toLowerCase()] = h.value; });
        var body = parsed(response.text());
        g.res = strict({
            status: response.code, statusText: response.status, headers: headers, body: body,
            responseTime: response.responseTime,
            getStatus: function () { return response.code; },
            getStatusText: function () { return response.status; },
            getHeader: function (k) { return headers[String(k).toLowerCase()]; },
            getHeaders: function () { return headers; },
            getBody: function () { return body; },
            getResponseTime: function () { return response.responseTime; }
        }, 'res');
    }
    g.test = test;
    g.expect = chai.expect;
    g.assert = chai.assert;

    // Lodash as the sandbox's `_`, loaded on first use.
    var lodash = new Proxy(function () {}, {
        get: function (t, key) { return g.require('lodash')[key]; },
        apply: function (t, self, args) { return g.require('lodash').apply(self, args); }
    });
    // A global the Postman sandbox has and Quarry does not: any use fails naming it.
    function unsupported(name) {
        function fail(what) { throw new TypeError(what + ' is not supported by Quarry'); }
        // Qt 6.4 loses an exception thrown by a get trap of a function proxy: the members fail when called.
        return new Proxy(function () {}, {
            get: function (t, key) {
                if (typeof key === 'symbol' || PROBES.indexOf(key) >= 0) return undefined;
                return function () { fail(name + '.' + key); };
            },
            apply: function () { fail(name); }, construct: function () { fail(name); }
        });
    }

    // `stopped`: the script was interrupted; what it queued does not run.
    g.__quarryFinish = function (stopped) {
        var thrown = null;
        if (stopped) g.__quarryDropTimers();
        else thrown = g.__quarryRunTimers();
        Object.keys(run.legacy).forEach(function (name) { record(name, !!run.legacy[name]); });
        run.pending.forEach(function (p) { if (!p.settled) record(p.name, false, 'Error: the test did not finish (its done() callback or promise never completed)'); });
        return { tests: run.tests, nextRequestSet: run.nextRequestSet, nextRequest: run.nextRequest,
                 request: run.request.read(), error: thrown };
    };


    // Postman's chai assertions on responses: to.have.status/header/jsonBody/body, to.be.ok/success/...
    chai.use(function (chai, utils) {
        var A = chai.Assertion;
        function isResponse(o) { return o && o.__quarryResponse === true; }
        A.addMethod('status', function (code) {
            var r = this._obj;
            if (typeof code === 'string')
                this.assert(r.status === code, "expected response to have status reason '#{exp}' but got '#{act}'",
                            "expected response to not have status reason '#{act}'", code, r.status);
            else
                this.assert(r.code === code, 'expected response to have status code #{exp} but got #{act}',
                            'expected response to not have status code #{act}', code, r.code);
        });
        A.addMethod('header', function (key, value) {
            var headers = this._obj.headers;
            if (arguments.length < 2)
                this.assert(headers.has(key), "expected response to have header with key '" + key + "'",
                            "expected response to not have header with key '" + key + "'", key);
            else
                this.assert(headers.get(key) === value, "expected '" + key + "' response header to be '#{exp}' but got '#{act}'",
                            "expected '" + key + "' response header to not be '#{act}'", value, headers.get(key));
        });
        A.addMethod('jsonBody', function (path, value) {
            var body;
            try { body = JSON.parse(this._obj.text()); } catch (e) { body = undefined; }
            if (arguments.length === 0) {
                this.assert(body !== undefined, 'expected response body to be a valid json', 'expected response body not to be a valid json');
                return;
            }
            if (typeof path === 'object') {
                this.assert(utils.eql(body, path), 'expected response body json to equal #{exp} but got #{act}', 'expected response body json to not equal #{exp}', path, body);
                return;
            }
            var found = String(path).split(/[.[\]]/).filter(Boolean).reduce(function (o, k) { return o === undefined || o === null ? undefined : o[k]; }, body);
            if (arguments.length < 2)
                this.assert(found !== undefined, "expected #{act} in response to contain property '" + path + "'", "expected #{act} in response to not contain property '" + path + "'", undefined, body);
            else
                this.assert(utils.eql(found, value), "expected response body json at \"" + path + "\" to contain #{exp} but got #{act}",
                            "expected response body json at \"" + path + "\" to not contain #{exp}", value, found);
        });
        A.addMethod('body', function (content) {
            var t = this._obj.text();
            if (arguments.length === 0) this.assert(t.length > 0, 'expected response to have content in body', 'expected response to not have content in body');
            else if (content instanceof RegExp) this.assert(content.test(t), 'expected response body text to match #{exp} but got #{act}', 'expected response body text #{act} to not match #{exp}', content, t);
            else this.assert(t === content, 'expected response body to equal #{exp} but got #{act}', 'expected response body to not equal #{exp}', content, t);
        });
        A.addMethod('jsonSchema', function () { throw new TypeError('pm.response.to.have.jsonSchema is not supported by Quarry yet'); });
        var classes = { success: [200, 299], accepted: [202, 202], withoutContent: [204, 204], badRequest: [400, 400],
                        unauthorized: [401, 401], unauthorised: [401, 401], forbidden: [403, 403], notFound: [404, 404],
                        notAcceptable: [406, 406], rateLimited: [429, 429], info: [100, 199], redirection: [300, 399],
                        clientError: [400, 499], serverError: [500, 599], error: [400, 599] };
        Object.keys(classes).forEach(function (name) {
            A.addProperty(name, function () {
                var c = this._obj.code, range = classes[name];
                this.assert(c >= range[0] && c <= range[1], "expected response code to be " + (range[0] === range[1] ? range[0] : range[0] / 100 + 'XX') + " but found #{act}",
                            "expected response code to not be " + (range[0] === range[1] ? range[0] : range[0] / 100 + 'XX') + " but found #{act}", undefined, c);
            });
        });
        A.overwriteProperty('ok', function (_super) {
            return function () {
                if (!isResponse(this._obj)) return _super.call(this);
                this.assert(this._obj.code === 200, 'expected response code to be 200 but found #{act}', 'expected response code to not be 200 but found #{act}', 200, this._obj.code);
            };
        });
        A.overwriteProperty('json', function (_super) {
            return function () {
                if (!isResponse(this._obj)) return _super ? _super.call(this) : undefined;
                var ok = true;
                try { JSON.parse(this._obj.text()); } catch (e) { ok = false; }
                this.assert(ok, 'expected response body to be a valid json', 'expected response body not to be a valid json');
            };
        });
        A.addProperty('withBody', function () {
            this.assert(this._obj.text().length > 0, 'expected response to have content in body', 'expected response to not have content in body');
        });
    });
})(this);
