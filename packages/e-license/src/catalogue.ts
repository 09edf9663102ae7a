/**
 * Catalogue records of GB/T 36902-2018 (目录信息, research §4): the certificate-type record (证照类型目录,
 * English identifiers as in the catalogue UIs: confirmed names, uncertain codes) and the
 * certificate-instance record (证照目录信息, the national `up_lic_data` columns), with validation rules:
 * the type code's first 18 characters are the defining authority's code, validity ranges follow
 * `N年|N月|N天|长期` (several joined with `^`, one UI's convention [uncertain]).
 * @module
 */

import { validateUscc } from '@gbkit/codes';
import { defineRule, type Report, ReportBuilder, type ValidationMode } from '@gbkit/core';
import { z } from 'zod';
import { validateTypeCode } from './identifier.js';

/** Certificate-type catalogue record (§4.1). */
export const CertificateTypeRecordSchema = z
  .object({
    CertificateTypeName: z.string().min(1).max(256),
    CertificateTypeCode: z.string().min(1).max(64),
    CertificateDefineAuthorityName: z.string().min(1).max(256),
    CertificateDefineAuthorityCode: z.string().min(1).max(32),
    /** 1 国家级, 2 省部级, 3 地市级, 4 区县级, 5 其他 [uncertain]. */
    CertificateDefineAuthorityLevel: z.enum(['1', '2', '3', '4', '5']).optional(),
    ItemName: z.string().max(512).optional(),
    ItemCode: z.string().max(64).optional(),
    /** 1 个人, 2 法人 [uncertain]. */
    CertificateHolderCategory: z.enum(['1', '2']).optional(),
    ValidityRange: z.string().min(1).max(64),
    CertificateIssuingAuthorityLevel: z.string().max(16).optional(),
    /** Holder code type name used by holders of this type (national platform column). */
    CertificateHolderTypeName: z.string().max(64).optional(),
  })
  .strict();
/** Certificate-type catalogue record. */
export type CertificateTypeRecord = z.infer<typeof CertificateTypeRecordSchema>;

/** Certificate-instance catalogue record (§4.2, `up_lic_data`). */
export const CertificateInstanceRecordSchema = z
  .object({
    certificate_area_code: z.string().min(1).max(32),
    certificate_holder: z.string().min(1).max(256),
    certificate_holder_code: z.string().min(1).max(256),
    certificate_holder_type: z.string().max(2000).optional(),
    certificate_name: z.string().min(1).max(512),
    certificate_number: z.string().min(1).max(128),
    certificate_source_id: z.string().min(1).max(128),
    certificate_type: z.string().min(1).max(256),
    certificate_type_code: z.string().min(1).max(64),
    issue_date: z.string().min(1).max(32),
    issue_dept: z.string().min(1).max(256),
    issue_dept_code: z.string().min(1).max(32),
  })
  .strict();
/** Certificate-instance catalogue record. */
export type CertificateInstanceRecord = z.infer<typeof CertificateInstanceRecordSchema>;

/** One parsed validity range. */
export type ValidityRange =
  | { readonly amount: number; readonly unit: '年' | '月' | '天' }
  | { readonly unit: '长期' };

/**
 * Parses a validity-range value (`3年`, `6月`, `30天`, `长期`, several joined with `^`). Returns
 * `undefined` when any part is malformed.
 *
 * @example
 * ```ts
 * import { parseValidityRange } from '@gbkit/e-license';
 * parseValidityRange('2年^长期'); // [{ amount: 2, unit: '年' }, { unit: '长期' }]
 * ```
 */
export function parseValidityRange(value: string): ValidityRange[] | undefined {
  const out: ValidityRange[] = [];
  for (const part of value.split('^')) {
    if (part === '长期') {
      out.push({ unit: '长期' });
      continue;
    }
    const m = /^([1-9]\d{0,3})(年|月|天)$/.exec(part);
    if (!m) return undefined;
    out.push({ amount: Number(m[1]), unit: m[2] as '年' | '月' | '天' });
  }
  return out;
}

/** Rules of catalogue validation. */
export const CATALOGUE_RULES = {
  shape: defineRule({
    id: 'LIC-CAT-SHAPE',
    clause: 'GB/T 36902-2018 (research §4.1/§4.2)',
    evidence: 'inferred',
    title: { zh: '目录记录字段', en: 'catalogue record fields' },
  }),
  typeCode: defineRule({
    id: 'LIC-CAT-TYPE-CODE',
    clause: 'GB/T 36904-2018 证照类型代码 (research §2.1)',
    evidence: 'confirmed',
    title: { zh: '证照类型代码格式', en: 'type code format' },
  }),
  authority: defineRule({
    id: 'LIC-CAT-AUTHORITY',
    clause: 'GB/T 36902-2018; GB 32100-2015',
    evidence: 'confirmed',
    title: { zh: '类型代码前缀为定义机构代码', en: 'type code prefix is the defining authority code' },
  }),
  validity: defineRule({
    id: 'LIC-CAT-VALIDITY-RANGE',
    clause: 'GB/T 36902-2018 有效期限范围 (research §4.1)',
    evidence: 'uncertain',
    title: { zh: '有效期限范围语法', en: 'validity range syntax' },
  }),
  issuer: defineRule({
    id: 'LIC-CAT-ISSUER-CODE',
    clause: 'GB 32100-2015',
    evidence: 'inferred',
    title: { zh: '颁发机构代码', en: 'issuing authority code' },
  }),
} as const;

