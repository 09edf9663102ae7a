/**
 * GB 11643-1999 citizen identity number (公民身份号码).
 *
 * ```
 * 18 characters: address code (6, GB/T 2260) + birth date YYYYMMDD (8) + sequence (3) + check (1)
 * 15 digits (legacy, before 1999): address code (6) + birth date YYMMDD (6, 19YY) + sequence (3)
 * ```
 *
 * - Check character: ISO/IEC 7064 MOD 11-2 over the first 17 digits (weights
 *   `7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2`; `X` stands for 10).
 * - Birth date: a real calendar date (no `20230230`), not after the reference date (default: today),
 *   not before the earliest allowed date (default `1900-01-01`; both configurable).
 * - Sex: odd sequence code = male, even = female.
 * - Address code: checked as a division code, but only as **warnings** (abolished codes stay valid
 *   in old numbers). The prefixes `810000`, `820000`, `830000` are the residence permits of Hong Kong,
 *   Macao and Taiwan residents, which use the same layout.
 * - A 15-digit number is accepted with the warning `WARN_CITIZEN_ID_LEGACY_15` and its 18-character
 *   form is given in `parsed.id18` ({@link convertCitizenId15To18}).
 *
 * @example
 * ```ts
 * import { validateCitizenId } from '@gbkit/codes';
 * const r = validateCitizenId('11010519491231002X');
 * r.valid; // true
 * r.parsed?.birthDate; // '1949-12-31'
 * r.parsed?.sex; // 'female'
 * ```
 * @module
 */
import { InvalidArgumentError } from '@gbkit/core';
import { type DivisionParsed, divisionReasons } from './division.js';
import { iso7064Compute, MOD_11_2 } from './iso7064.js';
import {
  type CodeValidation,
  normalizeInput,
  reason,
  result,
  showChar,
  throwIfInvalid,
  type ValidateOptions,
} from './result.js';

/** Options of {@link validateCitizenId}. */
export interface CitizenIdOptions extends ValidateOptions {
  /**
   * Birth dates after this day are errors. A `Date` (its calendar day in China, UTC+8) or
   * `YYYY-MM-DD`. Default: now.
   */
  readonly referenceDate?: Date | string;
  /** Birth dates before this day are errors. `YYYY-MM-DD`; default `1900-01-01`. */
  readonly minBirthDate?: string;
  /** Century prefix for 15-digit numbers; default `19` (the legacy numbers were issued before 2000). */
  readonly legacyCentury?: string;
}

/** What a citizen ID says. */
export interface CitizenIdInfo {
  /** Address code (positions 1–6), decoded through the bundled division table when possible. */
  readonly division: DivisionParsed | { readonly code: string; readonly known: false };
  /** `YYYY-MM-DD` as written (even when it is not a real date). */
  readonly birthDate: string;
  /** Sequence code (3 digits). */
  readonly sequence: string;
  readonly sex: 'male' | 'female';
  /** The check character (18-character form only). */
  readonly checkCharacter?: string;
  /** True for a 15-digit legacy number. */
  readonly legacy15: boolean;
  /** The 18-character form (equal to the value for 18-character numbers). */
  readonly id18?: string;
  /** Set for residence permits of Hong Kong (`HK`), Macao (`MO`) and Taiwan (`TW`) residents. */
  readonly residencePermit?: 'HK' | 'MO' | 'TW';
}

const PERMITS: Record<string, 'HK' | 'MO' | 'TW'> = { '810000': 'HK', '820000': 'MO', '830000': 'TW' };

function chinaDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function isoDay(value: Date | string | undefined, fallback: () => string, name: string): string {
  if (value === undefined) return fallback();
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw new InvalidArgumentError('ERR_CITIZEN_ID_OPTION', {
        zh: `选项 ${name} 不是有效日期`,
        en: `option ${name} is not a valid date`,
      });
    }
    return chinaDay(value);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !realDate(value.replace(/-/g, ''))) {
    throw new InvalidArgumentError('ERR_CITIZEN_ID_OPTION', {
      zh: `选项 ${name} 须为 YYYY-MM-DD 格式的真实日期，实为 ${JSON.stringify(value)}`,
      en: `option ${name} must be a real YYYY-MM-DD date, got ${JSON.stringify(value)}`,
    });
  }
  return value;
}

/** True when `yyyymmdd` (8 digits) is a real Gregorian calendar date. */
function realDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
  return d <= days;
}

/**
 * The MOD 11-2 check character of the first 17 digits of a citizen ID.
 * @throws InvalidArgumentError `ERR_CITIZEN_ID_LENGTH` or `ERR_CITIZEN_ID_CHARSET`.
 * @example
 * ```ts
 * import { computeCitizenIdCheckCharacter } from '@gbkit/codes';
 * computeCitizenIdCheckCharacter('11010519491231002'); // 'X'
 * ```
 */
