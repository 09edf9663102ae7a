import {
  assertUscc,
  computeOrgCodeCheckCharacter,
  computeUsccCheckCharacter,
  USCC_ALPHABET,
  USCC_DEPARTMENTS,
  USCC_WEIGHTS,
  validateUscc,
} from '@gbkit/codes';
import { FormatError, isGbkitError } from '@gbkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const codes = (r: { reasons: readonly { code: string }[] }) => r.reasons.map((x) => x.code);

/** Valid codes published in e-license-standards.md §2.1, §9.1 and guide-identity.md §1.5. */
const PUBLISHED_VALID = [
  '11100000000013338W', // 住建部
  '11220000013544541J', // 吉林省住建厅
  '9135052155323005XL', // HerbertHe test vector
  '91350100M000100Y43',
  '914403000000004570', // check value 31 → '0'
  '11430000006122244L',
  '113700000045046442',
  '114400000069500070',
  '11100000MB03271699',
  '11330105002500287C',
  '91610800064834709T',
  '11100000000013661B',
  '11440000MB2D0164XH', // Guangdong guide codes
  '11440100007482575H',
  '11440300MB2D072246',
  '114403006939513773',
];

describe('GB 32100 unified social credit code', () => {
  it.each(PUBLISHED_VALID)('accepts the published code %s with no reason at all', (v) => {
    const r = validateUscc(v);
    expect(codes(r)).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.kind).toBe('uscc');
    expect(r.normalized).toBe(v);
  });

  it('maps check value 31 to 0 (914403000000004570)', () => {
    expect(computeUsccCheckCharacter('91440300000000457')).toBe('0');
    const sum = [...'91440300000000457'].reduce(
      (a, c, i) => a + USCC_ALPHABET.indexOf(c) * (USCC_WEIGHTS[i] as number),
      0,
    );
    expect(sum % 31).toBe(0);
  });

  it('rejects the early pilot code 91350211M0000XUF46 (computed R) and tolerates it in lenient mode', () => {
    const strict = validateUscc('91350211M0000XUF46');
    expect(strict.valid).toBe(false);
    expect(strict.reasons).toEqual([
      expect.objectContaining({
        code: 'ERR_USCC_CHECK_CHARACTER',
        severity: 'error',
        position: 18,
        expected: 'R',
        actual: '6',
      }),
    ]);
    const lenient = validateUscc('91350211M0000XUF46', { mode: 'lenient' });
    expect(lenient.valid).toBe(true);
    expect(lenient.reasons[0]).toMatchObject({ code: 'ERR_USCC_CHECK_CHARACTER', severity: 'warning' });
    expect(lenient.reasons[0]?.tolerated).toMatch(/lenient/);
  });

  it('decodes department, category, division and organisation code', () => {
    const p = validateUscc('9135052155323005XL').parsed!;
    expect(p.department).toMatchObject({ code: '9', known: true, name: { zh: '工商' } });
    expect(p.category).toMatchObject({ code: '1', known: true, name: { zh: '企业' } });
    expect(p.division).toMatchObject({
      code: '350521',
      known: true,
      name: '惠安县',
      fullName: '福建省泉州市惠安县',
    });
    expect(p.orgCode).toBe('55323005X');
    expect(p.orgCodeFormatted).toBe('55323005-X');
    expect(p.checkCharacter).toBe('L');
    const central = validateUscc('11100000000013338W').parsed!;
    expect(central.department.name.zh).toBe('机构编制');
    expect(central.category?.name.zh).toBe('机关');
    expect(central.division).toMatchObject({ code: '100000', level: 'national' });
  });

  it('reports length, charset (each offending position) and check character precisely', () => {
    expect(validateUscc('9135010').reasons).toEqual([
      expect.objectContaining({ code: 'ERR_USCC_LENGTH', actual: '7' }),
    ]);
    const r = validateUscc('91350100M0O01S0Y43');
    expect(r.reasons.filter((x) => x.code === 'ERR_USCC_CHARSET').map((x) => [x.position, x.actual])).toEqual(
      [
        [11, 'O'],
        [14, 'S'],
      ],
    );
    expect(r.reasons.find((x) => x.code === 'ERR_USCC_CHARSET')?.message.en).toMatch(/I, O, Z, S, V/);
    const c = validateUscc('91350100M000100Y44');
    expect(c.reasons).toEqual([
      expect.objectContaining({ code: 'ERR_USCC_CHECK_CHARACTER', expected: '3', actual: '4' }),
    ]);
    expect(c.reasons[0]?.message.zh).toBe('第 18 位校验码应为 3，实为 4');
  });

  it('warns (never fails) on unknown department, category and division', () => {
    const body = (s: string) => s + computeUsccCheckCharacter(s);
    const dept = validateUscc(body('B1350100M000100Y4'));
    expect(dept.valid).toBe(true);
    expect(codes(dept)).toEqual(['WARN_USCC_UNKNOWN_DEPARTMENT']);
    expect(dept.parsed?.department.known).toBe(false);
    const cat = validateUscc(body('9935010055323005X'));
    expect(cat.valid).toBe(true);
    expect(codes(cat)).toEqual(['WARN_USCC_UNKNOWN_CATEGORY']);
    const div = validateUscc(body('9144999955323005X'));
    expect(div.valid).toBe(true);
    expect(codes(div)).toEqual(['WARN_USCC_UNKNOWN_DIVISION']);
    expect(div.parsed?.division).toMatchObject({ code: '449999', known: false });
  });

  it('fails a malformed division and an invalid embedded organisation code', () => {
    const body = (s: string) => s + computeUsccCheckCharacter(s);
    const prov = validateUscc(body('9199010055323005X'));
    expect(codes(prov)).toEqual(['ERR_USCC_DIVISION_FORMAT']);
    expect(prov.reasons[0]).toMatchObject({ position: 3, actual: '99' });
    const letter = validateUscc(body('9135A10055323005X'));
    expect(codes(letter)).toEqual(['ERR_USCC_DIVISION_FORMAT']);
    expect(letter.reasons[0]).toMatchObject({ position: 5, actual: 'A' });
    const org = validateUscc(body('9135010055323005Y'));
    expect(codes(org)).toEqual(['ERR_USCC_ORG_CODE']);
    expect(org.reasons[0]).toMatchObject({ position: 17, actual: 'Y' });
    const orgCheck = validateUscc(body('91350100553230051'));
    expect(orgCheck.reasons).toEqual([
      expect.objectContaining({ code: 'ERR_USCC_ORG_CODE', position: 17, expected: 'X', actual: '1' }),
    ]);
    expect(validateUscc(body('91350100553230051'), { mode: 'lenient' }).valid).toBe(true);
  });

  it('upper-cases and trims with warnings', () => {
    const r = validateUscc(' 91350100m000100y43\n');
    expect(r.valid).toBe(true);
    expect(r.normalized).toBe('91350100M000100Y43');
    expect(codes(r)).toEqual(['WARN_CODE_WHITESPACE', 'WARN_CODE_LOWERCASE']);
  });

  it('assertUscc throws FormatError with code, position and details', () => {
    expect(assertUscc('91350100M000100Y43').parsed?.orgCode).toBe('M000100Y4');
    try {
      assertUscc('91350100M000100Y44');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      expect(isGbkitError(e, 'ERR_USCC_CHECK_CHARACTER')).toBe(true);
      const err = e as FormatError;
      expect(err.location).toEqual({ field: 'uscc', offset: 17 });
      expect(err.details).toMatchObject({ expected: '3', actual: '4' });
      expect(err.localizedMessage('en')).toMatch(/check character should be 3/);
    }
  });

  it('computeUsccCheckCharacter rejects bad bodies', () => {
    expect(() => computeUsccCheckCharacter('123')).toThrow(
      expect.objectContaining({ code: 'ERR_USCC_LENGTH' }),
    );
    expect(() => computeUsccCheckCharacter('9135010055323005I')).toThrow(
      expect.objectContaining({ code: 'ERR_USCC_CHARSET', location: { offset: 16 } }),
    );
  });

  const alpha = fc.constantFrom(...USCC_ALPHABET);
  const usccArb = fc
    .tuple(
      fc.constantFrom(
        ...Object.values(USCC_DEPARTMENTS).flatMap((d) => Object.keys(d.categories).map((c) => d.code + c)),
      ),
      fc.constantFrom('110105', '440113', '100000', '350521', '650000', '820000'),
      fc.array(alpha, { minLength: 8, maxLength: 8 }),
    )
    .map(([dc, div, org]) => {
      const orgBody = org.join('');
      const first17 = dc + div + orgBody + computeOrgCodeCheckCharacter(orgBody);
      return first17 + computeUsccCheckCharacter(first17);
    });

  it('property: a built code with a computed check character is valid with no reasons', () => {
    fc.assert(fc.property(usccArb, (v) => codes(validateUscc(v)).length === 0));
  });

  it('property: any single-character change fails the check character', () => {
    fc.assert(
      fc.property(usccArb, fc.nat(17), alpha, (v, pos, c) => {
        fc.pre(v[pos] !== c);
        const changed = v.slice(0, pos) + c + v.slice(pos + 1);
        const r = validateUscc(changed);
        return !r.valid && codes(r).includes('ERR_USCC_CHECK_CHARACTER');
      }),
    );
  });
});
