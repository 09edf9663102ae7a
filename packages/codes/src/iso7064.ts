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

// Fast path. Each system gets (once, cached per system object) a table from the ASCII char codes to
// their values (`alphabet.indexOf`, -1 when absent) and, for a hybrid system, a transition table
// `(p, char code) → next p` holding the results of the hybrid step for every state and ASCII character.
// Other characters fall back to `indexOf` and the arithmetic step, so the results are exactly those of a
// code-point-by-code-point `indexOf` scan. The check value is computed in the same pass as the scan,
// with integer arithmetic and no allocation.

interface Tables {
  /** What the tables were built from (a mutable system object is re-read when it changes). */
  readonly alphabet: string;
  readonly checkAlphabet: string;
  readonly type: string;
  readonly modulus: number;
  /** ASCII char code → value, -1 when not in the alphabet. */
  readonly values: Int32Array;
  /** ASCII char code → index in the check alphabet, -1 when absent. */
  readonly checks: Int32Array;
  /**
   * Hybrid systems with an integer `M` ≤ 255: `(p << 7) | charCode` → the next `p` (the states are
   * `0..M`), -1 for a character outside the alphabet.
   */
  readonly transitions: Int16Array | undefined;
}

function asciiTable(alphabet: string): Int32Array {
  const t = new Int32Array(128).fill(-1);
  for (let c = 0; c < 128; c++) t[c] = alphabet.indexOf(String.fromCharCode(c));
  return t;
}

/** One hybrid step: `s = (p + v) mod M || M; p = 2s mod (M + 1)`. */
function hybridStep(p: number, v: number, m: number): number {
  let x = (p + v) % m;
  if (x === 0) x = m;
  return (2 * x) % (m + 1);
}

function transitionTable(values: Int32Array, m: number): Int16Array | undefined {
  if (!Number.isInteger(m) || m < 1 || m > 255) return undefined;
  const t = new Int16Array((m + 1) << 7).fill(-1);
  for (let p = 0; p <= m; p++) {
    for (let c = 0; c < 128; c++) {
      const v = values[c] as number;
      if (v >= 0) t[(p << 7) | c] = hybridStep(p, v, m);
    }
  }
  return t;
}

const tableCache = new WeakMap<Iso7064System, Tables>();

let lastSystem: Iso7064System | undefined;
let lastTables: Tables | undefined;

function tablesOf(system: Iso7064System): Tables {
  let t = system === lastSystem ? lastTables : tableCache.get(system);
  if (
    t === undefined ||
    t.alphabet !== system.alphabet ||
    t.checkAlphabet !== system.checkAlphabet ||
    t.type !== system.type ||
    t.modulus !== system.modulus
  ) {
    const values = asciiTable(system.alphabet);
    t = {
      alphabet: system.alphabet,
      checkAlphabet: system.checkAlphabet,
      type: system.type,
      modulus: system.modulus,
      values,
      checks: asciiTable(system.checkAlphabet),
      transitions: system.type === 'hybrid' ? transitionTable(values, system.modulus) : undefined,
    };
    tableCache.set(system, t);
  }
  lastSystem = system;
  lastTables = t;
  return t;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Value of the non-ASCII UTF-16 unit at `i` (the ASCII ones are in the table), or -1: a supplementary
 * character (a surrogate pair) is never in the alphabet, any other unit is looked up as it is.
 */
function slowValue(alphabet: string, text: string, i: number, end: number): number {
  const code = text.charCodeAt(i);
  if (isHigh(code) && i + 1 < end && isLow(text.charCodeAt(i + 1))) return -1;
  return alphabet.indexOf(String.fromCharCode(code));
}

/**
 * Scans `text[0, end)` and computes its check value in one pass. Returns the check value (≥ 0), or the
 * negated 1-based position of the first character outside the alphabet. Up to that character, UTF-16
 * units and code points coincide (a surrogate pair stops the scan), so the position is a code-point
 * position and a complete scan reads `end` code points.
 */
function scan(system: Iso7064System, t: Tables, text: string, end: number): number {
  const table = t.values;
  const alphabet = t.alphabet;
  const m = t.modulus;
  if (t.type !== 'hybrid') {
    const radix = system.radix;
    let s = 0;
    for (let i = 0; i < end; i++) {
      const code = text.charCodeAt(i);
      const v = code < 128 ? (table[code] as number) : slowValue(alphabet, text, i, end);
      if (v < 0) return -(i + 1);
      s = ((s + v) * radix) % m;
    }
    return (((1 - s) % m) + m) % m;
  }
  let p = m;
  const trans = t.transitions;
  if (trans !== undefined) {
    for (let i = 0; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code < 128) {
        p = trans[(p << 7) | code] as number;
        if (p < 0) return -(i + 1);
      } else {
        const v = slowValue(alphabet, text, i, end);
        if (v < 0) return -(i + 1);
        p = hybridStep(p, v, m);
      }
    }
  } else {
    for (let i = 0; i < end; i++) {
      const code = text.charCodeAt(i);
      const v = code < 128 ? (table[code] as number) : slowValue(alphabet, text, i, end);
      if (v < 0) return -(i + 1);
      p = hybridStep(p, v, m);
    }
  }
  return (m + 1 - p) % m;
}

function charsetError(system: Iso7064System, body: string, position: number): InvalidArgumentError {
  const c = [...body][position - 1] ?? '';
  return new InvalidArgumentError(
    'ERR_ISO7064_CHARSET',
    {
      zh: `${system.name}：第 ${position} 个字符 ${JSON.stringify(c)} 不在字母表 ${system.alphabet} 中`,
      en: `${system.name}: character ${position} ${JSON.stringify(c)} is not in the alphabet ${system.alphabet}`,
    },
    { location: { offset: position - 1 }, details: { position, character: c } },
  );
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
  const cv = scan(system, tablesOf(system), body, body.length);
  if (cv < 0) throw charsetError(system, body, -cv);
  return system.checkAlphabet[cv] as string;
}

/**
 * Checks a value whose last character is its check character, and says why it fails.
 * Never throws.
 */
export function iso7064Check(system: Iso7064System, value: string): Iso7064Check {
  if (typeof value !== 'string') return { valid: false };
  const n = value.length;
  if (n < 2) return { valid: false };
  // The check character is the last code point (two UTF-16 units for a surrogate pair).
  const bodyEnd = n >= 2 && isLow(value.charCodeAt(n - 1)) && isHigh(value.charCodeAt(n - 2)) ? n - 2 : n - 1;
  if (bodyEnd === 0) return { valid: false };
  const t = tablesOf(system);
  const last = value.charCodeAt(n - 1);
  const cv = scan(system, t, value, bodyEnd);
  const actual = bodyEnd === n - 1 ? value[n - 1] : value.slice(bodyEnd);
  if (cv < 0) return { valid: false, actual, invalidPosition: -cv };
  const expected = system.checkAlphabet[cv] as string;
  const inCheck =
    bodyEnd === n - 1 && last < 128
      ? (t.checks[last] as number) >= 0
      : t.checkAlphabet.indexOf(actual as string) >= 0;
  if (!inCheck) return { valid: false, expected, actual, invalidPosition: bodyEnd + 1 };
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
