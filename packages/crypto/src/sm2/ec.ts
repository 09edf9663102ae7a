/**
 * Fast scalar multiplication on the SM2 curve (y² = x³ − 3x + b over F_p, GB/T 32918.5) for signing and
 * verification. Field arithmetic on signed 24-bit limbs in Montgomery form with lazy reduction
 * (`field.ts`); Jacobian coordinates with the a = −3 doubling (dbl-2001-b) and mixed Jacobian + affine
 * addition (madd-2007-bl); fixed-base "comb" tables with signed 8-bit windows (33 windows × 128 affine
 * multiples), so a multiplication by a table point costs at most 33 additions and no doublings. The table of G is built on first use; a
 * public key verified repeatedly gets its own table through the cache in `cache.ts`. Unknown public keys
 * use a width-5 wNAF whose odd multiples are normalised with a single inversion (Fermat on the limb
 * arithmetic, `invert` in `field.ts`; no BigInt on the hot path).
 *
 * Points are decoded and validated with `@noble/curves` (see `curve.ts`); only the hot arithmetic is here.
 * Verification inputs are public. Signing's k·G uses the G table too: like every JavaScript
 * implementation this is not constant time.
 * @module
 */
import { SM2_CURVE, type Sm2PointType } from './curve.js';
import {
  add,
  copy,
  eq,
  type Fe,
  fe,
  fromMont,
  invert,
  isZero,
  LIMBS,
  mul,
  mulSmall,
  neg,
  reduce,
  sqr,
  sub,
  toMont,
} from './field.js';

const N = SM2_CURVE.n;
const WINDOWS = 33;
const HALF = 128;
const POINT = 2 * LIMBS; // x limbs then y limbs

/** A precomputed comb table: affine (j + 1)·2^(8w)·Q at `((w·128) + j)·22`, R-form limbs (Montgomery form). */
export interface PointTable {
  readonly data: Int32Array;
}

/** Jacobian point (X/Z², Y/Z³), coordinates in R-form (`field.ts`); `inf` marks the point at infinity. */
interface Jac {
  X: Fe;
  Y: Fe;
  Z: Fe;
  inf: boolean;
}

const ONE = toMont(1n);
const jac = (): Jac => ({ X: fe(), Y: fe(), Z: fe(), inf: true });
const setInfinity = (p: Jac) => {
  p.X.fill(0);
  p.Y.set(ONE);
  p.Z.fill(0);
  p.inf = true;
};

// scratch registers
const t0 = fe();
const t1 = fe();
const t2 = fe();
const t3 = fe();
const t4 = fe();
const t5 = fe();
const t6 = fe();
const ax = fe();
const ay = fe();

/*
 * Bounds (cl = limb bound, cv = value bound, see field.ts): every input coordinate is R-form (cl, cv ≤ 1);
 * each mul/sqr below is annotated with cl(a)·cl(b) (must be ≤ 11; the cv products are never larger, and
 * ≤ 127 is required); every output coordinate leaves through mul or reduce, so it is R-form again.
 */

/**
 * p ← 2p on y² = x³ − 3x + b (dbl-2001-b, 4M + 4S). The curve has prime order, so no finite point has
 * Y = 0 and the double of a finite point is finite.
 */
function dbl(p: Jac): void {
  if (p.inf) return;
  const { X, Y, Z } = p;
  sqr(t0, Z); // δ = Z²            1·1
  sqr(t1, Y); // γ = Y²            1·1
  mul(t2, X, t1); // β = X·γ       1·1
  sub(t3, X, t0); // X − δ         cl 2
  add(t4, X, t0); // X + δ         cl 2
  mul(t3, t3, t4); // α' = (X−δ)(X+δ), α = 3α'   2·2 = 4
  add(t5, Y, Y); // 2Y             cl 2
  mul(Z, t5, Z); // Z3 = 2Y·Z      2·1 = 2
  mulSmall(t4, t3, 3); // α         cl 3
  sqr(X, t4); // α²                3·3 = 9
  mulSmall(t5, t2, 8); // 8β        cl 8
  sub(X, X, t5); // X3 = α² − 8β   cl 9, cv 9
  reduce(X);
  mulSmall(t2, t2, 4); // 4β        cl 4
  sub(t2, t2, X); // 4β − X3       cl 5
  mul(t2, t3, t2); // W = α'·(4β − X3)   1·5 = 5
  sqr(t1, t1); // γ²               1·1
  mulSmall(t2, t2, 3); // 3W        cl 3
  mulSmall(t1, t1, 8); // 8γ²       cl 8
  sub(Y, t2, t1); // Y3 = α(4β − X3) − 8γ²   cl 11, cv 11
  reduce(Y);
}

