/**
 * Validation of the identity model against GB/T 39046 Table 12 and the certificate-number standards:
 * GB 11643 citizen IDs and GB 32100 unified social credit codes through `@gbkit/codes`.
 *
 * | rule | clause | evidence | checks |
 * | --- | --- | --- | --- |
 * | `ID-MODEL-NAME` | GB/T 39046-2020 §6.9.1 Table 12 (姓名 / 机构名称) | confirmed | name present |
 * | `ID-MODEL-USER-CODE` | Table 12 用户编码 an..20 | confirmed | ≤ 20 ASCII letters/digits/`-_` |
 * | `ID-CERT-TYPE` | Table 12 证件类型; GA/T 2000.156 | inferred | kind known to the table and fits person/entity |
 * | `ID-CERT-NUMBER` | GB 11643-1999 / GB 32100-2015 | confirmed | check character and structure |
 * | `ID-ENTITY-USCC` | Table 12 统一社会信用代码 an18 | confirmed | `uscc` valid and equal to the certificate number |
 * | `ID-LEGAL-REP` | Table 12 法定代表人; `up_uc_corporator_identity` | supported | representative's certificate number |
 * | `ID-AGENT` | `up_uc_corporator_account` 经办人 | supported | agent validated as a person |
 * | `ID-REAL-NAME-LEVEL` | provincial operator guide | inferred | 是否实名认证 consistent with the level (L0 ⇔ not real-name) |
 * | `ID-MODEL-DATE` | Table 12 注册日期 YYYYMMDD | confirmed | dates are real YYYYMMDD days |
 *
 * Lenient mode passes `lenient` to `@gbkit/codes` (tolerated deviations become warnings) and reports the
 * level/real-name inconsistency as a warning instead of a failure.
 * @module
 */

import { type CodeValidation, validateCitizenId, validateUscc } from '@gbkit/codes';
import {
  defineRule,
  type Report,
  ReportBuilder,
  type Rule,
  type ValidationMode,
  VerificationError,
} from '@gbkit/core';
import { type CertTypeTable, defaultCertTypeTable } from './cert-types.js';
import type { Identity, NaturalPerson } from './model.js';

/** Rule `RULE_NAME` (see the module table). */
export const RULE_NAME = defineRule({
  id: 'ID-MODEL-NAME',
  clause: 'GB/T 39046-2020 §6.9.1 Table 12',
  evidence: 'confirmed',
  title: { zh: '姓名或机构名称', en: 'name of person or entity' },
});
/** Rule `RULE_USER_CODE` (see the module table). */
export const RULE_USER_CODE = defineRule({
  id: 'ID-MODEL-USER-CODE',
  clause: 'GB/T 39046-2020 §6.9.1 Table 12 用户编码 an..20',
  evidence: 'confirmed',
  title: { zh: '用户编码', en: 'user code' },
});
/** Rule `RULE_CERT_TYPE` (see the module table). */
export const RULE_CERT_TYPE = defineRule({
  id: 'ID-CERT-TYPE',
  clause: 'GB/T 39046-2020 Table 12 证件类型; GA/T 2000.156',
  evidence: 'inferred',
  title: { zh: '证件类型', en: 'certificate type' },
});
/** Rule `RULE_CERT_NUMBER` (see the module table). */
export const RULE_CERT_NUMBER = defineRule({
  id: 'ID-CERT-NUMBER',
  clause: 'GB 11643-1999; GB 32100-2015',
  evidence: 'confirmed',
  title: { zh: '证件号码', en: 'certificate number' },
});
/** Rule `RULE_ENTITY_USCC` (see the module table). */
export const RULE_ENTITY_USCC = defineRule({
  id: 'ID-ENTITY-USCC',
  clause: 'GB/T 39046-2020 Table 12 统一社会信用代码 an18; GB 32100-2015',
  evidence: 'confirmed',
  title: { zh: '法人统一社会信用代码', en: 'entity unified social credit code' },
});
/** Rule `RULE_LEGAL_REP` (see the module table). */
export const RULE_LEGAL_REP = defineRule({
  id: 'ID-LEGAL-REP',
  clause: 'GB/T 39046-2020 Table 12 法定代表人/负责人; up_uc_corporator_identity',
  evidence: 'inferred',
  title: { zh: '法定代表人', en: 'legal representative' },
});
/** Rule `RULE_AGENT` (see the module table). */
export const RULE_AGENT = defineRule({
  id: 'ID-AGENT',
  clause: 'up_uc_corporator_account 经办人',
  evidence: 'inferred',
  title: { zh: '经办人', en: 'acting agent' },
});
/** Rule `RULE_REAL_NAME_LEVEL` (see the module table). */
export const RULE_REAL_NAME_LEVEL = defineRule({
  id: 'ID-REAL-NAME-LEVEL',
  clause: 'Guangdong operator guide 可信等级 (L0 = not real-name)',
  evidence: 'inferred',
  title: { zh: '实名标志与可信等级一致', en: 'real-name flag consistent with the level' },
});
/** Rule `RULE_DATE` (see the module table). */
export const RULE_DATE = defineRule({
  id: 'ID-MODEL-DATE',
  clause: 'GB/T 39046-2020 Table 12 注册日期 YYYYMMDD',
  evidence: 'confirmed',
  title: { zh: '日期格式', en: 'date format' },
});

