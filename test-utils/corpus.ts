/**
 * Access to the shared corpus of real files (`../shared/corpus` beside the repository). Tests read the
 * files from there and never copy them into the project. When the folder is absent the suites that need
 * it are skipped with a loud message instead of passing silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of the shared corpus folder (override with GBKIT_CORPUS). */
export const CORPUS_DIR = process.env.GBKIT_CORPUS ?? resolve(repoRoot, '..', 'shared', 'corpus');

/** Whether the corpus is present. */
export const HAVE_CORPUS = existsSync(join(CORPUS_DIR, 'e-seal', 'MANIFEST.md'));

/** Absolute path of a corpus file, e.g. `corpusPath('e-seal', '1.ofd')`. */
export function corpusPath(...parts: string[]): string {
  return join(CORPUS_DIR, ...parts);
}

/** Bytes of a corpus file. */
export function readCorpus(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath(...parts)));
}

let warned = false;
/** `describe` that runs only when the corpus exists, and says loudly when it does not. */
export function describeCorpus(name: string, fn: () => void): void {
  if (!HAVE_CORPUS && !warned) {
    warned = true;
    console.warn(`\n!! SKIPPING corpus tests: ${CORPUS_DIR} not found (set GBKIT_CORPUS)\n`);
  }
  (HAVE_CORPUS ? describe : describe.skip)(name, fn);
}

/** Repository root, for tests that run built binaries or examples. */
export const REPO_ROOT = repoRoot;
