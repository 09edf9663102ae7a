import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toBase64Url, utf8 } from '@gbkit/core';
import { hmacSm3, sm2GenerateKeyPair, sm2Sign } from '@gbkit/crypto';
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  claimsFromIdentity,
  createJwks,
  decodeUnverified,
  generatePlatformKey,
  issuePlatformToken,
  JwtVerifier,
  type PlatformAlg,
  PlatformKeyStore,
  type PlatformSigningKey,
  PlatformTokenVerifier,
  signingKeyFromJwk,
  signJwt,
  sm2JwkToPrivateKey,
  sm2PrivateKeyToJwk,
  verifyPlatformToken,
} from '../src/index.js';
import { createJwksHandler, identityFromTyrz } from '../src/node.js';
import { ENTITY_SUB } from './fixtures/tyrz-users.js';

const ISS = 'https://platform.example.gov.cn';
const AUD = 'tzsb';
const NOW = 1_767_225_600;
const ALGS: PlatformAlg[] = ['SM2', 'ES256', 'RS256', 'EdDSA'];
const keys = {} as Record<PlatformAlg, PlatformSigningKey>;
let verifier: PlatformTokenVerifier;

beforeAll(async () => {
  for (const a of ALGS) keys[a] = await generatePlatformKey(a, `${a.toLowerCase()}-1`);
  verifier = new PlatformTokenVerifier(createJwks(ALGS.map((a) => keys[a].privateJwk)), {
    issuer: ISS,
    audience: AUD,
    now: () => NOW + 10,
  });
});

const SUBJECT = { sub: 'GDU0000000000000001', user_type: 1 as const, acr: 'L2' as const, amr: ['YSS'] };
const issue = (alg: PlatformAlg, extra: Partial<Parameters<typeof issuePlatformToken>[2]> = {}) =>
  issuePlatformToken(SUBJECT, keys[alg], { issuer: ISS, audience: AUD, now: NOW, ...extra });

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

/** A token with exactly this header and payload text, validly signed with the SM2 test key (raw r‖s). */
function forgeSm2(headerText: string, payloadText: string, key = keys.SM2): string {
  const h = toBase64Url(utf8(headerText));
  const p = toBase64Url(utf8(payloadText));
  const sig = sm2Sign(utf8(`${h}.${p}`), sm2JwkToPrivateKey(key.privateJwk), { format: 'raw' });
  return `${h}.${p}.${toBase64Url(sig)}`;
}

const claims = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ iss: ISS, aud: AUD, sub: 'u1', user_type: 1, iat: NOW, exp: NOW + 300, ...over });

