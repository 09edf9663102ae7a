/**
 * Validation of a service guide (实施清单 item or 业务办理项): the published JSON Schema (compiled once
 * with ajv, all errors) plus the business rules, each with a stable ID, the clause it implements and an
 * evidence level. Every problem is reported at once (一次性告知), as a `@gbkit/core` {@link Report};
 * each message names the field by its SDK name and Chinese label.
 *
 * | Rule | What |
 * |---|---|
 * | `GUIDE-FIELD-REQUIRED` | required elements present and not blank |
 * | `GUIDE-FIELD-FORMAT` | types, lengths, enumerations of the JSON Schema |
 * | `GUIDE-FIELD-UNKNOWN` | no unknown SDK keys (put foreign data in `extensions`); lenient: warning |
 * | `GUIDE-CODE-TABLE` | codes belong to GB/T 39046 Annex A (practice-only codes: lenient warning) |
 * | `GUIDE-DEPT-USCC` | 实施主体编码 is a valid GB 32100 credit code |
 * | `GUIDE-CODE-CONSISTENT` | 实施编码 = dept USCC + a declared 行使层级 + 基本编码; 业务办理项编码 extends it |
 * | `GUIDE-TIME-PROMISE` | 承诺办结时限 ≤ 法定办结时限 (same unit, or a safe conversion) |
 * | `GUIDE-STEP-LIMIT` | counted step limits fit in the statutory limit (same unit) |
 * | `GUIDE-VISITS-ONLINE` | 到办事现场次数 0 ⇒ an online channel |
 * | `GUIDE-FEE-ITEMS` | 是否收费 = 是 ⇒ at least one fee item |
 * | `GUIDE-POWER-SOURCE` | power items (事项类型 00–19) state 权力来源 |
 * | `GUIDE-SITUATION-MATERIALS` | every material a situation names exists |
 * | `GUIDE-ORDER-UNIQUE` | order numbers unique within each list |
 *
 * @example
 * ```ts
 * import { validateGuide } from '@gbkit/guide-schema';
 * const report = validateGuide({ taskName: '' });
 * report.ok; // false — and every missing field is listed
 * ```
 * @module
 */

import { validateUscc } from '@gbkit/codes';
import {
  defineRule,
  type Finding,
  type LocalizedText,
  type Report,
  ReportBuilder,
  type Rule,
  type ValidationMode,
} from '@gbkit/core';
import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import { type CodeTable, classifyCode, GBT39046, LABEL_SETS, labelOf, splitMulti } from './code-tables.js';
import {
  FAQ_FIELDS,
  FEE_FIELDS,
  type FieldDef,
  IMPLEMENTATION_FIELDS,
  MATERIAL_FIELDS,
  SITUATION_FIELDS,
  STEP_FIELDS,
} from './fields.js';
import { ITEM_CODE_RULES, parseItemCode } from './item-code.js';
import { jsonSchema, type SchemaKind } from './json-schema.js';
import { compareLimits, limitText } from './time-limit.js';
import { validateUsccCached } from './uscc-cache.js';

const EXCHANGE_CLAUSE = '国家政务服务平台事项交换表（up_task_general_*）NOT NULL 约束；GB/T 39046-2020 表4';

