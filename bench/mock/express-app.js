// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// The peer for Quarry's static route: the seed's Express starter (express + cors, res.json).
const path = require('path');
const modules = process.env.QUARRY_NODE_MODULES;
const express = require(path.join(modules, 'express'));
const cors = require(path.join(modules, 'cors'));
const app = express();
app.use(cors());
app.use(express.json());
app.get('/bench/static', (req, res) => res.json({ hello: 'world', items: [1, 2, 3] }));
const port = Number(process.argv[2] || 3100);
app.listen(port, '127.0.0.1', () => console.error(`Listening on http://127.0.0.1:${port}`));
