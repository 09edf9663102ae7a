/**
 * Arithmetic in F_p of the SM2 curve (p = 2^256 − 2^224 − 2^96 + 2^64 − 1) on eleven 24-bit limbs held in
 * doubles, in Montgomery form with R = 2^264. Every product of two limbs (< 2^48) and every column sum
 * (11 products plus carries, < 2^52) is exact in a double, so no BigInt is allocated in the hot loops.
 *
 * p ≡ −1 (mod 2^24), so the Montgomery factor −p⁻¹ mod 2^24 is 1 and each reduction step adds m·p with
 * m = the low limb; m·p is sparse in radix 2^24: −m at limb i, +m·2^16 at i + 2 (2^64), −m at i + 4
 * (2^96), −m·2^8 at i + 9 (2^224) and +m·2^16 at i + 10 (2^256).
 *
 * Elements are `Float64Array(11)`, limbs in [0, 2^24), values fully reduced to [0, p).
 * @module
 */
import { SM2_CURVE } from './curve.js';

/** A field element: 11 limbs of 24 bits, little-endian, Montgomery form. */
export type Fe = Float64Array;

export const LIMBS = 11;
const BASE = 16777216; // 2^24
const INV_BASE = 1 / BASE;
const P = SM2_CURVE.p;
const R = 1n << 264n;
const R_MOD_P = R % P;

function limbsOf(x: bigint, out: Float64Array = new Float64Array(LIMBS)): Float64Array {
  let v = x;
  for (let i = 0; i < LIMBS; i++) {
    out[i] = Number(v & 0xffffffn);
    v >>= 24n;
  }
  return out;
}

function bigOf(a: ArrayLike<number>): bigint {
  let v = 0n;
  for (let i = LIMBS - 1; i >= 0; i--) v = (v << 24n) | BigInt(a[i] as number);
  return v;
}

const PL = limbsOf(P);

/** A new zero element. */
export function fe(): Fe {
  return new Float64Array(LIMBS);
}

/** x (0 ≤ x < p) into Montgomery form. */
export function toMont(x: bigint, out: Fe = fe()): Fe {
  return limbsOf((x * R_MOD_P) % P, out);
}

/** Montgomery form back to a bigint in [0, p). */
export function fromMont(a: ArrayLike<number>): bigint {
  return (bigOf(a) * invR) % P;
}

let invR = 0n;
{
  // R⁻¹ mod p by the extended Euclidean algorithm (module init only)
  let [r0, r1] = [R_MOD_P, P];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  invR = ((s0 % P) + P) % P;
}

/** Subtracts p when a ≥ p (a < 2p, limbs normalised). */
function condSubP(a: Fe): void {
  let i = LIMBS - 1;
  while (i >= 0 && a[i] === PL[i]) i--;
  if (i >= 0 && (a[i] as number) < (PL[i] as number)) return;
  let borrow = 0;
  for (let k = 0; k < LIMBS; k++) {
    let v = (a[k] as number) - (PL[k] as number) - borrow;
    if (v < 0) {
      v += BASE;
      borrow = 1;
    } else borrow = 0;
    a[k] = v;
  }
}

