// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// Writes a Quarry workspace holding one collection of N requests (default 1000) against the
// test server (tests/core/http/server.js): GET /users/:id, POST /echo with a JSON body and
// GET /me behind the collection's login profile, each with checks. Usage: node makecollection.js N BASEURL
'use strict';
const n = Number(process.argv[2] || 1000);
const baseUrl = process.argv[3] || 'http://127.0.0.1:3000';
// "plain": no checks and no auth, so newman runs no scripts at all (its sandbox is the expensive part).
// "scripts": the checks written as a Postman test script on every request, run by Quarry's sandbox.
const plain = process.argv[4] === 'plain';
const scripted = process.argv[4] === 'scripts';
const items = [{
  type: 'request', id: 'login', name: 'Log in', method: 'POST', url: '{{baseUrl}}/login',
  body: { mode: 'json', text: '{"username": "ada", "password": "quarry-demo"}' },
  assertions: [{ kind: 'status', op: 'equals', value: 200 }],
}];
for (let i = 1; items.length < n; i++) {
  const kind = i % 3;
  if (kind === 0) {
    items.push({ type: 'request', id: `me-${i}`, name: `Who am I ${i}`, method: 'GET', url: '{{baseUrl}}/me',
      assertions: [{ kind: 'status', op: 'equals', value: 200 }, { kind: 'json', op: 'equals', pointer: '/sub', value: 'ada' }] });
  } else if (kind === 1) {
    items.push({ type: 'request', id: `user-${i}`, name: `Get user ${i}`, method: 'GET', url: `{{baseUrl}}/users/${i}`,
      auth: { type: 'none' },
      assertions: [{ kind: 'status', op: 'equals', value: 200 }, { kind: 'json', op: 'equals', pointer: '/id', value: i }] });
  } else {
    items.push({ type: 'request', id: `echo-${i}`, name: `Echo ${i}`, method: 'POST', url: '{{baseUrl}}/echo',
      auth: { type: 'none' }, body: { mode: 'json', text: `{"i": ${i}}` },
      assertions: [{ kind: 'status', op: 'equals', value: 200 }, { kind: 'json', op: 'equals', pointer: '/method', value: 'POST' },
        { kind: 'header', name: 'X-Echo', op: 'equals', value: 'yes' }] });
  }
}
const workspace = {
  formatVersion: 2,
  name: 'Runner benchmark',
  collections: [{
    id: 'col-bench', name: `Benchmark (${n} requests)`,
    auth: { type: 'login', id: 'p-bench', name: 'Bench login', loginRequest: 'login', tokenPointer: '/token' },
    items,
  }],
  environments: [{ id: 'env-bench', name: 'Bench', variables: [{ name: 'baseUrl', value: baseUrl }] }],
};
if (plain) {
  const col = workspace.collections[0];
  delete col.auth;
  col.name = `Benchmark, no checks (${n} requests)`;
  for (const item of col.items) {
    delete item.assertions;
    delete item.auth;
  }
}
// The same checks as pm.test calls: what collections in the wild carry.
function testScript(assertions) {
  const lines = [];
  for (const a of assertions) {
    if (a.kind === 'status')
      lines.push(`pm.test("status ${a.value}", function () { pm.response.to.have.status(${a.value}); });`);
    else if (a.kind === 'json')
      lines.push(`pm.test("json ${a.pointer}", function () { pm.expect(pm.response.json()${a.pointer.split('/').slice(1).map((k) => `[${JSON.stringify(k)}]`).join('')}).to.eql(${JSON.stringify(a.value)}); });`);
    else if (a.kind === 'header')
      lines.push(`pm.test("header ${a.name}", function () { pm.expect(pm.response.headers.get(${JSON.stringify(a.name)})).to.equal(${JSON.stringify(a.value)}); });`);
  }
  return lines;
}
if (scripted) {
  const col = workspace.collections[0];
  col.name = `Benchmark, test scripts (${n} requests)`;
  for (const item of col.items) {
    item.scripts = { test: testScript(item.assertions) };
    delete item.assertions;
  }
}
process.stdout.write(JSON.stringify(workspace, null, 1) + '\n');
