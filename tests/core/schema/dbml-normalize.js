// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// Reads DBML files with @dbml/core (the parser behind dbdiagram.io) and prints, for each file, the
// design in the normalized JSON shape that tst_dbml.cpp builds from Quarry's import of the same
// file: {"tables", "refs", "enums", "tableGroups"} or {"error": {"message", "line", "column"}}.
// Usage: NODE_PATH=tests/node/node_modules node dbml-normalize.js FILE...
'use strict';
const fs = require('fs');
const { Parser } = require('@dbml/core');

// DBML type names are free text; these spellings mean the same portable type in Quarry.
const aliases = {
  integer: 'int', int4: 'int', int8: 'bigint', int2: 'smallint', tinyint: 'smallint',
  numeric: 'decimal', bool: 'boolean', 'character varying': 'varchar', nvarchar: 'varchar',
  character: 'char', bpchar: 'char', float: 'double', float8: 'double', 'double precision': 'double',
  float4: 'real', datetime: 'timestamp', 'timestamp with time zone': 'timestamptz', string: 'text',
  blob: 'bytea', binary: 'bytea',
};
const serials = { serial: 'int', bigserial: 'bigint' };

function qualified(schemaName, name) {
  return !schemaName || schemaName === 'public' ? name : `${schemaName}.${name}`;
}

function typeOf(field) {
  let name = field.type.type_name.replace(/\s+/g, ' ').trim();
  let array = '';
  if (name.endsWith('[]')) { array = '[]'; name = name.slice(0, -2); }
  const paren = name.indexOf('(');
  let base = (paren < 0 ? name : name.slice(0, paren)).trim();
  const args = paren < 0 ? '' : name.slice(paren).replace(/\s+/g, '');
  const lower = base.toLowerCase();
  let increment = !!field.increment;
  if (serials[lower]) { base = serials[lower]; increment = true; }
  else if (aliases[lower]) base = aliases[lower];
  else if (['int', 'smallint', 'bigint', 'decimal', 'real', 'double', 'boolean', 'char', 'varchar', 'text', 'date',
            'time', 'timestamp', 'timestamptz', 'interval', 'uuid', 'json', 'jsonb', 'bytea'].includes(lower)) base = lower;
  else if (!field.type.schemaName || !base.startsWith(field.type.schemaName + '.')) base = qualified(field.type.schemaName, base);
  return { type: base + args + array, increment };
}

function defaultOf(d) {
  if (!d) return null;
  if (d.type === 'number') return { type: 'number', value: Number(d.value) };
  return { type: d.type, value: String(d.value) };
}

function normalize(db) {
  const tables = [], refs = [], enums = [], groups = [];
  for (const schema of db.schemas) {
    for (const t of schema.tables) {
      const pkIndexColumns = new Set();
      for (const i of t.indexes) if (i.pk) for (const c of i.columns) pkIndexColumns.add(c.value);
      tables.push({
        name: qualified(schema.name, t.name),
        note: t.note || null,
        columns: t.fields.map((f) => {
          const { type, increment } = typeOf(f);
          return {
            name: f.name, type, pk: !!f.pk, increment,
            notNull: !!f.not_null || !!f.pk || pkIndexColumns.has(f.name),
            unique: !!f.unique, default: defaultOf(f.dbdefault), note: f.note || null,
          };
        }),
        indexes: t.indexes.map((i) => ({
          columns: i.columns.map((c) => (c.type === 'expression' ? '`' + c.value + '`' : c.value)),
          pk: !!i.pk, unique: !!i.unique, name: i.name || null, type: i.type ? i.type.toLowerCase() : null,
          note: i.note || null,
        })),
      });
    }
    for (const r of schema.refs) {
      const [a, b] = r.endpoints;
      const end = (e) => qualified(e.fields[0].table.schema.name, e.fields[0].table.name) + '.(' + e.fieldNames.join(',') + ')';
      let from, to, relation;
      if (a.relation === '*' && b.relation === '*') continue; // many-to-many: no foreign key
      if (a.relation === '1' && b.relation === '1') { [from, to] = [end(a), end(b)].sort(); relation = '-'; }
      else if (a.relation === '*') { from = end(a); to = end(b); relation = '>'; }
      else { from = end(b); to = end(a); relation = '>'; }
      refs.push({ name: r.name || null, from, to, relation,
                  onDelete: r.onDelete || 'no action', onUpdate: r.onUpdate || 'no action' });
    }
    for (const e of schema.enums) enums.push({ name: qualified(schema.name, e.name), values: e.values.map((v) => v.name) });
    for (const g of schema.tableGroups) groups.push(g.name);
  }
  return { tables, refs, enums, tableGroups: groups };
}

const out = {};
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    out[file] = normalize(Parser.parse(text, 'dbml'));
  } catch (e) {
    const d = (e.diags && e.diags[0]) || e;
    const start = d.location ? d.location.start : {};
    out[file] = { error: { message: d.message || String(e), line: start.line || 0, column: start.column || 0 } };
  }
}
process.stdout.write(JSON.stringify(out));
