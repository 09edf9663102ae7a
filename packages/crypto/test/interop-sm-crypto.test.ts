/**
 * Interop with two independent JavaScript SM2/SM3 implementations, both directions:
 * sm-crypto 0.5.8 (jsbn) and sm-crypto-v2 1.15.1 (noble-based). Both take hex strings; we always pass
 * `{ der: true, hash: true, userId }` explicitly because their defaults differ (sm-crypto-v2 defaults to
 * `hash: false`, i.e. no Z at all).
 */
import { createRequire } from 'node:module';
import { toHex, utf8 } from '@gbkit/core';
import { sm2Decrypt, sm2Encrypt, sm2GenerateKeyPair, sm2Sign, sm2Verify, sm3, sm3Pure } from '@gbkit/crypto';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: untyped CommonJS oracles
const smCrypto: any = require('sm-crypto');
// biome-ignore lint/suspicious/noExplicitAny: untyped oracle
const smCryptoV2: any = require('sm-crypto-v2');

const hexToBytes = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const ID = '1234567812345678';
const ROUNDS = 2;

const libs = [
  { name: 'sm-crypto 0.5.8', sm2: smCrypto.sm2, sm3: smCrypto.sm3 },
  { name: 'sm-crypto-v2 1.15.1', sm2: smCryptoV2.sm2, sm3: smCryptoV2.sm3 },
] as const;

const messages = [
  utf8('abc'),
  utf8('电子证照 GB/T 36901'),
  new Uint8Array(1000).map((_, i) => (i * 7) & 0xff),
];

for (const lib of libs) {
  describe(`interop with ${lib.name}`, () => {
    it('SM3 agrees', () => {
      for (const m of messages) {
        expect(toHex(sm3(m))).toBe(lib.sm3(m));
        expect(toHex(sm3Pure(m))).toBe(lib.sm3(m));
      }
    });

    it('our signatures (DER and raw) verify in it, default and custom user IDs', () => {
      for (let i = 0; i < ROUNDS; i++) {
        const kp = sm2GenerateKeyPair();
        const pubHex = toHex(kp.publicKey);
        for (const m of messages) {
          const sig = sm2Sign(m, kp.privateKey);
          expect(
            lib.sm2.doVerifySignature(m, toHex(sig), pubHex, { der: true, hash: true, userId: ID }),
          ).toBe(true);
          const raw = sm2Sign(m, kp.privateKey, { format: 'raw' });
          expect(
            lib.sm2.doVerifySignature(m, toHex(raw), pubHex, { der: false, hash: true, userId: ID }),
          ).toBe(true);
          const custom = sm2Sign(m, kp.privateKey, { userId: 'seal-maker@example.cn' });
          expect(
            lib.sm2.doVerifySignature(m, toHex(custom), pubHex, {
              der: true,
              hash: true,
              userId: 'seal-maker@example.cn',
            }),
          ).toBe(true);
          // and the default-ID signature does NOT verify under another ID there either
          expect(
            lib.sm2.doVerifySignature(m, toHex(sig), pubHex, { der: true, hash: true, userId: 'x' }),
          ).toBe(false);
        }
      }
    });

    it('its signatures (DER and raw, its own key pairs) verify in ours', () => {
      for (let i = 0; i < ROUNDS; i++) {
        const { privateKey, publicKey } = lib.sm2.generateKeyPairHex();
        const pub = hexToBytes(publicKey);
        for (const m of messages) {
          const der = lib.sm2.doSignature(m, privateKey, { der: true, hash: true, publicKey, userId: ID });
          expect(sm2Verify(m, hexToBytes(der), pub)).toEqual({ valid: true, format: 'der' });
          const raw = lib.sm2.doSignature(m, privateKey, { der: false, hash: true, publicKey, userId: ID });
          expect(sm2Verify(m, hexToBytes(raw), pub)).toEqual({ valid: true, format: 'raw' });
          const custom = lib.sm2.doSignature(m, privateKey, {
            der: true,
            hash: true,
            publicKey,
            userId: 'ALICE',
          });
          expect(sm2Verify(m, hexToBytes(custom), pub, { userId: 'ALICE' }).valid).toBe(true);
          expect(sm2Verify(m, hexToBytes(custom), pub).valid).toBe(false);
        }
      }
    });

    it('SM2 encryption both directions, cipherMode 1 = C1C3C2 and 0 = C1C2C3', () => {
      for (let i = 0; i < ROUNDS; i++) {
        const kp = sm2GenerateKeyPair();
        const their = lib.sm2.generateKeyPairHex();
        for (const m of messages) {
          for (const [mode, order] of [
            [1, 'C1C3C2'],
            [0, 'C1C2C3'],
          ] as const) {
            // ours → theirs: they expect C1 without the 04 prefix (they prepend it); we write it with
            // `c1Prefix: false`, and also check that the prefixed form is handled by stripping it.
            const ct = sm2Encrypt(kp.publicKey, m, { order, c1Prefix: false });
            const back = lib.sm2.doDecrypt(toHex(ct), toHex(kp.privateKey), mode, { output: 'array' });
            expect(toHex(Uint8Array.from(back))).toBe(toHex(m));
            // theirs → ours (their output has no 04 prefix; ours accepts both forms)
            const theirCt = lib.sm2.doEncrypt(m, their.publicKey, mode);
            expect(toHex(sm2Decrypt(hexToBytes(their.privateKey), hexToBytes(theirCt), { order }))).toBe(
              toHex(m),
            );
            expect(
              toHex(sm2Decrypt(hexToBytes(their.privateKey), hexToBytes(`04${theirCt}`), { order })),
            ).toBe(toHex(m));
          }
        }
      }
    });
  });
}
