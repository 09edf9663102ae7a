import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPki, exportPrivateKeySec1 } from '@gbkit/crypto';
import { makeSeal } from '@gbkit/e-seal';
import { openOfd } from '@gbkit/ofd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';

function capture(dir: string, lang: 'zh' | 'en' = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), lang, cwd: dir },
    out,
    err,
  };
}

const GOOD = '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F';
const dir = mkdtempSync(join(tmpdir(), 'gbkit-license-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gbkit license id', () => {
  it('check: exit 0 for valid, --json gives valid, segments, reasons', async () => {
    const c = capture(dir);
    expect(await runCli(['license', 'id', 'check', GOOD, '--json'], c.io)).toBe(0);
    const j = JSON.parse(c.out.join('\n'));
    expect(j).toMatchObject({
      valid: true,
      segments: { typeCode: '11100000000013338W032', serial: '2430599', version: '001', check: 'F' },
      reasons: [],
    });
  });
  it('check: exit 1 with the reason for a wrong check character', async () => {
    const c = capture(dir);
    expect(await runCli(['license', 'id', 'check', GOOD.replace(/F$/, 'G')], c.io)).toBe(1);
    expect(c.out.join('\n')).toMatch(/ERR_LIC_ID_CHECK: wrong check character: expected F, found G/);
    const l = capture(dir);
    expect(await runCli(['license', 'id', 'check', '--lenient', GOOD.replace(/F$/, 'G')], l.io)).toBe(0);
  });
  it('make: computes the check character; usage error exits 3', async () => {
    const c = capture(dir);
    expect(
      await runCli(
        [
          'license',
          'id',
          'make',
          '--type',
          '11100000000013338W032',
          '--issuer',
          '11220000013544541J',
          '--serial',
          '2430599',
        ],
        c.io,
      ),
    ).toBe(0);
    expect(c.out).toEqual([GOOD]);
    const v2 = capture(dir);
    await runCli(
      [
        'license',
        'id',
        'make',
        '--type',
        '11100000000013338W032',
        '--issuer',
        '11220000013544541J',
        '--serial',
        '2430599',
        '--version',
        '2',
      ],
      v2.io,
    );
    expect(v2.out[0]).toMatch(/\.002\.[0-9A-Z]$/);
    expect(await runCli(['license', 'id', 'make', '--type', '11100000000013338W032'], capture(dir).io)).toBe(
      3,
    );
    const bad = capture(dir);
    expect(
      await runCli(
        ['license', 'id', 'make', '--type', '11100000000013338W032', '--issuer', '340100', '--serial', '1'],
        bad.io,
      ),
    ).toBe(1);
    expect(bad.err[0]).toMatch(/ERR_LIC_ID_ISSUER/);
  });
});

describe('gbkit issue / license copy / license validate', () => {
  beforeAll(async () => {
    const pki = await createTestPki({ organization: 'gbkit license cli' });
    const now = Date.now();
    const seal = makeSeal({
      maker: pki.sealMaker,
      signerCertificates: [pki.signer.certificate],
      esID: '1',
      name: '测试专用章',
      validStart: new Date(now - 60_000),
      validEnd: new Date(now + 86_400_000 * 365),
      picture: { type: 'PNG', data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), width: 40, height: 40 },
    });
    writeFileSync(join(dir, 'seal.esl'), seal);
    writeFileSync(join(dir, 'ca.pem'), pki.ca.certificatePem);
    writeFileSync(join(dir, 'signer.key'), exportPrivateKeySec1(pki.signer.privateKey, 'pem'));
    writeFileSync(join(dir, 'signer.pem'), pki.signer.certificatePem);
    const day = new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
    writeFileSync(
      join(dir, 'data.json'),
      JSON.stringify({
        serial: '2430599',
        number: '吉A042024000123',
        issuerName: '吉林省住房和城乡建设厅',
        issuerCode: '11220000013544541J',
        issueDate: day,
        holders: [{ name: '李四', code: '11010519491231002X', typeCode: '111' }],
        surface: { XB: '2', CZLB: '01' },
      }),
    );
  });

  it('issues, validates, copies, validates the copy', async () => {
    const i = capture(dir);
    expect(
      await runCli(
        [
          'issue',
          '--profile',
          'jzsg-special-operations',
          '--data',
          'data.json',
          '--seal',
          'seal.esl',
          '--key',
          'signer.key',
          '--cert',
          'signer.pem',
          '--out',
          'lic.ofd',
        ],
        i.io,
      ),
    ).toBe(0);
    const v = capture(dir);
    expect(await runCli(['license', 'validate', 'lic.ofd', '--trust', 'ca.pem', '--json'], v.io)).toBe(0);
    const j = JSON.parse(v.out.join('\n'));
    expect(j).toMatchObject({
      ok: true,
      isCopy: false,
      profile: 'jzsg-special-operations',
      metadata: { typeCode: '11100000000013338W032' },
    });
    const c = capture(dir);
    expect(
      await runCli(
        [
          'license',
          'copy',
          'lic.ofd',
          '--purpose',
          '用于资格审查',
          '--expires',
          '2099-12-31 23:59:59',
          '--creator',
          '某政务服务中心',
          '--seal',
          'seal.esl',
          '--key',
          'signer.key',
          '--cert',
          'signer.pem',
          '--out',
          'copy.ofd',
        ],
        c.io,
      ),
    ).toBe(0);
    const cv = capture(dir, 'zh');
    expect(await runCli(['license', 'validate', 'copy.ofd', '--trust', 'ca.pem'], cv.io)).toBe(0);
    expect(cv.out.join('\n')).toMatch(/LIC-COPY-EXPIRY/);
    const untrusted = capture(dir);
    expect(await runCli(['license', 'validate', 'lic.ofd'], untrusted.io)).toBe(2);
    // --font embeds a subset of an open CJK font (Debian fonts-droid-fallback, installed by .ci/run)
    const ttf = '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf';
    if (existsSync(ttf)) {
      const f = capture(dir);
      const args = [
        'issue',
        '--profile',
        'jzsg-special-operations',
        '--data',
        'data.json',
        '--seal',
        'seal.esl',
      ];
      const rest = ['--key', 'signer.key', '--cert', 'signer.pem', '--font', ttf, '--out', 'lic-font.ofd'];
      // the font lacks Latin digits: refused unless allowed
      expect(await runCli([...args, ...rest], f.io)).toBe(1);
      expect(f.err.join('\n')).toMatch(/ERR_LIC_FONT_MISSING_GLYPHS/);
      expect(await runCli([...args, ...rest, '--allow-missing-glyphs'], capture(dir).io)).toBe(0);
      const doc = openOfd(new Uint8Array(readFileSync(join(dir, 'lic-font.ofd'))));
      expect(doc.package.paths().some((p) => /\/Res\/font_\d+\.ttf$/.test(p))).toBe(true);
      expect(
        await runCli(['license', 'validate', 'lic-font.ofd', '--trust', 'ca.pem'], capture(dir).io),
      ).toBe(0);
    } else
      console.warn(`!! ${ttf} missing: gbkit issue --font not tested (apt-get install fonts-droid-fallback)`);
    // gbkit verify recognises the e-licence and adds its rules as a `license` section
    const gv = capture(dir);
    expect(await runCli(['verify', 'lic.ofd', '--trust', 'ca.pem', '--json'], gv.io)).toBe(0);
    const vj = JSON.parse(gv.out.join('\n'));
    expect(vj).toMatchObject({
      format: 'ofd',
      indication: 'TOTAL_PASSED',
      license: { ok: true, isCopy: false },
    });
    expect(vj.license.metadata.typeCode).toBe('11100000000013338W032');
    expect(vj.license.findings.every((f: { ruleId: string }) => f.ruleId.startsWith('LIC-'))).toBe(true);
    expect(vj.license.counts.failed).toBe(0);
    const gt = capture(dir, 'zh');
    expect(await runCli(['verify', 'copy.ofd', '--trust', 'ca.pem'], gt.io)).toBe(0);
    expect(gt.out.join('\n')).toMatch(
      /电子证照（加注件） 1\.2\.156\.3005\.2\.[^：]+：\d+ 项证照规则通过，0 项未通过/,
    );
  });

  it('issues a signed PDF that validates; refuses other extensions and unknown profiles', async () => {
    const args = [
      'issue',
      '--profile',
      'jzsg-special-operations',
      '--data',
      'data.json',
      '--seal',
      'seal.esl',
      '--key',
      'signer.key',
      '--cert',
      'signer.pem',
      '--out',
    ];
    expect(await runCli([...args, 'lic.pdf'], capture(dir).io)).toBe(0);
    const v = capture(dir);
    const rc = await runCli(['license', 'validate', 'lic.pdf', '--trust', 'ca.pem', '--json'], v.io);
    expect(rc).toBe(0);
    expect(JSON.parse(v.out.join('\n'))).toMatchObject({ ok: true, profile: 'jzsg-special-operations' });
    expect(await runCli([...args, 'x.txt'], capture(dir).io)).toBe(3);
    expect(
      await runCli(
        [
          'issue',
          '--profile',
          'nope',
          '--data',
          'data.json',
          '--seal',
          'seal.esl',
          '--key',
          'signer.key',
          '--cert',
          'signer.pem',
          '--out',
          'x.ofd',
        ],
        capture(dir).io,
      ),
    ).toBe(3);
  });
});

describe('demo step', () => {
  it('issues, validates and copies a 特种设备使用登记证', async () => {
    const { eLicenseDemoStep } = await import('../src/demo/e-license.js');
    const c = capture(dir);
    expect(await eLicenseDemoStep.run(c.io, dir)).toBe(true);
    expect(c.out.join('\n')).toMatch(
      /identifier: 1\.2\.156\.3005\.2\.914403000000004570901\.11220000013544541J\.\d{10}\.001\.[0-9A-Z]/,
    );
  });
});
