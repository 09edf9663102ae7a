/**
 * SM3 (GB/T 32905-2016): one-shot {@link sm3}, streaming {@link Sm3}, {@link hmacSm3} (RFC 2104 with SM3).
 * Uses Node's native SM3 when the runtime has it (detected at run time), otherwise {@link Sm3Pure}.
 * @module
 */
import { InvalidArgumentError } from '@gbkit/core';
import { type NativeHash, nativeCreateHash } from './native.js';
import { SM3_BLOCK_LENGTH, Sm3Pure } from './sm3-pure.js';

export { SM3_BLOCK_LENGTH, SM3_DIGEST_LENGTH, Sm3Pure, sm3Pure } from './sm3-pure.js';

/**
 * Inputs shorter than this are hashed in TypeScript even when native SM3 exists: for tiny inputs the
 * per-call cost of crossing into OpenSSL is larger than the hashing itself.
 */
export const NATIVE_MIN_LENGTH = 4096;

function toView(d: Uint8Array): Uint8Array {
  return d.constructor === Uint8Array ? d : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}

function assertBytes(data: unknown, name: string): asserts data is Uint8Array {
  if (!(data instanceof Uint8Array)) {
    throw new InvalidArgumentError('ERR_SM3_INPUT', {
      zh: `${name} 必须是 Uint8Array`,
      en: `${name} must be a Uint8Array`,
    });
  }
}

/** Whether this runtime provides a native SM3 that {@link sm3} and {@link Sm3} use. */
export function hasNativeSm3(): boolean {
  return nativeCreateHash() !== undefined;
}

/**
 * SM3 digest (32 bytes) of `data`.
 *
 * @example
 * ```ts
 * import { sm3 } from '@gbkit/crypto';
 * import { toHex } from '@gbkit/core';
 * console.log(toHex(sm3(new TextEncoder().encode('abc'))));
 * // 66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0
 * ```
 */
export function sm3(data: Uint8Array): Uint8Array {
  assertBytes(data, 'data');
  if (data.length >= NATIVE_MIN_LENGTH) {
    const create = nativeCreateHash();
    if (create) return toView(create('sm3').update(data).digest());
  }
  return new Sm3Pure().update(data).digest();
}

/**
 * Streaming SM3. Backed by native SM3 when available, otherwise by {@link Sm3Pure}.
 * `digest()` may be called once.
 *
 * @example
 * ```ts
 * import { Sm3, sm3 } from '@gbkit/crypto';
 * const enc = new TextEncoder();
 * const streamed = new Sm3().update(enc.encode('a')).update(enc.encode('bc')).digest();
 * console.log(streamed.every((b, i) => b === sm3(enc.encode('abc'))[i])); // true
 * ```
 */
export class Sm3 {
  private readonly impl: NativeHash | Sm3Pure;
  private done = false;

  /** @param options.pure force the TypeScript implementation */
  constructor(options: { pure?: boolean } = {}) {
    const create = options.pure ? undefined : nativeCreateHash();
    this.impl = create ? create('sm3') : new Sm3Pure();
  }

  /** Absorbs more data. Returns `this` for chaining. */
  update(data: Uint8Array): this {
    assertBytes(data, 'data');
    if (this.done) {
      throw new InvalidArgumentError('ERR_SM3_FINISHED', {
        zh: 'SM3 摘要已计算，不能再追加数据',
        en: 'SM3 digest already computed; cannot update',
      });
    }
    this.impl.update(data);
    return this;
  }

  /** Returns the 32-byte digest; the object cannot be used afterwards. */
  digest(): Uint8Array {
    if (this.done) {
      throw new InvalidArgumentError('ERR_SM3_FINISHED', {
        zh: 'SM3 摘要已计算，不能重复调用 digest()',
        en: 'SM3 digest already computed; digest() may be called once',
      });
    }
    this.done = true;
    return toView(this.impl.digest());
  }
}

/**
 * A new streaming SM3 hasher ({@link Sm3}).
 *
 * @example
 * ```ts
 * import { createSm3 } from '@gbkit/crypto';
 * console.log(createSm3().update(new Uint8Array(3)).digest().length); // 32
 * ```
 */
export function createSm3(options: { pure?: boolean } = {}): Sm3 {
  return new Sm3(options);
}

/**
 * HMAC-SM3 (RFC 2104 construction with SM3, block size 64, as in GB/T 15852.2 / GM/T 0042 usage).
 *
 * @example
 * ```ts
 * import { hmacSm3 } from '@gbkit/crypto';
 * const enc = new TextEncoder();
 * console.log(hmacSm3(enc.encode('key'), enc.encode('message')).length); // 32
 * ```
 */
export function hmacSm3(key: Uint8Array, data: Uint8Array): Uint8Array {
  assertBytes(key, 'key');
  assertBytes(data, 'data');
  let k = key.length > SM3_BLOCK_LENGTH ? sm3(key) : key;
  const padded = new Uint8Array(SM3_BLOCK_LENGTH);
  padded.set(k);
  k = padded;
  const ipad = new Uint8Array(SM3_BLOCK_LENGTH);
  const opad = new Uint8Array(SM3_BLOCK_LENGTH);
  for (let i = 0; i < SM3_BLOCK_LENGTH; i++) {
    ipad[i] = (k[i] as number) ^ 0x36;
    opad[i] = (k[i] as number) ^ 0x5c;
  }
  const inner = new Sm3().update(ipad).update(data).digest();
  return new Sm3().update(opad).update(inner).digest();
}
