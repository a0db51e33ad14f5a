// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// The API the request tester's tests talk to: an echo endpoint, status/redirect/slow/cookie helpers,
// and a JWT login with short-lived tokens (TOKEN_TTL seconds, default 2), refresh tokens and
// server-side revocation. Listens on 127.0.0.1 on a free port and prints {"port": N} on stdout.
'use strict';
const crypto = require('crypto');
const express = require('express');
const jwt = require('jsonwebtoken');

const SECRET = crypto.randomBytes(32).toString('hex');
const TTL = Number(process.env.TOKEN_TTL || 2);
const stats = { logins: 0, refreshes: 0, protectedOk: 0, rejected: 0, revocations: 0, requests: 0, oauthTokens: 0, oauthRefreshes: 0 };
const revoked = new Set();
const issued = new Set();
const refreshTokens = new Map();

const app = express();
app.disable('x-powered-by');
app.use((req, res, next) => { stats.requests++; next(); });
app.use(express.raw({ type: () => true, limit: '50mb' }));

function json(req) {
  try { return JSON.parse(req.body.toString('utf8')); } catch (e) { return null; }
}

function issue(sub) {
  const jti = crypto.randomBytes(8).toString('hex');
  issued.add(jti);
  const token = jwt.sign({ sub, roles: ['user'] }, SECRET, { expiresIn: TTL, jwtid: jti, algorithm: 'HS256' });
  const refreshToken = crypto.randomBytes(16).toString('hex');
  refreshTokens.set(refreshToken, sub);
  return { token, refreshToken, expiresIn: TTL };
}

function requireToken(req, res, next) {
  const header = req.get('authorization') || '';
  const m = /^Bearer (.+)$/.exec(header);
  const raw = m ? m[1] : req.query.access_token;
  if (!raw) {
    stats.rejected++;
    return res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'missing token' });
  }
  try {
    const claims = jwt.verify(raw, SECRET, { algorithms: ['HS256'] });
    if (revoked.has(claims.jti)) {
      stats.rejected++;
      return res.status(401).set('WWW-Authenticate', 'Bearer error="invalid_token", error_description="revoked"')
        .json({ error: 'revoked' });
    }
    req.claims = claims;
    next();
  } catch (e) {
    stats.rejected++;
    return res.status(401).set('WWW-Authenticate', `Bearer error="invalid_token", error_description="${e.message}"`)
      .json({ error: e.message });
  }
}

app.post('/login', (req, res) => {
  const body = json(req) || {};
  if (body.username !== 'ada' || body.password !== 'quarry-demo')
    return res.status(401).json({ error: 'bad credentials' });
  stats.logins++;
  res.json(issue(body.username));
});

app.post('/refresh', (req, res) => {
  const body = json(req) || {};
  const sub = refreshTokens.get(body.refreshToken);
  if (!sub) return res.status(401).json({ error: 'unknown refresh token' });
  refreshTokens.delete(body.refreshToken);
  stats.refreshes++;
  res.json(issue(sub));
});

app.get('/me', requireToken, (req, res) => {
  stats.protectedOk++;
  res.json({ sub: req.claims.sub, jti: req.claims.jti, exp: req.claims.exp });
});

// Revokes every token issued so far (a password change, a logout everywhere).
app.post('/revoke', (req, res) => {
  for (const jti of issued) revoked.add(jti);
  refreshTokens.clear();
  stats.revocations++;
  res.json({ revoked: revoked.size });
});

// OAuth2 token endpoint (RFC 6749): client_credentials, password and refresh_token grants;
// client "quarry-cli" / "cli-secret" by HTTP Basic or in the body; refresh tokens rotate.
const oauthRefresh = new Map();
app.post('/oauth/token', (req, res) => {
  res.set('Cache-Control', 'no-store');
  const form = Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
  let clientId = form.client_id, clientSecret = form.client_secret;
  const basic = /^Basic (.+)$/.exec(req.get('authorization') || '');
  if (basic) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':').map(decodeURIComponent);
    clientId = id; clientSecret = secret;
  }
  if (clientId !== 'quarry-cli' || clientSecret !== 'cli-secret')
    return res.status(401).set('WWW-Authenticate', 'Basic').json({ error: 'invalid_client', error_description: 'unknown client' });
  let sub;
  if (form.grant_type === 'client_credentials') {
    sub = clientId;
  } else if (form.grant_type === 'password') {
    if (form.username !== 'ada' || form.password !== 'quarry-demo')
      return res.status(400).json({ error: 'invalid_grant', error_description: 'bad resource owner credentials' });
    sub = form.username;
  } else if (form.grant_type === 'refresh_token') {
    sub = oauthRefresh.get(form.refresh_token);
    if (!sub) return res.status(400).json({ error: 'invalid_grant', error_description: 'unknown refresh token' });
    oauthRefresh.delete(form.refresh_token);
    stats.oauthRefreshes++;
  } else {
    return res.status(400).json({ error: 'unsupported_grant_type' });
  }
  stats.oauthTokens++;
  const t = issue(sub);
  const body = { access_token: t.token, token_type: 'Bearer', expires_in: TTL, scope: form.scope || '' };
  if (form.grant_type !== 'client_credentials') {
    body.refresh_token = t.refreshToken;
    oauthRefresh.set(t.refreshToken, sub);
  }
  res.json(body);
});

// Tokens minted by Quarry itself with a workspace auth profile (HS256, SIGNED_SECRET, iss/aud checked).
app.get('/signed-me', (req, res) => {
  const m = /^Bearer (.+)$/.exec(req.get('authorization') || '');
  try {
    const claims = jwt.verify(m ? m[1] : '', process.env.SIGNED_SECRET || '-', {
      algorithms: ['HS256'], issuer: 'quarry-test', audience: 'test-api' });
    res.json(claims);
  } catch (e) {
    res.status(401).json({ error: e.message });
  }
});

app.get('/stats', (req, res) => res.json(stats));

app.all('/echo', (req, res) => {
  res.set('X-Echo', 'yes');
  res.json({
    method: req.method,
    path: req.path,
    query: req.query,
    rawQuery: req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '',
    headers: req.headers,
    body: req.body.toString('utf8'),
    bodyBase64: req.body.toString('base64'),
    form: (req.get('content-type') || '').startsWith('application/x-www-form-urlencoded')
      ? Object.fromEntries(new URLSearchParams(req.body.toString('utf8'))) : null,
  });
});

app.get('/status/:code', (req, res) => res.status(Number(req.params.code)).json({ status: Number(req.params.code) }));
app.get('/redirect', (req, res) => res.redirect(302, '/echo?redirected=1'));
app.get('/slow', (req, res) => setTimeout(() => res.json({ slept: Number(req.query.ms) }), Number(req.query.ms || 1000)));
app.get('/cookie', (req, res) => {
  res.append('Set-Cookie', 'session=abc123; Path=/; HttpOnly');
  res.append('Set-Cookie', 'theme=dark; Path=/');
  res.json({ cookies: req.get('cookie') || '' });
});
app.get('/text', (req, res) => res.type('text/plain').send('plain text'));

let nextUser = 1;
app.post('/users', (req, res) => {
  const body = json(req);
  if (!body || !body.email) return res.status(400).json({ error: 'email required' });
  const id = nextUser++;
  res.status(201).location(`/users/${id}`).json({ id, email: body.email, name: body.name || null });
});
app.get('/users/:id', (req, res) => res.json({ id: Number(req.params.id), name: 'user ' + req.params.id }));

const server = app.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
server.keepAliveTimeout = 30000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));