/** The validation rules of a guide. */
export const GUIDE_RULES = Object.freeze({
  required: defineRule({
    id: 'GUIDE-FIELD-REQUIRED',
    clause: EXCHANGE_CLAUSE,
    evidence: 'inferred',
    title: { zh: '必填要素不得为空', en: 'required elements present' },
  }),
  format: defineRule({
    id: 'GUIDE-FIELD-FORMAT',
    clause: 'GB/T 39046-2020 §5 数据类型与表4 格式；gbkit JSON Schema',
    evidence: 'inferred',
    title: { zh: '要素类型与格式', en: 'element types and formats' },
  }),
  unknown: defineRule({
    id: 'GUIDE-FIELD-UNKNOWN',
    clause: 'gbkit 模型：未识别字段须放入 extensions',
    evidence: 'confirmed',
    title: { zh: '未识别的要素', en: 'unknown elements' },
  }),
  codeTable: defineRule({
    id: 'GUIDE-CODE-TABLE',
    clause: 'GB/T 39046-2020 附录A 表A.1–A.6',
    evidence: 'confirmed',
    title: { zh: '代码取值', en: 'code values' },
  }),
  deptUscc: defineRule({
    id: 'GUIDE-DEPT-USCC',
    clause: 'GB/T 39046-2020 表4（实施主体编码 an18，GB 32100）',
    evidence: 'confirmed',
    title: { zh: '实施主体统一社会信用代码', en: 'implementing body credit code' },
  }),
  codeConsistent: defineRule({
    id: 'GUIDE-CODE-CONSISTENT',
    clause: 'GB/T 39554.1-2020（据广东实例推断：实施编码 = 实施主体代码 + 行使层级 + 基本编码）',
    evidence: 'inferred',
    title: {
      zh: '实施编码与实施主体、行使层级、基本编码一致',
      en: 'item code consistent with body, level and catalogue code',
    },
  }),
  timePromise: defineRule({
    id: 'GUIDE-TIME-PROMISE',
    clause: '实施清单编制通行规则：承诺办结时限不超过法定办结时限（见于培训材料，非标准原文）',
    evidence: 'inferred',
    title: { zh: '承诺时限不超过法定时限', en: 'committed limit within the statutory limit' },
  }),
  stepLimit: defineRule({
    id: 'GUIDE-STEP-LIMIT',
    clause: 'gbkit：计入法定时限的环节时限之和不超过法定办结时限',
    evidence: 'inferred',
    title: { zh: '环节时限之和', en: 'sum of counted step limits' },
  }),
  visitsOnline: defineRule({
    id: 'GUIDE-VISITS-ONLINE',
    clause: 'gbkit（提议规则）：到办事现场次数为 0 须有网上办理渠道',
    evidence: 'inferred',
    title: { zh: '零跑动须可网办', en: 'zero visits needs an online channel' },
  }),
  feeItems: defineRule({
    id: 'GUIDE-FEE-ITEMS',
    clause: 'GB/T 39046-2020 表4（是否收费、收费项目）',
    evidence: 'inferred',
    title: { zh: '收费事项须列明收费项目', en: 'charged items list their fees' },
  }),
  powerSource: defineRule({
    id: 'GUIDE-POWER-SOURCE',
    clause: '国家交换表 up_task_general_basic.power_source NOT NULL（公共服务表无此列）',
    evidence: 'inferred',
    title: { zh: '行政权力事项须有权力来源', en: 'power items state their source of power' },
  }),
  situationMaterials: defineRule({
    id: 'GUIDE-SITUATION-MATERIALS',
    clause: '国家交换表 dn_audit_material_condition（情形—材料关联）',
    evidence: 'inferred',
    title: { zh: '情形所列材料须存在', en: 'situation materials exist' },
  }),
  orderUnique: defineRule({
    id: 'GUIDE-ORDER-UNIQUE',
    clause: '国家交换表 order_num（排序）',
    evidence: 'inferred',
    title: { zh: '排序号不重复', en: 'order numbers unique' },
  }),
});

/** Options of {@link validateGuide}. */
export interface ValidateGuideOptions {
  /** `implementation` (default) or `handling` (业务办理项: code and name required). */
  readonly kind?: Extract<SchemaKind, 'implementation' | 'handling'>;
  /** `strict` (default) or `lenient` (tolerated deviations become warnings). */
  readonly mode?: ValidationMode;
  /** What the report is about (a file name); defaults to the 实施编码. */
  readonly subject?: string;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<SchemaKind, ValidateFunction>();

/** The compiled ajv validator for a record kind (compiled once, then reused). */
export function compiledValidator(kind: SchemaKind): ValidateFunction {
  let v = compiled.get(kind);
  if (!v) {
    ajv ??= new Ajv2020({ allErrors: true, strict: true, keywords: ['x-exchange'] });
    v = ajv.compile(jsonSchema(kind));
    compiled.set(kind, v);
  }
  return v;
}

const SUB_TABLES: Record<string, readonly FieldDef[]> = {
  materials: MATERIAL_FIELDS,
  situations: SITUATION_FIELDS,
  fees: FEE_FIELDS,
  faq: FAQ_FIELDS,
  steps: STEP_FIELDS,
};
const SUB_LABEL: Record<string, string> = {
  materials: '申请材料',
  situations: '办理情形',
  fees: '收费项目',
  faq: '常见问题',
  steps: '办理环节',
};

/** `materials[2].materialName` and its label `申请材料第 3 项 材料名称`. */
function describe(segments: readonly string[]): { field: string; zh: string } {
  let field = '';
  const zh: string[] = [];
  let table: readonly FieldDef[] = IMPLEMENTATION_FIELDS;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as string;
    if (/^\d+$/.test(s)) {
      field += `[${s}]`;
      zh.push(`第 ${Number(s) + 1} 项`);
      continue;
    }
    field += field ? `.${s}` : s;
    const sub = SUB_TABLES[s];
    if (i === 0 && sub) {
      zh.push(SUB_LABEL[s] as string);
      table = sub;
    } else {
      const d = table.find((x) => x.key === s);
      zh.push(d ? `${d.zh}（${s}）` : s);
    }
  }
  return { field, zh: zh.join(' ') };
}

