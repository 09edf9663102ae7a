/**
 * A minimal, bounded PDF reader for signature work (ISO 32000-1 §7.5 file structure, §7.5.6 incremental
 * updates, §7.5.8 cross-reference streams): it follows `startxref` to classic cross-reference tables,
 * cross-reference streams and hybrid files (`/XRefStm`), walks the `/Prev` chain without ever looping,
 * looks objects up (also inside object streams), and records every revision (each `%%EOF`) and which
 * objects each update section defines. When the cross-reference data is unusable it rebuilds a table by
 * scanning for `n g obj` and says so in {@link PdfDocument.warnings}.
 *
 * @module
 */
import { pdfFormatError, pdfLimitError } from './errors.js';
import { decodeStream } from './filters.js';
import {
  isArray,
  isDict,
  isRef,
  isStream,
  nameOf,
  numberOf,
  type PdfDict,
  type PdfObject,
  type PdfRef,
  type PdfStream,
} from './objects.js';
import { indexOfAscii, isWhite, lastIndexOfAscii, latin1, PdfLexer } from './syntax.js';

/** One cross-reference entry (§7.5.4 / Table 18). */
export interface XrefEntry {
  /** 0 = free, 1 = in use at `offset`, 2 = compressed in object stream `streamNum` at `index`. */
  readonly type: 0 | 1 | 2;
  readonly offset: number;
  readonly gen: number;
  readonly streamNum?: number;
  readonly index?: number;
}

/** One cross-reference section with its trailer, in the order of the `/Prev` chain. */
export interface XrefSection {
  /** Byte offset of the `xref` keyword or of the cross-reference stream object. */
  readonly offset: number;
  readonly kind: 'table' | 'stream';
  /** The trailer dictionary (for a stream: the stream dictionary). */
  readonly trailer: PdfDict;
  /** Entries defined by this section (object number → entry). */
  readonly entries: ReadonlyMap<number, XrefEntry>;
  /** For a cross-reference stream: its own object number. */
  readonly streamObjectNumber?: number;
  /** True for the `/XRefStm` part of a hybrid-reference file. */
  readonly hybridPart?: boolean;
}

/** One revision: the bytes from the start of the file to the end of one `%%EOF` line. */
export interface PdfRevision {
  /** 0 for the original document, 1 for the first incremental update … */
  readonly index: number;
  /** Offset just after `%%EOF` and its end-of-line marker. */
  readonly end: number;
  /** Object numbers whose cross-reference entries were written in this revision's update sections. */
  readonly objects: readonly number[];
}

/** Options of {@link parsePdf}. */
export interface ParsePdfOptions {
  /** Maximum cross-reference sections followed through `/Prev` (default 1,000). */
  readonly maxSections?: number;
  /** Maximum number of objects in the cross-reference (default 5,000,000). */
  readonly maxObjects?: number;
}

/** A parsed PDF: cross-reference, trailer, revisions and lazy object lookup. */
export class PdfDocument {
  /** Header version, e.g. `1.4`. */
  readonly version: string;
  /** Sections from newest to oldest (the `/Prev` chain order). */
  readonly sections: readonly XrefSection[];
  /** The newest trailer (merged with older trailers for keys the newest one lacks, as readers do). */
  readonly trailer: PdfDict;
  /** Revisions from oldest to newest. */
  readonly revisions: readonly PdfRevision[];
  /** Problems tolerated while reading (rebuilt cross-reference, bad offsets). */
  readonly warnings: string[] = [];
  /** The offset named by the last `startxref`. */
  readonly startxref: number;

  private readonly xref = new Map<number, XrefEntry>();
  private readonly cache = new Map<number, PdfObject>();
  private readonly objStmCache = new Map<number, { data: Uint8Array; offsets: number[]; first: number }>();
  private readonly resolving = new Set<number>();

