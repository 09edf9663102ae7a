/**
 * Round trips: seals, SES_Signature values and signed OFDs we make verify in our verifier; their SM2
 * signatures verify with the openssl CLI over the exact signed bytes; signed OFDs parse in ofd.js.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatBytes, toHex } from '@gbkit/core';
import { createTestPki, exportPublicKeySpki, sm2SignDigest, sm3, type TestPki } from '@gbkit/crypto';
import {
  decodeSeal,
  decodeSesSignature,
  encodeSesSignatureV4,
  encodeTbsSign,
  makeSeal,
  makeSesSignature,
  makeTimeStampToken,
  parseSignedData,
  signOfd,
  type VerifyPolicy,
  verifyOfd,
  verifySealFile,
  verifySesSignatureFile,
} from '@gbkit/e-seal';
import { OfdBuilder, OfdPackage } from '@gbkit/ofd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, launchOfdJs } from '../../ofd/test/oracle/ofdjs.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
let pki: TestPki;
let policy: VerifyPolicy;
let esl: Uint8Array;
const work = mkdtempSync(join(tmpdir(), 'gbkit-eseal-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  pki = await createTestPki({ organization: 'gbkit e-seal test' });
  policy = { trustAnchors: [pki.ca.certificate.der] };
  esl = seal('v4');
});

function seal(layout: 'v4' | '2014' | 'v5'): Uint8Array {
  const now = Date.now();
  return makeSeal({
    layout,
    maker: pki.sealMaker,
    signerCertificates: [pki.signer.certificate],
    esID: `gbkit-${layout}`,
    name: '测试专用章',
    createDate: new Date(now - 60_000),
    validStart: new Date(now - 60_000),
    validEnd: new Date(now + 365 * 86_400_000),
    picture: { type: 'PNG', data: PNG, width: 40, height: 40 },
  });
}

function document(pages = 2): Uint8Array {
  const b = new OfdBuilder({ docInfo: { title: 'e-seal test' } });
  for (let i = 0; i < pages; i++) b.addPage().text(`第 ${i + 1} 页 page ${i + 1}`, { x: 20, y: 20 });
  return b.build();
}

const haveOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!haveOpenssl) console.warn('!! openssl CLI not found: the openssl oracle tests are skipped');
if (!HAVE_CHROMIUM) console.warn('!! chromium not found: the ofd.js oracle test is skipped');

/** openssl pkeyutl SM2 verification over exact bytes with the default distinguishing ID. */
function opensslVerify(message: Uint8Array, sigDer: Uint8Array, publicKey: Uint8Array): boolean {
  const id = Math.random().toString(36).slice(2);
  const m = join(work, `${id}.msg`);
  const s = join(work, `${id}.sig`);
  const k = join(work, `${id}.pem`);
  writeFileSync(m, message);
  writeFileSync(s, sigDer);
  writeFileSync(k, exportPublicKeySpki(publicKey, 'pem'));
  const r = spawnSync(
    'openssl',
    [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      k,
      '-rawin',
      '-digest',
      'sm3',
      '-pkeyopt',
      'distid:1234567812345678',
      '-in',
      m,
      '-sigfile',
      s,
    ],
    { encoding: 'utf8' },
  );
  return r.status === 0 && /Signature Verified Successfully/i.test(r.stdout);
}

