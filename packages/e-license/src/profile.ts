/**
 * Declarative licence-type profiles, in the shape of the national ZWFW C-series per-type standards
 * (research §1, §10): surface fields (照面) with labels, required flags, code sets and patterns, the
 * certificate-number rule, status codes, QR content and the page layout. A profile is plain data checked
 * by {@link ProfileSchema}, so users add their own (JSON or TS object) without touching this package.
 * Every part carries its evidence level; inferred parts are listed in `evidence.inferred`.
 * @module
 */
import { type EvidenceLevel, InvalidArgumentError } from '@gbkit/core';
import { z } from 'zod';
import { SURFACE_KEY_RE } from './metadata.js';

const EVIDENCE = z.enum(['confirmed', 'inferred', 'uncertain']);

/** One surface field. */
export const ProfileFieldSchema = z
  .object({
    /** Upper-case key (pinyin initials by convention), written as `KZ_<key>`. */
    key: z.string().regex(SURFACE_KEY_RE),
    /** Label printed on the page. */
    label: z.string().min(1).max(64),
    /** ZWFW information group: 基础信息, 持证主体信息, 业务信息, 管理信息, 关联证书信息, 扩展信息. */
    group: z
      .enum(['基础信息', '持证主体信息', '业务信息', '管理信息', '关联证书信息', '扩展信息'])
      .default('业务信息'),
    required: z.boolean().default(false),
    /** Name of a code set in `codeSets`: the value must be one of its codes or labels. */
    codeSet: z.string().optional(),
    /** Regular expression (source) the value must match. */
    pattern: z.string().optional(),
    /** `text` (default) or `date` (accepted in the metadata date forms, printed as YYYY年MM月DD日). */
    type: z.enum(['text', 'date']).default('text'),
    evidence: EVIDENCE.default('inferred'),
  })
  .strict();

/** A cross-field constraint: `field` must be a date after `than` (a surface key or `$issueDate`). */
export const ProfileConstraintSchema = z
  .object({ kind: z.literal('after'), field: z.string(), than: z.string() })
  .strict();

/** A licence-type profile. */
export const ProfileSchema = z
  .object({
    /** Stable short name (`tzsb-use-registration`). */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/),
    /** 证照名称. */
    name: z.string().min(1).max(128),
    /** 证照类型代码 when published; absent when the defining authority's code is unknown (give it in the data). */
    typeCode: z
      .string()
      .regex(/^[0-9A-Z]{18}\d{3}$/)
      .optional(),
    definingAuthority: z.object({ name: z.string(), code: z.string().optional() }).strict().optional(),
    /** Allowed 持证主体代码类型代码 (Annex A). */
    holderTypeCodes: z.array(z.string().regex(/^\d{3}$/)).min(1),
    /** Label of the holder on the page (持证人, 使用单位 …). */
    holderLabel: z.string().default('持证主体'),
    /** Certificate-number rule. */
    numberRule: z
      .object({ pattern: z.string(), description: z.string(), evidence: EVIDENCE })
      .strict()
      .optional(),
    fields: z.array(ProfileFieldSchema),
    codeSets: z.record(z.string(), z.record(z.string(), z.string())).default({}),
    /** Status code → label; `validStatus` lists the codes meaning "in force". */
    statusCodes: z.record(z.string(), z.string()),
    validStatus: z.array(z.string()).min(1),
    /** Default validity (`N年|N月|N天|长期`) used when the data gives no expiry. */
    validity: z.string().optional(),
    /** QR content: the identifier, or a URL template with `{identifier}`. */
    qr: z
      .object({ content: z.enum(['identifier', 'url']), urlTemplate: z.string().optional() })
      .strict()
      .default({ content: 'identifier' }),
    layout: z
      .object({
        /** Title printed at the top (default `name`). */
        title: z.string().optional(),
        /** Rows in order: surface keys, or core items `$number`, `$holderName`, `$holderCode`, `$issuerName`, `$issueDate`, `$effectiveDate`, `$expiryDate`, `$identifier`. */
        rows: z.array(z.string()).min(1),
      })
      .strict(),
    constraints: z.array(ProfileConstraintSchema).default([]),
    evidence: z
      .object({
        level: EVIDENCE,
        source: z.string(),
        /** What is inferred rather than published. */
        inferred: z.array(z.string()).default([]),
      })
      .strict(),
  })
  .strict();

