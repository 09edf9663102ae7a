/**
 * Item codes (事项编码): the 31-character 实施编码 and the 33-character 业务办理项编码.
 *
 * Layout read from real Guangdong codes (research §1.5, evidence `inferred`, strong — GB/T 39554.1, which
 * defines it, was not reachable):
 *
 * ```
 * 实施编码 (31)        = 实施主体统一社会信用代码 (18) + 行使层级代码 (1, GB/T 39046 A.2) + 基本编码 (12)
 * 业务办理项编码 (33)  = 实施编码 (31) + 办理项序号 (2 digits)
 * 基本编码 (12)        = owner prefix (2: 00 national, 44 Guangdong …) + 事项类型 (2, A.1) + 主项 (5) + 子项 (3)
 * ```
 *
 * The credit code's check character is verified with `@gbkit/codes` (GB 32100) and the level code
 * against A.2. The split of the 基本编码 is weaker (`inferred`, medium) and other provinces use other
 * local formats, so it is only done with `{ splitCatalogCode: true }` and is marked `inferred`.
 *
 * @example
 * ```ts
 * import { parseItemCode } from '@gbkit/guide-schema';
 * const p = parseItemCode('11440100007482575H3440118009000');
 * p.uscc;        // '11440100007482575H'
 * p.level;       // '3'
 * p.catalogCode; // '440118009000'
 * ```
 * @module
 */

import { validateUscc } from '@gbkit/codes';
import {
  defineRule,
  type EvidenceLevel,
  FormatError,
  type LocalizedText,
  type Report,
  ReportBuilder,
  type ValidationMode,
} from '@gbkit/core';
import { codeEntry, GBT39046 } from './code-tables.js';
import { validateUsccCached } from './uscc-cache.js';

/** The inferred split of a 12-character 基本编码. */
export interface CatalogCodeParts {
  /** `00` national catalogue, `44` Guangdong-local … */
  readonly owner: string;
  /** 事项类型 (A.1). */
  readonly taskType: string;
  /** 主项 (5 digits). */
  readonly mainItem: string;
  /** 子项 (3 digits; `000` = no sub-item). */
  readonly subItem: string;
  /** Always `inferred`: the segment layout comes from examples, not from the standard. */
  readonly evidence: 'inferred';
}

/** A parsed item code. */
export interface ParsedItemCode {
  readonly kind: 'implementation' | 'handling';
  /** The code as given (trimmed). */
  readonly code: string;
  /** 实施主体统一社会信用代码 (positions 1–18). */
  readonly uscc: string;
  /** 行使层级代码 (position 19). */
  readonly level: string;
  /** Label of the level (A.2). */
  readonly levelLabel: string;
  /** 基本编码 (positions 20–31). */
  readonly catalogCode: string;
  /** The 31-character 实施编码 (the whole code, or its first 31 characters for a handling item). */
  readonly taskCode: string;
  /** 办理项序号 (positions 32–33) of a handling item. */
  readonly handlingSeq?: string;
  /** The inferred 基本编码 split, only with `splitCatalogCode`. */
  readonly catalog?: CatalogCodeParts;
  /** Evidence of the layout. */
  readonly evidence: EvidenceLevel;
}

/** Options of {@link parseItemCode}. */
export interface ItemCodeOptions {
  /** Also split the 基本编码 into owner/type/main/sub (layout inferred; off by default). */
  readonly splitCatalogCode?: boolean;
  /**
   * `lenient` accepts the credit-code deviations `@gbkit/codes` tolerates (e.g. a wrong check character of
   * early pilot codes): {@link parseItemCode} then does not throw, {@link checkItemCode} reports a warning.
   */
  readonly mode?: ValidationMode;
}

/** Rules applied to item codes. */
export const ITEM_CODE_RULES = Object.freeze({
  length: defineRule({
    id: 'GUIDE-CODE-LENGTH',
    clause: 'ZWFW C0109.1—2018 / GB/T 39554.1-2020（实施编码 31 位，业务办理项编码 33 位；据广东实例推断）',
    evidence: 'inferred',
    title: { zh: '事项编码长度与字符', en: 'item code length and characters' },
  }),
  uscc: defineRule({
    id: 'GUIDE-CODE-USCC',
    clause: 'GB 32100-2015 §4（实施编码第 1–18 位为实施主体统一社会信用代码）',
    evidence: 'confirmed',
    title: { zh: '实施编码中的统一社会信用代码', en: 'credit code inside the item code' },
  }),
  level: defineRule({
    id: 'GUIDE-CODE-LEVEL',
    clause: 'GB/T 39046-2020 附录A 表A.2（实施编码第 19 位）',
    evidence: 'inferred',
    title: { zh: '实施编码中的行使层级代码', en: 'exercise level inside the item code' },
  }),
  catalog: defineRule({
    id: 'GUIDE-CODE-CATALOG',
    clause: '基本编码内部结构（据实例推断：2 位归属 + 2 位事项类型 + 5 位主项 + 3 位子项）',
    evidence: 'inferred',
    title: { zh: '基本编码内部结构', en: 'catalogue-code segments' },
  }),
});