/** out = a·b·R⁻¹ mod p (Montgomery product), fully unrolled (generated). `out` may alias `a` or `b`. */
export function mul(out: Fe, a: Fe, b: Fe): void {
  const a0 = a[0] as number;
  const a1 = a[1] as number;
  const a2 = a[2] as number;
  const a3 = a[3] as number;
  const a4 = a[4] as number;
  const a5 = a[5] as number;
  const a6 = a[6] as number;
  const a7 = a[7] as number;
  const a8 = a[8] as number;
  const a9 = a[9] as number;
  const a10 = a[10] as number;
  const b0 = b[0] as number;
  const b1 = b[1] as number;
  const b2 = b[2] as number;
  const b3 = b[3] as number;
  const b4 = b[4] as number;
  const b5 = b[5] as number;
  const b6 = b[6] as number;
  const b7 = b[7] as number;
  const b8 = b[8] as number;
  const b9 = b[9] as number;
  const b10 = b[10] as number;
  const t0 = a0 * b0;
  let t1 = a0 * b1 + a1 * b0;
  let t2 = a0 * b2 + a1 * b1 + a2 * b0;
  let t3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
  let t4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;
  let t5 = a0 * b5 + a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1 + a5 * b0;
  let t6 = a0 * b6 + a1 * b5 + a2 * b4 + a3 * b3 + a4 * b2 + a5 * b1 + a6 * b0;
  let t7 = a0 * b7 + a1 * b6 + a2 * b5 + a3 * b4 + a4 * b3 + a5 * b2 + a6 * b1 + a7 * b0;
  let t8 = a0 * b8 + a1 * b7 + a2 * b6 + a3 * b5 + a4 * b4 + a5 * b3 + a6 * b2 + a7 * b1 + a8 * b0;
  let t9 = a0 * b9 + a1 * b8 + a2 * b7 + a3 * b6 + a4 * b5 + a5 * b4 + a6 * b3 + a7 * b2 + a8 * b1 + a9 * b0;
  let t10 =
    a0 * b10 +
    a1 * b9 +
    a2 * b8 +
    a3 * b7 +
    a4 * b6 +
    a5 * b5 +
    a6 * b4 +
    a7 * b3 +
    a8 * b2 +
    a9 * b1 +
    a10 * b0;
  let t11 =
    a1 * b10 + a2 * b9 + a3 * b8 + a4 * b7 + a5 * b6 + a6 * b5 + a7 * b4 + a8 * b3 + a9 * b2 + a10 * b1;
  let t12 = a2 * b10 + a3 * b9 + a4 * b8 + a5 * b7 + a6 * b6 + a7 * b5 + a8 * b4 + a9 * b3 + a10 * b2;
  let t13 = a3 * b10 + a4 * b9 + a5 * b8 + a6 * b7 + a7 * b6 + a8 * b5 + a9 * b4 + a10 * b3;
  let t14 = a4 * b10 + a5 * b9 + a6 * b8 + a7 * b7 + a8 * b6 + a9 * b5 + a10 * b4;
  let t15 = a5 * b10 + a6 * b9 + a7 * b8 + a8 * b7 + a9 * b6 + a10 * b5;
  let t16 = a6 * b10 + a7 * b9 + a8 * b8 + a9 * b7 + a10 * b6;
  let t17 = a7 * b10 + a8 * b9 + a9 * b8 + a10 * b7;
  let t18 = a8 * b10 + a9 * b9 + a10 * b8;
  let t19 = a9 * b10 + a10 * b9;
  let t20 = a10 * b10;
  const t21 = 0;
  let hi = 0;
  let m = 0;
  hi = Math.floor(t0 * INV_BASE);
  m = t0 - hi * BASE;
  t1 += hi;
  t2 += m * 65536;
  t4 -= m;
  t9 -= m * 256;
  t10 += m * 65536;
  hi = Math.floor(t1 * INV_BASE);
  m = t1 - hi * BASE;
  t2 += hi;
  t3 += m * 65536;
  t5 -= m;
  t10 -= m * 256;
  t11 += m * 65536;
  hi = Math.floor(t2 * INV_BASE);
  m = t2 - hi * BASE;
  t3 += hi;
  t4 += m * 65536;
  t6 -= m;
  t11 -= m * 256;
  t12 += m * 65536;
  hi = Math.floor(t3 * INV_BASE);
  m = t3 - hi * BASE;
  t4 += hi;
  t5 += m * 65536;
  t7 -= m;
  t12 -= m * 256;
  t13 += m * 65536;
  hi = Math.floor(t4 * INV_BASE);
  m = t4 - hi * BASE;
  t5 += hi;
  t6 += m * 65536;
  t8 -= m;
  t13 -= m * 256;
  t14 += m * 65536;
  hi = Math.floor(t5 * INV_BASE);
  m = t5 - hi * BASE;
  t6 += hi;
  t7 += m * 65536;
  t9 -= m;
  t14 -= m * 256;
  t15 += m * 65536;
  hi = Math.floor(t6 * INV_BASE);
  m = t6 - hi * BASE;
  t7 += hi;
  t8 += m * 65536;
  t10 -= m;
  t15 -= m * 256;
  t16 += m * 65536;
  hi = Math.floor(t7 * INV_BASE);
  m = t7 - hi * BASE;
  t8 += hi;
  t9 += m * 65536;
  t11 -= m;
  t16 -= m * 256;
  t17 += m * 65536;
  hi = Math.floor(t8 * INV_BASE);
  m = t8 - hi * BASE;
  t9 += hi;
  t10 += m * 65536;
  t12 -= m;
  t17 -= m * 256;
  t18 += m * 65536;
  hi = Math.floor(t9 * INV_BASE);
  m = t9 - hi * BASE;
  t10 += hi;
  t11 += m * 65536;
  t13 -= m;
  t18 -= m * 256;
  t19 += m * 65536;
  hi = Math.floor(t10 * INV_BASE);
  m = t10 - hi * BASE;
  t11 += hi;
  t12 += m * 65536;
  t14 -= m;
  t19 -= m * 256;
  t20 += m * 65536;
  let c = 0;
  c = t11;
  hi = Math.floor(c * INV_BASE);
  out[0] = c - hi * BASE;
  c = t12 + hi;
  hi = Math.floor(c * INV_BASE);
  out[1] = c - hi * BASE;
  c = t13 + hi;
  hi = Math.floor(c * INV_BASE);
  out[2] = c - hi * BASE;
  c = t14 + hi;
  hi = Math.floor(c * INV_BASE);
  out[3] = c - hi * BASE;
  c = t15 + hi;
  hi = Math.floor(c * INV_BASE);
  out[4] = c - hi * BASE;
  c = t16 + hi;
  hi = Math.floor(c * INV_BASE);
  out[5] = c - hi * BASE;
  c = t17 + hi;
  hi = Math.floor(c * INV_BASE);
  out[6] = c - hi * BASE;
  c = t18 + hi;
  hi = Math.floor(c * INV_BASE);
  out[7] = c - hi * BASE;
  c = t19 + hi;
  hi = Math.floor(c * INV_BASE);
  out[8] = c - hi * BASE;
  c = t20 + hi;
  hi = Math.floor(c * INV_BASE);
  out[9] = c - hi * BASE;
  c = t21 + hi;
  hi = Math.floor(c * INV_BASE);
  out[10] = c - hi * BASE;
  condSubP(out);
}

