/**
 * `gbkit verify` on PDFs signed with @gbkit/e-seal: exit codes and the JSON shape (file, format,
 * indication, subIndication, signatures with id, type, indication, checks).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePkcs12 } from '@gbkit/crypto';
import { signPdf } from '@gbkit/e-seal';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';
import { eSealPdfDemoStep } from '../src/demo/e-seal-pdf.js';
import { runCli } from '../src/main.js';

function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), lang: 'en' as const, cwd },
    out,
    err,
  };
}

describeCorpus('gbkit verify FILE.pdf', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gbkit-cli-pdf-'));
    const p12 = parsePkcs12(readCorpus('e-seal', 'keys', 'pdf-sign-sm2.p12'), { password: '12345678' });
    const cert = p12.certificate?.der as Uint8Array;
    const once = await signPdf(readCorpus('pdf', 'unsigned-example.pdf'), {
      privateKey: p12.privateKey,
      certificate: cert,
    });
    const twice = await signPdf(once, {
      privateKey: p12.privateKey,
      certificate: cert,
      cmsFlavor: 'gbt35275',
    });
    writeFileSync(join(dir, 'signed.pdf'), twice);
    writeFileSync(join(dir, 'signer.der'), cert);
    const bad = Uint8Array.from(twice);
    bad[300] = bad[300] === 0x20 ? 0x0a : 0x20;
    writeFileSync(join(dir, 'tampered.pdf'), bad);
    writeFileSync(join(dir, 'unsigned.pdf'), readCorpus('pdf', 'unsigned-example.pdf'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('passes with the signer as trust anchor (exit 0) and prints the JSON report', async () => {
    const c = capture(dir);
    const code = await runCli(
      ['verify', join(dir, 'signed.pdf'), '--trust', join(dir, 'signer.der'), '--json'],
      c.io,
    );
    expect(code, c.err.join('\n') + c.out.join('\n').slice(0, 3000)).toBe(0);
    const j = JSON.parse(c.out.join('\n'));
    const r = Array.isArray(j) ? j[0] : j;
    expect(r.format).toBe('pdf');
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(r.signatures).toHaveLength(2);
    expect(r.signatures[0].id).toBe('Signature1');
    expect(r.signatures[0].checks.integrity.status).toBe('passed');
    expect(r.signatures[0].checks.coverage.status).toBe('warning');
  });

  it('gbkit sign FILE.pdf with a PKCS#12 appends a signature that gbkit verify accepts', async () => {
    writeFileSync(join(dir, 'signer.p12'), readCorpus('e-seal', 'keys', 'pdf-sign-sm2.p12'));
    const c = capture(dir);
    const out = join(dir, 'cli-signed.pdf');
    const code = await runCli(
      [
        'sign',
        join(dir, 'signed.pdf'),
        '--key',
        join(dir, 'signer.p12'),
        '--password',
        '12345678',
        '--out',
        out,
      ],
      c.io,
    );
    expect(code, c.err.join('\n')).toBe(0);
    const v = capture(dir);
    expect(await runCli(['verify', out, '--trust', join(dir, 'signer.der'), '--json'], v.io)).toBe(0);
    expect(JSON.parse(v.out.join('\n')).signatures).toHaveLength(3);
  });

  it('exit 2 without a trust anchor, 1 when a signed byte changed, 3 for a missing file', async () => {
    expect(await runCli(['verify', join(dir, 'signed.pdf')], capture(dir).io)).toBe(2);
    expect(
      await runCli(
        ['verify', join(dir, 'tampered.pdf'), '--trust', join(dir, 'signer.der')],
        capture(dir).io,
      ),
    ).toBe(1);
    expect(await runCli(['verify', join(dir, 'nope.pdf')], capture(dir).io)).toBe(3);
    const c = capture(dir);
    expect(await runCli(['verify', join(dir, 'unsigned.pdf')], c.io)).toBe(2);
  });
});

it('the PDF demo step signs twice, verifies both and detects a changed byte', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gbkit-demo-pdf-'));
  try {
    const c = capture(dir);
    const ok = await eSealPdfDemoStep.run(c.io, dir);
    expect(ok, c.out.join('\n')).toBe(true);
    expect(c.out.join('\n')).toMatch(/Signature2 \(GBT35275\): TOTAL_PASSED/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