/**
 * Validates a certificate-type catalogue record.
 *
 * @example
 * ```ts
 * import { validateCertificateTypeRecord } from '@gbkit/e-license';
 * validateCertificateTypeRecord({ CertificateTypeName: '建筑施工特种作业操作资格证书', CertificateTypeCode: '11100000000013338W032',
 *   CertificateDefineAuthorityName: '中华人民共和国住房和城乡建设部', CertificateDefineAuthorityCode: '11100000000013338W', ValidityRange: '2年' }).ok; // true
 * ```
 */
export function validateCertificateTypeRecord(
  record: unknown,
  options: { mode?: ValidationMode } = {},
): Report {
  const b = new ReportBuilder('certificate-type record');
  const r = CertificateTypeRecordSchema.safeParse(record);
  if (!r.success) {
    const i = r.error.issues[0];
    return b
      .fail(
        CATALOGUE_RULES.shape,
        { zh: `字段 ${i?.path.join('.')}：${i?.message}`, en: `field ${i?.path.join('.')}: ${i?.message}` },
        { location: { field: i?.path.join('.') } },
      )
      .build();
  }
  b.pass(CATALOGUE_RULES.shape, { zh: '字段齐全', en: 'fields present' });
  const rec = r.data;
  const tc = validateTypeCode(rec.CertificateTypeCode, options);
  if (tc.valid) b.pass(CATALOGUE_RULES.typeCode, { zh: '证照类型代码有效', en: 'type code valid' });
  else
    b.fail(CATALOGUE_RULES.typeCode, tc.reasons[0]?.message ?? { zh: '无效', en: 'invalid' }, {
      location: { field: 'CertificateTypeCode' },
    });
  const auth = validateUscc(rec.CertificateDefineAuthorityCode, options);
  if (!auth.valid) {
    b.fail(
      CATALOGUE_RULES.authority,
      {
        zh: `定义机构代码不是有效的统一社会信用代码：${auth.reasons[0]?.message.zh ?? ''}`,
        en: `the defining authority code is not a valid USCC: ${auth.reasons[0]?.message.en ?? ''}`,
      },
      { location: { field: 'CertificateDefineAuthorityCode' } },
    );
  } else if (!rec.CertificateTypeCode.startsWith(rec.CertificateDefineAuthorityCode)) {
    b.fail(
      CATALOGUE_RULES.authority,
      {
        zh: `证照类型代码前 18 位应为定义机构代码 ${rec.CertificateDefineAuthorityCode}`,
        en: `the first 18 chars of the type code must be the defining authority code ${rec.CertificateDefineAuthorityCode}`,
      },
      {
        location: { field: 'CertificateTypeCode' },
        data: { expected: rec.CertificateDefineAuthorityCode, actual: rec.CertificateTypeCode.slice(0, 18) },
      },
    );
  } else
    b.pass(CATALOGUE_RULES.authority, {
      zh: '类型代码前缀与定义机构代码一致',
      en: 'type code prefix matches the defining authority',
    });
  if (parseValidityRange(rec.ValidityRange))
    b.pass(CATALOGUE_RULES.validity, { zh: '有效期限范围语法正确', en: 'validity range syntax correct' });
  else
    b.fail(
      CATALOGUE_RULES.validity,
      {
        zh: `有效期限范围应为 N年|N月|N天|长期（可用 ^ 连接）：${rec.ValidityRange}`,
        en: `validity range must be N年|N月|N天|长期 (joined by ^): ${rec.ValidityRange}`,
      },
      { location: { field: 'ValidityRange' } },
    );
  return b.build();
}

/** Validates a certificate-instance catalogue record (shape, type code, issuer code). */
export function validateCertificateInstanceRecord(
  record: unknown,
  options: { mode?: ValidationMode } = {},
): Report {
  const b = new ReportBuilder('certificate-instance record');
  const r = CertificateInstanceRecordSchema.safeParse(record);
  if (!r.success) {
    const i = r.error.issues[0];
    return b
      .fail(
        CATALOGUE_RULES.shape,
        { zh: `字段 ${i?.path.join('.')}：${i?.message}`, en: `field ${i?.path.join('.')}: ${i?.message}` },
        { location: { field: i?.path.join('.') } },
      )
      .build();
  }
  b.pass(CATALOGUE_RULES.shape, { zh: '字段齐全', en: 'fields present' });
  const tc = validateTypeCode(r.data.certificate_type_code, options);
  if (tc.valid) b.pass(CATALOGUE_RULES.typeCode, { zh: '证照类型代码有效', en: 'type code valid' });
  else
    b.fail(CATALOGUE_RULES.typeCode, tc.reasons[0]?.message ?? { zh: '无效', en: 'invalid' }, {
      location: { field: 'certificate_type_code' },
    });
  const iss = validateUscc(r.data.issue_dept_code, options);
  if (iss.valid) b.pass(CATALOGUE_RULES.issuer, { zh: '颁发机构代码有效', en: 'issuer code valid' });
  else
    b.fail(
      CATALOGUE_RULES.issuer,
      {
        zh: `颁发机构代码无效：${iss.reasons[0]?.message.zh ?? ''}`,
        en: `issuer code invalid: ${iss.reasons[0]?.message.en ?? ''}`,
      },
      { location: { field: 'issue_dept_code' } },
    );
  return b.build();
}
