/**
 * SM2 public key encryption (GB/T 32918.4-2016): C1 = k·G, (x2, y2) = k·P_B, t = KDF(x2 ‖ y2, klen) with
 * the SM3-based KDF (§5.4.3), C2 = M ⊕ t, C3 = SM3(x2 ‖ M ‖ y2).
 *
 * Ciphertext layouts:
 * - `raw`, order `C1C3C2` (GB/T 32918.4-2016, default) or `C1C2C3` (the 2010 draft / older libraries);
 *   C1 is `04‖x1‖y1` (65 bytes). Some libraries (sm-crypto) omit the `04`; use `c1Prefix: false` to
 *   produce that form — decryption accepts both.
 * - `der`: GM/T 0009-2012 §7.2 / GB/T 35276 `SM2Cipher ::= SEQUENCE { XCoordinate INTEGER,
 *   YCoordinate INTEGER, HASH OCTET STRING (32), CipherText OCTET STRING }` (what OpenSSL writes);
 *   DER exists only in C1C3C2 order.
 * @module
 */
import { CryptoError, FormatError, InvalidArgumentError, UnsupportedError } from '@gbkit/core';
import { randomBytes } from '@noble/hashes/utils.js';
import { createSm3, sm3 } from '../sm3/index.js';
import { bigintTo32, bytesToBigint, SM2_CURVE, Sm2Point } from './curve.js';
import { mulBase, mulPoint } from './ec.js';
import { privateKeyToScalar, requirePublicKey } from './keys.js';

/** Order of the ciphertext parts. */
export type Sm2CipherOrder = 'C1C3C2' | 'C1C2C3';

/** Options of {@link sm2Encrypt} and {@link sm2Decrypt}. */
export interface Sm2EncryptionOptions {
  /** `C1C3C2` (GB/T 32918.4-2016, default) or `C1C2C3`. Ignored for `der` (always C1C3C2). */
  order?: Sm2CipherOrder;
  /** `raw` concatenation (default) or `der` SM2Cipher (GM/T 0009). */
  encoding?: 'raw' | 'der';
  /** Encryption only, raw only: write C1 with its `04` prefix (default true). */
  c1Prefix?: boolean;
}

const MAX_PLAINTEXT = 0x7fffffff;

/** KDF of GB/T 32918.4 §5.4.3: Ha_i = SM3(Z ‖ ct), ct a 32-bit big-endian counter from 1. */
export function sm2Kdf(z: Uint8Array, klen: number): Uint8Array {
  const out = new Uint8Array(klen);
  const buf = new Uint8Array(z.length + 4);
  buf.set(z);
  let ct = 1;
  for (let off = 0; off < klen; off += 32, ct++) {
    buf[z.length] = ct >>> 24;
    buf[z.length + 1] = ct >>> 16;
    buf[z.length + 2] = ct >>> 8;
    buf[z.length + 3] = ct;
    const h = sm3(buf);
    out.set(klen - off >= 32 ? h : h.subarray(0, klen - off), off);
  }
  return out;
}

function checkOptions(o: Sm2EncryptionOptions): { order: Sm2CipherOrder; encoding: 'raw' | 'der' } {
  const order = o.order ?? 'C1C3C2';
  const encoding = o.encoding ?? 'raw';
  if (order !== 'C1C3C2' && order !== 'C1C2C3') {
    throw new InvalidArgumentError('ERR_SM2_ARGUMENT', {
      zh: `未知的密文顺序 ${String(order)}`,
      en: `unknown ciphertext order ${String(order)}`,
    });
  }
  if (encoding !== 'raw' && encoding !== 'der') {
    throw new InvalidArgumentError('ERR_SM2_ARGUMENT', {
      zh: `未知的密文编码 ${String(encoding)}`,
      en: `unknown ciphertext encoding ${String(encoding)}`,
    });
  }
  if (encoding === 'der' && o.order === 'C1C2C3') {
    throw new UnsupportedError('ERR_SM2_CIPHER_DER_ORDER', {
      zh: 'DER 编码的 SM2 密文（GM/T 0009）只有 C1C3C2 顺序',
      en: 'DER SM2 ciphertext (GM/T 0009) exists only in C1C3C2 order',
    });
  }
  return { order, encoding };
}

function isZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

// ---- minimal DER for SM2Cipher -------------------------------------------------------------------------

