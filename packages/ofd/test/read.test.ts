import { concatBytes, FormatError, fromUtf8, LimitExceededError, toBase64, utf8 } from '@gbkit/core';
import {
  crc32,
  flattenObjects,
  hasNativeInflate,
  inflateEntry,
  loadNativeInflate,
  normaliseLoc,
  OfdPackage,
  openOfd,
  openOfdStream,
  parseSignatureXml,
  parseXml,
  writeZip,
} from '@gbkit/ofd';
import { describe, expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';
import { makeOfd, NS } from './helpers.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

// expected signatures per corpus OFD: [id, type, references] (counted independently with grep over the extracted Signature.xml files)
const CORPUS: Record<string, [string, 'Seal' | 'Sign', number][]> = {
  '1.ofd': [['2', 'Seal', 13]],
  'signedFile.ofd': [['2', 'Seal', 13]],
  'v4signed.ofd': [['1', 'Seal', 13]],
  'draw_param_ref.ofd': [['2', 'Seal', 17]],
  'keyword.ofd': [
    ['2', 'Seal', 7],
    ['4', 'Sign', 9],
  ],
  'SESV4SignDoc.ofd': [['1', 'Seal', 5]],
  'allprotected.ofd': [['001', 'Seal', 6]],
  'V4RideRight.ofd': [['s001', 'Seal', 9]],
  'testImageNotFound.ofd': [
    ['1', 'Sign', 14],
    ['2', 'Sign', 19],
  ],
  'DigitalSign.ofd': [['s001', 'Sign', 4]],
  'hello-integrity.ofd': [],
};

describeCorpus('corpus OFD files', () => {
  for (const [file, sigs] of Object.entries(CORPUS)) {
    it(`${file}: opens, lists ${sigs.length} signature(s) with their references, parses every page`, () => {
      const ofd = openOfd(readCorpus('e-seal', file));
      expect(ofd.signatures.map((s) => [s.id, s.type, s.signature?.references.length])).toEqual(sigs);
      for (const s of ofd.signatures) {
        expect(s.error).toBeUndefined();
        const sx = s.signature!;
        // exact bytes: the model keeps what is stored, not a re-serialisation
        expect(sx.bytes).toEqual(ofd.read(sx.part));
        expect(sx.signedValue?.exists).toBe(true);
        for (const r of sx.references) expect(r.checkValue?.length).toBeGreaterThan(0);
      }
      const doc = ofd.documents[0]!.document!;
      expect(doc.pages.length).toBeGreaterThan(0);
      for (let i = 0; i < doc.pages.length; i++) expect(ofd.page(i).layers.length).toBeGreaterThanOrEqual(0);
      for (const p of ofd.package.paths()) ofd.read(p); // every part inflates with a good CRC
    });
  }

  it('1.ofd: DocInfo, CustomDatas, CommonData, references, stamp annotation', () => {
    const ofd = openOfd(readCorpus('e-seal', '1.ofd'));
    expect(ofd.warnings).toEqual([]);
    expect(ofd.docInfo.docId).toBe('314d31d026e84941b484c3cf9d6be5b4');
    expect(ofd.docInfo.author).toBe('China Tax');
    expect(ofd.docInfo.customDatas.find((c) => c.name === '发票号码')?.value).toBe('83089647');
    const d = ofd.documents[0]!;
    expect(d.document?.commonData.maxUnitId).toBe(98);
    expect(d.document?.commonData.pageArea?.physicalBox).toEqual({ x: 0, y: 0, width: 210, height: 140 });
    expect(d.document?.pages[0]).toMatchObject({
      id: '1',
      baseLoc: { path: '/Doc_0/Pages/Page_0/Content.xml', exists: true },
    });
    expect(d.attachments[0]).toMatchObject({
      name: 'original_invoice',
      fileLoc: { path: '/Doc_0/Attachs/original_invoice.xml', exists: true },
    });
    expect(d.customTags[0]?.fileLoc?.path).toBe('/Doc_0/Tags/CustomTag.xml');
    expect(d.annotations[0]).toMatchObject({
      pageId: '1',
      fileLoc: { path: '/Doc_0/Annots/Page_0/Annotation.xml' },
    });
    expect(d.resources.flatMap((r) => r.multiMedias.map((m) => m.mediaFile?.path))).toEqual([
      '/Doc_0/Res/image_78.jb2',
    ]);
    const s = ofd.signatures[0]!.signature!;
    expect(s.provider?.providerName).toBe('gomain_eseal');
    expect(s.signatureMethod).toBe('1.2.156.10197.1.501');
    expect(s.checkMethod).toBe('1.2.156.10197.1.401');
    expect(s.references.at(-1)).toMatchObject({
      fileRef: '/OFD.xml',
      target: { path: '/OFD.xml', exists: true },
    });
    expect(toBase64(s.references[0]!.checkValue!)).toBe('apPHSySFCsB5RsQ100pTzriJ7A0P3QWtKPeZxh4FDgE=');
    expect(s.stampAnnots).toEqual([
      { id: '1', pageRef: '1', boundary: { x: 90, y: 8, width: 30, height: 20 }, clip: undefined },
    ]);
    expect(s.seal).toBeUndefined();
    expect(s.signedValue?.path).toBe('/Doc_0/Signs/Sign_0/SignedValue.dat');
    const texts = flattenObjects(ofd.page(0)).filter((o) => o.kind === 'text');
    expect(texts[0]).toMatchObject({ kind: 'text', font: '61', text: '浙江增值税电子普通发票' });
  });

  it('V4RideRight.ofd: five clipped stamp annotations and a Seal.esl', () => {
    const s = openOfd(readCorpus('e-seal', 'V4RideRight.ofd')).signatures[0]!.signature!;
    expect(s.stampAnnots.map((a) => a.clip?.x)).toEqual([0, 8, 16, 24, 32]);
    expect(s.seal).toMatchObject({ path: '/Doc_0/Signs/Sign_0/Seal.esl', exists: true });
  });

  it('DigitalSign.ofd: SignedValue before SignedInfo is read (order not assumed)', () => {
    const s = openOfd(readCorpus('e-seal', 'DigitalSign.ofd')).signatures[0]!.signature!;
    expect(s.checkMethod).toBe('SM3');
    expect(s.signedValue?.path).toBe('/Doc_0/Signs/Sign_0/SignedValue.dat');
  });

  it('testImageNotFound.ofd: relative SignedValue, non-standard namespace and missing image are reported', () => {
    const ofd = openOfd(readCorpus('e-seal', 'testImageNotFound.ofd'));
    expect(ofd.signatures[0]!.signature!.signedValue?.path).toBe('/Doc_0/Signs/Sign_0/SignedValue.dat');
    const codes = ofd.warnings.map((w) => w.code);
    expect(codes).toContain('OFD_XML_NAMESPACE');
    expect(ofd.warnings.find((w) => w.code === 'OFD_LOC_MISSING')?.details?.resolved).toBe(
      '/Doc_0/Res_0/image_135.PNG',
    );
  });

  it('v4signed.ofd: a case-only mismatch is reported and not guessed', () => {
    const ofd = openOfd(readCorpus('e-seal', 'v4signed.ofd'));
    const w = ofd.warnings.find((x) => x.code === 'OFD_LOC_CASE_MISMATCH');
    expect(w?.details).toMatchObject({
      resolved: '/Doc_0/TPLS/Tpl_0/Content.xml',
      candidate: '/Doc_0/Tpls/Tpl_0/Content.xml',
    });
    expect(ofd.documents[0]!.document!.commonData.templatePages[0]!.baseLoc?.exists).toBe(false);
  });

  it('strict mode rejects what lenient mode reports', () => {
    expect(codeOf(() => openOfd(readCorpus('e-seal', 'keyword.ofd'), { mode: 'strict' }))).toBe(
      'ERR_OFD_XML_NAMESPACE',
    );
  });

  it('bytes before the zip are tolerated and reported with their offset', () => {
    const junk = utf8('#!/bin/sh\nexit 0\n');
    const ofd = openOfd(concatBytes(junk, readCorpus('e-seal', '1.ofd')));
    expect(ofd.warnings).toEqual([
      expect.objectContaining({ code: 'OFD_ZIP_PREFIX', details: { offset: junk.length } }),
    ]);
    expect(ofd.package.prefixLength).toBe(junk.length);
    expect(ofd.signatures[0]!.signature!.references).toHaveLength(13);
  });

  it('the pure-JS inflate (browsers) and node:zlib give the same bytes for every entry of every file', async () => {
    await loadNativeInflate();
    expect(hasNativeInflate()).toBe(true);
    for (const file of Object.keys(CORPUS)) {
      const pkg = OfdPackage.open(readCorpus('e-seal', file));
      for (const e of pkg.entries) {
        if (e.isDirectory) continue;
        expect(inflateEntry(pkg.bytes, e, { pureJs: true }), `${file} ${e.path}`).toEqual(pkg.read(e.path));
      }
    }
  });

  it('opens from a stream of chunks', async () => {
    const bytes = readCorpus('e-seal', '1.ofd');
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 1000) yield bytes.subarray(i, i + 1000);
    }
    const ofd = await openOfdStream(chunks());
    expect(ofd.signatures).toHaveLength(1);
    const web = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.subarray(0, 5000));
        c.enqueue(bytes.subarray(5000));
        c.close();
      },
    });
    expect((await openOfdStream(web)).docInfo.docId).toBe('314d31d026e84941b484c3cf9d6be5b4');
    await expect(openOfdStream(chunks(), { limits: { maxArchiveSize: 5000 } })).rejects.toMatchObject({
      code: 'ERR_OFD_LIMIT_ARCHIVE_SIZE',
    });
  });
});