/** Options of {@link validateIdentity}. */
export interface ValidateIdentityOptions {
  readonly mode?: ValidationMode;
  readonly certTypes?: CertTypeTable;
}

function isDay(v: string): boolean {
  if (!/^\d{8}$/.test(v)) return false;
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(4, 6));
  const d = Number(v.slice(6, 8));
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function checkNumber(
  r: ReportBuilder,
  rule: Rule,
  field: string,
  certType: string | undefined,
  certNumber: string | undefined,
  o: Required<ValidateIdentityOptions>,
): void {
  if (!certNumber) {
    r.fail(
      rule,
      { zh: `${field} 缺少证件号码`, en: `${field} has no certificate number` },
      { location: { field } },
    );
    return;
  }
  const validator = certType ? o.certTypes.get(certType)?.validator : undefined;
  if (!validator) {
    r.notApplicable(
      rule,
      {
        zh: `证件类型 ${certType ?? '未知'} 无校验规则`,
        en: `no check rule for certificate type ${certType ?? 'unknown'}`,
      },
      { location: { field } },
    );
    return;
  }
  const v: CodeValidation =
    validator === 'citizen-id'
      ? validateCitizenId(certNumber, { mode: o.mode })
      : validateUscc(certNumber, { mode: o.mode });
  const errors = v.reasons.filter((x) => x.severity === 'error');
  const warnings = v.reasons.filter((x) => x.severity === 'warning');
  if (!v.valid) {
    const first = errors[0];
    r.fail(rule, first ? first.message : { zh: '证件号码无效', en: 'invalid certificate number' }, {
      location: { field },
      data: { reasons: errors.map((x) => x.code), value: certNumber },
    });
  } else if (warnings.length > 0) {
    const w = warnings[0];
    r.warn(rule, w ? w.message : { zh: '已容忍的偏差', en: 'tolerated deviation' }, {
      location: { field },
      data: { reasons: warnings.map((x) => x.code) },
      ...(w?.tolerated ? { tolerated: w.tolerated } : {}),
    });
  } else {
    r.pass(
      rule,
      { zh: `${field} 证件号码有效`, en: `${field} certificate number is valid` },
      { location: { field } },
    );
  }
}

function checkPerson(
  r: ReportBuilder,
  p: NaturalPerson,
  prefix: string,
  o: Required<ValidateIdentityOptions>,
): void {
  const f = (n: string) => (prefix ? `${prefix}.${n}` : n);
  if (!p.name?.trim())
    r.fail(RULE_NAME, { zh: '缺少姓名', en: 'name is missing' }, { location: { field: f('name') } });
  else r.pass(RULE_NAME, { zh: '有姓名', en: 'name present' }, { location: { field: f('name') } });
  const entry = o.certTypes.get(p.certType);
  if (entry?.subject !== 'person') {
    r.fail(
      RULE_CERT_TYPE,
      {
        zh: `自然人证件类型 ${p.certType} 未知或不是个人证件`,
        en: `person certificate type ${p.certType} unknown or not a personal document`,
      },
      { location: { field: f('certType') } },
    );
  } else
    r.pass(
      RULE_CERT_TYPE,
      { zh: `证件类型 ${entry.label.zh}`, en: `certificate type ${entry.label.en}` },
      { location: { field: f('certType') } },
    );
  checkNumber(r, RULE_CERT_NUMBER, f('certNumber'), p.certType, p.certNumber, o);
  if (p.birthday !== undefined && !isDay(p.birthday)) {
    r.fail(
      RULE_DATE,
      { zh: '出生日期不是 YYYYMMDD', en: 'birthday is not YYYYMMDD' },
      { location: { field: f('birthday') } },
    );
  }
}

/**
 * Validates an identity and returns a report (rules listed in the module doc).
 * @example
 * ```ts
 * const report = validateIdentity({ kind: 'person', name: '张三', certType: 'resident-id-card', certNumber: '11010519491231002X', realNameVerified: true, level: 'L2' });
 * report.ok; // true
 * ```
 */
