/**
 * Conversion between the SDK model and the national exchange rows, driven by the field table
 * (`fields.ts`) and a {@link CodeProfile} for the vendor label sets.
 *
 * An exchange bundle holds one row per table, as the national platform exchanges them:
 *
 * | Bundle member | Exchange table | SDK |
 * |---|---|---|
 * | `task` | `up_task_general_basic` (+ `dn_task_general_extend` columns) | the item's own elements |
 * | `materials[]` | `up_task_general_material` | `materials` |
 * | `conditions[]` | `dn_audit_item_condition` | `situations` |
 * | `conditionMaterials[]` | `dn_audit_material_condition` (`condition_guid`, `material_guid`) | `situations[].materialIds` |
 * | `fees[]` | `up_task_general_fee_project` | `fees` |
 * | `questions[]` | `up_task_general_questions` | `faq` |
 * | `steps[]` | gbkit `x_` rows (no national table) | `steps` |
 *
 * Sub-rows carry `task_code` (and `task_handle_item` for a handling item) as their key. Unknown columns
 * and `null` values are kept in `extensions` under their exchange name and written back unchanged, so
 * `toExchange(fromExchange(b))` equals `b` for rows in canonical form (text as strings, integers as
 * numbers, booleans as `"1"`/`"0"`, multi-valued codes `^`-joined, labels as the profile's codes, link
 * rows grouped by situation). Non-canonical scalars (`"20"` for an integer, `是` for a boolean, a label
 * instead of a code) are accepted and normalised. An empty `extensions` bag carries nothing and is not
 * recreated on import.
 *
 * @example
 * ```ts
 * import { fromExchange, toExchange, nationalProfile } from '@gbkit/guide-schema';
 * const bundle = { task: { task_name: '特种设备使用登记', promise_type: '1', my_local_col: 'kept' } };
 * const item = fromExchange(bundle, { profile: nationalProfile });
 * item.promiseType;            // 'workday'
 * item.extensions?.my_local_col; // 'kept'
 * toExchange(item).task.my_local_col; // 'kept'
 * ```
 * @module
 */
import { FormatError } from '@gbkit/core';
import { type LabelSetName, splitMulti } from './code-tables.js';
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
import type { CatalogueItem, ImplementationItem, ImplementationItemInput } from './model.js';
import { type CodeProfile, nationalProfile, profileCode, profileKey } from './profiles.js';

/** One exchange row: exchange column names to values. */
export type ExchangeRow = Record<string, unknown>;

/** A guide as national exchange rows (see the module table). */
export interface ExchangeBundle {
  task: ExchangeRow;
  materials?: ExchangeRow[];
  conditions?: ExchangeRow[];
  conditionMaterials?: ExchangeRow[];
  fees?: ExchangeRow[];
  questions?: ExchangeRow[];
  steps?: ExchangeRow[];
}

/** Options of the conversions. */
export interface ExchangeOptions {
  /** Numeric mapping of the vendor label sets (default {@link nationalProfile}). */
  readonly profile?: CodeProfile;
}

type Rec = Record<string, unknown>;

function badValue(path: string, def: FieldDef, value: unknown, why: string, whyEn: string): never {
  throw new FormatError(
    'ERR_GUIDE_EXCHANGE_VALUE',
    {
      zh: `交换字段 ${def.exchange}（${def.zh}）的值 ${JSON.stringify(value)} ${why}`,
      en: `exchange field ${def.exchange} (${def.en}): value ${JSON.stringify(value)} ${whyEn}`,
    },
    { location: { part: path, field: def.exchange } },
  );
}

const TRUE = new Set<unknown>(['1', 1, true, '是', 'Y', 'y', 'true']);
const FALSE = new Set<unknown>(['0', 0, false, '否', 'N', 'n', 'false']);

function importValue(def: FieldDef, v: unknown, profile: CodeProfile, path: string): unknown {
  switch (def.type) {
    case 'text':
    case 'date':
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      return badValue(path, def, v, '不是文本', 'is not text');
    case 'code':
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return String(v).padStart(def.table === 'taskType' ? 2 : 1, '0');
      return badValue(path, def, v, '不是代码', 'is not a code');
    case 'codes':
      if (typeof v === 'string') return splitMulti(v);
      if (typeof v === 'number') return [String(v)];
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return [...v];
      return badValue(path, def, v, '不是代码或以“^”连接的代码串', 'is not a code list');
    case 'int': {
      const n =
        typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
      if (Number.isInteger(n) && n >= 0) return n;
      return badValue(path, def, v, '不是非负整数', 'is not a non-negative integer');
    }
    case 'bool':
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      return badValue(path, def, v, '不是 1/0（是/否）', 'is not 1/0');
    case 'label': {
      if (typeof v !== 'string' && typeof v !== 'number')
        return badValue(path, def, v, '不是代码', 'is not a code');
      const key = profileKey(profile, def.table as LabelSetName, v);
      if (key === undefined)
        return badValue(
          path,
          def,
          v,
          `不在代码映射方案 ${profile.id} 中，也不是已知标签`,
          `is neither a code of profile ${profile.id} nor a known label`,
        );
      return key;
    }
    default:
      return v;
  }
}

