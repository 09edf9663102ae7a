/**
 * Serialisers of the metadata record, each lossless in a round trip for canonical records:
 *
 * - **pinyin name/value pairs** (ZZMC, ZZBS, CZZTDM …, surface fields as `KZ_<KEY>`), the form gtmap's
 *   不动产 generator writes (research §3.1) and the one used for OFD `DocInfo/CustomDatas` (GB/T 33190
 *   table 4; GB/T 36905's embedding is inferred, research §5.2);
 * - **pinyin-tag XML**: `<XMI><ofd:CustomDatas><ofd:CustomData Name="ZZBS">…`; the reader also accepts
 *   gtmap's misspelled `CuslomDatas/CuslomData` with a lower-case `name` attribute, reporting it;
 * - **national-platform JSON** with camelCase `certificate*` names (research §3.1, §6.1).
 *
 * Several holders are written as repeated CZZT/CZZTDM/CZZTDMLX/CZZTDMLXDM groups in pairs and XML, and
 * as comma-separated values in JSON (the Guangdong convention; a value containing a comma cannot be
 * written there and throws).
 * @module
 */
import { FormatError, InvalidArgumentError, type LocalizedText } from '@gbkit/core';
import {
  attr,
  type CustomData,
  childElements,
  escapeXml,
  parseXml,
  textOf,
  type XmlElement,
} from '@gbkit/ofd';
import { compactDateTime, type DateFormat, formatDate, LONG_TERM } from './dates.js';
import { type LicenseMetadata, normalizeMetadata, SURFACE_KEY_RE } from './metadata.js';

/** Pinyin tags of the single-valued core elements (research §3.1; status, area and predecessor tags inferred). */
export const PINYIN_TAGS = Object.freeze({
  name: 'ZZMC',
  typeCode: 'ZZLXDM',
  number: 'ZZBH',
  identifier: 'ZZBS',
  issuerName: 'ZZBFJG',
  issuerCode: 'ZZBFJGDM',
  issueDate: 'ZZBFRQ',
  effectiveDate: 'ZZYXQQSRQ',
  expiryDate: 'ZZYXQJZRQ',
  areaCode: 'ZZSSGXSDBM',
  status: 'ZZZTDM',
  predecessor: 'GLZZBS',
} as const);

/** Pinyin tags of the holder elements. */
export const HOLDER_TAGS = Object.freeze({
  name: 'CZZT',
  code: 'CZZTDM',
  typeName: 'CZZTDMLX',
  typeCode: 'CZZTDMLXDM',
} as const);
/** Pinyin tags of the copy elements. */
export const COPY_TAGS = Object.freeze({
  creationTime: 'JZJZZSJ',
  creator: 'JZJZZZ',
  cause: 'JZJZZSY',
  expiringTime: 'JZJYXQJZSJ',
} as const);
/** Prefix of surface (照面) extension tags. */
export const SURFACE_PREFIX = 'KZ_';

/** Options of the writers. */
export interface WriteOptions {
  /** How dates are written (default `YYYY-MM-DD`); copy times are always `YYYY-MM-DD HH:mm:ss` in pairs/XML and `YYYYMMDDhhmmss` in JSON. */
  readonly dateFormat?: DateFormat;
}

/** A tolerated deviation found by a reader. */
export interface ReadWarning {
  readonly code: string;
  readonly message: LocalizedText;
}

/** What a reader returns. */
export interface ReadResult {
  readonly metadata: LicenseMetadata;
  readonly warnings: readonly ReadWarning[];
}

type SingleKey = keyof typeof PINYIN_TAGS;
const DATE_KEYS = new Set<SingleKey>(['issueDate', 'effectiveDate', 'expiryDate']);

function dateOut(v: string, key: SingleKey, o: WriteOptions): string {
  if (!DATE_KEYS.has(key) || v === LONG_TERM) return v;
  return formatDate(v, o.dateFormat ?? 'YYYY-MM-DD');
}

/**
 * The metadata as pinyin name/value pairs (also the OFD `CustomDatas` content).
 *
 * @example
 * ```ts
 * import { metadataToPairs } from '@gbkit/e-license';
 * // metadataToPairs(m).find((p) => p.name === 'ZZBS')?.value === m.identifier
 * ```
 */
