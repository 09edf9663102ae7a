/**
 * Small byte helpers shared by the packages (no Node built-ins are imported, so they run in browsers too).
 * On Node, long comparisons and base64 decoding use `Buffer` found at run time (`globalThis.Buffer`, no
 * import); the results are the same bytes as the portable code's.
 * @module
 */
import { FormatError } from './errors.js';

type NativeBuffer = {
  compare(a: Uint8Array, b: Uint8Array): number;
  from(text: string, encoding: 'base64'): Uint8Array;
};

/** Node's `Buffer` by runtime detection, or undefined (browsers, other runtimes). */
const nativeBuffer: NativeBuffer | undefined = (() => {
  const g = globalThis as { process?: { versions?: { node?: string } }; Buffer?: Partial<NativeBuffer> };
  const b = g.process?.versions?.node ? g.Buffer : undefined;
  return b && typeof b.compare === 'function' && typeof b.from === 'function'
    ? (b as NativeBuffer)
    : undefined;
})();

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i] as number];
  return s;
}

/** Bytes of a hex string (upper or lower case, even length). */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.trim();
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new FormatError('ERR_HEX_INVALID', {
      zh: '不是合法的十六进制字符串',
      en: 'not a valid hex string',
    });
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** A string from UTF-8 bytes (invalid sequences become U+FFFD). */
export function fromUtf8(b: Uint8Array): string {
  return decoder.decode(b);
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Byte-wise equality (not constant time; for public data). Native on Node from 64 bytes. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  if (nativeBuffer && a.length >= 64) return nativeBuffer.compare(a, b) === 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_LOOKUP[B64.charCodeAt(i)] = i;
B64_LOOKUP['-'.charCodeAt(0)] = 62;
B64_LOOKUP['_'.charCodeAt(0)] = 63;

/**
 * Whether `t` is only base64 characters (both alphabets, as {@link fromBase64} reads them) followed by at
 * most two `=`: text that Node's decoder and the portable loop decode to the same bytes.
 */
function isPlainBase64(t: string): boolean {
  const n = t.length;
  let i = 0;
  for (; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c >= 128 || (B64_LOOKUP[c] as number) < 0) break;
  }
  if (i < n && t.charCodeAt(i) === 0x3d) i++;
  if (i < n && t.charCodeAt(i) === 0x3d) i++;
  return i === n;
}

/** Standard base64 (with padding). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return s;
}

/** base64url without padding (RFC 4648 §5), as JOSE uses it. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes base64 or base64url. `strict` (used for JOSE) rejects padding, whitespace and the
 * characters of the other alphabet; otherwise whitespace is skipped and both alphabets accepted.
 */
export function fromBase64(text: string, options: { url?: boolean; strict?: boolean } = {}): Uint8Array {
  let s = text;
  if (options.strict) {
    const re = options.url ? /^[A-Za-z0-9_-]*$/ : /^[A-Za-z0-9+/]*={0,2}$/;
    if (!re.test(s) || (options.url && s.length % 4 === 1)) {
      throw new FormatError('ERR_BASE64_INVALID', {
        zh: options.url ? '不是合法的 base64url 字符串' : '不是合法的 base64 字符串',
        en: options.url ? 'not a valid base64url string' : 'not a valid base64 string',
      });
    }
    // validated: Node's decoder gives the same bytes (it reads both alphabets and stops at `=`); copied so
    // the result does not share Node's buffer pool
    if (nativeBuffer) return new Uint8Array(nativeBuffer.from(s, 'base64'));
  } else if (nativeBuffer && isPlainBase64(s)) {
    return new Uint8Array(nativeBuffer.from(s, 'base64'));
  } else {
    s = s.replace(/\s+/g, '');
  }
  s = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? (B64_LOOKUP[c] as number) : -1;
    if (v < 0) {
      throw new FormatError(
        'ERR_BASE64_INVALID',
        { zh: `base64 字符非法：第 ${i} 个字符`, en: `invalid base64 character at index ${i}` },
        { location: { offset: i } },
      );
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}
