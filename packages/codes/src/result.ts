/**
 * The one result shape every validator in `@gbkit/codes` returns, the catalogue of reason codes, and
 * the throwing bridge to `@gbkit/core`'s {@link FormatError}.
 *
 * A validation never throws: it returns `{ valid, kind, value, normalized, reasons, parsed }`, where
 * each reason has a stable `code` (`ERR_…` or `WARN_…`), a severity, a message in 简体中文 and English
 * and, where it applies, the 1-based character `position` and the `expected`/`actual` characters.
 * `valid` is true exactly when no reason has severity `error`.
 *
 * @example
 * ```ts
 * import { validateUscc } from '@gbkit/codes';
 * const r = validateUscc('91350100M000100Y44');
 * r.valid; // false
 * r.reasons[0]; // { code: 'ERR_USCC_CHECK_CHARACTER', severity: 'error', position: 18, expected: '3', actual: '4', … }
 * ```
 * @module
 */
import { type EvidenceLevel, FormatError, type LocalizedText, type ValidationMode } from '@gbkit/core';

/** The kinds of code this package recognises. `unknown` is only produced by `detectCode`. */
export type CodeKind = 'uscc' | 'org-code' | 'citizen-id' | 'division' | 'unknown';

/** How bad a reason is: an `error` makes the value invalid, a `warning` does not. */
export type ReasonSeverity = 'error' | 'warning';

/** One precise reason why a value is invalid (or questionable). */
export interface CodeReason {
  /** Stable code, e.g. `ERR_USCC_CHECK_CHARACTER`; listed in {@link REASON_CODES}. */
  readonly code: string;
  readonly severity: ReasonSeverity;
  /** What is wrong, in both languages, naming the position and characters involved. */
  readonly message: LocalizedText;
  /** 1-based position of the offending character in the normalized value, when one is to blame. */
  readonly position?: number;
  /** The character(s) the standard requires there. */
  readonly expected?: string;
  /** The character(s) found. */
  readonly actual?: string;
  /** Set when lenient mode downgraded an error to a warning: says what was tolerated. */
  readonly tolerated?: string;
}

/** The result of every validator in this package. */
export interface CodeValidation<P = unknown> {
  /** True when no reason has severity `error`. */
  readonly valid: boolean;
  readonly kind: CodeKind;
  /** The value exactly as given. */
  readonly value: string;
  /** The value trimmed, upper-cased and without separators (`undefined` if it could not be normalized). */
  readonly normalized: string | undefined;
  /** Every problem found, errors and warnings, in the order checked. */
  readonly reasons: readonly CodeReason[];
  /** What the value says (department, region, birth date …), when its structure could be read. */
  readonly parsed?: P;
}

/** Options shared by the validators. */
export interface ValidateOptions {
  /**
   * `strict` (default) applies the standard as written. `lenient` downgrades the deviations known to
   * circulate in real data (see each validator) to warnings marked `tolerated`; never silently.
   */
  readonly mode?: ValidationMode;
}

/** One entry of the reason catalogue. */
export interface ReasonInfo {
  /** The standard and clause the check implements (section numbers are not given: most texts are sold). */
  readonly clause: string;
  /** How sure we are that the rule reflects the standard. */
  readonly evidence: EvidenceLevel;
  /** Severity in strict mode. */
  readonly severity: ReasonSeverity;
  /** Which code kind produces it. */
  readonly kind: CodeKind | 'any';
  /** One-line description. */
  readonly title: LocalizedText;
}

/**
 * Every reason code this package can produce, with its strict-mode severity and a description.
 * Codes never change between versions.
 */
