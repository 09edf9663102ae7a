/**
 * Interop with the `openssl` CLI (OpenSSL 3), both directions. OpenSSL signs/verifies SM2 with the
 * standard user ID only when told: `-pkeyopt distid:1234567812345678` (pkeyutl), `-sigopt` (dgst signing
 * and, in OpenSSL 3.0, dgst verification; `-vfyopt` is for req/x509/verify). Without it OpenSSL uses an empty ID — also shown here.
 * SM2 encryption: `openssl pkeyutl -encrypt/-decrypt` writes/reads DER SM2Ciphertext (C1C3C2).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex, utf8 } from '@gbkit/core';
import { sm2Decrypt, sm2Encrypt, sm2GenerateKeyPair, sm2Sign, sm2Verify } from '@gbkit/crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sec1Pem, spkiPem } from './helpers/sm2-keys.js';

const ID = 'distid:1234567812345678';

function haveOpenssl(): boolean {
  try {
    return /OpenSSL 3/.test(execFileSync('openssl', ['version'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}
const HAVE = haveOpenssl();
if (!HAVE)
  console.warn(
    'SKIPPED: interop-openssl needs the OpenSSL 3 `openssl` CLI on PATH (apt-get install openssl)',
  );

describe.skipIf(!HAVE)('interop with the openssl CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gbkit-sm2-ossl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const f = (n: string) => join(dir, n);
  const ossl = (args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const osslOk = (args: string[]) => {
    try {
      ossl(args);
      return true;
    } catch {
      return false;
    }
  };

  const kp = sm2GenerateKeyPair();
  writeFileSync(f('key.pem'), sec1Pem(kp.privateKey, kp.publicKey));
  writeFileSync(f('pub.pem'), spkiPem(kp.publicKey));
  const msg = utf8(`电子印章 interop ${'x'.repeat(500)}`);
  writeFileSync(f('msg.bin'), msg);

  it('openssl derives the same public key from our private key', () => {
    const out = ossl(['pkey', '-in', 'key.pem', '-pubout', '-outform', 'DER']);
    expect(toHex(new Uint8Array(out).subarray(out.length - 65))).toBe(toHex(kp.publicKey));
  });

  it('our signatures verify in openssl pkeyutl and dgst with distid, and fail without it', () => {
    for (let i = 0; i < 3; i++) {
      writeFileSync(f('sig.der'), sm2Sign(msg, kp.privateKey));
      const base = [
        'pkeyutl',
        '-verify',
        '-rawin',
        '-digest',
        'sm3',
        '-pubin',
        '-inkey',
        'pub.pem',
        '-in',
        'msg.bin',
        '-sigfile',
        'sig.der',
      ];
      expect(osslOk([...base, '-pkeyopt', ID])).toBe(true);
      expect(osslOk(base)).toBe(false);
      // `openssl dgst` 3.0 has no -vfyopt; it takes -sigopt for verification too.
      expect(
        osslOk(['dgst', '-sm3', '-verify', 'pub.pem', '-sigopt', ID, '-signature', 'sig.der', 'msg.bin']),
      ).toBe(true);
      expect(osslOk(['dgst', '-sm3', '-verify', 'pub.pem', '-signature', 'sig.der', 'msg.bin'])).toBe(false);
    }
  });

  it('openssl signatures (pkeyutl and dgst, with distid) verify in ours; empty-ID ones only with userId ""', () => {
    for (let i = 0; i < 3; i++) {
      const a = ossl([
        'pkeyutl',
        '-sign',
        '-rawin',
        '-digest',
        'sm3',
        '-inkey',
        'key.pem',
        '-in',
        'msg.bin',
        '-pkeyopt',
        ID,
      ]);
      expect(sm2Verify(msg, new Uint8Array(a), kp.publicKey)).toEqual({ valid: true, format: 'der' });
      const b = ossl(['dgst', '-sm3', '-sign', 'key.pem', '-sigopt', ID, 'msg.bin']);
      expect(sm2Verify(msg, new Uint8Array(b), kp.publicKey).valid).toBe(true);
      const empty = ossl([
        'pkeyutl',
        '-sign',
        '-rawin',
        '-digest',
        'sm3',
        '-inkey',
        'key.pem',
        '-in',
        'msg.bin',
      ]);
      expect(sm2Verify(msg, new Uint8Array(empty), kp.publicKey).reason).toBe('ERR_SM2_SIGNATURE_MISMATCH');
      expect(sm2Verify(msg, new Uint8Array(empty), kp.publicKey, { userId: '' }).valid).toBe(true);
    }
  });

  it('openssl-generated keys: its signature verifies in ours with the key it wrote', () => {
    ossl(['genpkey', '-algorithm', 'SM2', '-out', 'k2.pem']);
    const spki = ossl(['pkey', '-in', 'k2.pem', '-pubout', '-outform', 'DER']);
    const pub = new Uint8Array(spki).subarray(spki.length - 65);
    const sig = ossl(['dgst', '-sm3', '-sign', 'k2.pem', '-sigopt', ID, 'msg.bin']);
    expect(sm2Verify(msg, new Uint8Array(sig), pub).valid).toBe(true);
  });

  it('SM2 encryption: ours (DER, C1C3C2) decrypts in openssl pkeyutl, and openssl output decrypts in ours', () => {
    for (const pt of [utf8('share'), new Uint8Array(300).map((_, i) => i & 0xff)]) {
      writeFileSync(f('ct.der'), sm2Encrypt(kp.publicKey, pt, { encoding: 'der' }));
      const out = ossl(['pkeyutl', '-decrypt', '-inkey', 'key.pem', '-in', 'ct.der']);
      expect(toHex(new Uint8Array(out))).toBe(toHex(pt));

      writeFileSync(f('pt.bin'), pt);
      ossl(['pkeyutl', '-encrypt', '-pubin', '-inkey', 'pub.pem', '-in', 'pt.bin', '-out', 'ct2.der']);
      const ct2 = new Uint8Array(readFileSync(f('ct2.der')));
      expect(ct2[0]).toBe(0x30);
      expect(toHex(sm2Decrypt(kp.privateKey, ct2, { encoding: 'der' }))).toBe(toHex(pt));
    }
  });
});
