/**
 * The table-driven ISO 7064 implementation agrees with a straightforward reference (code-point spread,
 * `indexOf` per character, the textbook recurrences) on random strings: valid and invalid characters,
 * lower case, non-ASCII letters, surrogate pairs and lone surrogates, in every built-in system and in
 * custom hybrid systems (including alphabets with non-ASCII and supplementary characters).
 */
import {
  hybridSystem,
  type Iso7064Check,
  type Iso7064System,
  iso7064Check,
  iso7064Compute,
  MOD_11_2,
  MOD_11_10,
  MOD_27_26,
  MOD_37_2,
  MOD_37_36,
} from '@gbkit/codes';
import { isGbkitError } from '@gbkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

function refValues(system: Iso7064System, body: string): number[] | number {
  const out: number[] = [];
  let pos = 0;
  for (const c of body) {
    pos++;
    const v = system.alphabet.indexOf(c);
    if (v < 0 || c.length !== 1) return pos;
    out.push(v);
  }
  return out;
}

function refCheckValue(system: Iso7064System, vals: number[]): number {
  const m = system.modulus;
  if (system.type === 'hybrid') {
    let p = m;
    for (const v of vals) {
      let s = (p + v) % m;
      if (s === 0) s = m;
      p = (2 * s) % (m + 1);
    }
    return (m + 1 - p) % m;
  }
  let s = 0;
  for (const v of vals) s = ((s + v) * system.radix) % m;
  return (((1 - s) % m) + m) % m;
}

function refCheck(system: Iso7064System, value: string): Iso7064Check {
  const chars = [...value];
  if (chars.length < 2) return { valid: false };
  const actual = chars[chars.length - 1] as string;
  const vals = refValues(system, chars.slice(0, -1).join(''));
  if (typeof vals === 'number') return { valid: false, actual, invalidPosition: vals };
  const expected = system.checkAlphabet[refCheckValue(system, vals)] as string;
  if (system.checkAlphabet.indexOf(actual) < 0) {
    return { valid: false, expected, actual, invalidPosition: chars.length };
  }
  return { valid: expected === actual, expected, actual };
}

/** `iso7064Compute` as a comparable value: the check character, or the error code and details. */
function outcome(f: () => string): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    if (!isGbkitError(e)) throw e;
    return { code: e.code, details: e.details, location: e.location };
  }
}

function refCompute(system: Iso7064System, body: string): unknown {
  if (body.length === 0) return outcome(() => iso7064Compute(system, body));
  const vals = refValues(system, body);
  if (typeof vals === 'number') {
    const c = [...body][vals - 1] ?? '';
    return {
      code: 'ERR_ISO7064_CHARSET',
      details: { position: vals, character: c },
      location: { offset: vals - 1 },
    };
  }
  return { ok: system.checkAlphabet[refCheckValue(system, vals)] };
}

const SYSTEMS: Iso7064System[] = [
  MOD_37_36,
  MOD_11_2,
  MOD_37_2,
  MOD_11_10,
  MOD_27_26,
  hybridSystem('αβγ01Z', 'Greek mix'),
  hybridSystem('ab😀c', 'with a supplementary character'),
  hybridSystem('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 'MOD 63,62'),
];

// Mostly alphabet characters (so that valid values occur), plus every kind of foreign character.
const charArb = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'a',
      'z',
      'X',
      '*',
      '.',
      ' ',
      '-',
      'α',
      'β',
      'γ',
      'é',
      '０',
      '\u00a0',
      '\x7f',
      '\x80',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('😀', '\ud83d', '\ude00', '\udbff', '𝟘') },
);
const textArb = fc.array(charArb, { minLength: 0, maxLength: 70 }).map((a) => a.join(''));

describe('ISO 7064 fast path = reference implementation', () => {
  for (const system of SYSTEMS) {
    it(`${system.name}: iso7064Check and iso7064Compute agree on random strings`, () => {
      fc.assert(
        fc.property(textArb, (text) => {
          expect(iso7064Check(system, text)).toEqual(refCheck(system, text));
          expect(outcome(() => iso7064Compute(system, text))).toEqual(refCompute(system, text));
        }),
        { numRuns: 1500 },
      );
    });
    it(`${system.name}: a computed check character always validates`, () => {
      const body = fc
        .array(fc.constantFrom(...system.alphabet.replace('😀', '')), { minLength: 1, maxLength: 60 })
        .map((a) => a.join(''));
      fc.assert(
        fc.property(body, (b) => {
          const c = iso7064Compute(system, b);
          expect(refCheck(system, b + c).valid).toBe(true);
          expect(iso7064Check(system, b + c)).toEqual(refCheck(system, b + c));
        }),
        { numRuns: 500 },
      );
    });
  }

  it('a mutable system object is re-read when its alphabet changes', () => {
    const sys = { ...MOD_11_10 } as { -readonly [K in keyof Iso7064System]: Iso7064System[K] };
    expect(iso7064Check(sys, '1234')).toEqual(refCheck(sys, '1234'));
    sys.alphabet = '9876543210';
    sys.checkAlphabet = '9876543210';
    expect(iso7064Check(sys, '1234')).toEqual(refCheck(sys, '1234'));
    expect({ ok: iso7064Compute(sys, '123') }).toEqual(refCompute(sys, '123'));
  });

  it('non-string input is not valid', () => {
    expect(iso7064Check(MOD_37_36, 42 as unknown as string)).toEqual({ valid: false });
    expect(iso7064Check(MOD_37_36, '😀')).toEqual({ valid: false });
    expect(iso7064Check(MOD_37_36, '😀A')).toEqual(refCheck(MOD_37_36, '😀A'));
  });
});
