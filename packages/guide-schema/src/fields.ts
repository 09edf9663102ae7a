/**
 * The field table: every element of the model with its three names — the SDK's camelCase name, the
 * national exchange name (the `up_task_general_*` / `dn_task_general_extend` columns) and the Chinese
 * label — plus its type, code table and whether it is required. One table drives the conversion both
 * ways (`exchange.ts`), the required-field rule and the labels in messages and rendered pages.
 *
 * `origin` says where a name comes from: `exchange` — a column of the national exchange tables
 * (evidence `inferred`: read in a public mirror of those tables, not in a standard); `gbt39046` — an item
 * of GB/T 39046-2020 Table 4 that has no exchange column, so the exchange name is a gbkit `x_` name;
 * `gbkit` — a gap field the national model lacks (structured steps, assurance level …), also `x_`.
 *
 * @example
 * ```ts
 * import { IMPLEMENTATION_FIELDS, fieldByExchange } from '@gbkit/guide-schema';
 * fieldByExchange(IMPLEMENTATION_FIELDS, 'limit_scene_num')?.zh; // '到办事现场次数'
 * ```
 * @module
 */
import type { EvidenceLevel } from '@gbkit/core';
import type { Gbt39046TableName, LabelSetName } from './code-tables.js';

/** Value kinds of the model. */
export type FieldType =
  /** free text */
  | 'text'
  /** integer ≥ 0 */
  | 'int'
  /** boolean (exchanged as `1`/`0`) */
  | 'bool'
  /** date or date-time text (`YYYY-MM-DD`, `YYYYMMDD`, `YYYY-MM-DD hh:mm:ss`) kept as written */
  | 'date'
  /** one code of a GB/T 39046 table */
  | 'code'
  /** several codes of a GB/T 39046 table (array, or `^`-joined string) */
  | 'codes'
  /** one key of a vendor label set (exchanged through a {@link CodeProfile}) */
  | 'label'
  /** references to material ids (situation → materials; exchanged as link rows) */
  | 'links';

/** One element of the model. */
export interface FieldDef {
  /** SDK camelCase name. */
  readonly key: string;
  /** National exchange name (column). */
  readonly exchange: string;
  /** Chinese label. */
  readonly zh: string;
  /** English label. */
  readonly en: string;
  readonly type: FieldType;
  /** The code table (`code`/`codes`) or label set (`label`). */
  readonly table?: Gbt39046TableName | LabelSetName;
  /** Required (NOT NULL in the exchange tables, or required by gbkit for linkage). */
  readonly required: boolean;
  /** Maximum length in characters (text) where the exchange table fixes one. */
  readonly max?: number;
  readonly origin: 'exchange' | 'gbt39046' | 'gbkit';
  readonly evidence: EvidenceLevel;
}

type Opt = Partial<Pick<FieldDef, 'table' | 'max' | 'origin' | 'evidence'>>;
const f = (
  key: string,
  exchange: string,
  zh: string,
  en: string,
  type: FieldType,
  required: boolean,
  o: Opt = {},
): FieldDef =>
  Object.freeze({
    key,
    exchange,
    zh,
    en,
    type,
    required,
    origin: o.origin ?? 'exchange',
    evidence: o.evidence ?? (o.origin === 'gbt39046' ? 'confirmed' : 'inferred'),
    ...(o.table ? { table: o.table } : {}),
    ...(o.max ? { max: o.max } : {}),
  });
const G = { origin: 'gbt39046' } as const;
const K = { origin: 'gbkit', evidence: 'inferred' } as const;

