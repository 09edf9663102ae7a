import { describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';

function capture(lang: 'zh' | 'en' = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), lang, cwd: process.cwd() },
    out,
    err,
  };
}

describe('gbkit code check', () => {
  it('prints one line per value and exits 0 when all are valid', async () => {
    const c = capture('en');
    const code = await runCli(
      [
        'code',
        'check',
        '91350100M000100Y43',
        '00001333-8',
        '11010519491231002X',
        '440113',
        '110105491231002',
      ],
      c.io,
    );
    expect(code).toBe(0);
    expect(c.out).toHaveLength(5);
    expect(c.out[0]).toMatch(
      /^✔ 91350100M000100Y43 {2}credit code {2}valid {2}industry and commerce.*福建省福州市.*M000100Y-4/,
    );
    expect(c.out[1]).toMatch(/organisation code {2}valid {2}00001333-8/);
    expect(c.out[2]).toMatch(/citizen ID {2}valid {2}北京市朝阳区 · 1949-12-31 · female/);
    expect(c.out[3]).toMatch(/division code {2}valid {2}广东省广州市番禺区/);
    expect(c.out[4]).toMatch(/18-char 11010519491231002X.*WARN_CITIZEN_ID_LEGACY_15/);
  });

  it('exits 1 when one value is invalid and names the reason (in Chinese by default language zh)', async () => {
    const c = capture('zh');
    const code = await runCli(['code', 'check', '91350100M000100Y43', '91350100M000100Y44'], c.io);
    expect(code).toBe(1);
    expect(c.out[1]).toContain('✘ 91350100M000100Y44  统一社会信用代码  无效');
    expect(c.out[1]).toContain('ERR_USCC_CHECK_CHARACTER: 第 18 位校验码应为 3，实为 4');
  });

  it('--json prints one object per line with value, kind, valid and reasons', async () => {
    const c = capture('en');
    const code = await runCli(['code', 'check', '--json', '110101197608056896', 'hello', '449999'], c.io);
    expect(code).toBe(1);
    const rows = c.out.map((l) => JSON.parse(l));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      value: '110101197608056896',
      kind: 'citizen-id',
      valid: false,
      reasons: [
        {
          code: 'ERR_CITIZEN_ID_CHECK_CHARACTER',
          severity: 'error',
          expected: '7',
          actual: '6',
          position: 18,
        },
      ],
    });
    expect(rows[0].reasons[0].messages.zh).toContain('校验码');
    expect(rows[1]).toMatchObject({ kind: 'unknown', valid: false });
    expect(rows[2]).toMatchObject({
      kind: 'division',
      valid: true,
      reasons: [{ code: 'WARN_DIVISION_UNKNOWN' }],
    });
  });

  it('--lenient tolerates a known bad check character as a warning; --kind forces the kind', async () => {
    const c = capture('en');
    expect(await runCli(['code', 'check', '91350211M0000XUF46'], c.io)).toBe(1);
    expect(await runCli(['code', 'check', '--lenient', '91350211M0000XUF46'], c.io)).toBe(0);
    expect(c.out[1]).toMatch(/valid.*warning ERR_USCC_CHECK_CHARACTER/);
    const k = capture('en');
    expect(await runCli(['code', 'check', '--json', '--kind', 'uscc', '440113'], k.io)).toBe(1);
    expect(JSON.parse(k.out[0] as string)).toMatchObject({
      kind: 'uscc',
      reasons: [{ code: 'ERR_USCC_LENGTH' }],
    });
    const at = capture('en');
    expect(await runCli(['code', 'check', '--at', '1949-12-30', '11010519491231002X'], at.io)).toBe(1);
    expect(at.out[0]).toContain('ERR_CITIZEN_ID_BIRTH_DATE_FUTURE');
  });

  it('usage errors exit 3 with the usage', async () => {
    const c = capture('en');
    expect(await runCli(['code', 'check'], c.io)).toBe(3);
    expect(c.err.join('\n')).toMatch(/give at least one code[\s\S]*usage: gbkit code check VALUE/);
    expect(await runCli(['code', 'check', '--kind', 'nope', '440113'], c.io)).toBe(3);
    expect(await runCli(['code', 'check', '--at', '2023-02-30', '11010519491231002X'], c.io)).toBe(3);
    expect(await runCli(['code', 'check', '--bogus', '440113'], c.io)).toBe(3);
  });
});

describe('gbkit demo (codes step)', () => {
  it('runs the codes step successfully', async () => {
    const { codesDemoStep } = await import('../src/demo/codes.js');
    const c = capture('en');
    expect(await codesDemoStep.run(c.io, process.cwd())).toBe(true);
    expect(c.out.join('\n')).toContain('decoded 9135052155323005XL: department 9');
    expect(c.out.join('\n')).toContain('check character: 91440300000000457 → 0');
  });
});
