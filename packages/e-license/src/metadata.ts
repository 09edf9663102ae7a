/**
 * E-licence metadata (电子证照元数据, GB/T 36903-2018 core elements as assembled in research §3.1) as zod
 * schemas with inferred TypeScript types, a JSON Schema export (draft-07) validated by ajv (compiled once),
 * and normalisation of the date forms seen in practice.
 *
 * The element names are confirmed by three independent implementations; mandatory/optional flags,
 * lengths and the status, area-code and predecessor elements are not from the standard text (inferred,
 * see README). Type-specific surface fields (照面) are extensions (`surface`, pinyin tag prefix `KZ_`).
 * @module
 */
import { FormatError } from '@gbkit/core';
import { z } from 'zod';
import { LONG_TERM, normalizeDate, normalizeDateTime } from './dates.js';
import { holderCodeType } from './holder.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
/** Surface field keys: upper-case ASCII so they can be written as pinyin tags `KZ_<KEY>`. */
export const SURFACE_KEY_RE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** One holder (持证主体). */
export const HolderSchema = z
  .object({
    /** 持证主体 (CZZT). */
    name: z.string().min(1).max(512),
    /** 持证主体代码 (CZZTDM). */
    code: z.string().min(1).max(256),
    /** 持证主体代码类型代码 (CZZTDMLXDM), GB/T 36903 Annex A. */
    typeCode: z.string().regex(/^\d{3}$/),
    /** 持证主体代码类型 (CZZTDMLX), the Annex A name. */
    typeName: z.string().min(1).max(64),
  })
  .strict();

/** 加注件 (annotated copy) metadata, research §3.1 #14–17. */
export const CopyInfoSchema = z
  .object({
    /** 加注件制作时间 (JZJZZSJ). */
    creationTime: z.string().regex(DATETIME),
    /** 加注件制作者 (JZJZZZ). */
    creator: z.string().min(1).max(256),
    /** 加注件制作事由 (JZJZZSY), at most 200 characters. */
    cause: z.string().min(1).max(200),
    /** 加注件有效期截止时间 (JZJYXQJZSJ). */
    expiringTime: z.string().regex(DATETIME),
  })
  .strict();

/** The canonical metadata record (dates normalised). */
export const LicenseMetadataSchema = z
  .object({
    /** 证照名称 (ZZMC). */
    name: z.string().min(1).max(512),
    /** 证照类型代码 (ZZLXDM), 21 chars. */
    typeCode: z.string().regex(/^[0-9A-Z]{18}\d{3}$/),
    /** 证照编号 (ZZBH). */
    number: z.string().min(1).max(128),
    /** 证照标识 (ZZBS), GB/T 36904. */
    identifier: z.string().min(1).max(200),
    /** 证照颁发机构 (ZZBFJG). */
    issuerName: z.string().min(1).max(512),
    /** 证照颁发机构代码 (ZZBFJGDM). */
    issuerCode: z.string().min(1).max(32),
    /** 证照颁发日期 (ZZBFRQ). */
    issueDate: z.string().regex(DATE),
    /** One or more holders. */
    holders: z.array(HolderSchema).min(1).max(64),
    /** 证照有效期起始日期 (ZZYXQQSRQ). */
    effectiveDate: z.string().regex(DATE).optional(),
    /** 证照有效期截止日期 (ZZYXQJZRQ), a date or `长期`. */
    expiryDate: z.union([z.string().regex(DATE), z.literal(LONG_TERM)]).optional(),
    /** 证照所属管辖属地编码 (GB/T 2260), national platform column [uncertain]. */
    areaCode: z
      .string()
      .regex(/^\d{6,12}$/)
      .optional(),
    /** 证照状态代码, from the type profile's status table [inferred]. */
    status: z.string().min(1).max(16).optional(),
    /** 关联证照标识: the identifier of the version this one replaces [inferred]. */
    predecessor: z.string().min(1).max(200).optional(),
    /** 加注件 metadata, present on annotated copies only. */
    copy: CopyInfoSchema.optional(),
    /** 照面信息: type-specific surface fields, by upper-case key. */
    surface: z.record(z.string().regex(SURFACE_KEY_RE), z.string().max(4000)).optional(),
  })
  .strict();

/** The canonical metadata record. */
export type LicenseMetadata = z.infer<typeof LicenseMetadataSchema>;
/** One holder. */
export type Holder = z.infer<typeof HolderSchema>;
/** Annotated-copy metadata. */
export type CopyInfo = z.infer<typeof CopyInfoSchema>;

/** Metadata as users give it: dates in any accepted form, holder type names optional. */
export interface LicenseMetadataInput extends Omit<LicenseMetadata, 'holders' | 'copy'> {
  readonly holders: readonly (Omit<Holder, 'typeName'> & { readonly typeName?: string })[];
  readonly copy?: CopyInfo;
}

/**
 * Normalises user metadata: dates to canonical form (accepting `YYYYMMDD`, `YYYY-MM-DD`,
 * `YYYY-MM-DD HH:mm:ss`), holder type names filled from Annex A when absent, then checks the shape with
 * the zod schema. Throws `FormatError` (`ERR_LIC_DATE`, `ERR_LIC_METADATA`) naming the field.
 *
 * @example
 * ```ts
 * import { normalizeMetadata } from '@gbkit/e-license';
 * const m = normalizeMetadata({ name: '特种设备使用登记证', typeCode: '914403000000004570901', number: '梯11京A00001(26)',
 *   identifier: '1.2.156.3005.2.914403000000004570901.11220000013544541J.2026000001.001.Q', issuerName: '某市市场监督管理局',
 *   issuerCode: '11220000013544541J', issueDate: '20260110', holders: [{ name: '某物业公司', code: '91350100M000100Y43', typeCode: '001' }] });
 * m.issueDate; // '2026-01-10'
 * m.holders[0].typeName; // '统一社会信用代码'
 * ```
 */
