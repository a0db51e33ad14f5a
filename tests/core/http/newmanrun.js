// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// Runs a Postman collection with newman (as a library) and prints one line of JSON:
// {items: [{name, code, requests, assertions: [{name, passed, skipped, message}], scriptErrors: [{event, message}]}],
// failures, durationMs}.
// `code` is the status of the item's own request (the last one it sent: a login done with
// pm.sendRequest in the pre-request script comes first). Usage:
//   node newmanrun.js COLLECTION.json [ENVIRONMENT.json|-] [NAME=VALUE]...
'use strict';
const fs = require('fs');
const newman = require('newman');

const [collectionPath, environmentPath, ...vars] = process.argv.slice(2);
const items = [];
let current = null;
const options = {
  collection: JSON.parse(fs.readFileSync(collectionPath, 'utf8')),
  envVar: vars.map((kv) => ({ key: kv.slice(0, kv.indexOf('=')), value: kv.slice(kv.indexOf('=') + 1) })),
  reporters: [],
};
if (environmentPath && environmentPath !== '-')
  options.environment = JSON.parse(fs.readFileSync(environmentPath, 'utf8'));
const started = Date.now();
newman.run(options)
  .on('beforeItem', (err, args) => {
    current = { name: args.item.name, code: 0, requests: 0, assertions: [], scriptErrors: [] };
    items.push(current);
  })
  .on('request', (err, args) => {
    if (!current) return;
    current.requests++;
    current.code = args.response ? args.response.code : 0;
  })
  .on('script', (err, args) => {
    if (current && err) current.scriptErrors.push({ event: args.event && args.event.listen, message: err.name + ': ' + err.message });
  })
  .on('assertion', (err, args) => {
    if (current) current.assertions.push({ name: args.assertion, passed: !err, skipped: !!args.skipped, message: err ? err.message : undefined });
  })
  .on('done', (err, summary) => {
    const failures = summary ? summary.run.failures.length : -1;
    process.stdout.write(JSON.stringify({ items, failures, durationMs: Date.now() - started, error: err ? String(err) : null }) + '\n');
  });
