/**
 * SM3 cryptographic hash (GB/T 32905-2016) in plain TypeScript: the fallback used where the runtime
 * offers no native SM3 (browsers, Deno, Node builds without it), and always exercised by the tests.
 *
 * Structure per GB/T 32905 §5: padding (§5.2), message expansion into W0…W67 and W'0…W'63 (§5.3.2),
 * compression function CF with 64 rounds (§5.3.3), iteration from IV (§5.3.1). Words are big-endian.
 * @module
 */
import { InvalidArgumentError } from '@gbkit/core';
import { compress } from './compress.js';

/** SM3 digest length in bytes. */
export const SM3_DIGEST_LENGTH = 32;
/** SM3 block length in bytes. */
export const SM3_BLOCK_LENGTH = 64;

const IV = new Int32Array([
  0x7380166f,
  0x4914b2b9,
  0x172442d7,
  0xda8a0600 | 0,
  0xa96f30bc | 0,
  0x163138aa,
  0xe38dee4d | 0,
  0xb0fb0e4e | 0,
]);

function assertBytes(data: unknown, name: string): asserts data is Uint8Array {
  if (!(data instanceof Uint8Array)) {
    throw new InvalidArgumentError('ERR_SM3_INPUT', {
      zh: `${name} 必须是 Uint8Array`,
      en: `${name} must be a Uint8Array`,
    });
  }
}

/**
 * Streaming SM3 in pure TypeScript. Same interface as {@link Sm3}; `digest()` may be called once.
 *
 * @example
 * ```ts
 * import { Sm3Pure } from '@gbkit/crypto';
 * const h = new Sm3Pure().update(new TextEncoder().encode('ab')).update(new TextEncoder().encode('c'));
 * console.log(Array.from(h.digest().subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('')); // 66c7f0f4
 * ```
 */
export class Sm3Pure {
  private readonly state = new Int32Array(IV);
  private readonly buffer = new Uint8Array(SM3_BLOCK_LENGTH);
  private readonly bufferView = new DataView(this.buffer.buffer);
  private bufferLength = 0;
  private length = 0;
  private finished = false;

  /** Absorbs more data. Returns `this` for chaining. */
  update(data: Uint8Array): this {
    assertBytes(data, 'data');
    if (this.finished) {
      throw new InvalidArgumentError('ERR_SM3_FINISHED', {
        zh: 'SM3 摘要已计算，不能再追加数据',
        en: 'SM3 digest already computed; cannot update',
      });
    }
    const len = data.length;
    this.length += len;
    let pos = 0;
    if (this.bufferLength > 0) {
      const take = Math.min(SM3_BLOCK_LENGTH - this.bufferLength, len);
      this.buffer.set(data.subarray(0, take), this.bufferLength);
      this.bufferLength += take;
      pos = take;
      if (this.bufferLength < SM3_BLOCK_LENGTH) return this;
      compress(this.state, this.bufferView, 0);
      this.bufferLength = 0;
    }
    if (len - pos >= SM3_BLOCK_LENGTH) {
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      while (len - pos >= SM3_BLOCK_LENGTH) {
        compress(this.state, view, pos);
        pos += SM3_BLOCK_LENGTH;
      }
    }
    if (pos < len) {
      this.buffer.set(data.subarray(pos), 0);
      this.bufferLength = len - pos;
    }
    return this;
  }

  /** Finishes (GB/T 32905 §5.2 padding) and returns the 32-byte digest. */
  digest(): Uint8Array {
    if (this.finished) {
      throw new InvalidArgumentError('ERR_SM3_FINISHED', {
        zh: 'SM3 摘要已计算，不能重复调用 digest()',
        en: 'SM3 digest already computed; digest() may be called once',
      });
    }
    this.finished = true;
    const buf = this.buffer;
    let n = this.bufferLength;
    buf[n++] = 0x80;
    if (n > SM3_BLOCK_LENGTH - 8) {
      buf.fill(0, n);
      compress(this.state, this.bufferView, 0);
      n = 0;
    }
    buf.fill(0, n);
    // 64-bit big-endian bit length; lengths up to 2^53 bytes are representable exactly.
    const bits = this.length * 8;
    const hi = Math.floor(bits / 0x100000000);
    const lo = bits >>> 0;
    buf[56] = hi >>> 24;
    buf[57] = hi >>> 16;
    buf[58] = hi >>> 8;
    buf[59] = hi;
    buf[60] = lo >>> 24;
    buf[61] = lo >>> 16;
    buf[62] = lo >>> 8;
    buf[63] = lo;
    compress(this.state, this.bufferView, 0);
    const out = new Uint8Array(SM3_DIGEST_LENGTH);
    for (let i = 0; i < 8; i++) {
      const v = this.state[i] as number;
      out[4 * i] = v >>> 24;
      out[4 * i + 1] = v >>> 16;
      out[4 * i + 2] = v >>> 8;
      out[4 * i + 3] = v;
    }
    return out;
  }
}

/**
 * One-shot SM3 in pure TypeScript (never uses a native implementation).
 *
 * @example
 * ```ts
 * import { sm3Pure } from '@gbkit/crypto';
 * console.log(sm3Pure(new TextEncoder().encode('abc')).length); // 32
 * ```
 */
export function sm3Pure(data: Uint8Array): Uint8Array {
  return new Sm3Pure().update(data).digest();
}
