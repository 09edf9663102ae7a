import { equalBytes, fromUtf8, utf8 } from '@gbkit/core';
import { flattenObjects, OfdBuilder, OfdPackage, openOfd, qrMatrix, writeZip } from '@gbkit/ofd';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';
import { PNG, sampleDocument } from './helpers.js';

describe('OfdBuilder', () => {
  it('writes deterministically: two builds give identical bytes', () => {
    const a = sampleDocument();
    const b = sampleDocument();
    expect(equalBytes(a, b)).toBe(true);
    // and a different input gives a different DocID
    const other = new OfdBuilder({ docInfo: { title: 'x' } });
    other.addPage().text('y', { x: 1, y: 1 });
    expect(openOfd(other.build()).docInfo.docId).not.toBe(openOfd(a).docInfo.docId);
  });

  it('reads back with our reader: DocInfo, pages, sizes, objects in order, resources, attachments', () => {
    const ofd = openOfd(sampleDocument());
    expect(ofd.warnings).toEqual([]);
    expect(ofd.entry.version).toBe('1.1');
    expect(ofd.docInfo).toMatchObject({
      title: '测试通知',
      author: '办公室',
      creator: 'gbkit',
      creationDate: '2026-11-30',
    });
    expect(ofd.docInfo.docId).toMatch(/^[0-9a-f]{32}$/);
    expect(ofd.docInfo.customDatas).toEqual([
      { name: '文号', value: '2026-001' },
      { name: '密级', value: '公开' },
    ]);
    const d = ofd.documents[0]!;
    expect(d.document!.pages).toHaveLength(2);
    expect(ofd.pageBox(0)).toEqual({ x: 0, y: 0, width: 210, height: 297 });
    expect(ofd.pageBox(1)).toEqual({ x: 0, y: 0, width: 297, height: 210 });
    const objs = flattenObjects(ofd.page(0));
    expect(objs.map((o) => o.kind)).toEqual(['text', 'text', 'path', 'path', 'image', 'path']);
    const t = objs[0]!;
    expect(t.kind === 'text' && t.text).toBe('关于开展测试工作的通知');
    expect(t.kind === 'text' && t.codes[0]?.deltaX?.split(' ')).toHaveLength(10);
    const two = objs[1]!;
    expect(two.kind === 'text' && two.codes.map((c) => c.text)).toEqual(['第一行', '第二行 with ASCII']);
    expect(two.kind === 'text' && two.fillColor?.value).toEqual([200, 0, 0]);
    const fonts = d.resources.flatMap((r) => r.fonts.map((f) => f.fontName));
    expect(fonts).toEqual(['宋体', '黑体']);
    const media = d.resources.flatMap((r) => r.multiMedias);
    expect(media).toHaveLength(1);
    expect(media[0]).toMatchObject({
      type: 'Image',
      format: 'PNG',
      mediaFile: { path: '/Doc_0/Res/image_0.png', exists: true },
    });
    const img = objs[4]!;
    expect(img.kind === 'image' && img.resourceId).toBe(media[0]!.id);
    expect(ofd.read('/Doc_0/Res/image_0.png')).toEqual(PNG);
    expect(d.attachments).toEqual([
      expect.objectContaining({
        name: 'data.xml',
        format: 'xml',
        fileLoc: { loc: 'data.xml', path: '/Doc_0/Attachs/data.xml', exists: true },
      }),
    ]);
    expect(fromUtf8(ofd.read('/Doc_0/Attachs/data.xml'))).toBe('<data>1</data>');
    // MaxUnitID is the highest ID used
    const max = d.document!.commonData.maxUnitId!;
    expect(Number(d.attachments[0]!.id)).toBe(max);
  });

  it('the QR code path draws exactly the dark modules', () => {
    const ofd = openOfd(sampleDocument());
    const qr = flattenObjects(ofd.page(0)).at(-1)!;
    expect(qr.kind).toBe('path');
    const m = qrMatrix('https://example.gov.cn/verify?id=甲-001');
    const dark = m.flat().filter(Boolean).length;
    // each rectangle is one run of dark modules; sum the run lengths back from the path widths
    const cell = 25 / m.length;
    let covered = 0;
    for (const rect of (qr as { abbreviatedData: string }).abbreviatedData
      .split('C')
      .filter((s) => s.trim())) {
      const n = rect
        .trim()
        .split(/\s+/)
        .filter((x) => !/[A-Z]/.test(x))
        .map(Number);
      covered += Math.round((n[2]! - n[0]!) / cell);
    }
    expect(covered).toBe(dark);
  });

  it('rejects bad input with typed errors', () => {
    expect(() => new OfdBuilder().build()).toThrow(expect.objectContaining({ code: 'ERR_OFD_NO_PAGES' }));
    expect(() =>
      new OfdBuilder().addPage().image(utf8('GIF89a'), { x: 0, y: 0, width: 1, height: 1 }),
    ).toThrow(expect.objectContaining({ code: 'ERR_OFD_IMAGE_FORMAT' }));
    expect(() => new OfdBuilder().addPage().text('x', { x: Number.NaN, y: 0 })).toThrow(
      expect.objectContaining({ code: 'ERR_OFD_NUMBER' }),
    );
    const b = new OfdBuilder();
    b.addPage().rect(0, 0, 1, 1, { fill: [300, 0, 0] });
    expect(() => b.build()).toThrow(expect.objectContaining({ code: 'ERR_OFD_COLOR' }));
  });

  it('fixed zip timestamps unless a date is given; an independent unzip (fflate) reads every entry', () => {
    const bytes = sampleDocument();
    const files = unzipSync(bytes);
    expect(Object.keys(files)[0]).toBe('OFD.xml');
    expect(Object.keys(files)).toContain('Doc_0/Pages/Page_1/Content.xml');
    const pkg = OfdPackage.open(bytes);
    for (const e of pkg.entries) {
      // DOS date 1980-01-01, time 00:00 in every local header
      const dv = new DataView(bytes.buffer, bytes.byteOffset + e.localHeaderOffset);
      expect([dv.getUint16(10, true), dv.getUint16(12, true)]).toEqual([0, 0x21]);
    }
    const dated = writeZip([{ name: 'a', data: utf8('a') }], {
      date: new Date(Date.UTC(2026, 10, 30, 12, 0, 0)),
    });
    expect(new DataView(dated.buffer).getUint16(12, true)).toBe(((2026 - 1980) << 9) | (11 << 5) | 30);
  });
});

