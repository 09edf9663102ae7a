import { FIELD_TABLES, SCHEMAS } from '@gbkit/guide-schema';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';

describe('field table ↔ zod models', () => {
  for (const [kind, table] of Object.entries(FIELD_TABLES)) {
    it(`${kind}: every element has three names, unique exchange names, and matches the model`, () => {
      const schema = SCHEMAS[kind as keyof typeof SCHEMAS] as z.ZodObject;
      const shape = schema.shape as Record<string, z.ZodType>;
      const modelKeys = Object.keys(shape).filter(
        (k) =>
          k !== '$schema' &&
          k !== 'extensions' &&
          !['materials', 'situations', 'fees', 'faq', 'steps'].includes(k),
      );
      expect(new Set(table.map((f) => f.key))).toEqual(new Set(modelKeys));
      expect(new Set(table.map((f) => f.exchange)).size).toBe(table.length);
      for (const f of table) {
        expect(f.key).toMatch(/^[a-z][A-Za-z]*$/);
        expect(f.exchange).toMatch(/^[A-Za-z_]+$/);
        expect(f.zh).toMatch(/[\u4e00-\u9fff]/);
        if (f.origin !== 'exchange') expect(f.exchange.startsWith('x_') || kind === 'situations').toBe(true);
        const optional = shape[f.key]?.safeParse(undefined).success;
        expect({ key: f.key, required: !optional }).toEqual({
          key: f.key,
          required: f.required || (kind === 'situations' && f.key === 'materialIds'),
        });
      }
    });
  }
  it('has the national exchange names of the research (§1.2)', () => {
    const names = FIELD_TABLES.implementation.map((f) => f.exchange);
    for (const n of [
      'task_code',
      'catalog_code',
      'accept_condition',
      'limit_scene_num',
      'promise_day',
      'anticipate_type',
      'is_single_login',
      'is_Entry_center',
      'online_handle_depth',
    ])
      expect(names).toContain(n);
  });
});

describe('README stays in sync with the field table and rules', () => {
  it('lists every exchange name and every rule ID', async () => {
    const { readFileSync } = await import('node:fs');
    const { listRules } = await import('@gbkit/guide-schema');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8').replace(/ *\| */g, '|');
    for (const [kind, table] of Object.entries(FIELD_TABLES)) {
      if (kind === 'catalogue') continue;
      for (const f of table) expect(readme).toContain(`|\`${f.key}\`|\`${f.exchange}\`|${f.zh}|`);
    }
    for (const r of listRules()) expect(readme).toContain(`|\`${r.id}\`|${r.clause}|${r.evidence}|`);
  });
});
