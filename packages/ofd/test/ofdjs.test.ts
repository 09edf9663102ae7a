/**
 * Independent reader: ofd.js (npm ofd.js@1.5.0, whose parser is a WebAssembly core) run under Node by
 * `oracle/ofdjs-parse.cjs` in a child process. It must open the files we write and agree with our
 * reader on the corpus: page count, page sizes, attachments and signature IDs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { utf8 } from '@gbkit/core';
import { OfdBuilder, OfdPackage, openOfd } from '@gbkit/ofd';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusPath, HAVE_CORPUS } from '../../../test-utils/corpus.js';
import { sampleDocument } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, 'oracle', 'ofdjs-parse.cjs');

interface OfdJsResult {
  file: string;
  ok: boolean;
  error?: string;
  pages?: number;
  sizes?: [number, number][];
  textObjects?: { pageIndex: number; text: string }[];
  attachments?: { name: string; format: string; loc: string }[];
  signatures?: { id: string; baseLoc: string }[];
}

function runOfdJs(files: string[]): OfdJsResult[] {
  const out = execFileSync(process.execPath, [script, ...files], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as OfdJsResult[];
}

const work = mkdtempSync(join(tmpdir(), 'gbkit-ofdjs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function ours(): { name: string; bytes: Uint8Array }[] {
  const simple = new OfdBuilder({ docInfo: { title: 'one page' } });
  simple.addPage().text('你好 OFD', { x: 20, y: 20 });
  // the sample document with a part added by the append writer
  const appended = OfdPackage.open(sampleDocument()).withAdded({
    '/Doc_0/Extra/readme.txt': utf8('appended'),
  });
  const docs = [
    { name: 'sample.ofd', bytes: sampleDocument() },
    { name: 'simple.ofd', bytes: simple.build() },
    { name: 'appended.ofd', bytes: appended.bytes },
  ];
  if (HAVE_CORPUS) {
    // a font program embedded as FontFile (a real TTF taken from a corpus OFD)
    const ttf = openOfd(new Uint8Array(readFileSync(corpusPath('e-seal', 'keyword.ofd')))).read(
      '/Doc_0/Res/Font7.ttf',
    );
    const withFont = new OfdBuilder();
    withFont.addFont({ name: 'Embedded', data: ttf });
    withFont.addPage().text('2020', { x: 10, y: 10, font: 'Embedded' });
    docs.push({ name: 'font.ofd', bytes: withFont.build() });
  }
  return docs;
}

describe('ofd.js (independent reader) parses what we write', () => {
  it('pages, page sizes, text on each page and attachments as we wrote them', () => {
    const docs = ours();
    const paths = docs.map((d) => {
      const p = join(work, d.name);
      writeFileSync(p, d.bytes);
      return p;
    });
    const results = runOfdJs(paths);
    for (const [i, r] of results.entries()) {
      expect(r.ok, `${docs[i]!.name}: ${r.error}`).toBe(true);
      const mine = openOfd(docs[i]!.bytes);
      const n = mine.documents[0]!.document!.pages.length;
      expect(r.pages).toBe(n);
      expect(r.sizes).toEqual(
        Array.from({ length: n }, (_, k) => [mine.pageBox(k)!.width, mine.pageBox(k)!.height]),
      );
      // every page that has text shows text objects in ofd.js too
      const pagesWithText = new Set(r.textObjects!.map((t) => t.pageIndex));
      for (let k = 0; k < n; k++) expect(pagesWithText.has(k + 1)).toBe(true);
      expect(r.attachments!.map((a) => [a.name, a.loc])).toEqual(
        mine.documents[0]!.attachments.map((a) => [a.name, a.fileLoc!.path.slice(1)]),
      );
    }
  });
});

(HAVE_CORPUS ? describe : describe.skip)('ofd.js agrees with our reader on the corpus', () => {
  const files = [
    '1.ofd',
    'signedFile.ofd',
    'v4signed.ofd',
    'draw_param_ref.ofd',
    'keyword.ofd',
    'SESV4SignDoc.ofd',
    'allprotected.ofd',
    'V4RideRight.ofd',
    'testImageNotFound.ofd',
    'DigitalSign.ofd',
    'hello-integrity.ofd',
  ];
  it('page count, page sizes, attachments and signature IDs', () => {
    const results = runOfdJs(files.map((f) => corpusPath('e-seal', f)));
    for (const [i, r] of results.entries()) {
      const f = files[i]!;
      expect(r.ok, `${f}: ${r.error}`).toBe(true);
      const mine = openOfd(new Uint8Array(readFileSync(corpusPath('e-seal', f))));
      const n = mine.documents[0]!.document!.pages.length;
      expect(r.pages, f).toBe(n);
      const sizes = Array.from({ length: n }, (_, k) => [mine.pageBox(k)!.width, mine.pageBox(k)!.height]);
      expect(
        r.sizes!.map(([w, h]) => [Math.round(w * 100) / 100, Math.round(h * 100) / 100]),
        f,
      ).toEqual(sizes.map(([w, h]) => [Math.round(w! * 100) / 100, Math.round(h! * 100) / 100]));
      expect(
        r.attachments!.map((a) => a.name),
        f,
      ).toEqual(mine.documents[0]!.attachments.map((a) => a.name));
      expect(
        r.signatures!.map((s) => s.id),
        f,
      ).toEqual(mine.signatures.map((s) => s.id));
    }
  });
});