function exportValue(def: FieldDef, v: unknown, profile: CodeProfile): unknown {
  switch (def.type) {
    case 'bool':
      return v ? '1' : '0';
    case 'codes':
      return Array.isArray(v) ? v.join('^') : v;
    case 'label': {
      const code = profileCode(profile, def.table as LabelSetName, String(v));
      if (code === undefined) {
        throw new FormatError(
          'ERR_GUIDE_EXCHANGE_VALUE',
          {
            zh: `${def.zh}（${def.key}）的值“${String(v)}”在代码映射方案 ${profile.id} 中没有代码`,
            en: `${def.key}: “${String(v)}” has no code in profile ${profile.id}`,
          },
          { location: { field: def.key } },
        );
      }
      return code;
    }
    default:
      return v;
  }
}

/** Converts one SDK record to an exchange row (extensions written last, so they win). */
export function recordToRow(
  record: Record<string, unknown>,
  fields: readonly FieldDef[],
  profile: CodeProfile = nationalProfile,
  extra: ExchangeRow = {},
): ExchangeRow {
  const row: ExchangeRow = {};
  for (const k in extra) row[k] = extra[k];
  for (const def of fields) {
    if (def.type === 'links') continue;
    const v = record[def.key];
    if (v === undefined) continue;
    row[def.exchange] = exportValue(def, v, profile);
  }
  const ext = record.extensions;
  if (ext && typeof ext === 'object') Object.assign(row, ext);
  return row;
}

const byExchange = new WeakMap<readonly FieldDef[], Map<string, FieldDef>>();
function exchangeIndex(fields: readonly FieldDef[]): Map<string, FieldDef> {
  let m = byExchange.get(fields);
  if (!m) {
    m = new Map(fields.filter((d) => d.type !== 'links').map((d) => [d.exchange, d]));
    byExchange.set(fields, m);
  }
  return m;
}

/** Converts one exchange row to an SDK record; unknown columns and nulls go to `extensions`. */
export function rowToRecord(
  row: ExchangeRow,
  fields: readonly FieldDef[],
  profile: CodeProfile = nationalProfile,
  path = 'task',
  drop: ExchangeRow = {},
): Record<string, unknown> {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    throw new FormatError(
      'ERR_GUIDE_EXCHANGE_ROW',
      { zh: `交换数据 ${path} 须为 JSON 对象`, en: `exchange row ${path} must be a JSON object` },
      { location: { part: path } },
    );
  }
  const rec: Rec = {};
  const ext: Rec = {};
  const index = exchangeIndex(fields);
  for (const [name, v] of Object.entries(row)) {
    if (name in drop && drop[name] === v) continue;
    const def = index.get(name);
    if (!def || v === null || v === undefined) {
      ext[name] = v;
      continue;
    }
    rec[def.key] = importValue(def, v, profile, path);
  }
  if (Object.keys(ext).length > 0) rec.extensions = ext;
  return rec;
}

function keyColumns(item: Rec): ExchangeRow {
  const k: ExchangeRow = {};
  if (item.taskCode !== undefined) k.task_code = item.taskCode;
  if (item.taskHandleItem !== undefined) k.task_handle_item = item.taskHandleItem;
  return k;
}

/**
 * Exports a guide (implementation or handling item) to national exchange rows.
 * @throws FormatError `ERR_GUIDE_EXCHANGE_VALUE` when a label has no code in the profile.
 */
export function toExchange(
  item: ImplementationItem | ImplementationItemInput,
  options: ExchangeOptions = {},
): ExchangeBundle {
  const profile = options.profile ?? nationalProfile;
  const g = item as unknown as Rec;
  const keys = keyColumns(g);
  const bundle: ExchangeBundle = { task: recordToRow(g, IMPLEMENTATION_FIELDS, profile) };
  const sub = (list: unknown, fields: readonly FieldDef[]): ExchangeRow[] =>
    (list as Rec[]).map((r) => recordToRow(r, fields, profile, keys));
  if (g.materials !== undefined) bundle.materials = sub(g.materials, MATERIAL_FIELDS);
  if (g.situations !== undefined) {
    const situations = g.situations as Rec[];
    bundle.conditions = sub(situations, SITUATION_FIELDS);
    bundle.conditionMaterials = situations.flatMap((s) =>
      ((s.materialIds as string[] | undefined) ?? []).map((m) => ({
        condition_guid: s.conditionId,
        material_guid: m,
      })),
    );
  }
  if (g.fees !== undefined) bundle.fees = sub(g.fees, FEE_FIELDS);
  if (g.faq !== undefined) bundle.questions = sub(g.faq, FAQ_FIELDS);
  if (g.steps !== undefined) bundle.steps = sub(g.steps, STEP_FIELDS);
  return bundle;
}