/** out = a² (Montgomery), with the symmetric products counted once (generated). */
export function sqr(out: Fe, a: Fe): void {
  const a0 = a[0] as number;
  const a1 = a[1] as number;
  const a2 = a[2] as number;
  const a3 = a[3] as number;
  const a4 = a[4] as number;
  const a5 = a[5] as number;
  const a6 = a[6] as number;
  const a7 = a[7] as number;
  const a8 = a[8] as number;
  const a9 = a[9] as number;
  const a10 = a[10] as number;
  const t0 = a0 * a0;
  let t1 = 2 * a0 * a1;
  let t2 = 2 * a0 * a2 + a1 * a1;
  let t3 = 2 * a0 * a3 + 2 * a1 * a2;
  let t4 = 2 * a0 * a4 + 2 * a1 * a3 + a2 * a2;
  let t5 = 2 * a0 * a5 + 2 * a1 * a4 + 2 * a2 * a3;
  let t6 = 2 * a0 * a6 + 2 * a1 * a5 + 2 * a2 * a4 + a3 * a3;
  let t7 = 2 * a0 * a7 + 2 * a1 * a6 + 2 * a2 * a5 + 2 * a3 * a4;
  let t8 = 2 * a0 * a8 + 2 * a1 * a7 + 2 * a2 * a6 + 2 * a3 * a5 + a4 * a4;
  let t9 = 2 * a0 * a9 + 2 * a1 * a8 + 2 * a2 * a7 + 2 * a3 * a6 + 2 * a4 * a5;
  let t10 = 2 * a0 * a10 + 2 * a1 * a9 + 2 * a2 * a8 + 2 * a3 * a7 + 2 * a4 * a6 + a5 * a5;
  let t11 = 2 * a1 * a10 + 2 * a2 * a9 + 2 * a3 * a8 + 2 * a4 * a7 + 2 * a5 * a6;
  let t12 = 2 * a2 * a10 + 2 * a3 * a9 + 2 * a4 * a8 + 2 * a5 * a7 + a6 * a6;
  let t13 = 2 * a3 * a10 + 2 * a4 * a9 + 2 * a5 * a8 + 2 * a6 * a7;
  let t14 = 2 * a4 * a10 + 2 * a5 * a9 + 2 * a6 * a8 + a7 * a7;
  let t15 = 2 * a5 * a10 + 2 * a6 * a9 + 2 * a7 * a8;
  let t16 = 2 * a6 * a10 + 2 * a7 * a9 + a8 * a8;
  let t17 = 2 * a7 * a10 + 2 * a8 * a9;
  let t18 = 2 * a8 * a10 + a9 * a9;
  let t19 = 2 * a9 * a10;
  let t20 = a10 * a10;
  const t21 = 0;
  let hi = 0;
  let m = 0;
  hi = Math.floor(t0 * INV_BASE);
  m = t0 - hi * BASE;
  t1 += hi;
  t2 += m * 65536;
  t4 -= m;
  t9 -= m * 256;
  t10 += m * 65536;
  hi = Math.floor(t1 * INV_BASE);
  m = t1 - hi * BASE;
  t2 += hi;
  t3 += m * 65536;
  t5 -= m;
  t10 -= m * 256;
  t11 += m * 65536;
  hi = Math.floor(t2 * INV_BASE);
  m = t2 - hi * BASE;
  t3 += hi;
  t4 += m * 65536;
  t6 -= m;
  t11 -= m * 256;
  t12 += m * 65536;
  hi = Math.floor(t3 * INV_BASE);
  m = t3 - hi * BASE;
  t4 += hi;
  t5 += m * 65536;
  t7 -= m;
  t12 -= m * 256;
  t13 += m * 65536;
  hi = Math.floor(t4 * INV_BASE);
  m = t4 - hi * BASE;
  t5 += hi;
  t6 += m * 65536;
  t8 -= m;
  t13 -= m * 256;
  t14 += m * 65536;
  hi = Math.floor(t5 * INV_BASE);
  m = t5 - hi * BASE;
  t6 += hi;
  t7 += m * 65536;
  t9 -= m;
  t14 -= m * 256;
  t15 += m * 65536;
  hi = Math.floor(t6 * INV_BASE);
  m = t6 - hi * BASE;
  t7 += hi;
  t8 += m * 65536;
  t10 -= m;
  t15 -= m * 256;
  t16 += m * 65536;
  hi = Math.floor(t7 * INV_BASE);
  m = t7 - hi * BASE;
  t8 += hi;
  t9 += m * 65536;
  t11 -= m;
  t16 -= m * 256;
  t17 += m * 65536;
  hi = Math.floor(t8 * INV_BASE);
  m = t8 - hi * BASE;
  t9 += hi;
  t10 += m * 65536;
  t12 -= m;
  t17 -= m * 256;
  t18 += m * 65536;
  hi = Math.floor(t9 * INV_BASE);
  m = t9 - hi * BASE;
  t10 += hi;
  t11 += m * 65536;
  t13 -= m;
  t18 -= m * 256;
  t19 += m * 65536;
  hi = Math.floor(t10 * INV_BASE);
  m = t10 - hi * BASE;
  t11 += hi;
  t12 += m * 65536;
  t14 -= m;
  t19 -= m * 256;
  t20 += m * 65536;
  let c = 0;
  c = t11;
  hi = Math.floor(c * INV_BASE);
  out[0] = c - hi * BASE;
  c = t12 + hi;
  hi = Math.floor(c * INV_BASE);
  out[1] = c - hi * BASE;
  c = t13 + hi;
  hi = Math.floor(c * INV_BASE);
  out[2] = c - hi * BASE;
  c = t14 + hi;
  hi = Math.floor(c * INV_BASE);
  out[3] = c - hi * BASE;
  c = t15 + hi;
  hi = Math.floor(c * INV_BASE);
  out[4] = c - hi * BASE;
  c = t16 + hi;
  hi = Math.floor(c * INV_BASE);
  out[5] = c - hi * BASE;
  c = t17 + hi;
  hi = Math.floor(c * INV_BASE);
  out[6] = c - hi * BASE;
  c = t18 + hi;
  hi = Math.floor(c * INV_BASE);
  out[7] = c - hi * BASE;
  c = t19 + hi;
  hi = Math.floor(c * INV_BASE);
  out[8] = c - hi * BASE;
  c = t20 + hi;
  hi = Math.floor(c * INV_BASE);
  out[9] = c - hi * BASE;
  c = t21 + hi;
  hi = Math.floor(c * INV_BASE);
  out[10] = c - hi * BASE;
  condSubP(out);
}