export const REASON_CODES = {
  WARN_CODE_WHITESPACE: {
    clause: 'gbkit input normalization',
    evidence: 'inferred',
    severity: 'warning',
    kind: 'any',
    title: { zh: '首尾有空白，已去除', en: 'leading/trailing whitespace removed' },
  },
  WARN_CODE_LOWERCASE: {
    clause: 'gbkit input normalization (the standards use capitals)',
    evidence: 'inferred',
    severity: 'warning',
    kind: 'any',
    title: { zh: '含小写字母，已转为大写', en: 'lower-case letters upper-cased' },
  },
  ERR_CODE_UNRECOGNIZED: {
    clause: 'detectCode: lengths of GB 32100 / GB 11643 / GB 11714 / GB/T 2260',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'unknown',
    title: {
      zh: '不是可识别的代码（长度或字符不符合任何一种）',
      en: 'not a recognisable code (length or characters fit no kind)',
    },
  },
  WARN_CODE_AMBIGUOUS: {
    clause: 'detectCode',
    evidence: 'inferred',
    severity: 'warning',
    kind: 'any',
    title: {
      zh: '同时是有效的统一社会信用代码和公民身份号码',
      en: 'valid both as a credit code and as a citizen ID',
    },
  },
  ERR_USCC_LENGTH: {
    clause: 'GB 32100-2015, code structure (18 characters)',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'uscc',
    title: { zh: '统一社会信用代码长度不是 18', en: 'credit code is not 18 characters long' },
  },
  ERR_USCC_CHARSET: {
    clause: 'GB 32100-2015, character set (no I, O, Z, S, V)',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'uscc',
    title: {
      zh: '字符不在 GB 32100 字符集内（不含 I、O、Z、S、V）',
      en: 'character outside the GB 32100 set (no I, O, Z, S, V)',
    },
  },
  ERR_USCC_DIVISION_FORMAT: {
    clause: 'GB 32100-2015 positions 3–8 → GB/T 2260',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'uscc',
    title: {
      zh: '第 3–8 位不是格式正确的行政区划代码',
      en: 'characters 3–8 are not a well-formed division code',
    },
  },
  ERR_USCC_ORG_CODE: {
    clause: 'GB 32100-2015 positions 9–17 → GB 11714-1997',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'uscc',
    title: {
      zh: '第 9–17 位主体标识码不是有效的组织机构代码（GB 11714 校验失败）',
      en: 'characters 9–17 are not a valid GB 11714 organisation code',
    },
  },
  ERR_USCC_CHECK_CHARACTER: {
    clause: 'GB 32100-2015, check character (weights 3^i mod 31; 31 → 0)',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'uscc',
    title: { zh: '第 18 位校验码错误', en: 'wrong check character (position 18)' },
  },
  WARN_USCC_UNKNOWN_DEPARTMENT: {
    clause: 'GB 32100-2015 position 1, department table',
    evidence: 'inferred',
    severity: 'warning',
    kind: 'uscc',
    title: { zh: '登记管理部门代码（第 1 位）未知', en: 'unknown registration department (position 1)' },
  },
  WARN_USCC_UNKNOWN_CATEGORY: {
    clause: 'GB 32100-2015 position 2, category table',
    evidence: 'inferred',
    severity: 'warning',
    kind: 'uscc',
    title: { zh: '机构类别代码（第 2 位）未知', en: 'unknown organisation category (position 2)' },
  },
  WARN_USCC_UNKNOWN_DIVISION: {
    clause: 'GB/T 2260 membership (bundled, dated table)',
    evidence: 'inferred',
    severity: 'warning',
    kind: 'uscc',
    title: {
      zh: '登记管理机关行政区划码不在内置区划表中',
      en: 'registration division code not in the bundled table',
    },
  },
  ERR_ORG_CODE_LENGTH: {
    clause: 'GB 11714-1997, code structure (8 + 1)',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'org-code',
    title: {
      zh: '组织机构代码长度不是 9（或带连字符的 10）',
      en: 'organisation code is not 9 characters (10 with the hyphen)',
    },
  },
  ERR_ORG_CODE_CHARSET: {
    clause: 'GB 11714-1997, character set',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'org-code',
    title: {
      zh: '本体代码须为数字或大写字母，校验码须为数字或 X',
      en: 'body must be digits or capital letters, check character a digit or X',
    },
  },
  ERR_ORG_CODE_CHECK_CHARACTER: {
    clause: 'GB 11714-1997, check character (weights 3,7,9,10,5,8,4,2)',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'org-code',
    title: { zh: '组织机构代码校验码错误', en: 'wrong organisation-code check character' },
  },
  ERR_CITIZEN_ID_LENGTH: {
    clause: 'GB 11643-1999, code structure (18; legacy 15)',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'citizen-id',
    title: {
      zh: '公民身份号码长度不是 18（或旧版 15）',
      en: 'citizen ID is not 18 (or legacy 15) characters',
    },
  },
  ERR_CITIZEN_ID_CHARSET: {
    clause: 'GB 11643-1999, 17 digits + check character',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'citizen-id',
    title: {
      zh: '前 17 位须为数字，第 18 位须为数字或 X',
      en: 'the first 17 characters must be digits, the 18th a digit or X',
    },
  },
  ERR_CITIZEN_ID_BIRTH_DATE: {
    clause: 'GB 11643-1999 birth date code (GB/T 7408)',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'citizen-id',
    title: { zh: '出生日期码不是真实日期', en: 'birth date is not a real calendar date' },
  },
  ERR_CITIZEN_ID_BIRTH_DATE_FUTURE: {
    clause: 'GB 11643-1999 birth date code; reference date option',
    evidence: 'inferred',
    severity: 'error',
    kind: 'citizen-id',
    title: { zh: '出生日期晚于参考日期', en: 'birth date is after the reference date' },
  },
  ERR_CITIZEN_ID_BIRTH_DATE_TOO_EARLY: {
    clause: 'gbkit plausibility rule, minBirthDate option (default 1900-01-01)',
    evidence: 'uncertain',
    severity: 'error',
    kind: 'citizen-id',
    title: {
      zh: '出生日期早于允许的最早日期（默认 1900-01-01）',
      en: 'birth date before the earliest allowed (default 1900-01-01)',
    },
  },
  ERR_CITIZEN_ID_CHECK_CHARACTER: {
    clause: 'GB 11643-1999 check character, ISO/IEC 7064 MOD 11-2',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'citizen-id',
    title: { zh: '第 18 位校验码错误（ISO 7064 MOD 11-2）', en: 'wrong check character (ISO 7064 MOD 11-2)' },
  },
  WARN_CITIZEN_ID_LEGACY_15: {
    clause: 'GB 11643-1989 (15-digit predecessor)',
    evidence: 'inferred',
    severity: 'warning',
    kind: 'citizen-id',
    title: {
      zh: '旧版 15 位号码，无校验码；可转换为 18 位',
      en: 'legacy 15-digit number without check character; convertible to 18',
    },
  },
  WARN_CITIZEN_ID_DIVISION_FORMAT: {
    clause: 'GB 11643-1999 address code → GB/T 2260',
    evidence: 'inferred',
    severity: 'warning',
    kind: 'citizen-id',
    title: {
      zh: '地址码的省级前缀不是 GB/T 2260 省级代码',
      en: 'address code does not start with a GB/T 2260 province',
    },
  },
  WARN_CITIZEN_ID_UNKNOWN_DIVISION: {
    clause: 'GB 11643-1999 address code → GB/T 2260 (bundled, dated table)',
    evidence: 'inferred',
    severity: 'warning',
    kind: 'citizen-id',
    title: {
      zh: '地址码不在内置区划表中（可能是已撤销的旧代码）',
      en: 'address code not in the bundled table (perhaps an abolished code)',
    },
  },
  ERR_DIVISION_LENGTH: {
    clause: 'GB/T 2260, 6-digit code',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'division',
    title: { zh: '行政区划代码长度不是 6', en: 'division code is not 6 digits long' },
  },
  ERR_DIVISION_CHARSET: {
    clause: 'GB/T 2260, digits only',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'division',
    title: { zh: '行政区划代码只能是数字', en: 'division code must be digits only' },
  },
  ERR_DIVISION_PROVINCE: {
    clause: 'GB/T 2260, province-level codes',
    evidence: 'confirmed',
    severity: 'error',
    kind: 'division',
    title: {
      zh: '前两位不是 GB/T 2260 省级代码',
      en: 'first two digits are not a GB/T 2260 province',
    },
  },
  WARN_DIVISION_UNKNOWN: {
    clause: 'GB/T 2260 membership (bundled, dated table)',
    evidence: 'inferred',
    severity: 'warning',
    kind: 'division',
    title: {
      zh: '格式正确，但不在内置的（有日期的）区划表中',
      en: 'well-formed but not in the bundled, dated division table',
    },
  },
} as const satisfies Record<string, ReasonInfo>;

