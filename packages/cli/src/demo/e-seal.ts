/**
 * Demo step for `@gbkit/e-seal` on OFD: makes a test PKI, a V4 seal, signs a two-page OFD (normal stamp,
 * then a riding seal 骑缝章), verifies it with the CA as trust anchor, then edits one page and shows the
 * integrity failure.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localize, utf8 } from '@gbkit/core';
import { createTestPki } from '@gbkit/crypto';
import { makeSeal, signOfd, verifyOfd } from '@gbkit/e-seal';
import { OfdBuilder, OfdPackage } from '@gbkit/ofd';
import type { DemoStep } from './index.js';

/** Seal and sign an OFD, verify, tamper, verify again. */
export const eSealDemoStep: DemoStep = {
  title: {
    zh: '电子印章与签章：制章、OFD 签章（含骑缝章）、验证与篡改检测（@gbkit/e-seal）',
    en: 'E-seals: make a seal, seal an OFD (incl. a riding seal), verify, detect tampering (@gbkit/e-seal)',
  },
  async run(io, workDir) {
    const zh = io.lang === 'zh';
    const pki = await createTestPki({ organization: 'gbkit demo' });
    const now = Date.now();
    const esl = makeSeal({
      maker: pki.sealMaker,
      signerCertificates: [pki.signer.certificate],
      esID: '11010000000001',
      name: zh ? '演示合同专用章' : 'demo contract seal',
      validStart: new Date(now - 60_000),
      validEnd: new Date(now + 365 * 86_400_000),
      picture: {
        type: 'PNG',
        data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        width: 40,
        height: 40,
      },
    });
    writeFileSync(join(workDir, 'demo.esl'), esl);
    io.out(`  ${zh ? '印章' : 'seal'}: demo.esl (${esl.length} bytes, GB/T 38540 V4)`);
    const b = new OfdBuilder({ docInfo: { title: 'demo contract' } });
    b.addPage().text(zh ? '合同第一页' : 'contract page 1', { x: 20, y: 20 });
    b.addPage().text(zh ? '合同第二页' : 'contract page 2', { x: 20, y: 20 });
    let doc = signOfd(b.build(), { seal: esl, signer: pki.signer, stamps: [{ page: 1, x: 130, y: 230 }] });
    doc = signOfd(doc, { seal: esl, signer: pki.signer, stamps: [{ kind: 'riding', y: 120 }] });
    writeFileSync(join(workDir, 'signed.ofd'), doc);
    const policy = { trustAnchors: [pki.ca.certificate.der] };
    const r = await verifyOfd(doc, { policy });
    for (const s of r.signatures) {
      io.out(
        `  ${s.indication === 'TOTAL_PASSED' ? '✔' : '✘'} ${zh ? '签章' : 'signature'} ${s.id}: ${s.indication} · ${Object.entries(
          s.checks,
        )
          .map(([k, c]) => `${k}=${c?.status}`)
          .join(' ')}`,
      );
    }
    const pkg = OfdPackage.open(doc);
    const page = '/Doc_0/Pages/Page_0/Content.xml';
    const edited = pkg.withReplaced({
      [page]: utf8(
        new TextDecoder()
          .decode(pkg.read(page))
          .replace(/合同第一页|contract page 1/, zh ? '合同第壹页' : 'contract page ONE'),
      ),
    }).bytes;
    const t = await verifyOfd(edited, { policy });
    const first = t.signatures[0];
    io.out(
      `  ${t.indication === 'TOTAL_FAILED' ? '✔' : '✘'} ${zh ? '修改第一页后' : 'after editing page 1'}: ${t.indication} ${t.subIndication ?? ''} — ${first?.checks.integrity ? localize(first.checks.integrity.message, io.lang) : ''}`,
    );
    return r.indication === 'TOTAL_PASSED' && t.indication === 'TOTAL_FAILED';
  },
};
