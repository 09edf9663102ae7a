/**
 * GB 32100-2015 unified social credit code (统一社会信用代码, USCC).
 *
 * ```
 * position  1      2        3–8                9–17                    18
 *           dept   category registration       subject identifier      check
 *                           division (GB/T 2260) (GB 11714 org code)
 * ```
 *
 * - Alphabet: the 31 characters `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I, O, Z, S, V); a character's
 *   value is its index.
 * - Check: weights `1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28` (3ⁱ mod 31) for positions 1–17;
 *   `c = 31 − (Σ value×weight mod 31)`, and **`c = 31` maps to `0`**; the check character is the
 *   alphabet's `c`-th character.
 * - The registration department (position 1) and organisation category (position 2) are decoded with
 *   their Chinese names; unknown ones are warnings. The division (3–8) is checked by the division
 *   module (`100000` = central registration is accepted). Positions 9–17 must be a valid GB 11714
 *   organisation code.
 *
 * Lenient mode downgrades a wrong check character and an invalid embedded organisation code to
 * warnings (`tolerated`): early pilot codes such as `91350211M0000XUF46` fail the check yet circulate.
 *
 * @example
 * ```ts
 * import { validateUscc, computeUsccCheckCharacter } from '@gbkit/codes';
 * const r = validateUscc('91350100M000100Y43');
 * r.valid; // true
 * r.parsed?.department.name.zh; // '工商'
 * r.parsed?.category?.name.zh; // '企业'
 * computeUsccCheckCharacter('91440300000000457'); // '0' (the 31 → 0 case)
 * ```
 * @module
 */
import { InvalidArgumentError, type LocalizedText } from '@gbkit/core';
import { type DivisionParsed, divisionReasons } from './division.js';
import { orgCodeReasons } from './org-code.js';
import {
  type CodeValidation,
  normalizeInput,
  reason,
  result,
  showChar,
  throwIfInvalid,
  type ValidateOptions,
} from './result.js';

/** The 31-character GB 32100 alphabet; a character's value is its index. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1–17 (3ⁱ mod 31). */
export const USCC_WEIGHTS: readonly number[] = Object.freeze([
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
]);

/** A registration department (登记管理部门) and its organisation categories. */
export interface UsccDepartment {
  readonly code: string;
  readonly name: LocalizedText;
  /**
   * `confirmed`: several independent sources agree with the standard's summary (1, 5, 9, Y);
   * `inferred`: the table widely reproduced from GB 32100 and its amendments, standard text not seen.
   */
  readonly evidence: 'confirmed' | 'inferred';
  readonly categories: Readonly<Record<string, LocalizedText>>;
}

const t = (zh: string, en: string): LocalizedText => ({ zh, en });
const OTHER = t('其他', 'other');

