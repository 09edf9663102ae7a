import { concatBytes, isGbkitError } from '@gbkit/core';
import { zlibSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';
import {
  decodeStream,
  isDict,
  nameOf,
  parsePdf,
  pdfDict,
  pdfName,
  pdfString,
  writeIncrementalUpdate,
} from '../src/pdf/index.js';

async function makePdf(useObjectStreams: boolean, pages = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++)
    doc.addPage([595, 842]).drawText(`page ${i + 1}`, { x: 50, y: 780, size: 18, font });
  return doc.save({ useObjectStreams });
}

describeCorpus('PDF reader on the corpus example', () => {
  it('reads the classic xref, trailer, catalog and pages', () => {
    const doc = parsePdf(readCorpus('pdf', 'unsigned-example.pdf'));
    expect(doc.version).toBe('1.4');
    expect(doc.sections[0]?.kind).toBe('table');
    expect(doc.revisions).toHaveLength(1);
    expect(doc.warnings).toEqual([]);
    expect(nameOf(doc.catalog.entries.get('Type'))).toBe('Catalog');
    expect(doc.pageRefs().length).toBeGreaterThan(0);
    for (const n of doc.objectNumbers()) doc.getObject(n);
  });
});

describe('PDF reader', () => {
  it('reads cross-reference streams and object streams (pdf-lib output)', async () => {
    const doc = parsePdf(await makePdf(true));
    expect(doc.sections[0]?.kind).toBe('stream');
    expect(doc.pageRefs()).toHaveLength(2);
    const page = doc.getObject((doc.pageRefs()[0] as { num: number }).num);
    expect(isDict(page) && nameOf(page.entries.get('Type'))).toBe('Page');
  });

  it('appends an incremental update (table and stream) that reads back, original bytes untouched', async () => {
    for (const streams of [false, true]) {
      const bytes = await makePdf(streams);
      const doc = parsePdf(bytes);
      const n = doc.size;
      const up = writeIncrementalUpdate(doc, [
        { num: n, value: pdfDict({ Type: pdfName('Test'), S: pdfString('a(b)\\c') }) },
      ]);
      expect(up.bytes.subarray(0, bytes.length)).toEqual(bytes);
      const doc2 = parsePdf(up.bytes);
      expect(doc2.sections[0]?.kind).toBe(streams ? 'stream' : 'table');
      expect(doc2.revisions).toHaveLength(2);
      expect(doc2.revisions[1]?.objects).toContain(n);
      const o = doc2.getObject(n);
      expect(isDict(o) && nameOf(o.entries.get('Type'))).toBe('Test');
      expect(doc2.pageRefs()).toHaveLength(2);
    }
  });

  it('throws typed errors with offsets and never loops on a cyclic /Prev', async () => {
    expect(() => parsePdf(new TextEncoder().encode('hello'))).toThrowError(/PDF/);
    try {
      parsePdf(new TextEncoder().encode('hello'));
    } catch (e) {
      expect(isGbkitError(e, 'ERR_PDF_HEADER')).toBe(true);
    }
    const bytes = await makePdf(false);
    const doc = parsePdf(bytes);
    // an update whose /Prev points at itself
    const off = bytes.length + 1;
    const cyc = concatBytes(
      bytes,
      new TextEncoder().encode(
        `\nxref\n0 1\n0000000000 65535 f\r\ntrailer\n<</Size ${doc.size} /Root ${(doc.trailer.entries.get('Root') as { num: number }).num} 0 R /Prev ${off}>>\nstartxref\n${off}\n%%EOF\n`,
      ),
    );
    const d2 = parsePdf(cyc);
    expect(d2.warnings.join()).toMatch(/cyclic/);
  });

  it('rebuilds a broken cross-reference by scanning and says so', async () => {
    const bytes = await makePdf(false);
    const broken = Uint8Array.from(bytes);
    const t = new TextDecoder('latin1').decode(broken);
    const at = t.lastIndexOf('startxref') + 10;
    broken[at] = 0x39; // wrong digit
    broken[at + 1] = 0x39;
    const doc = parsePdf(broken);
    expect(doc.warnings.join()).toMatch(/rebuilt/);
    expect(doc.pageRefs()).toHaveLength(2);
  });

  it('reads hybrid-reference files (/XRefStm in a table trailer)', async () => {
    const base = await makePdf(false);
    const doc = parsePdf(base);
    const enc = new TextEncoder();
    const n = doc.size;
    const x = n + 1;
    const objAt = base.length + 1;
    const obj = enc.encode(`${n} 0 obj\n<</Type /Hidden>>\nendobj\n`);
    const xsAt = objAt + obj.length;
    const row = Uint8Array.of(
      1,
      (objAt >>> 24) & 255,
      (objAt >>> 16) & 255,
      (objAt >>> 8) & 255,
      objAt & 255,
      0,
      0,
    );
    const xs = concatBytes(
      enc.encode(`${x} 0 obj\n<</Type /XRef /Size ${x + 1} /W [1 4 2] /Index [${n} 1] /Length 7>>\nstream\n`),
      row,
      enc.encode('\nendstream\nendobj\n'),
    );
    const tableAt = xsAt + xs.length;
    const root = (doc.trailer.entries.get('Root') as { num: number }).num;
    const table = enc.encode(
      `xref\ntrailer\n<</Size ${x + 1} /Root ${root} 0 R /Prev ${doc.startxref} /XRefStm ${xsAt}>>\nstartxref\n${tableAt}\n%%EOF\n`,
    );
    const hybrid = concatBytes(base, enc.encode('\n'), obj, xs, table);
    const d2 = parsePdf(hybrid);
    expect(d2.warnings).toEqual([]);
    expect(d2.sections.some((s) => s.hybridPart)).toBe(true);
    const o = d2.getObject(n);
    expect(isDict(o) && nameOf(o.entries.get('Type'))).toBe('Hidden');
    expect(d2.pageRefs()).toHaveLength(2);
  });

  it('stops inflating a decompression bomb at the limit with a typed error', () => {
    const bomb = zlibSync(new Uint8Array(20 * 1024 * 1024), { level: 9 });
    const stream = {
      kind: 'stream' as const,
      dict: pdfDict({ Filter: pdfName('FlateDecode') }),
      data: bomb,
      dataStart: 123,
    };
    expect(decodeStream(stream, 64 * 1024 * 1024).length).toBe(20 * 1024 * 1024);
    try {
      decodeStream(stream, 1024 * 1024);
      expect.unreachable();
    } catch (e) {
      expect(isGbkitError(e, 'ERR_PDF_LIMIT')).toBe(true);
      expect((e as { location?: { offset?: number } }).location?.offset).toBe(123);
    }
  });
});
