/**
 * Bounded LRU cache of decoded SM2 public keys. A key seen before skips decoding and curve checks, reuses
 * its Z value for the default user ID, and — from its second use on — gets a precomputed table of
 * multiples so `t·P` in verification costs only additions (see `ec.ts`).
 * @module
 */
import { InvalidArgumentError, toHex } from '@gbkit/core';
import type { Sm2PointType } from './curve.js';
import type { PointTable } from './ec.js';
import { type DecodedPublicKey, decodePublicKey } from './keys.js';

/** One cached public key. */
export interface PublicKeyEntry {
  readonly point: Sm2PointType;
  /** 65-byte uncompressed form. */
  readonly bytes: Uint8Array;
  /** Z values by user ID (hex), at most a few. */
  readonly z: Map<string, Uint8Array>;
  uses: number;
  table?: PointTable;
}

let maxSize = 64;
let tableAfter = 2;
const entries = new Map<string, PublicKeyEntry>();

/**
 * From which use on a cached public key gets its precomputed table (default 2: the second
 * verification with the same key). Building a table costs about as much CPU as 35 verifications with
 * an unknown key and makes each later one about 6× faster; raise this when most keys are verified only
 * a few times, lower it to 1 to build tables eagerly.
 *
 * @example
 * ```ts
 * import { sm2SetPublicKeyTableThreshold } from '@gbkit/crypto';
 * sm2SetPublicKeyTableThreshold(5);
 * ```
 */
export function sm2SetPublicKeyTableThreshold(uses: number): void {
  if (!Number.isInteger(uses) || uses < 1) {
    throw new InvalidArgumentError('ERR_SM2_CACHE_SIZE', {
      zh: '阈值必须是正整数',
      en: 'the threshold must be a positive integer',
    });
  }
  tableAfter = uses;
}

/** The current table threshold (see {@link sm2SetPublicKeyTableThreshold}). */
export function publicKeyTableThreshold(): number {
  return tableAfter;
}

/**
 * Sets how many public keys the SM2 verification cache keeps (least recently used are dropped);
 * 0 disables caching. Default 64. Each key with a table costs about 0.4 MB.
 *
 * @example
 * ```ts
 * import { sm2SetPublicKeyCacheSize } from '@gbkit/crypto';
 * sm2SetPublicKeyCacheSize(16);
 * ```
 */
export function sm2SetPublicKeyCacheSize(size: number): void {
  if (!Number.isInteger(size) || size < 0) {
    throw new InvalidArgumentError('ERR_SM2_CACHE_SIZE', {
      zh: '缓存大小必须是非负整数',
      en: 'cache size must be a non-negative integer',
    });
  }
  maxSize = size;
  while (entries.size > maxSize) {
    const first = entries.keys().next().value as string;
    entries.delete(first);
  }
}

/**
 * Empties the SM2 public key cache.
 *
 * @example
 * ```ts
 * import { sm2ClearPublicKeyCache } from '@gbkit/crypto';
 * sm2ClearPublicKeyCache();
 * ```
 */
export function sm2ClearPublicKeyCache(): void {
  entries.clear();
}

/**
 * Current size and limit of the SM2 public key cache, and how many entries hold a precomputed table.
 *
 * @example
 * ```ts
 * import { sm2PublicKeyCacheStats } from '@gbkit/crypto';
 * console.log(sm2PublicKeyCacheStats().maxSize >= 0); // true
 * ```
 */
export function sm2PublicKeyCacheStats(): { size: number; maxSize: number; withTable: number } {
  let withTable = 0;
  for (const e of entries.values()) if (e.table) withTable++;
  return { size: entries.size, maxSize, withTable };
}

/** Looks a key up (decoding and caching it when new); never throws. */
export function lookupPublicKey(
  publicKey: unknown,
  useCache: boolean,
): { ok: true; entry: PublicKeyEntry } | Extract<DecodedPublicKey, { ok: false }> {
  const cacheable = useCache && maxSize > 0 && publicKey instanceof Uint8Array && publicKey.length <= 65;
  let id = '';
  if (cacheable) {
    id = toHex(publicKey as Uint8Array);
    const hit = entries.get(id);
    if (hit) {
      entries.delete(id);
      entries.set(id, hit);
      hit.uses++;
      return { ok: true, entry: hit };
    }
  }
  const d = decodePublicKey(publicKey);
  if (!d.ok) return d;
  const entry: PublicKeyEntry = { point: d.point, bytes: d.bytes, z: new Map(), uses: 1 };
  if (cacheable) {
    entries.set(id, entry);
    if (entries.size > maxSize) entries.delete(entries.keys().next().value as string);
  }
  return { ok: true, entry };
}