  constructor(
    readonly bytes: Uint8Array,
    options: ParsePdfOptions = {},
  ) {
    const maxSections = options.maxSections ?? 1000;
    const maxObjects = options.maxObjects ?? 5_000_000;
    const head = indexOfAscii(bytes, '%PDF-', 0, Math.min(bytes.length, 1024));
    if (head < 0) {
      throw pdfFormatError(
        'ERR_PDF_HEADER',
        { zh: '文件开头 1024 字节内没有 %PDF- 头', en: 'no %PDF- header in the first 1024 bytes' },
        0,
      );
    }
    if (head > 0) this.warnings.push(`${head} bytes before the %PDF- header`);
    this.version = latin1(bytes, head + 5, Math.min(bytes.length, head + 8));

    const sections: XrefSection[] = [];
    let startxref = -1;
    try {
      startxref = findStartxref(bytes);
      const seen = new Set<number>();
      let next: number | undefined = startxref;
      while (next !== undefined) {
        if (seen.has(next)) {
          this.warnings.push(`cyclic /Prev chain at offset ${next}`);
          break;
        }
        if (sections.length >= maxSections)
          throw pdfLimitError('cross-reference sections', maxSections, next);
        seen.add(next);
        const section = this.readSection(next);
        sections.push(section);
        const stm = numberOf(section.trailer.entries.get('XRefStm'));
        if (section.kind === 'table' && stm !== undefined && !seen.has(stm)) {
          seen.add(stm);
          const hs = this.readSection(stm);
          sections.push({ ...hs, hybridPart: true });
        }
        const prev = numberOf(section.trailer.entries.get('Prev'));
        next = prev;
      }
    } catch (e) {
      if (e instanceof Error && 'code' in e && (e as { code: string }).code === 'ERR_PDF_LIMIT') throw e;
      this.warnings.push(
        `cross-reference unusable (${e instanceof Error ? e.message : String(e)}); rebuilt by scanning objects`,
      );
      sections.length = 0;
      sections.push(this.reconstruct());
    }
    this.sections = sections;
    this.startxref = startxref;

    // Merge: newest first wins; within a hybrid revision, the table comes before its XRefStm.
    for (const s of sections) {
      for (const [num, entry] of s.entries) {
        if (!this.xref.has(num)) this.xref.set(num, entry);
        if (this.xref.size > maxObjects) throw pdfLimitError('objects', maxObjects);
      }
    }
    const merged = new Map<string, PdfObject>();
    for (let i = sections.length - 1; i >= 0; i--) {
      for (const [k, v] of (sections[i] as XrefSection).trailer.entries) merged.set(k, v);
    }
    for (const k of ['Prev', 'XRefStm', 'Type', 'W', 'Index', 'Length', 'Filter', 'DecodeParms'])
      merged.delete(k);
    this.trailer = { kind: 'dict', entries: merged, start: -1, end: -1 };
    if (!isRef(merged.get('Root'))) {
      throw pdfFormatError(
        'ERR_PDF_NO_ROOT',
        { zh: '尾部字典没有 /Root', en: 'trailer has no /Root' },
        startxref,
      );
    }
    this.revisions = computeRevisions(bytes, sections);
  }

  /** Object numbers currently in use. */
  objectNumbers(): number[] {
    return [...this.xref.entries()].filter(([, e]) => e.type !== 0).map(([n]) => n);
  }

  /** The cross-reference entry of an object, if any. */
  entry(num: number): XrefEntry | undefined {
    return this.xref.get(num);
  }

  /** The highest object number plus one (at least the trailer's `/Size`). */
  get size(): number {
    let max = numberOf(this.trailer.entries.get('Size')) ?? 0;
    for (const n of this.xref.keys()) if (n + 1 > max) max = n + 1;
    return max;
  }