/** out = a + b mod p (unrolled, generated). */
export function add(out: Fe, a: Fe, b: Fe): void {
  let c = 0;
  let s0 = (a[0] as number) + (b[0] as number) + c;
  c = s0 >= BASE ? 1 : 0;
  s0 -= c * BASE;
  let s1 = (a[1] as number) + (b[1] as number) + c;
  c = s1 >= BASE ? 1 : 0;
  s1 -= c * BASE;
  let s2 = (a[2] as number) + (b[2] as number) + c;
  c = s2 >= BASE ? 1 : 0;
  s2 -= c * BASE;
  let s3 = (a[3] as number) + (b[3] as number) + c;
  c = s3 >= BASE ? 1 : 0;
  s3 -= c * BASE;
  let s4 = (a[4] as number) + (b[4] as number) + c;
  c = s4 >= BASE ? 1 : 0;
  s4 -= c * BASE;
  let s5 = (a[5] as number) + (b[5] as number) + c;
  c = s5 >= BASE ? 1 : 0;
  s5 -= c * BASE;
  let s6 = (a[6] as number) + (b[6] as number) + c;
  c = s6 >= BASE ? 1 : 0;
  s6 -= c * BASE;
  let s7 = (a[7] as number) + (b[7] as number) + c;
  c = s7 >= BASE ? 1 : 0;
  s7 -= c * BASE;
  let s8 = (a[8] as number) + (b[8] as number) + c;
  c = s8 >= BASE ? 1 : 0;
  s8 -= c * BASE;
  let s9 = (a[9] as number) + (b[9] as number) + c;
  c = s9 >= BASE ? 1 : 0;
  s9 -= c * BASE;
  let s10 = (a[10] as number) + (b[10] as number) + c;
  c = s10 >= BASE ? 1 : 0;
  s10 -= c * BASE;
  let w = 0;
  let d0 = s0 - 16777215 - w;
  w = d0 < 0 ? 1 : 0;
  d0 += w * BASE;
  let d1 = s1 - 16777215 - w;
  w = d1 < 0 ? 1 : 0;
  d1 += w * BASE;
  let d2 = s2 - 65535 - w;
  w = d2 < 0 ? 1 : 0;
  d2 += w * BASE;
  let d3 = s3 - 0 - w;
  w = d3 < 0 ? 1 : 0;
  d3 += w * BASE;
  let d4 = s4 - 16777215 - w;
  w = d4 < 0 ? 1 : 0;
  d4 += w * BASE;
  let d5 = s5 - 16777215 - w;
  w = d5 < 0 ? 1 : 0;
  d5 += w * BASE;
  let d6 = s6 - 16777215 - w;
  w = d6 < 0 ? 1 : 0;
  d6 += w * BASE;
  let d7 = s7 - 16777215 - w;
  w = d7 < 0 ? 1 : 0;
  d7 += w * BASE;
  let d8 = s8 - 16777215 - w;
  w = d8 < 0 ? 1 : 0;
  d8 += w * BASE;
  let d9 = s9 - 16776959 - w;
  w = d9 < 0 ? 1 : 0;
  d9 += w * BASE;
  let d10 = s10 - 65535 - w;
  w = d10 < 0 ? 1 : 0;
  d10 += w * BASE;
  if (w === 0 || c === 1) {
    out[0] = d0;
    out[1] = d1;
    out[2] = d2;
    out[3] = d3;
    out[4] = d4;
    out[5] = d5;
    out[6] = d6;
    out[7] = d7;
    out[8] = d8;
    out[9] = d9;
    out[10] = d10;
  } else {
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
    out[3] = s3;
    out[4] = s4;
    out[5] = s5;
    out[6] = s6;
    out[7] = s7;
    out[8] = s8;
    out[9] = s9;
    out[10] = s10;
  }
}

