/**
 * A small DER reader and writer for the SES structures. Decoding walks the exact input bytes and keeps a
 * view (`bytes`) of every TLV, so the signed parts (`TBS_Sign`, `SES_SealInfo`, certificates …) are hashed
 * as they were received and never re-encoded (research §8). Lengths must be definite; every length is
 * checked against its enclosing element, and a depth limit stops hostile nesting.
 *
 * ```
 * TLV ::= identifier octets ‖ length octets ‖ contents octets     -- ITU-T X.690 §8.1
 * ```
 * @module
 */
import { type ErrorLocation, FormatError, utf8 } from '@gbkit/core';
import { der } from '@gbkit/crypto';

/** Universal tag numbers used by the SES structures. */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** One decoded TLV: `bytes` is the whole element, `content` its contents, both views of the input. */
export interface Tlv {
  /** The identifier octet (class, constructed bit and tag number < 31). */
  readonly tag: number;
  /** Offset of the element in the outermost input. */
  readonly offset: number;
  readonly bytes: Uint8Array;
  readonly content: Uint8Array;
}

/** Where a decode is happening, for error locations. */
export interface DerContext {
  readonly file?: string;
  readonly part?: string;
}

const MAX_DEPTH = 32;

/** Throws a {@link FormatError} with code `ERR_SES_DER` naming the field and offset. */
export function derError(field: string, offset: number, zh: string, en: string, ctx?: DerContext): never {
  const location: ErrorLocation = {
    field,
    offset,
    ...(ctx?.file ? { file: ctx.file } : {}),
    ...(ctx?.part ? { part: ctx.part } : {}),
  };
  throw new FormatError('ERR_SES_DER', { zh: `${field}：${zh}`, en: `${field}: ${en}` }, { location });
}

/**
 * Reads the TLV starting at `pos` of `buf` (which itself starts at absolute offset `base`), not going past `end`.
 */
export function readTlv(
  buf: Uint8Array,
  pos: number,
  end: number,
  base: number,
  field: string,
  ctx?: DerContext,
): Tlv {
  if (pos + 2 > end) derError(field, base + pos, '数据被截断', 'truncated element', ctx);
  const tag = buf[pos] as number;
  if ((tag & 0x1f) === 0x1f)
    derError(field, base + pos, '不支持多字节标签', 'multi-byte tags are not supported', ctx);
  let lenByte = buf[pos + 1] as number;
  let p = pos + 2;
  let len: number;
  if (lenByte < 0x80) len = lenByte;
  else if (lenByte === 0x80)
    derError(field, base + pos, '不定长编码不是 DER', 'indefinite length is not DER', ctx);
  else {
    lenByte &= 0x7f;
    if (lenByte > 4) derError(field, base + pos, '长度字段过长', 'length field too long', ctx);
    if (p + lenByte > end) derError(field, base + pos, '长度字段被截断', 'truncated length', ctx);
    len = 0;
    for (let i = 0; i < lenByte; i++) len = len * 256 + (buf[p + i] as number);
    p += lenByte;
  }
  if (p + len > end)
    derError(field, base + pos, `长度 ${len} 超出范围`, `length ${len} runs past the end`, ctx);
  return { tag, offset: base + pos, bytes: buf.subarray(pos, p + len), content: buf.subarray(p, p + len) };
}

/** Decodes one whole TLV that must fill `input` exactly. */
export function decodeTlv(input: Uint8Array, field: string, ctx?: DerContext): Tlv {
  const t = readTlv(input, 0, input.length, 0, field, ctx);
  if (t.bytes.length !== input.length) {
    derError(
      field,
      t.bytes.length,
      `结构后有 ${input.length - t.bytes.length} 个多余字节`,
      `${input.length - t.bytes.length} trailing bytes after the structure`,
      ctx,
    );
  }
  return t;
}

/** The child elements of a constructed TLV. */
export function children(t: Tlv, field: string, ctx?: DerContext, depth = 0): Tlv[] {
  if (depth > MAX_DEPTH) derError(field, t.offset, '嵌套过深', 'nesting too deep', ctx);
  if ((t.tag & 0x20) === 0) derError(field, t.offset, '应为构造类型', 'expected a constructed element', ctx);
  const out: Tlv[] = [];
  const c = t.content;
  const base = t.offset + (t.bytes.length - c.length);
  let p = 0;
  while (p < c.length) {
    const k = readTlv(c, p, c.length, base, field, ctx);
    out.push(k);
    p += k.bytes.length;
  }
  return out;
}

