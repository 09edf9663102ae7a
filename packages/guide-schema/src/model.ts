/**
 * Typed models (zod 4) of the three item levels and their sub-records:
 *
 * - {@link CatalogueItemSchema} 基本目录 (`up_task_directory`): name, 基本编码, type, legal basis, levels.
 * - {@link ImplementationItemSchema} 实施清单 (`up_task_general_basic` + `dn_task_general_extend`): what a
 *   办事指南 publishes, with materials (`up_task_general_material` + GB/T 39046 items 56–64), situations
 *   (`dn_audit_item_condition` + `dn_audit_material_condition`), fee items (`up_task_general_fee_project`),
 *   FAQ (`up_task_general_questions`) and structured process steps (gbkit, mirroring 特殊环节).
 * - {@link HandlingItemSchema} 业务办理项: an implementation item narrowed to one handling item, with the
 *   33-character 业务办理项编码 required.
 *
 * Objects are strict (unknown SDK keys are errors: put foreign data in `extensions`). Multi-valued code
 * fields accept an array or the legacy `^`-joined string and parse to an array. Every property carries
 * its Chinese label and exchange name in the JSON Schema (`title`, `x-exchange`).
 *
 * @example
 * ```ts
 * import { FaqSchema } from '@gbkit/guide-schema';
 * FaqSchema.parse({ question: '能否网上办理？', answer: '可以。', orderNum: 1 }).answer; // '可以。'
 * ```
 * @module
 */
import * as z from 'zod';
import { LABEL_SETS, type LabelSetName, splitMulti } from './code-tables.js';
import {
  CATALOGUE_FIELDS,
  FAQ_FIELDS,
  FEE_FIELDS,
  type FieldDef,
  IMPLEMENTATION_FIELDS,
  MATERIAL_FIELDS,
  SITUATION_FIELDS,
  STEP_FIELDS,
} from './fields.js';

const NON_BLANK = /\S/;
const DATE = /^\d{4}-?\d{2}-?\d{2}(?:[ T]?\d{2}:?\d{2}(?::?\d{2})?)?$/;

function meta(
  table: readonly FieldDef[],
  key: string,
): { title: string; description: string; 'x-exchange': string } {
  const d = table.find((x) => x.key === key);
  if (!d) throw new Error(`no field ${key}`);
  return {
    title: d.zh,
    description: `${d.zh} / ${d.en}（交换字段 ${d.exchange}）`,
    'x-exchange': d.exchange,
  };
}

function maxOf(table: readonly FieldDef[], key: string): number | undefined {
  return table.find((x) => x.key === key)?.max;
}

/** Typed builders bound to one field table (required-ness is checked against the table by a test). */
function builders(table: readonly FieldDef[]) {
  const str = (k: string) => {
    const max = maxOf(table, k);
    return max === undefined ? z.string() : z.string().max(max);
  };
  const text = (k: string) => str(k).regex(NON_BLANK).meta(meta(table, k));
  const optText = (k: string) => str(k).optional().meta(meta(table, k));
  const int = (k: string) => z.number().int().min(0).meta(meta(table, k));
  const bool = (k: string) => z.boolean().meta(meta(table, k));
  const date = (k: string) => z.string().regex(DATE).optional().meta(meta(table, k));
  const code = (k: string, digits: 1 | 2) =>
    z
      .string()
      .regex(digits === 2 ? /^\d{2}$/ : /^\d$/)
      .meta(meta(table, k));
  const codes = (k: string) =>
    z
      .union([z.array(z.string().regex(/^\d$/)).min(1), z.string().regex(/^\d(?:\^\d)*$/)])
      .transform((v) => splitMulti(v))
      .meta(meta(table, k));
  const label = <S extends LabelSetName>(k: string, set: S) =>
    z.enum(LABEL_SETS[set].entries.map((x) => x.key) as [string, ...string[]]).meta(meta(table, k));
  return { text, optText, int, bool, date, code, codes, label };
}

