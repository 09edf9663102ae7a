/**
 * Code tables of the service-item model as versioned data with Chinese labels.
 *
 * - GB/T 39046-2020 政务服务平台基础数据规范, Annex A (normative): A.1 事项类型代码 … A.8 满意度代码,
 *   pinned code-for-code as read in the standard (evidence `confirmed`, except where the research note
 *   elided a label, which is marked `inferred`).
 * - Vendor label sets seen in the national and provincial exchange systems (权力来源, 来源渠道, 材料类型,
 *   材料形式, 材料必要性, 时限单位): the labels are confirmed in practice, the numeric codes differ from
 *   vendor to vendor, so the SDK stores a stable key and maps it to numbers through a pluggable
 *   {@link CodeProfile} (see `profiles.ts`).
 *
 * @example
 * ```ts
 * import { GBT39046, codeLabel } from '@gbkit/guide-schema';
 * codeLabel(GBT39046.taskType, '01'); // '行政许可'
 * GBT39046.useLevel.version;          // 'GB/T 39046-2020'
 * ```
 * @module
 */
import type { EvidenceLevel } from '@gbkit/core';

/** One entry of a code table. */
export interface CodeEntry {
  /** The code as exchanged (`01`, `2` …). */
  readonly code: string;
  /** The Chinese label as written in the standard. */
  readonly zh: string;
  /** An English gloss (informative). */
  readonly en: string;
  /** How sure we are of this code/label pair. */
  readonly evidence: EvidenceLevel;
}

/** A versioned code table. */
export interface CodeTable {
  /** Stable id, e.g. `GBT39046-A.1`. */
  readonly id: string;
  /** The table's name in Chinese. */
  readonly zh: string;
  readonly en: string;
  /** Source and edition the entries come from. */
  readonly version: string;
  /** Clause reference. */
  readonly clause: string;
  readonly entries: readonly CodeEntry[];
  /**
   * Code ranges the standard declares extensible (A.1: "11…" and "21…"): codes in these ranges are
   * accepted as valid extensions even though they are not listed.
   */
  readonly extensible?: RegExp;
  /** Codes seen in real systems but not in the standard; accepted only in lenient mode (with a warning). */
  readonly practice?: readonly CodeEntry[];
}

const V = 'GB/T 39046-2020';
const e = (code: string, zh: string, en: string, evidence: EvidenceLevel = 'confirmed'): CodeEntry =>
  Object.freeze({ code, zh, en, evidence });