/** Checks a tag, throwing a located error when it differs. */
export function expectTag(t: Tlv | undefined, tag: number, field: string, ctx?: DerContext, at = 0): Tlv {
  if (!t) derError(field, at, '缺少该字段', 'field missing', ctx);
  if (t.tag !== tag) {
    derError(
      field,
      t.offset,
      `标签应为 0x${hex2(tag)}，实际为 0x${hex2(t.tag)}`,
      `expected tag 0x${hex2(tag)}, found 0x${hex2(t.tag)}`,
      ctx,
    );
  }
  return t;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** An INTEGER as a JS number (must fit in 2^53) — SES integers are small (versions, types, sizes). */
export function readInt(t: Tlv, field: string, ctx?: DerContext): number {
  const c = t.content;
  if (c.length === 0) derError(field, t.offset, '整数为空', 'empty INTEGER', ctx);
  if (c.length > 6) derError(field, t.offset, '整数过大', 'INTEGER too large', ctx);
  let v = (c[0] as number) & 0x80 ? -1 : 0;
  for (const b of c) v = v * 256 + b; // starting from -1 gives two's complement for negatives
  return v;
}

const utf8Lenient = new TextDecoder('utf-8', { fatal: false });

/** A string type's value (IA5/Printable as latin1, UTF8 as UTF-8). */
export function readString(t: Tlv): string {
  if (t.tag === TAG.UTF8_STRING) return utf8Lenient.decode(t.content);
  let s = '';
  for (const b of t.content) s += String.fromCharCode(b);
  return s;
}

/** Decodes an OBJECT IDENTIFIER to dotted form. */
export function readOid(t: Tlv, field: string, ctx?: DerContext): string {
  const c = t.content;
  if (c.length === 0 || c.length > 64)
    derError(field, t.offset, '对象标识符长度无效', 'bad OBJECT IDENTIFIER length', ctx);
  const parts: number[] = [];
  let v = 0;
  for (let i = 0; i < c.length; i++) {
    const b = c[i] as number;
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) {
        const first = v < 80 ? Math.floor(v / 40) : 2;
        parts.push(first, v - first * 40);
      } else parts.push(v);
      v = 0;
    } else if (i === c.length - 1)
      derError(field, t.offset, '对象标识符被截断', 'truncated OBJECT IDENTIFIER', ctx);
  }
  return parts.join('.');
}

/** A BIT STRING's value without the unused-bits octet (research §8: strip it before use). */
export function readBitString(t: Tlv, field: string, ctx?: DerContext): Uint8Array {
  if (t.content.length === 0) derError(field, t.offset, 'BIT STRING 为空', 'empty BIT STRING', ctx);
  if ((t.content[0] as number) > 7) derError(field, t.offset, '未用位数无效', 'bad unused-bits count', ctx);
  return t.content.subarray(1);
}

/** Parses UTCTime (`YYMMDDhhmm[ss](Z|±hhmm)`, 50-year pivot) and GeneralizedTime (`YYYYMMDDhhmmss[.f*][Z|±hhmm]`). */
export function readTime(t: Tlv, field: string, ctx?: DerContext): Date {
  const s = readString(t);
  const d = t.tag === TAG.UTC_TIME ? parseUtcTime(s) : parseGeneralizedTime(s);
  if (!d)
    derError(
      field,
      t.offset,
      `时间格式无效：${JSON.stringify(s.slice(0, 40))}`,
      `bad time value ${JSON.stringify(s.slice(0, 40))}`,
      ctx,
    );
  return d;
}

function zone(rest: string): number | undefined {
  if (rest === 'Z') return 0;
  if (rest === '') return 0; // local time without zone: treated as UTC (callers report the variant)
  const m = /^([+-])(\d{2})(\d{2})$/.exec(rest);
  if (!m) return undefined;
  const mins = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '+' ? mins : -mins;
}

/** UTCTime text to a Date, or undefined when malformed. */
export function parseUtcTime(s: string): Date | undefined {
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(.*)$/.exec(s);
  if (!m) return undefined;
  const yy = Number(m[1]);
  const z = zone(m[7] ?? '');
  if (z === undefined) return undefined;
  const ms = Date.UTC(
    yy < 50 ? 2000 + yy : 1900 + yy,
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
  );
  return validDate(ms - z * 60_000);
}

/** GeneralizedTime text to a Date, or undefined when malformed. */
export function parseGeneralizedTime(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(.*)$/.exec(s);
  if (!m) return undefined;
  const z = zone(m[8] ?? '');
  if (z === undefined) return undefined;
  const frac = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const ms = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    frac,
  );
  return validDate(ms - z * 60_000);
}

function validDate(ms: number): Date | undefined {
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

// ---------------------------------------------------------------- writer
// The encoders are @gbkit/crypto's shared DER writer under the names the SES modules use; only the two
// forms the SES layouts need and crypto's writer does not offer (IA5String, forced UTCTime) are here.

/** One TLV from a tag and contents. */
export const tlv = der.tlv;
/** SEQUENCE of already-encoded elements. */
export const derSeq = der.seq;
/** INTEGER from a small non-negative number. */
export const derInt = (n: number): Uint8Array => der.integer(n);
/** IA5String (ASCII only). */
export function derIa5(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0x7f;
  return tlv(TAG.IA5_STRING, b);
}
/** UTF8String. */
export const derUtf8 = der.utf8String;
/** PrintableString. */
export const derPrintable = der.printableString;
/** OCTET STRING. */
export const derOctets = der.octetString;
/** BIT STRING with zero unused bits. */
export const derBits = (b: Uint8Array): Uint8Array => der.bitString(b);
/** BOOLEAN. */
export const derBool = der.boolean;
/** OBJECT IDENTIFIER from dotted text. */
export const derOid = der.oid;
/** GeneralizedTime `YYYYMMDDhhmmssZ` (UTC, whole seconds). */
export const derGeneralizedTime = der.generalizedTime;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
/** UTCTime `YYMMDDhhmmssZ` (years 1950–2049). */
export function derUtcTime(d: Date): Uint8Array {
  const s = `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  return tlv(TAG.UTC_TIME, utf8(s));
}
/** `[n]` EXPLICIT context tag around an encoded element. */
export const derExplicit = (n: number, inner: Uint8Array): Uint8Array => der.explicit(n, inner);
