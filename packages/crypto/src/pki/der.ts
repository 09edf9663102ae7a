/**
 * A minimal DER (ITU-T X.690) reader and writer: exactly what the PKI modules need to walk
 * certificates, keys, PKCS#12 and CRLs while keeping the original bytes of signed parts
 * (`TBSCertificate`, `TBSCertList`), and to encode the structures gbkit issues.
 *
 * ```asn1
 * TLV ::= identifier octet(s) ‖ length octet(s) ‖ contents
 * ```
 * Only definite lengths are accepted (DER); indefinite BER lengths raise `ERR_DER_INDEFINITE_LENGTH`.
 * @module
 */
import { concatBytes, FormatError, fromUtf8, toHex, utf8 } from '@gbkit/core';

/** One decoded tag-length-value element. */
export interface Tlv {
  /** The identifier octet (only low-tag-number form is supported, as in every PKI structure). */
  readonly tag: number;
  /** Offset of the identifier octet in the buffer that was read. */
  readonly start: number;
  /** Offset just after the contents. */
  readonly end: number;
  /** Length of identifier plus length octets. */
  readonly headerLength: number;
  /** The whole element (identifier, length and contents), a view into the input. */
  readonly raw: Uint8Array;
  /** The contents octets, a view into the input. */
  readonly value: Uint8Array;
}

/** Universal tags used by the PKI modules. */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  BMP_STRING: 0x1e,
  UNIVERSAL_STRING: 0x1c,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

function derError(what: { zh: string; en: string }, offset: number, field?: string): FormatError {
  return new FormatError('ERR_DER_MALFORMED', what, {
    location: field === undefined ? { offset } : { offset, field },
  });
}

/** Reads one TLV at `offset` (default 0). `field` names the structure in error messages. */
export function readTlv(buf: Uint8Array, offset = 0, field?: string): Tlv {
  if (offset + 2 > buf.length) {
    throw derError({ zh: 'DER 数据被截断', en: 'DER data truncated' }, offset, field);
  }
  const tag = buf[offset] as number;
  if ((tag & 0x1f) === 0x1f) {
    throw derError({ zh: '不支持多字节标签', en: 'high-tag-number form is not supported' }, offset, field);
  }
  let len = buf[offset + 1] as number;
  let hdr = 2;
  if (len === 0x80) {
    throw new FormatError(
      'ERR_DER_INDEFINITE_LENGTH',
      { zh: 'DER 不允许不定长编码', en: 'indefinite length is not DER' },
      { location: field === undefined ? { offset } : { offset, field } },
    );
  }
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n > 4 || offset + 2 + n > buf.length) {
      throw derError({ zh: 'DER 长度字段无效', en: 'invalid DER length octets' }, offset, field);
    }
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[offset + 2 + i] as number);
    hdr += n;
  }
  const end = offset + hdr + len;
  if (end > buf.length) {
    throw derError(
      { zh: 'DER 长度超出数据末尾', en: 'DER length runs past the end of the data' },
      offset,
      field,
    );
  }
  return {
    tag,
    start: offset,
    end,
    headerLength: hdr,
    raw: buf.subarray(offset, end),
    value: buf.subarray(offset + hdr, end),
  };
}

/**
 * Reads one BER element, additionally accepting the indefinite length form (`0x80` … `00 00`) that
 * BouncyCastle and Java keytool write in PKCS#12 files. `value` excludes the end-of-contents octets.
 */
export function readBer(buf: Uint8Array, offset = 0, field?: string): Tlv {
  if (buf[offset + 1] !== 0x80) return readTlv(buf, offset, field);
  if (((buf[offset] as number) & 0x20) === 0) {
    throw derError(
      { zh: '原始类型不能使用不定长编码', en: 'indefinite length on a primitive element' },
      offset,
      field,
    );
  }
  let off = offset + 2;
  for (;;) {
    if (off + 2 > buf.length) {
      throw derError(
        { zh: 'BER 不定长结构未结束', en: 'unterminated indefinite-length element' },
        offset,
        field,
      );
    }
    if (buf[off] === 0 && buf[off + 1] === 0) break;
    off = readBer(buf, off, field).end;
  }
  return {
    tag: buf[offset] as number,
    start: offset,
    end: off + 2,
    headerLength: 2,
    raw: buf.subarray(offset, off + 2),
    value: buf.subarray(offset + 2, off),
  };
}