  /** Looks up an indirect object; a missing or free object is `null` (§7.3.10). */
  getObject(num: number): PdfObject {
    if (this.cache.has(num)) return this.cache.get(num) as PdfObject;
    const e = this.xref.get(num);
    if (!e || e.type === 0) return null;
    if (this.resolving.has(num)) {
      throw pdfFormatError(
        'ERR_PDF_CYCLE',
        { zh: `对象 ${num} 循环引用自身`, en: `object ${num} refers to itself while being read` },
        e.offset,
      );
    }
    if (this.resolving.size > 32) throw pdfLimitError('nested object resolution', 32, e.offset);
    this.resolving.add(num);
    try {
      const obj =
        e.type === 1
          ? this.readObjectAt(e.offset, num)
          : this.readCompressed(e.streamNum as number, e.index as number, num);
      this.cache.set(num, obj);
      return obj;
    } finally {
      this.resolving.delete(num);
    }
  }

  /** Follows a reference (once); other objects are returned as they are. */
  resolve(obj: PdfObject | undefined): PdfObject {
    if (obj === undefined) return null;
    return isRef(obj) ? this.getObject(obj.num) : obj;
  }

  /** A dictionary entry, resolved. */
  get(dict: PdfDict, key: string): PdfObject {
    return this.resolve(dict.entries.get(key));
  }

  /** The document catalog. */
  get catalog(): PdfDict {
    const root = this.resolve(this.trailer.entries.get('Root'));
    if (!isDict(root))
      throw pdfFormatError('ERR_PDF_NO_ROOT', {
        zh: '文档目录 /Root 不是字典',
        en: 'document catalog /Root is not a dictionary',
      });
    return root;
  }

  /** References of all page objects in document order (page tree walk, bounded and cycle-safe). */
  pageRefs(): PdfRef[] {
    const out: PdfRef[] = [];
    const seen = new Set<number>();
    const root = this.catalog.entries.get('Pages');
    const walk = (ref: PdfObject | undefined, depth: number): void => {
      if (!isRef(ref) || seen.has(ref.num) || depth > 64) return;
      seen.add(ref.num);
      const node = this.getObject(ref.num);
      if (!isDict(node)) return;
      const type = nameOf(node.entries.get('Type'));
      const kids = this.resolve(node.entries.get('Kids'));
      if (type === 'Pages' || (type === undefined && isArray(kids))) {
        if (isArray(kids)) for (const k of kids.items) walk(k, depth + 1);
      } else out.push(ref);
    };
    walk(root, 0);
    return out;
  }

  /** Parses the object `num gen obj … endobj` at `offset`. */
  private readObjectAt(offset: number, expectNum: number): PdfObject {
    const b = this.bytes;
    if (offset < 0 || offset >= b.length) {
      throw pdfFormatError(
        'ERR_PDF_XREF_OFFSET',
        { zh: `对象 ${expectNum} 的偏移越界`, en: `offset of object ${expectNum} is outside the file` },
        offset,
      );
    }
    const lx = new PdfLexer(b, offset);
    const num = lx.readUint();
    const gen = lx.readUint();
    if (num !== expectNum || gen === undefined) {
      throw pdfFormatError(
        'ERR_PDF_XREF_OFFSET',
        {
          zh: `交叉引用指向的偏移处不是对象 ${expectNum}`,
          en: `cross-reference offset does not point at object ${expectNum}`,
        },
        offset,
      );
    }
    lx.expectKeyword('obj');
    return lx.parseObject(0, true, (n) => numberOf(this.getObject(n)));
  }

