import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('browser bundle', () => {
  it('bundles for the browser without any Node built-in, and stays small', async () => {
    const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
    const core = fileURLToPath(new URL('../../core/src/index.ts', import.meta.url));
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      minify: true,
      metafile: true,
      alias: { '@gbkit/core': core },
      logLevel: 'silent',
      charset: 'utf8',
    });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.filter((i) => i.startsWith('node:') || /(^|\/)node_modules\//.test(i))).toEqual([]);
    const code = out.outputFiles[0]?.contents ?? new Uint8Array();
    const bytes = code.byteLength;
    console.info(
      `@gbkit/codes browser bundle: ${bytes} bytes minified, ${gzipSync(code).byteLength} gzipped`,
    );
    expect(bytes).toBeLessThan(90_000);
  });
});