/** Foreign fields kept verbatim (exchange names as keys); never dropped on conversion. */
export const ExtensionsSchema = z.record(z.string(), z.unknown()).meta({
  title: '扩展字段',
  description: '未识别的交换字段，原样保留 / unknown exchange fields, kept verbatim',
});

const C = builders(CATALOGUE_FIELDS);
/** 基本目录 item. */
export const CatalogueItemSchema = z
  .strictObject({
    $schema: z.string().optional(),
    taskName: C.text('taskName'),
    catalogCode: C.text('catalogCode'),
    localCatalogCode: C.optText('localCatalogCode'),
    taskType: C.code('taskType', 2),
    byLaw: C.text('byLaw'),
    useLevel: C.codes('useLevel'),
    taskState: C.text('taskState'),
    taskVersion: C.int('taskVersion'),
    planEffectiveDate: C.date('planEffectiveDate'),
    planCancelDate: C.date('planCancelDate'),
    extensions: ExtensionsSchema.optional(),
  })
  .meta({ title: '政务服务事项基本目录', description: 'Catalogue item (基本目录)' });

const M = builders(MATERIAL_FIELDS);
/** A material (申请材料) of an item. */
export const MaterialSchema = z
  .strictObject({
    materialId: M.optText('materialId'),
    materialName: M.text('materialName'),
    materialType: M.label('materialType', 'materialType').optional(),
    materialFormat: M.label('materialFormat', 'materialFormat').optional(),
    isNeed: M.label('isNeed', 'necessity'),
    formGuid: M.optText('formGuid'),
    exampleGuid: M.optText('exampleGuid'),
    sourceType: M.label('sourceType', 'sourceChannel').optional(),
    sourceExplain: M.optText('sourceExplain'),
    pageNum: M.int('pageNum').optional(),
    pageFormat: M.optText('pageFormat'),
    fillExplain: M.optText('fillExplain'),
    acceptStand: M.optText('acceptStand'),
    byLaw: M.optText('byLaw'),
    remark: M.optText('remark'),
    orderNum: M.int('orderNum'),
    issuingOrg: M.optText('issuingOrg'),
    issueTimeRequirement: M.optText('issueTimeRequirement'),
    handlingExplain: M.optText('handlingExplain'),
    handlingPlace: M.optText('handlingPlace'),
    usageExplain: M.optText('usageExplain'),
    originalNum: M.int('originalNum').max(99).optional(),
    copyNum: M.int('copyNum').max(99).optional(),
    isRequired: M.bool('isRequired').optional(),
    extensions: ExtensionsSchema.optional(),
  })
  .meta({ title: '申请材料', description: 'Material' });

const S = builders(SITUATION_FIELDS);
/** A situation (办理情形) and the materials it needs. */
export const SituationSchema = z
  .strictObject({
    conditionId: S.text('conditionId'),
    conditionName: S.text('conditionName'),
    conditionDesc: S.optText('conditionDesc'),
    orderNum: S.int('orderNum'),
    areaCode: S.optText('areaCode'),
    materialIds: z.array(z.string().regex(NON_BLANK)).meta(meta(SITUATION_FIELDS, 'materialIds')),
    extensions: ExtensionsSchema.optional(),
  })
  .meta({ title: '办理情形', description: 'Situation' });

const F = builders(FEE_FIELDS);
/** A fee item (收费项目). */
export const FeeItemSchema = z
  .strictObject({
    feeName: F.text('feeName'),
    feeStand: F.text('feeStand'),
    byLaw: F.optText('byLaw'),
    isDesc: F.bool('isDesc').optional(),
    descExplain: F.optText('descExplain'),
    remark: F.optText('remark'),
    orderNum: F.int('orderNum'),
    extensions: ExtensionsSchema.optional(),
  })
  .meta({ title: '收费项目', description: 'Fee item' });