describe('append writer (OfdPackage.withAdded / withReplaced)', () => {
  function storedRecords(pkg: OfdPackage): Map<string, Uint8Array> {
    const m = new Map<string, Uint8Array>();
    for (const e of pkg.entries) m.set(e.path, pkg.bytes.slice(e.localHeaderOffset, e.localRecordEnd));
    return m;
  }

  it('adds and replaces parts; every untouched entry keeps its local record byte for byte', () => {
    const original = OfdPackage.open(sampleDocument());
    const before = storedRecords(original);
    const ofdXml = fromUtf8(original.read('/OFD.xml')).replace(
      '</ofd:DocRoot>',
      '</ofd:DocRoot><ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>',
    );
    const next = original
      .withAdded({
        '/Doc_0/Signs/Signatures.xml': utf8(
          '<ofd:Signatures xmlns:ofd="http://www.ofdspec.org/2016"><ofd:MaxSignId>1</ofd:MaxSignId></ofd:Signatures>',
        ),
        'Doc_0/Signs/Sign_0/SignedValue.dat': new Uint8Array([1, 2, 3]),
      })
      .withReplaced({ '/OFD.xml': utf8(ofdXml) });
    const after = storedRecords(next);
    for (const [path, rec] of before) {
      if (path === '/OFD.xml') continue;
      expect(equalBytes(after.get(path)!, rec), path).toBe(true);
    }
    expect(fromUtf8(next.read('/OFD.xml'))).toBe(ofdXml);
    expect(next.read('/Doc_0/Signs/Sign_0/SignedValue.dat')).toEqual(new Uint8Array([1, 2, 3]));
    // entry order: originals in place, additions last
    expect(next.paths().slice(0, before.size)).toEqual([...before.keys()]);
    expect(next.paths().slice(-2)).toEqual([
      '/Doc_0/Signs/Signatures.xml',
      '/Doc_0/Signs/Sign_0/SignedValue.dat',
    ]);
    const opened = openOfd(next.bytes);
    expect(opened.documents[0]!.signatureList?.maxSignId).toBe('1');
    // and an independent unzip agrees
    expect(Object.keys(unzipSync(next.bytes))).toHaveLength(next.entries.length);
  });

  it('refuses to add an existing part or replace a missing one', () => {
    const pkg = OfdPackage.open(sampleDocument());
    expect(() => pkg.withAdded({ '/OFD.xml': utf8('x') })).toThrow(
      expect.objectContaining({ code: 'ERR_OFD_PART_EXISTS' }),
    );
    expect(() => pkg.withAdded({ '/ofd.xml': utf8('x') })).toThrow(
      expect.objectContaining({ code: 'ERR_OFD_PART_EXISTS' }),
    );
    expect(() => pkg.withReplaced({ '/nope.xml': utf8('x') })).toThrow(
      expect.objectContaining({ code: 'ERR_OFD_PART_MISSING' }),
    );
  });

  it('is deterministic: same changes, same bytes', () => {
    const pkg = OfdPackage.open(sampleDocument());
    const a = pkg.withAdded({ '/x.bin': utf8('x') }).bytes;
    const b = pkg.withAdded({ '/x.bin': utf8('x') }).bytes;
    expect(equalBytes(a, b)).toBe(true);
  });
});