  private readCompressed(streamNum: number, index: number, num: number): PdfObject {
    let os = this.objStmCache.get(streamNum);
    if (!os) {
      const e = this.xref.get(streamNum);
      if (e?.type !== 1) {
        throw pdfFormatError('ERR_PDF_OBJSTM', {
          zh: `对象流 ${streamNum} 不存在`,
          en: `object stream ${streamNum} not found`,
        });
      }
      const s = this.getObject(streamNum);
      if (!isStream(s))
        throw pdfFormatError(
          'ERR_PDF_OBJSTM',
          { zh: `对象 ${streamNum} 不是对象流`, en: `object ${streamNum} is not an object stream` },
          e.offset,
        );
      const data = decodeStream(s);
      const n = numberOf(s.dict.entries.get('N')) ?? 0;
      const first = numberOf(s.dict.entries.get('First')) ?? 0;
      if (n < 0 || n > data.length || first < 0 || first > data.length) {
        throw pdfFormatError(
          'ERR_PDF_OBJSTM',
          { zh: '对象流 /N 或 /First 无效', en: 'object stream /N or /First invalid' },
          e.offset,
        );
      }
      const lx = new PdfLexer(data, 0, first);
      const offsets: number[] = [];
      for (let i = 0; i < n; i++) {
        const on = lx.readUint();
        const off = lx.readUint();
        if (on === undefined || off === undefined) break;
        offsets[i * 2] = on;
        offsets[i * 2 + 1] = off;
      }
      os = { data, offsets, first };
      this.objStmCache.set(streamNum, os);
    }
    let idx = index;
    if (os.offsets[idx * 2] !== num) {
      // tolerate a wrong index: find the object by number
      idx = -1;
      for (let i = 0; i < os.offsets.length; i += 2) if (os.offsets[i] === num) idx = i / 2;
      if (idx < 0) return null;
    }
    const lx = new PdfLexer(os.data, os.first + (os.offsets[idx * 2 + 1] as number));
    return lx.parseObject(0, false);
  }

  private readSection(offset: number): XrefSection {
    const b = this.bytes;
    if (offset < 0 || offset >= b.length) {
      throw pdfFormatError(
        'ERR_PDF_STARTXREF',
        { zh: '交叉引用偏移越界', en: 'cross-reference offset outside the file' },
        offset,
      );
    }
    const lx = new PdfLexer(b, offset);
    lx.skipWs();
    const at = lx.pos;
    if (lx.peekKeyword() === 'xref') {
      lx.expectKeyword('xref');
      const entries = new Map<number, XrefEntry>();
      for (;;) {
        const save = lx.pos;
        const start = lx.readUint();
        if (start === undefined) {
          lx.pos = save;
          break;
        }
        const count = lx.readUint();
        if (count === undefined || count > (b.length - lx.pos) / 18 + 1) {
          throw pdfFormatError(
            'ERR_PDF_XREF',
            { zh: '交叉引用子节头无效', en: 'invalid cross-reference subsection header' },
            save,
          );
        }
        for (let i = 0; i < count; i++) {
          const off = lx.readUint();
          const gen = lx.readUint();
          lx.skipWs();
          const kwAt = lx.pos;
          const kw = lx.regular();
          if (off === undefined || gen === undefined || (kw !== 'n' && kw !== 'f')) {
            throw pdfFormatError(
              'ERR_PDF_XREF',
              { zh: '交叉引用条目无效', en: 'invalid cross-reference entry' },
              kwAt,
            );
          }
          const num = start + i;
          if (!entries.has(num))
            entries.set(num, kw === 'n' ? { type: 1, offset: off, gen } : { type: 0, offset: off, gen });
        }
      }
      lx.expectKeyword('trailer');
      const trailer = lx.parseObject(0, false);
      if (!isDict(trailer))
        throw pdfFormatError(
          'ERR_PDF_TRAILER',
          { zh: 'trailer 后不是字典', en: 'trailer is not a dictionary' },
          lx.pos,
        );
      // object 0 entries with offset 0 in an update section are harmless; drop a bogus "0 … n"
      return { offset: at, kind: 'table', trailer, entries };
    }
    // cross-reference stream
    const num = lx.readUint();
    const gen = lx.readUint();
    if (num === undefined || gen === undefined) {
      throw pdfFormatError(
        'ERR_PDF_STARTXREF',
        {
          zh: 'startxref 未指向 xref 表或交叉引用流',
          en: 'startxref points at neither an xref table nor an xref stream',
        },
        at,
      );
    }
    lx.expectKeyword('obj');
    const obj = lx.parseObject(0, true, (n) => numberOf(this.getObject(n)));
    if (!isStream(obj) || nameOf(obj.dict.entries.get('Type')) !== 'XRef') {
      throw pdfFormatError(
        'ERR_PDF_XREF',
        { zh: '交叉引用流的 /Type 不是 /XRef', en: 'cross-reference stream without /Type /XRef' },
        at,
      );
    }
    return {
      offset: at,
      kind: 'stream',
      trailer: obj.dict,
      entries: parseXrefStream(obj),
      streamObjectNumber: num,
    };
  }