/** GB 32100 registration departments (position 1) with their organisation categories (position 2). */
export const USCC_DEPARTMENTS: Readonly<Record<string, UsccDepartment>> = Object.freeze({
  '1': {
    code: '1',
    name: t('机构编制', 'institutional staffing (机构编制)'),
    evidence: 'confirmed',
    categories: {
      '1': t('机关', 'government organ'),
      '2': t('事业单位', 'public institution'),
      '3': t(
        '中央编办直接管理机构编制的群众团体',
        'mass organisation staffed by the central staffing office',
      ),
      '9': OTHER,
    },
  },
  '2': {
    code: '2',
    name: t('外交', 'foreign affairs'),
    evidence: 'inferred',
    categories: { '1': t('外国常驻新闻机构', 'resident foreign news agency'), '9': OTHER },
  },
  '3': {
    code: '3',
    name: t('司法行政', 'judicial administration'),
    evidence: 'inferred',
    categories: {
      '1': t('律师执业机构', 'law firm'),
      '2': t('公证处', 'notary office'),
      '3': t('基层法律服务所', 'grassroots legal service office'),
      '4': t('司法鉴定机构', 'forensic appraisal institution'),
      '5': t('仲裁委员会', 'arbitration commission'),
      '9': OTHER,
    },
  },
  '4': {
    code: '4',
    name: t('文化', 'culture'),
    evidence: 'inferred',
    categories: { '1': t('外国在华文化中心', 'foreign cultural centre in China'), '9': OTHER },
  },
  '5': {
    code: '5',
    name: t('民政', 'civil affairs'),
    evidence: 'confirmed',
    categories: {
      '1': t('社会团体', 'social organisation'),
      '2': t('民办非企业单位', 'private non-enterprise unit'),
      '3': t('基金会', 'foundation'),
      '9': OTHER,
    },
  },
  '6': {
    code: '6',
    name: t('旅游', 'tourism'),
    evidence: 'inferred',
    categories: {
      '1': t('外国旅游部门常驻代表机构', 'resident office of a foreign tourism authority'),
      '2': t(
        '港澳台地区旅游部门常驻内地（大陆）代表机构',
        'resident mainland office of a Hong Kong, Macao or Taiwan tourism authority',
      ),
      '9': OTHER,
    },
  },
  '7': {
    code: '7',
    name: t('宗教', 'religious affairs'),
    evidence: 'inferred',
    categories: {
      '1': t('宗教活动场所', 'place of religious activity'),
      '2': t('宗教院校', 'religious school'),
      '9': OTHER,
    },
  },
  '8': {
    code: '8',
    name: t('工会', 'trade unions'),
    evidence: 'inferred',
    categories: { '1': t('基层工会', 'grassroots trade union'), '9': OTHER },
  },
  '9': {
    code: '9',
    name: t('工商', 'industry and commerce (market regulation)'),
    evidence: 'confirmed',
    categories: {
      '1': t('企业', 'enterprise'),
      '2': t('个体工商户', 'individual business'),
      '3': t('农民专业合作社', "farmers' specialised cooperative"),
    },
  },
  A: {
    code: 'A',
    name: t('中央军委改革和编制办公室', 'CMC reform and staffing office'),
    evidence: 'inferred',
    categories: { '1': t('军队事业单位', 'military public institution'), '9': OTHER },
  },
  N: {
    code: 'N',
    name: t('农业', 'agriculture'),
    evidence: 'inferred',
    categories: {
      '1': t('组级集体经济组织', 'group-level collective economic organisation'),
      '2': t('村级集体经济组织', 'village-level collective economic organisation'),
      '3': t('乡镇级集体经济组织', 'township-level collective economic organisation'),
      '9': OTHER,
    },
  },
  Y: {
    code: 'Y',
    name: t('其他', 'other'),
    evidence: 'confirmed',
    categories: { '1': OTHER },
  },
});

/** What a credit code says. */
export interface UsccInfo {
  /** Registration department (position 1); `known: false` when not in {@link USCC_DEPARTMENTS}. */
  readonly department: { readonly code: string; readonly known: boolean; readonly name: LocalizedText };
  /** Organisation category (position 2), when the department is known. */
  readonly category?: { readonly code: string; readonly known: boolean; readonly name: LocalizedText };
  /** Registration division (positions 3–8), decoded through the bundled table when possible. */
  readonly division: DivisionParsed | { readonly code: string; readonly known: false };
  /** Subject identifier (positions 9–17), a GB 11714 organisation code. */
  readonly orgCode: string;
  /** Printed form of the organisation code, `XXXXXXXX-X`. */
  readonly orgCodeFormatted: string;
  /** The check character (position 18). */
  readonly checkCharacter: string;
}

function checkValue(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++)
    sum += USCC_ALPHABET.indexOf(first17[i] as string) * (USCC_WEIGHTS[i] as number);
  const c = 31 - (sum % 31);
  return c === 31 ? 0 : c;
}

/**
 * The check character (position 18) of the first 17 characters of a credit code.
 * @throws InvalidArgumentError `ERR_USCC_LENGTH` (not 17 characters) or `ERR_USCC_CHARSET` (with offset).
 * @example
 * ```ts
 * import { computeUsccCheckCharacter } from '@gbkit/codes';
 * computeUsccCheckCharacter('11100000000013338'); // 'W'
 * ```
 */