describe('platform tokens: one API, four algorithms', () => {
  it.each(ALGS)('%s: issues and verifies with sub, acr, amr, user_type', async (alg) => {
    const t = await issue(alg);
    const r = await verifier.verify(t);
    expect(r.header).toMatchObject({ alg, kid: keys[alg].kid, typ: 'JWT' });
    expect(r.claims).toMatchObject({
      iss: ISS,
      aud: AUD,
      sub: SUBJECT.sub,
      acr: 'L2',
      amr: ['YSS'],
      user_type: 1,
      exp: NOW + 300,
    });
    expect(r.key.kid).toBe(keys[alg].kid);
  });

  it.each(ALGS)(
    '%s: a token signed by a key outside the JWKS (same kid) fails the signature',
    async (alg) => {
      const stranger = await generatePlatformKey(alg, keys[alg].kid);
      const t = await issuePlatformToken(SUBJECT, stranger, { issuer: ISS, audience: AUD, now: NOW });
      expect(await codeOf(verifier.verify(t))).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    },
  );

  it('issues for a legal-person login: org_uscc, org_name, the agent as name', async () => {
    const entity = identityFromTyrz({ ...ENTITY_SUB, envelope: {} } as Parameters<
      typeof identityFromTyrz
    >[0]);
    const t = await issuePlatformToken(entity, keys.SM2, { issuer: ISS, audience: AUD, now: NOW });
    const { claims: c } = await verifier.verify(t);
    expect(c).toMatchObject({
      sub: 'GDE0000000000000011',
      user_type: 2,
      acr: 'L3',
      amr: ['GW', 'YSS'],
      org_uscc: '91440101MA5CXXXX7X',
      org_name: '广州某某特种设备检测有限公司',
      name: '王五',
      auth_source: 'tyrz',
    });
    expect(claimsFromIdentity(entity).user_type).toBe(2);
  });

  it('applies minLevel to acr', async () => {
    const v = new PlatformTokenVerifier(createJwks([keys.SM2.privateJwk]), {
      issuer: ISS,
      audience: AUD,
      now: () => NOW,
      minLevel: 'L3',
    });
    expect(await codeOf(v.verify(await issue('SM2')))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('decodes without verifying for display', async () => {
    const d = decodeUnverified(await issue('ES256'));
    expect(d.header.alg).toBe('ES256');
    expect((d.claims as { sub: string }).sub).toBe(SUBJECT.sub);
  });
});

describe('security: each attack rejected with a typed error and stable code', () => {
  it('alg none (any spelling), with and without a signature', async () => {
    for (const alg of ['none', 'None', 'NONE']) {
      const h = toBase64Url(utf8(JSON.stringify({ alg, kid: keys.SM2.kid })));
      const p = toBase64Url(utf8(claims()));
      expect(await codeOf(verifier.verify(`${h}.${p}.`))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    }
  });

  it('algorithm confusion: HS256 / HSM3 keyed with the public key of a kid in the JWKS', async () => {
    for (const target of [keys.ES256, keys.RS256, keys.SM2]) {
      const pubJwk = createJwks([target.privateJwk]).keys[0] as Record<string, unknown>;
      const secret = utf8(JSON.stringify(pubJwk));
      const h = toBase64Url(utf8(JSON.stringify({ alg: 'HS256', kid: target.kid })));
      const p = toBase64Url(utf8(claims()));
      const sig = toBase64Url(createHmac('sha256', secret).update(`${h}.${p}`).digest());
      expect(await codeOf(verifier.verify(`${h}.${p}.${sig}`))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
      const h2 = toBase64Url(utf8(JSON.stringify({ alg: 'HSM3', kid: target.kid })));
      const sig2 = toBase64Url(hmacSm3(secret, utf8(`${h2}.${p}`)));
      expect(await codeOf(verifier.verify(`${h2}.${p}.${sig2}`))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    }
  });

  it('algorithm confusion between key types: SM2 header on a P-256 kid, ES256 header on an SM2 kid', async () => {
    const p = claims();
    const sm2OnP256 = forgeSm2(JSON.stringify({ alg: 'SM2', kid: keys.ES256.kid }), p);
    expect(await codeOf(verifier.verify(sm2OnP256))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    const es = await new jose.CompactSign(utf8(p))
      .setProtectedHeader({ alg: 'ES256', kid: keys.SM2.kid })
      .sign(await jose.importJWK(keys.ES256.privateJwk as jose.JWK, 'ES256'));
    expect(await codeOf(verifier.verify(es))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
  });

  it('SM2 alias names only when configured', async () => {
    const t = forgeSm2(JSON.stringify({ alg: 'SM3withSM2', kid: keys.SM2.kid }), claims());
    expect(await codeOf(verifier.verify(t))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    const lenient = new PlatformTokenVerifier(createJwks([keys.SM2.privateJwk]), {
      issuer: ISS,
      audience: AUD,
      sm2AcceptAliases: ['SM3withSM2'],
      now: () => NOW,
    });
    expect((await lenient.verify(t)).header.alg).toBe('SM3withSM2');
  });

  it('an algorithm outside the allow-list', async () => {
    const onlySm2 = new PlatformTokenVerifier(createJwks(ALGS.map((a) => keys[a].privateJwk)), {
      issuer: ISS,
      audience: AUD,
      algorithms: ['SM2'],
      now: () => NOW,
    });
    expect(await codeOf(onlySm2.verify(await issue('RS256')))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
  });

  it('wrong, missing and non-string kid', async () => {
    const p = claims();
    expect(await codeOf(verifier.verify(forgeSm2(JSON.stringify({ alg: 'SM2', kid: 'nope' }), p)))).toBe(
      'ERR_JWKS_NO_MATCHING_KEY',
    );
    expect(await codeOf(verifier.verify(forgeSm2(JSON.stringify({ alg: 'SM2' }), p)))).toBe(
      'ERR_JWKS_NO_MATCHING_KEY',
    );
    expect(await codeOf(verifier.verify(forgeSm2(JSON.stringify({ alg: 'SM2', kid: 7 }), p)))).toBe(
      'ERR_JWS_INVALID',
    );
  });

  it('expired, within clock tolerance, not yet valid, issued in the future', async () => {
    const t = await issue('SM2', { ttlSeconds: 60 });
    const at = (now: number) =>
      new PlatformTokenVerifier(createJwks([keys.SM2.privateJwk]), {
        issuer: ISS,
        audience: AUD,
        now: () => now,
      });
    expect((await at(NOW + 60 + 29).verify(t)).claims.sub).toBe(SUBJECT.sub);
    expect(await codeOf(at(NOW + 60 + 30).verify(t))).toBe('ERR_JWT_EXPIRED');
    expect(await codeOf(at(NOW - 31).verify(t))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    const future = forgeSm2(
      JSON.stringify({ alg: 'SM2', kid: keys.SM2.kid }),
      claims({ iat: NOW + 3600, nbf: undefined }),
    );
    expect(await codeOf(at(NOW).verify(future))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    const noExp = forgeSm2(JSON.stringify({ alg: 'SM2', kid: keys.SM2.kid }), claims({ exp: undefined }));
    expect(await codeOf(at(NOW).verify(noExp))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    const strExp = forgeSm2(
      JSON.stringify({ alg: 'SM2', kid: keys.SM2.kid }),
      claims({ exp: String(NOW + 300) }),
    );
    expect(await codeOf(at(NOW).verify(strExp))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('wrong audience or issuer, missing sub or user_type', async () => {
    expect(await codeOf(verifier.verify(await issue('ES256', { audience: 'other-system' })))).toBe(
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    );
    expect(await codeOf(verifier.verify(await issue('ES256', { issuer: 'https://evil.example.com' })))).toBe(
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    );
    const multi = await issue('SM2', { audience: ['a', AUD] });
    expect((await verifier.verify(multi)).claims.aud).toEqual(['a', AUD]);
    const h = JSON.stringify({ alg: 'SM2', kid: keys.SM2.kid });
    expect(await codeOf(verifier.verify(forgeSm2(h, claims({ sub: undefined }))))).toBe(
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    );
    expect(await codeOf(verifier.verify(forgeSm2(h, claims({ user_type: 3 }))))).toBe(
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    );
  });

  it('oversized tokens and headers', async () => {
    const big = await issuePlatformToken(SUBJECT, keys.SM2, {
      issuer: ISS,
      audience: AUD,
      now: NOW,
      claims: { pad: 'x'.repeat(20_000) },
    });
    expect(await codeOf(verifier.verify(big))).toBe('ERR_JWS_TOO_LARGE');
    const bigHeader = forgeSm2(
      JSON.stringify({ alg: 'SM2', kid: keys.SM2.kid, x5c: ['A'.repeat(3000)] }),
      claims(),
    );
    expect(await codeOf(verifier.verify(bigHeader))).toBe('ERR_JWS_TOO_LARGE');
    expect(await codeOf(verifier.verify('a'.repeat(100_000)))).toBe('ERR_JWS_TOO_LARGE');
  });

  it('malformed base64url and structure', async () => {
    const t = await issue('SM2');
    const [h, p, s] = t.split('.') as [string, string, string];
    const cases = [
      `${h}.${p}`,
      `${h}.${p}.${s}.x`,
      `${h}=.${p}.${s}`,
      `${h}.${p}.${s.replace(/-/g, '+').replace(/_/g, '/')}+`,
      `${h}.${p} .${s}`,
      `${h}.${p}.${s.slice(0, -1)}`, // length ≡ 1 (mod 4) or non-canonical tail
      `${toBase64Url(utf8('not json'))}.${p}.${s}`,
      `${toBase64Url(utf8('[1]'))}.${p}.${s}`,
      `${toBase64Url(utf8('{"kid":"x"}'))}.${p}.${s}`,
    ];
    for (const c of cases) expect([c, await codeOf(verifier.verify(c))]).toEqual([c, 'ERR_JWS_INVALID']);
    // non-canonical final character: same bytes, different text
    const last = s.at(-1) as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = alphabet[alphabet.indexOf(last) ^ 1] as string;
    expect(await codeOf(verifier.verify(`${h}.${p}.${s.slice(0, -1)}${twin}`))).toBe('ERR_JWS_INVALID');
  });

  it('duplicate JSON keys in the header and in the (validly signed) payload', async () => {
    const dupHeader = `{"alg":"SM2","kid":"${keys.SM2.kid}","alg":"none"}`;
    expect(
      await codeOf(
        verifier.verify(
          forgeSm2(`{"alg":"SM2","kid":"${keys.SM2.kid}"}`, claims()).replace(
            /^[^.]+/,
            toBase64Url(utf8(dupHeader)),
          ),
        ),
      ),
    ).toBe('ERR_JWS_INVALID');
    const dupPayload = `${claims().slice(0, -1)},"sub":"admin"}`;
    const t = forgeSm2(JSON.stringify({ alg: 'SM2', kid: keys.SM2.kid }), dupPayload);
    expect(await codeOf(verifier.verify(t))).toBe('ERR_JWT_INVALID');
  });

  it('crit and b64 are not supported', async () => {
    const p = claims();
    expect(
      await codeOf(
        verifier.verify(
          forgeSm2(JSON.stringify({ alg: 'SM2', kid: keys.SM2.kid, crit: ['exp'], exp: 1 }), p),
        ),
      ),
    ).toBe('ERR_JOSE_NOT_SUPPORTED');
    expect(
      await codeOf(
        verifier.verify(forgeSm2(JSON.stringify({ alg: 'SM2', kid: keys.SM2.kid, b64: false }), p)),
      ),
    ).toBe('ERR_JOSE_NOT_SUPPORTED');
  });

  it('a payload that is not a JSON object', async () => {
    const h = JSON.stringify({ alg: 'SM2', kid: keys.SM2.kid });
    expect(await codeOf(verifier.verify(forgeSm2(h, '[1,2]')))).toBe('ERR_JWT_INVALID');
    expect(await codeOf(verifier.verify(forgeSm2(h, 'hello')))).toBe('ERR_JWT_INVALID');
  });

  it('a verification JWKS carrying private or secret members is refused', async () => {
    expect(
      await codeOf(
        () => new PlatformTokenVerifier({ keys: [keys.SM2.privateJwk] }, { issuer: ISS, audience: AUD }),
      ),
    ).toBe('ERR_JWK_INVALID');
    expect(
      await codeOf(
        () =>
          new PlatformTokenVerifier(
            { keys: [{ kty: 'oct', kid: 'h', k: 'c2VjcmV0' }] },
            { issuer: ISS, audience: AUD },
          ),
      ),
    ).toBe('ERR_JWK_INVALID');
  });
});

describe('key rotation through kid and the JWKS endpoint', () => {
  it('keeps tokens of the previous key valid after one rotation, not after two', async () => {
    const store = new PlatformKeyStore([await generatePlatformKey('SM2', 'k1')]);
    const old = await store.issue(SUBJECT, { issuer: ISS, audience: AUD, now: NOW });
    store.rotate(await generatePlatformKey('SM2', 'k2'));
    const opts = { issuer: ISS, audience: AUD, now: () => NOW };
    expect((await verifyPlatformToken(old, store.jwks(), opts)).header.kid).toBe('k1');
    const fresh = await store.issue(SUBJECT, { issuer: ISS, audience: AUD, now: NOW });
    expect((await verifyPlatformToken(fresh, store.jwks(), opts)).header.kid).toBe('k2');
    store.rotate(await generatePlatformKey('ES256', 'k3'));
    expect(store.jwks().keys.map((k) => k.kid)).toEqual(['k3', 'k2']);
    expect(await codeOf(verifyPlatformToken(old, store.jwks(), opts))).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('serves the JWKS over node:http with cache headers, ETag and 304', async () => {
    const store = new PlatformKeyStore([keys.SM2, keys.ES256]);
    const handler = createJwksHandler(() => store.jwks(), { maxAgeSeconds: 600 });
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.url === '/.well-known/jwks.json') void handler(req, res);
      else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    try {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/jwk-set+json');
      expect(res.headers.get('cache-control')).toBe('public, max-age=600');
      const body = (await res.json()) as { keys: Record<string, unknown>[] };
      expect(body.keys.map((k) => k.kid)).toEqual([keys.SM2.kid, keys.ES256.kid]);
      expect(body.keys.every((k) => k.d === undefined)).toBe(true);
      const etag = res.headers.get('etag') ?? '';
      expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
      expect((await fetch(url, { method: 'POST' })).status).toBe(405);
      // a verifier fed from the endpoint verifies a token
      const v = new PlatformTokenVerifier(body as never, { issuer: ISS, audience: AUD, now: () => NOW });
      expect((await v.verify(await issue('SM2'))).claims.sub).toBe(SUBJECT.sub);
      // jose's own remote JWKS client reads it too (for the ES256 key)
      const remote = jose.createRemoteJWKSet(new URL(url));
      const es = await issue('ES256');
      expect(
        (await jose.jwtVerify(es, remote, { issuer: ISS, audience: AUD, currentDate: new Date(NOW * 1000) }))
          .payload.sub,
      ).toBe(SUBJECT.sub);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('SM2 keys generated anew interoperate with the JWK helpers', () => {
    const kp = sm2GenerateKeyPair();
    const jwk = sm2PrivateKeyToJwk(kp.privateKey, { kid: 'x' });
    expect(sm2JwkToPrivateKey(jwk)).toEqual(kp.privateKey);
  });
});

describe('generic JwtVerifier and signing keys from JWKs', () => {
  it('without a kid uses the only key that fits the algorithm, refuses when several fit', async () => {
    const noKid = forgeSm2(JSON.stringify({ alg: 'SM2' }), claims());
    const one = new JwtVerifier(createJwks([keys.SM2.privateJwk, keys.ES256.privateJwk]), {
      requireKid: false,
      now: () => NOW,
    });
    expect((await one.verify(noKid)).key.kid).toBe(keys.SM2.kid);
    const second = await generatePlatformKey('SM2', 'sm2-2');
    const two = new JwtVerifier(createJwks([keys.SM2.privateJwk, second.privateJwk]), {
      requireKid: false,
      now: () => NOW,
    });
    expect(await codeOf(two.verify(noKid))).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS');
    expect(
      await codeOf(new JwtVerifier(createJwks([keys.SM2.privateJwk]), { now: () => NOW }).verify(noKid)),
    ).toBe('ERR_JWKS_NO_MATCHING_KEY');
    // the platform profile always requires a kid, whatever the options say
    const strict = new PlatformTokenVerifier(createJwks([keys.SM2.privateJwk]), {
      issuer: ISS,
      audience: AUD,
      requireKid: false,
      now: () => NOW,
    });
    expect(await codeOf(strict.verify(noKid))).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('signs any claims with a key made from a JWK; refuses public keys and misfit algorithms', async () => {
    const k = await signingKeyFromJwk(keys.ES256.privateJwk);
    expect(k.alg).toBe('ES256');
    const t = await signJwt({ sub: 'x', exp: NOW + 60 }, k);
    expect((await new JwtVerifier(createJwks([k.privateJwk]), { now: () => NOW }).verify(t)).claims.sub).toBe(
      'x',
    );
    expect(await codeOf(signingKeyFromJwk(createJwks([keys.SM2.privateJwk]).keys[0] as never))).toBe(
      'ERR_JWK_INVALID',
    );
    expect(await codeOf(signingKeyFromJwk(keys.SM2.privateJwk, { alg: 'ES256' }))).toBe('ERR_JWK_INVALID');
    expect(
      (await signingKeyFromJwk({ ...keys.RS256.privateJwk, kid: undefined, alg: undefined })).kid,
    ).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
