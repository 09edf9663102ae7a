/**
 * Arithmetic in F_p of the SM2 curve (p = 2^256 − 2^224 − 2^96 + 2^64 − 1) on eleven signed 24-bit limbs held
 * in doubles, in Montgomery form with R = 2^264, with lazy reduction. No BigInt on the hot path.
 *
 * **Representation.** An element is a `Float64Array(11)` of integer limbs l_0 … l_10; its value is
 * V = Σ l_i·2^(24i) (signed) and it stands for the residue (V·R⁻¹ mod p). Two measures bound a value:
 * its limb bound cl = max |l_i| / 2^23 and its value bound cv = |V| / 2^256. An element with cl ≤ 1 and
 * cv ≤ 1 is in *R-form*; {@link mul}, {@link sqr}, {@link reduce}, {@link toMont} and {@link invert} return
 * R-form, and every point coordinate and table entry is in R-form.
 *
 * **Lazy operations.** {@link add}, {@link sub}, {@link neg} and {@link mulSmall} work limb by limb with no
 * carry and no reduction: the bounds add up (cl(a ± b) ≤ cl(a) + cl(b), cl(k·a) = k·cl(a); the same for cv).
 *
 * **Montgomery product** (generated in `field-kernels.ts`). Column k of a·b sums at most 11 limb products,
 * each at most cl(a)·cl(b)·2^46, plus the reduction terms (a carry below 2^30 and at most four multiples of
 * a digit |m| ≤ 2^23 by 1, 2^8 or 2^16, below 2^41 in all). With cl(a)·cl(b) ≤ 11 every partial sum stays
 * below 11·11·2^46 + 2^41 < 2^53, so every operation on doubles is exact. p ≡ −1 (mod 2^24), hence
 * −p⁻¹ ≡ 1 (mod 2^24) and each reduction step's digit is the column's own balanced low digit
 * m ∈ [−2^23, 2^23]; m·p is sparse in radix 2^24 (−m at limb i, +m·2^16 at i + 2, −m at i + 4, −m·2^8 at
 * i + 9, +m·2^16 at i + 10). The result (a·b + M·p)/2^264 with |M| ≤ 2^263 has
 * |value| ≤ cv(a)·cv(b)·2^248 + p/2, which is below 2^256 when cv(a)·cv(b) ≤ 127; the final balanced carries
 * leave limbs 0–9 in [−2^23, 2^23] and the rest (|l_10| ≤ 2^16 + 1) in limb 10: R-form.
 *
 * **Weak reduction** ({@link reduce}): q = round(V / 2^256), read from the top limb, then V − q·p (five
 * sparse limb updates) and balanced carries; for cl ≤ 32, cv ≤ 64 the error of q is below 0.5 + 2^−12, so
 * |result| < 2^255.01: R-form.
 *
 * **Zero and equality** are decided on residues ({@link isZero}, {@link eq}): |V| < 2^262 means V ≡ 0 only
 * for V = k·p with |k| < 64, and since p ≡ −1 (mod 2^24), V mod 2^24 = l_0 mod 2^24 must then be −k mod 2^24;
 * any other low digit proves V ≢ 0 at once, and the rare remaining case is settled exactly with BigInt.
 *
 * The point formulas in `ec.ts` state, operation by operation, the bounds they pass to {@link mul}.
 * @module
 */
import { SM2_CURVE } from './curve.js';
import { mul, reduce, sqr } from './field-kernels.js';

export { mul, reduce, sqr };

/** A field element: 11 signed 24-bit-radix limbs, little-endian, Montgomery form (see the module comment). */
export type Fe = Float64Array;

export const LIMBS = 11;
const BASE = 16777216; // 2^24
const HALF_BASE = 8388608; // 2^23
const P = SM2_CURVE.p;
const R = 1n << 264n;
const R_MOD_P = R % P;

/** Balanced limbs (each in [−2^23, 2^23)) of 0 ≤ x < 2^263. */
function limbsOf(x: bigint, out: Float64Array = new Float64Array(LIMBS)): Float64Array {
  let v = x;
  let carry = 0;
  for (let i = 0; i < LIMBS; i++) {
    let d = Number(v & 0xffffffn) + carry;
    v >>= 24n;
    carry = 0;
    if (i < LIMBS - 1 && d >= HALF_BASE) {
      d -= BASE;
      carry = 1;
    }
    out[i] = d;
  }
  return out;
}

/** The signed value Σ l_i·2^(24i). */
function bigOf(a: ArrayLike<number>): bigint {
  let v = 0n;
  for (let i = LIMBS - 1; i >= 0; i--) v = (v << 24n) + BigInt(a[i] as number);
  return v;
}