/** out = a − b mod p (unrolled, generated). */
export function sub(out: Fe, a: Fe, b: Fe): void {
  let w = 0;
  let s0 = (a[0] as number) - (b[0] as number) - w;
  w = s0 < 0 ? 1 : 0;
  s0 += w * BASE;
  let s1 = (a[1] as number) - (b[1] as number) - w;
  w = s1 < 0 ? 1 : 0;
  s1 += w * BASE;
  let s2 = (a[2] as number) - (b[2] as number) - w;
  w = s2 < 0 ? 1 : 0;
  s2 += w * BASE;
  let s3 = (a[3] as number) - (b[3] as number) - w;
  w = s3 < 0 ? 1 : 0;
  s3 += w * BASE;
  let s4 = (a[4] as number) - (b[4] as number) - w;
  w = s4 < 0 ? 1 : 0;
  s4 += w * BASE;
  let s5 = (a[5] as number) - (b[5] as number) - w;
  w = s5 < 0 ? 1 : 0;
  s5 += w * BASE;
  let s6 = (a[6] as number) - (b[6] as number) - w;
  w = s6 < 0 ? 1 : 0;
  s6 += w * BASE;
  let s7 = (a[7] as number) - (b[7] as number) - w;
  w = s7 < 0 ? 1 : 0;
  s7 += w * BASE;
  let s8 = (a[8] as number) - (b[8] as number) - w;
  w = s8 < 0 ? 1 : 0;
  s8 += w * BASE;
  let s9 = (a[9] as number) - (b[9] as number) - w;
  w = s9 < 0 ? 1 : 0;
  s9 += w * BASE;
  let s10 = (a[10] as number) - (b[10] as number) - w;
  w = s10 < 0 ? 1 : 0;
  s10 += w * BASE;
  if (w === 0) {
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
    out[3] = s3;
    out[4] = s4;
    out[5] = s5;
    out[6] = s6;
    out[7] = s7;
    out[8] = s8;
    out[9] = s9;
    out[10] = s10;
    return;
  }
  let c = 0;
  s0 += 16777215 + c;
  c = s0 >= BASE ? 1 : 0;
  out[0] = s0 - c * BASE;
  s1 += 16777215 + c;
  c = s1 >= BASE ? 1 : 0;
  out[1] = s1 - c * BASE;
  s2 += 65535 + c;
  c = s2 >= BASE ? 1 : 0;
  out[2] = s2 - c * BASE;
  s3 += 0 + c;
  c = s3 >= BASE ? 1 : 0;
  out[3] = s3 - c * BASE;
  s4 += 16777215 + c;
  c = s4 >= BASE ? 1 : 0;
  out[4] = s4 - c * BASE;
  s5 += 16777215 + c;
  c = s5 >= BASE ? 1 : 0;
  out[5] = s5 - c * BASE;
  s6 += 16777215 + c;
  c = s6 >= BASE ? 1 : 0;
  out[6] = s6 - c * BASE;
  s7 += 16777215 + c;
  c = s7 >= BASE ? 1 : 0;
  out[7] = s7 - c * BASE;
  s8 += 16777215 + c;
  c = s8 >= BASE ? 1 : 0;
  out[8] = s8 - c * BASE;
  s9 += 16776959 + c;
  c = s9 >= BASE ? 1 : 0;
  out[9] = s9 - c * BASE;
  s10 += 65535 + c;
  c = s10 >= BASE ? 1 : 0;
  out[10] = s10 - c * BASE;
}

