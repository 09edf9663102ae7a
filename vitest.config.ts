import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packages = ['core', 'codes', 'crypto', 'ofd', 'e-seal', 'e-license', 'guide-schema', 'identity', 'cli'];

/** Tests import every `@gbkit/*` package from its TypeScript source, so no build is needed to test. */
const alias = packages.flatMap((name) => [
  {
    find: new RegExp(`^@gbkit/${name}$`),
    replacement: fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url)),
  },
  // sub-path entries such as `@gbkit/identity/node` → `packages/identity/src/node.ts`
  {
    find: new RegExp(`^@gbkit/${name}/([a-z0-9-]+)$`),
    replacement: fileURLToPath(new URL(`./packages/${name}/src/$1.ts`, import.meta.url)),
  },
]);
// sub-path entries whose source is a folder: `@gbkit/crypto/x509` → `packages/crypto/src/x509/index.ts`
alias.unshift({
  find: /^@gbkit\/crypto\/x509$/,
  replacement: fileURLToPath(new URL('./packages/crypto/src/x509/index.ts', import.meta.url)),
});

export default defineConfig({
  resolve: { alias },
  oxc: { decorator: { legacy: true } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
