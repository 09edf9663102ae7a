/**
 * `ExtensionDatas` — GM/T 0031-2014 and GB/T 38540-2020:
 * ```
 * ExtensionDatas ::= SEQUENCE SIZE (0..MAX) OF ExtData
 * ExtData ::= SEQUENCE {
 *   extnID     OBJECT IDENTIFIER,
 *   critical   BOOLEAN DEFAULT FALSE,
 *   extnValue  OCTET STRING }
 * ```
 * Seen tagged `[0]` EXPLICIT (TBS_Sign in V4), bare (SES_SealInfo) and, per ofdrw, wrapped in an OCTET STRING.
 * @module
 */
import {
  children,
  type DerContext,
  decodeTlv,
  derBool,
  derOctets,
  derOid,
  derSeq,
  expectTag,
  readOid,
  TAG,
  type Tlv,
} from './der.js';

/** One `ExtData`. */
export interface ExtData {
  readonly extnID: string;
  readonly critical: boolean;
  readonly extnValue: Uint8Array;
}

/** Decodes an `ExtensionDatas` SEQUENCE OF (the untagged form; callers unwrap tags). */
export function decodeExtensionDatas(t: Tlv, ctx?: DerContext): ExtData[] {
  const f = 'ExtensionDatas';
  if (t.tag === TAG.OCTET_STRING) t = decodeTlv(t.content, f, ctx);
  expectTag(t, TAG.SEQUENCE, f, ctx);
  return children(t, f, ctx).map((e) => {
    expectTag(e, TAG.SEQUENCE, `${f}.ExtData`, ctx);
    const items = children(e, `${f}.ExtData`, ctx);
    const id = expectTag(items[0], TAG.OID, 'ExtData.extnID', ctx, e.offset);
    let critical = false;
    let i = 1;
    if (items[1]?.tag === TAG.BOOLEAN) {
      critical = (items[1].content[0] ?? 0) !== 0;
      i = 2;
    }
    const v = expectTag(items[i], TAG.OCTET_STRING, 'ExtData.extnValue', ctx, e.offset);
    return { extnID: readOid(id, 'ExtData.extnID', ctx), critical, extnValue: v.content };
  });
}

/** Encodes `ExtensionDatas` (critical omitted when false, per DER DEFAULT rules). */
export function encodeExtensionDatas(list: readonly ExtData[]): Uint8Array {
  return derSeq(
    ...list.map((e) =>
      derSeq(derOid(e.extnID), ...(e.critical ? [derBool(true)] : []), derOctets(e.extnValue)),
    ),
  );
}
