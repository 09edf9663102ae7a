/**
 * Byte-for-byte comparison for the long values a verification compares (the seal's signed bytes for
 * the remembered maker result, certificates, the seal copy). On Node the comparison is native
 * (`Buffer.compare`, found by runtime detection, no import); elsewhere, and for short values, it is
 * `@gbkit/core`'s `equalBytes`. Both give the same answer.
 * @module
 */
import { equalBytes } from '@gbkit/core';

type Compare = (a: Uint8Array, b: Uint8Array) => number;

const nativeCompare: Compare | undefined = (() => {
  const g = globalThis as {
    process?: { versions?: { node?: string } };
    Buffer?: { compare?: Compare };
  };
  const compare = g.process?.versions?.node ? g.Buffer?.compare : undefined;
  return typeof compare === 'function' ? compare : undefined;
})();

/** Whether `a` and `b` hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  if (nativeCompare && a.length >= 64) return nativeCompare(a, b) === 0;
  return equalBytes(a, b);
}
