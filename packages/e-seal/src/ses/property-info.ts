/**
 * `SES_ESPropertyInfo` — both layouts:
 * ```
 * -- GM/T 0031-2014
 * SES_ESPropertyInfo ::= SEQUENCE {
 *   type INTEGER, name UTF8String, certList SEQUENCE OF cert,
 *   createDate UTCTIME, validStart UTCTIME, validEnd UTCTIME }
 * -- GB/T 38540-2020
 * SES_ESPropertyInfo ::= SEQUENCE {
 *   type INTEGER, name UTF8String, certListType INTEGER, certList SES_CertList,
 *   createDate GeneralizedTime, validStart GeneralizedTime, validEnd GeneralizedTime }
 * ```
 * The layout is told by the third element (INTEGER → 2020 form). The other time type is tolerated and reported.
 * @module
 */
import { decodeCertList, encodeCertList, type SesCertList } from './cert-list.js';
import {
  children,
  type DerContext,
  derError,
  derGeneralizedTime,
  derInt,
  derSeq,
  derUtcTime,
  derUtf8,
  expectTag,
  readInt,
  readString,
  readTime,
  TAG,
  type Tlv,
} from './der.js';
import type { VariantLog } from './variants.js';

/** A decoded `SES_ESPropertyInfo`. */
export interface SesPropertyInfo {
  /** Seal type (2014: 1 unit seal, 2 personal seal; 2020: business-defined). */
  readonly type: number;
  readonly name: string;
  /** 1 = certificates, 2 = digests; undefined in the 2014 layout. */
  readonly certListType?: number;
  readonly certList: SesCertList;
  readonly createDate: Date;
  readonly validStart: Date;
  readonly validEnd: Date;
}

/** Decodes `SES_ESPropertyInfo`; `v2014` selects the expected time type. */
export function decodePropertyInfo(
  t: Tlv,
  v2014: boolean,
  log: VariantLog,
  ctx?: DerContext,
): SesPropertyInfo {
  const f = 'SES_ESPropertyInfo';
  expectTag(t, TAG.SEQUENCE, f, ctx);
  const items = children(t, f, ctx);
  const type = readInt(expectTag(items[0], TAG.INTEGER, `${f}.type`, ctx, t.offset), `${f}.type`, ctx);
  const name = readString(expectTag(items[1], TAG.UTF8_STRING, `${f}.name`, ctx, t.offset));
  let i = 2;
  let certListType: number | undefined;
  if (items[2]?.tag === TAG.INTEGER) {
    certListType = readInt(items[2], `${f}.certListType`, ctx);
    i = 3;
  }
  const listT = items[i];
  if (!listT) derError(`${f}.certList`, t.offset, '缺少该字段', 'field missing', ctx);
  const certList = decodeCertList(listT, certListType, log, ctx);
  const times = items.slice(i + 1, i + 4);
  if (times.length !== 3) derError(`${f}`, t.offset, '应有 3 个时间字段', 'expected three time fields', ctx);
  const names = ['createDate', 'validStart', 'validEnd'] as const;
  const dates = times.map((x, k) => {
    const field = `${f}.${names[k]}`;
    if (x.tag !== TAG.UTC_TIME && x.tag !== TAG.GENERALIZED_TIME)
      expectTag(x, v2014 ? TAG.UTC_TIME : TAG.GENERALIZED_TIME, field, ctx);
    if (v2014 && x.tag === TAG.GENERALIZED_TIME)
      log.add(
        'TIME-GENERALIZED-FOR-UTC',
        field,
        '2014 版应为 UTCTime，实际为 GeneralizedTime',
        '2014 layout expects UTCTime, found GeneralizedTime',
      );
    if (!v2014 && x.tag === TAG.UTC_TIME)
      log.add(
        'TIME-UTC-FOR-GENERALIZED',
        field,
        'GB/T 38540 应为 GeneralizedTime，实际为 UTCTime',
        'GB/T 38540 expects GeneralizedTime, found UTCTime',
      );
    return readTime(x, field, ctx);
  }) as [Date, Date, Date];
  return {
    type,
    name,
    ...(certListType !== undefined ? { certListType } : {}),
    certList,
    createDate: dates[0],
    validStart: dates[1],
    validEnd: dates[2],
  };
}

/** Encodes `SES_ESPropertyInfo` in the 2020 layout (`v2014` false) or the 2014 layout. */
export function encodePropertyInfo(
  p: Omit<SesPropertyInfo, 'certList'> & { certList: Parameters<typeof encodeCertList>[0] },
  v2014: boolean,
): Uint8Array {
  const time = v2014 ? derUtcTime : derGeneralizedTime;
  return derSeq(
    derInt(p.type),
    derUtf8(p.name),
    ...(v2014 ? [] : [derInt(p.certListType ?? (p.certList.kind === 'digests' ? 2 : 1))]),
    encodeCertList(p.certList),
    time(p.createDate),
    time(p.validStart),
    time(p.validEnd),
  );
}
