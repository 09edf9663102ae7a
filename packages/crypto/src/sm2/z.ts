/**
 * The user hash Z_A (GB/T 32918.2 §5.5): Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A), where ENTL is
 * the bit length of ID as two bytes. The default ID is `1234567812345678` (GB/T 35276-2017 §10 /
 * GM/T 0009 §10); note that Node's built-in SM2 uses an empty ID instead.
 * @module
 */
import { InvalidArgumentError, utf8 } from '@gbkit/core';
import { sm3 } from '../sm3/index.js';
import { bigintTo32, SM2_CURVE } from './curve.js';
import { requirePublicKey } from './keys.js';

/** The default SM2 user ID `1234567812345678` (GB/T 35276-2017, GM/T 0009-2012 §10). */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

const CURVE_BYTES = new Uint8Array(128);
CURVE_BYTES.set(bigintTo32(SM2_CURVE.a), 0);
CURVE_BYTES.set(bigintTo32(SM2_CURVE.b), 32);
CURVE_BYTES.set(bigintTo32(SM2_CURVE.Gx), 64);
CURVE_BYTES.set(bigintTo32(SM2_CURVE.Gy), 96);

/** The default user ID's bytes, shared (internal: never handed to callers who could change them). */
export const SM2_DEFAULT_USER_ID_BYTES = utf8(SM2_DEFAULT_USER_ID);

/**
 * The user ID as bytes (strings are UTF-8), checking the 8191-byte limit of ENTL. The default ID (absent, or
 * the string `1234567812345678`) is the shared {@link SM2_DEFAULT_USER_ID_BYTES}: read it, never write it.
 */
export function userIdBytes(userId: string | Uint8Array | undefined): Uint8Array {
  const id =
    userId === undefined || userId === SM2_DEFAULT_USER_ID
      ? SM2_DEFAULT_USER_ID_BYTES
      : typeof userId === 'string'
        ? utf8(userId)
        : userId;
  if (!(id instanceof Uint8Array)) {
    throw new InvalidArgumentError('ERR_SM2_USER_ID', {
      zh: '用户标识必须是字符串或 Uint8Array',
      en: 'user ID must be a string or Uint8Array',
    });
  }
  if (id.length > 8191) {
    throw new InvalidArgumentError('ERR_SM2_USER_ID', {
      zh: '用户标识超过 8191 字节（ENTL 为 16 位比特长度）',
      en: 'user ID longer than 8191 bytes (ENTL is a 16-bit bit length)',
    });
  }
  return id;
}

/** Z over an already validated 65-byte uncompressed key. */
export function zFromUncompressed(pub65: Uint8Array, id: Uint8Array): Uint8Array {
  const buf = new Uint8Array(2 + id.length + 128 + 64);
  const bits = id.length * 8;
  buf[0] = bits >>> 8;
  buf[1] = bits & 0xff;
  buf.set(id, 2);
  buf.set(CURVE_BYTES, 2 + id.length);
  buf.set(pub65.subarray(1, 65), 2 + id.length + 128);
  return sm3(buf);
}

/**
 * Z_A of a public key and user ID (default {@link SM2_DEFAULT_USER_ID}). Public keys as in
 * {@link sm2NormalizePublicKey}.
 *
 * @example
 * ```ts
 * import { sm2GenerateKeyPair, sm2Z } from '@gbkit/crypto';
 * console.log(sm2Z(sm2GenerateKeyPair().publicKey).length); // 32
 * ```
 */
export function sm2Z(publicKey: Uint8Array, userId?: string | Uint8Array): Uint8Array {
  return zFromUncompressed(requirePublicKey(publicKey).bytes, userIdBytes(userId));
}