function ajvFinding(r: ReportBuilder, e: ErrorObject, mode: ValidationMode): void {
  const segs = e.instancePath
    .split('/')
    .slice(1)
    .map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') {
    const d = describe([...segs, (e.params as { missingProperty: string }).missingProperty]);
    r.fail(
      GUIDE_RULES.required,
      { zh: `缺少必填要素：${d.zh}`, en: `missing required element ${d.field}` },
      { location: { field: d.field } },
    );
    return;
  }
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    const d = describe([...segs, extra]);
    const msg = {
      zh: `未识别的要素 ${d.field}（请放入 extensions）`,
      en: `unknown element ${d.field} (put it in extensions)`,
    };
    if (mode === 'lenient')
      r.warn(GUIDE_RULES.unknown, msg, {
        location: { field: d.field },
        tolerated: `unknown element ${d.field}`,
      });
    else r.fail(GUIDE_RULES.unknown, msg, { location: { field: d.field } });
    return;
  }
  const d = describe(segs);
  if (e.keyword === 'pattern' && (e.params as { pattern: string }).pattern === '\\S') {
    r.fail(
      GUIDE_RULES.required,
      { zh: `必填要素为空：${d.zh}`, en: `required element ${d.field} is blank` },
      { location: { field: d.field } },
    );
    return;
  }
  // Inside anyOf (multi-valued codes) ajv reports each branch and then the anyOf: keep only the anyOf.
  if (e.schemaPath.includes('/anyOf/')) return;
  const what =
    e.keyword === 'anyOf'
      ? { zh: '须为代码数组或以“^”连接的代码串', en: 'must be an array of codes or a ^-joined string' }
      : {
          zh: `格式不符（${e.keyword}：${e.message ?? ''}）`,
          en: `invalid (${e.keyword}: ${e.message ?? ''})`,
        };
  r.fail(
    GUIDE_RULES.format,
    { zh: `${d.zh}${what.zh}`, en: `${d.field || '(root)'} ${what.en}` },
    { location: { field: d.field || '(root)' }, data: { keyword: e.keyword, params: e.params } },
  );
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const codeList = (v: unknown): string[] =>
  typeof v === 'string' || Array.isArray(v) ? splitMulti(v as string | string[]) : [];

const CODE_FIELDS: readonly { key: string; table: CodeTable; zh: string; standard: ReadonlySet<string> }[] = (
  [
    ['taskType', GBT39046.taskType],
    ['useLevel', GBT39046.useLevel],
    ['deptType', GBT39046.deptType],
    ['serverType', GBT39046.serverType],
    ['projectType', GBT39046.projectType],
    ['handleType', GBT39046.handleType],
  ] as const
).map(([key, table]) => ({
  key,
  table,
  zh: (IMPLEMENTATION_FIELDS.find((x) => x.key === key) as FieldDef).zh,
  standard: new Set(table.entries.map((e) => e.code)),
}));
const CODES_OK = { zh: '代码取值均在 GB/T 39046 附录A 中', en: 'all codes are in GB/T 39046 Annex A' };

