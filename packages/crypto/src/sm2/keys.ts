/**
 * SM2 key pairs (GB/T 32918.1 §6.1): private key d ∈ [1, n − 2], public key P = d·G.
 * Public keys are accepted as 65-byte uncompressed `04‖x‖y`, 64-byte `x‖y` (the form sm-crypto and many
 * Chinese APIs print without the `04`), or 33-byte compressed `02|03‖x`; they are always returned as
 * 65-byte uncompressed points.
 * @module
 */
import { InvalidArgumentError } from '@gbkit/core';
import { randomBytes } from '@noble/hashes/utils.js';
import { bigintTo32, bytesToBigint, SM2_CURVE, Sm2Point, type Sm2PointType } from './curve.js';
import { mulBase } from './ec.js';

/** An SM2 key pair: 32-byte private scalar and 65-byte uncompressed public point. */
export interface Sm2KeyPair {
  /** 32-byte big-endian private key d, 1 ≤ d ≤ n − 2. */
  readonly privateKey: Uint8Array;
  /** 65-byte uncompressed public key `04‖x‖y`. */
  readonly publicKey: Uint8Array;
}

/** 65-byte `04‖x‖y` of d·G (comb table of G). */
export function publicKeyOfScalar(d: bigint): Uint8Array {
  const { x, y } = mulBase(d);
  const out = new Uint8Array(65);
  out[0] = 4;
  out.set(bigintTo32(x), 1);
  out.set(bigintTo32(y), 33);
  return out;
}

/** Checks the type and range of a private key and returns it as a scalar. Throws on failure. */
export function privateKeyToScalar(privateKey: Uint8Array): bigint {
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== 32) {
    throw new InvalidArgumentError('ERR_SM2_PRIVATE_KEY', {
      zh: 'SM2 私钥必须是 32 字节的 Uint8Array',
      en: 'an SM2 private key must be a 32-byte Uint8Array',
    });
  }
  const d = bytesToBigint(privateKey);
  if (d < 1n || d > SM2_CURVE.n - 2n) {
    throw new InvalidArgumentError('ERR_SM2_PRIVATE_KEY', {
      zh: 'SM2 私钥超出范围 [1, n-2]',
      en: 'SM2 private key out of range [1, n-2]',
    });
  }
  return d;
}

/** Result of decoding a public key without throwing. */
export type DecodedPublicKey =
  | { ok: true; point: Sm2PointType; bytes: Uint8Array }
  | { ok: false; reason: string; message: { zh: string; en: string } };

/** Decodes and validates a public key (65, 64 or 33 bytes); never throws. */
export function decodePublicKey(publicKey: unknown): DecodedPublicKey {
  if (!(publicKey instanceof Uint8Array)) {
    return {
      ok: false,
      reason: 'ERR_SM2_PUBLIC_KEY',
      message: { zh: '公钥必须是 Uint8Array', en: 'public key must be a Uint8Array' },
    };
  }
  let input = publicKey;
  if (input.length === 64) {
    input = new Uint8Array(65);
    input[0] = 0x04;
    input.set(publicKey, 1);
  } else if (
    !(input.length === 65 && input[0] === 0x04) &&
    !(input.length === 33 && (input[0] === 0x02 || input[0] === 0x03))
  ) {
    return {
      ok: false,
      reason: 'ERR_SM2_PUBLIC_KEY',
      message: {
        zh: `公钥长度或前缀无效（${input.length} 字节）：应为 65 字节 04‖x‖y、64 字节 x‖y 或 33 字节压缩点`,
        en: `invalid public key length or prefix (${input.length} bytes): expected 65-byte 04‖x‖y, 64-byte x‖y or 33-byte compressed point`,
      },
    };
  }
  try {
    const point = Sm2Point.fromBytes(input);
    point.assertValidity();
    if (point.is0()) throw new Error('infinity');
    const bytes = input.length === 65 ? input.slice() : point.toBytes(false);
    return { ok: true, point, bytes };
  } catch {
    return {
      ok: false,
      reason: 'ERR_SM2_PUBLIC_KEY_NOT_ON_CURVE',
      message: { zh: '公钥不是 SM2 曲线上的有效点', en: 'public key is not a valid point on the SM2 curve' },
    };
  }
}

/** Decodes a public key or throws {@link InvalidArgumentError} with the decoding reason. */
export function requirePublicKey(publicKey: Uint8Array): { point: Sm2PointType; bytes: Uint8Array } {
  const d = decodePublicKey(publicKey);
  if (!d.ok) throw new InvalidArgumentError(d.reason, d.message, { location: { field: 'publicKey' } });
  return d;
}

/**
 * Normalises a public key given as 65, 64 or 33 bytes to 65-byte uncompressed `04‖x‖y`, validating that
 * it is on the curve. Throws `ERR_SM2_PUBLIC_KEY` / `ERR_SM2_PUBLIC_KEY_NOT_ON_CURVE`.
 *
 * @example
 * ```ts
 * import { sm2GenerateKeyPair, sm2NormalizePublicKey } from '@gbkit/crypto';
 * const { publicKey } = sm2GenerateKeyPair();
 * console.log(sm2NormalizePublicKey(publicKey.subarray(1)).length); // 65
 * ```
 */
export function sm2NormalizePublicKey(publicKey: Uint8Array): Uint8Array {
  return requirePublicKey(publicKey).bytes;
}

/**
 * Compresses a public key to 33 bytes `02|03‖x`.
 *
 * @example
 * ```ts
 * import { sm2GenerateKeyPair, sm2CompressPublicKey } from '@gbkit/crypto';
 * console.log(sm2CompressPublicKey(sm2GenerateKeyPair().publicKey).length); // 33
 * ```
 */
export function sm2CompressPublicKey(publicKey: Uint8Array): Uint8Array {
  return requirePublicKey(publicKey).point.toBytes(true);
}

/**
 * The public key `04‖x‖y` (65 bytes) of a 32-byte private key.
 *
 * @example
 * ```ts
 * import { sm2GenerateKeyPair, sm2GetPublicKey } from '@gbkit/crypto';
 * const kp = sm2GenerateKeyPair();
 * console.log(sm2GetPublicKey(kp.privateKey).every((b, i) => b === kp.publicKey[i])); // true
 * ```
 */
export function sm2GetPublicKey(privateKey: Uint8Array): Uint8Array {
  const d = privateKeyToScalar(privateKey);
  return publicKeyOfScalar(d);
}

/**
 * Generates an SM2 key pair with the platform CSPRNG (`crypto.getRandomValues`).
 *
 * @example
 * ```ts
 * import { sm2GenerateKeyPair } from '@gbkit/crypto';
 * const { privateKey, publicKey } = sm2GenerateKeyPair();
 * console.log(privateKey.length, publicKey.length); // 32 65
 * ```
 */
export function sm2GenerateKeyPair(): Sm2KeyPair {
  // 40 random bytes reduced mod (n − 2) keep the bias below 2^-64 (FIPS 186-5 A.2.1 style).
  const d = (bytesToBigint(randomBytes(40)) % (SM2_CURVE.n - 2n)) + 1n;
  return { privateKey: bigintTo32(d), publicKey: publicKeyOfScalar(d) };
}