/** A reason code listed in {@link REASON_CODES}. */
export type ReasonCode = keyof typeof REASON_CODES;

/** Builds a reason (internal helper, exported for the other modules of this package). */
export function reason(
  code: ReasonCode,
  message: LocalizedText,
  extra: {
    position?: number;
    expected?: string;
    actual?: string;
    severity?: ReasonSeverity;
    tolerated?: string;
  } = {},
): CodeReason {
  const r: { -readonly [K in keyof CodeReason]: CodeReason[K] } = {
    code,
    severity: extra.severity ?? REASON_CODES[code].severity,
    message,
  };
  if (extra.position !== undefined) r.position = extra.position;
  if (extra.expected !== undefined) r.expected = extra.expected;
  if (extra.actual !== undefined) r.actual = extra.actual;
  if (extra.tolerated !== undefined) r.tolerated = extra.tolerated;
  return r;
}

/** Builds a validation result; `valid` is derived from the reasons. */
export function result<P>(
  kind: CodeKind,
  value: string,
  normalized: string | undefined,
  reasons: CodeReason[],
  parsed?: P,
): CodeValidation<P> {
  const r: { -readonly [K in keyof CodeValidation<P>]: CodeValidation<P>[K] } = {
    valid: !reasons.some((x) => x.severity === 'error'),
    kind,
    value,
    normalized,
    reasons,
  };
  if (parsed !== undefined) r.parsed = parsed;
  return r;
}