function checkCodes(r: ReportBuilder, g: Obj, mode: ValidationMode): void {
  let bad = 0;
  for (const { key, table, zh, standard } of CODE_FIELDS) {
    const v = g[key];
    const list = typeof v === 'string' ? (v.includes('^') ? v.split('^') : [v]) : Array.isArray(v) ? v : [];
    for (const code of list) {
      if (typeof code !== 'string' || standard.has(code)) continue;
      const c = classifyCode(table, code);
      if (c === 'extension') continue;
      bad++;
      const msg = {
        zh: `${zh}（${key}）的代码“${code}”不在 ${table.clause}${c === 'practice' ? '（仅见于部分平台）' : ''}`,
        en: `${key}: code “${code}” is not in ${table.id}${c === 'practice' ? ' (seen only in some platforms)' : ''}`,
      };
      if (c === 'practice' && mode === 'lenient')
        r.warn(GUIDE_RULES.codeTable, msg, {
          location: { field: key },
          tolerated: `practice code ${code} in ${key}`,
        });
      else r.fail(GUIDE_RULES.codeTable, msg, { location: { field: key } });
    }
  }
  if (bad === 0) r.pass(GUIDE_RULES.codeTable, CODES_OK);
}

function checkDeptAndCode(r: ReportBuilder, g: Obj, mode: ValidationMode): void {
  const dept = str(g.deptCode);
  if (dept !== undefined && dept.trim() !== '') {
    const strict = validateUsccCached(dept);
    const v = !strict.valid && mode === 'lenient' ? validateUscc(dept, { mode: 'lenient' }) : strict;
    const tolerated = v.reasons.find((x) => x.tolerated);
    if (v.valid && tolerated)
      r.warn(
        GUIDE_RULES.deptUscc,
        {
          zh: `实施主体编码（deptCode）${dept}：${tolerated.message.zh}`,
          en: `deptCode ${dept}: ${tolerated.message.en}`,
        },
        { location: { field: 'deptCode' }, tolerated: tolerated.tolerated ?? tolerated.code },
      );
    else if (v.valid)
      r.pass(GUIDE_RULES.deptUscc, {
        zh: `实施主体编码（deptCode）${dept} 有效`,
        en: `deptCode ${dept} is a valid credit code`,
      });
    else
      for (const x of v.reasons.filter((y) => y.severity === 'error'))
        r.fail(
          GUIDE_RULES.deptUscc,
          {
            zh: `实施主体编码（deptCode）${dept} 无效：${x.message.zh}`,
            en: `deptCode ${dept} invalid: ${x.message.en}`,
          },
          { location: { field: 'deptCode' }, data: { reason: x.code } },
        );
  }
  const taskCode = str(g.taskCode);
  if (taskCode === undefined || taskCode.trim() === '') return;
  let failed = 0;
  const fail = (text: LocalizedText, field = 'taskCode'): void => {
    failed++;
    r.fail(GUIDE_RULES.codeConsistent, text, { location: { field } });
  };
  try {
    const p = parseItemCode(taskCode, { mode });
    if (p.kind !== 'implementation')
      fail({
        zh: `实施编码（taskCode）须为 31 位，实为 ${taskCode.length} 位`,
        en: `taskCode must have 31 characters, got ${taskCode.length}`,
      });
    if (dept !== undefined && p.uscc !== dept.trim())
      fail({
        zh: `实施编码（taskCode）前 18 位 ${p.uscc} 与实施主体编码（deptCode）${dept} 不一致`,
        en: `taskCode positions 1–18 (${p.uscc}) differ from deptCode ${dept}`,
      });
    const levels = codeList(g.useLevel);
    if (levels.length > 0 && !levels.includes(p.level))
      fail({
        zh: `实施编码（taskCode）第 19 位行使层级 ${p.level} 不在行使层级（useLevel）${levels.join('^')} 中`,
        en: `taskCode level ${p.level} not among useLevel ${levels.join('^')}`,
      });
    const cat = str(g.catalogCode);
    if (cat !== undefined && cat !== p.catalogCode)
      fail({
        zh: `实施编码（taskCode）第 20–31 位 ${p.catalogCode} 与基本编码（catalogCode）${cat} 不一致`,
        en: `taskCode positions 20–31 (${p.catalogCode}) differ from catalogCode ${cat}`,
      });
  } catch (e) {
    const t = (e as { text?: LocalizedText }).text;
    fail(
      t
        ? { zh: `实施编码（taskCode）：${t.zh}`, en: `taskCode: ${t.en}` }
        : { zh: '实施编码（taskCode）无效', en: 'taskCode invalid' },
    );
  }
  const handle = str(g.taskHandleItem);
  if (handle !== undefined && handle !== '') {
    try {
      const h = parseItemCode(handle, { mode });
      if (h.kind !== 'handling')
        fail(
          {
            zh: `业务办理项编码（taskHandleItem）须为 33 位，实为 ${handle.length} 位`,
            en: `taskHandleItem must have 33 characters, got ${handle.length}`,
          },
          'taskHandleItem',
        );
      else if (h.taskCode !== taskCode)
        fail(
          {
            zh: `业务办理项编码（taskHandleItem）前 31 位须等于实施编码（taskCode）${taskCode}`,
            en: `taskHandleItem must start with taskCode ${taskCode}`,
          },
          'taskHandleItem',
        );
    } catch (e) {
      const t = (e as { text?: LocalizedText }).text;
      fail(
        t
          ? { zh: `业务办理项编码（taskHandleItem）：${t.zh}`, en: `taskHandleItem: ${t.en}` }
          : { zh: '业务办理项编码无效', en: 'taskHandleItem invalid' },
        'taskHandleItem',
      );
    }
  }
  if (failed === 0)
    r.pass(GUIDE_RULES.codeConsistent, {
      zh: `实施编码 ${taskCode} 与实施主体、行使层级、基本编码一致`,
      en: `taskCode ${taskCode} consistent`,
    });
}