/**
 * Imports a guide from national exchange rows. The result is an SDK record; run `validateGuide` on it
 * to check it (import converts, it does not judge).
 * @throws FormatError `ERR_GUIDE_EXCHANGE_ROW` (a row is not an object), `ERR_GUIDE_EXCHANGE_VALUE` (a
 * value cannot be converted; the message names the exchange field and the row).
 */
export function fromExchange(bundle: ExchangeBundle, options: ExchangeOptions = {}): ImplementationItem {
  const profile = options.profile ?? nationalProfile;
  if (
    typeof bundle !== 'object' ||
    bundle === null ||
    typeof bundle.task !== 'object' ||
    bundle.task === null
  ) {
    throw new FormatError(
      'ERR_GUIDE_EXCHANGE_ROW',
      {
        zh: '交换数据须含 task 行（up_task_general_basic）',
        en: 'an exchange bundle needs a task row (up_task_general_basic)',
      },
      { location: { part: 'task' } },
    );
  }
  const item = rowToRecord(bundle.task, IMPLEMENTATION_FIELDS, profile, 'task');
  const keys = keyColumns(item);
  const sub = (
    rows: ExchangeRow[] | undefined,
    fields: readonly FieldDef[],
    name: string,
  ): Rec[] | undefined => {
    if (rows === undefined) return undefined;
    if (!Array.isArray(rows))
      throw new FormatError(
        'ERR_GUIDE_EXCHANGE_ROW',
        { zh: `交换数据 ${name} 须为数组`, en: `${name} must be an array` },
        { location: { part: name } },
      );
    return rows.map((r, i) => rowToRecord(r, fields, profile, `${name}[${i}]`, keys));
  };
  const materials = sub(bundle.materials, MATERIAL_FIELDS, 'materials');
  if (materials) item.materials = materials;
  const conditions = sub(bundle.conditions, SITUATION_FIELDS, 'conditions');
  if (conditions) {
    const links = new Map<unknown, string[]>();
    for (const [i, l] of (bundle.conditionMaterials ?? []).entries()) {
      if (typeof l !== 'object' || l === null || typeof l.material_guid !== 'string') {
        throw new FormatError(
          'ERR_GUIDE_EXCHANGE_ROW',
          {
            zh: `情形材料关联第 ${i + 1} 行缺少 material_guid`,
            en: `conditionMaterials[${i}] lacks material_guid`,
          },
          { location: { part: `conditionMaterials[${i}]`, field: 'material_guid' } },
        );
      }
      const list = links.get(l.condition_guid) ?? [];
      list.push(l.material_guid);
      links.set(l.condition_guid, list);
    }
    for (const c of conditions) c.materialIds = links.get(c.conditionId) ?? [];
    item.situations = conditions;
  }
  const fees = sub(bundle.fees, FEE_FIELDS, 'fees');
  if (fees) item.fees = fees;
  const faq = sub(bundle.questions, FAQ_FIELDS, 'questions');
  if (faq) item.faq = faq;
  const steps = sub(bundle.steps, STEP_FIELDS, 'steps');
  if (steps) item.steps = steps;
  return item as unknown as ImplementationItem;
}

/** Exports a catalogue item (基本目录) to an `up_task_directory` row. */
export function catalogueToExchange(item: CatalogueItem, options: ExchangeOptions = {}): ExchangeRow {
  return recordToRow(item as unknown as Rec, CATALOGUE_FIELDS, options.profile ?? nationalProfile);
}

/** Imports a catalogue item (基本目录) from an `up_task_directory` row. */
export function catalogueFromExchange(row: ExchangeRow, options: ExchangeOptions = {}): CatalogueItem {
  return rowToRecord(
    row,
    CATALOGUE_FIELDS,
    options.profile ?? nationalProfile,
    'directory',
  ) as unknown as CatalogueItem;
}

/** True when a JSON value looks like an exchange bundle (`{ task: { task_code | task_name … } }`). */
export function isExchangeBundle(value: unknown): value is ExchangeBundle {
  if (typeof value !== 'object' || value === null) return false;
  const t = (value as { task?: unknown }).task;
  return typeof t === 'object' && t !== null && ('task_code' in t || 'task_name' in t);
}