export function computeCitizenIdCheckCharacter(first17: string): string {
  if (typeof first17 !== 'string' || first17.length !== 17) {
    throw new InvalidArgumentError('ERR_CITIZEN_ID_LENGTH', {
      zh: '须给出公民身份号码的前 17 位数字',
      en: 'give the first 17 digits of a citizen ID',
    });
  }
  const bad = first17.search(/[^0-9]/);
  if (bad >= 0) {
    throw new InvalidArgumentError(
      'ERR_CITIZEN_ID_CHARSET',
      {
        zh: `第 ${bad + 1} 位 ${showChar(first17[bad] as string)} 不是数字`,
        en: `position ${bad + 1}: ${showChar(first17[bad] as string)} is not a digit`,
      },
      { location: { offset: bad } },
    );
  }
  return iso7064Compute(MOD_11_2, first17);
}

/**
 * Converts a 15-digit legacy number to its 18-character form: inserts the century (default `19`)
 * before the 2-digit year and appends the MOD 11-2 check character. Does not validate the date.
 * @throws InvalidArgumentError `ERR_CITIZEN_ID_LENGTH` or `ERR_CITIZEN_ID_CHARSET`.
 * @example
 * ```ts
 * import { convertCitizenId15To18 } from '@gbkit/codes';
 * convertCitizenId15To18('110105491231002'); // '11010519491231002X'
 * ```
 */
export function convertCitizenId15To18(id15: string, century = '19'): string {
  const v = typeof id15 === 'string' ? id15.trim() : '';
  if (v.length !== 15) {
    throw new InvalidArgumentError('ERR_CITIZEN_ID_LENGTH', {
      zh: `旧版公民身份号码须为 15 位数字，实为 ${v.length} 个字符`,
      en: `a legacy citizen ID has 15 digits, got ${v.length} characters`,
    });
  }
  if (!/^\d{2}$/.test(century)) {
    throw new InvalidArgumentError('ERR_CITIZEN_ID_OPTION', {
      zh: `世纪前缀须为 2 位数字，实为 ${JSON.stringify(century)}`,
      en: `the century prefix has 2 digits, got ${JSON.stringify(century)}`,
    });
  }
  const first17 = v.slice(0, 6) + century + v.slice(6);
  return first17 + computeCitizenIdCheckCharacter(first17);
}

/**
 * Validates a GB 11643 citizen ID (18 characters, or 15 legacy digits). Never throws for a bad value
 * (only for bad options).
 * @example
 * ```ts
 * import { validateCitizenId } from '@gbkit/codes';
 * validateCitizenId('110101197608056896').reasons.at(-1)?.expected; // '7'
 * validateCitizenId('440524188001010014', { minBirthDate: '1800-01-01' }).valid; // true
 * ```
 */