export function metadataToPairs(m: LicenseMetadata, o: WriteOptions = {}): CustomData[] {
  const out: CustomData[] = [];
  const single = (k: SingleKey) => {
    const v = m[k];
    if (v !== undefined) out.push({ name: PINYIN_TAGS[k], value: dateOut(v, k, o) });
  };
  for (const k of [
    'name',
    'typeCode',
    'number',
    'identifier',
    'issuerName',
    'issuerCode',
    'issueDate',
  ] as const)
    single(k);
  for (const h of m.holders) {
    out.push({ name: HOLDER_TAGS.name, value: h.name }, { name: HOLDER_TAGS.code, value: h.code });
    out.push(
      { name: HOLDER_TAGS.typeName, value: h.typeName },
      { name: HOLDER_TAGS.typeCode, value: h.typeCode },
    );
  }
  for (const k of ['effectiveDate', 'expiryDate', 'areaCode', 'status', 'predecessor'] as const) single(k);
  if (m.copy)
    for (const k of Object.keys(COPY_TAGS) as (keyof typeof COPY_TAGS)[])
      out.push({ name: COPY_TAGS[k], value: m.copy[k] });
  if (m.surface)
    for (const [k, v] of Object.entries(m.surface)) out.push({ name: SURFACE_PREFIX + k, value: v });
  return out;
}

const TAG_TO_KEY = new Map<string, SingleKey>(
  Object.entries(PINYIN_TAGS).map(([k, v]) => [v, k as SingleKey]),
);
const COPY_TAG_TO_KEY = new Map<string, string>(Object.entries(COPY_TAGS).map(([k, v]) => [v, k]));

/**
 * Reads pinyin name/value pairs back into a normalised record. Unknown names are reported as warnings
 * (`WARN_LIC_PAIRS_UNKNOWN`) and ignored; a repeated single-valued name throws `FormatError`.
 */
export function metadataFromPairs(pairs: readonly CustomData[]): ReadResult {
  const warnings: ReadWarning[] = [];
  const o: Record<string, unknown> = {};
  const holders: Record<string, string>[] = [];
  const holderIndex: Record<string, number> = {};
  let copy: Record<string, string> | undefined;
  let surface: Record<string, string> | undefined;
  for (const { name, value } of pairs) {
    const key = TAG_TO_KEY.get(name);
    if (key) {
      if (o[key] !== undefined) {
        throw new FormatError(
          'ERR_LIC_METADATA_DUPLICATE',
          { zh: `元数据项 ${name} 重复`, en: `metadata element ${name} repeats` },
          { location: { field: name } },
        );
      }
      o[key] = value;
      continue;
    }
    const hk = (Object.entries(HOLDER_TAGS).find(([, t]) => t === name) ?? [])[0];
    if (hk) {
      const i = holderIndex[hk] ?? 0;
      holderIndex[hk] = i + 1;
      holders[i] ??= {};
      (holders[i] as Record<string, string>)[hk] = value;
      continue;
    }
    const ck = COPY_TAG_TO_KEY.get(name);
    if (ck) {
      copy ??= {};
      copy[ck] = value;
      continue;
    }
    if (name.startsWith(SURFACE_PREFIX) && SURFACE_KEY_RE.test(name.slice(SURFACE_PREFIX.length))) {
      surface ??= {};
      surface[name.slice(SURFACE_PREFIX.length)] = value;
      continue;
    }
    warnings.push({
      code: 'WARN_LIC_PAIRS_UNKNOWN',
      message: { zh: `未知的元数据项 ${name}，已忽略`, en: `unknown metadata element ${name} ignored` },
    });
  }
  o.holders = holders;
  if (copy) o.copy = copy;
  if (surface) o.surface = surface;
  return { metadata: normalizeMetadata(o), warnings };
}

/** Options of {@link metadataToXml}. */
export interface XmlWriteOptions extends WriteOptions {
  /** `createtime` attribute of `XMI` (omitted by default so output is deterministic). */
  readonly createTime?: string;
}

/**
 * Writes the pinyin-tag XML: `<XMI xmlns:ofd=… xmi.version="1.0"><ofd:CustomDatas><ofd:CustomData Name="ZZMC">…`.
 *
 * @example
 * ```ts
 * import { metadataToXml, metadataFromXml } from '@gbkit/e-license';
 * // metadataFromXml(metadataToXml(m)).metadata deep-equals m
 * ```
 */
