/**
 * Issuing an e-licence file (制证 → 签发, research §7): profile + data → metadata (identifier built when
 * absent, defaults from the profile), checked, rendered as an A4 OFD with the metadata in
 * `DocInfo/CustomDatas` (pinyin tags, research §3.1/§5.2), then sealed with `@gbkit/e-seal`'s
 * `signOfd`. The output depends only on the input, apart from the signing time and the signature value.
 * @module
 */
import { InvalidArgumentError, ReportBuilder, type ValidationMode } from '@gbkit/core';
import { type SigningIdentity, signOfd } from '@gbkit/e-seal';
import { type FontInput, OfdBuilder } from '@gbkit/ofd';
import { parseValidityRange } from './catalogue.js';
import { checkLicenseData } from './checks.js';
import { chinaDay, type DateFormat, LONG_TERM, normalizeDate } from './dates.js';
import { buildIdentifier } from './identifier.js';
import { drawLicensePage, PAGE } from './layout.js';
import { type LicenseMetadata, normalizeMetadata } from './metadata.js';
import type { LicenseProfile } from './profile.js';
import { metadataToPairs } from './serialize.js';

/** Licence data as given to {@link issueLicense}: metadata with optional parts the profile or the serial fill in. */
export interface LicenseData {
  readonly name?: string;
  readonly typeCode?: string;
  readonly number: string;
  /** 证照标识; built from type code, issuer code, `serial` and `version` when absent. */
  readonly identifier?: string;
  readonly serial?: string;
  readonly version?: number;
  readonly issuerName: string;
  readonly issuerCode: string;
  readonly issueDate: string;
  readonly holders: readonly {
    readonly name: string;
    readonly code: string;
    readonly typeCode: string;
    readonly typeName?: string;
  }[];
  readonly effectiveDate?: string;
  readonly expiryDate?: string;
  readonly areaCode?: string;
  readonly status?: string;
  readonly predecessor?: string;
  readonly surface?: Readonly<Record<string, string>>;
  readonly copy?: LicenseMetadata['copy'];
}

/** Adds a validity range (`N年|N月|N天`) to a canonical start day; the result is the last day of validity. */
export function addValidity(start: string, range: string): string {
  const r = parseValidityRange(range)?.[0];
  if (!r)
    throw new InvalidArgumentError('ERR_LIC_VALIDITY_RANGE', {
      zh: `有效期限范围无效：${range}`,
      en: `invalid validity range: ${range}`,
    });
  if (r.unit === '长期') return LONG_TERM;
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (r.unit === '年') dt.setUTCFullYear(dt.getUTCFullYear() + r.amount);
  else if (r.unit === '月') dt.setUTCMonth(dt.getUTCMonth() + r.amount);
  else dt.setUTCDate(dt.getUTCDate() + r.amount);
  dt.setUTCDate(dt.getUTCDate() - 1);
  return dt.toISOString().slice(0, 10);
}

/**
 * Completes licence data with the profile's defaults (name, type code, validity, status `validStatus[0]`)
 * and builds the identifier when absent. Returns the canonical metadata.
 */
export function completeLicenseData(profile: LicenseProfile, data: LicenseData): LicenseMetadata {
  const typeCode = data.typeCode ?? profile.typeCode;
  if (!typeCode) {
    throw new InvalidArgumentError(
      'ERR_LIC_TYPE_CODE_MISSING',
      {
        zh: `配置 ${profile.id} 没有证照类型代码，须在数据中给出 typeCode`,
        en: `profile ${profile.id} has no type code: give typeCode in the data`,
      },
      { location: { field: 'typeCode' } },
    );
  }
  let identifier = data.identifier;
  if (!identifier) {
    if (!data.serial)
      throw new InvalidArgumentError(
        'ERR_LIC_SERIAL_MISSING',
        { zh: '没有证照标识时须给出流水号 serial', en: 'give a serial when no identifier is given' },
        { location: { field: 'serial' } },
      );
    identifier = buildIdentifier({
      typeCode,
      issuerCode: data.issuerCode,
      serial: data.serial,
      version: data.version ?? 1,
    });
  }
  let expiryDate = data.expiryDate;
  if (expiryDate === undefined && profile.validity)
    expiryDate = addValidity(
      normalizeDate(data.effectiveDate ?? data.issueDate, 'effectiveDate'),
      profile.validity,
    );
  const { serial: _s, version: _v, ...rest } = data;
  return normalizeMetadata({
    ...rest,
    name: data.name ?? profile.name,
    typeCode,
    identifier,
    ...(expiryDate !== undefined ? { expiryDate } : {}),
    status: data.status ?? profile.validStatus[0],
  } as Record<string, unknown>);
}

