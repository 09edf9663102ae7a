import { readFileSync } from 'node:fs';
import { fromHex, toBase64Url, toHex, utf8 } from '@gbkit/core';
import { sm2GenerateKeyPair, sm2RawToDer } from '@gbkit/crypto';
import fc from 'fast-check';
import { sm2 as smv2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import {
  createJwks,
  decodeCompactJws,
  hsm3Secret,
  parseJsonStrict,
  SM2_ALG_ALIASES,
  signHsm3Jws,
  signSm2Jws,
  sm2JwkToPrivateKey,
  sm2JwkToPublicKey,
  sm2PrivateKeyToJwk,
  sm2PublicKeyToJwk,
  toPublicJwk,
  verifyHsm3Jws,
  verifySm2Jws,
} from '../src/index.js';

const V = JSON.parse(readFileSync(new URL('./vectors/sm2-jws.json', import.meta.url), 'utf8'));
const PRIV = fromHex(V.sm2.privateKeyHex);
const PUB = fromHex(V.sm2.publicKeyHex);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

describe('pinned SM2 JWS vector (made once, see vectors/make-vectors.ts)', () => {
  it('has the documented header, payload and a 64-byte raw signature', () => {
    const [h, p, s] = V.sm2.token.split('.');
    expect([h, p, s]).toEqual([V.sm2.protected, V.sm2.payload, V.sm2.signature]);
    const jws = decodeCompactJws(V.sm2.token);
    expect(jws.header).toEqual({ alg: 'SM2', ...V.sm2.header });
    expect(JSON.parse(new TextDecoder().decode(jws.payload))).toEqual(V.sm2.claims);
    expect(jws.signature.length).toBe(64);
  });

  it('verifies with the pinned public key, as bytes and as JWK', () => {
    expect(verifySm2Jws(V.sm2.token, PUB).header.kid).toBe('gbkit-test-sm2-1');
    expect(verifySm2Jws(V.sm2.token, toPublicJwk(V.sm2.jwk)).payload.length).toBeGreaterThan(0);
    expect(V.sm2.jwk).toEqual(sm2PrivateKeyToJwk(PRIV, { kid: 'gbkit-test-sm2-1' }));
    expect(toHex(sm2JwkToPublicKey(V.sm2.jwk))).toBe(V.sm2.publicKeyHex);
    expect(toHex(sm2JwkToPrivateKey(V.sm2.jwk))).toBe(V.sm2.privateKeyHex);
  });

  it('verifies the pinned token made with a non-default user ID only with that ID', () => {
    expect(verifySm2Jws(V.sm2.customUserIdToken, PUB, { userId: V.sm2.customUserId }).header.alg).toBe('SM2');
    expect(codeOf(() => verifySm2Jws(V.sm2.customUserIdToken, PUB))).toBe(
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
  });

  it('verifies the pinned HSM3 token and rejects it under another key', () => {
    const key = utf8(V.hsm3.keyUtf8);
    expect(verifyHsm3Jws(V.hsm3.token, key).header.alg).toBe('HSM3');
    expect(codeOf(() => verifyHsm3Jws(V.hsm3.token, utf8('another HMAC-SM3 key of 32 bytes')))).toBe(
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
    expect(signHsm3Jws(V.sm2.claims, key, { typ: 'JWT' })).toBe(V.hsm3.token); // HMAC is deterministic
  });

  it('rejects a tampered payload, a DER signature and a pure-mode (no Z, no SM3) signature', () => {
    const [h, p, s] = V.sm2.token.split('.');
    const tampered = `${h}.${toBase64Url(utf8(JSON.stringify({ ...V.sm2.claims, acr: 'L0' })))}.${s}`;
    expect(codeOf(() => verifySm2Jws(tampered, PUB))).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    const der = toBase64Url(sm2RawToDer(fromHex(toHex(decodeCompactJws(V.sm2.token).signature))));
    expect(codeOf(() => verifySm2Jws(`${h}.${p}.${der}`, PUB))).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    const pure = smv2.doSignature(`${h}.${p}`, V.sm2.privateKeyHex, { der: false, hash: false });
    expect(codeOf(() => verifySm2Jws(`${h}.${p}.${toBase64Url(fromHex(pure))}`, PUB))).toBe(
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
  });
});

describe('cross-check with sm-crypto-v2 (independent implementation) in the same run', () => {
  it('sm-crypto-v2 verifies the pinned token and a fresh one of ours', () => {
    const fresh = signSm2Jws({ sub: 'x', n: Math.random() }, PRIV, { kid: 'k' });
    for (const token of [V.sm2.token, fresh]) {
      const [h, p, s] = token.split('.');
      const sigHex = toHex(decodeCompactJws(token).signature);
      expect(s.length).toBe(86);
      expect(
        smv2.doVerifySignature(`${h}.${p}`, sigHex, V.sm2.publicKeyHex, {
          der: false,
          hash: true,
          userId: '1234567812345678',
        }),
      ).toBe(true);
      // and not with another ID or in pure mode
      expect(
        smv2.doVerifySignature(`${h}.${p}`, sigHex, V.sm2.publicKeyHex, {
          der: false,
          hash: true,
          userId: 'x',
        }),
      ).toBe(false);
      expect(
        smv2.doVerifySignature(`${h}.${p}`, sigHex, V.sm2.publicKeyHex, { der: false, hash: false }),
      ).toBe(false);
    }
  });

  it('we verify a JWS that sm-crypto-v2 signed', () => {
    const kp = smv2.generateKeyPairHex();
    const h = toBase64Url(utf8(JSON.stringify({ alg: 'SM2', typ: 'JWT', kid: 'v2' })));
    const p = toBase64Url(utf8(JSON.stringify({ sub: 'made-by-sm-crypto-v2' })));
    const sig = smv2.doSignature(`${h}.${p}`, kp.privateKey, {
      der: false,
      hash: true,
      userId: '1234567812345678',
    });
    const token = `${h}.${p}.${toBase64Url(fromHex(sig))}`;
    expect(verifySm2Jws(token, fromHex(kp.publicKey)).header.kid).toBe('v2');
    expect(verifySm2Jws(token, sm2PublicKeyToJwk(fromHex(kp.publicKey))).header.kid).toBe('v2');
  });
});

describe('SM2 JWS options', () => {
  it('accepts alias alg names only when configured', () => {
    const [, p] = V.sm2.token.split('.');
    const kp = sm2GenerateKeyPair();
    for (const alias of SM2_ALG_ALIASES) {
      const h = toBase64Url(utf8(JSON.stringify({ alg: alias })));
      const sig = smv2.doSignature(`${h}.${p}`, toHex(kp.privateKey), {
        der: false,
        hash: true,
        userId: '1234567812345678',
      });
      const token = `${h}.${p}.${toBase64Url(fromHex(sig))}`;
      expect(codeOf(() => verifySm2Jws(token, kp.publicKey))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
      expect(verifySm2Jws(token, kp.publicKey, { acceptAliases: [alias] }).header.alg).toBe(alias);
    }
  });

  it('always writes alg SM2 even if the header says otherwise', () => {
    const t = signSm2Jws('x', PRIV, { alg: 'ES256' });
    expect(decodeCompactJws(t).header.alg).toBe('SM2');
  });

  it('publishes SM2 keys in a JWKS without private members', () => {
    const jwks = createJwks([V.sm2.jwk]);
    expect(jwks.keys[0]).toEqual({
      kty: 'EC',
      crv: 'SM2',
      x: V.sm2.jwk.x,
      y: V.sm2.jwk.y,
      kid: 'gbkit-test-sm2-1',
      use: 'sig',
      alg: 'SM2',
    });
  });

  it('rejects SM2 JWKs that are not on the curve or whose d does not match', () => {
    expect(codeOf(() => sm2JwkToPublicKey({ ...V.sm2.jwk, y: V.sm2.jwk.x }))).toBe('ERR_JWK_INVALID');
    const other = sm2PrivateKeyToJwk(sm2GenerateKeyPair().privateKey);
    expect(codeOf(() => sm2JwkToPrivateKey({ ...V.sm2.jwk, d: other.d }))).toBe('ERR_JWK_INVALID');
    expect(codeOf(() => sm2JwkToPublicKey({ kty: 'EC', crv: 'P-256', x: V.sm2.jwk.x, y: V.sm2.jwk.y }))).toBe(
      'ERR_JWK_INVALID',
    );
  });

  it('refuses HMAC keys that are public keys, PEM or JWK text, or too short', () => {
    expect(codeOf(() => hsm3Secret(PUB))).toBe('ERR_JWK_INVALID');
    expect(codeOf(() => hsm3Secret(utf8('-----BEGIN PUBLIC KEY-----\nMFkw...')))).toBe('ERR_JWK_INVALID');
    expect(codeOf(() => hsm3Secret(utf8(JSON.stringify(toPublicJwk(V.sm2.jwk)))))).toBe('ERR_JWK_INVALID');
    expect(codeOf(() => hsm3Secret(toPublicJwk(V.sm2.jwk)))).toBe('ERR_JWK_INVALID');
    expect(codeOf(() => hsm3Secret(utf8('short')))).toBe('ERR_JWK_INVALID');
    expect(hsm3Secret({ kty: 'oct', k: toBase64Url(utf8(V.hsm3.keyUtf8)) }).length).toBe(32);
  });
});

describe('strict JSON', () => {
  it('finds duplicate names at any depth, after unescaping', () => {
    expect(parseJsonStrict('{"a":{"b":[1,{"c":2}]},"d":"x\\"y"}', 'p', 'ERR_JWT_INVALID')).toEqual({
      a: { b: [1, { c: 2 }] },
      d: 'x"y',
    });
    for (const bad of [
      '{"a":1,"a":2}',
      '{"x":[{"b":1,"b":1}]}',
      '{"alg":"SM2","\\u0061lg":"none"}',
      '{"a":{"k":1,"k":2}}',
    ]) {
      expect(codeOf(() => parseJsonStrict(bad, 'p', 'ERR_JWT_INVALID'))).toBe('ERR_JWT_INVALID');
    }
    expect(parseJsonStrict('{"__proto__":1,"b":{}}', 'p', 'ERR_JWT_INVALID')).toEqual(
      JSON.parse('{"__proto__":1,"b":{}}'),
    );
    expect(codeOf(() => parseJsonStrict('{"__proto__":1,"__proto__":2}', 'p', 'ERR_JWT_INVALID'))).toBe(
      'ERR_JWT_INVALID',
    );
  });

  it('rejects exactly the texts with a duplicate name in some object (property, random trees)', () => {
    // members are written by hand so a tree can hold duplicates; names drawn from a tiny alphabet (with
    // escapes and JSON punctuation inside strings) make them frequent
    type Node = { obj: [string, Node][] } | { arr: Node[] } | { leaf: string | number | null };
    const name = fc.constantFrom('a', 'b', '\\u0061', '{', ',', ']', '\\"', '__proto__');
    const tree = fc.letrec<{ node: Node }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.record({ leaf: fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)) }),
        fc.record({ obj: fc.array(fc.tuple(name, tie('node')), { maxLength: 4 }) }),
        fc.record({ arr: fc.array(tie('node'), { maxLength: 3 }) }),
      ),
    })).node;
    const text = (n: Node): string =>
      'leaf' in n
        ? JSON.stringify(n.leaf)
        : 'arr' in n
          ? `[${n.arr.map(text).join(',')}]`
          : `{${n.obj.map(([k, v]) => `"${k}":${text(v)}`).join(',')}}`;
    const hasDup = (n: Node): boolean => {
      if ('leaf' in n) return false;
      if ('arr' in n) return n.arr.some(hasDup);
      const names = n.obj.map(([k]) => JSON.parse(`"${k}"`) as string);
      return new Set(names).size !== names.length || n.obj.some(([, v]) => hasDup(v));
    };
    fc.assert(
      fc.property(
        tree.filter((n) => 'obj' in n),
        (n) => {
          const t = text(n);
          const dup = hasDup(n);
          if (dup) expect(codeOf(() => parseJsonStrict(t, 'p', 'ERR_JWT_INVALID'))).toBe('ERR_JWT_INVALID');
          else expect(parseJsonStrict(t, 'p', 'ERR_JWT_INVALID')).toEqual(JSON.parse(t));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
