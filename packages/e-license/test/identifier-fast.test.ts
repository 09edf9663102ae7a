/**
 * validateIdentifier's fast path (taken for identifiers with no reason at all) agrees with a
 * straightforward reference written here: split on dots, regular expressions, `validateUscc` for the
 * type and issuer codes, the textbook MOD 37,36 loop. Random identifiers are real ones with random
 * mutations (any character replaced, inserted or deleted; lower case; white space; a wrong check).
 */
import { validateUscc } from '@gbkit/codes';
import { parseIdentifier, validateIdentifier } from '@gbkit/e-license';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const REAL = [
  '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U',
  '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F',
  '1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0',
];

const A36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
function ref3736(body: string): string {
  let p = 36;
  for (const c of body) {
    let s = (p + A36.indexOf(c)) % 36;
    if (s === 0) s = 36;
    p = (2 * s) % 37;
  }
  return A36[(37 - p) % 36] as string;
}

/** Strict validity by the book, and the expected check character when the body is 0-9A-Z. */
function reference(raw: string, maxSerial = 64): { valid: boolean; expected?: string } {
  // validateIdentifier reports surrounding white space, then reads the trimmed text
  const id = raw.trim();
  if (!id.startsWith('1.2.156.3005.2.')) return { valid: false };
  const p = id.slice(15).split('.');
  if (p.length !== 5) return { valid: false };
  const [type, issuer, serial, version, check] = p as [string, string, string, string, string];
  const body = type + issuer + serial + version;
  const expected = check.length === 1 && /^[0-9A-Z]+$/.test(body) ? ref3736(body) : undefined;
  const valid =
    id === raw &&
    /^[0-9A-Z]{18}\d{3}$/.test(type) &&
    !type.endsWith('000') &&
    validateUscc(type.slice(0, 18)).valid &&
    issuer.length === 18 &&
    validateUscc(issuer).valid &&
    /^[0-9A-Z]+$/.test(serial) &&
    serial.length <= maxSerial &&
    /^\d{3}$/.test(version) &&
    version !== '000' &&
    check.length === 1 &&
    check === expected;
  return { valid, ...(expected !== undefined ? { expected } : {}) };
}

const mutated = fc
  .tuple(
    fc.constantFrom(...REAL),
    fc.array(
      fc.tuple(
        fc.constantFrom('replace', 'insert', 'delete', 'lower', 'pad', 'recheck'),
        fc.nat(80),
        fc.constantFrom(...`${A36}.a z\t-é😀`),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([id, edits]) => {
    let s = id;
    for (const [op, at, ch] of edits) {
      const i = at % (s.length + 1);
      if (op === 'replace') s = s.slice(0, i) + ch + s.slice(i + 1);
      else if (op === 'insert') s = s.slice(0, i) + ch + s.slice(i);
      else if (op === 'delete') s = s.slice(0, i) + s.slice(i + 1);
      else if (op === 'lower') s = s.toLowerCase();
      else if (op === 'pad') s = ` ${s}`;
      else {
        // keep the identifier consistent: recompute the check character over the (mutated) body
        const dot = s.lastIndexOf('.');
        const body = s.slice(15, dot).split('.').join('');
        if (dot > 15 && /^[0-9A-Z]+$/.test(body)) s = s.slice(0, dot + 1) + ref3736(body);
      }
    }
    return s;
  });

describe('validateIdentifier fast path = reference', () => {
  it('agrees on validity, segments, expected check and reasons for mutated real identifiers', () => {
    let valid = 0;
    fc.assert(
      fc.property(mutated, (id) => {
        const ref = reference(id);
        const v = validateIdentifier(id);
        expect(v.valid).toBe(ref.valid);
        if (ref.valid) {
          valid++;
          const p = id.slice(15).split('.');
          expect(v).toEqual({
            valid: true,
            value: id,
            segments: { typeCode: p[0], issuerCode: p[1], serial: p[2], version: p[3], check: p[4] },
            expectedCheck: ref.expected,
            reasons: [],
          });
          // nothing deviates, so lenient mode has nothing to tolerate either
          expect(validateIdentifier(id, { mode: 'lenient' })).toEqual(v);
          expect(parseIdentifier(id)).toEqual(v.segments);
        } else {
          expect(v.reasons.some((r) => r.severity === 'error')).toBe(true);
          if (ref.expected !== undefined && v.segments) expect(v.expectedCheck).toBe(ref.expected);
          expect(() => parseIdentifier(id)).toThrow();
        }
      }),
      { numRuns: 3000 },
    );
    expect(valid).toBeGreaterThan(100);
  });

  it('honours maxSerialLength on the fast path', () => {
    const id = REAL[1] as string; // serial 2430599, 7 chars
    expect(validateIdentifier(id, { maxSerialLength: 7 }).valid).toBe(true);
    expect(validateIdentifier(id, { maxSerialLength: 6 }).reasons.map((r) => r.code)).toEqual([
      'ERR_LIC_ID_SERIAL',
    ]);
  });
});
