/**
 * Tamper evidence: flipping any single byte of any protected part of a signed OFD we made gives a failed
 * `integrity` check (exhaustive over a small document), and the document is TOTAL_FAILED.
 */
import { createTestPki, type TestPki } from '@gbkit/crypto';
import { makeSeal, signOfd, verifyOfd } from '@gbkit/e-seal';
import { OfdBuilder, OfdPackage, parseSignatureXml } from '@gbkit/ofd';
import { beforeAll, describe, expect, it } from 'vitest';

let pki: TestPki;
let esl: Uint8Array;
beforeAll(async () => {
  pki = await createTestPki({ organization: 'tamper' });
  const now = Date.now();
  esl = makeSeal({
    maker: pki.sealMaker,
    signerCertificates: [pki.signer.certificate],
    esID: 't',
    name: '章',
    validStart: new Date(now - 60_000),
    validEnd: new Date(now + 86_400_000),
    picture: { type: 'PNG', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), width: 30, height: 30 },
  });
});

function smallDoc(): Uint8Array {
  const b = new OfdBuilder();
  b.addPage({ width: 50, height: 50 }).text('x', { x: 5, y: 5 });
  return b.build();
}

async function exhaustive(signed: Uint8Array, only?: string): Promise<number> {
  const pkg = OfdPackage.open(signed);
  const sx = parseSignatureXml(
    pkg.read('/Doc_0/Signs/Sign_0/Signature.xml'),
    '/Doc_0/Signs/Sign_0/Signature.xml',
    pkg,
  );
  // no trust anchor: integrity is what is under test (intact → INDETERMINATE only for want of an anchor)
  const intact = await verifyOfd(signed);
  expect(intact.signatures[0]?.checks.integrity?.status).toBe('passed');
  expect(intact.indication).toBe('INDETERMINATE');
  let n = 0;
  for (const ref of sx.references) {
    if (only && ref.target.path !== only) continue;
    const original = pkg.read(ref.target.path);
    for (let i = 0; i < original.length; i++) {
      const bad = original.slice();
      bad[i] = (bad[i] as number) ^ 0x01;
      const tampered = pkg.withReplaced({ [ref.target.path]: bad }, { level: 0 }).bytes;
      const r = await verifyOfd(tampered);
      // the signature (wherever the damaged structure now lists it) reports integrity failed
      const hit = r.signatures.find((s) => s.signaturePath === '/Doc_0/Signs/Sign_0/Signature.xml');
      if (hit?.checks.integrity?.status !== 'failed' || r.indication !== 'TOTAL_FAILED') {
        throw new Error(
          `flip of byte ${i} of ${ref.target.path} not detected: ${hit?.checks.integrity?.status} ${r.indication}`,
        );
      }
      n++;
    }
  }
  return n;
}

describe('tamper: every single-byte flip of every protected part is detected', () => {
  it('continue-sign document', async () => {
    const n = await exhaustive(
      signOfd(smallDoc(), {
        seal: esl,
        signer: pki.signer,
        stamps: [{ page: 0, x: 5, y: 5 }],
        includeSealFile: false,
      }),
    );
    expect(n).toBeGreaterThan(800);
  });
  it('whole-protect document (Signatures.xml protected too)', async () => {
    const n = await exhaustive(
      signOfd(smallDoc(), { seal: esl, signer: pki.signer, mode: 'whole', includeSealFile: false }),
    );
    expect(n).toBeGreaterThan(800);
  });
});
