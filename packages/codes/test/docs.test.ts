/**
 * Runs the examples of the README and of the TSDoc `@example` blocks: each line `EXPR; // → VALUE`
 * (README) or `EXPR; // VALUE` (TSDoc, when VALUE is a JavaScript literal) becomes an assertion that
 * EXPR deep-equals VALUE.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as codes from '@gbkit/codes';
import * as core from '@gbkit/core';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function parsesAsExpression(src: string): boolean {
  try {
    new Function(`return (${src});`);
    return true;
  } catch {
    return false;
  }
}

/** Turns an example into a function body with assertions; counts them. */
function compile(code: string, arrow: boolean): { body: string; checks: number } {
  let checks = 0;
  const unimported = code.replace(
    /^import \{([^}]+)\} from '@gbkit\/(codes|core)';$/gm,
    (_m, names: string, pkg: string) => `const {${names.replace(/\s+/g, ' ')}} = __${pkg};`,
  );
  const lines = unimported.split('\n').map((line) => {
    const m = arrow ? line.match(/^(.*?);\s*\/\/ → (.+)$/) : line.match(/^(.*?);\s*\/\/ (.+)$/);
    if (!m) return line;
    const expected = (m[2] as string).replace(/\s+\([^)]*\)$/, '');
    const expr = (m[1] as string).trim();
    if (!parsesAsExpression(expected) || !parsesAsExpression(expr) || /^(const|let|var) /.test(expr))
      return line;
    checks++;
    return `__eq(${expr}, ${expected}, ${JSON.stringify(line.trim())});`;
  });
  return { body: lines.join('\n'), checks };
}

async function run(code: string, arrow: boolean): Promise<number> {
  const { body, checks } = compile(code, arrow);
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  const eq = (actual: unknown, expected: unknown, line: string) => expect(actual, line).toEqual(expected);
  await new AsyncFunction('__codes', '__core', '__eq', 'console', body)(codes, core, eq, {
    log() {},
    info() {},
  });
  return checks;
}

const blocks = (text: string) => [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

describe('documentation examples run', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  it.each(blocks(readme).map((b, i) => [i + 1, b]))('README example %i', async (_i, block) => {
    expect(await run(block as string, true)).toBeGreaterThan(0);
  });

  const src = join(root, 'src');
  const files = readdirSync(src).filter((f) => f.endsWith('.ts'));
  it.each(files)('TSDoc examples of src/%s', async (file) => {
    const text = readFileSync(join(src, file), 'utf8');
    const examples = [...text.matchAll(/@example\n\s*\* ```ts\n([\s\S]*?)\s*\* ```/g)].map((m) =>
      (m[1] as string)
        .split('\n')
        .map((l) => l.replace(/^\s*\* ?/, ''))
        .join('\n'),
    );
    let checks = 0;
    for (const ex of examples) checks += await run(ex, false);
    if (examples.length) expect(checks).toBeGreaterThan(0);
  });
});
