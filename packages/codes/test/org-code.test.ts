import { assertOrgCode, computeOrgCodeCheckCharacter, validateOrgCode } from '@gbkit/codes';
import { FormatError } from '@gbkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const codes = (r: { reasons: readonly { code: string }[] }) => r.reasons.map((x) => x.code);

describe('GB 11714 organisation code', () => {
  it.each(['00001333-8', '000013338', '700001354', '726823604', '55323005-X', 'M000100Y4', '01354454-1'])(
    'accepts the published code %s',
    (v) => {
      const r = validateOrgCode(v);
      expect(codes(r)).toEqual([]);
      expect(r.parsed?.formatted).toBe(`${r.normalized?.slice(0, 8)}-${r.normalized?.[8]}`);
    },
  );

  it('maps c = 10 to X and c = 11 to 0', () => {
    expect(computeOrgCodeCheckCharacter('55323005')).toBe('X');
    // Σ ≡ 0 (mod 11) → c = 11 → '0'
    expect(computeOrgCodeCheckCharacter('00000000')).toBe('0');
  });

  it('reports length, charset and check character', () => {
    expect(validateOrgCode('1234567').reasons).toEqual([
      expect.objectContaining({ code: 'ERR_ORG_CODE_LENGTH' }),
    ]);
    expect(validateOrgCode('7000-01354').reasons[0]?.code).toBe('ERR_ORG_CODE_LENGTH');
    const cs = validateOrgCode('7000_1354');
    expect(cs.reasons).toEqual([
      expect.objectContaining({ code: 'ERR_ORG_CODE_CHARSET', position: 5, actual: '_' }),
    ]);
    const chk = validateOrgCode('70000135Y');
    expect(chk.reasons).toEqual([expect.objectContaining({ code: 'ERR_ORG_CODE_CHARSET', position: 9 })]);
    const bad = validateOrgCode('72682360-5');
    expect(bad.reasons).toEqual([
      expect.objectContaining({
        code: 'ERR_ORG_CODE_CHECK_CHARACTER',
        expected: '4',
        actual: '5',
        position: 9,
      }),
    ]);
    expect(() => assertOrgCode('72682360-5')).toThrow(FormatError);
    expect(() => computeOrgCodeCheckCharacter('1234')).toThrow(
      expect.objectContaining({ code: 'ERR_ORG_CODE_LENGTH' }),
    );
    expect(() => computeOrgCodeCheckCharacter('1234567a')).toThrow(
      expect.objectContaining({ code: 'ERR_ORG_CODE_CHARSET' }),
    );
  });

  const body = fc.stringMatching(/^[0-9A-Z]{8}$/);
  it('property: computed check characters validate, with and without the hyphen', () => {
    fc.assert(
      fc.property(body, (b) => {
        const c = computeOrgCodeCheckCharacter(b);
        return validateOrgCode(b + c).valid && validateOrgCode(`${b}-${c}`).valid;
      }),
    );
  });

  it('property: changing the check character or one body digit to another digit fails', () => {
    // Letters are not always caught: A–Z have values 10–35, so e.g. 0 → B (11) is invisible mod 11.
    fc.assert(
      fc.property(body, fc.nat(8), fc.integer({ min: 1, max: 9 }), (b, pos, delta) => {
        const full = b + computeOrgCodeCheckCharacter(b);
        const orig = full[pos] as string;
        let repl: string;
        if (pos === 8) repl = '0123456789X'[('0123456789X'.indexOf(orig) + delta) % 11] as string;
        else if (/\d/.test(orig)) repl = String((Number(orig) + delta) % 10);
        else return true;
        return !validateOrgCode(full.slice(0, pos) + repl + full.slice(pos + 1)).valid;
      }),
    );
  });
});
