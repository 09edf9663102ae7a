/**
 * A GB/T 38540 SES_Signature in /Contents (research §4 variant 3): signed with the ofdrw test seal and
 * signer key, verified through the e-seal SES checks with the ByteRange bytes as the signed original.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePkcs12 } from '@gbkit/crypto';
import { expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';
import { findPdfSignatures, parsePdf, signPdf, verifyPdf } from '../src/pdf/index.js';
import { decodeSeal } from '../src/ses/seal.js';

describeCorpus('SES_Signature in a PDF /Contents', () => {
  const user = parsePkcs12(readCorpus('e-seal', 'keys', 'USER.p12'), { password: '777777' });
  const root = parsePkcs12(readCorpus('e-seal', 'keys', 'ROOT.p12'), { password: '123456' });
  const seal = readCorpus('e-seal', 'UserV4.esl');
  const pdf = readCorpus('pdf', 'unsigned-example.pdf');
  // the ofdrw test seal and certificates are valid 2020-04-22 … 2022-04-21
  const signingTime = new Date('2021-06-01T08:00:00Z');
  const policy = { trustAnchors: [root.certificate?.der as Uint8Array], relaxedPath: true };

  it('signs with the seal picture as appearance and verifies every SES check', async () => {
    const picture = decodeSeal(seal).sealInfo.picture;
    const signed = await signPdf(pdf, {
      privateKey: user.privateKey,
      certificate: user.certificate?.der as Uint8Array,
      seal,
      sesSignature: true,
      signingTime,
      rect: [380, 40, 500, 160],
      ...(['png', 'jpg', 'jpeg'].includes(picture.type.toLowerCase())
        ? {}
        : { appearance: { text: ['电子印章'] } }),
    });
    const r = await verifyPdf(signed, policy);
    const s = r.signatures[0];
    expect(s?.kind).toBe('SES');
    expect(s?.type).toBe('Seal');
    for (const c of ['integrity', 'binding', 'signer', 'maker', 'certInSeal', 'time', 'coverage'] as const) {
      expect(s?.checks[c]?.status, `${c}: ${s?.checks[c]?.message.en}`).toMatch(/passed|warning/);
    }
    expect(s?.seal?.esID).toBeTruthy();
    expect(s?.checks.binding?.status).toBe('passed');
    expect(s?.indication, JSON.stringify(s?.checks.trust)).toBe('TOTAL_PASSED');
    expect(findPdfSignatures(parsePdf(signed))[0]?.subFilter).toBe('adbe.pkcs7.detached');

    // a byte changed inside the signed range → binding (dataHash) fails
    const t = Uint8Array.from(signed);
    t[500] = t[500] === 0x20 ? 0x0a : 0x20;
    const bad = await verifyPdf(t, policy);
    expect(bad.signatures[0]?.checks.binding?.status).toBe('failed');
    expect(bad.indication).toBe('TOTAL_FAILED');

    const r2 = spawnSync('qpdf', ['--version']);
    if (r2.error) console.warn('!! SKIPPING qpdf check: qpdf not installed (apt-get install -y qpdf)');
    else {
      const dir = mkdtempSync(join(tmpdir(), 'gbkit-pdf-ses-'));
      try {
        writeFileSync(join(dir, 'ses.pdf'), signed);
        const q = spawnSync('qpdf', ['--check', join(dir, 'ses.pdf')], { encoding: 'utf8' });
        expect(q.status, q.stdout + q.stderr).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
