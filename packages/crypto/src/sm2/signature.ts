/**
 * SM2 digital signature (GB/T 32918.2-2016): generation (§6.1) and verification (§7.1), with
 * e = SM3(Z_A ‖ M) (§5.5) and signatures in DER (GB/T 35276 SM2Signature) or raw r‖s.
 * Verification never throws on bad signatures or keys; it returns `{ valid: false, reason }`.
 * @module
 */
import { InvalidArgumentError, type LocalizedText } from '@gbkit/core';
import { randomBytes } from '@noble/hashes/utils.js';
import { createSm3, NATIVE_MIN_LENGTH } from '../sm3/index.js';
import { lookupPublicKey, publicKeyTableThreshold } from './cache.js';
import { bytesToBigint, SM2_CURVE, Sm2Point } from './curve.js';
import {
  type DecodedSignature,
  decodeDerSignature,
  decodeRawSignature,
  encodeDerSignature,
  encodeRawSignature,
} from './der.js';
import { buildTable, mulBase, verifyCombination } from './ec.js';
import { privateKeyToScalar, publicKeyOfScalar, requirePublicKey } from './keys.js';
import { SM2_DEFAULT_USER_ID, userIdBytes, zFromUncompressed } from './z.js';

const N = SM2_CURVE.n;
const Fn = Sm2Point.Fn;

/** Signature encodings. */
export type Sm2SignatureFormat = 'der' | 'raw';

/** Options of {@link sm2Sign}. */
export interface Sm2SignOptions {
  /** Signer ID for Z_A (string = UTF-8); default {@link SM2_DEFAULT_USER_ID}. */
  userId?: string | Uint8Array;
  /** The signer's public key (65/64/33 bytes), saves one scalar multiplication. It is trusted to match. */
  publicKey?: Uint8Array;
  /** `der` (default) or raw 64-byte `r‖s`. */
  format?: Sm2SignatureFormat;
}

/** Options of {@link sm2Verify}. */
export interface Sm2VerifyOptions {
  /** Signer ID for Z_A; default {@link SM2_DEFAULT_USER_ID}. */
  userId?: string | Uint8Array;
  /** `auto` (default): DER when it parses as DER, raw when it is 64 bytes. */
  format?: Sm2SignatureFormat | 'auto';
  /** Use the per-public-key cache (default true). */
  cache?: boolean;
}

/**
 * Stable reason codes of a failed verification:
 * - `ERR_SM2_SIG_DER` malformed DER; `ERR_SM2_SIG_LENGTH` wrong length for raw/auto;
 * - `ERR_SM2_SIG_RANGE` r or s not in [1, n−1], or (r + s) mod n = 0;
 * - `ERR_SM2_PUBLIC_KEY` bad key length/prefix/type; `ERR_SM2_PUBLIC_KEY_NOT_ON_CURVE`;
 * - `ERR_SM2_ARGUMENT` message, digest or user ID of the wrong type or size;
 * - `ERR_SM2_SIGNATURE_MISMATCH` well-formed but not a signature of this message by this key and ID.
 */
export type Sm2VerifyReason =
  | 'ERR_SM2_SIG_DER'
  | 'ERR_SM2_SIG_LENGTH'
  | 'ERR_SM2_SIG_RANGE'
  | 'ERR_SM2_PUBLIC_KEY'
  | 'ERR_SM2_PUBLIC_KEY_NOT_ON_CURVE'
  | 'ERR_SM2_ARGUMENT'
  | 'ERR_SM2_SIGNATURE_MISMATCH';

/** Result of {@link sm2Verify}. */
export interface Sm2VerifyResult {
  readonly valid: boolean;
  /** Set when `valid` is false. */
  readonly reason?: Sm2VerifyReason;
  /** Human-readable explanation when `valid` is false. */
  readonly message?: LocalizedText;
  /** The signature encoding that was used (when it could be decoded). */
  readonly format?: Sm2SignatureFormat;
}

