// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// Evaluated once per engine, before anything else: the built-ins Qt 6.4's engine lacks, timers,
// console capture and require(). `__quarry` is the native bridge (script/bridge.h).
(function (g) {
    'use strict';
    function define(object, name, value) {
        if (typeof object[name] !== 'function')
            Object.defineProperty(object, name, { value: value, writable: true, configurable: true, enumerable: false });
    }
    define(Array.prototype, 'flat', function flat(depth) {
        depth = depth === undefined ? 1 : Math.floor(Number(depth));
        var out = [];
        (function walk(list, d) {
            for (var i = 0; i < list.length; ++i) {
                if (!(i in list)) continue;
                if (Array.isArray(list[i]) && d > 0) walk(list[i], d - 1);
                else out.push(list[i]);
            }
        })(this, depth);
        return out;
    });
    define(Array.prototype, 'flatMap', function flatMap(fn, thisArg) {
        return Array.prototype.map.call(this, fn, thisArg).flat(1);
    });
    define(Array.prototype, 'findLast', function findLast(fn, thisArg) {
        for (var i = this.length - 1; i >= 0; --i)
            if (fn.call(thisArg, this[i], i, this)) return this[i];
        return undefined;
    });
    define(Array.prototype, 'at', function at(n) {
        n = Math.trunc(n) || 0;
        if (n < 0) n += this.length;
        return n < 0 || n >= this.length ? undefined : this[n];
    });
    define(String.prototype, 'at', Array.prototype.at);
    define(String.prototype, 'replaceAll', function replaceAll(search, replacement) {
        if (search instanceof RegExp) return this.replace(search, replacement);
        return this.split(String(search)).join(typeof replacement === 'function' ? replacement(search) : replacement);
    });
    define(String.prototype, 'matchAll', function matchAll(re) {
        var flags = re.flags.indexOf('g') < 0 ? re.flags + 'g' : re.flags;
        var r = new RegExp(re.source, flags), out = [], m;
        while ((m = r.exec(this)) !== null) { out.push(m); if (m[0] === '') r.lastIndex++; }
        return out[Symbol.iterator]();
    });
    define(Object, 'fromEntries', function fromEntries(entries) {
        var out = {};
        for (var e of entries) out[e[0]] = e[1];
        return out;
    });
    define(g, 'structuredClone', function structuredClone(v) { return v === undefined ? v : JSON.parse(JSON.stringify(v)); });

    var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    define(g, 'btoa', function btoa(text) {
        text = String(text);
        var out = '';
        for (var i = 0; i < text.length; i += 3) {
            var a = text.charCodeAt(i), b = text.charCodeAt(i + 1), c = text.charCodeAt(i + 2);
            if (a > 255 || b > 255 || c > 255) throw new Error("btoa: the string contains characters outside Latin-1");
            var n = (a << 16) | ((b || 0) << 8) | (c || 0);
            out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < text.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < text.length ? B64[n & 63] : '=');
        }
        return out;
    });
    define(g, 'atob', function atob(text) {
        text = String(text).replace(/[\s=]+/g, '');
        if (/[^A-Za-z0-9+/]/.test(text)) throw new Error('atob: the string is not valid base64');
        var out = '', bits = 0, value = 0;
        for (var i = 0; i < text.length; ++i) {
            value = (value << 6) | B64.indexOf(text[i]);
            bits += 6;
            if (bits >= 8) { bits -= 8; out += String.fromCharCode((value >> bits) & 255); }
        }
        return out;
    });


    // Promises settle in a queue of our own, run after the script body and after each timer:
    // Qt's native Promise posts its jobs as events to the thread, whose loop may not be ours to run.
    var jobs = [];
    function flushJobs() { while (jobs.length) jobs.shift()(); }   // a job that throws leaves the rest queued
    g.__quarryFlushJobs = flushJobs;
    function QPromise(executor) {
        if (!(this instanceof QPromise)) throw new TypeError('Promise must be called with new');
        var self = this;
        self._state = 0; self._value = undefined; self._handlers = [];
        var done = false;
        function settle(state, value) {
            if (done) return;
            done = true;
            if (state === 1 && value && (typeof value === 'object' || typeof value === 'function')) {
                var then;
                try { then = value.then; } catch (e) { done = false; return settle(2, e); }
                if (typeof then === 'function') {
                    done = false;
                    var once = false;
                    jobs.push(function () {
                        try { then.call(value, function (v) { if (!once) { once = true; done = false; settle(1, v); } },
                                               function (r) { if (!once) { once = true; done = false; settle(2, r); } }); }
                        catch (e) { if (!once) { once = true; done = false; settle(2, e); } }
                    });
                    return;
                }
            }
            self._state = state; self._value = value;
            self._handlers.forEach(function (h) { jobs.push(h); });
            self._handlers = [];
        }
        try { executor(function (v) { settle(1, v); }, function (r) { settle(2, r); }); }
        catch (e) { settle(2, e); }
    }
    QPromise.prototype.then = function (onFulfilled, onRejected) {
        var self = this;
        return new QPromise(function (resolve, reject) {
            function handle() {
                var fn = self._state === 1 ? onFulfilled : onRejected;
                if (typeof fn !== 'function') return (self._state === 1 ? resolve : reject)(self._value);
                try { resolve(fn(self._value)); } catch (e) { reject(e); }
            }
            if (self._state === 0) self._handlers.push(handle); else jobs.push(handle);
        });
    };
    QPromise.prototype.catch = function (onRejected) { return this.then(undefined, onRejected); };
    QPromise.prototype.finally = function (fn) {
        return this.then(function (v) { fn(); return v; }, function (e) { fn(); throw e; });
    };
    QPromise.resolve = function (v) { return v instanceof QPromise ? v : new QPromise(function (r) { r(v); }); };
    QPromise.reject = function (e) { return new QPromise(function (_, r) { r(e); }); };
    QPromise.all = function (list) {
        return new QPromise(function (resolve, reject) {
            var items = Array.from(list), out = new Array(items.length), left = items.length;
            if (!left) resolve(out);
            items.forEach(function (p, i) { QPromise.resolve(p).then(function (v) { out[i] = v; if (--left === 0) resolve(out); }, reject); });
        });
    };
    QPromise.allSettled = function (list) {
        return QPromise.all(Array.from(list).map(function (p) {
            return QPromise.resolve(p).then(function (v) { return { status: 'fulfilled', value: v }; },
                                            function (e) { return { status: 'rejected', reason: e }; });
        }));
    };
    QPromise.race = function (list) {
        return new QPromise(function (resolve, reject) { Array.from(list).forEach(function (p) { QPromise.resolve(p).then(resolve, reject); }); });
    };
    g.Promise = QPromise;

    // Timers: callbacks run after the script body, in order of delay, before its results are read.
    var timers = [], nextTimer = 1;
    define(g, 'setTimeout', function setTimeout(fn, delay) {
        var args = Array.prototype.slice.call(arguments, 2);
        var id = nextTimer++;
        timers.push({ id: id, at: Number(delay) || 0, seq: id, fn: fn, args: args });
        return id;
    });
    define(g, 'clearTimeout', function clearTimeout(id) {
        timers = timers.filter(function (t) { return t.id !== id; });
    });
    define(g, 'setInterval', function setInterval() {
        throw new Error('setInterval is not supported by Quarry (a script must finish)');
    });
    define(g, 'clearInterval', function clearInterval() {});
    define(g, 'setImmediate', function setImmediate(fn) { return g.setTimeout.apply(g, [fn, 0].concat(Array.prototype.slice.call(arguments, 1))); });
    g.__quarryDropTimers = function () { timers = []; jobs = []; };
    // Returns the first error a callback threw; the other callbacks still run.
    g.__quarryRunTimers = function () {
        var first = null;
        function run(fn) {
            try { fn(); } catch (e) { if (!first) first = e; }
        }
        run(flushJobs);
        while (timers.length) {
            timers.sort(function (a, b) { return a.at - b.at || a.seq - b.seq; });
            var t = timers.shift();
            run(function () { t.fn.apply(g, t.args); });
            run(flushJobs);
        }
        return first;
    };

    function show(v) {
        if (typeof v === 'string') return v;
        if (v instanceof Error) return String(v);
        if (typeof v === 'function') return '[Function' + (v.name ? ': ' + v.name : '') + ']';
        try { var s = JSON.stringify(v); return s === undefined ? String(v) : s; } catch (e) { return String(v); }
    }
    // A script that logs in a loop is stopped by its budget; what it logged is kept only up to a limit.
    var MaxLines = 1000, lines = [], dropped = 0;
    function logger(level) {
        return function () {
            if (lines.length >= MaxLines) { ++dropped; return; }
            lines.push({ level: level, text: Array.prototype.map.call(arguments, show).join(' ') });
        };
    }
    g.console = { log: logger('log'), info: logger('info'), warn: logger('warn'), error: logger('error'), debug: logger('log') };
    g.__quarryTakeConsole = function () {
        var l = lines;
        if (dropped) l.push({ level: 'warn', text: dropped + ' more console lines were left out (at most ' + MaxLines + ' per script)' });
        lines = [];
        dropped = 0;
        return l;
    };

    // require(): the libraries Postman preloads, loaded on first use from Quarry's resources.
    var modules = {};
    var native = { lodash: 'lodash', moment: 'moment', chai: 'chai' };
    g.require = function require(name) {
        if (modules.hasOwnProperty(name)) return modules[name];
        if (name === 'crypto-js') return modules[name] = g.__quarryCryptoJs();
        if (name === 'atob') return modules[name] = g.atob;
        if (name === 'btoa') return modules[name] = g.btoa;
        if (!native.hasOwnProperty(name))
            throw new Error("require('" + name + "') is not supported by Quarry (it provides lodash, moment, chai, crypto-js, atob and btoa)");
        __quarry.pauseBudget();
        modules[name] = undefined;   // a library that looks up its own global (lodash's `_`) while loading
        try {
            var module = { exports: {} };
            var load = new Function('module', 'exports', 'global', 'window', 'self', 'define', __quarry.librarySource(native[name]));
            load.call(g, module, module.exports, g, g, g, undefined);
            return modules[name] = module.exports;
        } catch (e) {
            delete modules[name];
            throw e;
        } finally {
            __quarry.resumeBudget();
        }
    };
})(this);
