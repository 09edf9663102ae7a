/**
 * The SM2 field on signed 24-bit limbs with lazy reduction (`src/sm2/field.ts`) agrees with BigInt arithmetic
 * mod p, including at the limb and value bounds its module comment proves exact.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SM2_CURVE } from '../src/sm2/curve.js';
import {
  add,
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
} from '../src/sm2/field.js';

const p = SM2_CURVE.p;
const R = 1n << 264n;
const elem = fc.bigInt({ min: 0n, max: p - 1n });
const edges = [
  0n,
  1n,
  2n,
  p - 1n,
  p - 2n,
  2n ** 255n,
  2n ** 224n,
  2n ** 96n,
  p - 2n ** 96n,
  2n ** 64n - 1n,
  2n ** 24n,
];
const mod = (x: bigint) => ((x % p) + p) % p;
function modPow(b: bigint, e: bigint): bigint {
  let r = 1n;
  let x = mod(b);
  for (let k = e; k > 0n; k >>= 1n) {
    if (k & 1n) r = (r * x) % p;
    x = (x * x) % p;
  }
  return r;
}
const limbValue = (a: ArrayLike<number>): bigint => {
  let v = 0n;
  for (let i = LIMBS - 1; i >= 0; i--) v = (v << 24n) + BigInt(a[i] as number);
  return v;
};
/** R-form: every limb an integer with |l| ≤ 2^23, |value| < 2^256. */
function expectRForm(a: Fe): void {
  for (const limb of a) expect(Number.isInteger(limb) && Math.abs(limb) <= 2 ** 23).toBe(true);
  const v = limbValue(a);
  expect(v < 2n ** 256n && v > -(2n ** 256n)).toBe(true);
}

function check(a: bigint, b: bigint): void {
  const A = toMont(a);
  const B = toMont(b);
  expectRForm(A);
  const o = fe();
  expect(fromMont(A)).toBe(a);
  mul(o, A, B);
  expectRForm(o);
  expect(fromMont(o)).toBe(mod(a * b));
  sqr(o, A);
  expectRForm(o);
  expect(fromMont(o)).toBe(mod(a * a));
  add(o, A, B);
  expect(fromMont(o)).toBe(mod(a + b));
  sub(o, A, B);
  expect(fromMont(o)).toBe(mod(a - b));
  expect(isZero(o)).toBe(a === b);
  expect(eq(A, B)).toBe(a === b);
  reduce(o);
  expectRForm(o);
  expect(fromMont(o)).toBe(mod(a - b));
  neg(o, A);
  expect(fromMont(o)).toBe(mod(-a));
  expect(isZero(toMont(a))).toBe(a === 0n);
  invert(o, A);
  expectRForm(o);
  expect(fromMont(o)).toBe(a === 0n ? 0n : modPow(a, p - 2n));
  if (a !== 0n) expect(mod(fromMont(o) * a)).toBe(1n);
  for (let k = 1; k <= 8; k++) {
    mulSmall(o, A, k);
    expect(fromMont(o)).toBe(mod(a * BigInt(k)));
  }
}

/** An element with the given limbs (no bound check), as a loose value. */
const limbs = (xs: number[]): Fe => Float64Array.from(xs);
const extremeLimb = fc.constantFrom(2 ** 23, -(2 ** 23), 2 ** 23 - 1, -(2 ** 23) + 1, 0);
const rLimbs = fc.array(fc.integer({ min: -(2 ** 23), max: 2 ** 23 }), {
  minLength: LIMBS,
  maxLength: LIMBS,
});

