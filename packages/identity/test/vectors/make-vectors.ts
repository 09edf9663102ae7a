/**
 * Made the pinned vectors in sm2-jws.json ONCE (2026-11-30); kept for provenance. Re-running it produces
 * different signatures (SM2 is randomized), so the tests never regenerate: they verify the pinned tokens.
 *   npx tsx packages/identity/test/vectors/make-vectors.ts > packages/identity/test/vectors/sm2-jws.json
 */
import { toHex } from '@gbkit/core';
import { sm2GenerateKeyPair } from '@gbkit/crypto';
import { signHsm3Jws, signSm2Jws, sm2PrivateKeyToJwk } from '../../src/index.js';

const { privateKey, publicKey } = sm2GenerateKeyPair();
const header = { typ: 'JWT', kid: 'gbkit-test-sm2-1' };
const claims = {
  iss: 'https://platform.example.gov.cn',
  sub: 'GDE0000000000000011',
  aud: 'tzsb',
  iat: 1767225600,
  exp: 1767225900,
  acr: 'L3',
  amr: ['GW'],
  user_type: 2,
  org_uscc: '91440101MA5CXXXX08',
  name: '王五',
};
const token = signSm2Jws(claims, privateKey, header);
const customId = signSm2Jws(
  { sub: 'custom-id' },
  privateKey,
  { kid: 'gbkit-test-sm2-1' },
  { userId: 'ALICE123@YAHOO.COM' },
);
const hsm3Key = new TextEncoder().encode('gbkit HMAC-SM3 test key, 32 byte');
const hsm3 = signHsm3Jws(claims, hsm3Key, { typ: 'JWT' });
const [h, p, s] = token.split('.');
console.log(
  JSON.stringify(
    {
      note: 'Made once by make-vectors.ts; SM2 signatures are randomized so they are pinned, not regenerated.',
      sm2: {
        privateKeyHex: toHex(privateKey),
        publicKeyHex: toHex(publicKey),
        jwk: sm2PrivateKeyToJwk(privateKey, { kid: 'gbkit-test-sm2-1' }),
        userId: '1234567812345678',
        header,
        claims,
        token,
        protected: h,
        payload: p,
        signature: s,
        customUserId: 'ALICE123@YAHOO.COM',
        customUserIdToken: customId,
      },
      hsm3: { keyUtf8: 'gbkit HMAC-SM3 test key, 32 byte', token: hsm3 },
    },
    null,
    2,
  ),
);