describe('zip safety', () => {
  const ok = { name: 'OFD.xml', data: utf8('<OFD/>') };
  it('rejects path traversal, absolute names and drive letters', () => {
    expect(
      codeOf(() => OfdPackage.open(writeZip([ok, { name: 'Doc_0/../../etc/passwd', data: utf8('x') }]))),
    ).toBe('ERR_OFD_ZIP_PATH_TRAVERSAL');
    expect(codeOf(() => OfdPackage.open(writeZip([ok, { name: '..\\evil', data: utf8('x') }])))).toBe(
      'ERR_OFD_ZIP_PATH_TRAVERSAL',
    );
    expect(codeOf(() => OfdPackage.open(writeZip([ok, { name: '/etc/passwd', data: utf8('x') }])))).toBe(
      'ERR_OFD_ZIP_ABSOLUTE_PATH',
    );
    expect(codeOf(() => OfdPackage.open(writeZip([ok, { name: 'C:/x', data: utf8('x') }])))).toBe(
      'ERR_OFD_ZIP_ABSOLUTE_PATH',
    );
    expect(() => OfdPackage.open(writeZip([ok, { name: '/x', data: utf8('x') }]))).toThrow(FormatError);
  });

  it('normalises plain names as-is and odd ones with a warning', () => {
    const pkg = OfdPackage.open(
      writeZip([
        ok,
        { name: 'Doc_0/', data: new Uint8Array(0) },
        { name: '..a/.b/c..', data: utf8('x') },
        { name: 'Doc_0//./d.xml', data: utf8('x') },
        { name: '1:f', data: utf8('x') },
      ]),
    );
    expect(pkg.entries.map((e) => e.path)).toEqual([
      '/OFD.xml',
      '/Doc_0/',
      '/..a/.b/c..',
      '/Doc_0/d.xml',
      '/1:f',
    ]);
    expect(pkg.warnings.map((w) => w.code)).toEqual(['OFD_ZIP_NAME_DOT_SEGMENT']);
  });

  it('rejects duplicate entry names (also after normalisation), reports case-only duplicates', () => {
    expect(codeOf(() => OfdPackage.open(writeZip([ok, ok])))).toBe('ERR_OFD_ZIP_DUPLICATE_ENTRY');
    expect(codeOf(() => OfdPackage.open(writeZip([ok, { name: './OFD.xml', data: utf8('x') }])))).toBe(
      'ERR_OFD_ZIP_DUPLICATE_ENTRY',
    );
    const pkg = OfdPackage.open(writeZip([ok, { name: 'ofd.XML', data: utf8('x') }]));
    expect(pkg.warnings.map((w) => w.code)).toEqual(['OFD_ZIP_CASE_DUPLICATE']);
  });

  it('rejects a decompression bomb by ratio, by entry size, by total size and by entry count', () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const bomb = writeZip([ok, { name: 'Doc_0/bomb.xml', data: zeros }]);
    let err: unknown;
    try {
      OfdPackage.open(bomb);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LimitExceededError);
    expect((err as LimitExceededError).code).toBe('ERR_OFD_LIMIT_RATIO');
    expect((err as LimitExceededError).location?.part).toBe('/Doc_0/bomb.xml');
    // the same file passes with a higher ratio limit
    expect(OfdPackage.open(bomb, { limits: { maxRatio: 10_000 } }).read('/Doc_0/bomb.xml').length).toBe(
      zeros.length,
    );
    expect(
      codeOf(() =>
        OfdPackage.open(bomb, { limits: { maxRatio: 10_000, maxEntryUncompressed: 1024 * 1024 } }),
      ),
    ).toBe('ERR_OFD_LIMIT_ENTRY_SIZE');
    const many = writeZip(
      Array.from({ length: 5 }, (_, i) => ({
        name: `p${i}.xml`,
        data: new Uint8Array(300_000).fill(65 + i),
      })),
    );
    expect(codeOf(() => OfdPackage.open(many, { limits: { maxTotalUncompressed: 1_000_000 } }))).toBe(
      'ERR_OFD_LIMIT_TOTAL_SIZE',
    );
    expect(codeOf(() => OfdPackage.open(many, { limits: { maxEntries: 4 } }))).toBe(
      'ERR_OFD_LIMIT_ENTRY_COUNT',
    );
  });

  it('never inflates past the declared size (a lying header is caught)', () => {
    const big = new Uint8Array(200_000);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7919) % 251;
    const zip = writeZip([{ name: 'a.bin', data: big }]);
    // shrink the declared uncompressed size in both headers to 1000 bytes
    const z = zip.slice();
    const dv = new DataView(z.buffer);
    dv.setUint32(22, 1000, true);
    const cd = z.length - 22 - (46 + 5);
    dv.setUint32(cd + 24, 1000, true);
    const pkg = OfdPackage.open(z);
    expect(['ERR_OFD_LIMIT_ENTRY_OVERFLOW', 'ERR_OFD_ZIP_SIZE', 'ERR_OFD_ZIP_CRC']).toContain(
      codeOf(() => pkg.read('/a.bin')),
    );
  });

  it('the reused native inflate handle treats wrong sizes and broken data like inflateRawSync, and recovers', async () => {
    await loadNativeInflate();
    const data = new Uint8Array(5000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 251;
    const zip = writeZip([{ name: 'a.bin', data }]);
    const cd = zip.length - 22 - (46 + 5);
    const withSizes = (usize: number, csize?: number): OfdPackage => {
      const z = zip.slice();
      const dv = new DataView(z.buffer);
      dv.setUint32(cd + 24, usize, true);
      if (csize !== undefined) dv.setUint32(cd + 20, csize, true);
      return OfdPackage.open(z);
    };
    const csize = new DataView(zip.buffer, zip.byteOffset).getUint32(cd + 20, true);
    // declared one byte short: inflating exactly declared + 1 bytes is a size error, as before
    expect(codeOf(() => withSizes(4999).read('/a.bin'))).toBe('ERR_OFD_ZIP_SIZE');
    expect(codeOf(() => withSizes(4998).read('/a.bin'))).toBe('ERR_OFD_LIMIT_ENTRY_OVERFLOW');
    expect(codeOf(() => withSizes(5001).read('/a.bin'))).toBe('ERR_OFD_ZIP_SIZE');
    expect(codeOf(() => withSizes(5000, csize >> 1).read('/a.bin'))).toBe('ERR_OFD_ZIP_INFLATE');
    const garbage = zip.slice();
    const dataOffset = OfdPackage.open(zip).entry('/a.bin')!.dataOffset;
    garbage.fill(0xff, dataOffset, dataOffset + 8);
    expect(['ERR_OFD_ZIP_INFLATE', 'ERR_OFD_ZIP_CRC']).toContain(
      codeOf(() => OfdPackage.open(garbage).read('/a.bin')),
    );
    // and the next part inflates correctly
    expect(withSizes(5000).read('/a.bin')).toEqual(data);
    const pkg = OfdPackage.open(readCorpus('e-seal', '1.ofd'));
    for (const e of pkg.entries)
      if (!e.isDirectory) expect(pkg.read(e.path)).toEqual(inflateEntry(pkg.bytes, e, { pureJs: true }));
  });

  it('detects a CRC mismatch and a non-zip', () => {
    const zip = writeZip([{ name: 'a.txt', data: utf8('hello hello hello hello'), compress: false }]);
    const z = zip.slice();
    z[35] = (z[35] as number) ^ 1; // flip a data byte
    expect(codeOf(() => OfdPackage.open(z).read('a.txt'))).toBe('ERR_OFD_ZIP_CRC');
    expect(codeOf(() => OfdPackage.open(utf8('not a zip at all, just some text')))).toBe(
      'ERR_OFD_ZIP_NO_EOCD',
    );
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
  });

  it('gives the same CRC-32 on the native path (≥ 64 bytes) as bit by bit, also when continued', async () => {
    await loadNativeInflate();
    const data = new Uint8Array(1000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 131 + 7) & 0xff;
    const bitwise = (d: Uint8Array, start = 0): number => {
      let c = ~start >>> 0;
      for (const b of d) {
        c ^= b;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      return ~c >>> 0;
    };
    expect(crc32(data)).toBe(bitwise(data));
    expect(crc32(data.subarray(500), crc32(data.subarray(0, 500)))).toBe(bitwise(data));
    expect(crc32(data.subarray(0, 63))).toBe(bitwise(data.subarray(0, 63)));
  });
});

