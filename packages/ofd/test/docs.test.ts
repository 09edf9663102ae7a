/**
 * Runs the README examples: each line `EXPR; // → VALUE` becomes an assertion that EXPR deep-equals
 * VALUE. `readFileSync('invoice.ofd')` and `readFileSync('sealed.ofd')` read corpus files (1.ofd and
 * keyword.ofd); blocks that need them are skipped loudly when the corpus is absent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@gbkit/core';
import * as ofd from '@gbkit/ofd';
import { describe, expect, it } from 'vitest';
import { HAVE_CORPUS, readCorpus } from '../../../test-utils/corpus.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const FILES: Record<string, string> = { 'invoice.ofd': '1.ofd', 'sealed.ofd': 'keyword.ofd' };

function parses(src: string): boolean {
  try {
    new Function(`return (${src});`);
    return true;
  } catch {
    return false;
  }
}

function compile(code: string): { body: string; checks: number } {
  let checks = 0;
  const body = code
    .replace(
      /^import \{([^}]+)\} from '@gbkit\/(ofd|core)';$/gm,
      (_m, names: string, pkg: string) => `const {${names}} = __${pkg};`,
    )
    .replace(/^import \{ readFileSync \} from 'node:fs';$/gm, 'const readFileSync = __read;')
    .split('\n')
    .map((line) => {
      const m = line.match(/^(.*?);\s*\/\/ → (.+)$/);
      if (!m) return line;
      const expr = (m[1] as string).trim();
      const expected = m[2] as string;
      if (!parses(expr) || !parses(expected) || /^(const|let|var) /.test(expr)) return line;
      checks++;
      return `__eq(${expr}, ${expected}, ${JSON.stringify(line.trim())});`;
    })
    .join('\n');
  return { body, checks };
}

const blocks = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map(
  (m) => m[1] as string,
);

describe('README examples run', () => {
  it.each(blocks.map((b, i) => [i + 1, b] as const))('example %i', async (_i, block) => {
    const needsCorpus = /readFileSync\('/.test(block);
    if (needsCorpus && !HAVE_CORPUS) {
      console.warn('!! SKIPPING README example that reads corpus files (corpus absent)');
      return;
    }
    const { body, checks } = compile(block);
    const read = (name: string) => readCorpus('e-seal', FILES[name] ?? name);
    const eq = (actual: unknown, expected: unknown, line: string) => expect(actual, line).toEqual(expected);
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
    await new AsyncFunction('__ofd', '__core', '__read', '__eq', body)(ofd, core, read, eq);
    expect(checks).toBeGreaterThan(0);
  });
});