function checkTime(r: ReportBuilder, g: Obj, mode: ValidationMode): void {
  const a = num(g.anticipateDay);
  const p = num(g.promiseDay);
  const au = str(g.anticipateType);
  const pu = str(g.promiseType);
  if (a === undefined || p === undefined || au === undefined || pu === undefined) return;
  const stat = { value: a, unit: au };
  const prom = { value: p, unit: pu };
  const cmp = compareLimits(prom, stat);
  const facts = `承诺办结时限（promiseDay）${limitText(prom)}，法定办结时限（anticipateDay）${limitText(stat)}`;
  const factsEn = `promiseDay ${p} ${pu}, anticipateDay ${a} ${au}`;
  if (cmp === 'le') r.pass(GUIDE_RULES.timePromise, { zh: `${facts}：未超过`, en: `${factsEn}: within` });
  else if (cmp === 'gt')
    r.fail(
      GUIDE_RULES.timePromise,
      { zh: `${facts}：承诺时限超过法定时限`, en: `${factsEn}: committed limit exceeds the statutory one` },
      { location: { field: 'promiseDay' }, data: { promise: prom, statutory: stat } },
    );
  else {
    const msg = {
      zh: `${facts}：单位不同且无法在不依赖工作日历的情况下换算，无法判断`,
      en: `${factsEn}: units differ and cannot be converted without a working-day calendar`,
    };
    if (mode === 'lenient')
      r.warn(GUIDE_RULES.timePromise, msg, {
        location: { field: 'promiseType' },
        tolerated: 'time limits in incomparable units',
      });
    else r.indeterminate(GUIDE_RULES.timePromise, msg, { location: { field: 'promiseType' } });
  }
  const steps = arr(g.steps).filter((s) => s.countsTowardLimit === true && num(s.timeLimit) !== undefined);
  if (steps.length === 0) return;
  const sameUnit = steps.every((s) => (str(s.timeUnit) ?? au) === au);
  const sum = steps.reduce((n, s) => n + (num(s.timeLimit) as number), 0);
  if (!sameUnit) {
    r.notApplicable(GUIDE_RULES.stepLimit, {
      zh: '计入法定时限的环节时限单位不一，未求和',
      en: 'counted step limits use different units; not summed',
    });
  } else if (sum <= a) {
    r.pass(GUIDE_RULES.stepLimit, {
      zh: `计入法定时限的环节时限之和 ${limitText({ value: sum, unit: au })} 未超过法定办结时限 ${limitText(stat)}`,
      en: `counted steps sum to ${sum} ${au} ≤ ${a}`,
    });
  } else {
    r.fail(
      GUIDE_RULES.stepLimit,
      {
        zh: `计入法定时限的环节（steps）时限之和 ${limitText({ value: sum, unit: au })} 超过法定办结时限（anticipateDay）${limitText(stat)}`,
        en: `counted steps sum to ${sum} ${au} > anticipateDay ${a}`,
      },
      { location: { field: 'steps' }, data: { sum, statutory: a } },
    );
  }
}

