/**
 * PDF signing and verification with SM2, checked against independent tools: qpdf (structure), poppler
 * pdfsig (lists the signatures; it cannot verify SM2) and the openssl CLI (SM2 signature over the
 * signed attributes, SM3 of the signed bytes).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatBytes, toHex } from '@gbkit/core';
import { createTestPki, parsePkcs12 } from '@gbkit/crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';
import {
  byteRangeData,
  docMdpPermission,
  findPdfSignatures,
  parsePdf,
  pdfArray,
  pdfDict,
  pdfInt,
  pdfName,
  pdfRef,
  pdfString,
  signDetachedCms,
  signPdf,
  verifyDetachedCms,
  verifyPdf,
  writeIncrementalUpdate,
} from '../src/pdf/index.js';

function have(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 || (r.stdout ?? '').length > 0 || (r.stderr ?? '').length > 0
    ? r.error === undefined
    : false;
}
const HAVE_QPDF = have('qpdf', ['--version']);
const HAVE_PDFSIG = have('pdfsig', ['-v']);
const HAVE_OPENSSL = have('openssl', ['version']);
for (const [ok, tool, pkg] of [
  [HAVE_QPDF, 'qpdf', 'qpdf'],
  [HAVE_PDFSIG, 'pdfsig', 'poppler-utils'],
  [HAVE_OPENSSL, 'openssl', 'openssl'],
] as const) {
  if (!ok) console.warn(`\n!! SKIPPING ${tool} checks: ${tool} not installed (apt-get install -y ${pkg})\n`);
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gbkit-pdf-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function file(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

function qpdfCheck(bytes: Uint8Array, name: string): string {
  const r = spawnSync('qpdf', ['--check', file(name, bytes)], { encoding: 'utf8' });
  return `${r.status}\n${r.stdout}${r.stderr}`;
}

function pdfsig(bytes: Uint8Array, name: string): string {
  const r = spawnSync('pdfsig', ['-nocert', file(name, bytes)], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

async function makePdf(useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < 2; i++)
    doc.addPage([595, 842]).drawText(`page ${i + 1}`, { x: 50, y: 780, size: 18, font });
  return doc.save({ useObjectStreams });
}

/** A minimal, independent DER walk (not the implementation's): returns [tag, start, headerLen, len]. */
function tlvAt(b: Uint8Array, p: number): { tag: number; start: number; content: number; end: number } {
  const tag = b[p] as number;
  let len = b[p + 1] as number;
  let h = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[p + 2 + i] as number);
    h += n;
  }
  return { tag, start: p, content: p + h, end: p + h + len };
}
function kids(b: Uint8Array, t: { content: number; end: number }): ReturnType<typeof tlvAt>[] {
  const out = [];
  for (let p = t.content; p < t.end; ) {
    const k = tlvAt(b, p);
    out.push(k);
    p = k.end;
  }
  return out;
}

