// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// The npm `jsonwebtoken` side of tst_jwtinterop: one JSON request on stdin, one JSON answer on stdout.
//   {"op":"keypair","alg":"RS256"}                     -> {"privatePem","publicPem"}
//   {"op":"sign","alg","key","claims","kid"?}          -> {"token"}
//   {"op":"verify","alg","key","token","audience"?,"issuer"?} -> {"ok":true,"claims"} | {"ok":false,"error"}
// jsonwebtoken has no EdDSA, so Ed25519 goes through Node's own crypto (a separate implementation):
//   {"op":"ed-sign","claims"}         -> {"token","publicPem"}   (a fresh key pair)
//   {"op":"ed-verify","key","token"}  -> {"ok", "claims"?}
'use strict';
const crypto = require('crypto');
const jwt = require('jsonwebtoken');

function keypair(alg) {
    let pair;
    if (alg.startsWith('RS') || alg.startsWith('PS'))
        pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    else if (alg === 'ES256' || alg === 'ES384')
        pair = crypto.generateKeyPairSync('ec', { namedCurve: alg === 'ES256' ? 'P-256' : 'P-384' });
    else
        throw new Error('no key pair for ' + alg);
    return {
        privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
        publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }),
    };
}

let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
    const req = JSON.parse(input);
    let out;
    if (req.op === 'keypair') {
        out = keypair(req.alg);
    } else if (req.op === 'sign') {
        const options = { algorithm: req.alg };
        if (req.kid)
            options.keyid = req.kid;
        out = { token: jwt.sign(req.claims, req.key, options) };
    } else if (req.op === 'verify') {
        const options = { algorithms: [req.alg] };
        if (req.audience)
            options.audience = req.audience;
        if (req.issuer)
            options.issuer = req.issuer;
        try {
            out = { ok: true, claims: jwt.verify(req.token, req.key, options) };
        } catch (e) {
            out = { ok: false, error: e.name + ': ' + e.message };
        }
    } else if (req.op === 'ed-sign') {
        const pair = crypto.generateKeyPairSync('ed25519');
        const b64 = (x) => Buffer.from(x).toString('base64url');
        const input = b64(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' })) + '.' + b64(JSON.stringify(req.claims));
        const signature = crypto.sign(null, Buffer.from(input), pair.privateKey).toString('base64url');
        out = { token: input + '.' + signature, publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }) };
    } else if (req.op === 'ed-verify') {
        const [h, p, sig] = req.token.split('.');
        const header = JSON.parse(Buffer.from(h, 'base64url').toString());
        const ok = header.alg === 'EdDSA'
            && crypto.verify(null, Buffer.from(h + '.' + p), crypto.createPublicKey(req.key), Buffer.from(sig, 'base64url'));
        out = ok ? { ok: true, claims: JSON.parse(Buffer.from(p, 'base64url').toString()) } : { ok: false, error: 'bad signature' };
    } else {
        throw new Error('unknown op ' + req.op);
    }
    process.stdout.write(JSON.stringify(out));
});
