import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityDemoStep } from '../src/demo/identity.js';
import { runCli } from '../src/main.js';

const dir = mkdtempSync(join(tmpdir(), 'gbkit-cli-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = async (args: string[], lang: 'zh' | 'en' = 'en') => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), lang, cwd: dir });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

const HAVE_OPENSSL = (() => {
  try {
    return /OpenSSL 3/.test(execFileSync('openssl', ['version'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
})();
if (!HAVE_OPENSSL)
  console.warn('SKIPPED (partly): gbkit token/jwk tests with certificates need OpenSSL 3 on PATH');
const ossl = (args: string[]) =>
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

const now = Math.floor(Date.now() / 1000);
beforeAll(async () => {
  writeFileSync(
    join(dir, 'claims.json'),
    JSON.stringify({
      iss: 'https://platform.example.gov.cn',
      aud: 'tzsb',
      sub: 'GDU0001',
      user_type: 1,
      acr: 'L2',
    }),
  );
  writeFileSync(join(dir, 'expired.json'), JSON.stringify({ sub: 'x', iat: now - 7200, exp: now - 3600 }));
  writeFileSync(join(dir, 'dup.json'), '{"sub":"a","sub":"b"}');
  expect((await cli(['sm2', 'keygen', '--out', 'sm2.key.pem', '--pub', 'sm2.pub.pem'])).code).toBe(0);
});

describe('gbkit token sign / verify with SM2', () => {
  it('signs with an SM2 PEM key and verifies with the public key, printing header and claims', async () => {
    const s = await cli(['token', 'sign', '--key', 'sm2.key.pem', '--claims', 'claims.json', '--kid', 'k1']);
    expect(s.code, s.err).toBe(0);
    const token = s.out.trim();
    expect(token.split('.')).toHaveLength(3);
    writeFileSync(join(dir, 'sm2.jwt'), token);
    const v = await cli([
      'token',
      'verify',
      token,
      '--key',
      'sm2.pub.pem',
      '--iss',
      'https://platform.example.gov.cn',
      '--aud',
      'tzsb',
    ]);
    expect(v.code, v.err).toBe(0);
    expect(v.out).toContain('"alg": "SM2"');
    expect(v.out).toContain('"kid": "k1"');
    expect(v.out).toContain('"acr": "L2"');
    const j = await cli(['token', 'verify', '@sm2.jwt', '--key', 'sm2.pub.pem', '--json']);
    expect(JSON.parse(j.out)).toMatchObject({
      valid: true,
      header: { alg: 'SM2' },
      claims: { sub: 'GDU0001' },
    });
    expect(JSON.parse(j.out).claims.exp - JSON.parse(j.out).claims.iat).toBe(300);
  });

  it('exits 1 with a stable code for a tampered token, a wrong audience, an expired token, another key', async () => {
    const token = readFileSync(join(dir, 'sm2.jwt'), 'utf8');
    const [h, , s] = token.split('.');
    const p = Buffer.from(JSON.stringify({ sub: 'admin', user_type: 1 })).toString('base64url');
    const bad = await cli(['token', 'verify', `${h}.${p}.${s}`, '--key', 'sm2.pub.pem']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    const aud = await cli(['token', 'verify', token, '--key', 'sm2.pub.pem', '--aud', 'other']);
    expect([aud.code, aud.err.includes('ERR_JWT_CLAIM_VALIDATION_FAILED')]).toEqual([1, true]);
    const e = await cli(['token', 'sign', '--key', 'sm2.key.pem', '--claims', 'expired.json']);
    const ev = await cli(['token', 'verify', e.out.trim(), '--key', 'sm2.pub.pem', '--json']);
    expect(ev.code).toBe(1);
    expect(JSON.parse(ev.out).error.code).toBe('ERR_JWT_EXPIRED');
    await cli(['sm2', 'keygen', '--out', 'other.key.pem', '--pub', 'other.pub.pem']);
    const other = await cli(['token', 'verify', token, '--key', 'other.pub.pem']);
    expect([other.code, other.err.includes('ERR_JWS_SIGNATURE_VERIFICATION_FAILED')]).toEqual([1, true]);
  });

  it('verifies against a JWKS file and reports an unknown kid', async () => {
    const token = readFileSync(join(dir, 'sm2.jwt'), 'utf8');
    const jwk = JSON.parse((await cli(['token', 'verify', token, '--key', 'sm2.pub.pem', '--json'])).out);
    expect(jwk.valid).toBe(true);
    // build a JWKS with the SM2 key under kid k1 from a signing JWK made by the CLI path
    const sign = await cli([
      'token',
      'sign',
      '--key',
      'sm2.key.pem',
      '--claims',
      'claims.json',
      '--kid',
      'k1',
    ]);
    expect(sign.code).toBe(0);
    const { sm2PublicKeyToJwk } = await import('@gbkit/identity');
    const { importPublicKey } = await import('@gbkit/crypto');
    const pub = importPublicKey(readFileSync(join(dir, 'sm2.pub.pem'), 'utf8'));
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [sm2PublicKeyToJwk(pub, { kid: 'k1' })] }));
    writeFileSync(
      join(dir, 'jwks-other.json'),
      JSON.stringify({ keys: [sm2PublicKeyToJwk(pub, { kid: 'k9' })] }),
    );
    expect((await cli(['token', 'verify', token, '--jwks', 'jwks.json'])).code).toBe(0);
    const miss = await cli(['token', 'verify', token, '--jwks', 'jwks-other.json']);
    expect([miss.code, miss.err.includes('ERR_JWKS_NO_MATCHING_KEY')]).toEqual([1, true]);
  });

  it('rejects claims with duplicate names and usage mistakes (exit 3)', async () => {
    const d = await cli(['token', 'sign', '--key', 'sm2.key.pem', '--claims', 'dup.json']);
    expect([d.code, d.err.includes('ERR_JWT_INVALID')]).toEqual([1, true]);
    expect((await cli(['token', 'sign', '--claims', 'claims.json'])).code).toBe(3);
    expect(
      (await cli(['token', 'sign', '--key', 'sm2.key.pem', '--claims', 'claims.json', '--alg', 'HS256']))
        .code,
    ).toBe(3);
    expect((await cli(['token', 'verify', 'a.b.c'])).code).toBe(3);
    expect((await cli(['token', 'verify', 'a.b.c', '--key', 'x', '--jwks', 'y'])).code).toBe(3);
    const mismatch = await cli([
      'token',
      'sign',
      '--key',
      'sm2.key.pem',
      '--claims',
      'claims.json',
      '--alg',
      'ES256',
    ]);
    expect(mismatch.code).toBe(1);
  });
});

describe.skipIf(!HAVE_OPENSSL)(
  'gbkit jwk from-cert and standard algorithms (openssl-made keys and certificates)',
  () => {
    beforeAll(() => {
      ossl([
        'req',
        '-x509',
        '-new',
        '-key',
        'sm2.key.pem',
        '-sm3',
        '-sigopt',
        'distid:1234567812345678',
        '-subj',
        '/CN=platform-sm2/O=gbkit',
        '-days',
        '30',
        '-out',
        'sm2.crt',
      ]);
      ossl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'p256.key.pem']);
      ossl([
        'req',
        '-x509',
        '-new',
        '-key',
        'p256.key.pem',
        '-sha256',
        '-subj',
        '/CN=platform-p256',
        '-days',
        '30',
        '-out',
        'p256.crt',
      ]);
    });

    it('prints an SM2 certificate key as a JWK (crv SM2, x5c, x5t#S256) that verifies our token', async () => {
      const r = await cli(['jwk', 'from-cert', 'sm2.crt', '--kid', 'k1']);
      expect(r.code, r.err).toBe(0);
      const jwk = JSON.parse(r.out);
      expect(jwk).toMatchObject({ kty: 'EC', crv: 'SM2', kid: 'k1', alg: 'SM2' });
      expect(jwk.x5c).toHaveLength(1);
      expect(jwk['x5t#S256']).toMatch(/^[A-Za-z0-9_-]{43}$/);
      writeFileSync(join(dir, 'cert-jwks.json'), JSON.stringify({ keys: [jwk] }));
      const token = readFileSync(join(dir, 'sm2.jwt'), 'utf8');
      expect((await cli(['token', 'verify', token, '--jwks', 'cert-jwks.json'])).code).toBe(0);
      expect((await cli(['token', 'verify', token, '--key', 'sm2.crt'])).code).toBe(0);
    });

    it('signs ES256 with a P-256 PKCS#8 key and verifies with the certificate', async () => {
      const s = await cli([
        'token',
        'sign',
        '--key',
        'p256.key.pem',
        '--claims',
        'claims.json',
        '--alg',
        'ES256',
        '--kid',
        'es',
      ]);
      expect(s.code, s.err).toBe(0);
      const v = await cli(['token', 'verify', s.out.trim(), '--key', 'p256.crt']);
      expect(v.code, v.err).toBe(0);
      expect(v.out).toContain('"alg": "ES256"');
      const jwk = JSON.parse((await cli(['jwk', 'from-cert', 'p256.crt'])).out);
      expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
      // an SM2 key must not verify an ES256 token and vice versa
      expect((await cli(['token', 'verify', s.out.trim(), '--key', 'sm2.crt'])).code).toBe(1);
    });

    it('reports a file that is not a certificate', async () => {
      const r = await cli(['jwk', 'from-cert', 'claims.json']);
      expect(r.code).toBe(1);
    });
  },
);

describe('demo step', () => {
  it('issues and verifies an SM2 platform token for a legal-person login', async () => {
    const out: string[] = [];
    const ok = await identityDemoStep.run(
      { out: (s) => out.push(s), err: (s) => out.push(s), lang: 'en', cwd: dir },
      dir,
    );
    expect(ok, out.join('\n')).toBe(true);
    expect(out.join('\n')).toContain('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    expect(out.join('\n')).toContain('org_uscc 91440101MA5CXXXX7X');
  });
});
