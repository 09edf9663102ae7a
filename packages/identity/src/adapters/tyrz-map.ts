/**
 * Mapping of the Guangdong unified identity platform's `tokeninfo` body (`userobj`, `pareobj`,
 * `user_creditable_level`, `extproperties` with `-1` as absent) into the common identity model. Pure
 * functions, browser-safe; the HTTP client is `TyrzClient` in `@gbkit/identity/node`.
 * @module
 */
import { FormatError } from '@gbkit/core';
import { type CertTypeTable, defaultCertTypeTable } from '../cert-types.js';
import { type AssuranceLevel, compareLevels, isAssuranceLevel, parseLevelWays } from '../levels.js';
import type { Identity, LegalEntity, NaturalPerson, ParentAccount } from '../model.js';

/** A `userobj` / `pareobj` as sent: lowercase LDAP-like attribute names. */
export type TyrzUserObject = Readonly<Record<string, unknown>>;

/** The body of a `tokeninfo` answer after unwrapping the envelope. */
export interface TyrzTokenInfo {
  readonly userobj: TyrzUserObject;
  readonly pareobj?: TyrzUserObject;
  readonly user_creditable_level?: Readonly<Record<string, unknown>>;
  /** The envelope fields (`sign`, `time_stamp`, `version` …). */
  readonly envelope: Readonly<Record<string, unknown>>;
}

/** Values the platform uses for "absent". */
export const ABSENT = new Set(['', '-1', 'null', 'undefined']);

/** A string attribute, with the platform's absent markers (`-1`, empty) turned into undefined. */
export function attr(obj: TyrzUserObject | undefined, name: string): string | undefined {
  const v = obj?.[name];
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return ABSENT.has(s) ? undefined : s;
}

/**
 * Parses `extproperties` (a list of `key=value` strings, or one string joined by `,`/`;`) into a record;
 * values `-1` mean absent and are dropped.
 * @example
 * ```ts
 * parseExtProperties(['address=广州', 'legal_code=-1']); // { address: '广州' }
 * ```
 */
export function parseExtProperties(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  let items: unknown[] = [];
  if (Array.isArray(value)) items = value;
  else if (typeof value === 'string') items = value.split(/[;,]/);
  else if (value && typeof value === 'object')
    items = Object.entries(value).map(([k, v]) => `${k}=${String(v)}`);
  for (const item of items) {
    const s = String(item);
    const eq = s.indexOf('=');
    if (eq <= 0) continue;
    const key = s.slice(0, eq).trim();
    const val = s.slice(eq + 1).trim();
    if (!ABSENT.has(val)) out[key] = val;
  }
  return out;
}

function levelOf(user: TyrzUserObject, info?: TyrzTokenInfo): { level?: AssuranceLevel; methods: string[] } {
  const ways = parseLevelWays(attr(user, 'creditable_level_of_account_way'));
  const candidates: AssuranceLevel[] = [];
  const direct = attr(user, 'creditable_level_of_account')?.toUpperCase();
  if (direct && isAssuranceLevel(direct)) candidates.push(direct);
  if (ways.highest) candidates.push(ways.highest);
  const methods = [...ways.methods];
  const list = info?.user_creditable_level?.creditable_level_of_account_way_list;
  if (Array.isArray(list)) {
    for (const w of list as Record<string, unknown>[]) {
      const lv = String(w.identity_level ?? '').toUpperCase();
      if (isAssuranceLevel(lv)) candidates.push(lv);
      const m = attr(w, 'way_code');
      if (m && !methods.includes(m)) methods.push(m);
    }
  }
  // The account's own field wins; the way list only fills in when it is missing.
  const level =
    direct && isAssuranceLevel(direct) ? direct : candidates.sort((a, b) => compareLevels(b, a))[0];
  return level ? { level, methods } : { methods };
}

function realName(user: TyrzUserObject, level: AssuranceLevel | undefined): boolean {
  const v = attr(user, 'isreal');
  if (v !== undefined) return v === 'true' || v === '1';
  return level !== undefined && level !== 'L0';
}

