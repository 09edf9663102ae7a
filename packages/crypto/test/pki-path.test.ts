import {
  createTestPki,
  issueCertificate,
  issueCrl,
  type ParsedCertificate,
  parseCertificate,
  parseCrl,
  parsePkcs12,
  sm2GenerateKeyPair,
  validatePath,
} from '@gbkit/crypto';
import { describe, expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';
import { DISTID, HAVE_OPENSSL, openssl, tempDir, write } from './pki-openssl.js';

const codes = (r: { problems: readonly { code: string; severity: string }[] }) =>
  r.problems.map((p) => `${p.code}/${p.severity}`);

describe('path validation on an issued PKI', () => {
  it('valid, expired, not yet valid, untrusted', async () => {
    const pki = await createTestPki({ notBefore: new Date('2026-01-01T00:00:00Z') });
    const anchors = [pki.ca.certificate];
    const ok = await validatePath(pki.signer.certificate, {
      trustAnchors: anchors,
      at: new Date('2026-06-01'),
    });
    expect(ok).toMatchObject({ status: 'valid', valid: true, problems: [] });
    expect(ok.chain.map((c) => c.subject)).toEqual([
      pki.signer.certificate.subject,
      pki.ca.certificate.subject,
    ]);
    expect(ok.trustAnchor?.subject).toBe(pki.ca.certificate.subject);

    const late = await validatePath(pki.signer.certificate, {
      trustAnchors: anchors,
      at: new Date('2029-01-01'),
    });
    expect(late.status).toBe('invalid');
    expect(codes(late)).toEqual(['ERR_PATH_EXPIRED/error']);
    expect(late.problems[0]?.index).toBe(0);

    const early = await validatePath(pki.signer.certificate, {
      trustAnchors: anchors,
      at: new Date('2025-12-31'),
    });
    expect(codes(early)).toContain('ERR_PATH_NOT_YET_VALID/error');

    const other = await createTestPki({ organization: 'Other' });
    const untrusted = await validatePath(pki.signer.certificate, {
      trustAnchors: [other.ca.certificate],
      at: new Date('2026-06-01'),
    });
    expect(untrusted.status).toBe('indeterminate');
    expect(codes(untrusted)).toEqual(['ERR_PATH_NO_TRUSTED_CHAIN/error']);

    // A trust anchor given as PEM text; the leaf itself as an anchor.
    expect(
      (
        await validatePath(pki.signer.certificatePem, {
          trustAnchors: [pki.ca.certificatePem],
          at: new Date('2026-06-01'),
        })
      ).valid,
    ).toBe(true);
    expect(
      (
        await validatePath(pki.signer.certificate, {
          trustAnchors: [pki.signer.certificate],
          at: new Date('2026-06-01'),
        })
      ).chain,
    ).toHaveLength(1);
  });

  it('a forged certificate (same names, other key) fails the signature check', async () => {
    const pki = await createTestPki();
    const rogueKey = sm2GenerateKeyPair();
    const rogueCa = issueCertificate({
      subject: pki.ca.certificate.subject,
      publicKey: rogueKey.publicKey,
      issuerKey: rogueKey,
      ca: true,
    });
    const forged = issueCertificate({
      subject: 'C=CN, CN=Forged',
      publicKey: rogueKey.publicKey,
      issuer: rogueCa,
      issuerKey: rogueKey,
    });
    const r = await validatePath(forged, { trustAnchors: [pki.ca.certificate] });
    expect(r.status).toBe('invalid');
    expect(codes(r)).toContain('ERR_PATH_AKI_MISMATCH/error');
    // Without AKI/SKI help: forge a certificate whose AKI equals the real CA's SKI.
    const forged2 = issueCertificate({
      subject: 'C=CN, CN=Forged2',
      publicKey: rogueKey.publicKey,
      issuer: pki.ca.certificate,
      issuerKey: rogueKey,
    });
    const r2 = await validatePath(forged2, { trustAnchors: [pki.ca.certificate] });
    expect(r2.status).toBe('invalid');
    expect(codes(r2)).toEqual(['ERR_PATH_SIGNATURE/error']);
  });

  it('intermediates: pathLength, CA flag and keyCertSign, strict and relaxed', async () => {
    const rootKey = sm2GenerateKeyPair();
    const root = issueCertificate({
      subject: 'CN=Root',
      publicKey: rootKey.publicKey,
      issuerKey: rootKey,
      ca: { pathLength: 0 },
    });
    const midKey = sm2GenerateKeyPair();
    const mid = issueCertificate({
      subject: 'CN=Mid',
      publicKey: midKey.publicKey,
      issuer: root,
      issuerKey: rootKey,
      ca: true,
    });
    const mid2Key = sm2GenerateKeyPair();
    const mid2 = issueCertificate({
      subject: 'CN=Mid2',
      publicKey: mid2Key.publicKey,
      issuer: mid,
      issuerKey: midKey,
      ca: true,
    });
    const leafKey = sm2GenerateKeyPair();
    const leaf = issueCertificate({
      subject: 'CN=Leaf',
      publicKey: leafKey.publicKey,
      issuer: mid2,
      issuerKey: mid2Key,
    });
    const r = await validatePath(leaf, { trustAnchors: [root], intermediates: [mid2, mid] });
    expect(r.chain.map((c) => c.subject)).toEqual(['CN=Leaf', 'CN=Mid2', 'CN=Mid', 'CN=Root']);
    expect(codes(r)).toEqual(['ERR_PATH_LENGTH/error']);
    expect(r.problems[0]?.index).toBe(3);

    // Missing intermediate → no trusted chain.
    expect((await validatePath(leaf, { trustAnchors: [root], intermediates: [mid2] })).status).toBe(
      'indeterminate',
    );

    // An end-entity certificate used as an issuer; a CA without keyCertSign.
    const root2 = issueCertificate({
      subject: 'CN=Root2',
      publicKey: rootKey.publicKey,
      issuerKey: rootKey,
      ca: true,
    });
    const eeKey = sm2GenerateKeyPair();
    const ee = issueCertificate({
      subject: 'CN=EE',
      publicKey: eeKey.publicKey,
      issuer: root2,
      issuerKey: rootKey,
      keyUsage: ['digitalSignature'],
    });
    const below = issueCertificate({
      subject: 'CN=Below',
      publicKey: leafKey.publicKey,
      issuer: ee,
      issuerKey: eeKey,
    });
    const strict = await validatePath(below, { trustAnchors: [root2], intermediates: [ee] });
    expect(codes(strict)).toEqual(['ERR_PATH_NOT_CA/error', 'ERR_PATH_KEY_CERT_SIGN/error']);
    const relaxed = await validatePath(below, {
      trustAnchors: [root2],
      intermediates: [ee],
      relaxed: { allowMissingCaFlag: true, allowMissingKeyCertSign: true },
    });
    expect(relaxed.status).toBe('valid');
    expect(relaxed.problems.every((p) => p.tolerated && p.severity === 'warning')).toBe(true);
  });

  it('backtracks: a cross-certified intermediate whose first copy leads to an untrusted root', async () => {
    const trustedKey = sm2GenerateKeyPair();
    const trusted = issueCertificate({
      subject: 'CN=Trusted Root',
      publicKey: trustedKey.publicKey,
      issuerKey: trustedKey,
      ca: true,
    });
    const otherKey = sm2GenerateKeyPair();
    const otherRoot = issueCertificate({
      subject: 'CN=Other Root',
      publicKey: otherKey.publicKey,
      issuerKey: otherKey,
      ca: true,
    });
    const midKey = sm2GenerateKeyPair();
    const midByOther = issueCertificate({
      subject: 'CN=Mid',
      publicKey: midKey.publicKey,
      issuer: otherRoot,
      issuerKey: otherKey,
      ca: true,
    });
    const midByTrusted = issueCertificate({
      subject: 'CN=Mid',
      publicKey: midKey.publicKey,
      issuer: trusted,
      issuerKey: trustedKey,
      ca: true,
    });
    const leafKey = sm2GenerateKeyPair();
    const leaf = issueCertificate({
      subject: 'CN=Leaf',
      publicKey: leafKey.publicKey,
      issuer: midByOther,
      issuerKey: midKey,
    });
    const r = await validatePath(leaf, {
      trustAnchors: [trusted],
      intermediates: [midByOther, otherRoot, midByTrusted],
    });
    expect(r.status).toBe('valid');
    expect(r.chain.map((c) => c.issuer)).toEqual(['CN=Mid', 'CN=Trusted Root', 'CN=Trusted Root']);
  });

  it('leaf key usage and unknown critical extensions', async () => {
    const pki = await createTestPki();
    const enc = pki.issue({ subject: 'CN=Enc only', keyUsage: ['keyEncipherment'] });
    const r = await validatePath(enc.certificate, {
      trustAnchors: [pki.ca.certificate],
      leafKeyUsage: ['digitalSignature', 'nonRepudiation'],
    });
    expect(codes(r)).toEqual(['ERR_PATH_LEAF_KEY_USAGE/error']);
    const crit = pki.issue({
      subject: 'CN=Crit',
      extensions: [{ oid: '1.2.3.4.5', critical: true, value: Uint8Array.of(5, 0) }],
    });
    expect(codes(await validatePath(crit.certificate, { trustAnchors: [pki.ca.certificate] }))).toEqual([
      'ERR_PATH_UNKNOWN_CRITICAL_EXTENSION/error',
    ]);
  });
});

describe('CRLs', () => {
  it('issues, parses and verifies a CRL; revoked, not revoked, bad signature, stale, unavailable', async () => {
    const pki = await createTestPki({ notBefore: new Date('2026-01-01T00:00:00Z') });
    const at = new Date('2026-06-01T00:00:00Z');
    const crl = pki.issueCrl({
      thisUpdate: new Date('2026-05-01T00:00:00Z'),
      nextUpdate: new Date('2026-07-01T00:00:00Z'),
      crlNumber: 7,
      revoked: [
        {
          serialNumber: pki.signer.certificate.serialNumber,
          revocationDate: new Date('2026-05-01T00:00:00Z'),
          reason: 'keyCompromise',
        },
      ],
    });
    const parsed = parseCrl(crl.toPem());
    expect(parsed.issuer).toBe(pki.ca.certificate.subject);
    expect(parsed.crlNumber).toBe('07');
    expect(parsed.revoked).toEqual([
      {
        serialNumber: pki.signer.certificate.serialNumber,
        revocationDate: new Date('2026-05-01T00:00:00Z'),
        reason: 'keyCompromise',
      },
    ]);
    expect(parsed.find(pki.signer.certificate.serialNumber.toUpperCase())).toBeDefined();
    expect(parsed.find(pki.sealMaker.certificate.serialNumber)).toBeUndefined();
    expect((await parsed.verifySignature(pki.ca.certificate)).valid).toBe(true);
    expect((await parsed.verifySignature(pki.signer.certificate)).valid).toBe(false);
    expect(parsed.authorityKeyIdentifier?.keyIdentifier).toBe(pki.ca.certificate.subjectKeyIdentifier);

    const anchors = [pki.ca.certificate];
    const revoked = await validatePath(pki.signer.certificate, {
      trustAnchors: anchors,
      at,
      crl: () => parsed,
    });
    expect(revoked.status).toBe('invalid');
    expect(codes(revoked)).toEqual(['ERR_PATH_REVOKED/error']);
    // Before the revocation date the certificate is still good.
    expect(
      (
        await validatePath(pki.signer.certificate, {
          trustAnchors: anchors,
          at: new Date('2026-04-01'),
          crl: () => parsed,
          relaxed: { allowStaleCrl: true },
        })
      ).status,
    ).toBe('valid');
    const fine = await validatePath(pki.sealMaker.certificate, {
      trustAnchors: anchors,
      at,
      crl: async () => parsed,
    });
    expect(fine.status).toBe('valid');

    // A CRL "from" the CA but signed by someone else.
    const other = await createTestPki({ organization: 'gbkit Test' });
    const fake = issueCrl({ issuer: pki.ca.certificate, issuerKey: other.ca.privateKey, revoked: [] });
    expect(
      codes(await validatePath(pki.sealMaker.certificate, { trustAnchors: anchors, at, crl: () => fake })),
    ).toEqual(['ERR_PATH_CRL_SIGNATURE/error']);

    const stale = await validatePath(pki.sealMaker.certificate, {
      trustAnchors: anchors,
      at: new Date('2026-08-01'),
      crl: () => parsed,
    });
    expect(codes(stale)).toEqual(['ERR_PATH_CRL_STALE/error']);
    const staleOk = await validatePath(pki.sealMaker.certificate, {
      trustAnchors: anchors,
      at: new Date('2026-08-01'),
      crl: () => parsed,
      relaxed: { allowStaleCrl: true },
    });
    expect(staleOk.status).toBe('valid');
    expect(codes(staleOk)).toEqual(['ERR_PATH_CRL_STALE/warning']);

    const none = await validatePath(pki.sealMaker.certificate, {
      trustAnchors: anchors,
      at,
      crl: () => undefined,
    });
    expect(none.status).toBe('valid');
    expect(codes(none)).toEqual(['ERR_PATH_CRL_UNAVAILABLE/warning']);
    const required = await validatePath(pki.sealMaker.certificate, {
      trustAnchors: anchors,
      at,
      crl: () => undefined,
      requireCrl: true,
    });
    expect(required.status).toBe('indeterminate');
  });

  it.skipIf(!HAVE_OPENSSL)('openssl parses our CRL', async () => {
    const pki = await createTestPki();
    const crl = pki.issueCrl({
      revoked: [{ serialNumber: pki.signer.certificate.serialNumber, reason: 'superseded' }],
    });
    const dir = tempDir();
    write(dir, 'crl.pem', crl.toPem());
    const text = openssl(['crl', '-in', 'crl.pem', '-noout', '-text'], dir).toString();
    expect(text).toContain(pki.signer.certificate.serialNumber.toUpperCase());
    expect(text).toContain('Superseded');
    expect(text).toContain('SM2-with-SM3');
  });
});

describeCorpus('the ofdrw test PKI (root without keyCertSign)', () => {
  let root: ParsedCertificate;
  it('strict rejects, relaxed accepts and reports the tolerated deviation', async () => {
    root = parsePkcs12(readCorpus('e-seal', 'keys', 'ROOT.p12'), { password: '123456' })
      .certificate as ParsedCertificate;
    const signCert = parseCertificate(readCorpus('e-seal', 'keys', 'sign_cert.pem'));
    const at = new Date('2022-01-01T00:00:00Z');
    const strict = await validatePath(signCert, { trustAnchors: [root], at });
    expect(strict.status).toBe('invalid');
    expect(codes(strict)).toEqual(['ERR_PATH_KEY_CERT_SIGN/error']);
    expect(strict.problems[0]?.subject).toContain('OFD Reader and WriterROOT Certificate');
    const relaxed = await validatePath(signCert, {
      trustAnchors: [root],
      at,
      relaxed: { allowMissingKeyCertSign: true },
    });
    expect(relaxed.status).toBe('valid');
    expect(relaxed.problems).toEqual([
      expect.objectContaining({
        code: 'ERR_PATH_KEY_CERT_SIGN',
        severity: 'warning',
        tolerated: true,
        index: 1,
      }),
    ]);
    // sign_cert expired on 2023-07-29.
    const later = await validatePath(signCert, {
      trustAnchors: [root],
      at: new Date('2024-01-01'),
      relaxed: { allowMissingKeyCertSign: true },
    });
    expect(codes(later)).toEqual(['ERR_PATH_EXPIRED/error', 'ERR_PATH_KEY_CERT_SIGN/warning']);
  });
});

describe.skipIf(!HAVE_OPENSSL)('openssl-issued chains validate in ours', () => {
  it('a three-level openssl chain with distid', async () => {
    const dir = tempDir();
    for (const k of ['root', 'mid', 'leaf'])
      openssl(['genpkey', '-algorithm', 'SM2', '-out', `${k}.key`], dir);
    openssl(
      [
        'req',
        '-x509',
        '-new',
        '-key',
        'root.key',
        '-sm3',
        '-sigopt',
        DISTID,
        '-subj',
        '/CN=Root',
        '-days',
        '30',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
        '-out',
        'root.pem',
      ],
      dir,
    );
    write(
      dir,
      'ca.ext',
      'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
    );
    write(
      dir,
      'ee.ext',
      'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nauthorityKeyIdentifier=keyid\n',
    );
    openssl(
      ['req', '-new', '-key', 'mid.key', '-sm3', '-sigopt', DISTID, '-subj', '/CN=Mid', '-out', 'mid.csr'],
      dir,
    );
    openssl(
      [
        'x509',
        '-req',
        '-in',
        'mid.csr',
        '-vfyopt',
        DISTID,
        '-CA',
        'root.pem',
        '-CAkey',
        'root.key',
        '-CAcreateserial',
        '-sm3',
        '-sigopt',
        DISTID,
        '-days',
        '20',
        '-extfile',
        'ca.ext',
        '-out',
        'mid.pem',
      ],
      dir,
    );
    openssl(
      ['req', '-new', '-key', 'leaf.key', '-sm3', '-sigopt', DISTID, '-subj', '/CN=Leaf', '-out', 'leaf.csr'],
      dir,
    );
    openssl(
      [
        'x509',
        '-req',
        '-in',
        'leaf.csr',
        '-vfyopt',
        DISTID,
        '-CA',
        'mid.pem',
        '-CAkey',
        'mid.key',
        '-CAcreateserial',
        '-sm3',
        '-sigopt',
        DISTID,
        '-days',
        '10',
        '-extfile',
        'ee.ext',
        '-out',
        'leaf.pem',
      ],
      dir,
    );
    const { readFileSync } = await import('node:fs');
    const r = await validatePath(readFileSync(`${dir}/leaf.pem`, 'utf8'), {
      trustAnchors: [readFileSync(`${dir}/root.pem`, 'utf8')],
      intermediates: [readFileSync(`${dir}/mid.pem`, 'utf8')],
    });
    expect(r.status).toBe('valid');
    expect(r.chain.map((c) => c.subject)).toEqual(['CN=Leaf', 'CN=Mid', 'CN=Root']);
  });
});