const CODE_CHARS = /^[0-9A-Z]+$/;

function fail(code: string, text: LocalizedText, offset?: number, details?: Record<string, unknown>): never {
  throw new FormatError(code, text, {
    location: { field: 'taskCode', ...(offset !== undefined ? { offset } : {}) },
    ...(details ? { details } : {}),
  });
}

function splitCatalog(catalogCode: string): CatalogCodeParts {
  return {
    owner: catalogCode.slice(0, 2),
    taskType: catalogCode.slice(2, 4),
    mainItem: catalogCode.slice(4, 9),
    subItem: catalogCode.slice(9, 12),
    evidence: 'inferred',
  };
}

/**
 * Parses and validates a 31-character 实施编码 or a 33-character 业务办理项编码: length and charset, the
 * credit code's GB 32100 check character, the level code (A.2).
 * @throws FormatError `ERR_GUIDE_CODE_LENGTH`, `ERR_GUIDE_CODE_CHARSET`, `ERR_GUIDE_CODE_USCC` (with the
 * `@gbkit/codes` reasons in `details`), `ERR_GUIDE_CODE_LEVEL`, `ERR_GUIDE_CODE_SEQUENCE`.
 */
export function parseItemCode(code: string, options: ItemCodeOptions = {}): ParsedItemCode {
  const s = typeof code === 'string' ? code.trim() : '';
  if (s.length !== 31 && s.length !== 33) {
    fail('ERR_GUIDE_CODE_LENGTH', {
      zh: `实施编码须为 31 位、业务办理项编码须为 33 位，实为 ${s.length} 位`,
      en: `an implementation code has 31 characters and a handling-item code 33, got ${s.length}`,
    });
  }
  if (!CODE_CHARS.test(s)) {
    const i = [...s].findIndex((c) => !/[0-9A-Z]/.test(c));
    fail(
      'ERR_GUIDE_CODE_CHARSET',
      {
        zh: `事项编码第 ${i + 1} 位“${s[i]}”不是数字或大写字母`,
        en: `item code position ${i + 1} (“${s[i]}”) is not a digit or capital letter`,
      },
      i,
    );
  }
  const uscc = s.slice(0, 18);
  const strict = validateUsccCached(uscc);
  const v = !strict.valid && options.mode === 'lenient' ? validateUscc(uscc, { mode: 'lenient' }) : strict;
  if (!v.valid) {
    const first = v.reasons.find((r) => r.severity === 'error');
    fail(
      'ERR_GUIDE_CODE_USCC',
      {
        zh: `实施编码第 1–18 位（实施主体统一社会信用代码 ${uscc}）无效：${first?.message.zh ?? ''}`,
        en: `positions 1–18 (implementing body credit code ${uscc}) invalid: ${first?.message.en ?? ''}`,
      },
      (first?.position ?? 1) - 1,
      { reasons: v.reasons },
    );
  }
  const level = s[18] as string;
  const levelEntry = codeEntry(GBT39046.useLevel, level);
  if (!levelEntry) {
    fail(
      'ERR_GUIDE_CODE_LEVEL',
      {
        zh: `实施编码第 19 位行使层级代码“${level}”不在 GB/T 39046 表A.2 中（1–7）`,
        en: `position 19: level code “${level}” is not in GB/T 39046 Table A.2 (1–7)`,
      },
      18,
    );
  }
  const catalogCode = s.slice(19, 31);
  let handlingSeq: string | undefined;
  if (s.length === 33) {
    handlingSeq = s.slice(31, 33);
    if (!/^\d{2}$/.test(handlingSeq)) {
      fail(
        'ERR_GUIDE_CODE_SEQUENCE',
        {
          zh: `业务办理项编码第 32–33 位须为 2 位数字序号，实为“${handlingSeq}”`,
          en: `positions 32–33 must be a 2-digit sequence, got “${handlingSeq}”`,
        },
        31,
      );
    }
  }
  return {
    kind: s.length === 33 ? 'handling' : 'implementation',
    code: s,
    uscc,
    level,
    levelLabel: levelEntry.zh,
    catalogCode,
    taskCode: s.slice(0, 31),
    ...(handlingSeq !== undefined ? { handlingSeq } : {}),
    ...(options.splitCatalogCode ? { catalog: splitCatalog(catalogCode) } : {}),
    evidence: 'inferred',
  };
}

/** Joins the parts back into a code (`uscc + level + catalogCode [+ handlingSeq]`) and re-validates it. */
export function formatItemCode(parts: {
  uscc: string;
  level: string;
  catalogCode: string;
  handlingSeq?: string;
}): string {
  const code = parts.uscc + parts.level + parts.catalogCode + (parts.handlingSeq ?? '');
  parseItemCode(code);
  return code;
}