describe('Signature.xml CheckValue', () => {
  it('decodes plain, padded and whitespace-broken base64 to the same bytes as fromBase64, and warns on anything else', () => {
    const pkg = OfdPackage.open(makeOfd());
    const digest = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);
    const b64 = toBase64(digest);
    const values = [
      b64,
      `  ${b64.slice(0, 20)}\n ${b64.slice(20)}\t`,
      toBase64(digest.subarray(0, 31)),
      'QR==',
      'A===',
      'ab$d',
      '',
    ];
    const refs = values
      .map(
        (v) =>
          `<ofd:Reference FileRef="/Doc_0/Document.xml"><ofd:CheckValue>${v}</ofd:CheckValue></ofd:Reference>`,
      )
      .join('');
    const xml = `<?xml version="1.0" encoding="UTF-8"?><ofd:Signature xmlns:ofd="${NS}"><ofd:SignedInfo><ofd:References CheckMethod="1.2.156.10197.1.401">${refs}</ofd:References></ofd:SignedInfo><ofd:SignedValue>SignedValue.dat</ofd:SignedValue></ofd:Signature>`;
    const sx = parseSignatureXml(utf8(xml), '/Doc_0/Signs/Sign_0/Signature.xml', pkg);
    const got = sx.references.map((r) => r.checkValue);
    expect(got[0]).toEqual(digest);
    expect(got[0]?.constructor).toBe(Uint8Array);
    expect(got[1]).toEqual(digest);
    expect(got[2]).toEqual(digest.subarray(0, 31));
    expect(got[3]).toEqual(Uint8Array.of(0x41));
    expect(got.slice(4)).toEqual([undefined, undefined, undefined]);
    expect(pkg.warnings.filter((w) => w.code === 'OFD_CHECKVALUE_BASE64')).toHaveLength(3);
  });
});

