import { toHex } from '@gbkit/core';
import { createTestPki, GmCryptoEngine, gmPrivateKey, signCms, sm3, verifyCms } from '@gbkit/crypto';
import { unzipSync } from 'fflate';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';

const ab = (u: Uint8Array) => u.slice().buffer as ArrayBuffer;

describeCorpus('GB/T 35275 SignedData in the e-seal corpus', () => {
  it('testImageNotFound.ofd: both Type="Sign" signatures (detached, signed attributes, SM2-1 OID) verify', async () => {
    const files = unzipSync(readCorpus('e-seal', 'testImageNotFound.ofd'));
    for (const s of ['Sign_0', 'Sign_1']) {
      const value = files[`Doc_0/Signs/${s}/SignedValue.dat`] as Uint8Array;
      const xml = files[`Doc_0/Signs/${s}/Signature.xml`] as Uint8Array;
      const r = await verifyCms(value, { detachedContent: xml });
      expect(r.oidFamily).toBe('gbt35275');
      expect(r.contentType).toBe('1.2.156.10197.6.1.4.2.2');
      expect(r.detached).toBe(true);
      expect(r.valid).toBe(true);
      const signer = r.signers[0];
      expect(signer?.signatureAlgorithm).toBe('1.2.156.10197.1.301.1');
      expect(signer?.digestAlgorithm).toBe('1.2.156.10197.1.401');
      expect(signer?.messageDigest).toEqual({
        expected: toHex(sm3(xml)),
        actual: toHex(sm3(xml)),
        valid: true,
      });
      expect(signer?.signature).toMatchObject({ valid: true, format: 'der' });
      expect(signer?.signingTime?.toISOString()).toBe('2022-11-01T09:22:33.000Z');
      expect(signer?.certificate?.subjectName.parts.find((p) => p.name === 'CN')?.value).toBe(
        '一部手机办事通设备证书',
      );
      // The contentType attribute is the GB/T 35275 data OID while eContentType is PKCS#7 data: tolerated, reported.
      expect(signer?.problems.map((p) => p.code)).toEqual(['WARN_CMS_CONTENT_TYPE_MIXED']);
      // Tampered Signature.xml: messageDigest fails, signature over the attributes still verifies.
      const bad = xml.slice();
      bad[10] = (bad[10] as number) ^ 1;
      const t = await verifyCms(value, { detachedContent: bad });
      expect(t.valid).toBe(false);
      expect(t.signers[0]?.problems.map((p) => p.code)).toContain('ERR_CMS_MESSAGE_DIGEST');
      expect(t.signers[0]?.signature.valid).toBe(true);
      // Without the content the result says so.
      expect((await verifyCms(value)).signers[0]?.problems.map((p) => p.code)).toContain(
        'ERR_CMS_NO_CONTENT',
      );
    }
  });

  it('hello-integrity.ofd: attached SM3(OFDEntries.xml), no signed attributes, signer = sign_cert.pem', async () => {
    const files = unzipSync(readCorpus('e-seal', 'hello-integrity.ofd'));
    const r = await verifyCms(files['signedvalue.dat'] as Uint8Array);
    expect(r.valid).toBe(true);
    expect(r.detached).toBe(false);
    expect(r.encapsulatedContentType).toBe('1.2.156.10197.6.1.4.2.1');
    expect(toHex(r.content as Uint8Array)).toBe(toHex(sm3(files['OFDEntries.xml'] as Uint8Array)));
    expect(r.signers[0]?.signedAttributes).toBe(false);
    expect(r.signers[0]?.problems.map((p) => p.code)).toEqual(['WARN_CMS_NO_SIGNED_ATTRIBUTES']);
    const signCert = readCorpus('e-seal', 'keys', 'sign_cert.pem');
    expect(toHex(r.signers[0]?.certificate?.der as Uint8Array)).toBe(
      toHex((await import('@gbkit/crypto')).parseCertificate(signCert).der),
    );
  });

  it('pkijs with GmCryptoEngine agrees on the corpus signature', async () => {
    const files = unzipSync(readCorpus('e-seal', 'testImageNotFound.ofd'));
    const ci = pkijs.ContentInfo.fromBER(ab(files['Doc_0/Signs/Sign_0/SignedValue.dat'] as Uint8Array));
    const sd = new pkijs.SignedData({ schema: ci.content });
    const r = await sd.verify(
      {
        signer: 0,
        data: ab(files['Doc_0/Signs/Sign_0/Signature.xml'] as Uint8Array),
        extendedMode: true,
        checkChain: false,
      },
      new GmCryptoEngine(),
    );
    expect(r.signatureVerified).toBe(true);
  });
});

