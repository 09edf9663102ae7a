/**
 * Every `@example` in the SM2/SM3 sources really runs: the code blocks are extracted from the TSDoc, the
 * imports from `@gbkit/crypto` / `@gbkit/core` are bound to the real modules, and each
 * `console.log(…); // expected` line is checked against its comment (util.inspect formatting).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import * as core from '@gbkit/core';
import * as crypto from '@gbkit/crypto';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const files = ['sm2', 'sm3'].flatMap((d) => readdirSync(join(src, d)).map((f) => join(src, d, f)));

interface Example {
  file: string;
  code: string;
}
const examples: Example[] = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g)) {
    const code = (m[1] as string)
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, ''))
      .join('\n');
    examples.push({ file: file.slice(src.length + 1), code });
  }
}

function run(code: string): { got: string[]; want: (string | undefined)[] } {
  const want: (string | undefined)[] = [];
  const lines: string[] = [];
  for (const line of code.split('\n')) {
    const imp = line.match(/^import \{([^}]*)\} from '@gbkit\/(crypto|core)';$/);
    if (imp) {
      lines.push(`const {${imp[1]}} = ${imp[2] === 'crypto' ? '__crypto' : '__core'};`);
      continue;
    }
    const log = line.match(/^(.*console\.log\(.*\);)\s*\/\/ (.*)$/);
    if (log) want.push((log[2] as string).trim());
    else if (/console\.log\(/.test(line)) want.push(undefined);
    lines.push(log ? (log[1] as string) : line);
  }
  const got: string[] = [];
  const fakeConsole = {
    log: (...a: unknown[]) => got.push(a.map((x) => (typeof x === 'string' ? x : inspect(x))).join(' ')),
  };
  new Function('__crypto', '__core', 'console', lines.join('\n'))(crypto, core, fakeConsole);
  return { got, want };
}

describe('TSDoc @example blocks of SM2/SM3 run and print what they say', () => {
  it('found the examples', () => expect(examples.length).toBeGreaterThan(20));
  for (const ex of examples) {
    it(`${ex.file}: ${ex.code
      .split('\n')
      .find((l) => !l.startsWith('import'))
      ?.slice(0, 60)}`, () => {
      const { got, want } = run(ex.code);
      expect(got.length).toBe(want.length);
      want.forEach((w, i) => {
        if (w !== undefined) expect(got[i]?.replace(/\s+/g, ' ')).toBe(w.replace(/\s+/g, ' '));
      });
    });
  }
});
