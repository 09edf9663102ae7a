/**
 * ISO/IEC 7064 check-character systems, as reusable functions over any input string.
 *
 * - **Pure systems** (one check character): `Σ aᵢ·rⁱ⁻¹ ≡ 1 (mod M)`, positions `i` counted from the
 *   right with the check character at `i = 1`. {@link MOD_11_2} (citizen IDs, GB 11643) and
 *   {@link MOD_37_2}.
 * - **Hybrid systems** `MOD (M+1), M` over an alphabet of `M` characters:
 *   `p = M; for each c: s = (p + v(c)) mod M || M; p = 2s mod (M+1)`; the check value is
 *   `(M + 1 − p) mod M`. {@link MOD_37_36} (alphabet `0-9A-Z`; the e-licence identifier of
 *   GB/T 36904), {@link MOD_11_10} (digits), {@link MOD_27_26} (letters), or any alphabet through
 *   {@link hybridSystem}.
 *
 * Input characters must belong to the system's alphabet exactly (no case folding): a lower-case
 * letter is rejected like any other foreign character.
 *
 * @example
 * ```ts
 * import { computeMod37_36, isValidMod37_36, computeMod11_2 } from '@gbkit/codes';
 * computeMod37_36('11100000000013338W01111430000006122244L20230000403001'); // 'U'
 * isValidMod37_36('11100000000013338W01111430000006122244L20230000403001U'); // true
 * computeMod11_2('11010519491231002'); // 'X'
 * ```
 * @module
 */
import { InvalidArgumentError } from '@gbkit/core';

/** An ISO/IEC 7064 system with one check character. */
export interface Iso7064System {
  /** Name as in the standard, e.g. `MOD 37,36`. */
  readonly name: string;
  readonly type: 'pure' | 'hybrid';
  /** The modulus `M`. */
  readonly modulus: number;
  /** Pure systems: the radix `r`. Hybrid systems: `2`. */
  readonly radix: number;
  /** Characters allowed in the body; a character's value is its index. */
  readonly alphabet: string;
  /** Check characters; the check value is the index. */
  readonly checkAlphabet: string;
}

/** Details of a check: whether it holds and, when the characters are valid, the expected check character. */
export interface Iso7064Check {
  readonly valid: boolean;
  /** The check character the body requires (absent when the body has a foreign character). */
  readonly expected?: string;
  /** The check character found (last character of the value). */
  readonly actual?: string;
  /** 1-based position of the first character outside the alphabet, if any. */
  readonly invalidPosition?: number;
}

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ISO/IEC 7064 MOD 11-2: digits, check character `0-9` or `X` (GB 11643 citizen IDs). */
export const MOD_11_2: Iso7064System = Object.freeze({
  name: 'MOD 11-2',
  type: 'pure',
  modulus: 11,
  radix: 2,
  alphabet: DIGITS,
  checkAlphabet: DIGITS + 'X',
});

/** ISO/IEC 7064 MOD 37-2: `0-9A-Z`, check character `0-9A-Z` or `*`. */
export const MOD_37_2: Iso7064System = Object.freeze({
  name: 'MOD 37-2',
  type: 'pure',
  modulus: 37,
  radix: 2,
  alphabet: DIGITS + LETTERS,
  checkAlphabet: DIGITS + LETTERS + '*',
});

/**
 * Builds the hybrid system `MOD (M+1), M` for an alphabet of `M` distinct characters (values are
 * the characters' indices).
 */
export function hybridSystem(alphabet: string, name?: string): Iso7064System {
  const chars = [...alphabet];
  if (chars.length < 2 || new Set(chars).size !== chars.length) {
    throw new InvalidArgumentError('ERR_ISO7064_ALPHABET', {
      zh: '字母表须至少有 2 个互不相同的字符',
      en: 'the alphabet needs at least 2 distinct characters',
    });
  }
  const m = chars.length;
  return Object.freeze({
    name: name ?? `MOD ${m + 1},${m}`,
    type: 'hybrid',
    modulus: m,
    radix: 2,
    alphabet,
    checkAlphabet: alphabet,
  });
}

