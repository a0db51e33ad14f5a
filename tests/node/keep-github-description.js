// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// npm postinstall of tests/node: @octokit/openapi unpacks to about 400 MB of descriptions; the
// tests read only generated/api.github.com.json (13 MB, test core.openapi.github), so the rest goes.
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, 'node_modules', '@octokit', 'openapi');
const keep = new Set(['package.json', 'LICENSE', path.join('generated', 'api.github.com.json')]);
if (fs.existsSync(dir)) {
    let removed = 0;
    const prune = (rel) => {
        const full = path.join(dir, rel);
        for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
            const child = path.join(rel, entry.name);
            if (entry.isDirectory()) {
                prune(child);
                if (fs.readdirSync(path.join(dir, child)).length === 0)
                    fs.rmdirSync(path.join(dir, child));
            } else if (!keep.has(child)) {
                fs.unlinkSync(path.join(dir, child));
                ++removed;
            }
        }
    };
    prune('');
    console.log(`keep-github-description: removed ${removed} files of @octokit/openapi`);
}
