/**
 * `SESeal` — the electronic seal (电子印章), in its three shapes, told apart by element count:
 * ```
 * -- GM/T 0031-2014 (2 elements)
 * SESeal ::= SEQUENCE { esealInfo SES_SealInfo, signInfo SES_SignInfo }
 * SES_SignInfo ::= SEQUENCE { cert OCTET STRING, signatureAlgorithm OBJECT IDENTIFIER, signData BIT STRING }
 *   -- the maker signs SEQUENCE { esealInfo, cert, signatureAlgorithm }
 * -- GB/T 38540-2020 "V4" (4 elements)
 * SESeal ::= SEQUENCE { eSealInfo SES_SealInfo, cert OCTET STRING, signAlgID OBJECT IDENTIFIER,
 *                       signedValue BIT STRING }     -- the maker signs the DER of eSealInfo
 * -- "V5" (ofdrw, attributed to GM/T 0031-2025 [U]): header.version 5, optionally a 5th element
 *   timeStamp [0] EXPLICIT BIT STRING OPTIONAL
 * ```
 * @module
 */
import {
  children,
  type DerContext,
  decodeTlv,
  derBits,
  derError,
  derExplicit,
  derOctets,
  derOid,
  derSeq,
  expectTag,
  readBitString,
  readOid,
  TAG,
  type Tlv,
} from './der.js';
import { decodeSealInfo, type SesSealInfo } from './seal-info.js';
import { noteSig, type SesVariant, VariantLog } from './variants.js';

/** Which layout a structure uses. */
export type SesLayout = '2014' | 'v4' | 'v5';

/** SM3withSM2 (GM/T 0006). */
export const OID_SM3_WITH_SM2 = '1.2.156.10197.1.501';

/** A decoded `SESeal`. */
export interface SESeal {
  readonly layout: SesLayout;
  readonly sealInfo: SesSealInfo;
  /** The seal maker's (制章者) certificate, DER. */
  readonly makerCert: Uint8Array;
  readonly signAlgID: string;
  /** The maker's signature value (BIT STRING content without the unused-bits octet). */
  readonly signedValue: Uint8Array;
  /** The exact bytes the maker signed (V4/V5: SES_SealInfo; 2014: SEQUENCE{info, cert, alg} from the original TLVs). */
  readonly makerSignedBytes: Uint8Array;
  /** V5 seal timestamp (BIT STRING content), when present. */
  readonly timeStamp?: Uint8Array;
  /** The exact TLV bytes as received. */
  readonly raw: Uint8Array;
  /** Non-standard encodings tolerated while decoding. */
  readonly variants: readonly SesVariant[];
}

/** Reads the optional `timeStamp` element: `[0]` EXPLICIT (standard), `[0]` IMPLICIT or a bare BIT STRING (tolerated). */
export function decodeOptionalTimeStamp(
  t: Tlv,
  field: string,
  log: VariantLog,
  ctx?: DerContext,
): Uint8Array {
  if (t.tag === 0xa0)
    return readBitString(expectTag(decodeTlv(t.content, field, ctx), TAG.BIT_STRING, field, ctx), field, ctx);
  if (t.tag === 0x80) {
    log.add('TIMESTAMP-IMPLICIT', field, '时间戳为 [0] IMPLICIT', 'timeStamp is [0] IMPLICIT');
    return readBitString(t, field, ctx);
  }
  if (t.tag === TAG.BIT_STRING) {
    log.add('TIMESTAMP-UNTAGGED', field, '时间戳没有 [0] 标签', 'timeStamp has no [0] tag');
    return readBitString(t, field, ctx);
  }
  return derError(
    field,
    t.offset,
    `未知的时间戳编码（标签 0x${t.tag.toString(16)}）`,
    `unknown timeStamp encoding (tag 0x${t.tag.toString(16)})`,
    ctx,
  );
}