/**
 * Trims and upper-cases a raw value, reporting each change as a warning (never silently).
 * Returns the cleaned string and the warnings.
 */
export function normalizeInput(value: string): { text: string; reasons: CodeReason[] } {
  const reasons: CodeReason[] = [];
  let text = String(value);
  const trimmed = text.trim();
  if (trimmed !== text) {
    reasons.push(
      reason('WARN_CODE_WHITESPACE', {
        zh: '首尾空白已去除',
        en: 'leading/trailing whitespace was removed',
      }),
    );
    text = trimmed;
  }
  if (/[a-z]/.test(text)) {
    reasons.push(
      reason('WARN_CODE_LOWERCASE', {
        zh: '小写字母已转为大写（标准只用大写字母）',
        en: 'lower-case letters were upper-cased (the standards use capitals only)',
      }),
    );
    text = text.toUpperCase();
  }
  return { text, reasons };
}

/** Shows a character for a message: printable as is, otherwise as U+XXXX. */
export function showChar(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  return cp > 0x20 && cp < 0x7f ? `'${c}'` : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Throws a {@link FormatError} for an invalid validation result (code and message of its first error;
 * every reason in `details.reasons`; the 0-based `location.offset` of the character to blame) and
 * returns the result otherwise.
 */
export function throwIfInvalid<P>(r: CodeValidation<P>): CodeValidation<P> {
  if (r.valid) return r;
  const first = r.reasons.find((x) => x.severity === 'error') as CodeReason;
  throw new FormatError(first.code, first.message, {
    location: {
      field: r.kind,
      ...(first.position !== undefined ? { offset: first.position - 1 } : {}),
    },
    details: {
      value: r.value,
      kind: r.kind,
      reasons: r.reasons,
      ...(first.expected !== undefined ? { expected: first.expected } : {}),
      ...(first.actual !== undefined ? { actual: first.actual } : {}),
    },
  });
}
