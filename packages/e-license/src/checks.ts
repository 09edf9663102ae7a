/**
 * Checks of a licence's data (metadata + profile), shared by the file validator and by issuing: the
 * identifier (GB/T 36904), holder codes, the profile's surface fields and number rule, dates, validity,
 * status and annotated-copy metadata. Each check adds findings under its rule in {@link LICENSE_RULES}.
 * @module
 */
import { type LocalizedText, type Report, ReportBuilder, type ValidationMode } from '@gbkit/core';
import { chinaDateTime, chinaDay, LONG_TERM, normalizeDate } from './dates.js';
import { validateHolderCode } from './holder.js';
import { type IdentifierOptions, validateIdentifier } from './identifier.js';
import { type LicenseMetadata, normalizeMetadata } from './metadata.js';
import type { LicenseProfile, ProfileField } from './profile.js';
import { LICENSE_RULES as R } from './rules.js';

/** Options of the data checks. */
export interface DataCheckOptions {
  readonly mode?: ValidationMode;
  /** Validation time (default now). */
  readonly at?: Date;
  /** The type profile; without one the profile rules are `not-applicable` (lenient) or a warning (strict). */
  readonly profile?: LicenseProfile;
  /** Passed to the identifier check (vendor check variants in lenient mode). */
  readonly identifier?: Pick<IdentifierOptions, 'legacyCheck' | 'maxSerialLength'>;
}

const t = (zh: string, en: string): LocalizedText => ({ zh, en });

/** The value of a surface field in a code set: the code or its label. Returns the label when known. */
function codeSetLabel(profile: LicenseProfile, f: ProfileField, value: string): string | undefined {
  const set = f.codeSet ? profile.codeSets[f.codeSet] : undefined;
  if (!set) return value;
  if (value in set) return set[value];
  return Object.values(set).includes(value) ? value : undefined;
}