/** Options of {@link renderLicenseOfd} and {@link issueLicense}. */
export interface IssueOptions {
  readonly profile: LicenseProfile;
  readonly data: LicenseData | LicenseMetadata;
  /** How dates are written in the embedded metadata (default `YYYY-MM-DD`). */
  readonly dateFormat?: DateFormat;
  /** A font (program optional) for the text; default 宋体 by name, not embedded. */
  readonly font?: FontInput;
  /** Check the data first and refuse to issue on a failed rule (default true). */
  readonly check?: boolean;
  /** Mode of that check (default strict). */
  readonly mode?: ValidationMode;
  /** Day the check uses for validity (default now). */
  readonly at?: Date;
  /** Watermark text (annotated copies). */
  readonly watermark?: string;
}

/** The QR payload of a licence: its identifier, or the profile's verification URL. */
export function qrPayload(profile: LicenseProfile, m: LicenseMetadata): string {
  return profile.qr.content === 'url' && profile.qr.urlTemplate
    ? profile.qr.urlTemplate.replace('{identifier}', encodeURIComponent(m.identifier))
    : m.identifier;
}

/** Renders the unsigned OFD of a licence; returns the bytes and the metadata embedded. */
export function renderLicenseOfd(o: IssueOptions): { ofd: Uint8Array; metadata: LicenseMetadata } {
  const m = completeLicenseData(o.profile, o.data as LicenseData);
  if (o.check ?? true) {
    const b = new ReportBuilder(m.identifier);
    checkLicenseData(b, m, { profile: o.profile, mode: o.mode ?? 'strict', ...(o.at ? { at: o.at } : {}) });
    const failed = b
      .build()
      .findings.filter(
        (f) => f.status === 'failed' && f.ruleId !== 'LIC-VALIDITY' && f.ruleId !== 'LIC-COPY-EXPIRY',
      );
    if (failed.length) {
      const f = failed[0]!;
      throw new InvalidArgumentError(
        'ERR_LIC_DATA_INVALID',
        {
          zh: `证照数据未通过 ${f.ruleId}：${f.message.zh}`,
          en: `licence data fails ${f.ruleId}: ${f.message.en}`,
        },
        { location: { field: f.location?.field ?? 'data' }, details: { findings: failed } },
      );
    }
  }
  const b = new OfdBuilder({
    docInfo: {
      title: m.name,
      author: m.issuerName,
      creationDate: m.issueDate,
      docUsage: 'ElectronicLicense',
      keywords: [m.identifier],
      creator: 'gbkit e-license',
      customData: metadataToPairs(m, { dateFormat: o.dateFormat ?? 'YYYY-MM-DD' }),
    },
    pageSize: { width: PAGE.width, height: PAGE.height },
  });
  drawLicensePage(b, o.profile, m, {
    qr: qrPayload(o.profile, m),
    ...(o.font ? { font: o.font } : {}),
    ...(o.watermark ? { watermark: o.watermark } : {}),
  });
  return { ofd: b.build(), metadata: m };
}

/** Options of {@link issueLicense}: rendering plus the seal. */
export interface IssueSealOptions extends IssueOptions {
  /** The issuing agency's signing identity (SM2 key + certificate listed in the seal). */
  readonly signer: SigningIdentity;
  /** The agency's seal (`.esl` DER). */
  readonly seal: Uint8Array;
  /** Signing time (default now). */
  readonly signingTime?: Date;
}

/**
 * Issues a sealed OFD e-licence.
 *
 * @example
 * ```ts
 * import { issueLicense, TZSB_USE_REGISTRATION, validateLicenseFile } from '@gbkit/e-license';
 * // const ofd = issueLicense({ profile: TZSB_USE_REGISTRATION, data, signer, seal });
 * // (await validateLicenseFile(ofd, { policy: { trustAnchors: [caDer] } })).report.ok === true
 * ```
 */
export function issueLicense(o: IssueSealOptions): Uint8Array {
  const { ofd } = renderLicenseOfd(o);
  return signOfd(ofd, {
    signer: o.signer,
    seal: o.seal,
    type: 'Seal',
    stamps: [{ page: 0, x: PAGE.seal.x, y: PAGE.seal.y, width: PAGE.seal.size, height: PAGE.seal.size }],
    ...(o.signingTime ? { signingTime: o.signingTime } : {}),
  });
}

/** Today's canonical day in China (helper for callers filling `issueDate`). */
export function todayInChina(at: Date = new Date()): string {
  return chinaDay(at);
}