describe('XML safety and namespaces', () => {
  it('rejects DOCTYPE, external and undefined entities', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE OFD [<!ENTITY x SYSTEM "file:///etc/passwd">]><OFD xmlns="${NS}">&x;</OFD>`;
    expect(codeOf(() => parseXml(utf8(xxe), '/OFD.xml'))).toBe('ERR_OFD_XML_DOCTYPE');
    expect(codeOf(() => parseXml(utf8('<!-- c --><!DOCTYPE a><a/>'), '/a.xml'))).toBe('ERR_OFD_XML_DOCTYPE');
    expect(codeOf(() => parseXml(utf8('<a>&foo;</a>'), '/a.xml'))).toBe('ERR_OFD_XML_ENTITY');
    expect(codeOf(() => parseXml(utf8('<a><b></a>'), '/a.xml'))).toBe('ERR_OFD_XML_MALFORMED');
    expect(codeOf(() => parseXml(utf8('<a/><b/>'), '/a.xml'))).toBe('ERR_OFD_XML_MALFORMED');
    expect(codeOf(() => openOfd(makeOfd({ 'OFD.xml': xxe })))).toBe('ERR_OFD_XML_DOCTYPE');
  });

  it('decodes predefined and character entities, CDATA and a GBK declaration', () => {
    const el = parseXml(utf8('<a t="&lt;&#20013;&#x6587;&gt;">x&amp;y<![CDATA[<z>]]></a>'), '/a.xml');
    expect(el.attrs.t).toBe('<中文>');
    expect(el.children.join('')).toBe('x&y<z>');
    const gbk = new Uint8Array([
      ...utf8('<?xml version="1.0" encoding="GBK"?><a>'),
      0xd6,
      0xd0,
      ...utf8('</a>'),
    ]);
    expect(parseXml(gbk, '/a.xml').children[0]).toBe('中');
  });

  for (const [label, prefix] of [
    ['ofd: prefix', 'ofd'],
    ['another prefix', 'o'],
    ['default namespace', ''],
  ] as const) {
    it(`reads documents written with ${label}`, () => {
      const ofd = openOfd(makeOfd({}, prefix));
      expect(ofd.warnings).toEqual([]);
      expect(ofd.docInfo.title).toBe('T & 中');
      expect(ofd.docInfo.customDatas).toEqual([{ name: 'k', value: 'v' }]);
      expect(ofd.documents[0]!.document!.pages).toHaveLength(1);
      expect(flattenObjects(ofd.page(0)).map((o) => o.kind)).toEqual(['path', 'text']);
    });
  }

  it('element order is not assumed (DocRoot after Signatures, Pages before CommonData)', () => {
    const ofd = openOfd(
      makeOfd({
        'OFD.xml': `<OFD xmlns="${NS}"><DocBody><DocRoot>Doc_0/Document.xml</DocRoot><DocInfo><DocID>z</DocID></DocInfo></DocBody></OFD>`,
        'Doc_0/Document.xml': `<Document xmlns="${NS}"><Pages><Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></Pages><CommonData><PageArea><PhysicalBox>0 0 100 100</PhysicalBox></PageArea></CommonData></Document>`,
      }),
    );
    expect(ofd.docInfo.docId).toBe('z');
    expect(ofd.documents[0]!.document!.commonData.pageArea?.physicalBox.width).toBe(100);
  });

  it('a wrong namespace is reported', () => {
    const x = makeOfd({ 'OFD.xml': fromUtf8(makeOfdXml()).replace(NS, 'http://example.com/other') });
    expect(openOfd(x).warnings.map((w) => w.code)).toEqual(['OFD_XML_NAMESPACE']);
  });
});

function makeOfdXml(): Uint8Array {
  return OfdPackage.open(makeOfd()).read('/OFD.xml');
}

describe('ST_Loc resolution', () => {
  it('normalises relative, absolute and tolerated forms', () => {
    expect(normaliseLoc('Pages/Page_0/Content.xml', '/Doc_0/')).toEqual({
      path: '/Doc_0/Pages/Page_0/Content.xml',
      absolute: false,
      tolerated: [],
    });
    expect(normaliseLoc('/Doc_0/Document.xml', '/Doc_0/Signs/').path).toBe('/Doc_0/Document.xml');
    expect(normaliseLoc('../Res/a.png', '/Doc_0/Pages/').path).toBe('/Doc_0/Res/a.png');
    expect(normaliseLoc('//Doc_0/Document.xml', '/').tolerated).toEqual(['double-slash']);
    expect(normaliseLoc('Doc_0\\Document.xml', '/').tolerated).toEqual(['backslash']);
    expect(normaliseLoc('./Doc_0/Document.xml', '/').tolerated).toEqual(['dot-segment']);
    expect(codeOf(() => normaliseLoc('../../x', '/Doc_0/'))).toBe('ERR_OFD_LOC_ESCAPES');
  });

  const variants: [string, string, string[]][] = [
    ['relative', 'Doc_0/Document.xml', []],
    ['absolute', '/Doc_0/Document.xml', []],
    ['leading //', '//Doc_0/Document.xml', ['OFD_LOC_DOUBLE_SLASH']],
    ['backslashes', 'Doc_0\\Document.xml', ['OFD_LOC_BACKSLASH']],
    ['leading ./', './Doc_0/Document.xml', ['OFD_LOC_DOT_SEGMENT']],
    ['inner //', 'Doc_0//Document.xml', ['OFD_LOC_DOUBLE_SLASH']],
  ];
  for (const [label, loc, warnings] of variants) {
    it(`DocRoot ${label} (${loc}) resolves${warnings.length ? ' with a warning' : ''}`, () => {
      const x = fromUtf8(makeOfdXml()).replace('<ofd:DocRoot>Doc_0/Document.xml', `<ofd:DocRoot>${loc}`);
      const ofd = openOfd(makeOfd({ 'OFD.xml': x }));
      expect(ofd.documents[0]!.body.docRoot).toMatchObject({
        path: '/Doc_0/Document.xml',
        exists: true,
        loc,
      });
      expect(ofd.warnings.map((w) => w.code)).toEqual(warnings);
      expect(ofd.warnings.every((w) => w.part === '/OFD.xml')).toBe(true);
    });
  }

  it('a case-only mismatch is reported, not resolved', () => {
    const x = fromUtf8(makeOfdXml()).replace(
      '<ofd:DocRoot>Doc_0/Document.xml',
      '<ofd:DocRoot>doc_0/document.xml',
    );
    const ofd = openOfd(makeOfd({ 'OFD.xml': x }));
    expect(ofd.documents[0]!.body.docRoot).toMatchObject({ path: '/doc_0/document.xml', exists: false });
    expect(ofd.documents[0]!.document).toBeUndefined();
    expect(ofd.warnings[0]).toMatchObject({
      code: 'OFD_LOC_CASE_MISMATCH',
      details: { candidate: '/Doc_0/Document.xml' },
    });
  });

  it('a relative location that only exists from the root is resolved from the root, with a warning', () => {
    const doc = fromUtf8(OfdPackage.open(makeOfd()).read('/Doc_0/Document.xml')).replace(
      'BaseLoc="Pages/',
      'BaseLoc="Doc_0/Pages/',
    );
    const ofd = openOfd(makeOfd({ 'Doc_0/Document.xml': doc }));
    expect(ofd.documents[0]!.document!.pages[0]!.baseLoc).toMatchObject({
      path: '/Doc_0/Pages/Page_0/Content.xml',
      exists: true,
    });
    expect(ofd.warnings.map((w) => w.code)).toEqual(['OFD_LOC_ROOT_FALLBACK']);
  });

  it('a location climbing above the root is an error', () => {
    const x = fromUtf8(makeOfdXml()).replace(
      '<ofd:DocRoot>Doc_0/Document.xml',
      '<ofd:DocRoot>../Doc_0/Document.xml',
    );
    expect(codeOf(() => openOfd(makeOfd({ 'OFD.xml': x })))).toBe('ERR_OFD_LOC_ESCAPES');
  });
});

describe('damaged parts', () => {
  it('an unreadable Signature.xml becomes the signature error, not a crash', () => {
    const x = fromUtf8(makeOfdXml()).replace(
      '</ofd:DocRoot>',
      '</ofd:DocRoot><ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>',
    );
    const ofd = openOfd(
      makeOfd({
        'OFD.xml': x,
        'Doc_0/Signs/Signatures.xml': `<ofd:Signatures xmlns:ofd="${NS}"><ofd:Signature ID="1" BaseLoc="Sign_0/Signature.xml"/><ofd:Signature ID="2" Type="Sign" BaseLoc="Sign_1/Signature.xml"/></ofd:Signatures>`,
        'Doc_0/Signs/Sign_0/Signature.xml': '<ofd:Signature><broken',
      }),
    );
    expect(ofd.signatures.map((s) => [s.id, s.type, s.error?.code])).toEqual([
      ['1', 'Seal', 'ERR_OFD_XML_MALFORMED'],
      ['2', 'Sign', 'ERR_OFD_SIGNATURE_MISSING'],
    ]);
  });

  it('a missing OFD.xml is an error', () => {
    expect(codeOf(() => openOfd(makeOfd({ 'OFD.xml': null })))).toBe('ERR_OFD_PART_MISSING');
  });
});
