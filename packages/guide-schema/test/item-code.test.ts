import { checkItemCode, formatItemCode, parseItemCode } from '@gbkit/guide-schema';
import { describe, expect, it } from 'vitest';

const GD = [
  ['11440000MB2D0164XH2440289876000', '11440000MB2D0164XH', '2', '440289876000', undefined],
  ['11440100007482575H3440118009000', '11440100007482575H', '3', '440118009000', undefined],
  ['11440300MB2D0722464440127028001', '11440300MB2D072246', '4', '440127028001', undefined],
  ['114403006939513773344201505200802', '114403006939513773', '3', '442015052008', '02'],
] as const;

describe('item codes (实施编码 / 业务办理项编码)', () => {
  it.each(GD)('parses and round-trips the Guangdong example %s', (code, uscc, level, catalogCode, seq) => {
    const p = parseItemCode(code);
    expect(p).toMatchObject({ uscc, level, catalogCode, kind: seq ? 'handling' : 'implementation' });
    expect(p.handlingSeq).toBe(seq);
    expect(p.catalog).toBeUndefined();
    expect(
      formatItemCode({
        uscc: p.uscc,
        level: p.level,
        catalogCode: p.catalogCode,
        ...(seq ? { handlingSeq: seq } : {}),
      }),
    ).toBe(code);
    expect(checkItemCode(code).ok).toBe(true);
  });
  it('splits the 基本编码 only on request, marked inferred', () => {
    const p = parseItemCode(GD[3][0], { splitCatalogCode: true });
    expect(p.catalog).toEqual({
      owner: '44',
      taskType: '20',
      mainItem: '15052',
      subItem: '008',
      evidence: 'inferred',
    });
    const r = checkItemCode(GD[0][0], { splitCatalogCode: true });
    expect(r.findings.find((f) => f.ruleId === 'GUIDE-CODE-CATALOG')).toMatchObject({
      status: 'passed',
      evidence: 'inferred',
    });
  });
  it('rejects a corrupted credit code with the position, via @gbkit/codes', () => {
    const bad = '11440100007482575J3440118009000';
    expect(() => parseItemCode(bad)).toThrow(expect.objectContaining({ code: 'ERR_GUIDE_CODE_USCC' }));
    const r = checkItemCode(bad);
    expect(r.ok).toBe(false);
    const f = r.findings.find((x) => x.ruleId === 'GUIDE-CODE-USCC' && x.status === 'failed');
    expect(f?.location?.offset).toBe(17);
    expect(f?.message.zh).toContain('11440100007482575J');
  });
  it('rejects a bad level code, length, charset and sequence', () => {
    expect(() => parseItemCode('11440100007482575H8440118009000')).toThrow(
      expect.objectContaining({ code: 'ERR_GUIDE_CODE_LEVEL' }),
    );
    expect(() => parseItemCode('11440100007482575H344011800900')).toThrow(
      expect.objectContaining({ code: 'ERR_GUIDE_CODE_LENGTH' }),
    );
    expect(() => parseItemCode('11440100007482575h3440118009000')).toThrow(
      expect.objectContaining({ code: 'ERR_GUIDE_CODE_CHARSET' }),
    );
    expect(() => parseItemCode('11440100007482575H34401180090000X')).toThrow(
      expect.objectContaining({ code: 'ERR_GUIDE_CODE_SEQUENCE' }),
    );
    expect(
      checkItemCode('11440100007482575H8440118009000').findings.some(
        (f) => f.ruleId === 'GUIDE-CODE-LEVEL' && f.status === 'failed',
      ),
    ).toBe(true);
    expect(checkItemCode('123').ok).toBe(false);
  });
});