/**
 * p ← p + (x2, y2) with (x2, y2) affine in R-form (madd-2007-bl, 8M + 3S). Handles infinity, doubling and
 * opposite points.
 */
function madd(p: Jac, x2: Fe, y2: Fe): void {
  const { X, Y, Z } = p;
  if (p.inf) {
    X.set(x2);
    Y.set(y2);
    Z.set(ONE);
    p.inf = false;
    return;
  }
  sqr(t0, Z); // Z1Z1              1·1
  mul(t1, x2, t0); // U2           1·1
  sub(t1, t1, X); // H = U2 − X1   cl 2
  mul(t2, y2, Z); //               1·1
  mul(t2, t2, t0); // S2           1·1
  sub(t2, t2, Y); // r' = S2 − Y1 (r = 2r')   cl 2
  if (isZero(t1)) {
    if (isZero(t2)) dbl(p);
    else setInfinity(p);
    return;
  }
  sqr(t3, t1); // HH               2·2 = 4
  mulSmall(t3, t3, 4); // I = 4HH   cl 4
  mul(t4, t1, t3); // J = H·I      2·4 = 8
  mul(t5, X, t3); // V = X1·I      1·4 = 4
  add(t6, Z, Z); // 2Z1            cl 2
  mul(Z, t6, t1); // Z3 = 2·Z1·H   2·2 = 4
  sqr(t6, t2); // r'²              2·2 = 4
  mulSmall(t6, t6, 4); // r² = 4r'² cl 4
  sub(t6, t6, t4); //              cl 5
  sub(t6, t6, t5); //              cl 6
  sub(X, t6, t5); // X3 = r² − J − 2V   cl 7, cv 7
  reduce(X);
  sub(t5, t5, X); // V − X3        cl 2
  mul(t5, t2, t5); // r'·(V − X3)  2·2 = 4
  mul(t4, Y, t4); // Y1·J          1·1
  sub(t5, t5, t4); //              cl 2
  add(Y, t5, t5); // Y3 = r(V − X3) − 2·Y1·J   cl 4, cv 4
  reduce(Y);
}

function inv(a: Fe, out: Fe): void {
  invert(out, a);
}

/** Jacobian points (none at infinity) → affine, one inversion (Montgomery's trick); writes x‖y pairs. */
function normalizeInto(points: Jac[], out: Int32Array | Float64Array, offset: number): void {
  const n = points.length;
  const prefix: Fe[] = new Array(n);
  const acc = fe();
  acc.set(ONE);
  for (let i = 0; i < n; i++) {
    prefix[i] = Float64Array.from(acc);
    mul(acc, acc, (points[i] as Jac).Z);
  }
  const iv = fe();
  inv(acc, iv);
  const zi = fe();
  const zi2 = fe();
  for (let i = n - 1; i >= 0; i--) {
    const p = points[i] as Jac;
    mul(zi, iv, prefix[i] as Fe);
    mul(iv, iv, p.Z);
    sqr(zi2, zi);
    mul(t0, p.X, zi2);
    mul(t1, p.Y, zi2);
    mul(t1, t1, zi);
    const o = offset + i * POINT;
    for (let k = 0; k < LIMBS; k++) {
      out[o + k] = t0[k] as number;
      out[o + LIMBS + k] = t1[k] as number;
    }
  }
}

function clone(p: Jac): Jac {
  return { X: Float64Array.from(p.X), Y: Float64Array.from(p.Y), Z: Float64Array.from(p.Z), inf: p.inf };
}