function checkChannelsAndFees(r: ReportBuilder, g: Obj): void {
  const visits = num(g.limitSceneNum);
  if (visits === 0) {
    const ht = codeList(g.handleType);
    if (ht.includes('2') || ht.includes('3') || g.isOnline === true)
      r.pass(GUIDE_RULES.visitsOnline, {
        zh: '到办事现场次数为 0，且提供网上办理渠道',
        en: 'zero visits with an online channel',
      });
    else
      r.fail(
        GUIDE_RULES.visitsOnline,
        {
          zh: '到办事现场次数（limitSceneNum）为 0，但办理形式（handleType）不含网上办理（2、3）且是否网办（isOnline）不为“是”',
          en: 'limitSceneNum is 0 but handleType has no online channel (2, 3) and isOnline is not true',
        },
        { location: { field: 'limitSceneNum' } },
      );
  } else if (visits !== undefined) {
    r.notApplicable(GUIDE_RULES.visitsOnline, { zh: `到办事现场次数为 ${visits}`, en: `${visits} visit(s)` });
  }
  const fees = arr(g.fees);
  if (g.isFee === true) {
    if (fees.length > 0)
      r.pass(GUIDE_RULES.feeItems, {
        zh: `收费事项列有 ${fees.length} 个收费项目`,
        en: `${fees.length} fee item(s)`,
      });
    else
      r.fail(
        GUIDE_RULES.feeItems,
        {
          zh: '是否收费（isFee）为“是”，但未列收费项目（fees）',
          en: 'isFee is true but no fee item is listed',
        },
        { location: { field: 'fees' } },
      );
  } else if (g.isFee === false) {
    r.notApplicable(GUIDE_RULES.feeItems, { zh: '不收费', en: 'free of charge' });
  }
  const type = str(g.taskType);
  if (type !== undefined && /^(0\d|1\d)$/.test(type)) {
    if (str(g.powerSource))
      r.pass(GUIDE_RULES.powerSource, {
        zh: `权力来源：${labelOf(LABEL_SETS.powerSource, g.powerSource as string)}`,
        en: `power source ${String(g.powerSource)}`,
      });
    else
      r.fail(
        GUIDE_RULES.powerSource,
        {
          zh: `行政权力事项（事项类型 ${type}）须填写权力来源（powerSource）`,
          en: `power items (taskType ${type}) need powerSource`,
        },
        { location: { field: 'powerSource' } },
      );
  }
}

function checkSubRecords(r: ReportBuilder, g: Obj): void {
  const materials = arr(g.materials);
  const ids = new Set(materials.map((m) => str(m.materialId)).filter((x): x is string => x !== undefined));
  let missing = 0;
  const situations = arr(g.situations);
  situations.forEach((s, i) => {
    const links = Array.isArray(s.materialIds) ? s.materialIds : [];
    links.forEach((id, j) => {
      if (typeof id === 'string' && !ids.has(id)) {
        missing++;
        r.fail(
          GUIDE_RULES.situationMaterials,
          {
            zh: `办理情形第 ${i + 1} 项“${String(s.conditionName ?? '')}”所列材料 ${id} 不存在于申请材料（materials[].materialId）中`,
            en: `situation ${i + 1} names material ${id}, which is not in materials`,
          },
          { location: { field: `situations[${i}].materialIds[${j}]` } },
        );
      }
    });
  });
  if (situations.length > 0 && missing === 0)
    r.pass(GUIDE_RULES.situationMaterials, {
      zh: `${situations.length} 个办理情形所列材料均存在`,
      en: `materials of ${situations.length} situation(s) exist`,
    });
  let dup = 0;
  for (const list of ['materials', 'situations', 'fees', 'faq', 'steps']) {
    const seen = new Map<number, number>();
    arr(g[list]).forEach((x, i) => {
      const n = num(x.orderNum);
      if (n === undefined) return;
      const first = seen.get(n);
      if (first !== undefined) {
        dup++;
        r.fail(
          GUIDE_RULES.orderUnique,
          {
            zh: `${SUB_LABEL[list]}第 ${i + 1} 项的排序号（${list}[${i}].orderNum）${n} 与第 ${first + 1} 项重复`,
            en: `${list}[${i}].orderNum ${n} repeats ${list}[${first}]`,
          },
          { location: { field: `${list}[${i}].orderNum` } },
        );
      } else seen.set(n, i);
    });
  }
  if (dup === 0) r.pass(GUIDE_RULES.orderUnique, { zh: '各列表排序号均不重复', en: 'order numbers unique' });
  const ids2 = new Map<string, number>();
  materials.forEach((m, i) => {
    const id = str(m.materialId);
    if (id === undefined) return;
    if (ids2.has(id))
      r.fail(
        GUIDE_RULES.orderUnique,
        {
          zh: `申请材料第 ${i + 1} 项的材料标识（materialId）${id} 重复`,
          en: `materials[${i}].materialId ${id} repeats`,
        },
        { location: { field: `materials[${i}].materialId` } },
      );
    else ids2.set(id, i);
  });
}

