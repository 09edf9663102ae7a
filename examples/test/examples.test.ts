/**
 * The examples are part of the contract: each runs against the BUILT packages (as a user would import
 * them) and must succeed. `pnpm test:all` builds before testing; a bare `pnpm test` without a build skips
 * these loudly.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test-utils/corpus.js';

const built = ['e-license', 'guide-schema'].every((p) =>
  existsSync(join(REPO_ROOT, 'packages', p, 'dist', 'index.js')),
);
if (!built) console.warn('\n!! SKIPPING example runs: packages are not built (run pnpm build)\n');

(built ? describe : describe.skip)('examples run on the built packages', () => {
  it('e-license: issue, share through both interface styles, validate', () => {
    const out = execFileSync(process.execPath, [join(REPO_ROOT, 'examples', 'e-license', 'run.mjs')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out).toMatch(/issued 1\.2\.156\.3005\.2\.[0-9A-Z.]+: valid/);
    expect(out).toMatch(/CertShare: downloaded 加注件/);
    expect(out).toMatch(/Guangdong: license_code [0-9A-Z]+, archive \d+ bytes, valid/);
  });

  it('guides: every example guide validates with no errors through the CLI', () => {
    const dir = join(REPO_ROOT, 'examples', 'guides');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBe(3);
    for (const f of files) JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const out = execFileSync(
      process.execPath,
      [
        join(REPO_ROOT, 'packages', 'cli', 'dist', 'bin.js'),
        'guide',
        'validate',
        '--json',
        ...files.map((f) => join(dir, f)),
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    const rows = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(3);
  });
});