/**
 * Checks an item code and reports every finding (length, credit code, level, and with
 * `splitCatalogCode` the inferred 基本编码 segments) as a {@link Report}; never throws.
 */
export function checkItemCode(code: string, options: ItemCodeOptions = {}): Report {
  const r = new ReportBuilder(code);
  const s = typeof code === 'string' ? code.trim() : '';
  const R = ITEM_CODE_RULES;
  if ((s.length !== 31 && s.length !== 33) || !CODE_CHARS.test(s)) {
    r.fail(
      R.length,
      {
        zh: `事项编码须为 31 位（实施编码）或 33 位（业务办理项编码）数字或大写字母，实为 ${s.length} 位“${s}”`,
        en: `an item code has 31 (implementation) or 33 (handling item) digits or capitals, got ${s.length}: “${s}”`,
      },
      { location: { field: 'taskCode' } },
    );
    return r.build();
  }
  r.pass(R.length, {
    zh: `长度 ${s.length} 位（${s.length === 31 ? '实施编码' : '业务办理项编码'}）`,
    en: `length ${s.length} (${s.length === 31 ? 'implementation' : 'handling-item'} code)`,
  });
  const v =
    options.mode === 'lenient'
      ? validateUscc(s.slice(0, 18), { mode: 'lenient' })
      : validateUsccCached(s.slice(0, 18));
  if (v.valid) {
    const tolerated = v.reasons.find((x) => x.tolerated);
    if (tolerated) {
      r.warn(
        R.uscc,
        {
          zh: `统一社会信用代码 ${s.slice(0, 18)}：${tolerated.message.zh}`,
          en: `credit code ${s.slice(0, 18)}: ${tolerated.message.en}`,
        },
        { tolerated: tolerated.tolerated ?? tolerated.code, location: { field: 'taskCode', offset: 0 } },
      );
    } else {
      r.pass(R.uscc, {
        zh: `统一社会信用代码 ${s.slice(0, 18)} 校验码正确`,
        en: `credit code ${s.slice(0, 18)} check character correct`,
      });
    }
  } else {
    for (const x of v.reasons.filter((y) => y.severity === 'error')) {
      r.fail(
        R.uscc,
        {
          zh: `第 1–18 位统一社会信用代码 ${s.slice(0, 18)}：${x.message.zh}`,
          en: `positions 1–18, credit code ${s.slice(0, 18)}: ${x.message.en}`,
        },
        {
          location: { field: 'taskCode', offset: (x.position ?? 1) - 1 },
          data: {
            reason: x.code,
            ...(x.expected ? { expected: x.expected } : {}),
            ...(x.actual ? { actual: x.actual } : {}),
          },
        },
      );
    }
  }
  const level = s[18] as string;
  const levelEntry = codeEntry(GBT39046.useLevel, level);
  if (levelEntry)
    r.pass(R.level, { zh: `行使层级 ${level}（${levelEntry.zh}）`, en: `level ${level} (${levelEntry.en})` });
  else
    r.fail(
      R.level,
      {
        zh: `第 19 位行使层级代码“${level}”不在表A.2 中`,
        en: `position 19: level code “${level}” not in Table A.2`,
      },
      { location: { field: 'taskCode', offset: 18 } },
    );
  if (s.length === 33 && !/^\d{2}$/.test(s.slice(31))) {
    r.fail(
      R.length,
      {
        zh: `第 32–33 位办理项序号须为 2 位数字，实为“${s.slice(31)}”`,
        en: `positions 32–33 must be two digits, got “${s.slice(31)}”`,
      },
      { location: { field: 'taskCode', offset: 31 } },
    );
  }
  if (options.splitCatalogCode) {
    const c = splitCatalog(s.slice(19, 31));
    const typeOk =
      codeEntry(GBT39046.taskType, c.taskType) !== undefined ||
      GBT39046.taskType.extensible?.test(c.taskType);
    const digitsOk = /^\d{12}$/.test(s.slice(19, 31));
    if (typeOk && digitsOk) {
      r.pass(
        R.catalog,
        {
          zh: `基本编码 ${s.slice(19, 31)}：归属 ${c.owner}、事项类型 ${c.taskType}、主项 ${c.mainItem}、子项 ${c.subItem}（结构为推断）`,
          en: `catalogue code: owner ${c.owner}, type ${c.taskType}, main ${c.mainItem}, sub ${c.subItem} (layout inferred)`,
        },
        { data: { ...c } },
      );
    } else {
      r.warn(
        R.catalog,
        {
          zh: `基本编码 ${s.slice(19, 31)} 不符合推断的结构（2 位归属 + 2 位事项类型 + 5 位主项 + 3 位子项）`,
          en: `catalogue code ${s.slice(19, 31)} does not fit the inferred layout`,
        },
        { location: { field: 'catalogCode' } },
      );
    }
  }
  return r.build();
}