/** Builds the comb table of the affine point (x, y) (≈ 4.2k additions, 34 inversions). */
export function buildTableAffine(x: bigint, y: bigint): PointTable {
  const data = new Int32Array(WINDOWS * HALF * POINT);
  const bx = toMont(x);
  const by = toMont(y);
  const tmp = new Float64Array(POINT);
  for (let w = 0; w < WINDOWS; w++) {
    const row: Jac[] = [];
    const acc = jac();
    setInfinity(acc);
    for (let j = 1; j <= HALF; j++) {
      madd(acc, bx, by);
      row.push(clone(acc));
    }
    normalizeInto(row, data, w * HALF * POINT);
    if (w + 1 < WINDOWS) {
      // next base = 256·B = 2·(128·B)
      const top = row[HALF - 1] as Jac;
      dbl(top);
      normalizeInto([top], tmp, 0);
      copy(bx, tmp, 0);
      copy(by, tmp, LIMBS);
    }
  }
  return { data };
}

/** Builds the comb table of a (validated) noble point. */
export function buildTable(point: Sm2PointType): PointTable {
  const a = point.toAffine();
  return buildTableAffine(a.x, a.y);
}

let gTable: PointTable | undefined;
function baseTable(): PointTable {
  if (!gTable) gTable = buildTableAffine(SM2_CURVE.Gx, SM2_CURVE.Gy);
  return gTable;
}

const DIGITS = new Int16Array(WINDOWS);

/** Signed base-256 digits of k (0 ≤ k < 2^256), little-endian, each in [−128, 127], plus a carry digit. */
function recode(k: bigint, out: Int16Array): void {
  const hex = k.toString(16).padStart(64, '0');
  let carry = 0;
  for (let i = 0; i < 32; i++) {
    const pos = 62 - 2 * i;
    let d = Number.parseInt(hex.slice(pos, pos + 2), 16) + carry;
    if (d >= HALF) {
      d -= 256;
      carry = 1;
    } else carry = 0;
    out[i] = d;
  }
  out[32] = carry;
}

/** acc ← acc + Σ digit_w · table_w. */
function addComb(acc: Jac, table: PointTable, k: bigint): void {
  recode(k, DIGITS);
  const data = table.data;
  for (let w = 0; w < WINDOWS; w++) {
    const d = DIGITS[w] as number;
    if (d === 0) continue;
    const o = (w * HALF + (d < 0 ? -d : d) - 1) * POINT;
    for (let i = 0; i < LIMBS; i++) {
      ax[i] = data[o + i] as number;
      ay[i] = data[o + LIMBS + i] as number;
    }
    if (d < 0) neg(ay, ay);
    madd(acc, ax, ay);
  }
}

function affineOf(p: Jac): { x: bigint; y: bigint } | undefined {
  if (p.inf) return undefined;
  const zi = fe();
  inv(p.Z, zi);
  const zi2 = fe();
  sqr(zi2, zi);
  const x = fe();
  const y = fe();
  mul(x, p.X, zi2);
  mul(y, p.Y, zi2);
  mul(y, y, zi);
  return { x: fromMont(x), y: fromMont(y) };
}

/** Affine (x, y) of k·G for 1 ≤ k < n. */
export function mulBase(k: bigint): { x: bigint; y: bigint } {
  const acc = jac();
  setInfinity(acc);
  addComb(acc, baseTable(), k);
  const a = affineOf(acc);
  if (!a) throw new Error('k·G is the point at infinity (k ≡ 0 mod n)');
  return a;
}

/** Affine k·P for a variable point (used by encryption; not performance critical). */
export function mulPoint(point: Sm2PointType, k: bigint): { x: bigint; y: bigint; infinity: boolean } {
  const R = point.multiply(k);
  if (R.is0()) return { x: 0n, y: 0n, infinity: true };
  const a = R.toAffine();
  return { x: a.x, y: a.y, infinity: false };
}

const BITS = new Uint8Array(264);

/** Width-5 wNAF digits of k (0 ≤ k < 2^256; odd digits in [−15, 15]), little-endian, without BigInt steps. */
function wnaf(k: bigint): Int8Array {
  const out = new Int8Array(258);
  const hex = k.toString(16).padStart(64, '0');
  BITS.fill(0);
  for (let i = 0; i < 64; i++) {
    const v = Number.parseInt(hex.charAt(63 - i), 16);
    BITS[4 * i] = v & 1;
    BITS[4 * i + 1] = (v >> 1) & 1;
    BITS[4 * i + 2] = (v >> 2) & 1;
    BITS[4 * i + 3] = v >> 3;
  }
  for (let i = 0; i < 258; i++) {
    if (BITS[i] === 0) continue;
    let w = 0;
    for (let j = 4; j >= 0; j--) w = (w << 1) | (BITS[i + j] as number);
    for (let j = 0; j < 5; j++) BITS[i + j] = 0;
    if (w >= 16) {
      // digit w − 32: k − (w − 32) = (k − w) + 32, a carry into bit i + 5
      out[i] = w - 32;
      let c = i + 5;
      while (BITS[c] === 1) BITS[c++] = 0;
      BITS[c] = 1;
    } else out[i] = w;
  }
  return out;
}

