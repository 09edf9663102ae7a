import {
  buildIdentifier,
  buildTypeCode,
  HOLDER_CODE_TYPES,
  holderCodeType,
  nextVersionIdentifier,
  parseIdentifier,
  validateHolderCode,
  validateIdentifier,
  validateTypeCode,
} from '@gbkit/e-license';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const REAL = [
  '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U',
  '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F',
  '1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0',
];
const HEFEI = '1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9';
const SYNTH = '1.2.156.3005.2.11100000000013338W001.114400000069500070.2024000001.001.I';
const SHANDONG =
  '1.2.156.3005.2.11100000000013661B006.113700000045046442.209FA4E88F9E4C878F3E9BED2CE7EA49.001.M';

describe('GB/T 36904 identifier', () => {
  it('accepts the real identifiers of research §2.2 in strict mode', () => {
    for (const id of [...REAL, SYNTH]) {
      const v = validateIdentifier(id);
      expect(v.reasons, id).toEqual([]);
      expect(v.valid).toBe(true);
    }
  });

  it('builds them back from their segments', () => {
    for (const id of [...REAL, SYNTH]) {
      const s = parseIdentifier(id);
      expect(buildIdentifier(s)).toBe(id);
    }
  });

  it('changing the serial of the synthetic vector gives check 8 (not Q as the research note says)', () => {
    const s = parseIdentifier(SYNTH);
    expect(buildIdentifier({ ...s, serial: '2024090001' }).endsWith('.8')).toBe(true);
  });

  it('region-code issuer: error in strict, tolerated warning in lenient', () => {
    const strict = validateIdentifier(HEFEI);
    expect(strict.valid).toBe(false);
    expect(strict.reasons.map((r) => r.code)).toContain('ERR_LIC_ID_ISSUER');
    const lenient = validateIdentifier(HEFEI, { mode: 'lenient' });
    expect(lenient.valid).toBe(true);
    expect(lenient.reasons).toHaveLength(1);
    expect(lenient.reasons[0]).toMatchObject({
      code: 'WARN_LIC_ID_ISSUER_REGION',
      tolerated: 'region-code issuer',
    });
  });

  it('legacy vendor check character: error in strict, named warning in lenient', () => {
    const strict = validateIdentifier(SHANDONG);
    expect(strict.reasons).toEqual([
      expect.objectContaining({ code: 'ERR_LIC_ID_CHECK', expected: 'D', actual: 'M' }),
    ]);
    const lenient = validateIdentifier(SHANDONG, { mode: 'lenient' });
    expect(lenient.valid).toBe(true);
    expect(lenient.reasons[0]?.code).toBe('WARN_LIC_ID_CHECK_MISMATCH');
    const variant = validateIdentifier(SHANDONG, {
      mode: 'lenient',
      legacyCheck: { name: 'shandong-sample', compute: () => 'M' },
    });
    expect(variant.reasons[0]).toMatchObject({
      code: 'WARN_LIC_ID_CHECK_VARIANT',
      tolerated: 'vendor check variant shandong-sample',
    });
  });

  it('rejects the placeholder check X and the test junk with an underscore', () => {
    expect(
      validateIdentifier('1.2.156.3005.2.11100000000013338W050.91610800064834709T.2023000001.001.X')
        .reasons[0],
    ).toMatchObject({ code: 'ERR_LIC_ID_CHECK', expected: '2' });
    const junk = validateIdentifier('1.2.156.3005.2.062301.1101101102.0624_001.001.U');
    expect(junk.valid).toBe(false);
    expect(junk.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['ERR_LIC_TYPE_CODE_FORMAT', 'ERR_LIC_ID_ISSUER', 'ERR_LIC_ID_SERIAL']),
    );
  });

  it('structure, root, version and case errors have their own codes', () => {
    expect(validateIdentifier('1.2.156.3005.3.X').reasons[0]?.code).toBe('ERR_LIC_ID_ROOT');
    expect(validateIdentifier('1.2.156.3005.2.A.B.C').reasons[0]?.code).toBe('ERR_LIC_ID_STRUCTURE');
    expect(validateIdentifier(REAL[1]!.replace('.001.', '.01.')).reasons.map((r) => r.code)).toContain(
      'ERR_LIC_ID_VERSION',
    );
    const lower = REAL[0]!.replace('W011', 'w011');
    expect(validateIdentifier(lower).reasons[0]?.code).toBe('ERR_LIC_ID_LOWERCASE');
    expect(validateIdentifier(lower, { mode: 'lenient' })).toMatchObject({
      valid: true,
      reasons: [expect.objectContaining({ code: 'WARN_LIC_ID_LOWERCASE' })],
    });
  });

  it('property: any one-character change of a valid identifier makes it invalid', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.a_';
    fc.assert(
      fc.property(fc.constantFrom(...REAL, SYNTH), fc.nat(), fc.constantFrom(...alphabet), (id, pos, ch) => {
        const i = pos % id.length;
        fc.pre(id[i] !== ch);
        const mutated = id.slice(0, i) + ch + id.slice(i + 1);
        return validateIdentifier(mutated).valid === false;
      }),
      { numRuns: 3000 },
    );
  });

  it('round trip: parse(build(x)) == x for generated segments', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9A-Z]{1,32}$/),
        fc.integer({ min: 1, max: 999 }),
        (serial, version) => {
          const id = buildIdentifier({
            typeCode: '11100000000013338W032',
            issuerCode: '11220000013544541J',
            serial,
            version,
          });
          const s = parseIdentifier(id);
          return s.serial === serial && Number(s.version) === version;
        },
      ),
    );
  });

  it('next version increments and recomputes the check', () => {
    const next = nextVersionIdentifier(REAL[1]!);
    expect(next.split('.')[8]).toBe('002');
    expect(validateIdentifier(next).valid).toBe(true);
  });

  it('build throws typed errors', () => {
    expect(() =>
      buildIdentifier({ typeCode: '11100000000013338W032', issuerCode: '340100', serial: '1' }),
    ).toThrow(expect.objectContaining({ code: 'ERR_LIC_ID_ISSUER' }));
    expect(() =>
      buildIdentifier({ typeCode: '11100000000013338W032', issuerCode: '11220000013544541J', serial: 'A-1' }),
    ).toThrow(expect.objectContaining({ code: 'ERR_LIC_ID_SERIAL' }));
    expect(() =>
      buildIdentifier({
        typeCode: '11100000000013338W032',
        issuerCode: '11220000013544541J',
        serial: '1',
        version: 1000,
      }),
    ).toThrow(expect.objectContaining({ code: 'ERR_LIC_ID_VERSION' }));
  });
});

