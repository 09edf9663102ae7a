import { detectCode } from '@gbkit/codes';
import { describe, expect, it } from 'vitest';

const REF = { referenceDate: '2026-11-30' };

describe('detectCode', () => {
  it.each([
    ['91350100M000100Y43', 'uscc', true],
    ['114400000069500070', 'uscc', true], // all digits, yet a credit code
    ['113700000045046442', 'uscc', true],
    ['91350211M0000XUF46', 'uscc', false],
    ['11010519491231002X', 'citizen-id', true],
    ['110101197608056896', 'citizen-id', false],
    ['110105491231002', 'citizen-id', true],
    ['00001333-8', 'org-code', true],
    ['726823604', 'org-code', true],
    ['440113', 'division', true],
    ['990000', 'division', false],
    ['1.2.156.3005.2', 'unknown', false],
    ['', 'unknown', false],
  ])('%s → %s (valid: %s)', (value, kind, valid) => {
    const r = detectCode(value, REF);
    expect(r.kind).toBe(kind);
    expect(r.valid).toBe(valid);
    expect(r.value).toBe(value);
  });

  it('picks the citizen ID for an 18-digit value that fails both but has a real birth date', () => {
    expect(detectCode('110105194912310021', REF).kind).toBe('citizen-id');
    // A bad birth date but a valid credit-code shape and check: credit code.
    expect(detectCode('914403000000004570', REF).kind).toBe('uscc');
  });

  it('flags a value valid both as a credit code and as a citizen ID', () => {
    // 914403195001010430: credit code (division 440319 unknown: a warning) and citizen ID (address
    // 914403 outside every province: a warning). The province problem weighs more: credit code.
    const r = detectCode('914403195001010430', REF);
    expect(r).toMatchObject({ kind: 'uscc', valid: true });
    expect(r.reasons.map((x) => x.code)).toEqual(['WARN_USCC_UNKNOWN_DIVISION', 'WARN_CODE_AMBIGUOUS']);
    // 114401195001013859: one mild warning in each reading (division 440119, address 114401 unknown):
    // the tie goes to the citizen ID.
    const t = detectCode('114401195001013859', REF);
    expect(t).toMatchObject({ kind: 'citizen-id', valid: true });
    expect(t.reasons.map((x) => x.code)).toEqual(['WARN_CITIZEN_ID_UNKNOWN_DIVISION', 'WARN_CODE_AMBIGUOUS']);
  });

  it('explains an unrecognised value', () => {
    const r = detectCode('ABC', REF);
    expect(r.reasons.at(-1)).toMatchObject({ code: 'ERR_CODE_UNRECOGNIZED', actual: '3' });
    expect(r.normalized).toBeUndefined();
  });
});
