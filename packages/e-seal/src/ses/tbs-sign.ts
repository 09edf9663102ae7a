/**
 * `TBS_Sign` — what the signer (签章者) signs, in both layouts:
 * ```
 * -- GB/T 38540-2020
 * TBS_Sign ::= SEQUENCE {
 *   version      INTEGER,              -- equals the seal header version
 *   eseal        SESeal,
 *   timeInfo     GeneralizedTime,      -- claimed signing time
 *   dataHash     BIT STRING,           -- OFD: SM3 of the raw Signature.xml bytes
 *   propertyInfo IA5String,            -- OFD: path of Signature.xml
 *   extDatas [0] ExtensionDatas OPTIONAL }   -- EXPLICIT; untagged tolerated
 * -- GM/T 0031-2014
 * TBS_Sign ::= SEQUENCE {
 *   version INTEGER, eseal SESeal, timeInfo BIT STRING, dataHash BIT STRING,
 *   propertyInfo IA5String, cert OCTET STRING, signatureAlgorithm OBJECT IDENTIFIER }
 * ```
 * `raw` keeps the exact received TLV: the signer's signature is verified over it, never a re-encoding.
 * @module
 */
import {
  children,
  type DerContext,
  decodeTlv,
  derBits,
  derError,
  derExplicit,
  derGeneralizedTime,
  derIa5,
  derInt,
  derOctets,
  derOid,
  derSeq,
  derUtcTime,
  expectTag,
  parseGeneralizedTime,
  parseUtcTime,
  readBitString,
  readInt,
  readOid,
  readString,
  readTime,
  TAG,
  type Tlv,
} from './der.js';
import { decodeExtensionDatas, type ExtData, encodeExtensionDatas } from './extension-datas.js';
import { decodeSealTlv, type SESeal } from './seal.js';
import type { VariantLog } from './variants.js';

/** A decoded `TBS_Sign`. */
export interface TbsSign {
  readonly version: number;
  readonly eseal: SESeal;
  /** The claimed signing time, when it could be read. */
  readonly timeInfo?: Date;
  /** How `timeInfo` was encoded (`generalized`, `utc`, `der-in-bitstring`, `text`, or `unreadable`). */
  readonly timeInfoEncoding: 'generalized' | 'utc' | 'der-in-bitstring' | 'text' | 'unreadable';
  /** The raw text of `timeInfo` (for reports). */
  readonly timeInfoText: string;
  readonly dataHash: Uint8Array;
  readonly propertyInfo: string;
  /** 2014 layout: the signer certificate and algorithm live here. */
  readonly cert?: Uint8Array;
  readonly signatureAlgorithm?: string;
  readonly extDatas?: readonly ExtData[];
  /** Exact TLV bytes as received (the signed message). */
  readonly raw: Uint8Array;
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return s;
}

/** Parses free text times: ISO 8601 (`2020-01-25T07:31:56.377Z`) or `yyyy-MM-dd HH:mm:ss` (zone-less: Beijing time assumed). */
export function parseTextTime(s: string): { date?: Date; zoneless: boolean } {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(
    s.trim(),
  );
  if (!m) {
    const g = parseGeneralizedTime(s.trim());
    return g ? { date: g, zoneless: !/[Z+-]/.test(s.trim().slice(8)) } : { zoneless: false };
  }
  const frac = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  let offset = 8 * 60;
  if (m[8])
    offset =
      m[8] === 'Z'
        ? 0
        : (m[8][0] === '-' ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(-2)));
  const ms =
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), frac) -
    offset * 60_000;
  return Number.isFinite(ms) ? { date: new Date(ms), zoneless: !m[8] } : { zoneless: !m[8] };
}

