/**
 * Mutation fuzzing over the corpus: random byte changes of whole packages, and structure-aware changes
 * of XML parts (markup tokens inserted, spans deleted or duplicated) written back with the append
 * writer. Every outcome must be a model or a typed GbkitError — never another exception.
 */
import { GbkitError } from '@gbkit/core';
import { loadNativeInflate, OfdPackage, openOfd } from '@gbkit/ofd';
import { expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';

const FILES = [
  '1.ofd',
  'signedFile.ofd',
  'v4signed.ofd',
  'keyword.ofd',
  'SESV4SignDoc.ofd',
  'V4RideRight.ofd',
  'DigitalSign.ofd',
  'hello-integrity.ofd',
];
const TOKENS = [
  '<',
  '>',
  '/',
  '"',
  '&',
  '&#0;',
  '&#xD800;',
  '<!DOCTYPE x>',
  '<![CDATA[',
  ']]>',
  '<!--',
  ':',
  'xmlns:ofd="x"',
  '\\',
  '..',
  '//',
  '\u0000',
  ' ID="1" ID="2"',
  '</ofd:Page>',
  '&amp',
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

function exercise(bytes: Uint8Array): 'ok' | 'typed' {
  try {
    const o = openOfd(bytes);
    for (const p of o.package.paths()) {
      try {
        o.read(p);
      } catch (e) {
        if (!(e instanceof GbkitError)) throw e;
      }
    }
    for (let i = 0; i < (o.documents[0]?.document?.pages.length ?? 0); i++) {
      try {
        o.page(i);
      } catch (e) {
        if (!(e instanceof GbkitError)) throw e;
      }
    }
    return 'ok';
  } catch (e) {
    if (e instanceof GbkitError) return 'typed';
    throw e;
  }
}

describeCorpus('fuzz', () => {
  it('400 random byte mutations of real packages: a model or a typed error', async () => {
    await loadNativeInflate();
    const files = FILES.map((f) => readCorpus('e-seal', f));
    const r = rng(1);
    const seen = { ok: 0, typed: 0 };
    for (let i = 0; i < 400; i++) {
      const b = (files[i % files.length] as Uint8Array).slice();
      for (let k = 1 + Math.floor(r() * 4); k > 0; k--) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
      seen[exercise(b)]++;
    }
    expect(seen.ok + seen.typed).toBe(400);
    expect(seen.typed).toBeGreaterThan(0);
  });

  it('400 structure-aware XML mutations: a model or a typed error', () => {
    const pkgs = FILES.map((f) => OfdPackage.open(readCorpus('e-seal', f)));
    const r = rng(2);
    const seen = { ok: 0, typed: 0 };
    for (let i = 0; i < 400; i++) {
      const pkg = pkgs[i % pkgs.length] as OfdPackage;
      const xmls = pkg.paths().filter((p) => p.endsWith('.xml'));
      const part = xmls[Math.floor(r() * xmls.length)] as string;
      let s = new TextDecoder().decode(pkg.read(part));
      for (let k = 1 + Math.floor(r() * 3); k > 0; k--) {
        const pos = Math.floor(r() * s.length);
        const x = r();
        if (x < 0.4) s = s.slice(0, pos) + TOKENS[Math.floor(r() * TOKENS.length)] + s.slice(pos);
        else if (x < 0.7) s = s.slice(0, pos) + s.slice(pos + 1 + Math.floor(r() * 20));
        else {
          const q = Math.floor(r() * s.length);
          s = s.slice(0, pos) + s.slice(q, q + 30) + s.slice(pos);
        }
      }
      seen[exercise(pkg.withReplaced({ [part]: new TextEncoder().encode(s) }).bytes)]++;
    }
    expect(seen.ok + seen.typed).toBe(400);
    expect(seen.typed).toBeGreaterThan(0);
  });
});
