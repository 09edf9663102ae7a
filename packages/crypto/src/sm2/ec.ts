/**
 * Scalar multiplications on the SM2 curve used by signing and verification.
 * @module
 */
import { SM2_CURVE, Sm2Point, type Sm2PointType } from './curve.js';

/** A per-key precomputed table (opaque). */
export interface PointTable {
  readonly point: Sm2PointType;
}

Sm2Point.BASE.precompute(8, false);

/** Affine x, y of k·G (k in [1, n)). */
export function mulBase(k: bigint): { x: bigint; y: bigint } {
  return Sm2Point.BASE.multiply(k).toAffine();
}

/** Affine point k·P for any point P (variable base, k in [1, n)). */
export function mulPoint(P: Sm2PointType, k: bigint): { x: bigint; y: bigint; infinity: boolean } {
  const R = P.multiply(k);
  if (R.is0()) return { x: 0n, y: 0n, infinity: true };
  const a = R.toAffine();
  return { x: a.x, y: a.y, infinity: false };
}

/** Builds the precomputed table of a public key. */
export function buildTable(P: Sm2PointType): PointTable {
  const point = Sm2Point.fromAffine(P.toAffine());
  point.precompute(8, false);
  return { point };
}

/** Affine x of s·G + t·P, or `undefined` for the point at infinity (public inputs: not constant time). */
export function mulAddX(s: bigint, P: Sm2PointType, t: bigint, table?: PointTable): bigint | undefined {
  const Q = table ? table.point : P;
  const R = Sm2Point.BASE.multiplyUnsafe(s).add(Q.multiplyUnsafe(t));
  if (R.is0()) return undefined;
  return R.toAffine().x;
}

export const N = SM2_CURVE.n;