describe('type codes and holder codes', () => {
  it('type code = authority USCC + 3 digits', () => {
    expect(buildTypeCode('11100000000013338W', 32)).toBe('11100000000013338W032');
    expect(validateTypeCode('11100000MB03271699022')).toMatchObject({
      valid: true,
      authorityCode: '11100000MB03271699',
      sequence: '022',
    });
    expect(validateTypeCode('11100000000013338X032').reasons[0]?.code).toBe('ERR_LIC_TYPE_CODE_AUTHORITY');
    expect(validateTypeCode('11100000000013338W000').reasons[0]?.code).toBe('ERR_LIC_TYPE_CODE_SEQUENCE');
    expect(() => buildTypeCode('11100000000013338W', 0)).toThrow(
      expect.objectContaining({ code: 'ERR_LIC_TYPE_CODE_SEQUENCE' }),
    );
  });

  it('holder code table has the 16 Annex A codes with categories', () => {
    expect(HOLDER_CODE_TYPES).toHaveLength(16);
    expect(holderCodeType('001')?.category).toBe('法人和其他组织');
    expect(holderCodeType('516')).toMatchObject({ category: '自然人', subCategory: '港澳人士' });
    expect(holderCodeType('005')).toBeUndefined();
  });

  it('validates holder codes by type through @gbkit/codes', () => {
    expect(validateHolderCode('91350100M000100Y43', '001').valid).toBe(true);
    expect(validateHolderCode('91350100M000100Y44', '001').reasons[0]?.code).toBe('ERR_USCC_CHECK_CHARACTER');
    expect(validateHolderCode('11010519491231002X', '111').valid).toBe(true);
    expect(validateHolderCode('110101197608056896', '111').valid).toBe(false);
    expect(validateHolderCode('70000135-4', '099').reasons).toEqual([]);
    expect(validateHolderCode('some text', '099').reasons[0]).toMatchObject({
      severity: 'warning',
      code: 'WARN_LIC_HOLDER_099_FREE',
    });
    expect(validateHolderCode('H12345678', '516').reasons).toEqual([]);
    expect(validateHolderCode('E12345678', '414').valid).toBe(true);
    expect(validateHolderCode('x', '005').reasons[0]?.code).toBe('ERR_LIC_HOLDER_TYPE');
  });
});