function decodeTimeInfo(
  t: Tlv,
  v2014: boolean,
  log: VariantLog,
  ctx?: DerContext,
): Pick<TbsSign, 'timeInfo' | 'timeInfoEncoding' | 'timeInfoText'> {
  const f = 'TBS_Sign.timeInfo';
  if (t.tag === TAG.GENERALIZED_TIME || t.tag === TAG.UTC_TIME) {
    if (v2014)
      log.add(
        'TIMEINFO-DER-IN-BITSTRING',
        f,
        '2014 版 timeInfo 应为 BIT STRING，实际为时间类型',
        '2014 timeInfo should be a BIT STRING, found a time type',
      );
    else if (t.tag === TAG.UTC_TIME)
      log.add(
        'TIME-UTC-FOR-GENERALIZED',
        f,
        '应为 GeneralizedTime，实际为 UTCTime',
        'expected GeneralizedTime, found UTCTime',
      );
    return {
      timeInfo: readTime(t, f, ctx),
      timeInfoEncoding: t.tag === TAG.UTC_TIME ? 'utc' : 'generalized',
      timeInfoText: readString(t),
    };
  }
  let body: Uint8Array;
  if (t.tag === TAG.BIT_STRING) body = readBitString(t, f, ctx);
  else if (t.tag === TAG.OCTET_STRING) {
    log.add('TIMEINFO-OCTET-STRING', f, 'timeInfo 为 OCTET STRING', 'timeInfo is an OCTET STRING');
    body = t.content;
  } else
    return derError(
      f,
      t.offset,
      `未知的时间编码（标签 0x${t.tag.toString(16)}）`,
      `unknown time encoding (tag 0x${t.tag.toString(16)})`,
      ctx,
    );
  if (!v2014)
    log.add(
      'TIMEINFO-TEXT',
      f,
      'GB/T 38540 的 timeInfo 应为 GeneralizedTime',
      'GB/T 38540 timeInfo should be GeneralizedTime',
    );
  if (
    (body[0] === TAG.UTC_TIME || body[0] === TAG.GENERALIZED_TIME) &&
    body.length > 2 &&
    body[1] === body.length - 2
  ) {
    const inner = decodeTlv(body, f, ctx);
    const text = readString(inner);
    const d = inner.tag === TAG.UTC_TIME ? parseUtcTime(text) : parseGeneralizedTime(text);
    log.add(
      'TIMEINFO-DER-IN-BITSTRING',
      f,
      `timeInfo 是包在 BIT STRING 中的 DER 时间 ${text}`,
      `timeInfo is a DER time ${text} inside the BIT STRING`,
    );
    return d
      ? { timeInfo: d, timeInfoEncoding: 'der-in-bitstring', timeInfoText: text }
      : { timeInfoEncoding: 'unreadable', timeInfoText: text };
  }
  const text = latin1(body);
  const { date, zoneless } = parseTextTime(text);
  log.add(
    'TIMEINFO-TEXT',
    f,
    `timeInfo 是文本 ${JSON.stringify(text.slice(0, 40))}`,
    `timeInfo is text ${JSON.stringify(text.slice(0, 40))}`,
  );
  if (zoneless && date)
    log.add(
      'TIMEINFO-NO-ZONE',
      f,
      'timeInfo 没有时区，按北京时间（UTC+8）理解',
      'timeInfo has no zone; read as Beijing time (UTC+8)',
    );
  return date
    ? { timeInfo: date, timeInfoEncoding: 'text', timeInfoText: text }
    : { timeInfoEncoding: 'unreadable', timeInfoText: text.slice(0, 64) };
}