/** GB/T 39046-2020 Annex A code tables (A.1–A.8) plus the boolean convention. */
export const GBT39046 = Object.freeze({
  /** A.1 事项类型代码 (n2). */
  taskType: Object.freeze<CodeTable>({
    id: 'GBT39046-A.1',
    zh: '事项类型代码',
    en: 'item type',
    version: V,
    clause: 'GB/T 39046-2020 附录A 表A.1',
    entries: [
      e('00', '行政权力事项', 'administrative power item'),
      e('01', '行政许可', 'administrative licensing'),
      e('02', '行政处罚', 'administrative penalty'),
      e('03', '行政强制', 'administrative coercion'),
      e('04', '行政征收', 'administrative levy'),
      e('05', '行政给付', 'administrative payment'),
      e('06', '行政检查', 'administrative inspection'),
      e('07', '行政确认', 'administrative confirmation'),
      e('08', '行政奖励', 'administrative reward'),
      e('09', '行政裁决', 'administrative adjudication'),
      e('10', '其他类别事项', 'other item category'),
      e('20', '公共服务事项', 'public service item'),
    ],
    extensible: /^(1[1-9]|2[1-9])$/,
    practice: [
      e('30', '政府内部审批', 'internal government approval', 'inferred'),
      e('31', '依申请便民服务', 'convenience service on application', 'inferred'),
      e('32', '主题服务', 'theme service', 'inferred'),
      e('99', '其它类', 'other (evaluation interface)', 'inferred'),
    ],
  }),
  /** A.2 行使层级代码 (n1). */
  useLevel: Object.freeze<CodeTable>({
    id: 'GBT39046-A.2',
    zh: '行使层级代码',
    en: 'exercise level',
    version: V,
    clause: 'GB/T 39046-2020 附录A 表A.2',
    entries: [
      e('1', '国家级/局(署、会)', 'national / bureau'),
      e('2', '省级/直属', 'provincial / directly affiliated'),
      e('3', '市级/隶属', 'municipal / subordinate'),
      e('4', '县级', 'county'),
      e('5', '镇(乡、街道)级', 'township (street)'),
      e('6', '村(社区)级', 'village (community)'),
      e('7', '分级管理', 'tiered management'),
    ],
  }),
  /** A.3 实施主体性质代码 (n1). */
  deptType: Object.freeze<CodeTable>({
    id: 'GBT39046-A.3',
    zh: '实施主体性质代码',
    en: 'nature of the implementing body',
    version: V,
    clause: 'GB/T 39046-2020 附录A 表A.3',
    entries: [
      e('1', '法定机关', 'statutory authority'),
      e('2', '授权组织', 'authorised organisation'),
      e('3', '受委托组织', 'entrusted organisation'),
      e('9', '其他', 'other'),
    ],
  }),
  /** A.4 服务对象代码. */
  serverType: Object.freeze<CodeTable>({
    id: 'GBT39046-A.4',
    zh: '服务对象代码',
    en: 'service audience',
    version: V,
    clause: 'GB/T 39046-2020 附录A 表A.4',
    entries: [
      e('1', '自然人', 'natural person'),
      e('2', '企业法人', 'enterprise legal person'),
      e('3', '事业法人', 'public institution legal person'),
      e('4', '社会组织法人', 'social organisation legal person'),
      e('5', '行政机关', 'administrative organ'),
      e('6', '其他组织', 'other organisation'),
    ],
  }),
  /** A.5 办理形式代码. */
  handleType: Object.freeze<CodeTable>({
    id: 'GBT39046-A.5',
    zh: '办理形式代码',
    en: 'handling channel',
    version: V,
    clause: 'GB/T 39046-2020 附录A 表A.5',
    entries: [
      e('1', '窗口办理', 'at the service window'),
      e('2', '电脑端网上办理', 'online (PC)'),
      e('3', '移动端网上申请', 'online (mobile)'),
      e('4', '快递申请', 'by post/courier'),
      e('9', '其他', 'other'),
    ],
  }),
  /** A.6 办件类型代码. */
  projectType: Object.freeze<CodeTable>({
    id: 'GBT39046-A.6',
    zh: '办件类型代码',
    en: 'case type',
    version: V,
    clause: 'GB/T 39046-2020 附录A 表A.6',
    entries: [
      e('1', '即办件', 'handled on the spot'),
      e('2', '承诺件', 'handled within a committed time'),
      e('9', '其他', 'other'),
    ],
  }),
  /** A.7 特别程序种类代码. */
  specialProcedureKind: Object.freeze<CodeTable>({
    id: 'GBT39046-A.7',
    zh: '特别程序种类代码',
    en: 'special procedure kind',
    version: V,
    clause: 'GB/T 39046-2020 附录A 表A.7',
    entries: [
      e('1', '延长审批', 'extension of the approval period'),
      e('2', '除延长审批之外的情况', 'other than extension'),
    ],
  }),
  /** A.8 满意度代码 (the research read codes 1 and 5; 2–4 follow the national 好差评 five-level scale). */
  satisfaction: Object.freeze<CodeTable>({
    id: 'GBT39046-A.8',
    zh: '满意度代码',
    en: 'satisfaction',
    version: V,
    clause: 'GB/T 39046-2020 附录A 表A.8',
    entries: [
      e('1', '非常满意', 'very satisfied'),
      e('2', '满意', 'satisfied', 'inferred'),
      e('3', '基本满意', 'fairly satisfied', 'inferred'),
      e('4', '不满意', 'dissatisfied', 'inferred'),
      e('5', '非常不满意', 'very dissatisfied'),
    ],
  }),
  /** 布尔型 convention: 1 是 / 0 否. */
  boolean: Object.freeze<CodeTable>({
    id: 'GBT39046-BOOL',
    zh: '是否',
    en: 'yes/no',
    version: V,
    clause: 'GB/T 39046-2020 表4（布尔型）',
    entries: [e('1', '是', 'yes'), e('0', '否', 'no')],
  }),
});

/** Names of the GB/T 39046 tables in {@link GBT39046}. */
export type Gbt39046TableName = keyof typeof GBT39046;

/** The entry for `code` in `table` (standard entries, then practice entries), or undefined. */
export function codeEntry(table: CodeTable, code: string): CodeEntry | undefined {
  return table.entries.find((x) => x.code === code) ?? table.practice?.find((x) => x.code === code);
}

/** The Chinese label for `code`, or the code itself when unknown. */
export function codeLabel(table: CodeTable, code: string): string {
  return codeEntry(table, code)?.zh ?? code;
}

/**
 * Classifies a code against a table: `standard` (listed), `extension` (in a range the standard declares
 * extensible), `practice` (seen in real systems only) or `unknown`.
 */
export function classifyCode(
  table: CodeTable,
  code: string,
): 'standard' | 'extension' | 'practice' | 'unknown' {
  if (table.entries.some((x) => x.code === code)) return 'standard';
  if (table.extensible?.test(code)) return 'extension';
  if (table.practice?.some((x) => x.code === code)) return 'practice';
  return 'unknown';
}

/** One label of a vendor label set: a stable SDK key and its Chinese label(s). */
export interface LabelEntry {
  /** The stable key used in the SDK model (`workday`, `applicant` …). */
  readonly key: string;
  /** The Chinese label. */
  readonly zh: string;
  /** Other Chinese spellings accepted on import. */
  readonly aliases?: readonly string[];
  readonly en: string;
}

/** A vendor label set: labels confirmed in practice, numeric codes left to a {@link CodeProfile}. */
export interface LabelSet {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  readonly version: string;
  readonly evidence: EvidenceLevel;
  readonly entries: readonly LabelEntry[];
}

