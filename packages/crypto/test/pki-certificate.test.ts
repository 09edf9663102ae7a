import { isGbkitError, toHex } from '@gbkit/core';
import {
  createTestPki,
  encodeName,
  exportPrivateKeyPkcs8,
  issueCertificate,
  parseCertificate,
  parseCertificates,
  parseName,
  sm2GenerateKeyPair,
} from '@gbkit/crypto';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';
import { GmCryptoEngine } from '../src/pki/engine.js';
import {
  DISTID,
  HAVE_OPENSSL,
  openssl,
  opensslSm2Pki,
  opensslStatus,
  read,
  tempDir,
  write,
} from './pki-openssl.js';

describeCorpus('certificates of the e-seal corpus', () => {
  it('parses sign_cert.pem: names, serial, validity, SM2 key, extensions; the ofdrw root signed it', async () => {
    const cert = parseCertificate(readCorpus('e-seal', 'keys', 'sign_cert.pem'));
    expect(cert.version).toBe(3);
    expect(cert.serialNumber).toBe('017af20e3374');
    expect(cert.subject).toBe('C=CN, O=OFD R&W, ST=Zhejiang, L=Hangzhou, CN=Test Certificate');
    expect(cert.issuerName.parts.at(-1)).toEqual({
      type: '2.5.4.3',
      name: 'CN',
      value: 'OFD Reader and WriterROOT Certificate',
    });
    expect(cert.notBefore.toISOString().slice(0, 10)).toBe('2021-07-29');
    expect(cert.notAfter.toISOString().slice(0, 10)).toBe('2023-07-29');
    expect(cert.publicKeyAlgorithm).toBe('SM2');
    expect(cert.publicKey).toHaveLength(65);
    expect(cert.signatureAlgorithm).toBe('1.2.156.10197.1.501');
    expect(cert.signatureAlgorithmName).toBe('SM2-with-SM3');
    expect(cert.tbs[0]).toBe(0x30);
    expect(cert.toPem()).toContain('-----BEGIN CERTIFICATE-----');
    // Our own signature check: the certificate is signed by ROOT.p12's key with the default user ID.
    const { parsePkcs12 } = await import('@gbkit/crypto');
    const root = parsePkcs12(readCorpus('e-seal', 'keys', 'ROOT.p12'), { password: '123456' }).certificate;
    expect(root).toBeDefined();
    expect((await cert.verifySignature(root)).valid).toBe(true);
    expect((await cert.verifySignature(root?.publicKey)).valid).toBe(true);
    const wrongId = await cert.verifySignature(root, { userId: '' });
    expect(wrongId).toMatchObject({ valid: false, reason: 'ERR_SM2_SIGNATURE_MISMATCH' });
    expect((await cert.verifySignature()).valid).toBe(false); // not self-signed
    expect(root?.basicConstraints?.ca).toBe(true);
    expect(root?.keyUsage?.usages).not.toContain('keyCertSign');
  });

  it('malformed input gives ERR_CERT_MALFORMED or a DER error with a location', () => {
    const der = parseCertificate(readCorpus('e-seal', 'keys', 'sign_cert.pem')).der;
    try {
      parseCertificate(der.subarray(0, 100));
      expect.unreachable();
    } catch (e) {
      expect(isGbkitError(e)).toBe(true);
      expect((e as { code: string }).code).toMatch(/^ERR_(CERT|DER)_MALFORMED$/);
    }
  });
});

describe('issued certificates', () => {
  it('createTestPki issues a CA, seal maker and signer with the expected extensions', async () => {
    const pki = await createTestPki({ organization: 'Acme' });
    const { ca, sealMaker, signer } = pki;
    expect(ca.certificate.subject).toBe('C=CN, O=Acme, CN=Acme Root CA');
    expect(ca.certificate.basicConstraints).toEqual({ ca: true, critical: true });
    expect(ca.certificate.keyUsage?.usages).toEqual(['keyCertSign', 'cRLSign']);
    expect(ca.certificate.selfIssued).toBe(true);
    expect((await ca.certificate.verifySignature()).valid).toBe(true);
    for (const id of [sealMaker, signer]) {
      expect(id.certificate.issuer).toBe(ca.certificate.subject);
      expect(id.certificate.keyUsage?.usages).toEqual(['digitalSignature', 'nonRepudiation']);
      expect(id.certificate.basicConstraints?.ca).toBe(false);
      expect(id.certificate.authorityKeyIdentifier?.keyIdentifier).toBe(ca.certificate.subjectKeyIdentifier);
      expect((await id.certificate.verifySignature(ca.certificate)).valid).toBe(true);
      expect(toHex(id.certificate.publicKey)).toBe(toHex(id.publicKey));
    }
    expect(parseCertificates(sealMaker.certificatePem + signer.certificatePem)).toHaveLength(2);
  });

  it('issues with explicit serial, dates, pathLength, extKeyUsage and CRL distribution point', () => {
    const k = sm2GenerateKeyPair();
    const c = issueCertificate({
      subject: [
        { name: 'C', value: 'CN' },
        { name: 'O', value: '某某市人民政府' },
        { name: 'CN', value: '电子印章, 测试' },
      ],
      publicKey: k.publicKey,
      issuerKey: k,
      serialNumber: '00ff01',
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2060-01-01T00:00:00Z'),
      ca: { pathLength: 0 },
      extKeyUsage: ['1.3.6.1.5.5.7.3.4'],
      crlDistributionPoints: ['http://crl.example/ca.crl'],
    });
    expect(c.serialNumber).toBe('ff01');
    expect(c.subjectName.parts[2]?.value).toBe('电子印章, 测试');
    expect(c.subject).toBe('C=CN, O=某某市人民政府, CN=电子印章\\, 测试');
    expect(c.notAfter.toISOString()).toBe('2060-01-01T00:00:00.000Z');
    expect(c.basicConstraints).toEqual({ ca: true, pathLength: 0, critical: true });
    expect(c.extKeyUsage).toEqual(['1.3.6.1.5.5.7.3.4']);
    expect(c.extensions.some((e) => e.oid === '2.5.29.31')).toBe(true);
    expect(parseName(encodeName('C=CN, O=Test, CN=A')).text).toBe('C=CN, O=Test, CN=A');
  });

  it('pkijs with GmCryptoEngine verifies our certificates and validates the chain', async () => {
    const pki = await createTestPki();
    const engine = new GmCryptoEngine();
    const leaf = pkijs.Certificate.fromBER(pki.signer.certificate.der.slice().buffer as ArrayBuffer);
    const ca = pkijs.Certificate.fromBER(pki.ca.certificate.der.slice().buffer as ArrayBuffer);
    expect(await leaf.verify(ca, engine)).toBe(true);
    expect(await ca.verify(leaf, engine)).toBe(false);
    const chain = new pkijs.CertificateChainValidationEngine({ trustedCerts: [ca], certs: [leaf] });
    expect((await chain.verify({}, engine)).result).toBe(true);
  });
});

