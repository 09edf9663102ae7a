// The README's examples, run as written (except where they need a live provider).
import { sm2GenerateKeyPair } from '@gbkit/crypto';
import { describe, expect, it } from 'vitest';
import {
  generatePlatformKey,
  hashIdentifier,
  PlatformKeyStore,
  PlatformTokenVerifier,
  parseLevelWays,
  requireLevel,
  signSm2Jws,
  sm2PublicKeyToJwk,
  validateIdentity,
  verifySm2Jws,
} from '../src/index.js';

describe('README examples', () => {
  it('platform token', async () => {
    const store = new PlatformKeyStore([await generatePlatformKey('SM2', 'sm2-2026-11')]);
    const token = await store.issue(
      { sub: 'GDE0000000000000011', user_type: 2, acr: 'L3', amr: ['GW'], org_uscc: '91440101MA5CXXXX7X' },
      { issuer: 'https://platform.example.gov.cn', audience: 'tzsb', ttlSeconds: 300 },
    );
    const verifier = new PlatformTokenVerifier(store.jwks(), {
      issuer: 'https://platform.example.gov.cn',
      audience: 'tzsb',
      minLevel: 'L2',
    });
    const { claims } = await verifier.verify(token);
    expect(claims.org_uscc).toBe('91440101MA5CXXXX7X');
  });

  it('SM2 JWS and JWK', () => {
    const { privateKey, publicKey } = sm2GenerateKeyPair();
    const jws = signSm2Jws({ sub: 'u1' }, privateKey, { kid: 'k1', typ: 'JWT' });
    expect(verifySm2Jws(jws, publicKey).header.alg).toBe('SM2');
    expect(sm2PublicKeyToJwk(publicKey, { kid: 'k1' })).toMatchObject({
      kty: 'EC',
      crv: 'SM2',
      kid: 'k1',
      use: 'sig',
      alg: 'SM2',
    });
  });

  it('model, levels and hashing', () => {
    expect(parseLevelWays('L1@PLV@9f3a||L2@YSS@7c1e').highest).toBe('L2');
    expect(() => requireLevel({ level: 'L1' }, 'L2')).toThrowError(
      expect.objectContaining({ code: 'ERR_ASSURANCE_LEVEL_INSUFFICIENT' }),
    );
    expect(
      validateIdentity({
        kind: 'person',
        name: '张三',
        certType: 'resident-id-card',
        certNumber: '11010519491231002X',
        realNameVerified: true,
        level: 'L2',
      }).ok,
    ).toBe(true);
    expect(hashIdentifier('11010519491231002X', { pepper: 'pepper' })).toMatch(/^[0-9a-f]{64}$/);
  });
});
