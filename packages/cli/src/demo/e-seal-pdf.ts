/**
 * Demo step for PDF signatures in `@gbkit/e-seal`: a one-page PDF is signed twice with SM2 by a test PKI
 * (an invisible signature, then a visible one with Chinese text, each an incremental update), both
 * signatures are verified against the test CA, and one changed byte is shown to fail.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localize } from '@gbkit/core';
import { createTestPki } from '@gbkit/crypto';
import { signPdf, verifyPdf } from '@gbkit/e-seal';
import type { DemoStep } from './index.js';

/** A minimal one-page PDF with a correct cross-reference table. */
function minimalPdf(text: string): Uint8Array {
  const content = `BT /F1 20 Tf 72 760 Td (${text}) Tj ET`;
  const bodies = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  bodies.forEach((b, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${b}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f\r\n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n\r\n`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const bytes = new Uint8Array(out.length);
  for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i) & 0xff;
  return bytes;
}

/** Sign a PDF twice with SM2, verify both signatures, detect a changed byte. */
export const eSealPdfDemoStep: DemoStep = {
  title: {
    zh: 'PDF 签名：SM2 签名两次（增量更新）并验证（@gbkit/e-seal）',
    en: 'PDF signatures: sign twice with SM2 (incremental updates) and verify (@gbkit/e-seal)',
  },
  async run(io, workDir) {
    const t = (zh: string, en: string) => localize({ zh, en }, io.lang);
    const pki = await createTestPki();
    const signer = { privateKey: pki.signer.privateKey, certificate: pki.signer.certificate.der };
    const pdf = minimalPdf('gbkit PDF signature demo');
    const once = await signPdf(pdf, { ...signer, reason: t('审核', 'reviewed') });
    const twice = await signPdf(once, {
      ...signer,
      cmsFlavor: 'gbt35275',
      rect: [350, 700, 540, 760],
      appearance: { text: ['电子签章', 'SM2 / SM3'] },
    });
    const file = join(workDir, 'signed-twice.pdf');
    writeFileSync(file, twice);
    io.out(
      t(
        `  已写出 ${file}（${twice.length} 字节，原文 ${pdf.length} 字节保持不变）`,
        `  wrote ${file} (${twice.length} bytes; the original ${pdf.length} bytes are unchanged)`,
      ),
    );
    const r = await verifyPdf(twice, { policy: { trustAnchors: [pki.ca.certificate.der] }, file });
    let ok = r.indication === 'TOTAL_PASSED' && r.signatures.length === 2;
    for (const s of r.signatures) {
      const cov = s.checks.coverage;
      io.out(
        `  ${s.indication === 'TOTAL_PASSED' ? '✔' : '✘'} ${s.id} (${s.kind}): ${s.indication}; coverage ${cov?.status}: ${localize(cov?.message ?? { zh: '', en: '' }, io.lang)}`,
      );
    }
    // change one letter of the page text ("demo" → "Demo"), inside both signed ranges
    const at = new TextDecoder('latin1').decode(twice.subarray(0, pdf.length)).indexOf('demo');
    const tampered = Uint8Array.from(twice);
    tampered[at] = 0x44;
    const bad = await verifyPdf(tampered, { policy: { trustAnchors: [pki.ca.certificate.der] } });
    const detected = bad.indication === 'TOTAL_FAILED';
    io.out(
      `  ${detected ? '✔' : '✘'} ${t(`改动第 ${at} 字节（页面文字）后`, `after changing byte ${at} (page text)`)}: ${bad.indication} / ${bad.subIndication ?? ''}`,
    );
    ok &&= detected;
    return ok;
  },
};