function invalid(
  reason: Sm2VerifyReason,
  message: LocalizedText,
  format?: Sm2SignatureFormat,
): Sm2VerifyResult {
  return format ? { valid: false, reason, message, format } : { valid: false, reason, message };
}

function assertBytes(v: unknown, name: string): asserts v is Uint8Array {
  if (!(v instanceof Uint8Array)) {
    throw new InvalidArgumentError('ERR_SM2_ARGUMENT', {
      zh: `${name} 必须是 Uint8Array`,
      en: `${name} must be a Uint8Array`,
    });
  }
}

/** e = SM3(Z ‖ M) as bytes. */
function digestOf(z: Uint8Array, message: Uint8Array): Uint8Array {
  // short inputs in TypeScript, as sm3() does: crossing into OpenSSL costs more than hashing them
  return createSm3({ pure: z.length + message.length < NATIVE_MIN_LENGTH })
    .update(z)
    .update(message)
    .digest();
}

/** Core signing over e (GB/T 32918.2 §6.1 steps A3–A7). */
function signE(e: bigint, d: bigint, format: Sm2SignatureFormat): Uint8Array {
  const dInv = Fn.inv(d + 1n);
  for (;;) {
    const k = (bytesToBigint(randomBytes(40)) % (N - 1n)) + 1n;
    const x1 = mulBase(k).x;
    const r = (e + x1) % N;
    if (r === 0n || r + k === N) continue;
    const s = Fn.mul(dInv, Fn.create(k - r * d));
    if (s === 0n) continue;
    return format === 'raw' ? encodeRawSignature(r, s) : encodeDerSignature(r, s);
  }
}

function checkFormat(format: unknown, allowAuto: boolean): void {
  if (format !== undefined && format !== 'der' && format !== 'raw' && !(allowAuto && format === 'auto')) {
    throw new InvalidArgumentError('ERR_SM2_ARGUMENT', {
      zh: `未知的签名格式 ${String(format)}`,
      en: `unknown signature format ${String(format)}`,
    });
  }
}

/**
 * Signs `message` with SM2 (GB/T 32918.2): e = SM3(Z_A ‖ M) with the given user ID (default
 * `1234567812345678`). Returns DER (default) or raw `r‖s`. A fresh random k is used for every signature.
 *
 * @example
 * ```ts
 * import { sm2GenerateKeyPair, sm2Sign, sm2Verify } from '@gbkit/crypto';
 * const { privateKey, publicKey } = sm2GenerateKeyPair();
 * const msg = new TextEncoder().encode('电子证照');
 * const sig = sm2Sign(msg, privateKey, { publicKey });
 * console.log(sm2Verify(msg, sig, publicKey).valid); // true
 * ```
 */
export function sm2Sign(
  message: Uint8Array,
  privateKey: Uint8Array,
  options: Sm2SignOptions = {},
): Uint8Array {
  assertBytes(message, 'message');
  checkFormat(options.format, false);
  const d = privateKeyToScalar(privateKey);
  const pub = options.publicKey ? requirePublicKey(options.publicKey).bytes : publicKeyOfScalar(d);
  const z = zFromUncompressed(pub, userIdBytes(options.userId));
  const e = bytesToBigint(digestOf(z, message));
  return signE(e, d, options.format ?? 'der');
}

/**
 * Signs a precomputed 32-byte digest e = SM3(Z_A ‖ M) (GB/T 32918.2 §6.1 from step A3). Use when Z and the
 * message hash are computed elsewhere (e.g. streamed files).
 *
 * @example
 * ```ts
 * import { sm2GenerateKeyPair, sm2SignDigest, sm2VerifyDigest, sm2Z, createSm3 } from '@gbkit/crypto';
 * const { privateKey, publicKey } = sm2GenerateKeyPair();
 * const e = createSm3().update(sm2Z(publicKey)).update(new Uint8Array([1, 2, 3])).digest();
 * console.log(sm2VerifyDigest(e, sm2SignDigest(e, privateKey), publicKey).valid); // true
 * ```
 */
