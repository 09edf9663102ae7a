/** The fast SM2 point arithmetic (`src/sm2/ec.ts`) agrees with @noble/curves on random and edge scalars. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SM2_CURVE, Sm2Point } from '../src/sm2/curve.js';
import { buildTable, mulAddX, mulBase, verifyCombination } from '../src/sm2/ec.js';

const n = SM2_CURVE.n;
const G = Sm2Point.BASE;
const scalar = fc.bigInt({ min: 1n, max: n - 1n });
const edges = [
  1n,
  2n,
  3n,
  127n,
  128n,
  129n,
  255n,
  256n,
  2n ** 128n,
  2n ** 255n,
  n - 2n,
  n - 1n,
  (n - 1n) / 2n,
];

describe('SM2 fast arithmetic vs @noble/curves', () => {
  it('k·G for edge and random scalars', () => {
    for (const k of edges) expect(mulBase(k)).toEqual(G.multiply(k).toAffine());
    fc.assert(
      fc.property(scalar, (k) => {
        expect(mulBase(k)).toEqual(G.multiply(k).toAffine());
      }),
      { numRuns: 40 },
    );
  });

  it('s·G + t·Q with and without a per-key table, including cancellation to infinity', () => {
    const Q = G.multiply(0xabcdef0123456789n);
    const table = buildTable(Q);
    const ref = (s: bigint, t: bigint) => {
      const R = G.multiply(s).add(Q.multiply(t));
      return R.is0() ? undefined : R.toAffine().x;
    };
    for (const s of edges.slice(0, 6)) {
      for (const t of edges.slice(-4)) {
        expect(mulAddX(s, Q, t)).toBe(ref(s, t));
        expect(mulAddX(s, Q, t, table)).toBe(ref(s, t));
      }
    }
    fc.assert(
      fc.property(scalar, scalar, (s, t) => {
        const want = ref(s, t);
        expect(mulAddX(s, Q, t)).toBe(want);
        expect(mulAddX(s, Q, t, table)).toBe(want);
      }),
      { numRuns: 25 },
    );
    // s·G + t·Q = O when s = −t·q mod n (Q = q·G)
    const q = 0xabcdef0123456789n;
    const t = 12345n;
    const s = (n - ((t * q) % n)) % n;
    expect(mulAddX(s, Q, t)).toBeUndefined();
    expect(mulAddX(s, Q, t, table)).toBeUndefined();
    // and a doubling inside the accumulation: s·G + t·Q with t·Q = s·G
    expect(mulAddX(q * 5n, Q, 5n)).toBe(G.multiply((2n * q * 5n) % n).toAffine().x);
  });

  it('s·G + t·Q for fresh random points Q (wNAF path, lazy reduction over 256 doublings)', () => {
    fc.assert(
      fc.property(scalar, scalar, scalar, (q, s, t) => {
        const Q = G.multiply(q);
        const R = G.multiply(s).add(Q.multiply(t));
        expect(mulAddX(s, Q, t)).toBe(R.is0() ? undefined : R.toAffine().x);
      }),
      { numRuns: 60 },
    );
    // scalars whose wNAF has long runs of non-zero digits and the top bit set
    const Q = G.multiply(3n);
    for (const t of [
      n - 1n,
      2n ** 256n - 1n - (2n ** 256n - n),
      0x5555555555555555555555555555555555555555555555555555555555555555n,
    ]) {
      const k = t % n;
      expect(mulAddX(1n, Q, k)).toBe(G.add(Q.multiply(k)).toAffine().x);
    }
  });

  it('verifyCombination compares x without affine conversion', () => {
    const Q = G.multiply(987654321n);
    const table = buildTable(Q);
    fc.assert(
      fc.property(scalar, scalar, fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), (s, t, e) => {
        const x = mulAddX(s, Q, t) as bigint;
        const r = (e + x) % n;
        expect(verifyCombination(s, Q, t, e, r)).toBe(true);
        expect(verifyCombination(s, Q, t, e, r, table)).toBe(true);
        expect(verifyCombination(s, Q, t, e, (r + 1n) % n)).toBe(false);
      }),
      { numRuns: 15 },
    );
  });
});
