/**
 * Every file of the e-seal corpus gets the result its MANIFEST states, check by check.
 */
import { parsePkcs12 } from '@gbkit/crypto';
import { type SignatureResult, type VerificationResult, type VerifyPolicy, verifyFile } from '@gbkit/e-seal';
import { expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';

const v = (
  f: string,
  policy: VerifyPolicy = {},
  extra: { signatureXml?: Uint8Array } = {},
): Promise<VerificationResult> => verifyFile(readCorpus('e-seal', f), { file: f, policy, ...extra });

function expectChecks(s: SignatureResult | undefined, expected: Record<string, string>): void {
  expect(s).toBeDefined();
  for (const [name, status] of Object.entries(expected)) {
    expect({
      name,
      status: (s as SignatureResult).checks[name as keyof SignatureResult['checks']]?.status,
    }).toEqual({ name, status });
  }
}
const CRYPTO_PASS = {
  integrity: 'passed',
  binding: 'passed',
  signer: 'passed',
  maker: 'passed',
  certInSeal: 'passed',
};

describeCorpus('e-seal corpus: every file gets its MANIFEST result', () => {
  for (const f of ['1.ofd', 'v4signed.ofd', 'draw_param_ref.ofd', 'allprotected.ofd', 'V4RideRight.ofd']) {
    it(`${f}: integrity, binding, signer, maker, cert-in-seal, time pass; no trust anchor → INDETERMINATE`, async () => {
      const r = await v(f);
      expect(r.format).toBe('ofd');
      expect(r.signatures.length).toBe(1);
      expectChecks(r.signatures[0], { ...CRYPTO_PASS, time: 'passed', trust: 'indeterminate' });
      expect(r.indication).toBe('INDETERMINATE');
      expect(r.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
    });
  }
  it('1.ofd: 13 references, OFD-zip picture reported as a tolerated variant; no Seal.esl', async () => {
    const s = (await v('1.ofd')).signatures[0] as SignatureResult;
    expect(s.checks.integrity?.evidence.references).toBe(13);
    expect(s.variants.map((x) => x.code)).toContain('PICTURE-OFD');
    expect(s.checks.sealCopy).toBeUndefined();
    expect(s.seal?.pictureType).toBe('ofd');
    expect(s.checks.coverage?.status).toBe('passed');
  });
  it('1.ofd: the remembered maker result is per user ID (an empty ID never reuses the default-ID result, nor the reverse)', async () => {
    const maker = async (policy: VerifyPolicy) =>
      (await v('1.ofd', policy)).signatures[0]?.checks.maker?.status;
    expect(await maker({ userId: '' })).toBe('failed');
    expect(await maker({})).toBe('passed');
    expect(await maker({ userId: '' })).toBe('failed');
    expect(await maker({ userId: '1234567812345678' })).toBe('passed');
  });
  it('draw_param_ref.ofd: Seal.esl equals the embedded seal', async () => {
    expect((await v('draw_param_ref.ofd')).signatures[0]?.checks.sealCopy?.status).toBe('passed');
  });
  it('signedFile.ofd: crypto passes; warning on createDate before the maker certificate', async () => {
    const s = (await v('signedFile.ofd')).signatures[0];
    expectChecks(s, { ...CRYPTO_PASS, time: 'warning' });
    expect(s?.checks.time?.message.en).toMatch(/createDate 2019-10-11.*maker certificate/);
  });
  it('keyword.ofd: both signatures integrity failed (3 edited files), binding/signer (raw r‖s)/maker pass → TOTAL_FAILED', async () => {
    const r = await v('keyword.ofd');
    expect(r.signatures.length).toBe(2);
    const [seal, sign] = r.signatures as [SignatureResult, SignatureResult];
    expectChecks(seal, {
      integrity: 'failed',
      binding: 'passed',
      signer: 'passed',
      maker: 'passed',
      certInSeal: 'passed',
    });
    expect(seal.variants.map((x) => x.code)).toContain('SIGNATURE-RAW-RS');
    expect(sign.kind).toBe('GBT35275');
    expectChecks(sign, { integrity: 'failed', binding: 'passed', signer: 'passed', maker: 'not-applicable' });
    for (const s of r.signatures) {
      const mism = ((s.checks.integrity?.evidence.mismatched ?? []) as { fileRef: string }[])
        .map((m) => m.fileRef)
        .sort();
      expect(mism).toEqual(['/Doc_0/Document.xml', '/Doc_0/Pages/Page_0/Content.xml', '/OFD.xml']);
      expect(s.indication).toBe('TOTAL_FAILED');
      expect(s.subIndication).toBe('HASH_FAILURE');
    }
    expect(r.indication).toBe('TOTAL_FAILED');
  });
  it('SESV4SignDoc.ofd: crypto passes, time fails (after validEnd and signer expiry) → TOTAL_FAILED/EXPIRED', async () => {
    const r = await v('SESV4SignDoc.ofd');
    expectChecks(r.signatures[0], { ...CRYPTO_PASS, time: 'failed' });
    expect(r.signatures[0]?.checks.time?.message.en).toMatch(/validEnd 2022-04-22/);
    expect(r.signatures[0]?.checks.time?.message.en).toMatch(/signer certificate expired 2022-04-21/);
    expect(r.indication).toBe('TOTAL_FAILED');
    expect(r.subIndication).toBe('EXPIRED');
  });
  it('allprotected.ofd: whole-protect coverage', async () => {
    expect(
      (await v('allprotected.ofd')).signatures[0]?.checks.coverage?.evidence.signaturesXmlProtected,
    ).toBe(true);
  });
  it('testImageNotFound.ofd: two GB/T 35275 Sign values; integrity and messageDigest binding pass; coverage warning on Sign_0', async () => {
    const r = await v('testImageNotFound.ofd');
    expect(r.signatures.map((s) => s.kind)).toEqual(['GBT35275', 'GBT35275']);
    for (const s of r.signatures) expectChecks(s, { integrity: 'passed', binding: 'passed' });
    expect(r.signatures[0]?.checks.coverage?.status).toBe('warning');
    expect(((r.signatures[0]?.checks.coverage?.evidence.unprotected ?? []) as string[]).sort()).toEqual([
      '/Doc_0/Annots/Annotations.xml',
      '/OFD.xml',
    ]);
    expect(r.indication).not.toBe('TOTAL_PASSED');
    for (const sig of r.signatures)
      expectChecks(sig, {
        signer: 'passed',
        time: 'passed',
        maker: 'not-applicable',
        certInSeal: 'not-applicable',
      });
    expect(r.indication).toBe('INDETERMINATE');
  });
  it('DigitalSign.ofd: INDETERMINATE without a certificate; signer passes with the USER certificate', async () => {
    const r = await v('DigitalSign.ofd');
    expect(r.signatures[0]?.kind).toBe('DigitalSign');
    expect(r.signatures[0]?.checks.signer?.status).toBe('indeterminate');
    expect(r.indication).toBe('INDETERMINATE');
    const user = parsePkcs12(readCorpus('e-seal', 'keys', 'USER.p12'), { password: '777777' });
    const r2 = await v('DigitalSign.ofd', { signerCert: user.certificate?.der as Uint8Array });
    expectChecks(r2.signatures[0], { signer: 'passed', binding: 'passed', integrity: 'passed' });
  });
  it('hello-integrity.ofd: no signatures, GM/T 0099 integrity protection verifies', async () => {
    const r = await v('hello-integrity.ofd');
    expect(r.signatures).toEqual([]);
    expect(r.report.findings.some((f) => f.ruleId === 'ESEAL-OFD-SIGNATURES')).toBe(true);
    expectChecks(r.integrityProtection, { integrity: 'passed', binding: 'passed', signer: 'passed' });
    expect(r.indication).toBe('INDETERMINATE');
  });
  it('UserV1.esl: 2014 maker passes over SEQUENCE{sealInfo, cert, alg}; validity 2020-04-22 … 2022-04-22', async () => {
    const s = (await v('UserV1.esl')).signatures[0] as SignatureResult;
    expect(s.checks.maker?.status).toBe('passed');
    expect(s.checks.maker?.evidence.signedOver).toBe('SEQUENCE{sealInfo, cert, signatureAlgorithm}');
    expect(s.seal?.validStart.slice(0, 10)).toBe('2020-04-22');
    expect(s.seal?.validEnd.slice(0, 10)).toBe('2022-04-22');
  });
  it('UserV4.esl and UserV5.esl: maker passes', async () => {
    for (const [f, end] of [
      ['UserV4.esl', '2022-04-22'],
      ['UserV5.esl', '2028-04-24'],
    ] as const) {
      const s = (await v(f)).signatures[0] as SignatureResult;
      expect(s.checks.maker?.status).toBe('passed');
      expect(s.seal?.validEnd.slice(0, 10)).toBe(end);
    }
  });
  it('UserV5_ts.esl: parses, maker passes, timestamp fails', async () => {
    const r = await v('UserV5_ts.esl');
    expectChecks(r.signatures[0], { format: 'passed', maker: 'passed', timestamp: 'failed' });
    expect(r.indication).not.toBe('TOTAL_PASSED');
  });
  it('SignedValueV4/V5.dat + Signature.xml: signer passes, binding fails', async () => {
    const xml = readCorpus('e-seal', 'Signature.xml');
    for (const f of ['SignedValueV4.dat', 'SignedValueV5.dat']) {
      const r = await v(f, {}, { signatureXml: xml });
      expect(r.format).toBe('ses-signature');
      expectChecks(r.signatures[0], {
        signer: 'passed',
        binding: 'failed',
        maker: 'passed',
        certInSeal: 'passed',
      });
      expect(r.indication).toBe('TOTAL_FAILED');
      expect(r.subIndication).toBe('HASH_FAILURE');
    }
  });
});

describeCorpus('trust policy on the ofdrw test PKI', () => {
  const root = () =>
    parsePkcs12(readCorpus('e-seal', 'keys', 'ROOT.p12'), { password: '123456' }).certificate
      ?.der as Uint8Array;
  it('strict path rules reject the root without keyCertSign (CHAIN_CONSTRAINTS_FAILURE)', async () => {
    const r = await v('allprotected.ofd', { trustAnchors: [root()] });
    expect(r.signatures[0]?.checks.trust?.status).toBe('indeterminate');
    expect(r.subIndication).toBe('CHAIN_CONSTRAINTS_FAILURE');
  });
  it('relaxed path rules accept it, reported as a warning; the document then passes', async () => {
    const r = await v('allprotected.ofd', { trustAnchors: [root()], relaxedPath: true });
    const s = r.signatures[0] as SignatureResult;
    expect(s.checks.trust?.status).toBe('warning');
    expect(s.checks.trust?.tolerated?.join(' ')).toMatch(/keyCertSign/);
    expect(r.indication).toBe('TOTAL_PASSED');
  });
  it('a revocation hook that says revoked fails the signature with REVOKED', async () => {
    const r = await v('allprotected.ofd', {
      trustAnchors: [root()],
      relaxedPath: true,
      revocation: () => ({ status: 'revoked', revokedAt: new Date('2020-05-01') }),
    });
    expect(r.indication).toBe('TOTAL_FAILED');
    expect(r.subIndication).toBe('REVOKED');
  });
  it('strict mode fails a tolerated variant (keyword.ofd raw r‖s) as FORMAT_FAILURE', async () => {
    const r = await v('V4RideRight.ofd', { trustAnchors: [root()], relaxedPath: true, mode: 'strict' });
    expect(r.indication).toBe('TOTAL_PASSED'); // standard file: strict changes nothing
    const k = await v('keyword.ofd', { mode: 'strict' });
    expect(k.signatures[0]?.checks.format?.status).toBe('failed');
  });
});