const ODD = new Float64Array(8 * POINT);

/** acc ← t·P for a fresh affine point (x, y), by wNAF from the top. */
function mulWnaf(acc: Jac, x: bigint, y: bigint, t: bigint): void {
  const px = toMont(x);
  const py = toMont(y);
  // odd multiples P, 3P, …, 15P, normalised together. 2P = (X2, Y2, Z2) stays Jacobian: the additions
  // run on the isomorphic curve x ↦ x·Z2², y ↦ y·Z2³ (madd does not use a), where 2P is affine (X2, Y2)
  // and P is (x·Z2², y·Z2³); a point (X', Y', Z') there is (X', Y', Z'·Z2) on SM2. One inversion in all.
  const two = jac();
  two.X.set(px);
  two.Y.set(py);
  two.Z.set(ONE);
  two.inf = false;
  dbl(two);
  const z2 = two.Z;
  const zz = fe();
  sqr(zz, z2);
  const odd: Jac[] = [];
  const cur = jac();
  mul(cur.X, px, zz);
  mul(zz, zz, z2);
  mul(cur.Y, py, zz);
  cur.Z.set(ONE);
  cur.inf = false;
  odd.push(clone(cur));
  for (let j = 1; j < 8; j++) {
    madd(cur, two.X, two.Y);
    odd.push(clone(cur));
  }
  for (const q of odd) mul(q.Z, q.Z, z2);
  normalizeInto(odd, ODD, 0);
  const digits = wnaf(t);
  let top = digits.length - 1;
  while (top >= 0 && digits[top] === 0) top--;
  setInfinity(acc);
  for (let i = top; i >= 0; i--) {
    dbl(acc);
    const d = digits[i] as number;
    if (d !== 0) {
      const o = (((d < 0 ? -d : d) - 1) >> 1) * POINT;
      for (let k = 0; k < LIMBS; k++) {
        ax[k] = ODD[o + k] as number;
        ay[k] = ODD[o + LIMBS + k] as number;
      }
      if (d < 0) neg(ay, ay);
      madd(acc, ax, ay);
    }
  }
}

/** R = s·G + t·Q (Jacobian). Public inputs only. */
function mulAdd(s: bigint, point: Sm2PointType, t: bigint, table?: PointTable): Jac {
  const acc = jac();
  if (table) {
    setInfinity(acc);
    addComb(acc, table, t);
  } else {
    const a = point.toAffine();
    mulWnaf(acc, a.x, a.y, t);
  }
  addComb(acc, baseTable(), s);
  return acc;
}

/**
 * Affine x of s·G + t·Q, or `undefined` for the point at infinity. With a table for Q both parts are
 * pure additions; otherwise t·Q uses wNAF. Public inputs only (verification).
 */
export function mulAddX(s: bigint, point: Sm2PointType, t: bigint, table?: PointTable): bigint | undefined {
  return affineOf(mulAdd(s, point, t, table))?.x;
}

/**
 * Whether (e + x(s·G + t·Q)) mod n = r, without converting to affine coordinates: x = X/Z² is compared
 * as X = c·Z² (mod p) for both candidates x ≡ c = (r − e) mod n with x < p (c and c + n).
 */
export function verifyCombination(
  s: bigint,
  point: Sm2PointType,
  t: bigint,
  e: bigint,
  r: bigint,
  table?: PointTable,
): boolean {
  const R = mulAdd(s, point, t, table);
  if (R.inf) return false;
  let c = (r - e) % N;
  if (c < 0n) c += N;
  const z2 = fe();
  sqr(z2, R.Z);
  const cm = fe();
  mul(cm, toMont(c), z2);
  if (eq(R.X, cm)) return true;
  c += N;
  if (c >= SM2_CURVE.p) return false;
  mul(cm, toMont(c), z2);
  return eq(R.X, cm);
}
