import {
  defineRule,
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
});
