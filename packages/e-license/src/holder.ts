/**
 * 持证主体代码类型 (holder code types) — the code table of GB/T 36903-2018 Annex A as found in two
 * independent implementations (research §3.2; the standard text was not seen: evidence `inferred` for the
 * table as a whole, `confirmed` that Annex A is this table) — and holder-code validation by type
 * (research §9.5, an SDK rule: `inferred`), delegating every check-character algorithm to `@gbkit/codes`.
 * @module
 */

import { type CodeReason, validateCitizenId, validateOrgCode, validateUscc } from '@gbkit/codes';
import type { LocalizedText, ValidationMode } from '@gbkit/core';

/** 持证主体类别. */
export type HolderCategory = '法人和其他组织' | '自然人';

/** One entry of the holder-code-type table. */
export interface HolderCodeType {
  readonly code: string;
  readonly name: string;
  readonly category: HolderCategory;
  /** gtmap's sub-category column, when it gives one. */
  readonly subCategory?: string;
}

const T = (code: string, name: string, category: HolderCategory, subCategory?: string): HolderCodeType =>
  Object.freeze({ code, name, category, ...(subCategory ? { subCategory } : {}) });

/** GB/T 36903-2018 Annex A 持证主体代码类型 (16 codes, research §3.2). */
export const HOLDER_CODE_TYPES: readonly HolderCodeType[] = Object.freeze([
  T('001', '统一社会信用代码', '法人和其他组织', '法人和其他组织'),
  T('099', '其他法人或其他组织有效证件代码', '法人和其他组织'),
  T('111', '公民身份号码', '自然人', '一般公民'),
  T('114', '中国人民解放军军官证编号', '自然人', '军人'),
  T('115', '中国人民武装警察部队警官证编号', '自然人', '军人'),
  T('118', '中国人民解放军士兵证编号', '自然人', '军人'),
  T('119', '中国人民武装警察部队士兵证编号', '自然人', '军人'),
  T('120', '中国人民解放军文职人员证编号', '自然人', '军人'),
  T('122', '中国人民武装警察部队文职人员证编号', '自然人', '军人'),
  T('411', '外交护照护照号', '自然人', '华侨和外籍人士'),
  T('412', '公务护照护照号', '自然人', '华侨和外籍人士'),
  T('413', '公务普通护照护照号', '自然人', '华侨和外籍人士'),
  T('414', '普通护照护照号', '自然人', '华侨和外籍人士'),
  T('511', '台湾居民来往大陆通行证号码', '自然人', '台湾人士'),
  T('516', '港澳居民来往内地通行证号码', '自然人', '港澳人士'),
  T('999', '其他自然人有效证件代码', '自然人'),
]);

const BY_CODE = new Map(HOLDER_CODE_TYPES.map((t) => [t.code, t]));

/**
 * Looks up a holder code type by its 3-digit code.
 *
 * @example
 * ```ts
 * import { holderCodeType } from '@gbkit/e-license';
 * holderCodeType('111')?.name; // '公民身份号码'
 * ```
 */
export function holderCodeType(code: string): HolderCodeType | undefined {
  return BY_CODE.get(code);
}

/** Result of {@link validateHolderCode}. */
export interface HolderCodeValidation {
  readonly valid: boolean;
  readonly typeCode: string;
  readonly type?: HolderCodeType;
  /** Reasons from `@gbkit/codes` or this module (codes `ERR_LIC_HOLDER_*`). */
  readonly reasons: readonly CodeReason[];
}

/** Options of {@link validateHolderCode}. */
export interface HolderCodeOptions {
  readonly mode?: ValidationMode;
  /** Reference day for citizen-ID birth dates (default today). */
  readonly referenceDate?: Date | string;
}

const reason = (
  code: string,
  severity: 'error' | 'warning',
  message: LocalizedText,
  tolerated?: string,
): CodeReason => ({
  code,
  severity,
  message,
  ...(tolerated ? { tolerated } : {}),
});

/**
 * Validates a holder code (持证主体代码) by its holder-code type (research §9.5):
 * - `001` → GB 32100 USCC (`validateUscc`);
 * - `111` → GB 11643 citizen ID (`validateCitizenId`);
 * - `099` → a 9-char organisation code (GB 11714) or a 15-digit legacy registration number; other text
 *   is a warning;
 * - `516` → `H`/`M` + 8 or 10 digits (hutool's rule, uncertain: a mismatch is a warning);
 * - passports, military IDs, 511, 999 → format only: 1–64 printable characters without spaces.
 *
 * @example
 * ```ts
 * import { validateHolderCode } from '@gbkit/e-license';
 * validateHolderCode('11010519491231002X', '111').valid; // true
 * validateHolderCode('91350100M000100Y44', '001').reasons[0]?.code; // 'ERR_USCC_CHECK_CHARACTER'
 * ```
 */
export function validateHolderCode(
  code: string,
  typeCode: string,
  options: HolderCodeOptions = {},
): HolderCodeValidation {
  const type = holderCodeType(typeCode);
  const reasons: CodeReason[] = [];
  const done = (): HolderCodeValidation => ({
    valid: !reasons.some((x) => x.severity === 'error'),
    typeCode,
    ...(type ? { type } : {}),
    reasons,
  });
  if (!type) {
    reasons.push(
      reason('ERR_LIC_HOLDER_TYPE', 'error', {
        zh: `持证主体代码类型代码 ${JSON.stringify(typeCode)} 不在 GB/T 36903 附录 A 中`,
        en: `holder code type ${JSON.stringify(typeCode)} is not in GB/T 36903 Annex A`,
      }),
    );
    return done();
  }
  if (typeof code !== 'string' || code.length === 0) {
    reasons.push(
      reason('ERR_LIC_HOLDER_EMPTY', 'error', { zh: '持证主体代码为空', en: 'the holder code is empty' }),
    );
    return done();
  }
  const mode = options.mode ?? 'strict';
  switch (typeCode) {
    case '001':
      reasons.push(...validateUscc(code, { mode }).reasons);
      break;
    case '111':
      reasons.push(
        ...validateCitizenId(code, {
          mode,
          ...(options.referenceDate ? { referenceDate: options.referenceDate } : {}),
        }).reasons,
      );
      break;
    case '099': {
      const compact = code.replace(/-/g, '');
      if (compact.length === 9 && validateOrgCode(code).valid) break;
      if (/^\d{15}$/.test(code)) break;
      reasons.push(
        reason(
          'WARN_LIC_HOLDER_099_FREE',
          'warning',
          {
            zh: '099 类代码既不是组织机构代码也不是 15 位注册号，只检查了非空',
            en: 'a 099 code that is neither an organisation code nor a 15-digit registration number: only checked for presence',
          },
          'free-form 099 code',
        ),
      );
      break;
    }
    case '516':
      if (!/^[HM](\d{8}|\d{10})$/.test(code)) {
        reasons.push(
          reason(
            'WARN_LIC_HOLDER_516_FORMAT',
            'warning',
            {
              zh: '港澳居民来往内地通行证号码通常为 H/M 加 8 或 10 位数字',
              en: 'Mainland travel permit numbers for HK/Macao residents are usually H/M + 8 or 10 digits',
            },
            'unusual 516 format',
          ),
        );
      }
      break;
    default:
      if (!/^[\x21-\x7e]{1,64}$/.test(code)) {
        reasons.push(
          reason('ERR_LIC_HOLDER_FORMAT', 'error', {
            zh: `${type.name}应为 1–64 个可见 ASCII 字符`,
            en: `${type.code} codes must be 1–64 visible ASCII characters`,
          }),
        );
      }
  }
  return done();
}