const Q = builders(FAQ_FIELDS);
/** An FAQ entry (常见问题解答). */
export const FaqSchema = z
  .strictObject({
    question: Q.text('question'),
    answer: Q.text('answer'),
    orderNum: Q.int('orderNum'),
    extensions: ExtensionsSchema.optional(),
  })
  .meta({ title: '常见问题', description: 'FAQ entry' });

const P = builders(STEP_FIELDS);
/** A structured process step (办理环节 / 特殊环节). */
export const ProcessStepSchema = z
  .strictObject({
    stepName: P.text('stepName'),
    actor: P.text('actor'),
    description: P.optText('description'),
    timeLimit: P.int('timeLimit').optional(),
    timeUnit: P.label('timeUnit', 'timeUnit').optional(),
    isSpecial: P.bool('isSpecial').optional(),
    countsTowardLimit: P.bool('countsTowardLimit'),
    byLaw: P.optText('byLaw'),
    isFee: P.bool('isFee').optional(),
    feeBasis: P.optText('feeBasis'),
    orderNum: P.int('orderNum'),
    extensions: ExtensionsSchema.optional(),
  })
  .meta({ title: '办理环节', description: 'Process step' });

const I = builders(IMPLEMENTATION_FIELDS);
const implementationShape = {
  $schema: z.string().optional(),
  taskName: I.text('taskName'),
  catalogCode: I.text('catalogCode'),
  localCatalogCode: I.optText('localCatalogCode'),
  taskType: I.code('taskType', 2),
  byLaw: I.text('byLaw'),
  useLevel: I.codes('useLevel'),
  powerSource: I.label('powerSource', 'powerSource').optional(),
  taskCode: I.text('taskCode'),
  localTaskCode: I.optText('localTaskCode'),
  taskHandleItem: I.optText('taskHandleItem'),
  handleItemName: I.optText('handleItemName'),
  taskState: I.text('taskState'),
  taskVersion: I.int('taskVersion'),
  deptName: I.text('deptName'),
  deptType: I.code('deptType', 1),
  deptCode: I.text('deptCode'),
  entrustName: I.optText('entrustName'),
  anticipateDay: I.int('anticipateDay'),
  anticipateType: I.label('anticipateType', 'timeUnit'),
  anticipateExplain: I.optText('anticipateExplain'),
  promiseDay: I.int('promiseDay'),
  promiseType: I.label('promiseType', 'timeUnit'),
  promiseExplain: I.optText('promiseExplain'),
  acceptCondition: I.text('acceptCondition'),
  handleFlow: I.text('handleFlow'),
  isFee: I.bool('isFee'),
  feeBasis: I.optText('feeBasis'),
  serverType: I.codes('serverType'),
  projectType: I.code('projectType', 1),
  handleType: I.codes('handleType').optional(),
  limitSceneNum: I.int('limitSceneNum'),
  limitSceneExplain: I.optText('limitSceneExplain'),
  specialProcedure: I.text('specialProcedure'),
  isSingleLogin: I.bool('isSingleLogin'),
  appIsSingleLogin: I.bool('appIsSingleLogin'),
  linkAddr: I.optText('linkAddr'),
  mobileTerminalUrl: I.optText('mobileTerminalUrl'),
  transactAddr: I.text('transactAddr'),
  transactTime: I.text('transactTime'),
  linkWay: I.text('linkWay'),
  superviseWay: I.text('superviseWay'),
  planEffectiveDate: I.date('planEffectiveDate'),
  planCancelDate: I.date('planCancelDate'),
  isEntryCenter: I.bool('isEntryCenter'),
  handleArea: I.optText('handleArea'),
  otherDept: I.optText('otherDept'),
  serviceType: I.optText('serviceType'),
  limitExplain: I.optText('limitExplain'),
  resultType: I.text('resultType'),
  resultName: I.optText('resultName'),
  resultGuid: I.optText('resultGuid'),
  isSchedule: I.bool('isSchedule').optional(),
  isPayOnline: I.bool('isPayOnline'),
  isExpress: I.bool('isExpress'),
  isServiceTerminals: I.bool('isServiceTerminals').optional(),
  userTopicType: I.optText('userTopicType'),
  corpTopicType: I.optText('corpTopicType'),
  isOnline: I.bool('isOnline'),
  onlineHandleDepth: I.optText('onlineHandleDepth'),
  onlineHandleUrl: I.optText('onlineHandleUrl'),
  consultPhone: I.optText('consultPhone'),
  supervisePhone: I.optText('supervisePhone'),
  powerDivision: I.optText('powerDivision'),
  exerciseContent: I.optText('exerciseContent'),
  jointDeptName: I.optText('jointDeptName'),
  jointDeptCode: I.optText('jointDeptCode'),
  undertakingOrgName: I.optText('undertakingOrgName'),
  undertakingOrgCode: I.optText('undertakingOrgCode'),
  jurisdiction: I.optText('jurisdiction'),
  jurisdictionCode: I.optText('jurisdictionCode'),
  systemLevel: I.optText('systemLevel'),
  authLevel: I.optText('authLevel'),
  tacitApproval: I.optText('tacitApproval'),
  redress: I.optText('redress'),
  languages: I.optText('languages'),
  notice: I.optText('notice'),
  materials: z.array(MaterialSchema).optional().meta({ title: '申请材料' }),
  situations: z.array(SituationSchema).optional().meta({ title: '办理情形' }),
  fees: z.array(FeeItemSchema).optional().meta({ title: '收费项目' }),
  faq: z.array(FaqSchema).optional().meta({ title: '常见问题' }),
  steps: z.array(ProcessStepSchema).optional().meta({ title: '办理环节' }),
  extensions: ExtensionsSchema.optional(),
};

