/**
 * `SES_Signature` — the electronic signature (电子签章) value, `SignedValue.dat` of an OFD `Type="Seal"`:
 * ```
 * -- GM/T 0031-2014 (2 elements)
 * SES_Signature ::= SEQUENCE { toSign TBS_Sign, signature BIT STRING }
 * -- GB/T 38540-2020 (4–5 elements)
 * SES_Signature ::= SEQUENCE {
 *   toSign          TBS_Sign,
 *   cert            OCTET STRING,         -- signer certificate, DER
 *   signatureAlgID  OBJECT IDENTIFIER,
 *   signature       BIT STRING,           -- SM2 over the DER of TBS_Sign (DER SM2Signature; raw r‖s tolerated)
 *   timeStamp  [0]  BIT STRING OPTIONAL } -- over the signature value (GB/T 20520)
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
} from './der.js';
import { decodeOptionalTimeStamp, type SesLayout } from './seal.js';
import { decodeTbsSign, type TbsSign } from './tbs-sign.js';
import { noteSig, type SesVariant, VariantLog } from './variants.js';

/** A decoded `SES_Signature`. */
export interface SesSignature {
  readonly layout: SesLayout;
  readonly toSign: TbsSign;
  /** Signer certificate DER (2014: from `TBS_Sign.cert`). */
  readonly cert: Uint8Array;
  readonly signatureAlgID: string;
  /** Signature value without the BIT STRING unused-bits octet. */
  readonly signature: Uint8Array;
  /** Timestamp token bytes (BIT STRING content), when present. */
  readonly timeStamp?: Uint8Array;
  readonly raw: Uint8Array;
  /** Every tolerated non-standard encoding, in the signature and its embedded seal. */
  readonly variants: readonly SesVariant[];
}

/**
 * Decodes an `SES_Signature` (`SignedValue.dat`), choosing the layout by element count.
 *
 * @example
 * ```ts
 * import { decodeSesSignature } from '@gbkit/e-seal';
 * import { readFileSync } from 'node:fs';
 * const sig = decodeSesSignature(readFileSync('SignedValueV4.dat'));
 * console.log(sig.layout, sig.toSign.timeInfo, sig.toSign.eseal.sealInfo.property.name);
 * ```
 */
export function decodeSesSignature(input: Uint8Array, ctx?: DerContext): SesSignature {
  const f = 'SES_Signature';
  const t = expectTag(decodeTlv(input, f, ctx), TAG.SEQUENCE, f, ctx);
  const items = children(t, f, ctx);
  const log = new VariantLog();
  if (items.length === 2) {
    const toSign = decodeTbsSign(expectTag(items[0], TAG.SEQUENCE, `${f}.toSign`, ctx), true, log, ctx);
    const signature = readBitString(
      expectTag(items[1], TAG.BIT_STRING, `${f}.signature`, ctx),
      `${f}.signature`,
      ctx,
    );
    noteSig(signature, `${f}.signature`, log);
    noteSig(toSign.eseal.signedValue, 'SESeal.signedValue', log);
    return {
      layout: '2014',
      toSign,
      cert: toSign.cert as Uint8Array,
      signatureAlgID: toSign.signatureAlgorithm as string,
      signature,
      raw: t.bytes,
      variants: log.list,
    };
  }
  if (items.length === 4 || items.length === 5) {
    const toSign = decodeTbsSign(expectTag(items[0], TAG.SEQUENCE, `${f}.toSign`, ctx), false, log, ctx);
    const cert = expectTag(items[1], TAG.OCTET_STRING, `${f}.cert`, ctx, t.offset).content;
    const signatureAlgID = readOid(
      expectTag(items[2], TAG.OID, `${f}.signatureAlgID`, ctx, t.offset),
      `${f}.signatureAlgID`,
      ctx,
    );
    const signature = readBitString(
      expectTag(items[3], TAG.BIT_STRING, `${f}.signature`, ctx, t.offset),
      `${f}.signature`,
      ctx,
    );
    const timeStamp = items[4] ? decodeOptionalTimeStamp(items[4], `${f}.timeStamp`, log, ctx) : undefined;
    noteSig(signature, `${f}.signature`, log);
    noteSig(toSign.eseal.signedValue, 'SESeal.signedValue', log);
    const layout: SesLayout = toSign.eseal.layout === 'v5' ? 'v5' : 'v4';
    if (toSign.version !== toSign.eseal.sealInfo.header.version)
      log.add(
        'VERSION-MISMATCH',
        'TBS_Sign.version',
        `TBS_Sign 版本 ${toSign.version} 与印章版本 ${toSign.eseal.sealInfo.header.version} 不一致`,
        `TBS_Sign version ${toSign.version} differs from the seal version ${toSign.eseal.sealInfo.header.version}`,
      );
    return {
      layout,
      toSign,
      cert,
      signatureAlgID,
      signature,
      ...(timeStamp ? { timeStamp } : {}),
      raw: t.bytes,
      variants: log.list,
    };
  }
  return derError(
    f,
    t.offset,
    `元素个数 ${items.length} 不是 2（2014 版）或 4–5（GB/T 38540）`,
    `${items.length} elements: neither 2 (2014) nor 4–5 (GB/T 38540)`,
    ctx,
  );
}

/** Encodes a 2020-layout `SES_Signature` from the encoded `TBS_Sign`. */
export function encodeSesSignatureV4(
  tbsDer: Uint8Array,
  cert: Uint8Array,
  signatureAlgID: string,
  signature: Uint8Array,
  timeStamp?: Uint8Array,
): Uint8Array {
  return derSeq(
    tbsDer,
    derOctets(cert),
    derOid(signatureAlgID),
    derBits(signature),
    ...(timeStamp ? [derExplicit(0, derBits(timeStamp))] : []),
  );
}

/** Encodes a 2014-layout `SES_Signature`. */
export function encodeSesSignature2014(tbsDer: Uint8Array, signature: Uint8Array): Uint8Array {
  return derSeq(tbsDer, derBits(signature));
}