/** Decodes a `SESeal` TLV, appending tolerated variants to `log`. */
export function decodeSealTlv(t: Tlv, log: VariantLog, ctx?: DerContext): SESeal {
  const f = 'SESeal';
  expectTag(t, TAG.SEQUENCE, f, ctx);
  const items = children(t, f, ctx);
  if (items.length === 2) {
    const sealInfo = decodeSealInfo(expectTag(items[0], TAG.SEQUENCE, `${f}.esealInfo`, ctx), true, log, ctx);
    let si = items[1] as Tlv;
    if (si.tag === TAG.BIT_STRING) {
      log.add(
        'SIGNINFO-IN-BITSTRING',
        `${f}.signInfo`,
        'signInfo 包在 BIT STRING 中',
        'signInfo wrapped in a BIT STRING',
      );
      si = decodeTlv(readBitString(si, `${f}.signInfo`, ctx), `${f}.signInfo`, ctx);
    }
    expectTag(si, TAG.SEQUENCE, `${f}.signInfo`, ctx);
    const [cert, alg, sig] = children(si, `${f}.signInfo`, ctx);
    const certT = expectTag(cert, TAG.OCTET_STRING, 'SES_SignInfo.cert', ctx, si.offset);
    const algT = expectTag(alg, TAG.OID, 'SES_SignInfo.signatureAlgorithm', ctx, si.offset);
    const sigT = expectTag(sig, TAG.BIT_STRING, 'SES_SignInfo.signData', ctx, si.offset);
    return {
      layout: '2014',
      sealInfo,
      makerCert: certT.content,
      signAlgID: readOid(algT, 'SES_SignInfo.signatureAlgorithm', ctx),
      signedValue: readBitString(sigT, 'SES_SignInfo.signData', ctx),
      makerSignedBytes: derSeq(sealInfo.raw, certT.bytes, algT.bytes),
      raw: t.bytes,
      variants: log.list,
    };
  }
  if (items.length === 4 || items.length === 5) {
    const sealInfo = decodeSealInfo(
      expectTag(items[0], TAG.SEQUENCE, `${f}.eSealInfo`, ctx),
      false,
      log,
      ctx,
    );
    const certT = expectTag(items[1], TAG.OCTET_STRING, `${f}.cert`, ctx, t.offset);
    const algT = expectTag(items[2], TAG.OID, `${f}.signAlgID`, ctx, t.offset);
    const sigT = expectTag(items[3], TAG.BIT_STRING, `${f}.signedValue`, ctx, t.offset);
    const ts = items[4] ? decodeOptionalTimeStamp(items[4], `${f}.timeStamp`, log, ctx) : undefined;
    const layout: SesLayout = items.length === 5 || sealInfo.header.version === 5 ? 'v5' : 'v4';
    if (layout === 'v4' && sealInfo.header.version !== 4)
      log.add(
        'HEADER-VERSION',
        'SES_Header.version',
        `GB/T 38540 印章版本应为 4，实际为 ${sealInfo.header.version}`,
        `GB/T 38540 seal version should be 4, found ${sealInfo.header.version}`,
      );
    return {
      layout,
      sealInfo,
      makerCert: certT.content,
      signAlgID: readOid(algT, `${f}.signAlgID`, ctx),
      signedValue: readBitString(sigT, `${f}.signedValue`, ctx),
      makerSignedBytes: sealInfo.raw,
      ...(ts ? { timeStamp: ts } : {}),
      raw: t.bytes,
      variants: log.list,
    };
  }
  return derError(
    f,
    t.offset,
    `元素个数 ${items.length} 不是 2（2014 版）、4 或 5（GB/T 38540）`,
    `${items.length} elements: neither 2 (2014 layout) nor 4–5 (GB/T 38540)`,
    ctx,
  );
}

/**
 * Decodes a seal (`.esl` file, or `Seal.esl` of an OFD signature).
 *
 * @example
 * ```ts
 * import { decodeSeal } from '@gbkit/e-seal';
 * import { readFileSync } from 'node:fs';
 * const seal = decodeSeal(readFileSync('UserV4.esl'));
 * console.log(seal.layout, seal.sealInfo.property.name, seal.sealInfo.property.validEnd);
 * ```
 */
export function decodeSeal(input: Uint8Array, ctx?: DerContext): SESeal {
  const log = new VariantLog();
  const seal = decodeSealTlv(decodeTlv(input, 'SESeal', ctx), log, ctx);
  noteSig(seal.signedValue, 'SESeal.signedValue', log);
  return seal;
}

/** Encodes a 2020-layout `SESeal` from its already-encoded `SES_SealInfo` (V5 when a timestamp is given). */
export function encodeSealV4(
  sealInfoDer: Uint8Array,
  makerCert: Uint8Array,
  signAlgID: string,
  signedValue: Uint8Array,
  timeStamp?: Uint8Array,
): Uint8Array {
  return derSeq(
    sealInfoDer,
    derOctets(makerCert),
    derOid(signAlgID),
    derBits(signedValue),
    ...(timeStamp ? [derExplicit(0, derBits(timeStamp))] : []),
  );
}

/** The bytes a 2014 seal maker signs: `SEQUENCE{ sealInfo, cert, signatureAlgorithm }`. */
export function sealSignedBytes2014(
  sealInfoDer: Uint8Array,
  makerCert: Uint8Array,
  signAlgID: string,
): Uint8Array {
  return derSeq(sealInfoDer, derOctets(makerCert), derOid(signAlgID));
}

/** Encodes a 2014-layout `SESeal`. */
export function encodeSeal2014(
  sealInfoDer: Uint8Array,
  makerCert: Uint8Array,
  signAlgID: string,
  signData: Uint8Array,
): Uint8Array {
  return derSeq(sealInfoDer, derSeq(derOctets(makerCert), derOid(signAlgID), derBits(signData)));
}