/**
 * out = k·a mod p for a small integer 1 ≤ k ≤ 8 (unrolled, generated): limb products, then subtract
 * q·p with q = ⌊k·a / 2^256⌋ (never more than ⌊k·a / p⌋), then at most one more p.
 */
export function mulSmall(out: Fe, a: Fe, k: number): void {
  let c = 0;
  let s0 = (a[0] as number) * k + c;
  c = Math.floor(s0 * INV_BASE);
  s0 -= c * BASE;
  let s1 = (a[1] as number) * k + c;
  c = Math.floor(s1 * INV_BASE);
  s1 -= c * BASE;
  let s2 = (a[2] as number) * k + c;
  c = Math.floor(s2 * INV_BASE);
  s2 -= c * BASE;
  let s3 = (a[3] as number) * k + c;
  c = Math.floor(s3 * INV_BASE);
  s3 -= c * BASE;
  let s4 = (a[4] as number) * k + c;
  c = Math.floor(s4 * INV_BASE);
  s4 -= c * BASE;
  let s5 = (a[5] as number) * k + c;
  c = Math.floor(s5 * INV_BASE);
  s5 -= c * BASE;
  let s6 = (a[6] as number) * k + c;
  c = Math.floor(s6 * INV_BASE);
  s6 -= c * BASE;
  let s7 = (a[7] as number) * k + c;
  c = Math.floor(s7 * INV_BASE);
  s7 -= c * BASE;
  let s8 = (a[8] as number) * k + c;
  c = Math.floor(s8 * INV_BASE);
  s8 -= c * BASE;
  let s9 = (a[9] as number) * k + c;
  c = Math.floor(s9 * INV_BASE);
  s9 -= c * BASE;
  let s10 = (a[10] as number) * k + c;
  c = Math.floor(s10 * INV_BASE);
  s10 -= c * BASE;
  const q = Math.floor(s10 / 65536);
  let w = 0;
  s0 -= q * 16777215 + w;
  w = Math.floor(s0 * INV_BASE);
  s0 -= w * BASE;
  w = -w;
  s1 -= q * 16777215 + w;
  w = Math.floor(s1 * INV_BASE);
  s1 -= w * BASE;
  w = -w;
  s2 -= q * 65535 + w;
  w = Math.floor(s2 * INV_BASE);
  s2 -= w * BASE;
  w = -w;
  s3 -= q * 0 + w;
  w = Math.floor(s3 * INV_BASE);
  s3 -= w * BASE;
  w = -w;
  s4 -= q * 16777215 + w;
  w = Math.floor(s4 * INV_BASE);
  s4 -= w * BASE;
  w = -w;
  s5 -= q * 16777215 + w;
  w = Math.floor(s5 * INV_BASE);
  s5 -= w * BASE;
  w = -w;
  s6 -= q * 16777215 + w;
  w = Math.floor(s6 * INV_BASE);
  s6 -= w * BASE;
  w = -w;
  s7 -= q * 16777215 + w;
  w = Math.floor(s7 * INV_BASE);
  s7 -= w * BASE;
  w = -w;
  s8 -= q * 16777215 + w;
  w = Math.floor(s8 * INV_BASE);
  s8 -= w * BASE;
  w = -w;
  s9 -= q * 16776959 + w;
  w = Math.floor(s9 * INV_BASE);
  s9 -= w * BASE;
  w = -w;
  s10 -= q * 65535 + w;
  w = Math.floor(s10 * INV_BASE);
  s10 -= w * BASE;
  w = -w;
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
  out[4] = s4;
  out[5] = s5;
  out[6] = s6;
  out[7] = s7;
  out[8] = s8;
  out[9] = s9;
  out[10] = s10;
  condSubP(out);
}

