import {
  defineRule,
  equalBytes,
  FormatError,
  formatReport,
  fromBase64,
  fromHex,
  GbkitError,
  isGbkitError,
  ReportBuilder,
  setDefaultLocale,
  toBase64,
  toBase64Url,
  toHex,
  worstStatus,
} from '@gbkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const RULE = defineRule({
  id: 'CORE-TEST-RULE',
  clause: 'none §0',
  evidence: 'confirmed',
  title: { zh: '测试规则', en: 'test rule' },
});

describe('errors', () => {
  it('carry a code, both languages and the location', () => {
    setDefaultLocale('zh');
    const e = new FormatError(
      'ERR_X',
      { zh: '坏了', en: 'broken' },
      { location: { file: 'a.ofd', offset: 7 } },
    );
    expect(e).toBeInstanceOf(GbkitError);
    expect(e.code).toBe('ERR_X');
    expect(e.name).toBe('FormatError');
    expect(e.message).toBe('坏了（文件 a.ofd，字节偏移 7）');
    expect(e.localizedMessage('en')).toBe('broken (file a.ofd, byte offset 7)');
    expect(isGbkitError(e, 'ERR_X')).toBe(true);
    expect(e.toJSON()).toMatchObject({ code: 'ERR_X', location: { offset: 7 } });
    setDefaultLocale('en');
    expect(new FormatError('ERR_X', { zh: '坏了', en: 'broken' }).message).toBe('broken');
    setDefaultLocale('zh');
  });
  it('rejects an unknown locale', () => {
    expect(() => setDefaultLocale('fr' as 'zh')).toThrow(TypeError);
  });
});

describe('reports', () => {
  it('count, take the worst status and say what was tolerated', () => {
    const r = new ReportBuilder('x')
      .pass(RULE, { zh: '好', en: 'ok' })
      .warn(RULE, { zh: '容忍', en: 'tolerated' }, { tolerated: 'legacy variant' })
      .build();
    expect(r.counts).toMatchObject({ passed: 1, warning: 1, failed: 0 });
    expect(r.status).toBe('warning');
    expect(r.ok).toBe(true);
    expect(formatReport(r, 'en')).toContain('tolerated: legacy variant');
    expect(worstStatus(['passed', 'indeterminate', 'warning'])).toBe('indeterminate');
    expect(worstStatus([])).toBe('not-applicable');
    expect(() => defineRule({ ...RULE, id: 'bad id' })).toThrow();
  });
});

describe('bytes', () => {
  it('hex and base64 round-trip for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        expect(fromHex(toHex(b))).toEqual(b);
        expect(fromBase64(toBase64(b))).toEqual(b);
        expect(fromBase64(toBase64Url(b), { url: true, strict: true })).toEqual(b);
        expect(toBase64(b)).toBe(Buffer.from(b).toString('base64'));
      }),
    );
  });
  it('rejects malformed input with typed errors', () => {
    expect(() => fromHex('abc')).toThrow(FormatError);
    expect(() => fromBase64('ab+/', { url: true, strict: true })).toThrow(/base64url/);
    expect(() => fromBase64('a$bc')).toThrow(FormatError);
  });

  it('fromBase64 (native fast path on Node) decodes exactly as the portable loop, errors included', () => {
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    /** The portable algorithm, written out here as the reference. */
    const reference = (text: string, o: { url?: boolean; strict?: boolean }): Uint8Array | string => {
      let s = text;
      if (o.strict) {
        const re = o.url ? /^[A-Za-z0-9_-]*$/ : /^[A-Za-z0-9+/]*={0,2}$/;
        if (!re.test(s) || (o.url && s.length % 4 === 1)) return 'ERR_BASE64_INVALID';
      } else s = s.replace(/\s+/g, '');
      s = s.replace(/=+$/, '');
      const out: number[] = [];
      let bits = 0;
      let acc = 0;
      for (let i = 0; i < s.length; i++) {
        const ch = s[i] as string;
        const v = ch === '-' ? 62 : ch === '_' ? 63 : B64.indexOf(ch);
        if (v < 0) return `ERR_BASE64_INVALID@${i}`;
        acc = ((acc << 6) | v) & 0xffffff;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out.push((acc >> bits) & 0xff);
        }
      }
      return Uint8Array.from(out);
    };
    const got = (text: string, o: { url?: boolean; strict?: boolean }): Uint8Array | string => {
      try {
        return fromBase64(text, o);
      } catch (e) {
        const err = e as FormatError;
        const off = err.location?.offset;
        return off === undefined ? err.code : `${err.code}@${off}`;
      }
    };
    const text = fc.string({ unit: fc.constantFrom(...'AQw+/-_=Zz09 \n$é'), maxLength: 24 });
    const encoded = fc.uint8Array({ maxLength: 40 }).map((b) => toBase64(b));
    fc.assert(
      fc.property(fc.oneof(text, encoded), fc.boolean(), fc.boolean(), (t, url, strict) => {
        const r = got(t, { url, strict });
        const want = reference(t, { url, strict });
        if (typeof want === 'string') expect(r).toBe(want);
        else expect(r).toEqual(want);
        if (r instanceof Uint8Array) expect(r.buffer.byteLength).toBe(r.length); // not a view of a shared pool
      }),
      { numRuns: 5000 },
    );
  });

  it('equalBytes agrees with an element loop for short and long arrays (native compare from 64 bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), fc.nat(), fc.boolean(), (a, k, flip) => {
        const b = Uint8Array.from(a);
        if (flip && b.length > 0) b[k % b.length] = ((b[k % b.length] as number) + 1) & 0xff;
        expect(equalBytes(a, b)).toBe(!flip || a.length === 0);
        expect(equalBytes(a, b.subarray(0, Math.max(0, b.length - 1)))).toBe(a.length === 0);
      }),
      { numRuns: 2000 },
    );
  });
});
