/**
 * The browser path stays free of Node built-ins: esbuild bundles `@gbkit/codes`, `@gbkit/crypto` and the
 * opt-in `@gbkit/crypto/x509` for `platform: 'browser'` and the test fails if anything resolves to `node:*`, `crypto`, `fs`, `path`,
 * `buffer`, … (Node-only speed-ups such as native SM3 are reached at run time through
 * `process.getBuiltinModule`, which a bundler never sees).
 */
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function bundle(entry: string) {
  const hits: { path: string; importer: string }[] = [];
  const plugin: Plugin = {
    name: 'gbkit-guard',
    setup(b) {
      // workspace packages from source, as the tests see them
      b.onResolve({ filter: /^@gbkit\/[a-z-]+$/ }, (args) => ({
        path: resolve(root, 'packages', args.path.slice('@gbkit/'.length), 'src/index.ts'),
      }));
      b.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.split('/')[0] as string;
        if (args.path.startsWith('node:') || builtins.has(args.path) || builtins.has(bare)) {
          hits.push({ path: args.path, importer: args.importer.replace(root, '') });
          return { path: args.path, external: true };
        }
        return undefined;
      });
    },
  };
  return build({
    entryPoints: [resolve(root, entry)],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [plugin],
  }).then((r) => ({ hits, result: r }));
}

describe('browser bundles import no Node built-in', () => {
  for (const entry of [
    'packages/codes/src/index.ts',
    'packages/crypto/src/index.ts',
    'packages/crypto/src/x509/index.ts',
  ]) {
    it(entry, async () => {
      const { hits, result } = await bundle(entry);
      if (hits.length > 0) console.error(`Node built-ins pulled into the browser bundle of ${entry}:`, hits);
      expect(hits).toEqual([]);
      const text = result.outputFiles[0]?.text ?? '';
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toMatch(
        /\brequire\(["'](node:)?(crypto|fs|path|buffer|stream|os|child_process)["']\)/,
      );
      console.log(`${entry}: browser bundle ${(text.length / 1024).toFixed(1)} KiB unminified`);
    });
  }

  it('only the opt-in x509 entry carries reflect-metadata and @peculiar/x509', async () => {
    const inputsOf = async (entry: string) => Object.keys((await bundle(entry)).result.metafile.inputs);
    const x509 = await inputsOf('packages/crypto/src/x509/index.ts');
    expect(x509.some((f) => f.includes('reflect-metadata'))).toBe(true);
    expect(x509.some((f) => f.includes('@peculiar/x509') || f.includes('@peculiar+x509'))).toBe(true);
    const main = await inputsOf('packages/crypto/src/index.ts');
    expect(main.some((f) => /reflect-metadata|tsyringe|@peculiar/.test(f))).toBe(false);
  });
});
