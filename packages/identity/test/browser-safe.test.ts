// The main entry (models, levels, JOSE, platform tokens) must run in browsers: bundle it for the browser
// platform with esbuild and check that nothing Node-only is pulled in. The `./node` entry may use Node.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = (f: string) => fileURLToPath(new URL(`../src/${f}`, import.meta.url));

async function bundle(file: string) {
  const r = await build({
    entryPoints: [entry(file)],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    // the other gbkit packages and jose check their own browser safety; here only our modules count
    external: ['@gbkit/*', 'jose', 'openid-client'],
    logLevel: 'silent',
    metafile: true,
  });
  return { text: r.outputFiles[0]?.text ?? '', inputs: Object.keys(r.metafile.inputs) };
}

describe('browser safety', () => {
  it('the main entry bundles for the browser with no node: import', async () => {
    const { text, inputs } = await bundle('index.ts');
    expect(text).not.toMatch(/from\s*["']node:/);
    expect(text).not.toMatch(/require\(["']node:/);
    expect(
      inputs.some(
        (i) => i.includes('jwks-handler') || i.includes('adapters/tyrz.ts') || i.includes('adapters/oidc'),
      ),
    ).toBe(false);
  });

  it('the node entry is where the login clients and the JWKS handler live', async () => {
    const { inputs } = await bundle('node.ts');
    expect(inputs.some((i) => i.includes('jwks-handler'))).toBe(true);
    expect(inputs.some((i) => i.includes('adapters/oidc'))).toBe(true);
  });
});
