import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compareLimits,
  compiledValidator,
  GUIDE_RULES,
  ImplementationItemSchema,
  isoDuration,
  jsonSchema,
  problems,
  SCHEMA_FILES,
  validateGuide,
} from '@gbkit/guide-schema';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_FILES, loadExample } from './helpers.js';

const ids = (r: ReturnType<typeof validateGuide>) =>
  problems(r).map((f) => `${f.status}:${f.ruleId}:${f.location?.field ?? ''}`);

describe('published JSON Schema', () => {
  it.each(Object.entries(SCHEMA_FILES))(
    '%s file equals the schema generated from the zod model and compiles in ajv (strict)',
    (kind, file) => {
      const onDisk = JSON.parse(readFileSync(join(__dirname, '..', 'schema', file), 'utf8'));
      expect(onDisk).toEqual(jsonSchema(kind as never));
      expect(onDisk.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      const ajv = new Ajv2020({ strict: true, allErrors: true, keywords: ['x-exchange'] });
      const v = ajv.compile(onDisk);
      if (kind !== 'catalogue') expect(v(loadExample('useRegistration'))).toBe(kind === 'implementation');
    },
  );
  it('compiles the validator once and reuses it', () => {
    expect(compiledValidator('implementation')).toBe(compiledValidator('implementation'));
  });
});

describe('example guides', () => {
  it.each(Object.keys(EXAMPLE_FILES))(
    '%s validates with no errors or warnings and parses with zod',
    (name) => {
      const raw = loadExample(name as keyof typeof EXAMPLE_FILES);
      const kind = raw.taskHandleItem ? 'handling' : 'implementation';
      const r = validateGuide(raw, { kind });
      expect(ids(r)).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.counts.passed).toBeGreaterThanOrEqual(9);
      expect(String(raw.notice)).toContain('illustrative');
      const parsed = ImplementationItemSchema.parse(raw);
      expect(Array.isArray(parsed.serverType)).toBe(true);
    },
  );
});

describe('business rules report every problem at once (一次性告知)', () => {
  it('lists all failures, each naming the field in Chinese', () => {
    const g = loadExample('useRegistration');
    g.promiseDay = 20; // > 15 workdays
    g.limitSceneNum = 0;
    g.handleType = ['1'];
    g.isOnline = false;
    g.isFee = true; // no fees
    g.deptCode = '11440100MB0000019F'; // wrong check character
    g.taskName = '   ';
    delete g.acceptCondition;
    (g.situations as { materialIds: string[] }[])[0]?.materialIds.push('M99');
    (g.materials as { orderNum: number }[])[1] = { ...(g.materials as object[])[1], orderNum: 1 } as never;
    const r = validateGuide(g);
    expect(r.ok).toBe(false);
    const got = ids(r);
    for (const want of [
      'failed:GUIDE-TIME-PROMISE:promiseDay',
      'failed:GUIDE-VISITS-ONLINE:limitSceneNum',
      'failed:GUIDE-FEE-ITEMS:fees',
      'failed:GUIDE-DEPT-USCC:deptCode',
      'failed:GUIDE-CODE-CONSISTENT:taskCode',
      'failed:GUIDE-FIELD-REQUIRED:taskName',
      'failed:GUIDE-FIELD-REQUIRED:acceptCondition',
      'failed:GUIDE-SITUATION-MATERIALS:situations[0].materialIds[4]',
      'failed:GUIDE-ORDER-UNIQUE:materials[1].orderNum',
    ])
      expect(got).toContain(want);
    const msg = problems(r)
      .map((f) => f.message.zh)
      .join('\n');
    expect(msg).toContain('承诺办结时限（promiseDay）');
    expect(msg).toContain('受理条件（acceptCondition）');
    expect(msg).toContain('事项名称（taskName）');
  });
  it('checks the code tables; practice-only codes are warnings in lenient mode', () => {
    const g = loadExample('periodicInspection');
    g.taskType = '31';
    expect(ids(validateGuide(g))).toContain('failed:GUIDE-CODE-TABLE:taskType');
    const lenient = validateGuide(g, { mode: 'lenient' });
    expect(lenient.ok).toBe(true);
    expect(problems(lenient)[0]).toMatchObject({ status: 'warning', ruleId: 'GUIDE-CODE-TABLE' });
    expect(problems(lenient)[0]?.tolerated).toContain('31');
    g.taskType = '23'; // A.1 declares 21… extensible
    expect(validateGuide(g).ok).toBe(true);
  });
  it('unknown SDK keys fail in strict mode and warn in lenient mode', () => {
    const g = loadExample('periodicInspection');
    g.taskNmae = 'typo';
    expect(ids(validateGuide(g))).toContain('failed:GUIDE-FIELD-UNKNOWN:taskNmae');
    expect(ids(validateGuide(g, { mode: 'lenient' }))).toEqual(['warning:GUIDE-FIELD-UNKNOWN:taskNmae']);
  });
  it('power items need a power source; handling items need a 33-character code extending the task code', () => {
    const g = loadExample('useRegistration');
    delete g.powerSource;
    expect(ids(validateGuide(g))).toContain('failed:GUIDE-POWER-SOURCE:powerSource');
    const h = loadExample('installationSupervision');
    h.taskHandleItem = `${String(h.taskCode).slice(0, 30)}901`;
    expect(
      ids(validateGuide(h, { kind: 'handling' })).some((x) =>
        x.startsWith('failed:GUIDE-CODE-CONSISTENT:taskHandleItem'),
      ),
    ).toBe(true);
    const h2 = loadExample('installationSupervision');
    delete h2.handleItemName;
    expect(ids(validateGuide(h2, { kind: 'handling' }))).toContain(
      'failed:GUIDE-FIELD-REQUIRED:handleItemName',
    );
    expect(validateGuide(h2, { kind: 'implementation' }).ok).toBe(true);
  });
  it('accepts legacy ^-joined multi-valued codes and rejects malformed ones', () => {
    const g = loadExample('useRegistration');
    g.serverType = '1^2';
    expect(validateGuide(g).ok).toBe(true);
    g.serverType = '1,2';
    expect(ids(validateGuide(g))).toContain('failed:GUIDE-FIELD-FORMAT:serverType');
  });
  it('counted step limits must fit in the statutory limit', () => {
    const g = loadExample('periodicInspection');
    (g.steps as { timeLimit?: number }[])[3]!.timeLimit = 11;
    expect(ids(validateGuide(g))).toContain('failed:GUIDE-STEP-LIMIT:steps');
  });
  it('rejects non-objects without throwing', () => {
    expect(validateGuide(null).ok).toBe(false);
    expect(validateGuide([1, 2]).ok).toBe(false);
    expect(GUIDE_RULES.timePromise.id).toBe('GUIDE-TIME-PROMISE');
  });
});

