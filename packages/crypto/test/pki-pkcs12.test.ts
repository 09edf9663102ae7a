import { equalBytes, isGbkitError, toHex } from '@gbkit/core';
import {
  createTestPki,
  exportPkcs12,
  exportPrivateKeyPkcs8,
  importPrivateKey,
  importPublicKey,
  parseCertificate,
  parsePkcs12,
  sm2Sign,
  sm2Verify,
} from '@gbkit/crypto';
import { describe, expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';
import { HAVE_OPENSSL, openssl, read, tempDir, write } from './pki-openssl.js';

async function codeOfAsync(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (e) {
    return isGbkitError(e) ? e.code : `non-gbkit: ${String(e)}`;
  }
  return undefined;
}

/** Every key file in the e-seal corpus with the password its MANIFEST gives. */
const CORPUS_KEYS = [
  {
    file: 'USER.p12',
    password: '777777',
    subjectCN: 'Test Certificate',
    keyBag: 'pbeWithSHAAnd3-KeyTripleDES-CBC',
    certBag: 'pbeWithSHAAnd40BitRC2-CBC',
  },
  {
    file: 'SealBuilder.p12',
    password: '777777',
    subjectCN: 'Test Certificate',
    keyBag: 'pbeWithSHAAnd3-KeyTripleDES-CBC',
    certBag: 'pbeWithSHAAnd40BitRC2-CBC',
  },
  {
    file: 'ROOT.p12',
    password: '123456',
    subjectCN: 'OFD Reader and WriterROOT Certificate',
    keyBag: 'pbeWithSHAAnd3-KeyTripleDES-CBC',
    certBag: 'pbeWithSHAAnd40BitRC2-CBC',
  },
  {
    file: 'pdf-sign-sm2.p12',
    password: '12345678',
    subjectCN: 'dsumuzhe',
    keyBag: 'pbeWithSHAAnd3-KeyTripleDES-CBC',
    certBag: 'pbeWithSHAAnd40BitRC2-CBC',
  },
  {
    file: 'chingliu-sm2_test.pfx',
    password: '123456',
    subjectCN: 'Ching',
    keyBag: 'PBES2',
    certBag: 'PBES2',
  },
] as const;

const opened = new Map<string, ReturnType<typeof parsePkcs12>>();
function open(file: string, password: string): ReturnType<typeof parsePkcs12> {
  let p = opened.get(file);
  if (!p) {
    p = parsePkcs12(readCorpus('e-seal', 'keys', file), { password });
    opened.set(file, p);
  }
  return p;
}

describeCorpus('PKCS#12 files of the e-seal corpus', () => {
  for (const k of CORPUS_KEYS) {
    it(`${k.file} opens with its password and the key matches the certificate`, () => {
      const p12 = open(k.file, k.password);
      expect(p12.keys).toHaveLength(1);
      expect(p12.keys[0]?.encryption).toBe(k.keyBag);
      expect(p12.certificates[0]?.encryption).toBe(k.certBag);
      expect(p12.certificate).toBeDefined();
      expect(p12.certificate?.subjectName.parts.find((p) => p.name === 'CN')?.value).toBe(k.subjectCN);
      expect(toHex(p12.certificate?.publicKey as Uint8Array)).toBe(toHex(p12.publicKey));
      // The key really signs for the certificate's public key.
      const msg = new TextEncoder().encode(`gbkit ${k.file}`);
      expect(
        sm2Verify(msg, sm2Sign(msg, p12.privateKey), p12.certificate?.publicKey as Uint8Array).valid,
      ).toBe(true);
    });
  }

  it('importPrivateKey reads a PKCS#12 file directly', () => {
    const again = importPrivateKey(readCorpus('e-seal', 'keys', 'chingliu-sm2_test.pfx'), {
      password: '123456',
    });
    expect(equalBytes(again.privateKey, open('chingliu-sm2_test.pfx', '123456').privateKey)).toBe(true);
  });

  it('the MAC type and iterations are reported (legacy SHA-1 vs modern SHA-256)', () => {
    expect(open('ROOT.p12', '123456').mac).toEqual({ digest: '1.3.14.3.2.26', iterations: 102400 });
    expect(open('chingliu-sm2_test.pfx', '123456').mac).toEqual({
      digest: '2.16.840.1.101.3.4.2.1',
      iterations: 2048,
    });
  });

  it('a wrong password is ERR_PKCS12_MAC; a modified file too', async () => {
    expect(
      await codeOfAsync(() => parsePkcs12(readCorpus('e-seal', 'keys', 'USER.p12'), { password: '777778' })),
    ).toBe('ERR_PKCS12_MAC');
    expect(
      await codeOfAsync(() => importPrivateKey(readCorpus('e-seal', 'keys', 'chingliu-sm2_test.pfx'))),
    ).toBe('ERR_PKCS12_MAC');
    const bytes = readCorpus('e-seal', 'keys', 'chingliu-sm2_test.pfx').slice();
    bytes[200] = (bytes[200] as number) ^ 1;
    expect(await codeOfAsync(() => parsePkcs12(bytes, { password: '123456' }))).toMatch(
      /^ERR_(PKCS12_MAC|DER_MALFORMED)$/,
    );
  });

  it('sign_key.pem (SEC1) matches sign_cert.pem', () => {
    const key = importPrivateKey(readCorpus('e-seal', 'keys', 'sign_key.pem'));
    const cert = parseCertificate(readCorpus('e-seal', 'keys', 'sign_cert.pem'));
    expect(toHex(key.publicKey)).toBe(toHex(cert.publicKey));
    expect(toHex(importPublicKey(readCorpus('e-seal', 'keys', 'sign_cert.pem')))).toBe(toHex(cert.publicKey));
  });
});

describe.skipIf(!HAVE_OPENSSL)('PKCS#12 files written by openssl', () => {
  it('opens the OpenSSL 3 default (PBES2/AES-256, HMAC-SHA256) and the -legacy (3DES/RC2-40, SHA-1) forms', () => {
    const dir = tempDir();
    openssl(['genpkey', '-algorithm', 'SM2', '-out', 'k.pem'], dir);
    openssl(
      [
        'req',
        '-x509',
        '-new',
        '-key',
        'k.pem',
        '-sm3',
        '-sigopt',
        'distid:1234567812345678',
        '-subj',
        '/CN=p12 test',
        '-days',
        '30',
        '-out',
        'c.pem',
      ],
      dir,
    );
    openssl(
      ['pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-passout', 'pass:pw1', '-out', 'modern.p12'],
      dir,
    );
    const key = importPrivateKey(read(dir, 'k.pem'));
    const modern = parsePkcs12(read(dir, 'modern.p12'), { password: 'pw1' });
    expect(toHex(modern.privateKey)).toBe(toHex(key.privateKey));
    expect(modern.keys[0]?.encryption).toBe('PBES2');
    expect(modern.certificate?.subject).toBe('CN=p12 test');
    try {
      openssl(
        [
          'pkcs12',
          '-export',
          '-legacy',
          '-inkey',
          'k.pem',
          '-in',
          'c.pem',
          '-passout',
          'pass:pw2',
          '-out',
          'legacy.p12',
        ],
        dir,
      );
    } catch (e) {
      console.warn(
        `!! openssl cannot write -legacy PKCS#12 here (no legacy provider): ${String(e).slice(0, 160)}`,
      );
      return;
    }
    const legacy = parsePkcs12(read(dir, 'legacy.p12'), { password: 'pw2' });
    expect(toHex(legacy.privateKey)).toBe(toHex(key.privateKey));
    expect(legacy.certificates[0]?.encryption).toBe('pbeWithSHAAnd40BitRC2-CBC');
    // And our PKCS#8 of that key goes into an openssl PKCS#12 and back.
    write(dir, 'ours.pem', exportPrivateKeyPkcs8(key, 'pem'));
    openssl(
      ['pkcs12', '-export', '-inkey', 'ours.pem', '-in', 'c.pem', '-passout', 'pass:', '-out', 'empty.p12'],
      dir,
    );
    expect(toHex(parsePkcs12(read(dir, 'empty.p12')).privateKey)).toBe(toHex(key.privateKey));
  });
});

describe('exportPkcs12 and encrypted PKCS#8', () => {
  it('round-trips, and a wrong password is ERR_PKCS12_MAC', async () => {
    const pki = await createTestPki();
    const p12 = exportPkcs12({
      privateKey: pki.signer,
      certificate: pki.signer.certificate,
      chain: [pki.ca.certificate],
      password: 'pw',
      friendlyName: 'signer',
    });
    const back = parsePkcs12(p12, { password: 'pw' });
    expect(toHex(back.privateKey)).toBe(toHex(pki.signer.privateKey));
    expect(back.certificate?.subject).toBe(pki.signer.certificate.subject);
    expect(back.chain.map((c) => c.subject)).toEqual([pki.ca.certificate.subject]);
    expect(back.keys[0]?.friendlyName).toBe('signer');
    expect(back.keys[0]?.encryption).toBe('PBES2');
    expect(back.mac).toEqual({ digest: '2.16.840.1.101.3.4.2.1', iterations: 2048 });
    expect(await codeOfAsync(() => parsePkcs12(p12, { password: 'pW' }))).toBe('ERR_PKCS12_MAC');
    expect(
      await codeOfAsync(() =>
        exportPkcs12({ privateKey: pki.ca, certificate: pki.signer.certificate, password: 'x' }),
      ),
    ).toBe('ERR_PKCS12_KEY_MISMATCH');
    const enc = exportPrivateKeyPkcs8(pki.signer, 'pem', { password: 'k', iterations: 1000 });
    expect(enc).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(toHex(importPrivateKey(enc, { password: 'k' }).privateKey)).toBe(toHex(pki.signer.privateKey));
  });

  it.skipIf(!HAVE_OPENSSL)('openssl reads our PKCS#12 and our encrypted PKCS#8', async () => {
    const pki = await createTestPki();
    const dir = tempDir();
    write(
      dir,
      'ours.p12',
      exportPkcs12({
        privateKey: pki.signer,
        certificate: pki.signer.certificate,
        chain: [pki.ca.certificate],
        password: 'pw',
      }),
    );
    write(dir, 'enc.pem', exportPrivateKeyPkcs8(pki.signer, 'pem', { password: 'k', iterations: 2048 }));
    openssl(['pkcs12', '-in', 'ours.p12', '-passin', 'pass:pw', '-nodes', '-out', 'dump.pem'], dir);
    const dump = new TextDecoder().decode(read(dir, 'dump.pem'));
    expect(dump).toContain('-----BEGIN PRIVATE KEY-----');
    expect(dump.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(toHex(importPrivateKey(dump).privateKey)).toBe(toHex(pki.signer.privateKey));
    openssl(['pkey', '-in', 'enc.pem', '-passin', 'pass:k', '-out', 'plain.pem'], dir);
    expect(toHex(importPrivateKey(read(dir, 'plain.pem')).privateKey)).toBe(toHex(pki.signer.privateKey));
  });
});