/** 实施清单 item — the content of a 办事指南. */
export const ImplementationItemSchema = z.strictObject(implementationShape).meta({
  title: '政务服务事项实施清单（办事指南）',
  description: 'Implementation-list item (service guide)',
});

/** 业务办理项 — an implementation item narrowed to one handling item (code and name required). */
export const HandlingItemSchema = z
  .strictObject({
    ...implementationShape,
    taskHandleItem: I.text('taskHandleItem'),
    handleItemName: I.text('handleItemName'),
  })
  .meta({ title: '业务办理项', description: 'Handling item' });

/** A parsed catalogue item. */
export type CatalogueItem = z.output<typeof CatalogueItemSchema>;
/** A parsed implementation item (multi-valued codes as arrays). */
export type ImplementationItem = z.output<typeof ImplementationItemSchema>;
/** An implementation item as written (multi-valued codes may be `^`-joined strings). */
export type ImplementationItemInput = z.input<typeof ImplementationItemSchema>;
/** A parsed handling item. */
export type HandlingItem = z.output<typeof HandlingItemSchema>;
/** A material. */
export type Material = z.output<typeof MaterialSchema>;
/** A situation. */
export type Situation = z.output<typeof SituationSchema>;
/** A fee item. */
export type FeeItem = z.output<typeof FeeItemSchema>;
/** An FAQ entry. */
export type Faq = z.output<typeof FaqSchema>;
/** A process step. */
export type ProcessStep = z.output<typeof ProcessStepSchema>;
/** A guide is an implementation item or a handling item. */
export type Guide = ImplementationItem;

/** The zod schemas by record kind. */
export const SCHEMAS = Object.freeze({
  catalogue: CatalogueItemSchema,
  implementation: ImplementationItemSchema,
  handling: HandlingItemSchema,
  materials: MaterialSchema,
  situations: SituationSchema,
  fees: FeeItemSchema,
  faq: FaqSchema,
  steps: ProcessStepSchema,
});