/** Adds the data findings for `m` to `b`. */
export function checkLicenseData(b: ReportBuilder, m: LicenseMetadata, o: DataCheckOptions = {}): void {
  const mode = o.mode ?? 'strict';
  const at = o.at ?? new Date();
  const today = chinaDay(at);
  const where = (field: string) => ({ location: { field } });

  // identifier
  const id = validateIdentifier(m.identifier, { mode, ...o.identifier });
  const fmt = id.reasons.filter(
    (x) => x.code !== 'ERR_LIC_ID_CHECK' && !x.code.startsWith('WARN_LIC_ID_CHECK'),
  );
  const chk = id.reasons.filter(
    (x) => x.code === 'ERR_LIC_ID_CHECK' || x.code.startsWith('WARN_LIC_ID_CHECK'),
  );
  for (const [rule, list] of [
    [R.idFormat, fmt],
    [R.idCheck, chk],
  ] as const) {
    const errors = list.filter((x) => x.severity === 'error');
    if (errors.length)
      b.fail(rule, errors[0]!.message, {
        ...where('identifier'),
        data: {
          reasons: errors.map((x) => x.code),
          expected: errors[0]!.expected,
          actual: errors[0]!.actual,
        },
      });
    else if (list.length)
      for (const w of list)
        b.warn(rule, w.message, {
          ...where('identifier'),
          tolerated: w.tolerated ?? w.code,
          data: { reason: w.code },
        });
    else if (rule === R.idCheck && (id.segments === undefined || id.expectedCheck === undefined))
      b.indeterminate(
        rule,
        t('标识结构无法读取，未检查校验位', 'identifier structure unreadable: check character not checked'),
        where('identifier'),
      );
    else
      b.pass(
        rule,
        rule === R.idCheck
          ? t(`校验位 ${id.segments?.check} 正确`, `check character ${id.segments?.check} correct`)
          : t('标识结构正确', 'identifier structure correct'),
        where('identifier'),
      );
  }
  if (id.segments) {
    const bad: string[] = [];
    if (id.segments.typeCode !== m.typeCode) bad.push(`typeCode ${id.segments.typeCode} ≠ ${m.typeCode}`);
    if (id.segments.issuerCode !== m.issuerCode)
      bad.push(`issuerCode ${id.segments.issuerCode} ≠ ${m.issuerCode}`);
    if (bad.length)
      b.fail(
        R.idConsistent,
        t(
          `标识与元数据不一致：${bad.join('；')}`,
          `identifier disagrees with the metadata: ${bad.join('; ')}`,
        ),
        where('identifier'),
      );
    else
      b.pass(
        R.idConsistent,
        t(
          '标识的类型代码、颁发机构代码与元数据一致',
          'identifier type and issuer codes agree with the metadata',
        ),
      );
  } else b.indeterminate(R.idConsistent, t('标识结构无法读取', 'identifier structure unreadable'));

  // holders
  m.holders.forEach((h, i) => {
    const v = validateHolderCode(h.code, h.typeCode, { mode, referenceDate: today });
    const errs = v.reasons.filter((x) => x.severity === 'error');
    const field = `holders.${i}.code`;
    if (errs.length)
      b.fail(
        R.holderCode,
        t(
          `持证主体 ${h.name} 的代码无效：${errs[0]!.message.zh}`,
          `holder ${h.name}: invalid code: ${errs[0]!.message.en}`,
        ),
        { ...where(field), data: { reasons: errs.map((x) => x.code) } },
      );
    else if (v.reasons.length)
      for (const w of v.reasons)
        b.warn(R.holderCode, w.message, { ...where(field), tolerated: w.tolerated ?? w.code });
    else
      b.pass(
        R.holderCode,
        t(`持证主体 ${h.name} 的代码有效（${h.typeCode}）`, `holder ${h.name}: code valid (${h.typeCode})`),
        where(field),
      );
  });

  // profile
  const p = o.profile;
  if (!p) {
    const msg = t(
      '未找到该证照类型的配置，照面字段、编号规则和状态未检查',
      'no profile for this licence type: surface fields, number rule and status not checked',
    );
    if (mode === 'strict') b.warn(R.profileKnown, msg, { tolerated: 'unknown licence type' });
    else b.notApplicable(R.profileKnown, msg);
  } else {
    b.pass(R.profileKnown, t(`证照类型配置：${p.id}`, `licence type profile: ${p.id}`), {
      data: { profile: p.id },
    });
    const badTypes = m.holders.filter((h) => !p.holderTypeCodes.includes(h.typeCode));
    if (badTypes.length)
      b.fail(
        R.profileHolderType,
        t(
          `持证主体代码类型 ${badTypes.map((h) => h.typeCode).join('、')} 不在该证照允许的 ${p.holderTypeCodes.join('/')} 中`,
          `holder code types ${badTypes.map((h) => h.typeCode).join(', ')} not among the allowed ${p.holderTypeCodes.join('/')}`,
        ),
        where('holders'),
      );
    else b.pass(R.profileHolderType, t('持证主体代码类型允许', 'holder code types allowed'));
    const problems: string[] = [];
    const s = m.surface ?? {};
    for (const f of p.fields) {
      const v = s[f.key];
      if (v === undefined || v === '') {
        if (f.required) problems.push(`${f.label}(${f.key}) 缺失/missing`);
        continue;
      }
      if (f.type === 'date') {
        try {
          normalizeDate(v, f.key);
        } catch {
          problems.push(`${f.label}(${f.key}) 不是日期/not a date: ${v}`);
        }
      }
      if (f.codeSet && codeSetLabel(p, f, v) === undefined)
        problems.push(`${f.label}(${f.key}) 不在代码集/not in code set ${f.codeSet}: ${v}`);
      if (f.pattern && !new RegExp(f.pattern, 'u').test(v))
        problems.push(`${f.label}(${f.key}) 格式不符/does not match ${f.pattern}: ${v}`);
    }
    const unknown = Object.keys(s).filter((k) => !p.fields.some((f) => f.key === k));
    if (problems.length)
      b.fail(
        R.profileFields,
        t(`照面字段问题：${problems.join('；')}`, `surface field problems: ${problems.join('; ')}`),
        { ...where('surface'), data: { problems } },
      );
    else if (unknown.length)
      b.warn(
        R.profileFields,
        t(
          `照面中有配置未定义的字段：${unknown.join('、')}`,
          `surface fields not in the profile: ${unknown.join(', ')}`,
        ),
        { ...where('surface'), tolerated: 'extra surface fields' },
      );
    else b.pass(R.profileFields, t('照面字段齐全且格式正确', 'surface fields complete and well-formed'));
    if (p.numberRule) {
      if (new RegExp(p.numberRule.pattern, 'u').test(m.number))
        b.pass(R.profileNumber, t('证照编号符合规则', 'certificate number follows the rule'));
      else
        b.fail(
          R.profileNumber,
          t(
            `证照编号 ${m.number} 不符合规则：${p.numberRule.description}`,
            `certificate number ${m.number} does not follow the rule: ${p.numberRule.description}`,
          ),
          { ...where('number'), data: { pattern: p.numberRule.pattern } },
        );
    } else b.notApplicable(R.profileNumber, t('该配置未规定编号规则', 'the profile has no number rule'));
    if (m.status === undefined)
      b.warn(R.status, t('元数据中没有证照状态', 'no status in the metadata'), {
        tolerated: 'status absent',
      });
    else if (!(m.status in p.statusCodes))
      b.fail(
        R.status,
        t(`未知的证照状态代码 ${m.status}`, `unknown status code ${m.status}`),
        where('status'),
      );
    else if (!p.validStatus.includes(m.status))
      b.fail(
        R.status,
        t(
          `证照状态为“${p.statusCodes[m.status]}”（${m.status}），不是有效状态`,
          `status is "${p.statusCodes[m.status]}" (${m.status}), not in force`,
        ),
        where('status'),
      );
    else
      b.pass(
        R.status,
        t(`证照状态：${p.statusCodes[m.status]}`, `status: ${p.statusCodes[m.status]} (${m.status})`),
      );
  }

  // dates
  const order: string[] = [];
  if (m.effectiveDate && m.effectiveDate < m.issueDate && mode === 'strict')
    order.push(`起始日期 ${m.effectiveDate} 早于颁发日期 ${m.issueDate} / effective date before issue date`);
  const start = m.effectiveDate ?? m.issueDate;
  if (m.expiryDate && m.expiryDate !== LONG_TERM && m.expiryDate < start)
    order.push(`截止日期 ${m.expiryDate} 早于起始日期 ${start} / expiry before start`);
  if (p) {
    for (const c of p.constraints) {
      const get = (k: string) => (k === '$issueDate' ? m.issueDate : m.surface?.[k]);
      const a = get(c.field);
      const z = get(c.than);
      if (a && z) {
        try {
          if (
            normalizeDate(a) <= normalizeDate(z) &&
            !(c.than === '$issueDate' && normalizeDate(a) === normalizeDate(z))
          )
            order.push(`${c.field} ${a} 应晚于 ${c.than} ${z} / must be after`);
        } catch {
          // malformed dates are reported by the surface-field rule
        }
      }
    }
  }
  if (order.length)
    b.fail(R.dates, t(`日期顺序错误：${order.join('；')}`, `wrong date order: ${order.join('; ')}`));
  else b.pass(R.dates, t('日期先后顺序正确', 'dates in order'));
  if (start > today)
    b.fail(
      R.validity,
      t(
        `证照自 ${start} 起有效，验证日为 ${today}`,
        `the licence is valid from ${start}; validation day ${today}`,
      ),
      { data: { start, at: today } },
    );
  else if (m.expiryDate && m.expiryDate !== LONG_TERM && m.expiryDate < today)
    b.fail(R.validity, t(`证照已于 ${m.expiryDate} 到期`, `the licence expired on ${m.expiryDate}`), {
      data: { expiry: m.expiryDate, at: today },
    });
  else
    b.pass(
      R.validity,
      t(
        `验证日 ${today} 在有效期内（至 ${m.expiryDate ?? '未规定'}）`,
        `validation day ${today} within the validity period (until ${m.expiryDate ?? 'unspecified'})`,
      ),
    );

  // copy
  if (m.copy) {
    const now = chinaDateTime(at);
    if (m.copy.expiringTime < now)
      b.fail(
        R.copyExpiry,
        t(`加注件已于 ${m.copy.expiringTime} 过期`, `the annotated copy expired at ${m.copy.expiringTime}`),
        { data: { expiringTime: m.copy.expiringTime, at: now } },
      );
    else
      b.pass(
        R.copyExpiry,
        t(`加注件有效至 ${m.copy.expiringTime}`, `annotated copy valid until ${m.copy.expiringTime}`),
      );
    if (m.copy.creationTime > m.copy.expiringTime)
      b.fail(
        R.copyMeta,
        t('加注件制作时间晚于有效期截止时间', 'copy creation time after its expiry'),
        where('copy'),
      );
  }
}

/**
 * Validates licence data (before issuing or from a sharing service) without a file.
 *
 * @example
 * ```ts
 * import { validateLicenseData, JZSG_SPECIAL_OPERATIONS } from '@gbkit/e-license';
 * // validateLicenseData(data, { profile: JZSG_SPECIAL_OPERATIONS }).ok
 * ```
 */
export function validateLicenseData(input: unknown, o: DataCheckOptions = {}): Report {
  const b = new ReportBuilder('license data');
  let m: LicenseMetadata;
  try {
    m = normalizeMetadata(input as Record<string, unknown>);
  } catch (e) {
    const err = e as { text?: LocalizedText; location?: { field?: string } };
    return b
      .fail(R.metaSchema, err.text ?? t('元数据无效', 'invalid metadata'), {
        location: { field: err.location?.field ?? 'metadata' },
      })
      .build();
  }
  b.pass(R.metaSchema, t('元数据符合核心元素模型', 'metadata fits the core model'));
  checkLicenseData(b, m, o);
  return b.build();
}
