import { concatBytes, toHex, utf8 } from '@gbkit/core';
import {
  createSm3,
  SM2_CURVE,
  SM2_DEFAULT_USER_ID,
  sm2ClearPublicKeyCache,
  sm2CompressPublicKey,
  sm2Decrypt,
  sm2DerToRaw,
  sm2Encrypt,
  sm2GenerateKeyPair,
  sm2GetPublicKey,
  sm2NormalizePublicKey,
  sm2PublicKeyCacheStats,
  sm2RawToDer,
  sm2SetPublicKeyCacheSize,
  sm2SetPublicKeyTableThreshold,
  sm2Sign,
  sm2SignDigest,
  sm2Verify,
  sm2VerifyDigest,
  sm2Z,
  sm3,
} from '@gbkit/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const kp = sm2GenerateKeyPair();
const msg = utf8('GB/T 32918 电子印章 message');

function be32(n: bigint): Uint8Array {
  return Uint8Array.from(n.toString(16).padStart(64, '0').match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}

describe('SM2 keys', () => {
  it('generates 32-byte private and 65-byte uncompressed public keys; public key derivation agrees', () => {
    expect(kp.privateKey.length).toBe(32);
    expect(kp.publicKey.length).toBe(65);
    expect(kp.publicKey[0]).toBe(4);
    expect(toHex(sm2GetPublicKey(kp.privateKey))).toBe(toHex(kp.publicKey));
  });

  it('d = 1 gives G (GB/T 32918.5 base point)', () => {
    const pub = sm2GetPublicKey(be32(1n));
    expect(toHex(pub)).toBe(`04${SM2_CURVE.Gx.toString(16)}${SM2_CURVE.Gy.toString(16)}`);
  });

  it('rejects private keys out of [1, n-2] and wrong lengths', () => {
    for (const bad of [new Uint8Array(32), be32(SM2_CURVE.n - 1n), be32(SM2_CURVE.n), new Uint8Array(31)]) {
      expect(() => sm2GetPublicKey(bad)).toThrow(expect.objectContaining({ code: 'ERR_SM2_PRIVATE_KEY' }));
    }
  });

  it('accepts public keys as 65-byte, 64-byte x‖y and 33-byte compressed', () => {
    const c = sm2CompressPublicKey(kp.publicKey);
    expect(c.length).toBe(33);
    expect(toHex(sm2NormalizePublicKey(c))).toBe(toHex(kp.publicKey));
    expect(toHex(sm2NormalizePublicKey(kp.publicKey.subarray(1)))).toBe(toHex(kp.publicKey));
    const sig = sm2Sign(msg, kp.privateKey);
    expect(sm2Verify(msg, sig, c).valid).toBe(true);
    expect(sm2Verify(msg, sig, kp.publicKey.subarray(1)).valid).toBe(true);
  });
});

describe('SM2 Z value (GB/T 32918.2 §5.5)', () => {
  it('is SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) with the default ID 1234567812345678', () => {
    const id = utf8(SM2_DEFAULT_USER_ID);
    const manual = sm3(
      concatBytes(
        Uint8Array.of(0, id.length * 8),
        id,
        be32(SM2_CURVE.a),
        be32(SM2_CURVE.b),
        be32(SM2_CURVE.Gx),
        be32(SM2_CURVE.Gy),
        kp.publicKey.subarray(1),
      ),
    );
    expect(toHex(sm2Z(kp.publicKey))).toBe(toHex(manual));
    expect(toHex(sm2Z(kp.publicKey, SM2_DEFAULT_USER_ID))).toBe(toHex(manual));
    expect(toHex(sm2Z(kp.publicKey, id))).toBe(toHex(manual));
    expect(toHex(sm2Z(kp.publicKey, ''))).not.toBe(toHex(manual));
  });
});

describe('SM2 sign / verify', () => {
  it('round trip in DER (default) and raw; auto-detects the format', () => {
    const der = sm2Sign(msg, kp.privateKey);
    expect(der[0]).toBe(0x30);
    const raw = sm2Sign(msg, kp.privateKey, { format: 'raw', publicKey: kp.publicKey });
    expect(raw.length).toBe(64);
    expect(sm2Verify(msg, der, kp.publicKey)).toEqual({ valid: true, format: 'der' });
    expect(sm2Verify(msg, raw, kp.publicKey)).toEqual({ valid: true, format: 'raw' });
    expect(sm2Verify(msg, raw, kp.publicKey, { format: 'raw' }).valid).toBe(true);
    expect(sm2Verify(msg, raw, kp.publicKey, { format: 'der' }).reason).toBe('ERR_SM2_SIG_DER');
    expect(sm2Verify(msg, sm2DerToRaw(der), kp.publicKey).valid).toBe(true);
    expect(sm2Verify(msg, sm2RawToDer(raw), kp.publicKey).valid).toBe(true);
  });

  it('user ID matters; custom string and byte IDs work', () => {
    const sig = sm2Sign(msg, kp.privateKey, { userId: 'ALICE123@YAHOO.COM' });
    expect(sm2Verify(msg, sig, kp.publicKey, { userId: 'ALICE123@YAHOO.COM' }).valid).toBe(true);
    expect(sm2Verify(msg, sig, kp.publicKey, { userId: utf8('ALICE123@YAHOO.COM') }).valid).toBe(true);
    expect(sm2Verify(msg, sig, kp.publicKey).reason).toBe('ERR_SM2_SIGNATURE_MISMATCH');
    const empty = sm2Sign(msg, kp.privateKey, { userId: '' });
    expect(sm2Verify(msg, empty, kp.publicKey, { userId: '' }).valid).toBe(true);
    expect(sm2Verify(msg, empty, kp.publicKey).valid).toBe(false);
  });

  it('wrong message, wrong key → ERR_SM2_SIGNATURE_MISMATCH', () => {
    const sig = sm2Sign(msg, kp.privateKey);
    expect(sm2Verify(utf8('other'), sig, kp.publicKey).reason).toBe('ERR_SM2_SIGNATURE_MISMATCH');
    expect(sm2Verify(msg, sig, sm2GenerateKeyPair().publicKey).reason).toBe('ERR_SM2_SIGNATURE_MISMATCH');
  });

  it('digest variants agree with the message variants', () => {
    const e = createSm3().update(sm2Z(kp.publicKey)).update(msg).digest();
    const sig = sm2SignDigest(e, kp.privateKey);
    expect(sm2Verify(msg, sig, kp.publicKey).valid).toBe(true);
    expect(sm2VerifyDigest(e, sm2Sign(msg, kp.privateKey), kp.publicKey).valid).toBe(true);
    expect(sm2VerifyDigest(new Uint8Array(31), sig, kp.publicKey).reason).toBe('ERR_SM2_ARGUMENT');
    expect(() => sm2SignDigest(new Uint8Array(31), kp.privateKey)).toThrow(
      expect.objectContaining({ code: 'ERR_SM2_ARGUMENT' }),
    );
  });

  it('r, s out of range and (r + s) mod n = 0 → ERR_SM2_SIG_RANGE', () => {
    const n = SM2_CURVE.n;
    const raw = (r: bigint, s: bigint) => concatBytes(be32(r), be32(s));
    expect(sm2Verify(msg, raw(0n, 5n), kp.publicKey).reason).toBe('ERR_SM2_SIG_RANGE');
    expect(sm2Verify(msg, raw(5n, 0n), kp.publicKey).reason).toBe('ERR_SM2_SIG_RANGE');
    expect(sm2Verify(msg, raw(n, 5n), kp.publicKey).reason).toBe('ERR_SM2_SIG_RANGE');
    expect(sm2Verify(msg, raw(5n, n + 1n), kp.publicKey).reason).toBe('ERR_SM2_SIG_RANGE');
    expect(sm2Verify(msg, raw(5n, n - 5n), kp.publicKey).reason).toBe('ERR_SM2_SIG_RANGE');
    expect(sm2Verify(msg, sm2RawToDer(raw(n, 5n)), kp.publicKey).reason).toBe('ERR_SM2_SIG_RANGE');
  });

  it('malformed DER → ERR_SM2_SIG_DER; bad lengths → ERR_SM2_SIG_LENGTH', () => {
    const der = sm2Sign(msg, kp.privateKey);
    expect(sm2Verify(msg, concatBytes(der, Uint8Array.of(0)), kp.publicKey).reason).toBe('ERR_SM2_SIG_DER');
    expect(sm2Verify(msg, der.subarray(0, der.length - 1), kp.publicKey).reason).toBe('ERR_SM2_SIG_DER');
    const neg = der.slice();
    neg[4] = 0x80; // first content byte of r: negative or non-minimal INTEGER
    expect(sm2Verify(msg, neg, kp.publicKey).valid).toBe(false);
    expect(sm2Verify(msg, new Uint8Array(10), kp.publicKey).reason).toBe('ERR_SM2_SIG_LENGTH');
    expect(sm2Verify(msg, new Uint8Array(63), kp.publicKey, { format: 'raw' }).reason).toBe(
      'ERR_SM2_SIG_LENGTH',
    );
    expect(() => sm2DerToRaw(new Uint8Array(5))).toThrow(
      expect.objectContaining({ code: 'ERR_SM2_SIG_DER' }),
    );
    expect(() => sm2RawToDer(new Uint8Array(5))).toThrow(
      expect.objectContaining({ code: 'ERR_SM2_SIG_LENGTH' }),
    );
  });

  it('bad public keys → ERR_SM2_PUBLIC_KEY / ERR_SM2_PUBLIC_KEY_NOT_ON_CURVE', () => {
    const sig = sm2Sign(msg, kp.privateKey);
    const off = kp.publicKey.slice();
    off[64] = (off[64] as number) ^ 1;
    expect(sm2Verify(msg, sig, off).reason).toBe('ERR_SM2_PUBLIC_KEY_NOT_ON_CURVE');
    expect(sm2Verify(msg, sig, new Uint8Array(65)).reason).toBe('ERR_SM2_PUBLIC_KEY');
    expect(sm2Verify(msg, sig, kp.publicKey.subarray(0, 40)).reason).toBe('ERR_SM2_PUBLIC_KEY');
    expect(sm2Verify(msg, sig, 'nope' as unknown as Uint8Array).reason).toBe('ERR_SM2_PUBLIC_KEY');
    expect(sm2Verify('nope' as unknown as Uint8Array, sig, kp.publicKey).reason).toBe('ERR_SM2_ARGUMENT');
    expect(() => sm2Sign(msg, kp.privateKey, { publicKey: off })).toThrow(
      expect.objectContaining({ code: 'ERR_SM2_PUBLIC_KEY_NOT_ON_CURVE' }),
    );
  });

  it('never throws on arbitrary signature and key bytes (property)', () => {
    const sig = sm2Sign(msg, kp.privateKey);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.uint8Array({ maxLength: 66 }), (s, k) => {
        const a = sm2Verify(msg, s, kp.publicKey);
        const b = sm2Verify(msg, sig, k);
        const c = sm2Verify(msg, s, k, { format: 'raw' });
        for (const r of [a, b, c]) {
          expect(r.valid).toBe(false);
          expect(typeof r.reason).toBe('string');
        }
      }),
      { numRuns: 300 },
    );
    // single-byte mutations of a valid signature
    for (let i = 0; i < sig.length; i++) {
      const m = sig.slice();
      m[i] = (m[i] as number) ^ 0x41;
      expect(sm2Verify(msg, m, kp.publicKey).valid).toBe(false);
    }
  });

  it('the per-key cache is bounded and verification with a cached key stays correct', () => {
    sm2ClearPublicKeyCache();
    sm2SetPublicKeyCacheSize(2);
    const keys = [sm2GenerateKeyPair(), sm2GenerateKeyPair(), sm2GenerateKeyPair()];
    for (let round = 0; round < 3; round++) {
      for (const k of keys) {
        const s = sm2Sign(msg, k.privateKey);
        expect(sm2Verify(msg, s, k.publicKey).valid).toBe(true);
        expect(sm2Verify(utf8('x'), s, k.publicKey).valid).toBe(false);
      }
    }
    const k0 = keys[0] as (typeof keys)[0];
    for (let i = 0; i < 4; i++)
      expect(sm2Verify(msg, sm2Sign(msg, k0.privateKey), k0.publicKey).valid).toBe(true);
    const st = sm2PublicKeyCacheStats();
    expect(st.size).toBeLessThanOrEqual(2);
    expect(st.withTable).toBeGreaterThanOrEqual(1);
    expect(sm2Verify(msg, sm2Sign(msg, k0.privateKey), k0.publicKey, { cache: false }).valid).toBe(true);
    sm2SetPublicKeyCacheSize(64);
  });

  it('the table threshold is configurable (1 = build on first use)', () => {
    sm2ClearPublicKeyCache();
    sm2SetPublicKeyTableThreshold(1);
    const k = sm2GenerateKeyPair();
    expect(sm2Verify(msg, sm2Sign(msg, k.privateKey), k.publicKey).valid).toBe(true);
    expect(sm2PublicKeyCacheStats().withTable).toBe(1);
    sm2SetPublicKeyTableThreshold(2);
    expect(() => sm2SetPublicKeyTableThreshold(0)).toThrow(
      expect.objectContaining({ code: 'ERR_SM2_CACHE_SIZE' }),
    );
  });
});

