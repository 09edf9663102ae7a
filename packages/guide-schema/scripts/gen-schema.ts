// Regenerates the published JSON Schemas in schema/ from the zod models (write to a temp file, then rename).
// Run: npx tsx --tsconfig ../../tsconfig.json scripts/gen-schema.ts   (from packages/guide-schema)
import { renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchema, SCHEMA_FILES, type SchemaKind } from '../src/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema');
for (const kind of Object.keys(SCHEMA_FILES) as SchemaKind[]) {
  const file = join(dir, SCHEMA_FILES[kind]);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(jsonSchema(kind), null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  console.log(`wrote ${file}`);
}
