/**
 * Fast scalar multiplication on the SM2 curve (y² = x³ − 3x + b over F_p, GB/T 32918.5) for signing and
 * verification. Jacobian coordinates with the a = −3 doubling (dbl-2001-b, 3M + 5S) and mixed
 * Jacobian + affine addition (madd-2007-bl, 7M + 4S); fixed-base "comb" tables with signed 8-bit windows
 * (33 windows × 128 affine multiples), so a multiplication by a table point costs 33 additions and no
 * doublings. The table of G is built on first use (~4k points); a public key verified repeatedly gets its
 * own table through the cache in `cache.ts`. Fresh public keys use a width-5 wNAF.
 *
 * Points are decoded and validated with `@noble/curves` (see `curve.ts`); only the hot arithmetic is here.
 * All inputs to these routines are public values in verification. Signing's k·G uses the G table too:
 * like every BigInt-based JavaScript implementation this is not constant time.
 * @module
 */
import { SM2_CURVE, Sm2Point, type Sm2PointType } from './curve.js';

const P = SM2_CURVE.p;
const Fp = Sm2Point.Fp;

/** An affine point (x, y); tables hold these. */
type Affine = readonly [bigint, bigint];
/** A Jacobian point (X, Y, Z), x = X/Z², y = Y/Z³; Z = 0 is the point at infinity. */
type Jacobian = [bigint, bigint, bigint];

/** A precomputed comb table: `windows[i][j]` = (j + 1)·2^(8i)·Q in affine form. */
export interface PointTable {
  readonly windows: readonly (readonly Affine[])[];
}

const WINDOWS = 33;
const HALF = 128;

function dbl(X1: bigint, Y1: bigint, Z1: bigint): Jacobian {
  if (Z1 === 0n || Y1 === 0n) return [0n, 1n, 0n];
  const delta = (Z1 * Z1) % P;
  const gamma = (Y1 * Y1) % P;
  const beta = (X1 * gamma) % P;
  // alpha = 3·(X1 − delta)·(X1 + delta), reduced once
  const alpha = (3n * (X1 - delta) * (X1 + delta)) % P;
  let X3 = (alpha * alpha - 8n * beta) % P;
  if (X3 < 0n) X3 += P;
  // Z3 = (Y1 + Z1)² − gamma − delta = 2·Y1·Z1
  const Z3 = (2n * Y1 * Z1) % P;
  let Y3 = (alpha * (4n * beta - X3) - 8n * gamma * gamma) % P;
  if (Y3 < 0n) Y3 += P;
  return [X3 < 0n ? X3 + P : X3, Y3, Z3];
}

/** Jacobian + affine (x2, y2). Handles infinity, equal and opposite points. */
function madd(X1: bigint, Y1: bigint, Z1: bigint, x2: bigint, y2: bigint): Jacobian {
  if (Z1 === 0n) return [x2, y2, 1n];
  const Z1Z1 = (Z1 * Z1) % P;
  let H = ((x2 * Z1Z1) % P) - X1;
  if (H < 0n) H += P;
  let r = ((y2 * Z1 * Z1Z1) % P) - Y1;
  if (r < 0n) r += P;
  if (H === 0n) return r === 0n ? dbl(X1, Y1, Z1) : [0n, 1n, 0n];
  r += r;
  const I = (4n * H * H) % P;
  const J = (H * I) % P;
  const V = (X1 * I) % P;
  let X3 = (r * r - J - 2n * V) % P;
  if (X3 < 0n) X3 += P;
  let Y3 = (r * (V - X3) - 2n * Y1 * J) % P;
  if (Y3 < 0n) Y3 += P;
  // Z3 = (Z1 + H)² − Z1Z1 − HH = 2·Z1·H
  const Z3 = (2n * Z1 * H) % P;
  return [X3, Y3, Z3];
}

/** Jacobian points → affine with one inversion (Montgomery's trick). Points at infinity are not allowed. */
function normalize(points: Jacobian[]): Affine[] {
  const n = points.length;
  const acc = new Array<bigint>(n);
  let prod = 1n;
  for (let i = 0; i < n; i++) {
    acc[i] = prod;
    prod = (prod * (points[i] as Jacobian)[2]) % P;
  }
  let inv = Fp.inv(prod);
  const out = new Array<Affine>(n);
  for (let i = n - 1; i >= 0; i--) {
    const p = points[i] as Jacobian;
    const zi = (inv * (acc[i] as bigint)) % P;
    inv = (inv * p[2]) % P;
    const zi2 = (zi * zi) % P;
    out[i] = [(p[0] * zi2) % P, (((p[1] * zi2) % P) * zi) % P];
  }
  return out;
}