export function sm2SignDigest(
  digest: Uint8Array,
  privateKey: Uint8Array,
  options: { format?: Sm2SignatureFormat } = {},
): Uint8Array {
  assertBytes(digest, 'digest');
  if (digest.length !== 32) {
    throw new InvalidArgumentError('ERR_SM2_ARGUMENT', {
      zh: '摘要必须是 32 字节',
      en: 'digest must be 32 bytes',
    });
  }
  checkFormat(options.format, false);
  return signE(bytesToBigint(digest), privateKeyToScalar(privateKey), options.format ?? 'der');
}

function decodeSignature(
  signature: unknown,
  format: Sm2SignatureFormat | 'auto',
): { d: DecodedSignature; format: Sm2SignatureFormat } {
  if (!(signature instanceof Uint8Array)) {
    return {
      d: {
        ok: false,
        reason: 'ERR_SM2_ARGUMENT',
        message: { zh: '签名必须是 Uint8Array', en: 'signature must be a Uint8Array' },
      },
      format: 'der',
    };
  }
  if (format === 'der') return { d: decodeDerSignature(signature), format: 'der' };
  if (format === 'raw') return { d: decodeRawSignature(signature), format: 'raw' };
  if (signature[0] === 0x30) {
    const d = decodeDerSignature(signature);
    if (d.ok || signature.length !== 64) return { d, format: 'der' };
  }
  if (signature.length === 64) return { d: decodeRawSignature(signature), format: 'raw' };
  if (signature[0] === 0x30) return { d: decodeDerSignature(signature), format: 'der' };
  return {
    d: {
      ok: false,
      reason: 'ERR_SM2_SIG_LENGTH',
      message: {
        zh: `签名既不是 DER 也不是 64 字节 r‖s（${signature.length} 字节）`,
        en: `signature is neither DER nor 64-byte r‖s (${signature.length} bytes)`,
      },
    },
    format: 'der',
  };
}

function verifyCore(
  getE: (entryBytes: Uint8Array, z: () => Uint8Array) => bigint,
  signature: unknown,
  publicKey: unknown,
  format: Sm2SignatureFormat | 'auto',
  useCache: boolean,
  zKey: string,
  id: Uint8Array | undefined,
): Sm2VerifyResult {
  const { d, format: used } = decodeSignature(signature, format);
  if (!d.ok) return invalid(d.reason as Sm2VerifyReason, d.message);
  const { r, s } = d;
  if (r < 1n || r >= N || s < 1n || s >= N) {
    return invalid(
      'ERR_SM2_SIG_RANGE',
      { zh: 'r 或 s 不在 [1, n-1] 内', en: 'r or s not in [1, n-1]' },
      used,
    );
  }
  const t = (r + s) % N;
  if (t === 0n)
    return invalid('ERR_SM2_SIG_RANGE', { zh: '(r + s) mod n = 0', en: '(r + s) mod n = 0' }, used);
  const k = lookupPublicKey(publicKey, useCache);
  if (!k.ok) return invalid(k.reason as Sm2VerifyReason, k.message, used);
  const entry = k.entry;
  const e = getE(entry.bytes, () => {
    let z = entry.z.get(zKey);
    if (!z) {
      z = zFromUncompressed(entry.bytes, id as Uint8Array);
      if (entry.z.size >= 4) entry.z.clear();
      entry.z.set(zKey, z);
    }
    return z;
  });
  if (useCache && !entry.table && entry.uses >= publicKeyTableThreshold())
    entry.table = buildTable(entry.point);
  if (!verifyCombination(s, entry.point, t, e, r, entry.table)) {
    return invalid(
      'ERR_SM2_SIGNATURE_MISMATCH',
      {
        zh: '签名与消息、公钥或用户标识不匹配',
        en: 'signature does not match the message, public key or user ID',
      },
      used,
    );
  }
  return { valid: true, format: used };
}