/** Elements of the base catalogue item (基本目录; `up_task_directory`). */
export const CATALOGUE_FIELDS: readonly FieldDef[] = Object.freeze([
  f('taskName', 'task_name', '事项名称', 'item name', 'text', true, { max: 1000 }),
  f('catalogCode', 'catalog_code', '基本编码', 'catalogue code', 'text', true, { max: 12 }),
  f('localCatalogCode', 'local_catalog_code', '地方基本编码', 'local catalogue code', 'text', false, {
    max: 50,
  }),
  f('taskType', 'task_type', '事项类型', 'item type', 'code', true, { table: 'taskType' }),
  f('byLaw', 'by_law', '设定依据', 'legal basis', 'text', true),
  f('useLevel', 'use_level', '行使层级', 'exercise level', 'codes', true, { table: 'useLevel' }),
  f('taskState', 'task_state', '事项状态', 'item state', 'text', true, { max: 2 }),
  f('taskVersion', 'task_version', '事项版本', 'item version', 'int', true),
  f('planEffectiveDate', 'plan_effective_date', '计划生效日期', 'planned effective date', 'date', false),
  f('planCancelDate', 'plan_cancel_date', '计划取消日期', 'planned cancel date', 'date', false),
]);

const catalogue = (key: string): FieldDef => CATALOGUE_FIELDS.find((x) => x.key === key) as FieldDef;

/**
 * Elements of the implementation-list item (实施清单 = what a 办事指南 publishes): the basic table
 * (`up_task_general_basic`), the extension table (`dn_task_general_extend`), GB/T 39046 Table 4 items
 * without a column, and gbkit gap fields.
 */
