// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// Validates OpenAPI documents with @apidevtools/swagger-parser (schema + semantic checks) and
// prints {file: {ok, openapi, paths, operations} | {ok: false, error}} as one JSON line.
// swagger-parser checks OpenAPI 3.x documents against the schema only; that every {param} of a
// path is declared as a path parameter (a rule of the specification) is checked here.
const SwaggerParser = require('@apidevtools/swagger-parser');

(async () => {
    const results = {};
    for (const file of process.argv.slice(2)) {
        try {
            const api = await SwaggerParser.validate(file);
            let operations = 0;
            for (const [path, item] of Object.entries(api.paths || {})) {
                const templated = [...path.matchAll(/\{([^}]+)\}/g)].map(m => m[1]);
                for (const key of Object.keys(item)) {
                    if (!['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(key))
                        continue;
                    ++operations;
                    const declared = [...(item.parameters || []), ...(item[key].parameters || [])]
                        .filter(p => p.in === 'path').map(p => p.name);
                    for (const name of templated)
                        if (!declared.includes(name))
                            throw new Error(`the path parameter ${name} of ${key} ${path} is not declared`);
                }
            }
            results[file] = { ok: true, openapi: api.openapi, paths: Object.keys(api.paths || {}).length, operations };
        } catch (e) {
            results[file] = { ok: false, error: String(e && e.message ? e.message : e) };
        }
    }
    console.log(JSON.stringify(results));
})();