  /** Rebuilds a cross-reference by scanning for `n g obj` (§ "repair", as viewers do). */
  private reconstruct(): XrefSection {
    const b = this.bytes;
    const entries = new Map<number, XrefEntry>();
    let trailer: PdfDict | undefined;
    for (let i = indexOfAscii(b, 'obj'); i >= 0; i = indexOfAscii(b, 'obj', i + 3)) {
      // walk back over "num gen "
      let j = i - 1;
      while (j >= 0 && isWhite(b[j])) j--;
      const genEnd = j + 1;
      while (j >= 0 && (b[j] as number) >= 0x30 && (b[j] as number) <= 0x39) j--;
      const genStart = j + 1;
      if (genStart === genEnd) continue;
      while (j >= 0 && isWhite(b[j])) j--;
      const numEnd = j + 1;
      while (j >= 0 && (b[j] as number) >= 0x30 && (b[j] as number) <= 0x39) j--;
      const numStart = j + 1;
      if (numStart === numEnd || numEnd === genStart) continue;
      const num = Number(latin1(b, numStart, numEnd));
      const gen = Number(latin1(b, genStart, genEnd));
      entries.set(num, { type: 1, offset: numStart, gen });
    }
    for (let t = lastIndexOfAscii(b, 'trailer'); t >= 0 && !trailer; t = lastIndexOfAscii(b, 'trailer', t)) {
      try {
        const lx = new PdfLexer(b, t + 7);
        const d = lx.parseObject(0, false);
        if (isDict(d) && isRef(d.entries.get('Root'))) trailer = d;
      } catch {
        /* keep looking */
      }
    }
    if (!trailer) {
      // an xref stream dictionary with /Root (newest first)
      const nums = [...entries.entries()].sort((x, y) => y[1].offset - x[1].offset);
      for (const [num, e] of nums) {
        try {
          const lx = new PdfLexer(b, e.offset);
          lx.readUint();
          lx.readUint();
          lx.expectKeyword('obj');
          const o = lx.parseObject(0, true);
          if (
            isStream(o) &&
            nameOf(o.dict.entries.get('Type')) === 'XRef' &&
            isRef(o.dict.entries.get('Root'))
          ) {
            trailer = o.dict;
            for (const [n2, e2] of parseXrefStream(o))
              if (e2.type === 2 && !entries.has(n2)) entries.set(n2, e2);
            void num;
            break;
          }
        } catch {
          /* skip */
        }
      }
    }
    if (!trailer) {
      throw pdfFormatError('ERR_PDF_NO_TRAILER', {
        zh: '找不到可用的尾部字典',
        en: 'no usable trailer found',
      });
    }
    return { offset: -1, kind: 'table', trailer, entries };
  }
}

/** Parses a PDF. Throws a typed error (`ERR_PDF_…`) with a byte offset when it cannot. */
export function parsePdf(bytes: Uint8Array, options?: ParsePdfOptions): PdfDocument {
  return new PdfDocument(bytes, options);
}

