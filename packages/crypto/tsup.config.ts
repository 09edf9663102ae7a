import { defineConfig } from 'tsup';

export default defineConfig({
  // `x509` is the opt-in `@gbkit/crypto/x509` entry (the only one importing reflect-metadata)
  entry: { index: 'src/index.ts', x509: 'src/x509/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
