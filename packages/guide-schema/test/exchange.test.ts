import {
  catalogueFromExchange,
  catalogueToExchange,
  type ExchangeBundle,
  fromExchange,
  guangdongProfile,
  ImplementationItemSchema,
  isExchangeBundle,
  nationalProfile,
  toExchange,
  validateGuide,
} from '@gbkit/guide-schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_FILES, loadExample } from './helpers.js';

const strip = (x: Record<string, unknown>) => {
  const { $schema: _, ...rest } = x;
  return rest;
};

describe('national exchange rows', () => {
  it.each(Object.keys(EXAMPLE_FILES))('%s: model → exchange → model is lossless (both profiles)', (name) => {
    const item = ImplementationItemSchema.parse(loadExample(name as keyof typeof EXAMPLE_FILES));
    for (const profile of [nationalProfile, guangdongProfile]) {
      const bundle = toExchange(item, { profile });
      expect(isExchangeBundle(bundle)).toBe(true);
      expect(bundle.task.task_code).toBe(item.taskCode);
      expect(bundle.materials?.every((m) => m.task_code === item.taskCode)).toBe(true);
      const back = fromExchange(JSON.parse(JSON.stringify(bundle)), { profile });
      expect(back).toEqual(strip(item));
      expect(validateGuide(back, { kind: item.taskHandleItem ? 'handling' : 'implementation' }).ok).toBe(
        true,
      );
    }
  });

  it('uses the national exchange names, ^-joined codes and 1/0 booleans', () => {
    const b = toExchange(ImplementationItemSchema.parse(loadExample('useRegistration')));
    expect(b.task).toMatchObject({
      task_name: '特种设备使用登记',
      limit_scene_num: 0,
      is_fee: '0',
      handle_type: '1^2^3',
      anticipate_type: '1',
      is_Entry_center: '1',
    });
    expect(b.conditionMaterials?.[0]).toEqual({ condition_guid: 'S1', material_guid: 'M01' });
    expect(b.materials?.[1]).toMatchObject({
      material_name: '使用单位统一社会信用代码证明',
      source_type: '3',
      is_need: '1',
    });
  });

  it('keeps unknown exchange fields and nulls in extensions, and writes them back', () => {
    const bundle = toExchange(ImplementationItemSchema.parse(loadExample('periodicInspection')));
    bundle.task.row_guid = 'a1b2';
    bundle.task.cd_operation = 'I';
    bundle.task.fee_basis = null;
    bundle.materials![0]!.local_col = { nested: [1, 2] };
    const item = fromExchange(bundle);
    expect(item.extensions).toEqual({ row_guid: 'a1b2', cd_operation: 'I', fee_basis: null });
    expect(item.materials?.[0]?.extensions).toEqual({ local_col: { nested: [1, 2] } });
    expect(toExchange(item)).toEqual(bundle);
  });

  it('accepts non-canonical scalars and labels, and names the field of a bad value', () => {
    const item = fromExchange({
      task: {
        task_name: 'x',
        promise_day: '20',
        is_fee: '是',
        promise_type: '工作日',
        server_type: '1^2',
        task_type: 1,
      },
    });
    expect(item).toMatchObject({
      promiseDay: 20,
      isFee: true,
      promiseType: 'workday',
      serverType: ['1', '2'],
      taskType: '01',
    });
    expect(() => fromExchange({ task: { promise_type: '42' } })).toThrow(
      expect.objectContaining({
        code: 'ERR_GUIDE_EXCHANGE_VALUE',
        location: { part: 'task', field: 'promise_type' },
      }),
    );
    expect(() => fromExchange({ task: { limit_scene_num: -1 } })).toThrow(
      expect.objectContaining({ code: 'ERR_GUIDE_EXCHANGE_VALUE' }),
    );
    expect(() => fromExchange({} as ExchangeBundle)).toThrow(
      expect.objectContaining({ code: 'ERR_GUIDE_EXCHANGE_ROW' }),
    );
  });

  it('converts catalogue items', () => {
    const row = {
      task_name: '特种设备使用登记',
      catalog_code: '000117040000',
      task_type: '01',
      by_law: '…',
      use_level: '1^2^3',
      task_state: '1',
      task_version: 2,
      extra: 'x',
    };
    const c = catalogueFromExchange(row);
    expect(c.useLevel).toEqual(['1', '2', '3']);
    expect(catalogueToExchange(c)).toEqual(row);
  });

  it('property: exchange → model → exchange is lossless for canonical rows with random values and unknown columns', () => {
    const base = toExchange(ImplementationItemSchema.parse(loadExample('useRegistration')), {
      profile: guangdongProfile,
    });
    const text = fc.string({ unit: 'grapheme', maxLength: 40 });
    const unknownKey = fc
      .stringMatching(/^[a-z][a-z0-9_]{0,12}$/)
      .filter(
        (k) =>
          !(k in base.task) &&
          !k.startsWith('x_') &&
          !/^(task|catalog|dept|promise|anticipate|limit|is|handle|link|server|project|use|by|power|entrust|fee|special|app|mobile|transact|supervise|plan|other|service|result|user|corp|online|local|accept)_/.test(
            k,
          ),
      );
    const jsonValue = fc.oneof(
      text,
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(
        fc.record({
          name: text,
          flow: text,
          promise: fc.nat(1000),
          visits: fc.nat(9),
          isFee: fc.constantFrom('0', '1'),
          server: fc.uniqueArray(fc.constantFrom('1', '2', '3', '4', '5', '6'), {
            minLength: 1,
            maxLength: 6,
          }),
          unit: fc.constantFrom('1', '2', '3', '4', '5'),
          source: fc.constantFrom('1', '3', '4', '5', '9'),
          extra: fc.dictionary(unknownKey, jsonValue, { maxKeys: 4 }),
          materialExtra: fc.dictionary(unknownKey, jsonValue, { maxKeys: 3 }),
          dropFaq: fc.boolean(),
        }),
        (r) => {
          const bundle: ExchangeBundle = JSON.parse(JSON.stringify(base));
          Object.assign(
            bundle.task,
            {
              task_name: r.name,
              handle_flow: r.flow,
              promise_day: r.promise,
              limit_scene_num: r.visits,
              is_fee: r.isFee,
              server_type: r.server.join('^'),
              promise_type: r.unit,
            },
            r.extra,
          );
          Object.assign(bundle.materials![0]!, { source_type: r.source }, r.materialExtra);
          if (r.dropFaq) delete bundle.questions;
          const item = fromExchange(bundle, { profile: guangdongProfile });
          expect(toExchange(item, { profile: guangdongProfile })).toEqual(bundle);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: model → exchange → model is lossless for random materials, situations and labels', () => {
    const base = ImplementationItemSchema.parse(loadExample('periodicInspection'));
    const text = fc.string({ unit: 'grapheme', maxLength: 30 });
    const material = fc.record(
      {
        materialId: fc.stringMatching(/^[A-Z][0-9]{1,3}$/),
        materialName: text.filter((x) => /\S/.test(x)),
        materialType: fc.constantFrom('original', 'copy', 'originalAndCopy', 'originalOrCopy'),
        materialFormat: fc.constantFrom('paper', 'electronic', 'paperOrElectronic'),
        isNeed: fc.constantFrom('required', 'optional', 'deferrable', 'waived'),
        sourceType: fc.constantFrom('applicant', 'government', 'other', 'eLicence', 'onlineForm'),
        pageNum: fc.nat(20),
        remark: text,
        orderNum: fc.nat(1000),
        isRequired: fc.boolean(),
        extensions: fc.dictionary(
          fc.stringMatching(/^zz_[a-z]{1,6}$/),
          fc.oneof(text, fc.integer(), fc.constant(null)),
          {
            minKeys: 1,
          },
        ),
      },
      { requiredKeys: ['materialName', 'isNeed', 'orderNum'] },
    );
    fc.assert(
      fc.property(
        fc.array(material, { maxLength: 6 }),
        fc.constantFrom(nationalProfile, guangdongProfile),
        fc.constantFrom('workday', 'calendarDay', 'hour', 'month', 'year'),
        (materials, profile, unit) => {
          const ids = materials.flatMap((m) => (m.materialId ? [m.materialId] : []));
          const item = {
            ...base,
            promiseType: unit,
            materials,
            situations: [{ conditionId: 'C1', conditionName: '情形', orderNum: 1, materialIds: ids }],
          } as typeof base;
          const back = fromExchange(JSON.parse(JSON.stringify(toExchange(item, { profile }))), { profile });
          expect(back).toEqual(strip(item as never));
        },
      ),
      { numRuns: 150 },
    );
  });
});
