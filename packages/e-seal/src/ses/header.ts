/**
 * `SES_Header` — GM/T 0031-2014 §… and GB/T 38540-2020 §5.2:
 * ```
 * SES_Header ::= SEQUENCE {
 *   ID       IA5String,   -- "ES"
 *   version  INTEGER,     -- 2014: 1 (vendors also write 2), V4: 4, "V5": 5
 *   Vid      IA5String }  -- vendor (厂商) identifier
 * ```
 * @module
 */
import {
  children,
  type DerContext,
  derIa5,
  derInt,
  derSeq,
  expectTag,
  readInt,
  readString,
  TAG,
  type Tlv,
} from './der.js';
import type { VariantLog } from './variants.js';

/** A decoded `SES_Header`. */
export interface SesHeader {
  readonly id: string;
  readonly version: number;
  readonly vid: string;
}

/** Decodes a `SES_Header`; an ID other than "ES" is tolerated and reported. */
export function decodeHeader(t: Tlv, log: VariantLog, ctx?: DerContext): SesHeader {
  const f = 'SES_Header';
  expectTag(t, TAG.SEQUENCE, f, ctx);
  const [id, version, vid] = children(t, f, ctx);
  const idT = expectTag(id, TAG.IA5_STRING, `${f}.ID`, ctx, t.offset);
  const h: SesHeader = {
    id: readString(idT),
    version: readInt(expectTag(version, TAG.INTEGER, `${f}.version`, ctx, t.offset), `${f}.version`, ctx),
    vid: vid ? readString(vid) : '',
  };
  if (h.id !== 'ES')
    log.add(
      'HEADER-ID',
      `${f}.ID`,
      `头标识应为 "ES"，实际为 ${JSON.stringify(h.id)}`,
      `ID should be "ES", found ${JSON.stringify(h.id)}`,
    );
  return h;
}

/** Encodes a `SES_Header`. */
export function encodeHeader(h: SesHeader): Uint8Array {
  return derSeq(derIa5(h.id), derInt(h.version), derIa5(h.vid));
}