describe('SM2 field on signed 24-bit limbs (lazy reduction)', () => {
  it('edge values', () => {
    for (const a of edges) for (const b of edges) check(a, b);
  });

  it('random values (property)', () => {
    fc.assert(
      fc.property(elem, elem, (a, b) => check(a, b)),
      { numRuns: 500 },
    );
  });

  it('mul is exact at the limb bound cl(a)·cl(b) = 11 (every limb at its extreme, any sign pattern)', () => {
    // a has limbs of magnitude up to 11·2^23, b up to 2^23: every column sum reaches the proof's worst case
    fc.assert(
      fc.property(
        fc.array(extremeLimb, { minLength: LIMBS, maxLength: LIMBS }),
        fc.array(extremeLimb, { minLength: LIMBS, maxLength: LIMBS }),
        (xs, ys) => {
          const a = limbs(xs.map((x) => 11 * x));
          const b = limbs(ys);
          const o = fe();
          mul(o, a, b);
          // exact Montgomery product: value(o) ≡ value(a)·value(b)·R⁻¹ and value(o)·R − a·b ≡ 0 (mod p)
          expect(mod(limbValue(o) * R - limbValue(a) * limbValue(b))).toBe(0n);
          for (const limb of o) expect(Number.isInteger(limb)).toBe(true);
          sqr(o, b);
          expect(mod(limbValue(o) * R - limbValue(b) * limbValue(b))).toBe(0n);
        },
      ),
      { numRuns: 300 },
    );
    // all limbs equal to the maximum (the largest column sums), both signs
    for (const s of [1, -1]) {
      const a = limbs(new Array(LIMBS).fill(s * 11 * 2 ** 23));
      const b = limbs(new Array(LIMBS).fill(2 ** 23));
      const o = fe();
      mul(o, a, b);
      expect(mod(limbValue(o) * R - limbValue(a) * limbValue(b))).toBe(0n);
    }
  });

  it('mul of values at cv(a)·cv(b) ≤ 127 returns R-form', () => {
    // a: an R-form value near 2^256 times 11 (cl 11, cv 11); b: up to 11 as well (cv product 121)
    const rForm = rLimbs.map((xs) => {
      const a = limbs(xs);
      a[10] = Math.sign(a[10] as number) * 65535; // |value| just below 2^256
      return a;
    });
    fc.assert(
      fc.property(rForm, rForm, fc.integer({ min: 1, max: 11 }), (a, b, k) => {
        const ka = fe();
        mulSmall(ka, a, k);
        const o = fe();
        mul(o, ka, b);
        expectRForm(o);
        expect(mod(limbValue(o) * R - limbValue(ka) * limbValue(b))).toBe(0n);
        const kb = fe();
        mulSmall(kb, b, Math.floor(11 / k));
        mul(o, ka, kb);
        expectRForm(o);
        expect(mod(limbValue(o) * R - limbValue(ka) * limbValue(kb))).toBe(0n);
      }),
      { numRuns: 500 },
    );
  });

  it('reduce brings loose sums (cl ≤ 32, cv ≤ 64) back to R-form with the same residue', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -(2 ** 28), max: 2 ** 28 }), { minLength: LIMBS, maxLength: LIMBS }),
        fc.integer({ min: -(64 * 65536 - 2 ** 12), max: 64 * 65536 - 2 ** 12 }),
        (xs, top) => {
          const a = limbs(xs);
          a[10] = top;
          const before = limbValue(a);
          reduce(a);
          expectRForm(a);
          expect(mod(limbValue(a) - before)).toBe(0n);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('isZero and eq decide residues, including multiples of p and values one off', () => {
    for (let k = -63n; k <= 63n; k++) {
      for (const d of [0n, 1n, -1n]) {
        const v = k * p + d;
        // spread v over balanced limbs with a large top limb
        const a = fe();
        let x = v;
        for (let i = 0; i < LIMBS - 1; i++) {
          let digit = Number(((x % (1n << 24n)) + (1n << 24n)) % (1n << 24n));
          if (digit >= 2 ** 23) digit -= 2 ** 24;
          a[i] = digit;
          x = (x - BigInt(digit)) >> 24n;
        }
        a[LIMBS - 1] = Number(x);
        expect(limbValue(a)).toBe(v);
        expect(isZero(a)).toBe(d === 0n);
      }
    }
    const one = toMont(1n);
    const big = fe();
    add(big, one, toMont(p - 1n)); // 1 + (p − 1) ≡ 0
    expect(isZero(big)).toBe(true);
    expect(eq(toMont(5n), toMont(5n))).toBe(true);
    expect(eq(toMont(5n), toMont(6n))).toBe(false);
  });

  it('aliasing out = a = b', () => {
    const a = 0x1234567890abcdef1234567890abcdef1234567890abcdefn;
    const A = toMont(a);
    mul(A, A, A);
    expect(fromMont(A)).toBe(mod(a * a));
    const B = toMont(a);
    invert(B, B);
    expect(mod(fromMont(B) * a)).toBe(1n);
  });

  it('the committed kernels are what scripts/gen-field.mjs generates', () => {
    const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'scripts', 'gen-field.mjs');
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
