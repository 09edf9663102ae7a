/**
 * Certificate-type codes (证件类型): the canonical kinds gbkit uses, the Guangdong unified identity
 * platform's codes (`idcardtype`: `10`, `49`, `50`, `51`, `60`, `80` [S]) and the national n3 codes of
 * GA/T 2000.156 required by GB/T 39046 (values below are the ones in common use but were not read in the
 * standard [U]), in one configurable table.
 *
 * @example
 * ```ts
 * import { defaultCertTypeTable } from '@gbkit/identity';
 * defaultCertTypeTable.fromGuangdong('10'); // 'resident-id-card'
 * defaultCertTypeTable.toGuangdong('uscc'); // '49'
 * ```
 * @module
 */
import { FormatError, type LocalizedText } from '@gbkit/core';

/** Canonical certificate kinds. Other strings are allowed for kinds added through a custom table. */
export type CertKind =
  | 'resident-id-card'
  | 'temporary-resident-id-card'
  | 'household-register'
  | 'passport'
  | 'hk-macao-permit'
  | 'taiwan-permit'
  | 'foreign-permanent-residence'
  | 'uscc'
  | 'organization-code'
  | 'business-licence'
  | 'tax-registration'
  | 'other-organization'
  | (string & {});

/** One row of a certificate-type table. */
export interface CertTypeEntry {
  readonly kind: CertKind;
  /** Whose certificate it is. */
  readonly subject: 'person' | 'entity';
  readonly label: LocalizedText;
  /** The Guangdong tyrz `idcardtype` code, when it has one. */
  readonly guangdong?: string;
  /** The national n3 code (GA/T 2000.156), when known. */
  readonly national?: string;
  /** Which number validator applies: GB 11643 citizen ID, GB 32100 USCC, or none. */
  readonly validator?: 'citizen-id' | 'uscc';
}

/**
 * The default table. Guangdong codes are from public integration code [S]; national codes are the ones in
 * common use in GA/T 2000.156 / GA/T 517 practice, not read in the standard [U]; replace them with
 * {@link createCertTypeTable} when the text is available.
 */
export const DEFAULT_CERT_TYPES: readonly CertTypeEntry[] = Object.freeze([
  {
    kind: 'resident-id-card',
    subject: 'person',
    label: { zh: '居民身份证', en: 'resident identity card' },
    guangdong: '10',
    national: '111',
    validator: 'citizen-id',
  },
  {
    kind: 'temporary-resident-id-card',
    subject: 'person',
    label: { zh: '临时居民身份证', en: 'temporary resident identity card' },
    national: '112',
    validator: 'citizen-id',
  },
  {
    kind: 'household-register',
    subject: 'person',
    label: { zh: '户口簿', en: 'household register' },
    national: '113',
  },
  { kind: 'passport', subject: 'person', label: { zh: '普通护照', en: 'passport' }, national: '414' },
  {
    kind: 'hk-macao-permit',
    subject: 'person',
    label: { zh: '港澳居民来往内地通行证', en: 'Mainland travel permit for HK and Macao residents' },
    national: '516',
  },
  {
    kind: 'taiwan-permit',
    subject: 'person',
    label: { zh: '台湾居民来往大陆通行证', en: 'Mainland travel permit for Taiwan residents' },
    national: '511',
  },
  {
    kind: 'foreign-permanent-residence',
    subject: 'person',
    label: { zh: '外国人永久居留身份证', en: 'foreign permanent resident ID card' },
    national: '553',
  },
  {
    kind: 'uscc',
    subject: 'entity',
    label: { zh: '统一社会信用代码', en: 'unified social credit code' },
    guangdong: '49',
    validator: 'uscc',
  },
  {
    kind: 'organization-code',
    subject: 'entity',
    label: { zh: '组织机构代码证', en: 'organization code certificate' },
    guangdong: '50',
  },
  {
    kind: 'business-licence',
    subject: 'entity',
    label: { zh: '工商营业执照', en: 'business licence' },
    guangdong: '51',
  },
  {
    kind: 'tax-registration',
    subject: 'entity',
    label: { zh: '税务登记证', en: 'tax registration certificate' },
    guangdong: '60',
  },
  {
    kind: 'other-organization',
    subject: 'entity',
    label: { zh: '其他有效机构身份证件', en: 'other valid organization identity document' },
    guangdong: '80',
  },
]);

/** A lookup over a certificate-type table. */
export interface CertTypeTable {
  readonly entries: readonly CertTypeEntry[];
  /** The entry of a canonical kind. */
  get(kind: CertKind): CertTypeEntry | undefined;
  /** Guangdong code → canonical kind; throws `ERR_CERT_TYPE_UNKNOWN` for an unmapped code. */
  fromGuangdong(code: string): CertKind;
  /** Canonical kind → Guangdong code (undefined when the platform has none). */
  toGuangdong(kind: CertKind): string | undefined;
  /** National n3 code → canonical kind; throws `ERR_CERT_TYPE_UNKNOWN`. */
  fromNational(code: string): CertKind;
  /** Canonical kind → national n3 code (undefined when unknown). */
  toNational(kind: CertKind): string | undefined;
}

function unknown(code: string, scheme: LocalizedText): FormatError {
  return new FormatError(
    'ERR_CERT_TYPE_UNKNOWN',
    {
      zh: `未知的${scheme.zh}证件类型代码“${code}”`,
      en: `unknown ${scheme.en} certificate type code "${code}"`,
    },
    { location: { field: 'idcardtype' }, details: { code, scheme: scheme.en } },
  );
}

/**
 * Builds a table; pass the default rows with your changes to override codes (e.g. once GA/T 2000.156 is
 * confirmed).
 * @example
 * ```ts
 * const table = createCertTypeTable([...DEFAULT_CERT_TYPES, { kind: 'military-id', subject: 'person', label: { zh: '军官证', en: 'officer ID' }, guangdong: '20' }]);
 * table.fromGuangdong('20'); // 'military-id'
 * ```
 */
export function createCertTypeTable(entries: readonly CertTypeEntry[]): CertTypeTable {
  const byKind = new Map<string, CertTypeEntry>();
  const byGd = new Map<string, CertTypeEntry>();
  const byNat = new Map<string, CertTypeEntry>();
  for (const e of entries) {
    byKind.set(e.kind, e);
    if (e.guangdong !== undefined) byGd.set(e.guangdong, e);
    if (e.national !== undefined) byNat.set(e.national, e);
  }
  return Object.freeze({
    entries: Object.freeze([...entries]),
    get: (kind: CertKind) => byKind.get(kind),
    fromGuangdong(code: string) {
      const e = byGd.get(code.trim());
      if (!e) throw unknown(code, { zh: '广东', en: 'Guangdong' });
      return e.kind;
    },
    toGuangdong: (kind: CertKind) => byKind.get(kind)?.guangdong,
    fromNational(code: string) {
      const e = byNat.get(code.trim());
      if (!e) throw unknown(code, { zh: '国家', en: 'national' });
      return e.kind;
    },
    toNational: (kind: CertKind) => byKind.get(kind)?.national,
  });
}

/** The table built from {@link DEFAULT_CERT_TYPES}. */
export const defaultCertTypeTable: CertTypeTable = createCertTypeTable(DEFAULT_CERT_TYPES);
