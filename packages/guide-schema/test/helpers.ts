import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The example guides shipped in examples/guides. */
export const EXAMPLES_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'examples',
  'guides',
);
export const EXAMPLE_FILES = {
  useRegistration: 'special-equipment-use-registration.json',
  periodicInspection: 'elevator-periodic-inspection.json',
  installationSupervision: 'elevator-installation-supervision.json',
} as const;

/** Parsed JSON of an example (a fresh copy every call). */
export function loadExample(name: keyof typeof EXAMPLE_FILES): Record<string, unknown> {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, EXAMPLE_FILES[name]), 'utf8'));
}