describe.skipIf(!HAVE_OPENSSL)('openssl as an oracle for certificates', () => {
  it('certificates made by openssl with distid verify in ours; empty-ID ones do not', async () => {
    const dir = tempDir();
    opensslSm2Pki(dir, {
      caSubject: '/CN=SM2 Test CA',
      leafSubject: '/CN=SM2 Seal Signer/O=Test',
      leafExt: 'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n',
      days: 365,
    });
    openssl(
      [
        'x509',
        '-req',
        '-in',
        'leaf.csr',
        '-vfyopt',
        DISTID,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-sm3',
        '-days',
        '365',
        '-out',
        'leaf-emptyid.pem',
      ],
      dir,
    );
    const ca = parseCertificate(read(dir, 'ca.pem'));
    const leaf = parseCertificate(read(dir, 'leaf.pem'));
    expect(leaf.subject).toBe('CN=SM2 Seal Signer, O=Test');
    expect(leaf.keyUsage?.usages).toEqual(['digitalSignature', 'nonRepudiation']);
    expect((await ca.verifySignature()).valid).toBe(true);
    expect((await leaf.verifySignature(ca)).valid).toBe(true);
    const empty = parseCertificate(read(dir, 'leaf-emptyid.pem'));
    expect(await empty.verifySignature(ca)).toMatchObject({
      valid: false,
      reason: 'ERR_SM2_SIGNATURE_MISMATCH',
    });
    expect((await empty.verifySignature(ca, { userId: '' })).valid).toBe(true);
  });

  it('our certificates verify with openssl verify -vfyopt distid, and openssl reads their extensions', async () => {
    const pki = await createTestPki();
    const dir = tempDir();
    write(dir, 'ca.pem', pki.ca.certificatePem);
    write(dir, 'leaf.pem', pki.signer.certificatePem);
    write(dir, 'leaf.key', exportPrivateKeyPkcs8(pki.signer, 'pem'));
    expect(openssl(['verify', '-vfyopt', DISTID, '-CAfile', 'ca.pem', 'leaf.pem'], dir).toString()).toContain(
      'leaf.pem: OK',
    );
    // Without the distid OpenSSL 3.0 uses the empty ID and must reject a standard-ID certificate.
    expect(opensslStatus(['verify', '-CAfile', 'ca.pem', 'leaf.pem'], dir).status).not.toBe(0);
    const text = openssl(['x509', '-in', 'leaf.pem', '-noout', '-text'], dir).toString();
    expect(text).toContain('SM2-with-SM3');
    expect(text).toContain('Digital Signature, Non Repudiation');
    expect(text).toContain('ASN1 OID: SM2');
    // openssl accepts our key as the certificate's key.
    openssl(['x509', '-in', 'leaf.pem', '-noout', '-checkend', '0'], dir);
    const mod = openssl(['pkey', '-in', 'leaf.key', '-pubout'], dir).toString();
    const pub = openssl(['x509', '-in', 'leaf.pem', '-noout', '-pubkey'], dir).toString();
    expect(mod).toBe(pub);
  });

  it('ECDSA P-256 and RSA certificates verify through WebCrypto', async () => {
    const dir = tempDir();
    openssl(
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        'ec.key',
        '-subj',
        '/CN=EC',
        '-days',
        '2',
        '-out',
        'ec.pem',
      ],
      dir,
    );
    openssl(
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'rsa.key',
        '-subj',
        '/CN=RSA',
        '-days',
        '2',
        '-out',
        'rsa.pem',
      ],
      dir,
    );
    const ec = parseCertificate(read(dir, 'ec.pem'));
    const rsa = parseCertificate(read(dir, 'rsa.pem'));
    expect(ec.publicKeyAlgorithm).toBe('EC P-256');
    expect(ec.signatureAlgorithmName).toBe('ECDSA-SHA256');
    expect((await ec.verifySignature()).valid).toBe(true);
    expect(rsa.publicKeyAlgorithm).toBe('RSA');
    expect((await rsa.verifySignature()).valid).toBe(true);
    expect((await rsa.verifySignature(ec)).valid).toBe(false);
  });
});