/**
 * Validates a guide (an implementation item, or a handling item with `kind: 'handling'`) and reports
 * every problem at once. Accepts untrusted input (any JSON value); multi-valued codes may be arrays or
 * `^` strings. The JSON Schema validator is compiled on first use and reused.
 */
export function validateGuide(input: unknown, options: ValidateGuideOptions = {}): Report {
  const mode = options.mode ?? 'strict';
  const kind = options.kind ?? 'implementation';
  const g = isObj(input) ? input : {};
  const r = new ReportBuilder(options.subject ?? (str(g.taskHandleItem) || str(g.taskCode) || undefined));
  const validate = compiledValidator(kind);
  if (validate(input)) {
    r.pass(GUIDE_RULES.required, { zh: '必填要素齐全', en: 'required elements present' });
    r.pass(GUIDE_RULES.format, { zh: '符合 JSON Schema', en: 'matches the JSON Schema' });
  } else {
    if (!isObj(input)) {
      r.fail(
        GUIDE_RULES.format,
        { zh: '办事指南须为 JSON 对象', en: 'a guide must be a JSON object' },
        { location: { field: '(root)' } },
      );
      return r.build();
    }
    for (const e of validate.errors ?? []) ajvFinding(r, e, mode);
  }
  checkCodes(r, g, mode);
  checkDeptAndCode(r, g, mode);
  checkTime(r, g, mode);
  checkChannelsAndFees(r, g);
  checkSubRecords(r, g);
  return r.build();
}

/**
 * Validates a catalogue item (基本目录): its JSON Schema and the code tables (A.1, A.2). Reports every
 * problem at once; never throws.
 */
export function validateCatalogueItem(
  input: unknown,
  options: Omit<ValidateGuideOptions, 'kind'> = {},
): Report {
  const mode = options.mode ?? 'strict';
  const g = isObj(input) ? input : {};
  const r = new ReportBuilder(options.subject ?? (str(g.catalogCode) || undefined));
  const validate = compiledValidator('catalogue');
  if (validate(input)) {
    r.pass(GUIDE_RULES.required, { zh: '必填要素齐全', en: 'required elements present' });
    r.pass(GUIDE_RULES.format, { zh: '符合 JSON Schema', en: 'matches the JSON Schema' });
  } else if (!isObj(input)) {
    r.fail(
      GUIDE_RULES.format,
      { zh: '基本目录事项须为 JSON 对象', en: 'a catalogue item must be a JSON object' },
      { location: { field: '(root)' } },
    );
    return r.build();
  } else for (const e of validate.errors ?? []) ajvFinding(r, e, mode);
  checkCodes(r, { taskType: g.taskType, useLevel: g.useLevel }, mode);
  return r.build();
}

/** Only the failed, warning and indeterminate findings of a report. */
export function problems(report: Report): Finding[] {
  return report.findings.filter(
    (f) => f.status === 'failed' || f.status === 'warning' || f.status === 'indeterminate',
  );
}

/** The rules as a list (for documentation tables). */
export function listRules(): Rule[] {
  return [...Object.values(GUIDE_RULES), ...Object.values(ITEM_CODE_RULES)];
}