describe('signCms / verifyCms', () => {
  const data = new TextEncoder().encode('%PDF-1.7 byte range stand-in');

  it('signs detached and attached, PKCS#7 and GB/T 35275, DER and raw signatures', async () => {
    const pki = await createTestPki();
    const base = {
      content: data,
      certificate: pki.signer.certificate,
      privateKey: pki.signer.privateKey,
      certificates: [pki.ca.certificate],
    };
    const cases = [
      { opts: {}, family: 'pkcs7', sigAlg: '1.2.156.10197.1.501', warnings: [] as string[] },
      { opts: { detached: false }, family: 'pkcs7', sigAlg: '1.2.156.10197.1.501', warnings: [] },
      {
        opts: { oidFamily: 'gbt35275' as const },
        family: 'gbt35275',
        sigAlg: '1.2.156.10197.1.301.1',
        warnings: [],
      },
      {
        opts: {
          oidFamily: 'gbt35275' as const,
          signedAttributes: false,
          detached: false,
          signatureFormat: 'raw' as const,
        },
        family: 'gbt35275',
        sigAlg: '1.2.156.10197.1.301.1',
        warnings: ['WARN_CMS_NO_SIGNED_ATTRIBUTES', 'WARN_CMS_RAW_SIGNATURE'],
      },
    ];
    for (const c of cases) {
      const p7 = signCms({ ...base, ...c.opts, signingTime: new Date('2026-03-04T05:06:07Z') });
      const r = await verifyCms(p7, { detachedContent: data });
      expect(r.valid).toBe(true);
      expect(r.oidFamily).toBe(c.family);
      expect(r.certificates).toHaveLength(2);
      const s = r.signers[0];
      expect(s?.signatureAlgorithm).toBe(c.sigAlg);
      expect(s?.certificate?.subject).toBe(pki.signer.certificate.subject);
      expect(s?.problems.map((p) => p.code)).toEqual(c.warnings);
      if (s?.signedAttributes) expect(s.signingTime?.toISOString()).toBe('2026-03-04T05:06:07.000Z');
      const bad = data.slice();
      bad[0] = 0;
      expect((await verifyCms(p7, { detachedContent: bad })).valid).toBe(false);
    }
  });

  it('reports a wrong user ID and refuses a key that does not match the certificate', async () => {
    const pki = await createTestPki();
    const p7 = signCms({
      content: data,
      certificate: pki.signer.certificate,
      privateKey: pki.signer.privateKey,
    });
    const wrongId = await verifyCms(p7, { detachedContent: data, userId: '' });
    expect(wrongId.signers[0]?.problems.map((p) => p.code)).toEqual(['ERR_CMS_SIGNATURE']);
    expect(wrongId.signers[0]?.signature.reason).toBe('ERR_SM2_SIGNATURE_MISMATCH');
    expect(() =>
      signCms({ content: data, certificate: pki.signer.certificate, privateKey: pki.sealMaker.privateKey }),
    ).toThrow(expect.objectContaining({ code: 'ERR_CMS_KEY_MISMATCH' }));
  });

  it('pkijs verifies ours, and ours verifies what pkijs signs with GmCryptoEngine', async () => {
    const pki = await createTestPki();
    const engine = new GmCryptoEngine();
    const p7 = signCms({
      content: data,
      certificate: pki.signer.certificate,
      privateKey: pki.signer.privateKey,
    });
    const sd = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(ab(p7)).content });
    expect(
      (await sd.verify({ signer: 0, data: ab(data), extendedMode: true, checkChain: false }, engine))
        .signatureVerified,
    ).toBe(true);

    const cert = pkijs.Certificate.fromBER(ab(pki.signer.certificate.der));
    const sd2 = new pkijs.SignedData({
      version: 1,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        }),
      ],
      certificates: [cert],
    });
    await sd2.sign(gmPrivateKey(pki.signer) as unknown as CryptoKey, 0, 'SM3', ab(data), engine);
    const der = new Uint8Array(
      new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: sd2.toSchema(true) })
        .toSchema()
        .toBER(),
    );
    const r = await verifyCms(der, { detachedContent: data });
    expect(r.valid).toBe(true);
    expect(r.signers[0]?.signedAttributes).toBe(false);
  });
});