export const IMPLEMENTATION_FIELDS: readonly FieldDef[] = Object.freeze([
  ...CATALOGUE_FIELDS.filter(
    (x) => x.key !== 'taskState' && x.key !== 'taskVersion' && !x.key.startsWith('plan'),
  ),
  f('powerSource', 'power_source', '权力来源', 'source of power', 'label', false, {
    table: 'powerSource',
    max: 2,
  }),
  f('taskCode', 'task_code', '实施编码', 'implementation code', 'text', true, { max: 36 }),
  f('localTaskCode', 'local_task_code', '地方实施编码', 'local implementation code', 'text', false, {
    max: 50,
  }),
  f('taskHandleItem', 'task_handle_item', '业务办理项编码', 'handling-item code', 'text', false, { max: 50 }),
  f('handleItemName', 'x_handle_item_name', '业务办理项名称', 'handling-item name', 'text', false, K),
  catalogue('taskState'),
  catalogue('taskVersion'),
  f('deptName', 'dept_name', '实施主体', 'implementing body', 'text', true),
  f('deptType', 'dept_type', '实施主体性质', 'nature of the implementing body', 'code', true, {
    table: 'deptType',
  }),
  f('deptCode', 'dept_code', '实施主体编码', 'implementing body USCC', 'text', true, { max: 18 }),
  f('entrustName', 'entrust_name', '委托部门', 'entrusting department', 'text', false, { max: 100 }),
  f('anticipateDay', 'anticipate_day', '法定办结时限', 'statutory time limit', 'int', true),
  f('anticipateType', 'anticipate_type', '法定办结时限单位', 'statutory time-limit unit', 'label', true, {
    table: 'timeUnit',
  }),
  f(
    'anticipateExplain',
    'anticipate_explain',
    '法定办结时限说明',
    'statutory time-limit note',
    'text',
    false,
  ),
  f('promiseDay', 'promise_day', '承诺办结时限', 'committed time limit', 'int', true),
  f('promiseType', 'promise_type', '承诺办结时限单位', 'committed time-limit unit', 'label', true, {
    table: 'timeUnit',
  }),
  f('promiseExplain', 'promise_explain', '承诺办结时限说明', 'committed time-limit note', 'text', false),
  f('acceptCondition', 'accept_condition', '受理条件', 'acceptance conditions', 'text', true),
  f('handleFlow', 'handle_flow', '办理流程', 'process', 'text', true),
  f('isFee', 'is_fee', '是否收费', 'charged', 'bool', true),
  f('feeBasis', 'fee_basis', '收费依据', 'legal basis of the fee', 'text', false),
  f('serverType', 'server_type', '服务对象', 'audience', 'codes', true, { table: 'serverType', max: 32 }),
  f('projectType', 'project_type', '办件类型', 'case type', 'code', true, { table: 'projectType' }),
  f('handleType', 'handle_type', '办理形式', 'handling channels', 'codes', false, {
    table: 'handleType',
    max: 5,
  }),
  f('limitSceneNum', 'limit_scene_num', '到办事现场次数', 'in-person visits', 'int', true),
  f('limitSceneExplain', 'limit_scene_explain', '到现场原因说明', 'reason for visits', 'text', false),
  f('specialProcedure', 'special_procedure', '特别程序', 'special procedure', 'text', true),
  f('isSingleLogin', 'is_single_login', '计算机端是否对接单点登录', 'PC single sign-on', 'bool', true),
  f(
    'appIsSingleLogin',
    'app_is_single_login',
    '移动端是否对接单点登录',
    'mobile single sign-on',
    'bool',
    true,
  ),
  f('linkAddr', 'link_addr', '计算机端在线办理地址', 'online address (PC)', 'text', false),
  f('mobileTerminalUrl', 'mobile_terminal_url', '移动端办理地址', 'online address (mobile)', 'text', false),
  f('transactAddr', 'transact_addr', '办理地点', 'where to apply', 'text', true, { max: 500 }),
  f('transactTime', 'transact_time', '办理时间', 'opening hours', 'text', true, { max: 500 }),
  f('linkWay', 'link_way', '咨询方式', 'enquiries', 'text', true),
  f('superviseWay', 'supervise_way', '监督投诉方式', 'complaints', 'text', true),
  f('planEffectiveDate', 'plan_effective_date', '计划生效日期', 'planned effective date', 'date', false),
  f('planCancelDate', 'plan_cancel_date', '计划取消日期', 'planned cancel date', 'date', false),
  // dn_task_general_extend
  f('isEntryCenter', 'is_Entry_center', '是否进驻政务大厅', 'in the service hall', 'bool', true),
  f('handleArea', 'handle_area', '通办范围', 'cross-area scope', 'text', false),
  f('otherDept', 'other_dept', '联办机构', 'joint handling bodies', 'text', false),
  f('serviceType', 'service_type', '中介服务', 'intermediary services', 'text', false),
  f('limitExplain', 'limit_explain', '数量限制', 'quantity limit', 'text', false),
  f('resultType', 'result_type', '审批结果类型', 'result type', 'text', true),
  f('resultName', 'result_name', '审批结果名称', 'result name', 'text', false),
  f('resultGuid', 'result_guid', '审批结果样本', 'result sample', 'text', false),
  f('isSchedule', 'is_schedule', '是否支持预约办理', 'appointment', 'bool', false),
  f('isPayOnline', 'is_pay_online', '是否支持网上支付', 'online payment', 'bool', true),
  f('isExpress', 'is_express', '是否支持物流快递', 'courier delivery', 'bool', true),
  f(
    'isServiceTerminals',
    'is_service_terminals',
    '是否支持终端办理',
    'self-service terminals',
    'bool',
    false,
  ),
  f('userTopicType', 'user_topic_type', '面向自然人主题分类', 'topic (natural persons)', 'text', false),
  f('corpTopicType', 'corp_topic_type', '面向法人主题分类', 'topic (legal persons)', 'text', false),
  f('isOnline', 'is_online', '是否网办', 'online handling', 'bool', true),
  f('onlineHandleDepth', 'online_handle_depth', '网上办理深度', 'online depth', 'text', false),
  f('onlineHandleUrl', 'online_handle_url', '网办地址', 'online handling URL', 'text', false),
  // GB/T 39046 Table 4 items without an exchange column
  f('consultPhone', 'x_consult_phone', '咨询电话', 'enquiry phone', 'text', false, { ...G, max: 18 }),
  f('supervisePhone', 'x_supervise_phone', '监督电话', 'complaint phone', 'text', false, { ...G, max: 18 }),
  f('powerDivision', 'x_power_division', '权限划分', 'division of powers', 'text', false, G),
  f('exerciseContent', 'x_exercise_content', '行使内容', 'content exercised', 'text', false, G),
  f('jointDeptName', 'x_joint_dept_name', '共同实施部门', 'co-implementing department', 'text', false, G),
  f(
    'jointDeptCode',
    'x_joint_dept_code',
    '共同实施部门代码',
    'co-implementing department code',
    'text',
    false,
    G,
  ),
  f('undertakingOrgName', 'x_undertaking_org_name', '承办机构', 'undertaking body', 'text', false, G),
  f(
    'undertakingOrgCode',
    'x_undertaking_org_code',
    '承办机构代码',
    'undertaking body code',
    'text',
    false,
    G,
  ),
  f('jurisdiction', 'x_jurisdiction', '行政管辖', 'jurisdiction', 'text', false, G),
  f('jurisdictionCode', 'x_jurisdiction_code', '行政管辖代码', 'jurisdiction code', 'text', false, G),
  f('systemLevel', 'x_system_level', '运行系统层级', 'operating system level', 'text', false, G),
  // gbkit gap fields (international anchors, §1.8)
  f('authLevel', 'x_auth_level', '身份认证等级要求', 'required identity assurance level', 'text', false, K),
  f('tacitApproval', 'x_tacit_approval', '逾期未答复规则', 'rule on absence of reply', 'text', false, K),
  f('redress', 'x_redress', '救济途径', 'redress', 'text', false, K),
  f('languages', 'x_languages', '可用语言', 'languages', 'text', false, K),
  f('notice', 'x_notice', '特别提示', 'notice', 'text', false, K),
]);