/**
 * Verifies an SM2 signature (GB/T 32918.2 §7.1) over `message` with e = SM3(Z_A ‖ M). Never throws for a
 * malformed signature, key, or argument: returns `{ valid: false, reason }` with a stable reason code
 * ({@link Sm2VerifyReason}). Signatures may be DER or raw `r‖s` (`format: 'auto'`, the default).
 *
 * @example
 * ```ts
 * import { sm2GenerateKeyPair, sm2Sign, sm2Verify } from '@gbkit/crypto';
 * const { privateKey, publicKey } = sm2GenerateKeyPair();
 * const msg = new TextEncoder().encode('hello');
 * const sig = sm2Sign(msg, privateKey, { format: 'raw' });
 * console.log(sm2Verify(msg, sig, publicKey)); // { valid: true, format: 'raw' }
 * console.log(sm2Verify(msg, sig, publicKey, { userId: 'other' }).reason); // ERR_SM2_SIGNATURE_MISMATCH
 * ```
 */
export function sm2Verify(
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
  options: Sm2VerifyOptions = {},
): Sm2VerifyResult {
  if (!(message instanceof Uint8Array)) {
    return invalid('ERR_SM2_ARGUMENT', { zh: '消息必须是 Uint8Array', en: 'message must be a Uint8Array' });
  }
  const format = options.format ?? 'auto';
  if (format !== 'der' && format !== 'raw' && format !== 'auto') {
    return invalid('ERR_SM2_ARGUMENT', { zh: '未知的签名格式', en: 'unknown signature format' });
  }
  let id: Uint8Array;
  try {
    id = userIdBytes(options.userId);
  } catch {
    return invalid('ERR_SM2_ARGUMENT', { zh: '用户标识无效', en: 'invalid user ID' });
  }
  const zKey =
    options.userId === undefined || options.userId === SM2_DEFAULT_USER_ID
      ? ''
      : typeof options.userId === 'string'
        ? `s:${options.userId}`
        : `b:${Array.from(id).join(',')}`;
  return verifyCore(
    (_pub, z) => bytesToBigint(digestOf(z(), message)),
    signature,
    publicKey,
    format,
    options.cache !== false,
    zKey,
    id,
  );
}

/**
 * Verifies an SM2 signature over a given 32-byte e = SM3(Z_A ‖ M) (GB/T 32918.2 §7.1 from step B4).
 * Never throws for malformed input.
 *
 * @example
 * ```ts
 * import { sm2GenerateKeyPair, sm2SignDigest, sm2VerifyDigest } from '@gbkit/crypto';
 * const { privateKey, publicKey } = sm2GenerateKeyPair();
 * const e = new Uint8Array(32).fill(7);
 * console.log(sm2VerifyDigest(e, sm2SignDigest(e, privateKey), publicKey).valid); // true
 * ```
 */
export function sm2VerifyDigest(
  digest: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
  options: { format?: Sm2SignatureFormat | 'auto'; cache?: boolean } = {},
): Sm2VerifyResult {
  if (!(digest instanceof Uint8Array) || digest.length !== 32) {
    return invalid('ERR_SM2_ARGUMENT', {
      zh: '摘要必须是 32 字节 Uint8Array',
      en: 'digest must be a 32-byte Uint8Array',
    });
  }
  const format = options.format ?? 'auto';
  if (format !== 'der' && format !== 'raw' && format !== 'auto') {
    return invalid('ERR_SM2_ARGUMENT', { zh: '未知的签名格式', en: 'unknown signature format' });
  }
  const e = bytesToBigint(digest);
  return verifyCore(() => e, signature, publicKey, format, options.cache !== false, '', undefined);
}