export function computeUsccCheckCharacter(first17: string): string {
  if (typeof first17 !== 'string' || first17.length !== 17) {
    throw new InvalidArgumentError('ERR_USCC_LENGTH', {
      zh: `须给出统一社会信用代码的前 17 位，实为 ${typeof first17 === 'string' ? first17.length : typeof first17} 个字符`,
      en: `give the first 17 characters of a credit code, got ${typeof first17 === 'string' ? first17.length : typeof first17}`,
    });
  }
  for (let i = 0; i < 17; i++) {
    if (USCC_ALPHABET.indexOf(first17[i] as string) < 0) {
      throw new InvalidArgumentError(
        'ERR_USCC_CHARSET',
        {
          zh: `第 ${i + 1} 位 ${showChar(first17[i] as string)} 不在 GB 32100 字符集中`,
          en: `position ${i + 1}: ${showChar(first17[i] as string)} is not in the GB 32100 alphabet`,
        },
        { location: { offset: i } },
      );
    }
  }
  return USCC_ALPHABET[checkValue(first17)] as string;
}

/**
 * Validates a GB 32100 unified social credit code. Never throws.
 * @example
 * ```ts
 * import { validateUscc } from '@gbkit/codes';
 * validateUscc('91350211M0000XUF46').reasons.map((r) => r.code); // ['ERR_USCC_CHECK_CHARACTER']
 * validateUscc('91350211M0000XUF46', { mode: 'lenient' }).valid; // true (with a tolerated warning)
 * ```
 */