function parentOf(pare: TyrzUserObject | undefined, ext: Record<string, string>): ParentAccount | undefined {
  const p: Record<string, string> = {};
  const userCode = attr(pare, 'useridcode') ?? ext.parent_uidcode;
  if (userCode) p.userCode = userCode;
  const username = attr(pare, 'uid');
  if (username) p.username = username;
  const name = attr(pare, 'cn');
  if (name) p.name = name;
  const certNumber = attr(pare, 'idcardnumber');
  if (certNumber) p.certNumber = certNumber;
  return Object.keys(p).length > 0 ? p : undefined;
}

/** Drops undefined members (mutates and returns the object). */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * Maps a `tokeninfo` body into the common model: `usertype` 1 → {@link NaturalPerson}, 2 →
 * {@link LegalEntity} (with the legal representative from `legal_*`, the 经办人 from `link_person_*` and the
 * parent account from `pareobj` / `parent_uidcode`). Unknown attributes land in `extensions`.
 * @throws FormatError `ERR_TYRZ_USER` when `userobj` lacks the name or certificate fields.
 */
export function identityFromTyrz(
  info: TyrzTokenInfo,
  certTypes: CertTypeTable = defaultCertTypeTable,
): Identity {
  const u = info.userobj;
  const ext = parseExtProperties(u.extproperties);
  const { level, methods } = levelOf(u, info);
  const name = attr(u, 'cn');
  const certNumber = attr(u, 'idcardnumber');
  const certCode = attr(u, 'idcardtype');
  const usertype = attr(u, 'usertype') ?? '1';
  if (!name || !certNumber || !certCode) {
    const missing = !name ? 'cn' : !certNumber ? 'idcardnumber' : 'idcardtype';
    throw new FormatError(
      'ERR_TYRZ_USER',
      { zh: `tokeninfo 的 userobj 缺少 ${missing}`, en: `tokeninfo userobj lacks ${missing}` },
      { location: { field: `userobj.${missing}` } },
    );
  }
  const base = compact({
    userCode: attr(u, 'useridcode'),
    username: attr(u, 'uid'),
    realNameVerified: realName(u, level),
    level,
    methods,
    mobile: attr(u, 'telephonenumber'),
    email: attr(u, 'mail'),
    certType: certTypes.fromGuangdong(certCode),
    certNumber,
    certValidFrom: ext.cert_eff_date ?? ext.cert_start_date,
    certValidTo: ext.cert_ext_date ?? ext.cert_end_date,
    source: 'tyrz',
    extensions: ext,
  });
  if (usertype === '2') {
    const legalName = ext.legal_person;
    const legalCertCode = ext.legal_id_type;
    const agentName = attr(u, 'link_person_name') ?? ext.link_person_name;
    const agentCertCode = ext.link_person_type;
    const agentCert = ext.link_person_code;
    const entity: LegalEntity = compact({
      ...base,
      kind: 'entity' as const,
      name,
      uscc: base.certType === 'uscc' ? certNumber : undefined,
      address: ext.address,
      accountType: ext.accout_type ?? ext.account_type,
      channel: ext.origin,
      legalRepresentative: legalName
        ? compact({
            name: legalName,
            certType: legalCertCode ? certTypes.fromGuangdong(legalCertCode) : undefined,
            certNumber: ext.legal_code,
          })
        : undefined,
      agent:
        agentName && agentCert
          ? ({
              kind: 'person',
              name: agentName,
              certType: certTypes.fromGuangdong(agentCertCode ?? '10'),
              certNumber: agentCert,
              realNameVerified: false,
              source: 'tyrz',
            } satisfies NaturalPerson)
          : undefined,
      parentAccount: parentOf(info.pareobj, ext),
    });
    return entity;
  }
  const person: NaturalPerson = compact({
    ...base,
    kind: 'person' as const,
    name,
    address: ext.address,
    region: ext.area,
  });
  return person;
}