describeCorpus('PDF signing with SM2 (corpus example and key)', () => {
  const p12 = parsePkcs12(readCorpus('e-seal', 'keys', 'pdf-sign-sm2.p12'), { password: '12345678' });
  const cert = p12.certificate?.der as Uint8Array;
  const key = p12.privateKey;
  const original = readCorpus('pdf', 'unsigned-example.pdf');
  const policy = { trustAnchors: [cert] };
  let once: Uint8Array;
  let twice: Uint8Array;

  beforeAll(async () => {
    once = await signPdf(original, {
      privateKey: key,
      certificate: cert,
      reason: '测试签名',
      location: 'CN',
    });
    twice = await signPdf(once, {
      privateKey: key,
      certificate: cert,
      cmsFlavor: 'gbt35275',
      fieldName: '第二签名',
      rect: [300, 60, 460, 140],
      appearance: { text: ['电子签章', 'SM2 / SM3'] },
    });
  });

  it('keeps the original bytes and verifies: TOTAL_PASSED with the certificate as anchor', async () => {
    expect(once.subarray(0, original.length)).toEqual(original);
    const r = await verifyPdf(once, policy);
    expect(r.format).toBe('pdf');
    expect(r.signatures).toHaveLength(1);
    const s = r.signatures[0];
    expect(s?.kind).toBe('PKCS7');
    for (const c of ['format', 'integrity', 'signer', 'time', 'trust', 'coverage'] as const) {
      expect(s?.checks[c]?.status, `${c}: ${s?.checks[c]?.message.en}`).toBe('passed');
    }
    for (const c of ['binding', 'maker', 'certInSeal'] as const)
      expect(s?.checks[c]?.status).toBe('not-applicable');
    expect(s?.signer?.subject).toMatch(/dsumuzhe/);
    expect(r.indication).toBe('TOTAL_PASSED');
  });

  it('without trust anchors: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND, never passed', async () => {
    const r = await verifyPdf(once);
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
  });

  it('a second signature keeps the first valid; the first reports the later update', async () => {
    expect(twice.subarray(0, once.length)).toEqual(once);
    const r = await verifyPdf(twice, policy);
    expect(r.signatures.map((s) => s.id)).toEqual(['Signature1', '第二签名']);
    const [s1, s2] = r.signatures;
    expect(s1?.indication).toBe('TOTAL_PASSED');
    expect(s2?.indication).toBe('TOTAL_PASSED');
    expect(s2?.kind).toBe('GBT35275');
    expect(s1?.checks.coverage?.status).toBe('warning');
    expect(s1?.checks.coverage?.message.en).toMatch(/does not cover the whole document/);
    expect(s1?.checks.coverage?.evidence.laterSignatures).toEqual(['第二签名']);
    expect(s2?.checks.coverage?.status).toBe('passed');
    expect(parsePdf(twice).revisions).toHaveLength(3);
  });

  it('tampering with one byte inside a signed range fails integrity of both signatures', async () => {
    const t = Uint8Array.from(twice);
    const at = new TextDecoder('latin1').decode(t.subarray(0, 2000)).indexOf('Skia/PDF');
    expect(at).toBeGreaterThan(0);
    t[at] = 0x73; // 'S' -> 's'
    const r = await verifyPdf(t, policy);
    expect(r.indication).toBe('TOTAL_FAILED');
    for (const s of r.signatures) {
      expect(s.checks.integrity?.status).toBe('failed');
      expect(s.subIndication).toBe('HASH_FAILURE');
    }
  });

  it('tampering inside /Contents of the second signature fails only that one', async () => {
    const t = Uint8Array.from(twice);
    const sig2 = findPdfSignatures(parsePdf(twice))[1];
    const derLen = tlvAt(sig2?.contents as Uint8Array, 0).end;
    // a hex digit inside the SM2 signature value (the last bytes of the DER)
    const p = (sig2?.contentsStart as number) + 1 + 2 * (derLen - 10);
    t[p] = t[p] === 0x30 ? 0x31 : 0x30;
    const r = await verifyPdf(t, policy);
    expect(r.signatures[0]?.indication).toBe('TOTAL_PASSED');
    expect(r.signatures[1]?.indication).toBe('TOTAL_FAILED');
    expect(r.signatures[1]?.subIndication).toBe('SIG_CRYPTO_FAILURE');
    expect(r.signatures[1]?.checks.integrity?.status).toBe('passed');
    // a damaged certificate: the signer can no longer be identified → never passed
    const u = Uint8Array.from(twice);
    const q = (sig2?.contentsStart as number) + 200;
    u[q] = u[q] === 0x30 ? 0x31 : 0x30;
    const r2 = await verifyPdf(u, policy);
    expect(r2.signatures[1]?.indication).not.toBe('TOTAL_PASSED');
  });

  it('junk appended after the last revision is reported in coverage', async () => {
    const t = concatBytes(twice, new TextEncoder().encode('junk appended after signing\n'));
    const r = await verifyPdf(t, policy);
    const s2 = r.signatures[1];
    expect(s2?.checks.coverage?.status).toBe('warning');
    expect(s2?.checks.coverage?.evidence.trailingBytes).toBe(28);
    expect(s2?.checks.integrity?.status).toBe('passed');
  });

  it.skipIf(!HAVE_QPDF)('qpdf --check accepts the signed files', () => {
    for (const [n, b] of [
      ['once.pdf', once],
      ['twice.pdf', twice],
    ] as const) {
      const out = qpdfCheck(b, n);
      expect(out).toMatch(/^0\n/);
      expect(out).toMatch(/No syntax or stream encoding errors/);
      expect(out).not.toMatch(/WARNING/i);
    }
  });

  it.skipIf(!HAVE_PDFSIG)('poppler pdfsig lists both signatures with field names, signer and ranges', () => {
    const out = pdfsig(twice, 'twice-sig.pdf');
    expect(out.match(/^Signature #\d+:/gm)).toHaveLength(2);
    expect(out).toMatch(/Signature Field Name: Signature1/);
    expect(out).toMatch(/Signer Certificate Common Name: dsumuzhe/);
    expect(out).toMatch(/Signature Type: adbe\.pkcs7\.detached/);
    expect(out).toMatch(/Total document signed/);
    expect(out).toMatch(/Not total document signed/);
  });

  it.skipIf(!HAVE_OPENSSL)(
    'openssl verifies the SM2 signature over the signed attributes and the SM3 digest',
    async () => {
      for (const [i, sig] of findPdfSignatures(parsePdf(twice)).entries()) {
        const signed = byteRangeData(twice, sig.byteRange as number[]);
        const cms = sig.contents as Uint8Array;
        // ContentInfo → [0] → SignedData → signerInfos (last) → SignerInfo
        const ci = tlvAt(cms, 0);
        const sd = kids(cms, kids(cms, kids(cms, ci)[1] as never)[0] as never);
        const si = kids(cms, kids(cms, sd[sd.length - 1] as never)[0] as never);
        const attrs = si.find((k) => k.tag === 0xa0) as ReturnType<typeof tlvAt>;
        const attrsDer = Uint8Array.from(cms.subarray(attrs.start, attrs.end));
        attrsDer[0] = 0x31;
        const sigValue = si[si.length - 1] as ReturnType<typeof tlvAt>;
        const signature = cms.subarray(sigValue.content, sigValue.end);
        const certPath = file(`cert${i}.der`, cert);
        const pub = execFileSync(
          'openssl',
          ['x509', '-inform', 'DER', '-in', certPath, '-pubkey', '-noout'],
          { encoding: 'utf8' },
        );
        file(`pub${i}.pem`, new TextEncoder().encode(pub));
        file(`attrs${i}.der`, attrsDer);
        file(`sig${i}.der`, signature);
        const args = [
          'pkeyutl',
          '-verify',
          '-rawin',
          '-digest',
          'sm3',
          '-pkeyopt',
          'distid:1234567812345678',
          '-pubin',
          '-inkey',
          join(dir, `pub${i}.pem`),
          '-in',
          join(dir, `attrs${i}.der`),
          '-sigfile',
          join(dir, `sig${i}.der`),
        ];
        const ok = spawnSync('openssl', args, { encoding: 'utf8' });
        expect(`${ok.stdout}${ok.stderr}`).toMatch(/Signature Verified Successfully/);
        // a corrupted attribute set must not verify
        attrsDer[attrsDer.length - 1] = (attrsDer[attrsDer.length - 1] as number) ^ 1;
        file(`attrs${i}.der`, attrsDer);
        const bad = spawnSync('openssl', args, { encoding: 'utf8' });
        expect(`${bad.stdout}${bad.stderr}`).not.toMatch(/Signature Verified Successfully/);
        // messageDigest equals openssl's SM3 of the ByteRange bytes
        const dg = execFileSync('openssl', ['dgst', '-sm3', '-r', file(`signed${i}.bin`, signed)], {
          encoding: 'utf8',
        }).split(' ')[0];
        const v = await verifyDetachedCms(cms.subarray(0, ci.end), signed);
        expect(toHex(v.messageDigest as Uint8Array)).toBe(dg);
      }
    },
  );
});

describe('PDF signing on generated files (xref tables and xref streams)', () => {
  it('signs twice, verifies, and qpdf accepts, for both cross-reference kinds', async () => {
    const { privateKey, certificate } = await testIdentity();
    for (const streams of [false, true]) {
      const pdf = await makePdf(streams);
      const one = await signPdf(pdf, {
        privateKey,
        certificate,
        page: 1,
        rect: [50, 50, 250, 120],
        appearance: { text: ['Signed with SM2'] },
      });
      const two = await signPdf(one, { privateKey, certificate });
      expect(parsePdf(two).sections[0]?.kind).toBe(streams ? 'stream' : 'table');
      const r = await verifyPdf(two, { trustAnchors: [certificate] });
      expect(r.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
      if (HAVE_QPDF) {
        const out = qpdfCheck(two, `gen-${streams}.pdf`);
        expect(out).toMatch(/^0\n/);
        expect(out).not.toMatch(/WARNING/i);
      }
    }
  });

  it.skipIf(!HAVE_QPDF)(
    'signs files qpdf rewrote: linearized, and object streams with PNG-predictor xref streams',
    async () => {
      const { privateKey, certificate } = await testIdentity();
      const src = file('src.pdf', readCorpus('pdf', 'unsigned-example.pdf'));
      for (const [name, args] of [
        ['linear.pdf', ['--linearize']],
        ['objstm.pdf', ['--object-streams=generate', '--compress-streams=y']],
      ] as const) {
        const out = join(dir, name);
        execFileSync('qpdf', [...args, src, out]);
        const input = new Uint8Array(readFileSync(out));
        const doc = parsePdf(input);
        expect(doc.warnings).toEqual([]);
        const one = await signPdf(input, {
          privateKey,
          certificate,
          rect: [600, 420, 720, 540],
          appearance: { text: ['SM2'] },
        });
        const two = await signPdf(one, { privateKey, certificate });
        const r = await verifyPdf(two, { trustAnchors: [certificate] });
        expect(r.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
        const q = qpdfCheck(two, `signed-${name}`);
        expect(q).toMatch(/^0\n/);
        expect(q).not.toMatch(/WARNING/i);
        if (HAVE_PDFSIG) expect(pdfsig(two, `sig-${name}`).match(/^Signature #\d+:/gm)).toHaveLength(2);
      }
    },
  );

  it('with a test PKI: chain to the CA passes, a foreign anchor does not, a signing time after expiry fails', async () => {
    const pki = await createTestPki();
    const other = await createTestPki({ organization: 'Other' });
    const pdf = await makePdf(false);
    const signer = { privateKey: pki.signer.privateKey, certificate: pki.signer.certificate.der };
    const signed = await signPdf(pdf, { ...signer, reason: 'PKI' });
    const ok = await verifyPdf(signed, { trustAnchors: [pki.ca.certificate.der] });
    expect(ok.indication, JSON.stringify(ok.signatures[0]?.checks.trust)).toBe('TOTAL_PASSED');
    expect(ok.signatures[0]?.signer?.subject).toMatch(/gbkit Test Signer/);
    const foreign = await verifyPdf(signed, { trustAnchors: [other.ca.certificate.der] });
    expect(foreign.indication).not.toBe('TOTAL_PASSED');
    expect(foreign.signatures[0]?.checks.trust?.status).not.toBe('passed');
    const late = new Date(pki.signer.certificate.notAfter.getTime() + 86_400_000);
    const expired = await verifyPdf(await signPdf(pdf, { ...signer, signingTime: late }), {
      trustAnchors: [pki.ca.certificate.der],
    });
    expect(expired.indication).toBe('TOTAL_FAILED');
    expect(expired.signatures[0]?.checks.time?.status).toBe('failed');
    expect(expired.subIndication).toBe('EXPIRED');
    // the TSDoc example of signDetachedCms
    const data = new TextEncoder().encode('bytes of the ByteRange');
    const der = signDetachedCms(data, {
      privateKey: pki.signer.privateKey,
      certificate: pki.signer.certificate.der,
    });
    expect((await verifyDetachedCms(der, data)).signatureValid).toBe(true);
    expect((await verifyDetachedCms(der, new Uint8Array([1]))).digestValid).toBe(false);
  });

  it('certification signatures (DocMDP): /P 1 refuses a second signature and fails on later changes', async () => {
    const { privateKey, certificate } = await testIdentity();
    const pdf = await makePdf(false);
    const policy = { trustAnchors: [certificate] };
    const certified = await signPdf(pdf, { privateKey, certificate, certify: 1 });
    expect(docMdpPermission(parsePdf(certified))).toBe(1);
    expect((await verifyPdf(certified, policy)).indication).toBe('TOTAL_PASSED');
    await expect(signPdf(certified, { privateKey, certificate })).rejects.toMatchObject({
      code: 'ERR_PDF_DOCMDP',
    });
    const doc = parsePdf(certified);
    const changed = writeIncrementalUpdate(doc, [
      { num: doc.size, value: pdfDict({ Type: pdfName('Later') }) },
    ]).bytes;
    const r = await verifyPdf(changed, policy);
    expect(r.signatures[0]?.checks.coverage?.status).toBe('failed');
    expect(r.indication).toBe('TOTAL_FAILED');
    // /P 2 allows a later signature; the certifying one then reports it
    const p2 = await signPdf(pdf, { privateKey, certificate, certify: 2 });
    await expect(signPdf(p2, { privateKey, certificate, certify: 2 })).rejects.toMatchObject({
      code: 'ERR_PDF_CERTIFY',
    });
    const both = await signPdf(p2, { privateKey, certificate });
    const r2 = await verifyPdf(both, policy);
    expect(r2.signatures.map((x) => x.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(r2.signatures[0]?.checks.coverage?.evidence.docMdpP).toBe(2);
    if (HAVE_QPDF) expect(qpdfCheck(both, 'certified.pdf')).toMatch(/^0\n/);
  });

  it('reports empty signature fields and signs next to them', async () => {
    const { privateKey, certificate } = await testIdentity();
    const doc = parsePdf(await makePdf(false));
    const page = doc.pageRefs()[0] as { num: number; gen: number };
    const n = doc.size;
    const rootRef = doc.trailer.entries.get('Root') as { num: number };
    const catalog = new Map(doc.catalog.entries);
    catalog.set('AcroForm', pdfDict({ Fields: pdfArray([pdfRef(n)]) }));
    const withField = writeIncrementalUpdate(doc, [
      {
        num: n,
        value: pdfDict({
          Type: pdfName('Annot'),
          Subtype: pdfName('Widget'),
          FT: pdfName('Sig'),
          T: pdfString('Empty1'),
          Rect: pdfArray([0, 0, 0, 0].map(pdfInt)),
          P: pdfRef(page.num),
        }),
      },
      { num: rootRef.num, value: pdfDict(catalog) },
    ]).bytes;
    const before = await verifyPdf(withField);
    expect(before.report.findings.some((f) => f.message.en.includes('Empty1'))).toBe(true);
    const signed = await signPdf(withField, { privateKey, certificate });
    const r = await verifyPdf(signed, { trustAnchors: [certificate] });
    expect(r.signatures.map((x) => x.id)).toEqual(['Signature1']);
    expect(r.indication).toBe('TOTAL_PASSED');
    if (HAVE_QPDF) expect(qpdfCheck(signed, 'empty-field.pdf')).toMatch(/^0\n/);
  });

  it('an unsigned PDF is INDETERMINATE with no signatures', async () => {
    const r = await verifyPdf(await makePdf(false));
    expect(r.signatures).toHaveLength(0);
    expect(r.indication).toBe('INDETERMINATE');
  });
});

/** A self-signed SM2 test certificate made with openssl when the corpus key is not wanted. */
async function testIdentity(): Promise<{ privateKey: Uint8Array; certificate: Uint8Array }> {
  const p12 = parsePkcs12(readCorpus('e-seal', 'keys', 'pdf-sign-sm2.p12'), { password: '12345678' });
  return { privateKey: p12.privateKey, certificate: p12.certificate?.der as Uint8Array };
}
