#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// Development-time tool, not part of the build: extracts the compact subset of @faker-js/faker's
// locale data (MIT, see resources/fakedata/LICENSE) that Quarry's FakeData uses, one JSON file per
// locale in resources/fakedata/. A locale's missing parts come from en, as faker itself does.
//   cd /tmp && npm install @faker-js/faker@9 && NODE_PATH=/tmp/node_modules node scripts/extract-fakedata.js
const fs = require('fs');
const path = require('path');
const { allLocales } = require('@faker-js/faker');

const locales = ['en', 'en_GB', 'de', 'fr', 'es', 'it', 'nl', 'pt_BR', 'pl', 'sv', 'ja'];
const keep = {
  person: ['first_name', 'last_name', 'last_name_pattern', 'name', 'prefix', 'job_title_pattern', 'job_descriptor',
           'job_area', 'job_type', 'suffix'],
  location: ['building_number', 'city_pattern', 'city_name', 'city_prefix', 'city_suffix', 'country', 'postcode',
             'secondary_address', 'state', 'state_abbr', 'street_address', 'street_pattern', 'street_name',
             'street_prefix', 'street_suffix', 'common_street_suffix', 'city_infix'],
  phone_number: ['format'],
  company: ['name_pattern', 'legal_entity_type', 'adjective', 'descriptor', 'noun', 'buzz_adjective', 'buzz_noun',
            'buzz_verb', 'category'],
  commerce: ['product_name', 'department'],
  internet: ['free_email', 'domain_suffix'],
  lorem: ['word'],
  date: ['month', 'weekday'],
};
const MaxList = 200;

// Long lists are thinned evenly (every k-th entry), so a file stays small and still varied.
function thin(value) {
  if (Array.isArray(value)) {
    if (value.length <= MaxList || typeof value[0] !== 'string')
      return value;
    const step = value.length / MaxList;
    return Array.from({ length: MaxList }, (_, i) => value[Math.floor(i * step)]);
  }
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value))
      out[k] = thin(v);
    return out;
  }
  return value;
}

const outDir = path.join(__dirname, '..', 'resources', 'fakedata');
for (const locale of locales) {
  const data = { locale, title: allLocales[locale].metadata.title };
  for (const [section, keys] of Object.entries(keep)) {
    data[section] = {};
    for (const key of keys) {
      const own = allLocales[locale][section] && allLocales[locale][section][key];
      const value = own !== undefined ? own : allLocales.en[section] && allLocales.en[section][key];
      if (value !== undefined)
        data[section][key] = thin(value);
    }
  }
  // Month and weekday names: only the full ones.
  data.date = { month: data.date.month.wide, weekday: data.date.weekday.wide };
  fs.writeFileSync(path.join(outDir, locale + '.json'), JSON.stringify(data) + '\n');
}
const pkg = require('@faker-js/faker/package.json');
console.log(`extracted ${locales.length} locales from @faker-js/faker ${pkg.version}`);
