// PDF signatures with @gbkit/e-seal (built dist) on the corpus example (119 KB, 229 objects), each
// against the bare cryptography it contains, measured in the same run:
// - verifyPdf of a once-signed file (parse, find the field, ByteRange checks, CMS parse, SM3 of the
//   signed bytes, SM2 over the signed attributes, certificate validity and path to the anchor, coverage)
//   vs. SM3 of the same signed bytes + one SM2 verification (@gbkit/crypto): the PDF/CMS/PKI overhead;
// - signPdf (parse, incremental update, appearance-less placeholder, CMS) vs. SM3 + one SM2 signature;
// - parsePdf alone (xref, trailer, every object) vs. SM3 of the file.
// Rates are per CPU second of this process (user + system).
// Usage: pnpm --filter "@gbkit/e-seal..." build && node bench/run.mjs pdf [--quick]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCertificate, parsePkcs12, sm2Sign, sm2Verify, sm3 } from '@gbkit/crypto';
import { byteRangeData, findPdfSignatures, parsePdf, signPdf, verifyPdf } from '@gbkit/e-seal';
import { fmt } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = process.env.GBKIT_CORPUS ?? resolve(here, '..', '..', 'shared', 'corpus');

async function measureAsync(fn, { windows = 7, ms = 500, warmupMs = 500 } = {}) {
  const end0 = performance.now() + warmupMs;
  while (performance.now() < end0) await fn();
  const rates = [];
  for (let w = 0; w < windows; w++) {
    let n = 0;
    const c0 = process.cpuUsage();
    const end = performance.now() + ms;
    do {
      await fn();
      n++;
    } while (performance.now() < end);
    const c = process.cpuUsage(c0);
    rates.push((n * 1e6) / (c.user + c.system));
  }
  rates.sort((a, b) => a - b);
  return { median: rates[Math.floor(rates.length / 2)], min: rates[0], max: rates[rates.length - 1] };
}

export default async function ({ quick }) {
  const pdfFile = join(corpus, 'pdf', 'unsigned-example.pdf');
  const p12File = join(corpus, 'e-seal', 'keys', 'pdf-sign-sm2.p12');
  if (!existsSync(pdfFile) || !existsSync(p12File)) {
    console.log(`!! corpus not found under ${corpus}: pdf bench skipped`);
    return;
  }
  const pdf = new Uint8Array(readFileSync(pdfFile));
  const id = parsePkcs12(new Uint8Array(readFileSync(p12File)), { password: '12345678' });
  const cert = id.certificate.der;
  const pub = parseCertificate(cert).publicKey;
  const signed = await signPdf(pdf, { privateKey: id.privateKey, certificate: cert });
  const sig = findPdfSignatures(parsePdf(signed))[0];
  const data = byteRangeData(signed, sig.byteRange);
  const opts = quick ? { windows: 3, ms: 300, warmupMs: 300 } : {};
  const policy = { policy: { trustAnchors: [cert] } };
  const r0 = await verifyPdf(signed, policy);
  if (r0.indication !== 'TOTAL_PASSED') throw new Error(`bench input does not verify: ${r0.indication}`);
  // the reference: the same digest and one SM2 verification over a 200-byte message (signed attributes)
  const msg = data.subarray(0, 200);
  const refSig = sm2Sign(msg, id.privateKey, { publicKey: pub });
  const rows = [];
  const verify = await measureAsync(() => verifyPdf(signed, policy), opts);
  const verifyRef = await measureAsync(() => {
    sm3(data);
    return sm2Verify(msg, refSig, pub);
  }, opts);
  rows.push([
    'verifyPdf (1 signature, trust anchor)',
    verify,
    'SM3(ByteRange bytes) + 1 SM2 verify',
    verifyRef,
  ]);
  const sign = await measureAsync(() => signPdf(pdf, { privateKey: id.privateKey, certificate: cert }), opts);
  const signRef = await measureAsync(() => {
    sm3(data);
    return sm2Sign(msg, id.privateKey, { publicKey: pub });
  }, opts);
  rows.push(['signPdf (invisible, CMS)', sign, 'SM3(ByteRange bytes) + 1 SM2 sign', signRef]);
  const parse = await measureAsync(() => {
    const d = parsePdf(signed);
    for (const n of d.objectNumbers()) d.getObject(n);
  }, opts);
  const parseRef = await measureAsync(() => sm3(signed), opts);
  rows.push(['parsePdf + every object', parse, 'SM3 of the file', parseRef]);
  console.log(
    `Input: corpus pdf/unsigned-example.pdf (${pdf.length} bytes), signed: ${signed.length} bytes. Ops per CPU second, median (min–max).\n`,
  );
  console.log('| operation | ops/s | reference (same run) | ops/s | ratio |');
  console.log('|---|---:|---|---:|---:|');
  for (const [name, m, refName, ref] of rows) {
    console.log(
      `| ${name} | ${fmt(m.median)} (${fmt(m.min)}–${fmt(m.max)}) | ${refName} | ${fmt(ref.median)} | ${(m.median / ref.median).toFixed(2)}× |`,
    );
  }
}