export function validateUscc(value: string, options: ValidateOptions = {}): CodeValidation<UsccInfo> {
  const lenient = options.mode === 'lenient';
  const { text, reasons } = normalizeInput(value);
  if (text.length !== 18) {
    reasons.push(
      reason(
        'ERR_USCC_LENGTH',
        {
          zh: `统一社会信用代码须为 18 个字符，实为 ${text.length} 个`,
          en: `a credit code has 18 characters, got ${text.length}`,
        },
        { actual: String(text.length) },
      ),
    );
    return result('uscc', value, undefined, reasons);
  }
  let charsetOk = true;
  for (let i = 0; i < 18; i++) {
    const c = text[i] as string;
    if (USCC_ALPHABET.indexOf(c) < 0) {
      charsetOk = false;
      const excluded = 'IOZSV'.includes(c);
      reasons.push(
        reason(
          'ERR_USCC_CHARSET',
          {
            zh: `第 ${i + 1} 位 ${showChar(c)} 不在 GB 32100 字符集中${excluded ? '（I、O、Z、S、V 不使用）' : ''}`,
            en: `position ${i + 1}: ${showChar(c)} is not in the GB 32100 alphabet${excluded ? ' (I, O, Z, S, V are not used)' : ''}`,
          },
          { position: i + 1, actual: c },
        ),
      );
    }
  }

  // Department and category (positions 1–2).
  const dc = text[0] as string;
  const dept = USCC_DEPARTMENTS[dc];
  if (!dept && USCC_ALPHABET.includes(dc)) {
    reasons.push(
      reason(
        'WARN_USCC_UNKNOWN_DEPARTMENT',
        {
          zh: `第 1 位登记管理部门代码 ${dc} 未知（已知：${Object.keys(USCC_DEPARTMENTS).join('、')}）`,
          en: `position 1: registration department ${dc} is unknown (known: ${Object.keys(USCC_DEPARTMENTS).join(', ')})`,
        },
        { position: 1, actual: dc },
      ),
    );
  }
  const cc = text[1] as string;
  const catName = dept?.categories[cc];
  if (dept && !catName && USCC_ALPHABET.includes(cc)) {
    reasons.push(
      reason(
        'WARN_USCC_UNKNOWN_CATEGORY',
        {
          zh: `第 2 位机构类别代码 ${cc} 在登记管理部门“${dept.name.zh}”下未知（已知：${Object.keys(dept.categories).join('、')}）`,
          en: `position 2: organisation category ${cc} is unknown under department ${dc} (known: ${Object.keys(dept.categories).join(', ')})`,
        },
        { position: 2, actual: cc },
      ),
    );
  }

  // Division (positions 3–8).
  const divCode = text.slice(2, 8);
  const div = divisionReasons(divCode, { offset: 2, allowNational: true });
  for (const r of div.reasons) {
    if (r.code === 'WARN_DIVISION_UNKNOWN') {
      reasons.push(
        reason(
          'WARN_USCC_UNKNOWN_DIVISION',
          {
            zh: `第 3–8 位登记管理机关行政区划码：${r.message.zh}`,
            en: `positions 3–8 (registration division): ${r.message.en}`,
          },
          { position: 3, actual: divCode },
        ),
      );
    } else if (
      r.code === 'ERR_DIVISION_PROVINCE' ||
      // A letter of the USCC alphabet in 3–8 is a division-format problem; a foreign character was
      // already reported as ERR_USCC_CHARSET.
      (r.code === 'ERR_DIVISION_CHARSET' && USCC_ALPHABET.includes(r.actual ?? ''))
    ) {
      reasons.push(
        reason(
          'ERR_USCC_DIVISION_FORMAT',
          {
            zh: `第 3–8 位登记管理机关行政区划码 ${divCode} 格式错误：${r.message.zh}`,
            en: `positions 3–8: registration division ${divCode} is malformed: ${r.message.en}`,
          },
          { ...(r.position !== undefined ? { position: r.position } : {}), actual: r.actual ?? divCode },
        ),
      );
    }
  }

  // Organisation code (positions 9–17).
  const org = text.slice(8, 17);
  const orgCheck = orgCodeReasons(org, 8);
  for (const r of orgCheck.reasons) {
    if (r.code === 'ERR_ORG_CODE_CHARSET') {
      // Position 17 holding a USCC letter other than X, or a foreign character (already reported).
      if (!USCC_ALPHABET.includes(r.actual ?? '')) continue;
    }
    reasons.push(
      reason(
        'ERR_USCC_ORG_CODE',
        {
          zh: `第 9–17 位主体标识码 ${org} 不是有效的组织机构代码：${r.message.zh}`,
          en: `positions 9–17: subject identifier ${org} is not a valid organisation code: ${r.message.en}`,
        },
        {
          ...(r.position !== undefined ? { position: r.position } : {}),
          ...(r.expected !== undefined ? { expected: r.expected } : {}),
          ...(r.actual !== undefined ? { actual: r.actual } : {}),
          ...(lenient
            ? {
                severity: 'warning' as const,
                tolerated: 'lenient mode: the embedded organisation code fails GB 11714',
              }
            : {}),
        },
      ),
    );
  }

  // Check character (position 18).
  const actual = text[17] as string;
  if (charsetOk) {
    const expected = USCC_ALPHABET[checkValue(text.slice(0, 17))] as string;
    if (expected !== actual) {
      reasons.push(
        reason(
          'ERR_USCC_CHECK_CHARACTER',
          {
            zh: `第 18 位校验码应为 ${expected}，实为 ${actual}`,
            en: `position 18: check character should be ${expected}, found ${actual}`,
          },
          {
            position: 18,
            expected,
            actual,
            ...(lenient
              ? { severity: 'warning' as const, tolerated: 'lenient mode: wrong GB 32100 check character' }
              : {}),
          },
        ),
      );
    }
  }

  const parsed: UsccInfo = {
    department: dept
      ? { code: dc, known: true, name: dept.name }
      : { code: dc, known: false, name: { zh: '未知', en: 'unknown' } },
    ...(dept
      ? {
          category: catName
            ? { code: cc, known: true, name: catName }
            : { code: cc, known: false, name: { zh: '未知', en: 'unknown' } },
        }
      : {}),
    division: div.parsed ?? { code: divCode, known: false },
    orgCode: org,
    orgCodeFormatted: `${org.slice(0, 8)}-${org[8]}`,
    checkCharacter: actual,
  };
  return result('uscc', value, text, reasons, parsed);
}

/**
 * Like {@link validateUscc} but throws a `FormatError` (code and message of the first error, all
 * reasons in `details.reasons`) when the code is invalid.
 * @example
 * ```ts
 * import { assertUscc } from '@gbkit/codes';
 * import { isGbkitError } from '@gbkit/core';
 * try { assertUscc('91350100M000100Y44'); } catch (e) { isGbkitError(e, 'ERR_USCC_CHECK_CHARACTER'); } // true
 * ```
 */
export function assertUscc(value: string, options: ValidateOptions = {}): CodeValidation<UsccInfo> {
  return throwIfInvalid(validateUscc(value, options));
}