/** ISO/IEC 7064 MOD 37,36 (hybrid), alphabet `0-9A-Z`: the GB/T 36904 e-licence identifier check. */
export const MOD_37_36: Iso7064System = hybridSystem(DIGITS + LETTERS, 'MOD 37,36');
/** ISO/IEC 7064 MOD 11,10 (hybrid), digits. */
export const MOD_11_10: Iso7064System = hybridSystem(DIGITS, 'MOD 11,10');
/** ISO/IEC 7064 MOD 27,26 (hybrid), letters `A-Z`. */
export const MOD_27_26: Iso7064System = hybridSystem(LETTERS, 'MOD 27,26');

function values(system: Iso7064System, body: string): number[] | number {
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

function checkValue(system: Iso7064System, vals: number[]): number {
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
  // Pure: Horner over the body, then one more multiplication for the check position.
  let s = 0;
  for (const v of vals) s = ((s + v) * system.radix) % m;
  return (((1 - s) % m) + m) % m;
}

/**
 * Computes the check character of `body` in `system`.
 * @throws InvalidArgumentError `ERR_ISO7064_EMPTY` for an empty body, `ERR_ISO7064_CHARSET` (with
 * the 0-based offset) for a character outside the alphabet.
 * @example
 * ```ts
 * import { iso7064Compute, MOD_37_36 } from '@gbkit/codes';
 * iso7064Compute(MOD_37_36, 'ABC'); // one of 0-9A-Z
 * ```
 */
export function iso7064Compute(system: Iso7064System, body: string): string {
  if (typeof body !== 'string' || body.length === 0) {
    throw new InvalidArgumentError('ERR_ISO7064_EMPTY', {
      zh: `${system.name}：被校验的字符串为空`,
      en: `${system.name}: the string to check is empty`,
    });
  }
  const vals = values(system, body);
  if (typeof vals === 'number') {
    const c = [...body][vals - 1] ?? '';
    throw new InvalidArgumentError(
      'ERR_ISO7064_CHARSET',
      {
        zh: `${system.name}：第 ${vals} 个字符 ${JSON.stringify(c)} 不在字母表 ${system.alphabet} 中`,
        en: `${system.name}: character ${vals} ${JSON.stringify(c)} is not in the alphabet ${system.alphabet}`,
      },
      { location: { offset: vals - 1 }, details: { position: vals, character: c } },
    );
  }
  return system.checkAlphabet[checkValue(system, vals)] as string;
}

/**
 * Checks a value whose last character is its check character, and says why it fails.
 * Never throws.
 */
export function iso7064Check(system: Iso7064System, value: string): Iso7064Check {
  const chars = typeof value === 'string' ? [...value] : [];
  if (chars.length < 2) return { valid: false };
  const actual = chars[chars.length - 1] as string;
  const vals = values(system, chars.slice(0, -1).join(''));
  if (typeof vals === 'number') return { valid: false, actual, invalidPosition: vals };
  const expected = system.checkAlphabet[checkValue(system, vals)] as string;
  if (system.checkAlphabet.indexOf(actual) < 0) {
    return { valid: false, expected, actual, invalidPosition: chars.length };
  }
  return { valid: expected === actual, expected, actual };
}

/** True when the last character of `value` is the correct check character in `system`. */
export function iso7064IsValid(system: Iso7064System, value: string): boolean {
  return iso7064Check(system, value).valid;
}

/**
 * ISO/IEC 7064 MOD 11-2 check character of a digit string (`0-9` or `X`).
 * @example
 * ```ts
 * import { computeMod11_2 } from '@gbkit/codes';
 * computeMod11_2('44052418800101001'); // '4'
 * ```
 */
export function computeMod11_2(digits: string): string {
  return iso7064Compute(MOD_11_2, digits);
}

/** True when a digit string ends with its correct MOD 11-2 check character. */
export function isValidMod11_2(value: string): boolean {
  return iso7064IsValid(MOD_11_2, value);
}

/**
 * ISO/IEC 7064 MOD 37,36 (hybrid) check character of a string over `0-9A-Z`.
 * @example
 * ```ts
 * import { computeMod37_36 } from '@gbkit/codes';
 * computeMod37_36('11100000000013338W03211220000013544541J2430599001'); // 'F'
 * ```
 */
export function computeMod37_36(body: string): string {
  return iso7064Compute(MOD_37_36, body);
}

/** True when a `0-9A-Z` string ends with its correct MOD 37,36 check character. */
export function isValidMod37_36(value: string): boolean {
  return iso7064IsValid(MOD_37_36, value);
}