/** Decodes `TBS_Sign`; `v2014` is decided by the enclosing `SES_Signature`'s element count. */
export function decodeTbsSign(t: Tlv, v2014: boolean, log: VariantLog, ctx?: DerContext): TbsSign {
  const f = 'TBS_Sign';
  expectTag(t, TAG.SEQUENCE, f, ctx);
  const items = children(t, f, ctx);
  const version = readInt(
    expectTag(items[0], TAG.INTEGER, `${f}.version`, ctx, t.offset),
    `${f}.version`,
    ctx,
  );
  const eseal = decodeSealTlv(expectTag(items[1], TAG.SEQUENCE, `${f}.eseal`, ctx, t.offset), log, ctx);
  const time = decodeTimeInfo(
    items[2] ?? derError(`${f}.timeInfo`, t.offset, '缺少该字段', 'field missing', ctx),
    v2014,
    log,
    ctx,
  );
  const dh = items[3] ?? derError(`${f}.dataHash`, t.offset, '缺少该字段', 'field missing', ctx);
  let dataHash: Uint8Array;
  if (dh.tag === TAG.OCTET_STRING) {
    log.add(
      'DATAHASH-OCTET-STRING',
      `${f}.dataHash`,
      'dataHash 为 OCTET STRING',
      'dataHash is an OCTET STRING',
    );
    dataHash = dh.content;
  } else dataHash = readBitString(expectTag(dh, TAG.BIT_STRING, `${f}.dataHash`, ctx), `${f}.dataHash`, ctx);
  const propertyInfo = readString(expectTag(items[4], TAG.IA5_STRING, `${f}.propertyInfo`, ctx, t.offset));
  let cert: Uint8Array | undefined;
  let signatureAlgorithm: string | undefined;
  let extDatas: ExtData[] | undefined;
  let i = 5;
  if (v2014) {
    cert = expectTag(items[5], TAG.OCTET_STRING, `${f}.cert`, ctx, t.offset).content;
    signatureAlgorithm = readOid(
      expectTag(items[6], TAG.OID, `${f}.signatureAlgorithm`, ctx, t.offset),
      `${f}.signatureAlgorithm`,
      ctx,
    );
    i = 7;
  }
  const ext = items[i];
  if (ext) {
    if (ext.tag === 0xa0) extDatas = decodeExtensionDatas(decodeTlv(ext.content, `${f}.extDatas`, ctx), ctx);
    else if (ext.tag === TAG.SEQUENCE) {
      log.add('EXTDATAS-UNTAGGED', `${f}.extDatas`, 'extDatas 没有 [0] 标签', 'extDatas has no [0] tag');
      extDatas = decodeExtensionDatas(ext, ctx);
    } else derError(`${f}.extDatas`, ext.offset, '未知的扩展数据编码', 'unknown extDatas encoding', ctx);
  }
  return {
    version,
    eseal,
    ...time,
    dataHash,
    propertyInfo,
    ...(cert ? { cert } : {}),
    ...(signatureAlgorithm ? { signatureAlgorithm } : {}),
    ...(extDatas ? { extDatas } : {}),
    raw: t.bytes,
  };
}

/** Input of {@link encodeTbsSign}. */
export interface TbsSignInput {
  readonly version: number;
  /** The DER `SESeal`, embedded as is. */
  readonly eseal: Uint8Array;
  readonly timeInfo: Date;
  readonly dataHash: Uint8Array;
  readonly propertyInfo: string;
  /** 2014 layout only: signer certificate and algorithm. */
  readonly cert?: Uint8Array;
  readonly signatureAlgorithm?: string;
  readonly extDatas?: readonly ExtData[];
}

/**
 * Encodes `TBS_Sign`: GB/T 38540 layout (GeneralizedTime, `[0]` EXPLICIT extDatas) or, when `cert` is
 * given, the 2014 layout (timeInfo = a DER UTCTime inside the BIT STRING).
 */
export function encodeTbsSign(t: TbsSignInput): Uint8Array {
  if (t.cert) {
    return derSeq(
      derInt(t.version),
      t.eseal,
      derBits(derUtcTime(t.timeInfo)),
      derBits(t.dataHash),
      derIa5(t.propertyInfo),
      derOctets(t.cert),
      derOid(t.signatureAlgorithm ?? '1.2.156.10197.1.501'),
    );
  }
  return derSeq(
    derInt(t.version),
    t.eseal,
    derGeneralizedTime(t.timeInfo),
    derBits(t.dataHash),
    derIa5(t.propertyInfo),
    ...(t.extDatas?.length ? [derExplicit(0, encodeExtensionDatas(t.extDatas))] : []),
  );
}
