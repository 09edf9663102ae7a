/**
 * GB 11714-1997 organisation code (组织机构代码): 8 body characters (digits or capital letters) and
 * one check character, printed as `XXXXXXXX-X` or written bare.
 *
 * Check: values `0-9` → 0–9, `A-Z` → 10–35; weights `3,7,9,10,5,8,4,2`;
 * `c = 11 − (Σ value×weight mod 11)`; `c = 10` → `X`, `c = 11` → `0`.
 *
 * @example
 * ```ts
 * import { validateOrgCode, computeOrgCodeCheckCharacter } from '@gbkit/codes';
 * validateOrgCode('00001333-8').valid; // true
 * computeOrgCodeCheckCharacter('72682360'); // '4'
 * ```
 * @module
 */
import { InvalidArgumentError } from '@gbkit/core';
import {
  type CodeReason,
  type CodeValidation,
  normalizeInput,
  reason,
  result,
  showChar,
  throwIfInvalid,
} from './result.js';

/** What an organisation code says. */
export interface OrgCodeInfo {
  /** The 8 body characters. */
  readonly body: string;
  /** The check character (`0-9` or `X`). */
  readonly checkCharacter: string;
  /** The printed form `XXXXXXXX-X`. */
  readonly formatted: string;
}

const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const BODY_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function checkFor(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += BODY_CHARS.indexOf(body[i] as string) * (WEIGHTS[i] as number);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * The check character of an 8-character organisation-code body.
 * @throws InvalidArgumentError `ERR_ORG_CODE_LENGTH` or `ERR_ORG_CODE_CHARSET`.
 * @example
 * ```ts
 * import { computeOrgCodeCheckCharacter } from '@gbkit/codes';
 * computeOrgCodeCheckCharacter('00001333'); // '8'
 * ```
 */
export function computeOrgCodeCheckCharacter(body: string): string {
  if (typeof body !== 'string' || body.length !== 8) {
    throw new InvalidArgumentError('ERR_ORG_CODE_LENGTH', {
      zh: `组织机构代码本体须为 8 个字符，实为 ${typeof body === 'string' ? body.length : typeof body}`,
      en: `an organisation-code body has 8 characters, got ${typeof body === 'string' ? body.length : typeof body}`,
    });
  }
  for (let i = 0; i < 8; i++) {
    if (BODY_CHARS.indexOf(body[i] as string) < 0) {
      throw new InvalidArgumentError(
        'ERR_ORG_CODE_CHARSET',
        {
          zh: `第 ${i + 1} 位 ${showChar(body[i] as string)} 不是数字或大写字母`,
          en: `position ${i + 1}: ${showChar(body[i] as string)} is not a digit or capital letter`,
        },
        { location: { offset: i } },
      );
    }
  }
  return checkFor(body);
}

/**
 * Checks the 9 characters of an organisation code (already normalized, no hyphen) and returns the
 * reasons, with positions counted from `offset + 1`. Used by the USCC validator for characters 9–17.
 * @internal
 */
export function orgCodeReasons(code9: string, offset = 0): { reasons: CodeReason[]; expected?: string } {
  const reasons: CodeReason[] = [];
  for (let i = 0; i < 9; i++) {
    const c = code9[i] as string;
    const ok = i < 8 ? BODY_CHARS.includes(c) : /^[0-9X]$/.test(c);
    if (!ok) {
      reasons.push(
        reason(
          'ERR_ORG_CODE_CHARSET',
          i < 8
            ? {
                zh: `第 ${offset + i + 1} 位 ${showChar(c)} 不是数字或大写字母`,
                en: `position ${offset + i + 1}: ${showChar(c)} is not a digit or capital letter`,
              }
            : {
                zh: `第 ${offset + i + 1} 位校验码 ${showChar(c)} 须为数字或 X`,
                en: `position ${offset + i + 1}: check character ${showChar(c)} must be a digit or X`,
              },
          { position: offset + i + 1, actual: c },
        ),
      );
    }
  }
  if (reasons.some((r) => r.position !== undefined && r.position <= offset + 8)) return { reasons };
  const expected = checkFor(code9.slice(0, 8));
  const actual = code9[8] as string;
  if (reasons.length === 0 && expected !== actual) {
    reasons.push(
      reason(
        'ERR_ORG_CODE_CHECK_CHARACTER',
        {
          zh: `第 ${offset + 9} 位校验码应为 ${expected}，实为 ${actual}`,
          en: `position ${offset + 9}: check character should be ${expected}, found ${actual}`,
        },
        { position: offset + 9, expected, actual },
      ),
    );
  }
  return { reasons, expected };
}

/**
 * Validates a GB 11714 organisation code, bare (`726823604`) or printed with the hyphen
 * (`72682360-4`). Never throws.
 * @example
 * ```ts
 * import { validateOrgCode } from '@gbkit/codes';
 * const r = validateOrgCode('72682360-5');
 * r.reasons[0]?.code; // 'ERR_ORG_CODE_CHECK_CHARACTER'
 * ```
 */
export function validateOrgCode(value: string): CodeValidation<OrgCodeInfo> {
  const { text, reasons } = normalizeInput(value);
  let code = text;
  if (code.length === 10 && code[8] === '-') code = code.slice(0, 8) + code.slice(9);
  if (code.length !== 9) {
    reasons.push(
      reason(
        'ERR_ORG_CODE_LENGTH',
        {
          zh: `组织机构代码须为 9 个字符（或带连字符的 XXXXXXXX-X），实为 ${text.length} 个`,
          en: `an organisation code has 9 characters (or XXXXXXXX-X), got ${text.length}`,
        },
        { actual: String(text.length) },
      ),
    );
    return result('org-code', value, undefined, reasons);
  }
  const check = orgCodeReasons(code);
  reasons.push(...check.reasons);
  const parsed: OrgCodeInfo = {
    body: code.slice(0, 8),
    checkCharacter: code[8] as string,
    formatted: `${code.slice(0, 8)}-${code[8]}`,
  };
  return result('org-code', value, code, reasons, parsed);
}

/**
 * Like {@link validateOrgCode} but throws a `FormatError` (code of the first error) when invalid.
 * @example
 * ```ts
 * import { assertOrgCode } from '@gbkit/codes';
 * assertOrgCode('700001354').parsed?.formatted; // '70000135-4'
 * ```
 */
export function assertOrgCode(value: string): CodeValidation<OrgCodeInfo> {
  return throwIfInvalid(validateOrgCode(value));
}