const l = (key: string, zh: string, en: string, aliases?: string[]): LabelEntry =>
  Object.freeze({ key, zh, en, ...(aliases ? { aliases } : {}) });

/** The vendor label sets (§1.4 of the research: labels confirmed in practice, codes vary). */
export const LABEL_SETS = Object.freeze({
  /** 权力来源. */
  powerSource: Object.freeze<LabelSet>({
    id: 'GBKIT-POWER-SOURCE',
    zh: '权力来源',
    en: 'source of power',
    version: 'gbkit-2026.1',
    evidence: 'inferred',
    entries: [
      l('statutory', '法定本级行使', 'exercised at this level by law'),
      l('delegatedFromHigher', '上级下放', 'delegated down by a higher level'),
      l('authorisedByHigher', '上级授权', 'authorised by a higher level'),
      l('authorisedBySameLevel', '同级授权', 'authorised at the same level'),
      l('entrustedByHigher', '上级委托', 'entrusted by a higher level'),
      l('entrustedBySameLevel', '同级委托', 'entrusted at the same level'),
    ],
  }),
  /** 来源渠道 (of a material). */
  sourceChannel: Object.freeze<LabelSet>({
    id: 'GBKIT-SOURCE-CHANNEL',
    zh: '来源渠道',
    en: 'material source',
    version: 'gbkit-2026.1',
    evidence: 'inferred',
    entries: [
      l('applicant', '申请人自备', 'provided by the applicant'),
      l('government', '政府部门核发', 'issued by a government department'),
      l('other', '其他', 'other'),
      l('eLicence', '调取电子证照库', 'fetched from the e-licence library', ['电子证照库调取']),
      l('onlineForm', '在线填报', 'filled in online'),
    ],
  }),
  /** 材料类型. */
  materialType: Object.freeze<LabelSet>({
    id: 'GBKIT-MATERIAL-TYPE',
    zh: '材料类型',
    en: 'material type',
    version: 'gbkit-2026.1',
    evidence: 'inferred',
    entries: [
      l('original', '原件', 'original'),
      l('copy', '复印件', 'copy'),
      l('originalAndCopy', '原件和复印件', 'original and copy'),
      l('originalOrCopy', '原件或复印件', 'original or copy'),
    ],
  }),
  /** 材料形式. */
  materialFormat: Object.freeze<LabelSet>({
    id: 'GBKIT-MATERIAL-FORMAT',
    zh: '材料形式',
    en: 'material format',
    version: 'gbkit-2026.1',
    evidence: 'inferred',
    entries: [
      l('paper', '纸质', 'paper'),
      l('electronic', '电子', 'electronic', ['电子化']),
      l('paperOrElectronic', '纸质/电子', 'paper or electronic', ['纸质和电子', '纸质或电子']),
    ],
  }),
  /** 材料必要性. */
  necessity: Object.freeze<LabelSet>({
    id: 'GBKIT-NECESSITY',
    zh: '材料必要性',
    en: 'necessity',
    version: 'gbkit-2026.1',
    evidence: 'inferred',
    entries: [
      l('required', '必要', 'required', ['必要材料', '必需']),
      l('optional', '非必要', 'optional', ['非必要材料']),
      l('deferrable', '容缺后补', 'may be supplied later (容缺)'),
      l('waived', '信息免交/信用后补', 'waived by data sharing / credit', ['信息免交', '信用后补']),
    ],
  }),
  /** 时限单位. Labels 工作日/自然日 are seen everywhere; the others are inferred. */
  timeUnit: Object.freeze<LabelSet>({
    id: 'GBKIT-TIME-UNIT',
    zh: '时限单位',
    en: 'time-limit unit',
    version: 'gbkit-2026.1',
    evidence: 'inferred',
    entries: [
      l('workday', '工作日', 'working days', ['个工作日']),
      l('calendarDay', '自然日', 'calendar days', ['天', '日']),
      l('hour', '小时', 'hours'),
      l('month', '月', 'months', ['个月']),
      l('year', '年', 'years'),
    ],
  }),
});

/** Names of the label sets in {@link LABEL_SETS}. */
export type LabelSetName = keyof typeof LABEL_SETS;

/** The Chinese label of a key in a label set (the key itself when unknown). */
export function labelOf(set: LabelSet, key: string): string {
  return set.entries.find((x) => x.key === key)?.zh ?? key;
}

/** The key for a Chinese label or alias (or a key), or undefined. */
export function keyOfLabel(set: LabelSet, labelOrKey: string): string | undefined {
  const s = labelOrKey.trim();
  for (const x of set.entries) {
    if (x.key === s || x.zh === s || x.aliases?.includes(s)) return x.key;
  }
  return undefined;
}

/**
 * Splits a multi-valued code field: accepts an array or the legacy `^`-joined string (`1^2^3`); commas are
 * not accepted (never seen in the exchange tables).
 */
export function splitMulti(value: readonly string[] | string | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value === '' ? [] : value.split('^');
  return [...value];
}

/** Joins a multi-valued code field into the legacy `^` form used by exchange rows. */
export function joinMulti(value: readonly string[] | string): string {
  return typeof value === 'string' ? value : value.join('^');
}