function derLen(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

function derTlv(tag: number, value: Uint8Array): Uint8Array {
  const l = derLen(value.length);
  const out = new Uint8Array(1 + l.length + value.length);
  out[0] = tag;
  out.set(l, 1);
  out.set(value, 1 + l.length);
  return out;
}

function derUint(x: Uint8Array): Uint8Array {
  let i = 0;
  while (i < x.length - 1 && x[i] === 0) i++;
  let v = x.subarray(i);
  if ((v[0] as number) & 0x80) {
    const p = new Uint8Array(v.length + 1);
    p.set(v, 1);
    v = p;
  }
  return derTlv(0x02, v);
}

function concat(parts: Uint8Array[]): Uint8Array {
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

function cipherError(en: string, zh: string, offset?: number): FormatError {
  return new FormatError(
    'ERR_SM2_CIPHERTEXT',
    { zh, en },
    offset === undefined
      ? { location: { field: 'SM2Cipher' } }
      : { location: { field: 'SM2Cipher', offset } },
  );
}

function readTlv(b: Uint8Array, o: number, tag: number): { value: Uint8Array; next: number } {
  if (b[o] !== tag)
    throw cipherError(`expected DER tag 0x${tag.toString(16)}`, `应为 DER 标签 0x${tag.toString(16)}`, o);
  let len = b[o + 1];
  let p = o + 2;
  if (len === undefined) throw cipherError('truncated DER', 'DER 数据被截断', o);
  if (len & 0x80) {
    const nb = len & 0x7f;
    if (nb === 0 || nb > 4) throw cipherError('unsupported DER length', '不支持的 DER 长度编码', o + 1);
    len = 0;
    for (let i = 0; i < nb; i++) {
      const v = b[p++];
      if (v === undefined) throw cipherError('truncated DER', 'DER 数据被截断', p);
      len = len * 256 + v;
    }
  }
  if (p + len > b.length) throw cipherError('DER length exceeds the data', 'DER 长度超出数据', o);
  return { value: b.subarray(p, p + len), next: p + len };
}

function intTo32(v: Uint8Array, offsetHint: number): Uint8Array {
  let i = 0;
  while (i < v.length - 1 && v[i] === 0) i++;
  const x = v.subarray(i);
  if (x.length > 32 || ((v[0] as number) & 0x80) !== 0)
    throw cipherError('C1 coordinate out of range', 'C1 坐标超出范围', offsetHint);
  const out = new Uint8Array(32);
  out.set(x, 32 - x.length);
  return out;
}

/** Splits a DER SM2Cipher into C1 (65 bytes), C3, C2. */
function parseDer(ct: Uint8Array): { c1: Uint8Array; c3: Uint8Array; c2: Uint8Array } {
  const seq = readTlv(ct, 0, 0x30);
  if (seq.next !== ct.length)
    throw cipherError('trailing bytes after SM2Cipher', 'SM2Cipher 后有多余字节', seq.next);
  const body = seq.value;
  const x = readTlv(body, 0, 0x02);
  const y = readTlv(body, x.next, 0x02);
  const h = readTlv(body, y.next, 0x04);
  const c = readTlv(body, h.next, 0x04);
  if (c.next !== body.length) throw cipherError('unexpected fields in SM2Cipher', 'SM2Cipher 含多余字段');
  if (h.value.length !== 32) throw cipherError('HASH must be 32 bytes', 'HASH 必须为 32 字节');
  const c1 = new Uint8Array(65);
  c1[0] = 4;
  c1.set(intTo32(x.value, 0), 1);
  c1.set(intTo32(y.value, 0), 33);
  return { c1, c3: h.value, c2: c.value };
}

// ---- encrypt / decrypt ---------------------------------------------------------------------------------

/**
 * Encrypts `plaintext` to an SM2 public key (65/64/33 bytes) per GB/T 32918.4.
 *
 * @example
 * ```ts
 * import { sm2GenerateKeyPair, sm2Encrypt, sm2Decrypt } from '@gbkit/crypto';
 * const { privateKey, publicKey } = sm2GenerateKeyPair();
 * const ct = sm2Encrypt(publicKey, new TextEncoder().encode('共享数据'));
 * console.log(new TextDecoder().decode(sm2Decrypt(privateKey, ct))); // 共享数据
 * ```
 */
export function sm2Encrypt(
  publicKey: Uint8Array,
  plaintext: Uint8Array,
  options: Sm2EncryptionOptions = {},
): Uint8Array {
  const { order, encoding } = checkOptions(options);
  if (!(plaintext instanceof Uint8Array) || plaintext.length === 0 || plaintext.length > MAX_PLAINTEXT) {
    throw new InvalidArgumentError('ERR_SM2_ARGUMENT', {
      zh: '明文必须是非空的 Uint8Array',
      en: 'plaintext must be a non-empty Uint8Array',
    });
  }
  const { point } = requirePublicKey(publicKey);
  for (;;) {
    const k = (bytesToBigint(randomBytes(40)) % (SM2_CURVE.n - 1n)) + 1n;
    const c1p = mulBase(k);
    const s = mulPoint(point, k);
    if (s.infinity) throw new CryptoError('ERR_SM2_PUBLIC_KEY', { zh: '公钥无效', en: 'invalid public key' });
    const x2 = bigintTo32(s.x);
    const y2 = bigintTo32(s.y);
    const xy = concat([x2, y2]);
    const t = sm2Kdf(xy, plaintext.length);
    if (isZero(t)) continue;
    const c2 = new Uint8Array(plaintext.length);
    for (let i = 0; i < c2.length; i++) c2[i] = (plaintext[i] as number) ^ (t[i] as number);
    const c3 = createSm3().update(x2).update(plaintext).update(y2).digest();
    const x1 = bigintTo32(c1p.x);
    const y1 = bigintTo32(c1p.y);
    if (encoding === 'der') {
      return derTlv(0x30, concat([derUint(x1), derUint(y1), derTlv(0x04, c3), derTlv(0x04, c2)]));
    }
    const c1 = options.c1Prefix === false ? concat([x1, y1]) : concat([Uint8Array.of(4), x1, y1]);
    return order === 'C1C3C2' ? concat([c1, c3, c2]) : concat([c1, c2, c3]);
  }
}

function tryDecrypt(d: bigint, c1: Uint8Array, c3: Uint8Array, c2: Uint8Array): Uint8Array | undefined {
  let P: InstanceType<typeof Sm2Point>;
  try {
    P = Sm2Point.fromBytes(c1);
    P.assertValidity();
  } catch {
    return undefined;
  }
  const s = mulPoint(P, d);
  if (s.infinity) return undefined;
  const x2 = bigintTo32(s.x);
  const y2 = bigintTo32(s.y);
  const t = sm2Kdf(concat([x2, y2]), c2.length);
  if (isZero(t)) return undefined;
  const m = new Uint8Array(c2.length);
  for (let i = 0; i < m.length; i++) m[i] = (c2[i] as number) ^ (t[i] as number);
  const u = createSm3().update(x2).update(m).update(y2).digest();
  let diff = 0;
  for (let i = 0; i < 32; i++) diff |= (u[i] as number) ^ (c3[i] as number);
  return diff === 0 ? m : undefined;
}

/**
 * Decrypts an SM2 ciphertext (GB/T 32918.4 §7) with a 32-byte private key. Raw ciphertexts are accepted
 * with C1 as `04‖x‖y`, `x‖y` (no prefix, as sm-crypto writes) or compressed `02|03‖x`. Throws
 * {@link FormatError} `ERR_SM2_CIPHERTEXT` for malformed input and {@link CryptoError}
 * `ERR_SM2_DECRYPT` when C3 does not match (wrong key, wrong order, or tampered data).
 *
 * @example
 * ```ts
 * import { sm2GenerateKeyPair, sm2Encrypt, sm2Decrypt } from '@gbkit/crypto';
 * const { privateKey, publicKey } = sm2GenerateKeyPair();
 * const ct = sm2Encrypt(publicKey, Uint8Array.of(1, 2, 3), { encoding: 'der' });
 * console.log(sm2Decrypt(privateKey, ct, { encoding: 'der' })); // Uint8Array(3) [ 1, 2, 3 ]
 * ```
 */
export function sm2Decrypt(
  privateKey: Uint8Array,
  ciphertext: Uint8Array,
  options: Sm2EncryptionOptions = {},
): Uint8Array {
  const { order, encoding } = checkOptions(options);
  const d = privateKeyToScalar(privateKey);
  if (!(ciphertext instanceof Uint8Array)) {
    throw new InvalidArgumentError('ERR_SM2_ARGUMENT', {
      zh: '密文必须是 Uint8Array',
      en: 'ciphertext must be a Uint8Array',
    });
  }
  const candidates: { c1: Uint8Array; c3: Uint8Array; c2: Uint8Array }[] = [];
  if (encoding === 'der') {
    candidates.push(parseDer(ciphertext));
  } else {
    const split = (c1Len: number, prefix?: number) => {
      if (ciphertext.length <= c1Len + 32) return;
      let c1 = ciphertext.subarray(0, c1Len);
      if (prefix !== undefined) c1 = concat([Uint8Array.of(prefix), c1]);
      const rest = ciphertext.subarray(c1Len);
      if (order === 'C1C3C2') candidates.push({ c1, c3: rest.subarray(0, 32), c2: rest.subarray(32) });
      else
        candidates.push({ c1, c3: rest.subarray(rest.length - 32), c2: rest.subarray(0, rest.length - 32) });
    };
    const first = ciphertext[0];
    if (first === 0x04) split(65);
    if (first === 0x02 || first === 0x03) split(33);
    split(64, 0x04);
    if (candidates.length === 0) throw cipherError('ciphertext too short', '密文过短');
  }
  for (const c of candidates) {
    const m = tryDecrypt(d, c.c1, c.c3, c.c2);
    if (m) return m;
  }
  throw new CryptoError('ERR_SM2_DECRYPT', {
    zh: 'SM2 解密失败：C3 校验不符（私钥、密文顺序或编码不对，或密文被篡改）',
    en: 'SM2 decryption failed: C3 mismatch (wrong private key, part order or encoding, or tampered ciphertext)',
  });
}