const mod = (x: bigint): bigint => {
  const r = x % P;
  return r < 0n ? r + P : r;
};

/** A new zero element. */
export function fe(): Fe {
  return new Float64Array(LIMBS);
}

/** x (0 ≤ x < p) into Montgomery form (R-form). */
export function toMont(x: bigint, out: Fe = fe()): Fe {
  return limbsOf((x * R_MOD_P) % P, out);
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

/** Montgomery form (any bounds) back to the residue in [0, p). */
export function fromMont(a: ArrayLike<number>): bigint {
  return mod(mod(bigOf(a)) * invR);
}

/** out = a + b, lazily (bounds add). */
export function add(out: Fe, a: Fe, b: Fe): void {
  out[0] = (a[0] as number) + (b[0] as number);
  out[1] = (a[1] as number) + (b[1] as number);
  out[2] = (a[2] as number) + (b[2] as number);
  out[3] = (a[3] as number) + (b[3] as number);
  out[4] = (a[4] as number) + (b[4] as number);
  out[5] = (a[5] as number) + (b[5] as number);
  out[6] = (a[6] as number) + (b[6] as number);
  out[7] = (a[7] as number) + (b[7] as number);
  out[8] = (a[8] as number) + (b[8] as number);
  out[9] = (a[9] as number) + (b[9] as number);
  out[10] = (a[10] as number) + (b[10] as number);
}

/** out = a − b, lazily (bounds add). */
export function sub(out: Fe, a: Fe, b: Fe): void {
  out[0] = (a[0] as number) - (b[0] as number);
  out[1] = (a[1] as number) - (b[1] as number);
  out[2] = (a[2] as number) - (b[2] as number);
  out[3] = (a[3] as number) - (b[3] as number);
  out[4] = (a[4] as number) - (b[4] as number);
  out[5] = (a[5] as number) - (b[5] as number);
  out[6] = (a[6] as number) - (b[6] as number);
  out[7] = (a[7] as number) - (b[7] as number);
  out[8] = (a[8] as number) - (b[8] as number);
  out[9] = (a[9] as number) - (b[9] as number);
  out[10] = (a[10] as number) - (b[10] as number);
}

/** out = −a (bounds unchanged). */
export function neg(out: Fe, a: Fe): void {
  for (let i = 0; i < LIMBS; i++) out[i] = -(a[i] as number);
}

/** out = k·a for a small integer k, lazily (bounds times |k|). */
export function mulSmall(out: Fe, a: Fe, k: number): void {
  out[0] = (a[0] as number) * k;
  out[1] = (a[1] as number) * k;
  out[2] = (a[2] as number) * k;
  out[3] = (a[3] as number) * k;
  out[4] = (a[4] as number) * k;
  out[5] = (a[5] as number) * k;
  out[6] = (a[6] as number) * k;
  out[7] = (a[7] as number) * k;
  out[8] = (a[8] as number) * k;
  out[9] = (a[9] as number) * k;
  out[10] = (a[10] as number) * k;
}

/** Whether a ≡ 0 (mod p), for |value| < 2^262 (any element of the formulas in `ec.ts`). */
export function isZero(a: Fe): boolean {
  // V = k·p with |k| < 64 ⇒ V ≡ −k (mod 2^24); ((l_0 mod 2^24) + 64) mod 2^24 < 128 is necessary
  const low = ((((a[0] as number) % BASE) + BASE + 64) % BASE) as number;
  if (low >= 128) return false;
  return mod(bigOf(a)) === 0n;
}

/** Whether a ≡ b (mod p) (|a| + |b| < 2^262). */
export function eq(a: Fe, b: Fe): boolean {
  const d = fe();
  sub(d, a, b);
  return isZero(d);
}

/** out = a (`a` may be a larger array read from `offset`). */
export function copy(out: Fe, a: ArrayLike<number>, offset = 0): void {
  for (let k = 0; k < LIMBS; k++) out[k] = a[offset + k] as number;
}

function sqrN(out: Fe, a: Fe, n: number): void {
  sqr(out, a);
  for (let i = 1; i < n; i++) sqr(out, out);
}

/**
 * out = a⁻¹ mod p (Montgomery form in and out, R-form in and out) by Fermat, a^(p−2), on a fixed addition
 * chain: p − 2 = 2^256 − 2^224 − 2^96 + 2^64 − 3 is, from the top, 31 ones, a zero, 128 ones, 32 zeros,
 * 62 ones, a zero and a one. ≈ 320 squarings and 14 products, no BigInt. a ≡ 0 gives 0. `out` may alias `a`.
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
