/**
 * `SES_ESPictrueInfo` (sic, the standards' spelling) — GM/T 0031-2014 and GB/T 38540-2020:
 * ```
 * SES_ESPictrueInfo ::= SEQUENCE {
 *   type    IA5String,     -- "PNG", "GIF", "JPG", "ofd" (a zipped OFD vector stamp) …
 *   data    OCTET STRING,  -- the picture bytes
 *   width   INTEGER,       -- mm
 *   height  INTEGER }      -- mm
 * ```
 * @module
 */
import {
  children,
  type DerContext,
  derIa5,
  derInt,
  derOctets,
  derSeq,
  expectTag,
  readInt,
  readString,
  TAG,
  type Tlv,
} from './der.js';
import type { VariantLog } from './variants.js';

/** A decoded seal picture. */
export interface SesPictureInfo {
  readonly type: string;
  readonly data: Uint8Array;
  /** Width in mm. */
  readonly width: number;
  /** Height in mm. */
  readonly height: number;
  /** True when `data` is a zip (an OFD package holding a vector stamp). */
  readonly isOfd: boolean;
}

/** Decodes `SES_ESPictrueInfo`; a picture that is an OFD zip is listed as a variant. */
export function decodePictureInfo(t: Tlv, log: VariantLog, ctx?: DerContext): SesPictureInfo {
  const f = 'SES_ESPictrueInfo';
  expectTag(t, TAG.SEQUENCE, f, ctx);
  const [type, data, w, h] = children(t, f, ctx);
  const d = expectTag(data, TAG.OCTET_STRING, `${f}.data`, ctx, t.offset).content;
  const isOfd = d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04;
  const typeText = readString(expectTag(type, TAG.IA5_STRING, `${f}.type`, ctx, t.offset));
  if (isOfd)
    log.add(
      'PICTURE-OFD',
      `${f}.data`,
      `印章图像是 OFD 压缩包（type=${typeText}）`,
      `seal picture is an OFD zip package (type=${typeText})`,
    );
  return {
    type: typeText,
    data: d,
    width: readInt(expectTag(w, TAG.INTEGER, `${f}.width`, ctx, t.offset), `${f}.width`, ctx),
    height: readInt(expectTag(h, TAG.INTEGER, `${f}.height`, ctx, t.offset), `${f}.height`, ctx),
    isOfd,
  };
}

/** Encodes `SES_ESPictrueInfo`. */
export function encodePictureInfo(p: Omit<SesPictureInfo, 'isOfd'>): Uint8Array {
  return derSeq(derIa5(p.type), derOctets(p.data), derInt(p.width), derInt(p.height));
}
