/**
 * The SM2 recommended curve (GB/T 32918.5-2017 §2, "推荐曲线参数"): y² = x³ + ax + b over F_p, with
 * a = p − 3, prime order n, cofactor 1. Points and scalars come from `@noble/curves` (weierstrass).
 * @module
 */
import { weierstrass } from '@noble/curves/abstract/weierstrass.js';

/** Curve parameters of the SM2 recommended curve (GB/T 32918.5). */
export const SM2_CURVE: Readonly<{
  p: bigint;
  a: bigint;
  b: bigint;
  n: bigint;
  h: bigint;
  Gx: bigint;
  Gy: bigint;
}> = Object.freeze({
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
});

/** `@noble/curves` point class of the SM2 curve. */
export const Sm2Point = weierstrass<bigint>({
  p: SM2_CURVE.p,
  n: SM2_CURVE.n,
  h: SM2_CURVE.h,
  a: SM2_CURVE.a,
  b: SM2_CURVE.b,
  Gx: SM2_CURVE.Gx,
  Gy: SM2_CURVE.Gy,
});

/** A point of the SM2 curve (noble `WeierstrassPoint<bigint>`). */
export type Sm2PointType = InstanceType<typeof Sm2Point>;

/** Big-endian bytes → bigint. */
export function bytesToBigint(b: Uint8Array): bigint {
  let hex = '';
  for (let i = 0; i < b.length; i++) hex += (b[i] as number).toString(16).padStart(2, '0');
  return hex.length === 0 ? 0n : BigInt(`0x${hex}`);
}

/** bigint → 32 big-endian bytes (value must be < 2^256). */
export function bigintTo32(n: bigint): Uint8Array {
  const hex = n.toString(16).padStart(64, '0');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** x mod n in [0, n). */
export function modN(x: bigint): bigint {
  const r = x % SM2_CURVE.n;
  return r < 0n ? r + SM2_CURVE.n : r;
}
