// Runs every bench/*.bench.mjs (or those named on the command line) against the built packages.
// Usage: pnpm build && node bench/run.mjs [name…] [--quick]
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => names.length === 0 || names.some((n) => f.startsWith(n)))
  .sort();
for (const f of files) {
  console.log(`\n## ${f}`);
  const mod = await import(pathToFileURL(join(here, f)).href);
  await mod.default({ quick: process.argv.includes('--quick') });
}
