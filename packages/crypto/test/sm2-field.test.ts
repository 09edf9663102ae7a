/** The 24-bit-limb Montgomery field arithmetic (`src/sm2/field.ts`) agrees with BigInt arithmetic mod p. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SM2_CURVE } from '../src/sm2/curve.js';
import { add, fe, fromMont, invert, isZero, mul, mulSmall, sqr, sub, toMont } from '../src/sm2/field.js';

const p = SM2_CURVE.p;
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

function check(a: bigint, b: bigint): void {
  const A = toMont(a);
  const B = toMont(b);
  const o = fe();
  expect(fromMont(A)).toBe(a);
  mul(o, A, B);
  expect(fromMont(o)).toBe(mod(a * b));
  sqr(o, A);
  expect(fromMont(o)).toBe(mod(a * a));
  add(o, A, B);
  expect(fromMont(o)).toBe(mod(a + b));
  sub(o, A, B);
  expect(fromMont(o)).toBe(mod(a - b));
  for (const limb of o) expect(limb >= 0 && limb < 2 ** 24 && Number.isInteger(limb)).toBe(true);
  expect(isZero(toMont(a))).toBe(a === 0n);
  invert(o, A);
  expect(fromMont(o)).toBe(a === 0n ? 0n : modPow(a, p - 2n));
  if (a !== 0n) expect(mod(fromMont(o) * a)).toBe(1n);
  for (let k = 1; k <= 8; k++) {
    mulSmall(o, A, k);
    expect(fromMont(o)).toBe(mod(a * BigInt(k)));
  }
}

describe('SM2 field on 24-bit limbs', () => {
  it('edge values', () => {
    for (const a of edges) for (const b of edges) check(a, b);
  });
  it('random values (property)', () => {
    fc.assert(
      fc.property(elem, elem, (a, b) => check(a, b)),
      { numRuns: 500 },
    );
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
});
