/**
 * SM2 signature encodings (GB/T 35276-2017 §7.3 / GM/T 0009 `SM2Signature ::= SEQUENCE { R INTEGER,
 * S INTEGER }` in DER) and the raw 64-byte r‖s form (32 bytes each, big-endian).
 * @module
 */
import { FormatError } from '@gbkit/core';
import { bigintTo32, bytesToBigint } from './curve.js';

/** A decoded signature, or the reason it could not be decoded. */
export type DecodedSignature =
  | { ok: true; r: bigint; s: bigint }
  | { ok: false; reason: string; message: { zh: string; en: string } };

function fail(reason: string, zh: string, en: string): DecodedSignature {
  return { ok: false, reason, message: { zh, en } };
}

/** Strict DER decoding of SM2Signature; never throws. */
export function decodeDerSignature(sig: Uint8Array): DecodedSignature {
  if (sig.length < 8) return fail('ERR_SM2_SIG_DER', 'DER 签名过短', 'DER signature too short');
  if (sig[0] !== 0x30)
    return fail('ERR_SM2_SIG_DER', 'DER 签名不是 SEQUENCE', 'DER signature is not a SEQUENCE');
  let o = 1;
  let len = sig[o++] as number;
  if (len & 0x80) {
    const nb = len & 0x7f;
    if (nb !== 1) return fail('ERR_SM2_SIG_DER', 'DER 长度编码无效', 'invalid DER length encoding');
    len = sig[o++] as number;
    if (len < 0x80) return fail('ERR_SM2_SIG_DER', 'DER 长度非最短编码', 'non-minimal DER length');
  }
  if (o + len !== sig.length) {
    return fail(
      'ERR_SM2_SIG_DER',
      'DER 长度与数据不符（含多余字节）',
      'DER length does not match the data (trailing bytes?)',
    );
  }
  const ints: bigint[] = [];
  for (let i = 0; i < 2; i++) {
    if (sig[o] !== 0x02) return fail('ERR_SM2_SIG_DER', 'DER 中应为 INTEGER', 'expected a DER INTEGER');
    const l = sig[o + 1];
    if (l === undefined || l === 0 || l & 0x80 || o + 2 + l > sig.length) {
      return fail('ERR_SM2_SIG_DER', 'DER INTEGER 长度无效', 'invalid DER INTEGER length');
    }
    const v = sig.subarray(o + 2, o + 2 + l);
    if ((v[0] as number) & 0x80) return fail('ERR_SM2_SIG_DER', 'DER INTEGER 为负数', 'negative DER INTEGER');
    if (l > 1 && v[0] === 0 && !((v[1] as number) & 0x80)) {
      return fail('ERR_SM2_SIG_DER', 'DER INTEGER 非最短编码', 'non-minimal DER INTEGER');
    }
    if (l > 33) return fail('ERR_SM2_SIG_RANGE', 'r 或 s 超出范围', 'r or s out of range');
    ints.push(bytesToBigint(v));
    o += 2 + l;
  }
  if (o !== sig.length)
    return fail('ERR_SM2_SIG_DER', 'DER 签名有多余字节', 'trailing bytes after the DER signature');
  return { ok: true, r: ints[0] as bigint, s: ints[1] as bigint };
}

/** Raw r‖s decoding (exactly 64 bytes); never throws. */
export function decodeRawSignature(sig: Uint8Array): DecodedSignature {
  if (sig.length !== 64) {
    return fail(
      'ERR_SM2_SIG_LENGTH',
      `原始签名应为 64 字节，实为 ${sig.length}`,
      `raw signature must be 64 bytes, got ${sig.length}`,
    );
  }
  return { ok: true, r: bytesToBigint(sig.subarray(0, 32)), s: bytesToBigint(sig.subarray(32)) };
}

function derInt(x: bigint): Uint8Array {
  let b = bigintTo32(x);
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  b = b.subarray(i);
  const pad = (b[0] as number) & 0x80 ? 1 : 0;
  const out = new Uint8Array(2 + pad + b.length);
  out[0] = 0x02;
  out[1] = pad + b.length;
  out.set(b, 2 + pad);
  return out;
}

/** DER SM2Signature of (r, s). */
export function encodeDerSignature(r: bigint, s: bigint): Uint8Array {
  const ri = derInt(r);
  const si = derInt(s);
  const out = new Uint8Array(2 + ri.length + si.length);
  out[0] = 0x30;
  out[1] = ri.length + si.length;
  out.set(ri, 2);
  out.set(si, 2 + ri.length);
  return out;
}

/** Raw 64-byte r‖s of (r, s). */
export function encodeRawSignature(r: bigint, s: bigint): Uint8Array {
  const out = new Uint8Array(64);
  out.set(bigintTo32(r), 0);
  out.set(bigintTo32(s), 32);
  return out;
}

/**
 * Converts a DER SM2 signature to raw 64-byte r‖s. Throws {@link FormatError} `ERR_SM2_SIG_DER` when the
 * input is not a valid DER SM2Signature.
 *
 * @example
 * ```ts
 * import { sm2DerToRaw, sm2RawToDer } from '@gbkit/crypto';
 * const raw = new Uint8Array(64).fill(1);
 * console.log(sm2DerToRaw(sm2RawToDer(raw)).every((b) => b === 1)); // true
 * ```
 */
export function sm2DerToRaw(sig: Uint8Array): Uint8Array {
  const d = decodeDerSignature(sig);
  if (!d.ok) throw new FormatError(d.reason, d.message, { location: { field: 'SM2Signature' } });
  if (d.r >= 1n << 256n || d.s >= 1n << 256n) {
    throw new FormatError('ERR_SM2_SIG_RANGE', {
      zh: 'r 或 s 超过 256 位',
      en: 'r or s longer than 256 bits',
    });
  }
  return encodeRawSignature(d.r, d.s);
}

/**
 * Converts a raw 64-byte r‖s SM2 signature to DER. Throws {@link FormatError} `ERR_SM2_SIG_LENGTH` when
 * the input is not 64 bytes.
 *
 * @example
 * ```ts
 * import { sm2RawToDer } from '@gbkit/crypto';
 * // the first byte is 0x30 = 48, a DER SEQUENCE
 * console.log(sm2RawToDer(new Uint8Array(64).fill(1))[0]); // 48
 * ```
 */
export function sm2RawToDer(sig: Uint8Array): Uint8Array {
  const d = decodeRawSignature(sig);
  if (!d.ok) throw new FormatError(d.reason, d.message, { location: { field: 'SM2Signature' } });
  return encodeDerSignature(d.r, d.s);
}
