/**
 * 加注件 (annotated copy, research §3.1 #14–17 and §7): a copy of an issued licence carrying the copy
 * metadata (制作时间, 制作者, 制作事由 ≤ 200 characters, 有效期截止时间) and a visible watermark of the
 * use purpose, re-sealed by the issuing system. Lifecycle helpers: the next version of a licence (版本号
 * 001 → 002) linked to its predecessor.
 * @module
 */
import { InvalidArgumentError } from '@gbkit/core';
import type { SigningIdentity } from '@gbkit/e-seal';
import { openOfd } from '@gbkit/ofd';
import { chinaDateTime, normalizeDateTime } from './dates.js';
import { nextVersionIdentifier } from './identifier.js';
import { issueLicense, type LicenseData } from './issue.js';
import { displayDate } from './layout.js';
import type { LicenseMetadata } from './metadata.js';
import { type LicenseProfile, ProfileRegistry } from './profile.js';
import { BUILTIN_PROFILES } from './profiles/index.js';
import { metadataFromPairs } from './serialize.js';

/** Options of {@link makeAnnotatedCopy}. */
export interface AnnotatedCopyOptions {
  /** 加注件制作事由 (use purpose), 1–200 characters; printed as the watermark. */
  readonly purpose: string;
  /** 加注件制作者. */
  readonly creator: string;
  /** 加注件有效期截止时间 (`YYYY-MM-DD HH:mm:ss`, `YYYYMMDDhhmmss`, or a `Date`). */
  readonly expires: string | Date;
  /** 加注件制作时间 (default now). */
  readonly createdAt?: Date;
  readonly signer: SigningIdentity;
  readonly seal: Uint8Array;
  readonly signingTime?: Date;
  readonly profiles?: ProfileRegistry | readonly LicenseProfile[];
}

/** Reads the metadata embedded in a licence OFD (throws `FormatError` when absent or malformed). */
export function readLicenseMetadata(ofd: Uint8Array): LicenseMetadata {
  return metadataFromPairs(openOfd(ofd).docInfo.customDatas).metadata;
}

/**
 * Makes an annotated copy of an issued licence: same content, the copy metadata added, the purpose
 * drawn as a watermark, sealed again.
 *
 * @example
 * ```ts
 * import { makeAnnotatedCopy } from '@gbkit/e-license';
 * // const copy = makeAnnotatedCopy(ofd, { purpose: '用于办理电梯维保合同备案', creator: '某区政务服务中心', expires: '2026-12-31 23:59:59', signer, seal });
 * ```
 */
export function makeAnnotatedCopy(original: Uint8Array, o: AnnotatedCopyOptions): Uint8Array {
  const purpose = o.purpose.trim();
  if ([...purpose].length < 1 || [...purpose].length > 200) {
    throw new InvalidArgumentError(
      'ERR_LIC_COPY_CAUSE',
      { zh: '加注件制作事由应为 1–200 个字符', en: 'the copy purpose must be 1–200 characters' },
      { location: { field: 'purpose' } },
    );
  }
  const m = readLicenseMetadata(original);
  if (m.copy)
    throw new InvalidArgumentError('ERR_LIC_COPY_OF_COPY', {
      zh: '不能对加注件再制作加注件',
      en: 'cannot make a copy of an annotated copy',
    });
  const registry =
    o.profiles instanceof ProfileRegistry ? o.profiles : new ProfileRegistry(o.profiles ?? BUILTIN_PROFILES);
  const profile = registry.find(m.typeCode, m.name);
  if (!profile)
    throw new InvalidArgumentError(
      'ERR_LIC_PROFILE_UNKNOWN',
      { zh: `没有证照类型 ${m.typeCode} 的配置`, en: `no profile for licence type ${m.typeCode}` },
      { location: { field: 'typeCode' } },
    );
  const created = chinaDateTime(o.createdAt ?? new Date());
  const expiringTime =
    o.expires instanceof Date ? chinaDateTime(o.expires) : normalizeDateTime(o.expires, 'expires');
  if (expiringTime <= created)
    throw new InvalidArgumentError(
      'ERR_LIC_COPY_EXPIRY',
      { zh: '加注件有效期截止时间应晚于制作时间', en: 'the copy expiry must be after its creation time' },
      { location: { field: 'expires' } },
    );
  const data: LicenseMetadata = {
    ...m,
    copy: { creationTime: created, creator: o.creator, cause: purpose, expiringTime },
  };
  return issueLicense({
    profile,
    data,
    signer: o.signer,
    seal: o.seal,
    check: false,
    watermark: `加注件 ${purpose} 有效期至${displayDate(expiringTime)}`,
    ...(o.signingTime ? { signingTime: o.signingTime } : {}),
  });
}

/**
 * The data of the next version of a licence (变更, research §7 item 6): the version segment incremented,
 * `predecessor` set to the old identifier, changes applied, copy metadata dropped.
 *
 * @example
 * ```ts
 * import { nextVersionData } from '@gbkit/e-license';
 * // const v2 = nextVersionData(oldMetadata, { issueDate: '2026-12-01', surface: { ...oldMetadata.surface, SBSYDD: '新地址' } });
 * // v2.identifier ends with '.002.<check>', v2.predecessor === oldMetadata.identifier
 * ```
 */
export function nextVersionData(previous: LicenseMetadata, changes: Partial<LicenseData> = {}): LicenseData {
  const { copy: _c, ...rest } = previous;
  return {
    ...rest,
    ...changes,
    identifier: nextVersionIdentifier(previous.identifier),
    predecessor: previous.identifier,
  };
}

/** The label of a status code in a profile (`01` → `有效`), or undefined. */
export function statusLabelOf(profile: LicenseProfile, code: string): string | undefined {
  return profile.statusCodes[code];
}