describeCorpus('append writer on real signed files', () => {
  for (const file of ['1.ofd', 'keyword.ofd', 'testImageNotFound.ofd']) {
    it(`${file}: adding a part keeps every original entry (local record, data descriptor, central record fields) byte for byte`, () => {
      const original = OfdPackage.open(readCorpus('e-seal', file));
      const next = original.withAdded({ '/Doc_0/Signs/Sign_9/Signature.xml': utf8('<x/>') });
      for (const e of original.entries) {
        const n = next.entries.find((x) => x.path === e.path)!;
        const recA = original.bytes.subarray(e.localHeaderOffset, e.localRecordEnd);
        const recB = next.bytes.subarray(n.localHeaderOffset, n.localRecordEnd);
        expect(equalBytes(recA, recB), e.path).toBe(true);
        // central record identical except the 4-byte local header offset
        const a = original.bytes.slice(e.centralOffset, e.centralOffset + e.centralLength);
        const b = next.bytes.slice(n.centralOffset, n.centralOffset + n.centralLength);
        a.fill(0, 42, 46);
        b.fill(0, 42, 46);
        expect(equalBytes(a, b), e.path).toBe(true);
      }
      // every signature still lists the same references and the parts read back identical
      const o1 = openOfd(original.bytes);
      const o2 = openOfd(next.bytes);
      for (const p of original.paths()) expect(equalBytes(o2.read(p), o1.read(p))).toBe(true);
      expect(o2.signatures.map((s) => s.signature?.references.length)).toEqual(
        o1.signatures.map((s) => s.signature?.references.length),
      );
    });
  }

  it('bytes before the zip are dropped by the append writer, the entries kept', () => {
    const junk = utf8('JUNK');
    const withPrefix = new Uint8Array([...junk, ...readCorpus('e-seal', '1.ofd')]);
    const pkg = OfdPackage.open(withPrefix);
    const next = pkg.withAdded({ '/extra.txt': utf8('x') });
    expect(next.prefixLength).toBe(0);
    expect(next.warnings).toEqual([]);
    expect(equalBytes(next.read('/OFD.xml'), pkg.read('/OFD.xml'))).toBe(true);
  });
});

describeCorpus('embedded font program', () => {
  it('embeds a TTF (taken from a real OFD) as FontFile, resolvable and byte-identical', () => {
    const ttf = openOfd(readCorpus('e-seal', 'keyword.ofd')).read('/Doc_0/Res/Font7.ttf');
    const b = new OfdBuilder();
    b.addFont({ name: 'Embedded', data: ttf });
    b.addPage().text('2020', { x: 10, y: 10, font: 'Embedded' });
    const ofd = openOfd(b.build());
    expect(ofd.warnings).toEqual([]);
    const f = ofd.documents[0]!.resources.flatMap((r) => r.fonts).find((x) => x.fontName === 'Embedded')!;
    expect(f.fontFile).toMatchObject({ path: '/Doc_0/Res/font_0.ttf', exists: true });
    expect(equalBytes(ofd.read(f.fontFile!.path), ttf)).toBe(true);
    const t = flattenObjects(ofd.page(0))[0]!;
    expect(t.kind === 'text' && t.font).toBe(f.id);
  });
});