export function validateIdentity(identity: Identity, options: ValidateIdentityOptions = {}): Report {
  const o: Required<ValidateIdentityOptions> = {
    mode: options.mode ?? 'strict',
    certTypes: options.certTypes ?? defaultCertTypeTable,
  };
  const r = new ReportBuilder(identity.userCode ?? identity.name);
  if (identity.userCode !== undefined) {
    if (/^[A-Za-z0-9_-]{1,20}$/.test(identity.userCode))
      r.pass(RULE_USER_CODE, { zh: '用户编码格式正确', en: 'user code well-formed' });
    else
      r.fail(
        RULE_USER_CODE,
        { zh: '用户编码应为至多 20 位字母数字', en: 'user code must be at most 20 letters or digits' },
        {
          location: { field: 'userCode' },
          data: { value: identity.userCode },
        },
      );
  }
  if (identity.level !== undefined) {
    const consistent = (identity.level === 'L0') !== identity.realNameVerified;
    if (consistent)
      r.pass(RULE_REAL_NAME_LEVEL, { zh: '实名标志与等级一致', en: 'real-name flag matches the level' });
    else {
      const msg = {
        zh: `实名标志 ${identity.realNameVerified} 与可信等级 ${identity.level} 不一致`,
        en: `real-name flag ${identity.realNameVerified} does not match level ${identity.level}`,
      };
      if (o.mode === 'lenient')
        r.warn(RULE_REAL_NAME_LEVEL, msg, {
          location: { field: 'realNameVerified' },
          tolerated: 'real-name flag inconsistent with level',
        });
      else r.fail(RULE_REAL_NAME_LEVEL, msg, { location: { field: 'realNameVerified' } });
    }
  }
  if (identity.kind === 'person') {
    checkPerson(r, identity, '', o);
    return r.build();
  }
  const e = identity;
  if (!e.name?.trim())
    r.fail(RULE_NAME, { zh: '缺少机构名称', en: 'entity name is missing' }, { location: { field: 'name' } });
  else r.pass(RULE_NAME, { zh: '有机构名称', en: 'entity name present' });
  const entry = o.certTypes.get(e.certType);
  if (entry?.subject !== 'entity') {
    r.fail(
      RULE_CERT_TYPE,
      {
        zh: `法人证件类型 ${e.certType} 未知或不是机构证件`,
        en: `entity certificate type ${e.certType} unknown or not an organisation document`,
      },
      { location: { field: 'certType' } },
    );
  } else
    r.pass(RULE_CERT_TYPE, { zh: `证件类型 ${entry.label.zh}`, en: `certificate type ${entry.label.en}` });
  checkNumber(r, RULE_CERT_NUMBER, 'certNumber', e.certType, e.certNumber, o);
  if (e.uscc !== undefined) {
    checkNumber(r, RULE_ENTITY_USCC, 'uscc', 'uscc', e.uscc, o);
    if (e.certType === 'uscc' && e.uscc.toUpperCase() !== e.certNumber.toUpperCase()) {
      r.fail(
        RULE_ENTITY_USCC,
        { zh: 'uscc 与证件号码不一致', en: 'uscc differs from the certificate number' },
        { location: { field: 'uscc' } },
      );
    }
  }
  if (e.registrationDate !== undefined) {
    if (isDay(e.registrationDate))
      r.pass(RULE_DATE, { zh: '注册日期格式正确', en: 'registration date well-formed' });
    else
      r.fail(
        RULE_DATE,
        { zh: '注册日期不是 YYYYMMDD', en: 'registration date is not YYYYMMDD' },
        { location: { field: 'registrationDate' } },
      );
  }
  if (e.legalRepresentative) {
    const lr = e.legalRepresentative;
    if (!lr.name?.trim())
      r.fail(
        RULE_LEGAL_REP,
        { zh: '法定代表人缺少姓名', en: 'legal representative has no name' },
        { location: { field: 'legalRepresentative.name' } },
      );
    else r.pass(RULE_LEGAL_REP, { zh: '有法定代表人姓名', en: 'legal representative named' });
    if (lr.certNumber)
      checkNumber(
        r,
        RULE_LEGAL_REP,
        'legalRepresentative.certNumber',
        lr.certType ?? 'resident-id-card',
        lr.certNumber,
        o,
      );
  }
  if (e.agent) {
    const sub = new ReportBuilder();
    checkPerson(sub, e.agent, 'agent', o);
    for (const f of sub.build().findings)
      r.add(RULE_AGENT, f.status, f.message, {
        ...(f.location ? { location: f.location } : {}),
        data: { rule: f.ruleId },
      });
  }
  return r.build();
}

/**
 * Throws when {@link validateIdentity} finds a failure.
 * @throws VerificationError `ERR_IDENTITY_INVALID` with the failed findings in `details.findings`.
 */
export function assertValidIdentity(identity: Identity, options: ValidateIdentityOptions = {}): Report {
  const report = validateIdentity(identity, options);
  const failed = report.findings.filter((f) => f.status === 'failed');
  if (failed.length > 0) {
    const first = failed[0];
    throw new VerificationError(
      'ERR_IDENTITY_INVALID',
      {
        zh: `身份信息无效：${first?.message.zh ?? ''}`,
        en: `invalid identity: ${first?.message.en ?? ''}`,
      },
      { ...(first?.location ? { location: first.location } : {}), details: { findings: failed } },
    );
  }
  return report;
}