/** Builds the comb table of an affine point (≈ 4.2k additions, one inversion per window plus one). */
export function buildTableAffine(x: bigint, y: bigint): PointTable {
  const windows: Affine[][] = [];
  let bx = x;
  let by = y;
  for (let w = 0; w < WINDOWS; w++) {
    const row: Jacobian[] = [[bx, by, 1n]];
    let acc: Jacobian = dbl(bx, by, 1n);
    row.push(acc);
    for (let j = 3; j <= HALF; j++) {
      acc = madd(acc[0], acc[1], acc[2], bx, by);
      row.push(acc);
    }
    const aff = normalize(row);
    windows.push(aff);
    if (w + 1 < WINDOWS) {
      // next base = 256·B = 2·(128·B)
      const top = aff[HALF - 1] as Affine;
      const d = dbl(top[0], top[1], 1n);
      const [nb] = normalize([d]);
      bx = (nb as Affine)[0];
      by = (nb as Affine)[1];
    }
  }
  return { windows };
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

/** Signed base-256 digits of k (0 ≤ k < 2^256), little-endian, each in [−128, 127]. */
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

/** Adds Σ digit_i · table_i to the accumulator. */
function addComb(acc: Jacobian, table: PointTable, k: bigint): Jacobian {
  recode(k, DIGITS);
  let [X, Y, Z] = acc;
  for (let i = 0; i < WINDOWS; i++) {
    const d = DIGITS[i] as number;
    if (d === 0) continue;
    const pt = (table.windows[i] as readonly Affine[])[(d < 0 ? -d : d) - 1] as Affine;
    const y = d < 0 ? P - pt[1] : pt[1];
    [X, Y, Z] = madd(X, Y, Z, pt[0], y);
  }
  return [X, Y, Z];
}

function toAffineX(R: Jacobian): bigint | undefined {
  if (R[2] === 0n) return undefined;
  const zi = Fp.inv(R[2]);
  return (R[0] * ((zi * zi) % P)) % P;
}

/** Affine (x, y) of k·G for 1 ≤ k < n. */
export function mulBase(k: bigint): { x: bigint; y: bigint } {
  const R = addComb([0n, 1n, 0n], baseTable(), k);
  const zi = Fp.inv(R[2]);
  const zi2 = (zi * zi) % P;
  return { x: (R[0] * zi2) % P, y: (((R[1] * zi2) % P) * zi) % P };
}

/** Affine k·P for a variable point (used by encryption; not performance critical). */
export function mulPoint(point: Sm2PointType, k: bigint): { x: bigint; y: bigint; infinity: boolean } {
  const R = point.multiply(k);
  if (R.is0()) return { x: 0n, y: 0n, infinity: true };
  const a = R.toAffine();
  return { x: a.x, y: a.y, infinity: false };
}

/** Width-5 wNAF digits of k (odd digits in [−15, 15]), little-endian. */
function wnaf(k: bigint): Int8Array {
  const out = new Int8Array(258);
  let i = 0;
  while (k > 0n) {
    if (k & 1n) {
      let d = Number(k & 31n);
      if (d >= 16) d -= 32;
      out[i] = d;
      k -= BigInt(d);
    }
    k >>= 1n;
    i++;
  }
  return out;
}

/** t·P for a fresh point with wNAF (odd multiples normalised to affine), accumulated from the top. */
function mulWnaf(x: bigint, y: bigint, t: bigint): Jacobian {
  const P2 = dbl(x, y, 1n);
  const P2a = normalize([P2])[0] as Affine;
  const odd: Jacobian[] = [[x, y, 1n]];
  for (let j = 1; j < 8; j++) {
    const prev = odd[j - 1] as Jacobian;
    odd.push(madd(prev[0], prev[1], prev[2], P2a[0], P2a[1]));
  }
  const tbl = normalize(odd);
  const digits = wnaf(t);
  let top = digits.length - 1;
  while (top >= 0 && digits[top] === 0) top--;
  let X = 0n;
  let Y = 1n;
  let Z = 0n;
  for (let i = top; i >= 0; i--) {
    [X, Y, Z] = dbl(X, Y, Z);
    const d = digits[i] as number;
    if (d !== 0) {
      const pt = tbl[((d < 0 ? -d : d) - 1) >> 1] as Affine;
      [X, Y, Z] = madd(X, Y, Z, pt[0], d < 0 ? P - pt[1] : pt[1]);
    }
  }
  return [X, Y, Z];
}

/** The accumulator R = s·G + t·Q in Jacobian form (Z = 0 for infinity). Public inputs only. */
function mulAdd(s: bigint, point: Sm2PointType, t: bigint, table?: PointTable): Jacobian {
  let acc: Jacobian;
  if (table) {
    acc = addComb([0n, 1n, 0n], table, t);
  } else {
    const a = point.toAffine();
    acc = mulWnaf(a.x, a.y, t);
  }
  return addComb(acc, baseTable(), s);
}

/**
 * Affine x of s·G + t·Q, or `undefined` for the point at infinity. With a table for Q both parts are
 * pure additions; otherwise t·Q uses wNAF. Public inputs only (verification).
 */
export function mulAddX(s: bigint, point: Sm2PointType, t: bigint, table?: PointTable): bigint | undefined {
  return toAffineX(mulAdd(s, point, t, table));
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
  const [X, , Z] = mulAdd(s, point, t, table);
  if (Z === 0n) return false;
  const N = SM2_CURVE.n;
  let c = (r - e) % N;
  if (c < 0n) c += N;
  const z2 = (Z * Z) % P;
  if ((c * z2) % P === X) return true;
  c += N;
  return c < P && (c * z2) % P === X;
}