export function metadataToXml(m: LicenseMetadata, o: XmlWriteOptions = {}): string {
  let x = '<?xml version="1.0" encoding="UTF-8"?>\n';
  x += `<XMI xmlns:ofd="http://www.ofdspec.org/2016" xmi.version="1.0"${o.createTime ? ` createtime="${escapeXml(o.createTime)}"` : ''}><ofd:CustomDatas>`;
  for (const p of metadataToPairs(m, o))
    x += `<ofd:CustomData Name="${escapeXml(p.name)}">${escapeXml(p.value)}</ofd:CustomData>`;
  return `${x}</ofd:CustomDatas></XMI>\n`;
}

/**
 * Reads the pinyin-tag XML, including gtmap's misspelled `CuslomDatas`/`CuslomData` with a `name`
 * attribute (reported as `WARN_LIC_XML_CUSLOM` / `WARN_LIC_XML_NAME_ATTR`). Throws `FormatError`.
 */
export function metadataFromXml(xml: string | Uint8Array): ReadResult {
  const root = parseXml(xml, 'metadata.xml');
  const warnings: ReadWarning[] = [];
  const containers: XmlElement[] = [];
  const walk = (el: XmlElement) => {
    if (el.name === 'CustomDatas' || el.name === 'CuslomDatas') containers.push(el);
    else for (const c of childElements(el)) walk(c);
  };
  walk(root);
  if (containers.length === 0) {
    throw new FormatError(
      'ERR_LIC_XML_NO_CUSTOMDATAS',
      { zh: 'XML 中没有 CustomDatas 元素', en: 'the XML has no CustomDatas element' },
      { location: { part: 'metadata.xml' } },
    );
  }
  const pairs: CustomData[] = [];
  let misspelled = false;
  let lowerName = false;
  for (const c of containers) {
    if (c.name === 'CuslomDatas') misspelled = true;
    for (const d of childElements(c)) {
      if (d.name !== 'CustomData' && d.name !== 'CuslomData') continue;
      if (d.name === 'CuslomData') misspelled = true;
      let name = d.attrs.Name;
      if (name === undefined) {
        name = attr(d, 'name');
        if (name !== undefined) lowerName = true;
      }
      if (name === undefined)
        throw new FormatError(
          'ERR_LIC_XML_NO_NAME',
          { zh: 'CustomData 没有 Name 属性', en: 'a CustomData has no Name attribute' },
          { location: { part: 'metadata.xml' } },
        );
      pairs.push({ name, value: textOf(d) });
    }
  }
  if (misspelled)
    warnings.push({
      code: 'WARN_LIC_XML_CUSLOM',
      message: {
        zh: '读取了拼写错误的 CuslomData 元素（gtmap 变体）',
        en: 'read the misspelled CuslomData element (gtmap variant)',
      },
    });
  if (lowerName)
    warnings.push({
      code: 'WARN_LIC_XML_NAME_ATTR',
      message: {
        zh: '读取了小写的 name 属性（标准为 Name）',
        en: 'read a lower-case name attribute (the standard one is Name)',
      },
    });
  const r = metadataFromPairs(pairs);
  return { metadata: r.metadata, warnings: [...warnings, ...r.warnings] };
}

/** camelCase JSON names of the national platform (research §3.1; status/predecessor/extension names inferred). */
export const JSON_NAMES = Object.freeze({
  name: 'certificateName',
  typeCode: 'certificateTypeCode',
  number: 'certificateNumber',
  identifier: 'certificateIdentifier',
  issuerName: 'certificateIssuingAuthorityName',
  issuerCode: 'certificateIssuingAuthorityCode',
  issueDate: 'certificateIssuedDate',
  effectiveDate: 'certificateEffectiveDate',
  expiryDate: 'certificateExpiringDate',
  areaCode: 'certificateAreaCode',
  status: 'certificateStatus',
  predecessor: 'associatedCertificateIdentifier',
} as const);