export function normalizeMetadata(input: LicenseMetadataInput | Record<string, unknown>): LicenseMetadata {
  if (input === null || typeof input !== 'object') {
    throw new FormatError('ERR_LIC_METADATA', { zh: '元数据应为对象', en: 'metadata must be an object' });
  }
  const i = input as Record<string, unknown>;
  const o: Record<string, unknown> = { ...i };
  if (typeof i.issueDate === 'string') o.issueDate = normalizeDate(i.issueDate, 'issueDate');
  if (typeof i.effectiveDate === 'string') o.effectiveDate = normalizeDate(i.effectiveDate, 'effectiveDate');
  if (typeof i.expiryDate === 'string')
    o.expiryDate = i.expiryDate.trim() === LONG_TERM ? LONG_TERM : normalizeDate(i.expiryDate, 'expiryDate');
  if (Array.isArray(i.holders)) {
    o.holders = i.holders.map((h: unknown) => {
      if (h && typeof h === 'object') {
        const hh = h as Record<string, unknown>;
        const typeName =
          hh.typeName ?? (typeof hh.typeCode === 'string' ? holderCodeType(hh.typeCode)?.name : undefined);
        return { ...hh, ...(typeName !== undefined ? { typeName } : {}) };
      }
      return h;
    });
  }
  if (i.copy && typeof i.copy === 'object') {
    const c = i.copy as Record<string, unknown>;
    o.copy = {
      ...c,
      ...(typeof c.creationTime === 'string'
        ? { creationTime: normalizeDateTime(c.creationTime, 'copy.creationTime') }
        : {}),
      ...(typeof c.expiringTime === 'string'
        ? { expiringTime: normalizeDateTime(c.expiringTime, 'copy.expiringTime') }
        : {}),
    };
  }
  if (o.surface && typeof o.surface === 'object' && Object.keys(o.surface).length === 0) delete o.surface;
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  const r = LicenseMetadataSchema.safeParse(o);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue?.path.join('.') || 'metadata';
    throw new FormatError(
      'ERR_LIC_METADATA',
      {
        zh: `元数据不符合 GB/T 36903 核心元素模型：${field}：${issue?.message ?? ''}`,
        en: `metadata does not fit the GB/T 36903 core model: ${field}: ${issue?.message ?? ''}`,
      },
      {
        location: { field },
        details: { issues: r.error.issues.map((x) => ({ path: x.path.join('.'), message: x.message })) },
      },
    );
  }
  return r.data;
}

let jsonSchemaCache: Record<string, unknown> | undefined;
/**
 * The JSON Schema (draft-07) of the canonical metadata record, generated from the zod schema.
 *
 * @example
 * ```ts
 * import { licenseMetadataJsonSchema } from '@gbkit/e-license';
 * licenseMetadataJsonSchema().required; // ['name', 'typeCode', …]
 * ```
 */
export function licenseMetadataJsonSchema(): Record<string, unknown> {
  jsonSchemaCache ??= {
    ...(z.toJSONSchema(LicenseMetadataSchema, { target: 'draft-7' }) as Record<string, unknown>),
    $id: 'https://gbkit.dev/schemas/e-license/metadata.json',
    title: 'GB/T 36903 e-licence metadata (gbkit canonical form)',
  };
  return jsonSchemaCache;
}

/** A structural check of one record by the JSON Schema; `errors` are ajv's, path and message. */
export interface SchemaCheck {
  readonly valid: boolean;
  readonly errors: readonly { readonly path: string; readonly message: string }[];
}

const VALID: SchemaCheck = Object.freeze({ valid: true, errors: Object.freeze([]) as readonly never[] });

type AjvValidate = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string }[] | null;
};
let ajvValidate: AjvValidate | undefined;

async function loadAjv(): Promise<AjvValidate> {
  if (ajvValidate) return ajvValidate;
  const mod = (await import('ajv')) as unknown as { default: unknown };
  const AjvCtor = ((mod.default as { default?: unknown }).default ?? mod.default) as new (
    o: object,
  ) => {
    compile(s: object): AjvValidate;
  };
  const ajv = new AjvCtor({ allErrors: true, strict: false });
  ajvValidate = ajv.compile(licenseMetadataJsonSchema());
  return ajvValidate;
}

/**
 * Compiles the ajv validator of the JSON Schema (once) and returns a synchronous checker; the fast
 * path for bulk validation of canonical records (see bench/README.md for ajv vs zod).
 *
 * @example
 * ```ts
 * import { metadataSchemaValidator } from '@gbkit/e-license';
 * const check = await metadataSchemaValidator();
 * check({ name: 'x' }).valid; // false
 * ```
 */
export async function metadataSchemaValidator(): Promise<(record: unknown) => SchemaCheck> {
  const v = await loadAjv();
  return (record) => {
    const ok = v(record);
    return ok
      ? VALID
      : {
          valid: false,
          errors: (v.errors ?? []).map((e) => ({ path: e.instancePath || '/', message: e.message ?? '' })),
        };
  };
}

/** Checks a canonical record with the zod schema (synchronous, no ajv). */
export function checkMetadataShape(record: unknown): SchemaCheck {
  const r = LicenseMetadataSchema.safeParse(record);
  return r.success
    ? { valid: true, errors: [] }
    : {
        valid: false,
        errors: r.error.issues.map((x) => ({ path: `/${x.path.join('/')}`, message: x.message })),
      };
}