describe('SM2 encryption (GB/T 32918.4)', () => {
  const pt = utf8('共享服务 data 加密 — more than one KDF block of plaintext, 0123456789abcdef');
  for (const opts of [
    {},
    { order: 'C1C3C2' as const },
    { order: 'C1C2C3' as const },
    { encoding: 'der' as const },
    { c1Prefix: false },
    { order: 'C1C2C3' as const, c1Prefix: false },
  ]) {
    it(`round trip ${JSON.stringify(opts)}`, () => {
      const ct = sm2Encrypt(kp.publicKey, pt, opts);
      expect(toHex(sm2Decrypt(kp.privateKey, ct, opts))).toBe(toHex(pt));
      if (!('encoding' in opts)) expect(ct.length).toBe(pt.length + 96 + (opts.c1Prefix === false ? 0 : 1));
    });
  }

  it('layout: C1 is a curve point, C3 = SM3(x2 ‖ M ‖ y2) position per order', () => {
    const a = sm2Encrypt(kp.publicKey, Uint8Array.of(1), { order: 'C1C3C2' });
    const b = sm2Encrypt(kp.publicKey, Uint8Array.of(1), { order: 'C1C2C3' });
    expect(a.length).toBe(65 + 32 + 1);
    expect(sm2NormalizePublicKey(a.subarray(0, 65)).length).toBe(65);
    expect(sm2NormalizePublicKey(b.subarray(0, 65)).length).toBe(65);
    expect(() => sm2Decrypt(kp.privateKey, a, { order: 'C1C2C3' })).toThrow(
      expect.objectContaining({ code: 'ERR_SM2_DECRYPT' }),
    );
  });

  it('tampering, wrong key, malformed DER are rejected with typed errors', () => {
    const ct = sm2Encrypt(kp.publicKey, pt);
    const t = ct.slice();
    t[t.length - 1] = (t[t.length - 1] as number) ^ 1;
    expect(() => sm2Decrypt(kp.privateKey, t)).toThrow(expect.objectContaining({ code: 'ERR_SM2_DECRYPT' }));
    expect(() => sm2Decrypt(sm2GenerateKeyPair().privateKey, ct)).toThrow(
      expect.objectContaining({ code: 'ERR_SM2_DECRYPT' }),
    );
    expect(() => sm2Decrypt(kp.privateKey, Uint8Array.of(0x30, 5, 1), { encoding: 'der' })).toThrow(
      expect.objectContaining({ code: 'ERR_SM2_CIPHERTEXT' }),
    );
    expect(() => sm2Decrypt(kp.privateKey, new Uint8Array(20))).toThrow(
      expect.objectContaining({ code: 'ERR_SM2_CIPHERTEXT' }),
    );
    expect(() => sm2Encrypt(kp.publicKey, new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: 'ERR_SM2_ARGUMENT' }),
    );
    expect(() => sm2Encrypt(kp.publicKey, pt, { encoding: 'der', order: 'C1C2C3' })).toThrow(
      expect.objectContaining({ code: 'ERR_SM2_CIPHER_DER_ORDER' }),
    );
  });
});
