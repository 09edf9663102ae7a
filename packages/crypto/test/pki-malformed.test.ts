import { isGbkitError } from '@gbkit/core';
import {
  createTestPki,
  exportPkcs12,
  exportPrivateKeyPkcs8,
  exportPrivateKeySec1,
  importPrivateKey,
  parseCertificate,
  parseCrl,
  parsePkcs12,
  signCms,
  verifyCms,
} from '@gbkit/crypto';
import { describe, expect, it } from 'vitest';

/** Truncations and single-byte corruptions of valid structures must fail with a typed gbkit error only. */
describe('malformed PKI input gives typed errors, never a crash', async () => {
  const pki = await createTestPki();
  const crl = pki.issueCrl({ revoked: [{ serialNumber: '01', reason: 'superseded' }] });
  const p7 = signCms({
    content: new Uint8Array([1, 2, 3]),
    certificate: pki.signer.certificate,
    privateKey: pki.signer.privateKey,
    detached: false,
  });
  const p12 = exportPkcs12({
    privateKey: pki.signer,
    certificate: pki.signer.certificate,
    password: 'x',
    iterations: 1,
  });
  const targets: [string, Uint8Array, (b: Uint8Array) => unknown][] = [
    ['certificate', pki.signer.certificate.der, (b) => parseCertificate(b)],
    ['CRL', crl.der, (b) => parseCrl(b)],
    ['CMS', p7, (b) => verifyCms(b)],
    ['PKCS#12', p12, (b) => parsePkcs12(b, { password: 'x' })],
    ['SEC1', exportPrivateKeySec1(pki.signer), (b) => importPrivateKey(b)],
    ['PKCS#8', exportPrivateKeyPkcs8(pki.signer), (b) => importPrivateKey(b)],
  ];
  for (const [name, der, fn] of targets) {
    it(name, async () => {
      const escaped: string[] = [];
      const variants: Uint8Array[] = [];
      for (let i = 0; i < der.length; i++) {
        variants.push(der.subarray(0, i));
        const flipped = der.slice();
        flipped[i] = (flipped[i] as number) ^ 0xff;
        const indefinite = der.slice();
        indefinite[i] = 0x80;
        variants.push(flipped, indefinite);
      }
      for (const v of variants) {
        try {
          await fn(v);
        } catch (e) {
          if (!isGbkitError(e)) escaped.push(String(e));
        }
      }
      expect(escaped).toEqual([]);
    });
  }
});