/** Finds the offset named by the last `startxref` (searched in the last 4 KiB, then in the whole file). */
export function findStartxref(bytes: Uint8Array): number {
  let at = lastIndexOfAscii(bytes, 'startxref', bytes.length, Math.max(0, bytes.length - 4096));
  if (at < 0) at = lastIndexOfAscii(bytes, 'startxref');
  if (at < 0)
    throw pdfFormatError(
      'ERR_PDF_STARTXREF',
      { zh: '找不到 startxref', en: 'startxref not found' },
      bytes.length,
    );
  const lx = new PdfLexer(bytes, at + 9);
  const off = lx.readUint();
  if (off === undefined)
    throw pdfFormatError(
      'ERR_PDF_STARTXREF',
      { zh: 'startxref 后没有偏移数字', en: 'no offset after startxref' },
      at,
    );
  return off;
}

function parseXrefStream(s: PdfStream): Map<number, XrefEntry> {
  const dict = s.dict;
  const w = dict.entries.get('W');
  if (!isArray(w) || w.items.length !== 3) {
    throw pdfFormatError(
      'ERR_PDF_XREF',
      { zh: '交叉引用流 /W 无效', en: 'invalid /W in a cross-reference stream' },
      s.dataStart,
    );
  }
  const widths = w.items.map((x) => numberOf(x) ?? -1);
  if (widths.some((x) => x < 0 || x > 8)) {
    throw pdfFormatError(
      'ERR_PDF_XREF',
      { zh: '交叉引用流 /W 无效', en: 'invalid /W in a cross-reference stream' },
      s.dataStart,
    );
  }
  const [w0, w1, w2] = widths as [number, number, number];
  const rowLen = w0 + w1 + w2;
  const size = numberOf(dict.entries.get('Size')) ?? 0;
  const idx = dict.entries.get('Index');
  const ranges: number[] = isArray(idx) ? idx.items.map((x) => numberOf(x) ?? 0) : [0, size];
  const data = decodeStream(s);
  const entries = new Map<number, XrefEntry>();
  if (rowLen === 0) return entries;
  let p = 0;
  const field = (width: number, dflt: number): number => {
    if (width === 0) return dflt;
    let v = 0;
    for (let k = 0; k < width; k++) v = v * 256 + (data[p++] as number);
    return v;
  };
  for (let r = 0; r + 1 < ranges.length; r += 2) {
    const start = ranges[r] as number;
    const count = ranges[r + 1] as number;
    for (let i = 0; i < count; i++) {
      if (p + rowLen > data.length) return entries;
      const type = field(w0, 1);
      const f2 = field(w1, 0);
      const f3 = field(w2, 0);
      const num = start + i;
      if (entries.has(num)) continue;
      if (type === 1) entries.set(num, { type: 1, offset: f2, gen: f3 });
      else if (type === 2) entries.set(num, { type: 2, offset: -1, gen: 0, streamNum: f2, index: f3 });
      else if (type === 0) entries.set(num, { type: 0, offset: f2, gen: f3 });
    }
  }
  return entries;
}

/** Every `%%EOF` marks the end of a revision; objects of a section belong to the first revision ending after it. */
function computeRevisions(bytes: Uint8Array, sections: readonly XrefSection[]): PdfRevision[] {
  const ends: number[] = [];
  for (let i = indexOfAscii(bytes, '%%EOF'); i >= 0; i = indexOfAscii(bytes, '%%EOF', i + 5)) {
    let e = i + 5;
    if (bytes[e] === 0x0d) e++;
    if (bytes[e] === 0x0a) e++;
    ends.push(e);
  }
  return ends.map((end, index) => {
    const prevEnd = index === 0 ? 0 : (ends[index - 1] as number);
    const objects: number[] = [];
    for (const s of sections) {
      if (s.offset >= prevEnd && s.offset < end) for (const n of s.entries.keys()) objects.push(n);
    }
    return { index, end, objects: [...new Set(objects)].sort((a, b) => a - b) };
  });
}
