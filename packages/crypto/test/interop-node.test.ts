/**
 * Why gbkit never uses Node's built-in SM2 (Node 20 / OpenSSL 3.0): a key imported from PEM/DER is typed
 * EVP_PKEY_SM2 and `crypto.sign/verify` then compute Z with an EMPTY user ID, with no way to set the
 * standard `1234567812345678`. This test demonstrates it on the running Node:
 * - Node's signature fails our default-ID verification and verifies only with `userId: ''`;
 * - our (standard) signature fails Node's `crypto.verify`.
 */
import {
  createPrivateKey,
  createPublicKey,
  getCurves,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import { utf8 } from '@gbkit/core';
import { sm2GenerateKeyPair, sm2Sign, sm2Verify } from '@gbkit/crypto';
import { describe, expect, it } from 'vitest';
import { sec1Der, spkiDer } from './helpers/sm2-keys.js';

const HAVE = getCurves().includes('SM2');
if (!HAVE) console.warn('SKIPPED: this Node has no SM2 curve; the Node-SM2 trap cannot be demonstrated');

describe.skipIf(!HAVE)("Node's built-in SM2 uses the empty user ID", () => {
  const kp = sm2GenerateKeyPair();
  const nodePriv = createPrivateKey({
    key: Buffer.from(sec1Der(kp.privateKey, kp.publicKey)),
    format: 'der',
    type: 'sec1',
  });
  const nodePub = createPublicKey({ key: Buffer.from(spkiDer(kp.publicKey)), format: 'der', type: 'spki' });
  const msg = utf8('国家政务服务平台 电子证照');

  it("Node's signature fails our default-ID verify and verifies only with userId ''", () => {
    for (let i = 0; i < 3; i++) {
      const sig = new Uint8Array(nodeSign('sm3', msg, nodePriv));
      expect(nodeVerify('sm3', msg, nodePub, sig)).toBe(true); // Node agrees with itself
      expect(sm2Verify(msg, sig, kp.publicKey)).toMatchObject({
        valid: false,
        reason: 'ERR_SM2_SIGNATURE_MISMATCH',
      });
      expect(sm2Verify(msg, sig, kp.publicKey, { userId: '' }).valid).toBe(true);
    }
  });

  it("our standard signature fails Node's crypto.verify; our empty-ID signature passes it", () => {
    for (let i = 0; i < 3; i++) {
      expect(nodeVerify('sm3', msg, nodePub, sm2Sign(msg, kp.privateKey))).toBe(false);
      expect(nodeVerify('sm3', msg, nodePub, sm2Sign(msg, kp.privateKey, { userId: '' }))).toBe(true);
    }
  });
});