/** Children of a BER element (definite or indefinite length). */
export function berChildren(t: Tlv, field?: string): Tlv[] {
  const out: Tlv[] = [];
  let off = 0;
  while (off < t.value.length) {
    const c = readBer(t.value, off, field);
    out.push(c);
    off = c.end;
  }
  return out;
}

/** The octets of an OCTET STRING, joining the segments of a BER constructed (0x24) one. */
export function octets(t: Tlv, field = 'OCTET STRING'): Uint8Array {
  if (t.tag === TAG.OCTET_STRING) return t.value;
  if (t.tag === 0x24) return concatBytes(...berChildren(t, field).map((c) => octets(c, field)));
  throw derError(
    { zh: `${field} 应为 OCTET STRING`, en: `${field}: expected an OCTET STRING` },
    t.start,
    field,
  );
}

/** Reads a TLV that must cover the whole buffer (trailing bytes are an error). */
export function readWhole(buf: Uint8Array, field?: string): Tlv {
  const t = readTlv(buf, 0, field);
  if (t.end !== buf.length) {
    throw derError(
      { zh: 'DER 结构后有多余字节', en: 'trailing bytes after the DER structure' },
      t.end,
      field,
    );
  }
  return t;
}

/** The child elements of a constructed element (SEQUENCE, SET, [n] EXPLICIT …). */
export function children(t: Tlv, field?: string): Tlv[] {
  const out: Tlv[] = [];
  let off = 0;
  while (off < t.value.length) {
    const c = readTlv(t.value, off, field);
    out.push(c);
    off = c.end;
  }
  return out;
}

/** Checks a tag and returns the element, or throws `ERR_DER_MALFORMED` naming `field`. */
export function expectTag(t: Tlv | undefined, tag: number, field: string): Tlv {
  if (!t || t.tag !== tag) {
    throw derError(
      {
        zh: `${field} 应为标签 0x${tag.toString(16)}，实际为 ${t ? `0x${t.tag.toString(16)}` : '缺失'}`,
        en: `${field}: expected tag 0x${tag.toString(16)}, got ${t ? `0x${t.tag.toString(16)}` : 'nothing'}`,
      },
      t?.start ?? 0,
      field,
    );
  }
  return t;
}

/** Decodes an OBJECT IDENTIFIER's contents to dotted form. */
export function decodeOid(value: Uint8Array): string {
  const parts: number[] = [];
  let acc = 0;
  for (let i = 0; i < value.length; i++) {
    const b = value[i] as number;
    acc = acc * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) {
        const first = acc < 80 ? Math.floor(acc / 40) : 2;
        parts.push(first, acc - first * 40);
      } else parts.push(acc);
      acc = 0;
    }
  }
  return parts.join('.');
}

/** Reads an OID element. */
export function readOid(t: Tlv | undefined, field: string): string {
  return decodeOid(expectTag(t, TAG.OID, field).value);
}

/** INTEGER contents as a big-endian unsigned hex string (leading sign zero removed). */
export function integerHex(value: Uint8Array): string {
  let v = value;
  while (v.length > 1 && v[0] === 0) v = v.subarray(1);
  return toHex(v);
}

/** Small INTEGER to a JS number. */
export function integerNumber(value: Uint8Array): number {
  let n = 0;
  for (const b of value) n = n * 256 + b;
  if (value.length > 0 && ((value[0] as number) & 0x80) !== 0) n -= 2 ** (8 * value.length);
  return n;
}

/** Decodes the string types used in names and attributes. */
export function decodeString(t: Tlv): string {
  switch (t.tag) {
    case TAG.BMP_STRING: {
      let s = '';
      for (let i = 0; i + 1 < t.value.length; i += 2) {
        s += String.fromCharCode(((t.value[i] as number) << 8) | (t.value[i + 1] as number));
      }
      return s;
    }
    case TAG.UNIVERSAL_STRING: {
      let s = '';
      for (let i = 0; i + 3 < t.value.length; i += 4) {
        const dv = new DataView(t.value.buffer, t.value.byteOffset + i, 4);
        s += String.fromCodePoint(dv.getUint32(0));
      }
      return s;
    }
    case TAG.T61_STRING: {
      // T.61 in practice carries Latin-1 or UTF-8; try UTF-8 first.
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(t.value);
      } catch {
        return Array.from(t.value, (b) => String.fromCharCode(b)).join('');
      }
    }
    default:
      return fromUtf8(t.value);
  }
}