/** Elements of a material (`up_task_general_material`) plus the GB/T 39046 items 56–64. */
export const MATERIAL_FIELDS: readonly FieldDef[] = Object.freeze([
  f('materialId', 'material_guid', '材料标识', 'material id', 'text', false),
  f('materialName', 'material_name', '材料名称', 'material name', 'text', true),
  f('materialType', 'material_type', '材料类型', 'material type', 'label', false, { table: 'materialType' }),
  f('materialFormat', 'material_format', '材料形式', 'material format', 'label', false, {
    table: 'materialFormat',
  }),
  f('isNeed', 'is_need', '材料必要性', 'necessity', 'label', true, { table: 'necessity' }),
  f('formGuid', 'form_guid', '空白表格', 'blank form', 'text', false),
  f('exampleGuid', 'example_guid', '示例样表', 'filled example', 'text', false),
  f('sourceType', 'source_type', '来源渠道', 'source', 'label', false, { table: 'sourceChannel' }),
  f('sourceExplain', 'source_explain', '来源渠道说明', 'source note', 'text', false),
  f('pageNum', 'page_num', '纸质材料份数', 'paper copies', 'int', false),
  f('pageFormat', 'page_format', '纸质材料规格', 'paper format', 'text', false),
  f('fillExplain', 'fill_explain', '填报须知', 'how to fill in', 'text', false),
  f('acceptStand', 'accept_stand', '受理标准', 'acceptance standard', 'text', false),
  f('byLaw', 'by_law', '要求提供材料的依据', 'legal basis for the material', 'text', false),
  f('remark', 'remark', '备注', 'remark', 'text', false),
  f('orderNum', 'order_num', '排序', 'order', 'int', true),
  f('issuingOrg', 'x_issuing_org', '出具机构', 'issuing body', 'text', false, G),
  f(
    'issueTimeRequirement',
    'x_issue_time_requirement',
    '出具时间要求',
    'issue-time requirement',
    'text',
    false,
    G,
  ),
  f('handlingExplain', 'x_handling_explain', '材料办理说明', 'how to obtain', 'text', false, G),
  f('handlingPlace', 'x_handling_place', '材料办理地点', 'where to obtain', 'text', false, G),
  f('usageExplain', 'x_usage_explain', '材料使用说明', 'usage note', 'text', false, G),
  f('originalNum', 'x_original_num', '原件份数', 'originals', 'int', false, G),
  f('copyNum', 'x_copy_num', '复印件份数', 'copies', 'int', false, G),
  f('isRequired', 'x_is_required', '是否必备材料', 'mandatory material', 'bool', false, G),
]);