describe('time limits: compare only when safe', () => {
  it('same unit compares exactly; hours and calendar days convert', () => {
    expect(compareLimits({ value: 5, unit: 'workday' }, { value: 5, unit: 'workday' })).toBe('le');
    expect(compareLimits({ value: 6, unit: 'workday' }, { value: 5, unit: 'workday' })).toBe('gt');
    expect(compareLimits({ value: 48, unit: 'hour' }, { value: 2, unit: 'calendarDay' })).toBe('le');
    expect(compareLimits({ value: 49, unit: 'hour' }, { value: 2, unit: 'calendarDay' })).toBe('gt');
  });
  it('working days against calendar days only when the bound decides', () => {
    expect(compareLimits({ value: 15, unit: 'calendarDay' }, { value: 20, unit: 'workday' })).toBe('le');
    expect(compareLimits({ value: 25, unit: 'calendarDay' }, { value: 20, unit: 'workday' })).toBe('unknown');
    expect(compareLimits({ value: 21, unit: 'workday' }, { value: 20, unit: 'calendarDay' })).toBe('gt');
    expect(compareLimits({ value: 10, unit: 'workday' }, { value: 20, unit: 'calendarDay' })).toBe('unknown');
  });
  it('mixed units that cannot be decided are indeterminate (strict) or a warning (lenient)', () => {
    const g = loadExample('periodicInspection');
    g.promiseType = 'calendarDay';
    g.promiseDay = 25;
    expect(ids(validateGuide(g))).toEqual(['indeterminate:GUIDE-TIME-PROMISE:promiseType']);
    expect(validateGuide(g, { mode: 'lenient' }).ok).toBe(true);
    g.promiseDay = 14;
    expect(validateGuide(g).ok).toBe(true);
  });
  it('never writes working days as an ISO 8601 duration', () => {
    expect(isoDuration({ value: 5, unit: 'workday' })).toBeUndefined();
    expect(isoDuration({ value: 5, unit: 'calendarDay' })).toBe('P5D');
    expect(isoDuration({ value: 4, unit: 'hour' })).toBe('PT4H');
  });
});

describe('catalogue items (基本目录)', () => {
  it('validates the JSON Schema and the code tables', async () => {
    const { validateCatalogueItem } = await import('@gbkit/guide-schema');
    const ok = {
      taskName: '特种设备使用登记',
      catalogCode: '000117040000',
      taskType: '01',
      byLaw: '特种设备安全法第三十三条',
      useLevel: '1^2^3^4',
      taskState: '1',
      taskVersion: 1,
    };
    expect(validateCatalogueItem(ok).ok).toBe(true);
    const bad = validateCatalogueItem({ ...ok, useLevel: ['9'], taskVersion: -1, taskName: undefined });
    expect(ids(bad)).toEqual(
      expect.arrayContaining([
        'failed:GUIDE-FIELD-REQUIRED:taskName',
        'failed:GUIDE-FIELD-FORMAT:taskVersion',
        'failed:GUIDE-CODE-TABLE:useLevel',
      ]),
    );
  });
});

describe('lenient credit codes', () => {
  it('an early pilot credit code with a wrong check character fails strict and warns in lenient mode', () => {
    const g = loadExample('periodicInspection');
    g.deptCode = '91350211M0000XUF46';
    g.taskCode = `91350211M0000XUF462${String(g.catalogCode)}`;
    expect(ids(validateGuide(g))).toEqual([
      'failed:GUIDE-DEPT-USCC:deptCode',
      'failed:GUIDE-CODE-CONSISTENT:taskCode',
    ]);
    const lenient = validateGuide(g, { mode: 'lenient' });
    expect(lenient.ok).toBe(true);
    expect(ids(lenient)).toEqual(['warning:GUIDE-DEPT-USCC:deptCode']);
    expect(problems(lenient)[0]?.tolerated).toBeTruthy();
  });
});