/** A licence-type profile (after defaults). */
export type LicenseProfile = z.output<typeof ProfileSchema>;
/** A profile as written by users (defaults optional). */
export type LicenseProfileInput = z.input<typeof ProfileSchema>;
/** One field of a profile. */
export type ProfileField = z.output<typeof ProfileFieldSchema>;

const CORE_ROWS = new Set([
  '$number',
  '$holderName',
  '$holderCode',
  '$issuerName',
  '$issueDate',
  '$effectiveDate',
  '$expiryDate',
  '$identifier',
]);

/**
 * Checks a profile object and fills its defaults. Throws `InvalidArgumentError(ERR_LIC_PROFILE)` naming
 * the field (also for layout rows naming unknown fields and patterns that are not regular expressions).
 *
 * @example
 * ```ts
 * import { defineProfile } from '@gbkit/e-license';
 * const p = defineProfile({ id: 'demo', name: '演示证', holderTypeCodes: ['111'], fields: [{ key: 'ZY', label: '专业', required: true }],
 *   statusCodes: { '01': '有效' }, validStatus: ['01'], layout: { rows: ['$holderName', 'ZY', '$number'] },
 *   evidence: { level: 'inferred', source: 'example' } });
 * p.fields[0].group; // '业务信息'
 * ```
 */
export function defineProfile(input: LicenseProfileInput | unknown): LicenseProfile {
  const r = ProfileSchema.safeParse(input);
  const fail = (field: string, zh: string, en: string): never => {
    throw new InvalidArgumentError(
      'ERR_LIC_PROFILE',
      { zh: `类型配置无效：${field}：${zh}`, en: `invalid profile: ${field}: ${en}` },
      { location: { field } },
    );
  };
  if (!r.success) {
    const i = r.error.issues[0];
    return fail(i?.path.join('.') || 'profile', i?.message ?? '', i?.message ?? '');
  }
  const p = r.data;
  const keys = new Set<string>();
  for (const f of p.fields) {
    if (keys.has(f.key)) fail(`fields.${f.key}`, '字段键重复', 'duplicate field key');
    keys.add(f.key);
    if (f.codeSet && !p.codeSets[f.codeSet])
      fail(`fields.${f.key}.codeSet`, `代码集 ${f.codeSet} 未定义`, `code set ${f.codeSet} is not defined`);
    if (f.pattern) {
      try {
        new RegExp(f.pattern, 'u');
      } catch {
        fail(`fields.${f.key}.pattern`, '不是正则表达式', 'not a regular expression');
      }
    }
  }
  for (const row of p.layout.rows)
    if (!CORE_ROWS.has(row) && !keys.has(row)) fail('layout.rows', `未知的行 ${row}`, `unknown row ${row}`);
  for (const c of p.constraints)
    for (const k of [c.field, c.than])
      if (k !== '$issueDate' && !keys.has(k)) fail('constraints', `未知的字段 ${k}`, `unknown field ${k}`);
  for (const s of p.validStatus)
    if (!(s in p.statusCodes))
      fail('validStatus', `状态 ${s} 不在 statusCodes 中`, `status ${s} is not in statusCodes`);
  if (p.qr.content === 'url' && !p.qr.urlTemplate?.includes('{identifier}'))
    fail(
      'qr.urlTemplate',
      '需要含 {identifier} 的 URL 模板',
      'a URL template containing {identifier} is required',
    );
  return p;
}

/** Evidence level of a profile field (for reports). */
export function fieldEvidence(f: ProfileField): EvidenceLevel {
  return f.evidence;
}

/** A registry of profiles by id and by type code. */
export class ProfileRegistry {
  private readonly byId = new Map<string, LicenseProfile>();
  constructor(profiles: readonly (LicenseProfile | LicenseProfileInput)[] = []) {
    for (const p of profiles) this.add(p);
  }
  /** Adds (or replaces) a profile, checking it with {@link defineProfile}. */
  add(profile: LicenseProfile | LicenseProfileInput): LicenseProfile {
    const p = defineProfile(profile);
    this.byId.set(p.id, p);
    return p;
  }
  /** Every profile. */
  list(): LicenseProfile[] {
    return [...this.byId.values()];
  }
  /** A profile by id. */
  get(id: string): LicenseProfile | undefined {
    return this.byId.get(id);
  }
  /** The profile for a licence: by type code, else by licence name. */
  find(typeCode: string | undefined, name?: string): LicenseProfile | undefined {
    for (const p of this.byId.values()) if (typeCode && p.typeCode === typeCode) return p;
    for (const p of this.byId.values()) if (name && p.name === name) return p;
    return undefined;
  }
}
