/**
 * `SES_SealInfo` — GM/T 0031-2014 and GB/T 38540-2020:
 * ```
 * SES_SealInfo ::= SEQUENCE {
 *   header    SES_Header,
 *   esID      IA5String,            -- 电子印章标识
 *   property  SES_ESPropertyInfo,
 *   picture   SES_ESPictrueInfo,
 *   extDatas  ExtensionDatas OPTIONAL }   -- bare in real seals; [0] tolerated
 * ```
 * `raw` is the exact received TLV: in the 2020 layout it is what the seal maker signed.
 * @module
 */
import {
  children,
  type DerContext,
  decodeTlv,
  derIa5,
  derSeq,
  expectTag,
  readString,
  TAG,
  type Tlv,
} from './der.js';
import { decodeExtensionDatas, type ExtData, encodeExtensionDatas } from './extension-datas.js';
import { decodeHeader, encodeHeader, type SesHeader } from './header.js';
import { decodePictureInfo, encodePictureInfo, type SesPictureInfo } from './picture-info.js';
import { decodePropertyInfo, encodePropertyInfo, type SesPropertyInfo } from './property-info.js';
import type { VariantLog } from './variants.js';

/** A decoded `SES_SealInfo`. */
export interface SesSealInfo {
  readonly header: SesHeader;
  readonly esID: string;
  readonly property: SesPropertyInfo;
  readonly picture: SesPictureInfo;
  readonly extDatas?: readonly ExtData[];
  /** The exact TLV bytes as received. */
  readonly raw: Uint8Array;
}

/** Decodes `SES_SealInfo`. */
export function decodeSealInfo(t: Tlv, v2014: boolean, log: VariantLog, ctx?: DerContext): SesSealInfo {
  const f = 'SES_SealInfo';
  expectTag(t, TAG.SEQUENCE, f, ctx);
  const items = children(t, f, ctx);
  const header = decodeHeader(expectTag(items[0], TAG.SEQUENCE, `${f}.header`, ctx, t.offset), log, ctx);
  const esID = readString(expectTag(items[1], TAG.IA5_STRING, `${f}.esID`, ctx, t.offset));
  const property = decodePropertyInfo(
    expectTag(items[2], TAG.SEQUENCE, `${f}.property`, ctx, t.offset),
    v2014,
    log,
    ctx,
  );
  const picture = decodePictureInfo(
    expectTag(items[3], TAG.SEQUENCE, `${f}.picture`, ctx, t.offset),
    log,
    ctx,
  );
  let extDatas: ExtData[] | undefined;
  const ext = items[4];
  if (ext) {
    if (ext.tag === 0xa0) {
      log.add('EXTDATAS-TAGGED', `${f}.extDatas`, '扩展数据带 [0] 标签', 'extDatas carries a [0] tag');
      extDatas = decodeExtensionDatas(decodeTlv(ext.content, `${f}.extDatas`, ctx), ctx);
    } else {
      if (ext.tag === TAG.OCTET_STRING)
        log.add(
          'EXTDATAS-IN-OCTET-STRING',
          `${f}.extDatas`,
          '扩展数据包在 OCTET STRING 中',
          'extDatas wrapped in an OCTET STRING',
        );
      extDatas = decodeExtensionDatas(ext, ctx);
    }
  }
  return { header, esID, property, picture, ...(extDatas ? { extDatas } : {}), raw: t.bytes };
}

/** Input for {@link encodeSealInfo}. */
export interface SealInfoInput {
  readonly header: SesHeader;
  readonly esID: string;
  readonly property: Parameters<typeof encodePropertyInfo>[0];
  readonly picture: Parameters<typeof encodePictureInfo>[0];
  readonly extDatas?: readonly ExtData[];
}

/** Encodes `SES_SealInfo` (2014 layout when `v2014`). */
export function encodeSealInfo(s: SealInfoInput, v2014: boolean): Uint8Array {
  return derSeq(
    encodeHeader(s.header),
    derIa5(s.esID),
    encodePropertyInfo(s.property, v2014),
    encodePictureInfo(s.picture),
    ...(s.extDatas && s.extDatas.length > 0 ? [encodeExtensionDatas(s.extDatas)] : []),
  );
}
