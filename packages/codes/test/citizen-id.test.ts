import {
  assertCitizenId,
  computeCitizenIdCheckCharacter,
  convertCitizenId15To18,
  validateCitizenId,
} from '@gbkit/codes';
import { FormatError } from '@gbkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const codes = (r: { reasons: readonly { code: string }[] }) => r.reasons.map((x) => x.code);
const REF = { referenceDate: '2026-11-30' };
const withCheck = (first17: string) => first17 + computeCitizenIdCheckCharacter(first17);

describe('GB 11643 citizen ID', () => {
  it('accepts 11010519491231002X (e-license-standards.md §9.3) and decodes it', () => {
    const r = validateCitizenId('11010519491231002X', REF);
    expect(codes(r)).toEqual([]);
    expect(r.parsed).toMatchObject({
      birthDate: '1949-12-31',
      sex: 'female',
      sequence: '002',
      checkCharacter: 'X',
      legacy15: false,
      division: { code: '110105', known: true, fullName: '北京市朝阳区' },
    });
  });

  it('accepts 440524188001010014 once births before 1900 are allowed; its 1880 date fails by default', () => {
    const def = validateCitizenId('440524188001010014', REF);
    expect(def.valid).toBe(false);
    expect(codes(def)).toContain('ERR_CITIZEN_ID_BIRTH_DATE_TOO_EARLY');
    const r = validateCitizenId('440524188001010014', { ...REF, minBirthDate: '1800-01-01' });
    expect(r.valid).toBe(true);
    expect(r.parsed?.sex).toBe('male');
    // 440524 (潮阳县) was abolished long before the bundled table: a warning, not an error.
    expect(codes(r)).toEqual(['WARN_CITIZEN_ID_UNKNOWN_DIVISION']);
  });

  it('rejects the published negative example 110101197608056896 (check should be 7)', () => {
    const r = validateCitizenId('110101197608056896', REF);
    expect(r.reasons).toEqual([
      expect.objectContaining({
        code: 'ERR_CITIZEN_ID_CHECK_CHARACTER',
        position: 18,
        expected: '7',
        actual: '6',
      }),
    ]);
    expect(() => assertCitizenId('110101197608056896', REF)).toThrow(FormatError);
  });

  it('checks that the birth date is real, not in the future and not too early', () => {
    expect(codes(validateCitizenId(withCheck('11010520230230002'), REF))).toEqual([
      'ERR_CITIZEN_ID_BIRTH_DATE',
    ]);
    expect(codes(validateCitizenId(withCheck('11010519000229002'), REF))).toEqual([
      'ERR_CITIZEN_ID_BIRTH_DATE',
    ]);
    expect(codes(validateCitizenId(withCheck('11010520000229002'), REF))).toEqual([]);
    expect(codes(validateCitizenId(withCheck('11010519991301002'), REF))).toEqual([
      'ERR_CITIZEN_ID_BIRTH_DATE',
    ]);
    const future = validateCitizenId(withCheck('11010520261201002'), REF);
    expect(future.reasons).toEqual([
      expect.objectContaining({
        code: 'ERR_CITIZEN_ID_BIRTH_DATE_FUTURE',
        position: 7,
        actual: '2026-12-01',
      }),
    ]);
    expect(
      validateCitizenId(withCheck('11010520261201002'), { referenceDate: new Date('2027-01-01T00:00:00Z') })
        .valid,
    ).toBe(true);
    expect(codes(validateCitizenId(withCheck('11010518991231002'), REF))).toEqual([
      'ERR_CITIZEN_ID_BIRTH_DATE_TOO_EARLY',
    ]);
    expect(() => validateCitizenId('11010519491231002X', { minBirthDate: '1900-02-30' })).toThrow(
      expect.objectContaining({ code: 'ERR_CITIZEN_ID_OPTION' }),
    );
  });

  it('reports length and charset precisely', () => {
    expect(validateCitizenId('1101051949123100', REF).reasons).toEqual([
      expect.objectContaining({ code: 'ERR_CITIZEN_ID_LENGTH', actual: '16' }),
    ]);
    const r = validateCitizenId('1101051949A231002Y', REF);
    expect(r.reasons.map((x) => [x.code, x.position])).toEqual([
      ['ERR_CITIZEN_ID_CHARSET', 11],
      ['ERR_CITIZEN_ID_CHARSET', 18],
    ]);
    expect(validateCitizenId('11010519491231002x', REF).reasons.map((x) => x.code)).toEqual([
      'WARN_CODE_LOWERCASE',
    ]);
  });

  it('checks the address code as warnings only', () => {
    const bad = validateCitizenId(withCheck('99010519491231002'), REF);
    expect(bad.valid).toBe(true);
    expect(codes(bad)).toEqual(['WARN_CITIZEN_ID_DIVISION_FORMAT']);
    const unknown = validateCitizenId(withCheck('54262119491231002'), REF); // 林芝县, abolished in 2015
    expect(unknown.valid).toBe(true);
    expect(codes(unknown)).toEqual(['WARN_CITIZEN_ID_UNKNOWN_DIVISION']);
  });

  it('recognises residence permits of Hong Kong, Macao and Taiwan residents', () => {
    const r = validateCitizenId(withCheck('81000019800101001'), REF);
    expect(codes(r)).toEqual([]);
    expect(r.parsed?.residencePermit).toBe('HK');
    expect(validateCitizenId(withCheck('83000019800101002'), REF).parsed?.residencePermit).toBe('TW');
  });

  it('accepts 15-digit legacy numbers with a warning and converts them', () => {
    const r = validateCitizenId('110105491231002', REF);
    expect(r.valid).toBe(true);
    expect(codes(r)).toEqual(['WARN_CITIZEN_ID_LEGACY_15']);
    expect(r.parsed).toMatchObject({ legacy15: true, birthDate: '1949-12-31', id18: '11010519491231002X' });
    expect(convertCitizenId15To18('110105491231002')).toBe('11010519491231002X');
    expect(codes(validateCitizenId('110105490230002', REF))).toEqual([
      'WARN_CITIZEN_ID_LEGACY_15',
      'ERR_CITIZEN_ID_BIRTH_DATE',
    ]);
    expect(() => convertCitizenId15To18('1101054912310')).toThrow(
      expect.objectContaining({ code: 'ERR_CITIZEN_ID_LENGTH' }),
    );
    expect(() => convertCitizenId15To18('11010549123100A')).toThrow(
      expect.objectContaining({ code: 'ERR_CITIZEN_ID_CHARSET' }),
    );
  });

  const date = fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2025-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
  const div = fc.constantFrom('110105', '440113', '350521', '650102', '540402', '460400');
  const seq = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'));
  const idArb = fc.tuple(div, date, seq).map(([d, b, s]) => withCheck(d + b + s));

  it('property: a computed check character always validates, and sex follows the sequence parity', () => {
    fc.assert(
      fc.property(idArb, (id) => {
        const r = validateCitizenId(id, REF);
        expect(codes(r)).toEqual([]);
        expect(r.parsed?.sex).toBe(Number(id.slice(14, 17)) % 2 === 1 ? 'male' : 'female');
      }),
    );
  });

  it('property: any single-character change fails', () => {
    fc.assert(
      fc.property(idArb, fc.nat(17), fc.integer({ min: 1, max: 10 }), (id, pos, delta) => {
        const alphabet = pos === 17 ? '0123456789X' : '0123456789';
        const orig = alphabet.indexOf(id[pos] as string);
        const repl = alphabet[(orig + delta) % alphabet.length] as string;
        fc.pre(repl !== id[pos]);
        return !validateCitizenId(id.slice(0, pos) + repl + id.slice(pos + 1), REF).valid;
      }),
    );
  });

  it('property: 15 → 18 conversion validates and keeps the birth date', () => {
    const legacy = fc
      .tuple(
        div,
        date.filter((d) => d.startsWith('19')),
        seq,
      )
      .map(([d, b, s]) => d + b.slice(2) + s);
    fc.assert(
      fc.property(legacy, (id15) => {
        const id18 = convertCitizenId15To18(id15);
        const r = validateCitizenId(id18, REF);
        expect(codes(r)).toEqual([]);
        const l = validateCitizenId(id15, REF);
        expect(l.parsed?.id18).toBe(id18);
        expect(l.parsed?.birthDate).toBe(r.parsed?.birthDate);
        expect(l.parsed?.sex).toBe(r.parsed?.sex);
      }),
    );
  });
});
