import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // The division table holds Chinese names: keep them as UTF-8 rather than \uXXXX escapes.
  esbuildOptions(options) {
    options.charset = 'utf8';
  },
});