describe('seals we make', () => {
  for (const layout of ['v4', '2014', 'v5'] as const) {
    it(`${layout}: decodes with no variants and verifies (maker, time, trust) → TOTAL_PASSED`, async () => {
      const s = seal(layout);
      const d = decodeSeal(s);
      expect(d.layout).toBe(layout);
      expect(d.variants).toEqual([]);
      const r = await verifySealFile(s, { policy });
      expect(r.signatures[0]?.checks.maker?.status).toBe('passed');
      expect(r.signatures[0]?.checks.trust?.status).toBe('passed');
      expect(r.indication).toBe('TOTAL_PASSED');
    });
  }
  it.skipIf(!haveOpenssl)(
    'openssl verifies the maker signature over the exact signed bytes (V4: SES_SealInfo; 2014: SEQUENCE)',
    () => {
      for (const layout of ['v4', '2014'] as const) {
        const d = decodeSeal(seal(layout));
        expect(opensslVerify(d.makerSignedBytes, d.signedValue, pki.sealMaker.publicKey)).toBe(true);
        const flipped = d.makerSignedBytes.slice();
        flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 1;
        expect(opensslVerify(flipped, d.signedValue, pki.sealMaker.publicKey)).toBe(false);
      }
    },
  );
  it('without a trust anchor an intact seal is INDETERMINATE, never passed', async () => {
    const r = await verifySealFile(esl);
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
  });
  it('a signer certificate not in the seal fails certInSeal', async () => {
    const other = pki.issue({ subject: 'C=CN, CN=someone else', keyUsage: ['digitalSignature'] });
    const v = makeSesSignature({
      seal: esl,
      signer: other,
      original: new Uint8Array([1, 2, 3]),
      propertyInfo: 'x',
    });
    const r = await verifySesSignatureFile(v, { policy, signatureXml: new Uint8Array([1, 2, 3]) });
    expect(r.signatures[0]?.checks.certInSeal?.status).toBe('failed');
    expect(r.indication).toBe('TOTAL_FAILED');
  });
});

describe('SES_Signature values we make', () => {
  it('verify with binding over the original; openssl verifies the signer signature over TBS_Sign', async () => {
    const xml = new TextEncoder().encode('<Signature/>');
    const v = makeSesSignature({
      seal: esl,
      signer: pki.signer,
      original: xml,
      propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml',
    });
    const r = await verifySesSignatureFile(v, { policy, signatureXml: xml });
    expect(r.indication).toBe('TOTAL_PASSED');
    const d = decodeSesSignature(v);
    expect(d.variants).toEqual([]);
    if (haveOpenssl) expect(opensslVerify(d.toSign.raw, d.signature, pki.signer.publicKey)).toBe(true);
  });
});