const JSON_HOLDER = {
  name: 'certificateHolderName',
  code: 'certificateHolderCode',
  typeName: 'certificateHolderTypeName',
  typeCode: 'certificateHolderTypeCode',
} as const;
const JSON_COPY = {
  creationTime: 'certificateCopyCreationTime',
  creator: 'certificateCopyCreator',
  cause: 'certificateCopyCause',
  expiringTime: 'certificateCopyExpiringTime',
} as const;
/** Name of the object holding the surface fields in JSON [inferred]. */
export const JSON_SURFACE = 'extendInfo';

/** The national-platform JSON object of a record. */
export function metadataToJson(m: LicenseMetadata, o: WriteOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, n] of Object.entries(JSON_NAMES) as [SingleKey, string][]) {
    const v = m[k];
    if (v !== undefined) out[n] = dateOut(v, k, o);
  }
  for (const [k, n] of Object.entries(JSON_HOLDER) as [keyof typeof JSON_HOLDER, string][]) {
    const vals = m.holders.map((h) => h[k]);
    for (const v of vals) {
      if (vals.length > 1 && v.includes(',')) {
        throw new InvalidArgumentError(
          'ERR_LIC_JSON_HOLDER_COMMA',
          {
            zh: `多个持证主体时 ${n} 的值不能含逗号：${v}`,
            en: `with several holders, ${n} values cannot contain a comma: ${v}`,
          },
          { location: { field: n } },
        );
      }
    }
    out[n] = vals.join(',');
  }
  if (m.copy)
    for (const [k, n] of Object.entries(JSON_COPY) as [keyof typeof JSON_COPY, string][])
      out[n] = k === 'creator' || k === 'cause' ? m.copy[k] : compactDateTime(m.copy[k]);
  if (m.surface) out[JSON_SURFACE] = { ...m.surface };
  return out;
}

/** Reads the national-platform JSON (object or text) into a normalised record. Throws `FormatError`. */
export function metadataFromJson(json: string | Record<string, unknown>): ReadResult {
  let obj: Record<string, unknown>;
  try {
    obj = typeof json === 'string' ? (JSON.parse(json) as Record<string, unknown>) : json;
  } catch (e) {
    throw new FormatError(
      'ERR_LIC_JSON',
      { zh: `JSON 无法解析：${(e as Error).message}`, en: `JSON cannot be parsed: ${(e as Error).message}` },
      { cause: e },
    );
  }
  if (!obj || typeof obj !== 'object')
    throw new FormatError('ERR_LIC_JSON', { zh: 'JSON 应为对象', en: 'the JSON must be an object' });
  const warnings: ReadWarning[] = [];
  const o: Record<string, unknown> = {};
  const known = new Set<string>([
    ...Object.values(JSON_NAMES),
    ...Object.values(JSON_HOLDER),
    ...Object.values(JSON_COPY),
    JSON_SURFACE,
  ]);
  for (const [k, n] of Object.entries(JSON_NAMES))
    if (obj[n] !== undefined && obj[n] !== null && obj[n] !== '') o[k] = String(obj[n]);
  const cols = Object.fromEntries(
    Object.entries(JSON_HOLDER).map(([k, n]) => [
      k,
      typeof obj[n] === 'string' ? (obj[n] as string).split(',') : [],
    ]),
  );
  const count = Math.max(...Object.values(cols).map((c) => c.length));
  const holders: Record<string, string>[] = [];
  for (let i = 0; i < count; i++) {
    const h: Record<string, string> = {};
    for (const k of Object.keys(JSON_HOLDER)) {
      const v = cols[k]?.[i];
      if (v !== undefined && v !== '') h[k] = v;
    }
    holders.push(h);
  }
  o.holders = holders;
  if (Object.values(JSON_COPY).some((n) => obj[n] !== undefined)) {
    o.copy = Object.fromEntries(
      Object.entries(JSON_COPY)
        .filter(([, n]) => obj[n] !== undefined)
        .map(([k, n]) => [k, String(obj[n])]),
    );
  }
  const s = obj[JSON_SURFACE];
  if (s && typeof s === 'object')
    o.surface = Object.fromEntries(
      Object.entries(s as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    );
  for (const k of Object.keys(obj))
    if (!known.has(k))
      warnings.push({
        code: 'WARN_LIC_JSON_UNKNOWN',
        message: { zh: `未知的字段 ${k}，已忽略`, en: `unknown field ${k} ignored` },
      });
  return { metadata: normalizeMetadata(o), warnings };
}