export function validateCitizenId(
  value: string,
  options: CitizenIdOptions = {},
): CodeValidation<CitizenIdInfo> {
  const today = isoDay(options.referenceDate, () => chinaDay(new Date()), 'referenceDate');
  const earliest = isoDay(options.minBirthDate, () => '1900-01-01', 'minBirthDate');
  const century = options.legacyCentury ?? '19';
  const { text, reasons } = normalizeInput(value);
  const len = text.length;
  if (len !== 18 && len !== 15) {
    reasons.push(
      reason(
        'ERR_CITIZEN_ID_LENGTH',
        {
          zh: `公民身份号码须为 18 个字符（旧版 15 位），实为 ${len} 个`,
          en: `a citizen ID has 18 characters (legacy: 15), got ${len}`,
        },
        { actual: String(len) },
      ),
    );
    return result('citizen-id', value, undefined, reasons);
  }
  const legacy = len === 15;
  let digitsOk = true;
  for (let i = 0; i < len; i++) {
    const c = text[i] as string;
    const ok = c >= '0' && c <= '9' ? true : !legacy && i === 17 && c === 'X';
    if (!ok) {
      digitsOk = false;
      reasons.push(
        reason(
          'ERR_CITIZEN_ID_CHARSET',
          !legacy && i === 17
            ? {
                zh: `第 18 位校验码 ${showChar(c)} 须为数字或 X`,
                en: `position 18: check character ${showChar(c)} must be a digit or X`,
              }
            : {
                zh: `第 ${i + 1} 位 ${showChar(c)} 不是数字`,
                en: `position ${i + 1}: ${showChar(c)} is not a digit`,
              },
          { position: i + 1, actual: c },
        ),
      );
    }
  }
  if (legacy) {
    reasons.push(
      reason('WARN_CITIZEN_ID_LEGACY_15', {
        zh: '旧版 15 位公民身份号码（1999 年前），无校验码；18 位形式见 parsed.id18',
        en: 'legacy 15-digit citizen ID (before 1999) without check character; the 18-character form is in parsed.id18',
      }),
    );
  }
  const addr = text.slice(0, 6);
  const birth = legacy ? century + text.slice(6, 12) : text.slice(6, 14);
  const seq = legacy ? text.slice(12, 15) : text.slice(14, 17);
  const birthPos = 7;
  const birthLen = legacy ? 6 : 8;
  const permit = PERMITS[addr];

  // Address code: warnings only.
  let division: CitizenIdInfo['division'] = { code: addr, known: false };
  if (/^\d{6}$/.test(addr) && !permit) {
    const d = divisionReasons(addr);
    if (d.parsed) division = d.parsed;
    for (const r of d.reasons) {
      if (r.code === 'ERR_DIVISION_PROVINCE') {
        reasons.push(
          reason(
            'WARN_CITIZEN_ID_DIVISION_FORMAT',
            {
              zh: `第 1–6 位地址码 ${addr}：${r.message.zh}`,
              en: `positions 1–6 (address code ${addr}): ${r.message.en}`,
            },
            { position: 1, actual: addr.slice(0, 2) },
          ),
        );
      } else if (r.code === 'WARN_DIVISION_UNKNOWN') {
        reasons.push(
          reason(
            'WARN_CITIZEN_ID_UNKNOWN_DIVISION',
            {
              zh: `第 1–6 位地址码 ${addr} 不在内置区划表 ${d.parsed?.table ?? ''} 中（可能是已撤销的旧代码）`,
              en: `positions 1–6: address code ${addr} is not in the bundled table ${d.parsed?.table ?? ''} (perhaps abolished)`,
            },
            { position: 1, actual: addr },
          ),
        );
      }
    }
  }

  // Birth date.
  const birthIso = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (/^\d{8}$/.test(birth)) {
    if (!realDate(birth)) {
      reasons.push(
        reason(
          'ERR_CITIZEN_ID_BIRTH_DATE',
          {
            zh: `第 ${birthPos}–${birthPos + birthLen - 1} 位出生日期 ${birthIso} 不是真实日期`,
            en: `positions ${birthPos}–${birthPos + birthLen - 1}: birth date ${birthIso} does not exist`,
          },
          { position: birthPos, actual: text.slice(6, 6 + birthLen) },
        ),
      );
    } else if (birthIso > today) {
      reasons.push(
        reason(
          'ERR_CITIZEN_ID_BIRTH_DATE_FUTURE',
          {
            zh: `出生日期 ${birthIso} 晚于参考日期 ${today}`,
            en: `birth date ${birthIso} is after the reference date ${today}`,
          },
          { position: birthPos, actual: birthIso, expected: `<= ${today}` },
        ),
      );
    } else if (birthIso < earliest) {
      reasons.push(
        reason(
          'ERR_CITIZEN_ID_BIRTH_DATE_TOO_EARLY',
          {
            zh: `出生日期 ${birthIso} 早于允许的最早日期 ${earliest}（可用 minBirthDate 选项调整）`,
            en: `birth date ${birthIso} is before the earliest allowed ${earliest} (see the minBirthDate option)`,
          },
          { position: birthPos, actual: birthIso, expected: `>= ${earliest}` },
        ),
      );
    }
  }

  // Check character.
  let id18: string | undefined;
  if (digitsOk) {
    if (legacy) {
      id18 = convertCitizenId15To18(text, century);
    } else {
      const expected = computeCitizenIdCheckCharacter(text.slice(0, 17));
      const actual = text[17] as string;
      id18 = text;
      if (expected !== actual) {
        reasons.push(
          reason(
            'ERR_CITIZEN_ID_CHECK_CHARACTER',
            {
              zh: `第 18 位校验码应为 ${expected}，实为 ${actual}`,
              en: `position 18: check character should be ${expected}, found ${actual}`,
            },
            { position: 18, expected, actual },
          ),
        );
      }
    }
  }

  const seqNum = Number(seq.replace(/\D/g, '0'));
  const parsed: CitizenIdInfo = {
    division,
    birthDate: birthIso,
    sequence: seq,
    sex: seqNum % 2 === 1 ? 'male' : 'female',
    legacy15: legacy,
    ...(legacy ? {} : { checkCharacter: text[17] as string }),
    ...(id18 !== undefined ? { id18 } : {}),
    ...(permit ? { residencePermit: permit } : {}),
  };
  return result('citizen-id', value, text, reasons, parsed);
}

/**
 * Like {@link validateCitizenId} but throws a `FormatError` (code of the first error) when invalid.
 * @example
 * ```ts
 * import { assertCitizenId } from '@gbkit/codes';
 * assertCitizenId('11010519491231002X').parsed?.sex; // 'female'
 * ```
 */
export function assertCitizenId(
  value: string,
  options: CitizenIdOptions = {},
): CodeValidation<CitizenIdInfo> {
  return throwIfInvalid(validateCitizenId(value, options));
}
