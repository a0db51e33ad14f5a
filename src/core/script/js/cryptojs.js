// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// crypto-js's commonly used API under its own names, computed by OpenSSL through the bridge:
// hashes and HMACs (MD5, SHA1, SHA224, SHA256, SHA384, SHA512), the Hex/Base64/Base64url/Utf8/Latin1
// encoders and WordArray. Ciphers and key derivation are not provided: using them fails by name.
(function (g) {
    'use strict';
    g.__quarryCryptoJs = function () {
        var C = { lib: {}, enc: {}, algo: {} };
        function WordArray(hex) {
            this.hex = hex;
            this.sigBytes = hex.length / 2;
        }
        WordArray.prototype.toString = function (encoder) { return (encoder || C.enc.Hex).stringify(this); };
        WordArray.prototype.concat = function (other) { this.hex += other.hex; this.sigBytes = this.hex.length / 2; return this; };
        WordArray.prototype.clone = function () { return new WordArray(this.hex); };
        Object.defineProperty(WordArray.prototype, 'words', {
            get: function () {
                var words = [];
                for (var i = 0; i < this.hex.length; i += 8)
                    words.push(parseInt((this.hex.substr(i, 8) + '00000000').substr(0, 8), 16) | 0);
                return words;
            }
        });
        function hexOf(data) {
            if (data instanceof WordArray) return data.hex;
            return __quarry.utf8ToHex(String(data));
        }
        C.lib.WordArray = {
            create: function (words, sigBytes) {
                if (!words) return new WordArray('');
                var hex = '';
                for (var i = 0; i < words.length; ++i) hex += ('00000000' + (words[i] >>> 0).toString(16)).slice(-8);
                return new WordArray(hex.substr(0, 2 * (sigBytes === undefined ? words.length * 4 : sigBytes)));
            },
            random: function (n) { return new WordArray(__quarry.randomHex(n)); }
        };
        C.enc.Hex = { stringify: function (w) { return w.hex; }, parse: function (s) { return new WordArray(String(s).toLowerCase()); } };
        C.enc.Utf8 = { stringify: function (w) { return __quarry.hexToUtf8(w.hex); }, parse: function (s) { return new WordArray(__quarry.utf8ToHex(String(s))); } };
        C.enc.Latin1 = {
            stringify: function (w) { var s = ''; for (var i = 0; i < w.hex.length; i += 2) s += String.fromCharCode(parseInt(w.hex.substr(i, 2), 16)); return s; },
            parse: function (s) { var h = ''; for (var i = 0; i < s.length; ++i) h += ('0' + (s.charCodeAt(i) & 255).toString(16)).slice(-2); return new WordArray(h); }
        };
        C.enc.Base64 = { stringify: function (w) { return __quarry.hexToBase64(w.hex, false); }, parse: function (s) { return new WordArray(__quarry.base64ToHex(String(s))); } };
        C.enc.Base64url = { stringify: function (w) { return __quarry.hexToBase64(w.hex, true); }, parse: function (s) { return new WordArray(__quarry.base64ToHex(String(s))); } };
        ['MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'].forEach(function (name) {
            C[name] = function (message) { return new WordArray(__quarry.digest(name, hexOf(message))); };
            C['Hmac' + name] = function (message, key) { return new WordArray(__quarry.hmac(name, hexOf(key), hexOf(message))); };
            C.algo[name] = {
                create: function () {
                    var parts = '';
                    var hasher = {
                        update: function (m) { parts += hexOf(m); return hasher; },
                        finalize: function (m) { if (m !== undefined) parts += hexOf(m); return new WordArray(__quarry.digest(name, parts)); }
                    };
                    return hasher;
                }
            };
        });
        ['AES', 'DES', 'TripleDES', 'RC4', 'Rabbit', 'PBKDF2', 'EvpKDF', 'SHA3', 'RIPEMD160'].forEach(function (name) {
            Object.defineProperty(C, name, { get: function () { throw new Error('CryptoJS.' + name + ' is not supported by Quarry (hashes, HMACs and encoders are)'); } });
        });
        return C;
    };
})(this);