/** Parses UTCTime / GeneralizedTime contents (`YYMMDDHHMM[SS]Z`, `YYYYMMDDHHMMSS[.f]Z`). */
export function decodeTime(t: Tlv, field = 'time'): Date {
  const s = fromUtf8(t.value);
  const m =
    t.tag === TAG.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/.exec(s)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/.exec(s);
  if (!m || (t.tag !== TAG.UTC_TIME && t.tag !== TAG.GENERALIZED_TIME)) {
    throw derError({ zh: `${field} 时间格式无效：${s}`, en: `${field}: invalid time ${s}` }, t.start, field);
  }
  let year = Number(m[1]);
  if (t.tag === TAG.UTC_TIME) year += year < 50 ? 2000 : 1900;
  const frac = t.tag === TAG.UTC_TIME ? undefined : m[7];
  const zone = t.tag === TAG.UTC_TIME ? m[7] : m[8];
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  let time = Date.UTC(
    year,
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
    ms,
  );
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    time -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
  }
  return new Date(time);
}

// ---------------------------------------------------------------- writer

function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** Encodes one element from a tag and its contents. */
export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = contents.length === 1 ? (contents[0] as Uint8Array) : concatBytes(...contents);
  return concatBytes(Uint8Array.of(tag), encodeLength(body.length), body);
}

/** SEQUENCE of already-encoded elements. */
export const seq = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, ...items);

/** SET OF, sorted as DER requires. */
export function setOf(...items: Uint8Array[]): Uint8Array {
  const sorted = [...items].sort((a, b) => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
    return a.length - b.length;
  });
  return tlv(TAG.SET, ...sorted);
}

/** `[n]` EXPLICIT (constructed context tag). */
export const explicit = (n: number, ...items: Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...items);

/** INTEGER from an unsigned big-endian byte string or a non-negative number. */
export function integer(v: Uint8Array | number): Uint8Array {
  let b: Uint8Array;
  if (typeof v === 'number') {
    const bytes: number[] = [];
    let n = v;
    do {
      bytes.unshift(n & 0xff);
      n = Math.floor(n / 256);
    } while (n > 0);
    b = Uint8Array.from(bytes);
  } else {
    b = v;
    while (b.length > 1 && b[0] === 0 && ((b[1] as number) & 0x80) === 0) b = b.subarray(1);
    if (b.length === 0) b = Uint8Array.of(0);
  }
  if (((b[0] as number) & 0x80) !== 0) b = concatBytes(Uint8Array.of(0), b);
  return tlv(TAG.INTEGER, b);
}

/** OBJECT IDENTIFIER from dotted form. */
export function oid(dotted: string): Uint8Array {
  const p = dotted.split('.').map(Number);
  const arcs = [(p[0] as number) * 40 + (p[1] as number), ...p.slice(2)];
  const out: number[] = [];
  for (const a of arcs) {
    const enc: number[] = [];
    let n = a;
    enc.unshift(n & 0x7f);
    n = Math.floor(n / 128);
    while (n > 0) {
      enc.unshift((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(...enc);
  }
  return tlv(TAG.OID, Uint8Array.from(out));
}

/** OCTET STRING. */
export const octetString = (b: Uint8Array): Uint8Array => tlv(TAG.OCTET_STRING, b);
/** BIT STRING with the given number of unused bits. */
export const bitString = (b: Uint8Array, unused = 0): Uint8Array =>
  tlv(TAG.BIT_STRING, Uint8Array.of(unused), b);
/** NULL. */
export const derNull = (): Uint8Array => Uint8Array.of(0x05, 0x00);
/** BOOLEAN. */
export const boolean = (v: boolean): Uint8Array => Uint8Array.of(0x01, 0x01, v ? 0xff : 0x00);
/** UTF8String. */
export const utf8String = (s: string): Uint8Array => tlv(TAG.UTF8_STRING, utf8(s));
/** PrintableString. */
export const printableString = (s: string): Uint8Array => tlv(TAG.PRINTABLE_STRING, utf8(s));

/** UTCTime for years 1950–2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5), whole seconds. */
export function time(d: Date): Uint8Array {
  const y = d.getUTCFullYear();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const rest = `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(TAG.UTC_TIME, utf8(pad(y % 100) + rest));
  return tlv(TAG.GENERALIZED_TIME, utf8(pad(y, 4) + rest));
}

/** GeneralizedTime, whole seconds. */
export function generalizedTime(d: Date): Uint8Array {
  const iso = d.toISOString();
  return tlv(TAG.GENERALIZED_TIME, utf8(`${iso.slice(0, 19).replace(/[-:T]/g, '')}Z`));
}