/** Whether a = 0. */
export function isZero(a: Fe): boolean {
  for (let k = 0; k < LIMBS; k++) if (a[k] !== 0) return false;
  return true;
}

/** Whether a = b. */
export function eq(a: Fe, b: ArrayLike<number>): boolean {
  for (let k = 0; k < LIMBS; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** out = a. */
export function copy(out: Fe, a: ArrayLike<number>, offset = 0): void {
  for (let k = 0; k < LIMBS; k++) out[k] = a[offset + k] as number;
}

function sqrN(out: Fe, a: Fe, n: number): void {
  sqr(out, a);
  for (let i = 1; i < n; i++) sqr(out, out);
}

/**
 * out = a⁻¹ mod p (Montgomery form in and out) by Fermat, a^(p−2), on a fixed addition chain:
 * p − 2 = 2^256 − 2^224 − 2^96 + 2^64 − 3 is, from the top, 31 ones, a zero, 128 ones, 32 zeros, 62 ones,
 * a zero and a one. ≈ 320 squarings and 14 products, no BigInt. a = 0 gives 0. `out` may alias `a`.
 */
export function invert(out: Fe, a: Fe): void {
  const x1 = Float64Array.from(a);
  const x2 = fe();
  const x3 = fe();
  const x6 = fe();
  const x12 = fe();
  const x24 = fe();
  const x30 = fe();
  const x31 = fe();
  const x32 = fe();
  const x62 = fe();
  const r = fe();
  sqr(x2, x1);
  mul(x2, x2, x1);
  sqr(x3, x2);
  mul(x3, x3, x1);
  sqrN(x6, x3, 3);
  mul(x6, x6, x3);
  sqrN(x12, x6, 6);
  mul(x12, x12, x6);
  sqrN(x24, x12, 12);
  mul(x24, x24, x12);
  sqrN(x30, x24, 6);
  mul(x30, x30, x6);
  sqr(x31, x30);
  mul(x31, x31, x1);
  sqr(x32, x31);
  mul(x32, x32, x1);
  sqrN(x62, x31, 31);
  mul(x62, x62, x31);
  // 31 ones, then one zero
  sqr(r, x31);
  // 128 ones
  for (let i = 0; i < 4; i++) {
    sqrN(r, r, 32);
    mul(r, r, x32);
  }
  // 32 zeros, 62 ones
  sqrN(r, r, 32);
  sqrN(r, r, 62);
  mul(r, r, x62);
  // a zero, then a one
  sqrN(r, r, 2);
  mul(r, r, x1);
  out.set(r);
}