/** Elements of a situation (办理情形; `dn_audit_item_condition` and the `dn_audit_material_condition` links). */
export const SITUATION_FIELDS: readonly FieldDef[] = Object.freeze([
  f('conditionId', 'condition_guid', '情形标识', 'situation id', 'text', true),
  f('conditionName', 'condition_name', '情形名称', 'situation name', 'text', true, { max: 50 }),
  f('conditionDesc', 'condition_desc', '情形描述', 'situation description', 'text', false),
  f('orderNum', 'order_num', '排序', 'order', 'int', true),
  f('areaCode', 'area_code', '区划', 'division code', 'text', false),
  f('materialIds', 'material_guid', '情形所需材料', 'materials of the situation', 'links', true),
]);

/** Elements of a fee item (`up_task_general_fee_project`). */
export const FEE_FIELDS: readonly FieldDef[] = Object.freeze([
  f('feeName', 'fee_name', '收费项目名称', 'fee name', 'text', true),
  f('feeStand', 'fee_stand', '收费标准', 'fee standard', 'text', true),
  f('byLaw', 'by_law', '收费依据', 'legal basis of the fee', 'text', false),
  f('isDesc', 'is_desc', '是否允许减免', 'reduction allowed', 'bool', false),
  f('descExplain', 'desc_explain', '允许减免依据', 'basis of reductions', 'text', false),
  f('remark', 'remark', '备注', 'remark', 'text', false),
  f('orderNum', 'order_num', '排序', 'order', 'int', true),
]);

/** Elements of an FAQ entry (`up_task_general_questions`). */
export const FAQ_FIELDS: readonly FieldDef[] = Object.freeze([
  f('question', 'question', '问题', 'question', 'text', true),
  f('answer', 'answer', '解答', 'answer', 'text', true),
  f('orderNum', 'order_num', '排序', 'order', 'int', true),
]);

/**
 * Elements of a structured process step — a gbkit gap record mirroring the 特殊环节 columns of published
 * guides (环节名称, 所需时限, 法定依据, 是否收费, 收费依据, 是否计算在法定办结时限内) plus the actor.
 */
export const STEP_FIELDS: readonly FieldDef[] = Object.freeze([
  f('stepName', 'x_step_name', '环节名称', 'step name', 'text', true, K),
  f('actor', 'x_actor', '办理主体', 'actor', 'text', true, K),
  f('description', 'x_description', '环节说明', 'description', 'text', false, K),
  f('timeLimit', 'x_time_limit', '所需时限', 'time limit', 'int', false, K),
  f('timeUnit', 'x_time_unit', '时限单位', 'time-limit unit', 'label', false, { ...K, table: 'timeUnit' }),
  f('isSpecial', 'x_is_special', '是否特殊环节', 'special step', 'bool', false, K),
  f(
    'countsTowardLimit',
    'x_counts_toward_limit',
    '是否计算在法定办结时限内',
    'counts toward the statutory limit',
    'bool',
    true,
    K,
  ),
  f('byLaw', 'x_by_law', '法定依据', 'legal basis', 'text', false, K),
  f('isFee', 'x_is_fee', '是否收费', 'charged', 'bool', false, K),
  f('feeBasis', 'x_fee_basis', '收费依据', 'legal basis of the fee', 'text', false, K),
  f('orderNum', 'x_order_num', '排序', 'order', 'int', true, K),
]);

/** All record kinds and their field tables. */
export const FIELD_TABLES = Object.freeze({
  catalogue: CATALOGUE_FIELDS,
  implementation: IMPLEMENTATION_FIELDS,
  materials: MATERIAL_FIELDS,
  situations: SITUATION_FIELDS,
  fees: FEE_FIELDS,
  faq: FAQ_FIELDS,
  steps: STEP_FIELDS,
});

/** The field with a given SDK name. */
export function fieldByKey(table: readonly FieldDef[], key: string): FieldDef | undefined {
  return table.find((x) => x.key === key);
}

/** The field with a given exchange name. */
export function fieldByExchange(table: readonly FieldDef[], exchange: string): FieldDef | undefined {
  return table.find((x) => x.exchange === exchange);
}
