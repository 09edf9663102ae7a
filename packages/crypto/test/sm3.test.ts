import { createHash, createHmac, getHashes } from 'node:crypto';
import { fromHex, toHex, utf8 } from '@gbkit/core';
import { createSm3, hasNativeSm3, hmacSm3, Sm3, Sm3Pure, sm3, sm3Pure } from '@gbkit/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// GB/T 32905-2016 Appendix A, examples 1 and 2.
const ABC = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
const ABCD16 = 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732';

describe('SM3 known answers (GB/T 32905 Appendix A)', () => {
  for (const [name, fn] of [
    ['sm3 (native when available)', sm3],
    ['sm3Pure', sm3Pure],
    ['Sm3 streaming', (d: Uint8Array) => new Sm3().update(d).digest()],
    ['Sm3 pure streaming', (d: Uint8Array) => new Sm3({ pure: true }).update(d).digest()],
  ] as const) {
    it(`${name}: "abc"`, () => expect(toHex(fn(utf8('abc')))).toBe(ABC));
    it(`${name}: "abcd" × 16`, () => expect(toHex(fn(utf8('abcd'.repeat(16))))).toBe(ABCD16));
  }

  it('native SM3 is detected in Node', () => {
    expect(hasNativeSm3()).toBe(getHashes().includes('sm3'));
  });

  it('empty input and padding edge lengths (55, 56, 63, 64, 65 bytes) agree with node:crypto', () => {
    for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000]) {
      const d = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 0xff);
      const ref = createHash('sm3').update(d).digest('hex');
      expect(toHex(sm3Pure(d)), `len ${n}`).toBe(ref);
      expect(toHex(sm3(d)), `len ${n}`).toBe(ref);
    }
  });
});

describe('SM3 streaming equals one-shot (property)', () => {
  it('every split point of random inputs, pure and native', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (data) => {
        const want = toHex(sm3Pure(data));
        expect(toHex(sm3(data))).toBe(want);
        for (let i = 0; i <= data.length; i++) {
          const a = data.subarray(0, i);
          const b = data.subarray(i);
          expect(toHex(new Sm3Pure().update(a).update(b).digest())).toBe(want);
          if (i % 17 === 0) expect(toHex(createSm3().update(a).update(b).digest())).toBe(want);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('many small chunks of random sizes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 90 }), { maxLength: 30 }), (chunks) => {
        const h = new Sm3Pure();
        const n = createSm3();
        for (const c of chunks) {
          h.update(c);
          n.update(c);
        }
        const all = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
        let o = 0;
        for (const c of chunks) {
          all.set(c, o);
          o += c.length;
        }
        const ref = createHash('sm3').update(all).digest('hex');
        expect(toHex(h.digest())).toBe(ref);
        expect(toHex(n.digest())).toBe(ref);
      }),
      { numRuns: 100 },
    );
  });

  it('digest() twice or update() after digest() throws ERR_SM3_FINISHED', () => {
    for (const h of [new Sm3(), new Sm3Pure()]) {
      h.update(utf8('x'));
      h.digest();
      expect(() => h.digest()).toThrow(expect.objectContaining({ code: 'ERR_SM3_FINISHED' }));
      expect(() => h.update(utf8('y'))).toThrow(expect.objectContaining({ code: 'ERR_SM3_FINISHED' }));
    }
  });

  it('non-Uint8Array input is rejected with ERR_SM3_INPUT', () => {
    expect(() => sm3('abc' as unknown as Uint8Array)).toThrow(
      expect.objectContaining({ code: 'ERR_SM3_INPUT' }),
    );
  });
});

describe('HMAC-SM3', () => {
  it('agrees with node:crypto createHmac("sm3") for short, block-size and long keys', () => {
    for (const klen of [0, 5, 32, 64, 65, 200]) {
      const key = new Uint8Array(klen).map((_, i) => i);
      const data = utf8(`message for key length ${klen}`);
      expect(toHex(hmacSm3(key, data))).toBe(createHmac('sm3', key).update(data).digest('hex'));
    }
    expect(fromHex(toHex(hmacSm3(utf8('k'), utf8('m')))).length).toBe(32);
  });
});