describe('signed OFD documents we make', () => {
  let continued: Uint8Array;
  it('continue-sign, normal stamp, Seal.esl: every check passes → TOTAL_PASSED', async () => {
    continued = signOfd(document(), { seal: esl, signer: pki.signer, stamps: [{ page: 0, x: 120, y: 200 }] });
    const r = await verifyOfd(continued, { policy });
    expect(r.signatures.length).toBe(1);
    const s = r.signatures[0];
    for (const c of [
      'integrity',
      'binding',
      'signer',
      'maker',
      'certInSeal',
      'time',
      'trust',
      'coverage',
      'sealCopy',
    ] as const) {
      expect({ c, st: s?.checks[c]?.status }).toEqual({ c, st: 'passed' });
    }
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(s?.checks.coverage?.evidence.signaturesXmlProtected).toBe(false);
  });
  it('several signatures: riding seal, GB/T 35275 attached-digest and PKCS#9 Sign values, no Seal.esl — all pass', async () => {
    let doc = signOfd(continued, {
      seal: esl,
      signer: pki.signer,
      stamps: [{ kind: 'riding', y: 100 }],
      includeSealFile: false,
    });
    doc = signOfd(doc, { type: 'Sign', signer: pki.signer, signForm: 'attached-digest' });
    doc = signOfd(doc, { type: 'Sign', signer: pki.signer, signForm: 'pkcs9' });
    const r = await verifyOfd(doc, { policy });
    expect(r.signatures.map((s) => [s.type, s.kind])).toEqual([
      ['Seal', 'SES'],
      ['Seal', 'SES'],
      ['Sign', 'GBT35275'],
      ['Sign', 'GBT35275'],
    ]);
    for (const s of r.signatures)
      expect({ id: s.id, ind: s.indication, sub: s.subIndication }).toEqual({
        id: s.id,
        ind: 'TOTAL_PASSED',
        sub: undefined,
      });
    const pkg = OfdPackage.open(doc);
    const riding = new TextDecoder().decode(pkg.read('/Doc_0/Signs/Sign_1/Signature.xml'));
    expect(riding.match(/Clip="/g)?.length).toBe(2);
    expect(pkg.has('/Doc_0/Signs/Sign_1/Seal.esl')).toBe(false);
    if (haveOpenssl) {
      // attached digest: SM2 over SM3(Signature.xml); pkcs9: over DER SET OF attributes
      const a = parseSignedData(pkg.read('/Doc_0/Signs/Sign_2/SignedValue.dat'));
      expect(opensslVerify(a.content as Uint8Array, a.signature, pki.signer.publicKey)).toBe(true);
      const p = parseSignedData(pkg.read('/Doc_0/Signs/Sign_3/SignedValue.dat'));
      const attrs = p.signedAttrs?.bytes as Uint8Array;
      expect(
        opensslVerify(concatBytes(Uint8Array.of(0x31), attrs.subarray(1)), p.signature, pki.signer.publicKey),
      ).toBe(true);
      const ses = decodeSesSignature(pkg.read('/Doc_0/Signs/Sign_0/SignedValue.dat'));
      expect(opensslVerify(ses.toSign.raw, ses.signature, pki.signer.publicKey)).toBe(true);
    }
  });
  it('whole-protect, then a second signature: the first fails (Signatures.xml changed), the second passes', async () => {
    const whole = signOfd(document(1), {
      seal: esl,
      signer: pki.signer,
      mode: 'whole',
      stamps: [{ page: 0, x: 10, y: 10 }],
    });
    expect((await verifyOfd(whole, { policy })).indication).toBe('TOTAL_PASSED');
    expect(() => signOfd(whole, { seal: esl, signer: pki.signer })).toThrow(/Signatures\.xml/);
    const both = signOfd(whole, { seal: esl, signer: pki.signer, allowBreakingEarlierSignatures: true });
    const r = await verifyOfd(both, { policy });
    expect(r.signatures[0]?.checks.integrity?.status).toBe('failed');
    expect(JSON.stringify(r.signatures[0]?.checks.integrity?.evidence.mismatched)).toContain(
      'Signatures.xml',
    );
    expect(r.signatures[0]?.indication).toBe('TOTAL_FAILED');
    expect(r.signatures[1]?.indication).toBe('TOTAL_PASSED');
    expect(r.indication).toBe('TOTAL_FAILED');
  });
  it('a 2014-layout seal signs an OFD with a 2014 SES_Signature that verifies', async () => {
    const r = await verifyOfd(signOfd(document(1), { seal: seal('2014'), signer: pki.signer }), { policy });
    expect(r.signatures[0]?.seal?.layout).toBe('2014');
    expect(r.indication).toBe('TOTAL_PASSED');
  });
  it.skipIf(!HAVE_CHROMIUM)(
    'ofd.js (independent reader, in Chromium) opens our signed OFD, places and verifies the seals',
    async () => {
      const doc = signOfd(
        signOfd(document(), { seal: esl, signer: pki.signer, stamps: [{ page: 1, x: 50, y: 50 }] }),
        { seal: esl, signer: pki.signer, stamps: [{ kind: 'riding', y: 60 }] },
      );
      const reader = await launchOfdJs();
      try {
        const out = await reader.read(doc);
        expect(out.error).toBeUndefined();
        expect(out.ok).toBe(true);
        expect(out.pages.length).toBe(2);
        expect([...new Set(out.signatures.map((s) => s.id))].sort()).toEqual(['s001', 's002']);
        // ofd.js checks the signer's SM2 signature over TBS_Sign with sm-crypto
        for (const s of out.signatures)
          expect({ id: s.id, verified: s.verified }).toEqual({ id: s.id, verified: true });
      } finally {
        await reader.close();
      }
    },
    120_000,
  );
  it('signing leaves every original part byte-identical', () => {
    const orig = document();
    const signed = signOfd(orig, { seal: esl, signer: pki.signer });
    const a = OfdPackage.open(orig);
    const b = OfdPackage.open(signed);
    for (const p of a.paths())
      if (p !== '/OFD.xml') expect(toHex(b.rawRecord(p))).toBe(toHex(a.rawRecord(p)));
  });
});

describe('timestamps', () => {
  it('a valid TSA token over the signature value passes and gives the validation time; a token over other data fails', async () => {
    const tsa = pki.issue({
      subject: 'C=CN, CN=gbkit test TSA',
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      extKeyUsage: ['1.3.6.1.5.5.7.3.8'],
    });
    const xml = new TextEncoder().encode('<Signature/>');
    const genTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);
    const v = makeSesSignature({
      seal: esl,
      signer: pki.signer,
      original: xml,
      propertyInfo: 'p',
      timeInfo: new Date(Date.now() - 2000),
      timeStamp: (sig) => makeTimeStampToken({ tsa, data: sig, genTime }),
    });
    const r = await verifySesSignatureFile(v, { policy, signatureXml: xml });
    const s = r.signatures[0];
    expect(s?.checks.timestamp?.status).toBe('passed');
    expect(s?.checks.time?.message.en).toContain('the timestamp time');
    expect(s?.checks.time?.evidence.at).toBe(genTime.toISOString());
    expect(r.indication).toBe('TOTAL_PASSED');
    const wrong = makeSesSignature({
      seal: esl,
      signer: pki.signer,
      original: xml,
      propertyInfo: 'p',
      timeStamp: makeTimeStampToken({ tsa, data: new Uint8Array([1]) }),
    });
    const w = await verifySesSignatureFile(wrong, { policy, signatureXml: xml });
    expect(w.signatures[0]?.checks.timestamp?.status).toBe('failed');
    expect(w.indication).toBe('INDETERMINATE');
    expect(w.subIndication).toBe('NO_POE');
  });
});

describe('non-standard signer computations are diagnosed, never passed', () => {
  it('e = dataHash (no Z, as dms360 2014 seals do): signer indeterminate (lenient) / failed (strict), variant named', async () => {
    const xml = new TextEncoder().encode('<Signature/>');
    const seal = decodeSeal(esl);
    const tbs = encodeTbsSign({
      version: 4,
      eseal: seal.raw,
      timeInfo: new Date(Date.now() - 1000),
      dataHash: sm3(xml),
      propertyInfo: 'p',
    });
    const value = encodeSesSignatureV4(
      tbs,
      pki.signer.certificate.der,
      '1.2.156.10197.1.501',
      sm2SignDigest(sm3(xml), pki.signer.privateKey),
    );
    const r = await verifySesSignatureFile(value, { policy, signatureXml: xml });
    const s = r.signatures[0];
    expect(s?.checks.signer?.status).toBe('indeterminate');
    expect(s?.checks.signer?.evidence.variant).toBe('SIGNATURE-OVER-DATAHASH-NO-Z');
    expect(r.indication).toBe('INDETERMINATE');
    const strict = await verifySesSignatureFile(value, {
      policy: { ...policy, mode: 'strict' },
      signatureXml: xml,
    });
    expect(strict.signatures[0]?.checks.signer?.status).toBe('failed');
    expect(strict.indication).toBe('TOTAL_FAILED');
  });
});

describe('revocation through the CRL hook', () => {
  it('a CRL revoking the signer (before signing) fails the signature with REVOKED; an empty CRL passes', async () => {
    const xml = new TextEncoder().encode('<Signature/>');
    const v = makeSesSignature({
      seal: esl,
      signer: pki.signer,
      original: xml,
      propertyInfo: 'p',
      timeInfo: new Date(Date.now() - 1000),
    });
    const revoked = pki.issueCrl({
      revoked: [
        { serialNumber: pki.signer.certificate.serialNumber, revocationDate: new Date(Date.now() - 30_000) },
      ],
    });
    const r = await verifySesSignatureFile(v, {
      policy: { ...policy, crl: () => revoked },
      signatureXml: xml,
    });
    expect(r.signatures[0]?.checks.trust?.status).toBe('failed');
    expect(r.indication).toBe('TOTAL_FAILED');
    expect(r.subIndication).toBe('REVOKED');
    const empty = pki.issueCrl({});
    const ok = await verifySesSignatureFile(v, {
      policy: { ...policy, crl: () => empty },
      signatureXml: xml,
    });
    expect(ok.indication).toBe('TOTAL_PASSED');
  });
});
