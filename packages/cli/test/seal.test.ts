/**
 * `gbkit verify`, `gbkit seal inspect`, `gbkit seal make`, `gbkit sign` (OFD): exit codes, the summary
 * and the JSON shape, on corpus files and on files made by the commands themselves.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPki, exportPrivateKeySec1, parsePkcs12 } from '@gbkit/crypto';
import { OfdBuilder } from '@gbkit/ofd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, describeCorpus, readCorpus } from '../../../test-utils/corpus.js';
import { runCli } from '../src/main.js';

function capture(cwd: string, lang: 'zh' | 'en' = 'zh') {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), lang, cwd }, out, err };
}
const corpus = join(CORPUS_DIR, 'e-seal');

describeCorpus('gbkit verify on the corpus', () => {
  it('1.ofd: INDETERMINATE without a trust anchor → exit 2, Chinese summary by default', async () => {
    const c = capture(corpus);
    expect(await runCli(['verify', '1.ofd'], c.io)).toBe(2);
    const text = c.out.join('\n');
    expect(text).toContain('无法确定');
    expect(text).toContain('文件完整性');
    expect(text).toContain('NO_CERTIFICATE_CHAIN_FOUND');
  });
  it('keyword.ofd → exit 1; with 1.ofd the worst (failed) wins', async () => {
    expect(await runCli(['verify', 'keyword.ofd'], capture(corpus).io)).toBe(1);
    expect(await runCli(['verify', '1.ofd', 'keyword.ofd'], capture(corpus).io)).toBe(1);
  });
  it('--json: one object per file with file, format, indication, subIndication, signatures[id,type,indication,checks]', async () => {
    const c = capture(corpus, 'en');
    expect(await runCli(['verify', '--json', 'keyword.ofd', 'UserV4.esl', 'hello-integrity.ofd'], c.io)).toBe(
      1,
    );
    expect(c.out.length).toBe(3);
    const [k, u, h] = c.out.map((l) => JSON.parse(l));
    expect(k.file).toBe('keyword.ofd');
    expect(k.format).toBe('ofd');
    expect(k.indication).toBe('TOTAL_FAILED');
    expect(k.subIndication).toBe('HASH_FAILURE');
    expect(k.signatures.map((s: { id: string; type: string }) => [s.id, s.type])).toEqual([
      ['2', 'Seal'],
      ['4', 'Sign'],
    ]);
    expect(k.signatures[0].checks.integrity.status).toBe('failed');
    expect(k.signatures[0].checks.signer.status).toBe('passed');
    expect(k.signatures[0].checks.integrity.evidence.mismatched.length).toBe(3);
    expect(u.format).toBe('esl');
    expect(u.signatures[0].checks.maker.status).toBe('passed');
    expect(h.signatures).toEqual([]);
    expect(h.integrityProtection.checks.signer.status).toBe('passed');
  });
  it('raw SES_Signature with --signature-xml: binding fails → exit 1; --lang en summary', async () => {
    const c = capture(corpus, 'en');
    expect(await runCli(['verify', 'SignedValueV4.dat', '--signature-xml', 'Signature.xml'], c.io)).toBe(1);
    expect(c.out.join('\n')).toMatch(/binding: dataHash differs/);
  });
  it('DigitalSign.ofd with --cert: signer passes (still no anchor → exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gbkit-cli-seal-'));
    try {
      const user = parsePkcs12(readCorpus('e-seal', 'keys', 'USER.p12'), { password: '777777' });
      writeFileSync(join(dir, 'user.der'), user.certificate?.der as Uint8Array);
      const c = capture(corpus, 'en');
      expect(
        await runCli(['verify', '--json', 'DigitalSign.ofd', '--cert', join(dir, 'user.der')], c.io),
      ).toBe(2);
      expect(JSON.parse(c.out[0] as string).signatures[0].checks.signer.status).toBe('passed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('--trust with the ofdrw root and --relaxed → allprotected.ofd passes (exit 0); strict → exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gbkit-cli-seal-'));
    try {
      const root = parsePkcs12(readCorpus('e-seal', 'keys', 'ROOT.p12'), { password: '123456' });
      writeFileSync(join(dir, 'root.pem'), root.certificate?.toPem() as string);
      expect(
        await runCli(
          ['verify', join(corpus, 'allprotected.ofd'), '--trust', join(dir, 'root.pem'), '--relaxed'],
          capture(dir).io,
        ),
      ).toBe(0);
      expect(
        await runCli(
          ['verify', join(corpus, 'allprotected.ofd'), '--trust', join(dir, 'root.pem')],
          capture(dir).io,
        ),
      ).toBe(2);
      writeFileSync(
        join(dir, 'policy.json'),
        JSON.stringify({ trustAnchors: ['root.pem'], relaxedPath: true }),
      );
      expect(
        await runCli(
          ['verify', join(corpus, 'allprotected.ofd'), '--policy', join(dir, 'policy.json')],
          capture(dir).io,
        ),
      ).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('seal inspect shows the seal fields and the tolerated variants', async () => {
    const c = capture(corpus, 'en');
    expect(await runCli(['seal', 'inspect', 'UserV1.esl'], c.io)).toBe(0);
    expect(c.out.join('\n')).toContain('layout: 2014');
    const j = capture(corpus);
    expect(await runCli(['seal', 'inspect', '--json', 'SignedValueV5.dat'], j.io)).toBe(0);
    expect(JSON.parse(j.out[0] as string).layout).toBe('v5');
  });
});

describe('gbkit verify usage errors', () => {
  it('no file, unknown option, unreadable file → exit 3', async () => {
    expect(await runCli(['verify'], capture('/').io)).toBe(3);
    expect(await runCli(['verify', '--bogus', 'x'], capture('/').io)).toBe(3);
    const c = capture('/');
    expect(await runCli(['verify', '/nonexistent/file.ofd'], c.io)).toBe(3);
    const dir = mkdtempSync(join(tmpdir(), 'gbkit-cli-seal-'));
    try {
      writeFileSync(join(dir, 'junk.bin'), 'not a seal at all');
      expect(await runCli(['verify', 'junk.bin'], capture(dir).io)).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gbkit seal make → gbkit sign → gbkit verify', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gbkit-cli-seal-'));
    const pki = await createTestPki({ organization: 'cli seal' });
    writeFileSync(join(dir, 'ca.pem'), pki.ca.certificatePem);
    writeFileSync(join(dir, 'maker.key'), exportPrivateKeySec1(pki.sealMaker.privateKey, 'pem'));
    writeFileSync(join(dir, 'maker.pem'), pki.sealMaker.certificatePem);
    writeFileSync(join(dir, 'signer.key'), exportPrivateKeySec1(pki.signer.privateKey, 'pem'));
    writeFileSync(join(dir, 'signer.pem'), pki.signer.certificatePem);
    writeFileSync(join(dir, 'stamp.png'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const b = new OfdBuilder();
    b.addPage().text('合同', { x: 20, y: 20 });
    b.addPage().text('第二页', { x: 20, y: 20 });
    writeFileSync(join(dir, 'doc.ofd'), b.build());
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  it('makes a seal, seals the OFD twice (normal + riding) and adds a Sign; all verify with the CA as anchor', async () => {
    const m = capture(dir);
    expect(
      await runCli(
        [
          'seal',
          'make',
          '--key',
          'maker.key',
          '--cert',
          'maker.pem',
          '--signer-cert',
          'signer.pem',
          '--name',
          '合同专用章',
          '--es-id',
          '11010000000001',
          '--picture',
          'stamp.png',
          '--out',
          'seal.esl',
        ],
        m.io,
      ),
    ).toBe(0);
    expect(await runCli(['verify', 'seal.esl', '--trust', 'ca.pem'], capture(dir).io)).toBe(0);
    expect(
      await runCli(
        [
          'sign',
          'doc.ofd',
          '--seal',
          'seal.esl',
          '--key',
          'signer.key',
          '--cert',
          'signer.pem',
          '--out',
          'a.ofd',
        ],
        capture(dir).io,
      ),
    ).toBe(0);
    expect(
      await runCli(
        [
          'sign',
          'a.ofd',
          '--seal',
          'seal.esl',
          '--key',
          'signer.key',
          '--cert',
          'signer.pem',
          '--riding',
          '--out',
          'b.ofd',
        ],
        capture(dir).io,
      ),
    ).toBe(0);
    expect(
      await runCli(
        [
          'sign',
          'b.ofd',
          '--type',
          'Sign',
          '--sign-form',
          'pkcs9',
          '--key',
          'signer.key',
          '--cert',
          'signer.pem',
          '--out',
          'c.ofd',
        ],
        capture(dir).io,
      ),
    ).toBe(0);
    const v = capture(dir, 'en');
    expect(await runCli(['verify', '--json', 'c.ofd', '--trust', 'ca.pem'], v.io)).toBe(0);
    const r = JSON.parse(v.out[0] as string);
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(r.signatures.map((s: { type: string }) => s.type)).toEqual(['Seal', 'Seal', 'Sign']);
    expect(await runCli(['verify', 'c.ofd'], capture(dir).io)).toBe(2);
    expect(readFileSync(join(dir, 'doc.ofd')).length).toBeLessThan(readFileSync(join(dir, 'c.ofd')).length);
  });
  it('sign without --key or with a Seal but no --seal is a usage error', async () => {
    expect(await runCli(['sign', 'doc.ofd'], capture(dir).io)).toBe(3);
    expect(
      await runCli(
        ['sign', 'doc.ofd', '--type', 'Seal', '--key', 'signer.key', '--cert', 'signer.pem'],
        capture(dir).io,
      ),
    ).toBe(3);
  });
});
