/**
 * Serialisation of PDF objects and the incremental-update writer (ISO 32000-1 §7.5.6): the original
 * bytes are kept untouched; new and changed objects are appended, followed by a cross-reference section
 * that lists only them and a trailer whose `/Prev` points at the previous section. When the previous
 * section is a cross-reference stream, the update is written as a cross-reference stream too
 * (§7.5.8), otherwise as a classic table, so that both older and newer readers accept the file.
 *
 * @module
 */
import { concatBytes } from '@gbkit/core';
import { pdfArgumentError } from './errors.js';
import {
  type PdfDict,
  type PdfObject,
  type PdfStream,
  pdfArray,
  pdfDict,
  pdfInt,
  pdfName,
} from './objects.js';
import type { PdfDocument } from './reader.js';

const enc = new TextEncoder();

function isRegularNameChar(c: number): boolean {
  return c > 0x20 && c < 0x7f && !'()<>[]{}/%#'.includes(String.fromCharCode(c));
}

/** Formats a number the way PDF expects (no exponent, at most 6 decimals). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n))
    throw pdfArgumentError('ERR_PDF_NUMBER', { zh: '数值必须有限', en: 'number must be finite' });
  if (Number.isInteger(n)) return String(n);
  let s = n.toFixed(6);
  s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** Serialises one object (streams include their data; `/Length` is set from the data). */
export function serializeObject(obj: PdfObject): Uint8Array {
  const parts: (string | Uint8Array)[] = [];
  write(obj, parts, 0);
  return concatBytes(...parts.map((p) => (typeof p === 'string' ? latin1Bytes(p) : p)));
}

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

function write(obj: PdfObject, out: (string | Uint8Array)[], depth: number): void {
  if (depth > 64)
    throw pdfArgumentError('ERR_PDF_DEPTH', { zh: '对象嵌套过深', en: 'object nesting too deep' });
  if (obj === null) {
    out.push('null');
    return;
  }
  if (typeof obj === 'boolean') {
    out.push(obj ? 'true' : 'false');
    return;
  }
  switch (obj.kind) {
    case 'number':
      out.push(formatNumber(obj.value));
      return;
    case 'name': {
      let s = '/';
      for (const ch of enc.encode(obj.value)) {
        s += isRegularNameChar(ch) ? String.fromCharCode(ch) : `#${ch.toString(16).padStart(2, '0')}`;
      }
      out.push(s);
      return;
    }
    case 'ref':
      out.push(`${obj.num} ${obj.gen} R`);
      return;
    case 'string': {
      if (obj.hex) {
        let s = '<';
        for (const b of obj.bytes) s += b.toString(16).padStart(2, '0');
        out.push(`${s}>`);
        return;
      }
      let s = '(';
      for (const b of obj.bytes) {
        if (b === 0x28 || b === 0x29 || b === 0x5c) s += `\\${String.fromCharCode(b)}`;
        else if (b === 0x0d) s += '\\r';
        else if (b === 0x0a) s += '\\n';
        else s += String.fromCharCode(b);
      }
      out.push(`${s})`);
      return;
    }
    case 'array':
      out.push('[');
      obj.items.forEach((it, i) => {
        if (i > 0) out.push(' ');
        write(it, out, depth + 1);
      });
      out.push(']');
      return;
    case 'dict':
      writeDict(obj, out, depth);
      return;
    case 'stream': {
      const d = new Map(obj.dict.entries);
      d.set('Length', pdfInt(obj.data.length));
      writeDict(pdfDict(d), out, depth);
      out.push('\nstream\n');
      out.push(obj.data);
      out.push('\nendstream');
      return;
    }
  }
}

function writeDict(d: PdfDict, out: (string | Uint8Array)[], depth: number): void {
  out.push('<<');
  for (const [k, v] of d.entries) {
    write(pdfName(k), out, depth + 1);
    out.push(' ');
    write(v, out, depth + 1);
    out.push('\n');
  }
  out.push('>>');
}

/** Makes a stream object from a dictionary record and data. */
export function pdfStream(dict: Record<string, PdfObject | undefined>, data: Uint8Array): PdfStream {
  return { kind: 'stream', dict: pdfDict(dict), data, dataStart: -1 };
}

/** One object written by an incremental update. */
export interface UpdateObject {
  readonly num: number;
  /** Generation (0 for new objects; keep the old one when replacing). */
  readonly gen?: number;
  /** The object, or its already serialised body (between `obj` and `endobj`). */
  readonly value: PdfObject | Uint8Array;
}

/** The result of {@link writeIncrementalUpdate}. */
export interface IncrementalUpdateResult {
  /** The whole new file: original bytes followed by the update. */
  readonly bytes: Uint8Array;
  /** For each written object number: the offset of its body (just after `num gen obj⏎`). */
  readonly bodyOffsets: ReadonlyMap<number, number>;
  /** Offset of the new cross-reference section. */
  readonly xrefOffset: number;
}

/**
 * Appends an incremental update to `doc`'s bytes: the given objects, a cross-reference section (a
 * table, or a stream when the previous section is a stream), and a trailer with `/Prev`, `/Size`,
 * `/Root`, `/Info`, `/ID` carried over. The original bytes are not modified.
 *
 * @example
 * ```ts
 * import { parsePdf, writeIncrementalUpdate, pdfDict, pdfName } from '@gbkit/e-seal';
 * declare const bytes: Uint8Array;
 * const doc = parsePdf(bytes);
 * const n = doc.size;
 * const updated = writeIncrementalUpdate(doc, [{ num: n, value: pdfDict({ Type: pdfName('Example') }) }]);
 * parsePdf(updated.bytes).getObject(n); // the new dictionary
 * ```
 */
export function writeIncrementalUpdate(
  doc: PdfDocument,
  objects: readonly UpdateObject[],
  options: { xrefStream?: boolean } = {},
): IncrementalUpdateResult {
  const orig = doc.bytes;
  const parts: Uint8Array[] = [orig];
  let pos = orig.length;
  const push = (b: Uint8Array): void => {
    parts.push(b);
    pos += b.length;
  };
  const last = orig[orig.length - 1];
  if (last !== 0x0a && last !== 0x0d) push(enc.encode('\n'));
  const offsets = new Map<number, { offset: number; gen: number }>();
  const bodyOffsets = new Map<number, number>();
  for (const o of objects) {
    if (!Number.isInteger(o.num) || o.num <= 0) {
      throw pdfArgumentError('ERR_PDF_OBJECT_NUMBER', {
        zh: `对象号 ${o.num} 无效`,
        en: `invalid object number ${o.num}`,
      });
    }
    const gen = o.gen ?? 0;
    offsets.set(o.num, { offset: pos, gen });
    const head = enc.encode(`${o.num} ${gen} obj\n`);
    push(head);
    bodyOffsets.set(o.num, pos);
    push(o.value instanceof Uint8Array ? o.value : serializeObject(o.value));
    push(enc.encode('\nendobj\n'));
  }
  const prevSection = doc.sections.find((s) => !s.hybridPart);
  const useStream = options.xrefStream ?? prevSection?.kind === 'stream';
  let size = doc.size;
  for (const n of offsets.keys()) if (n + 1 > size) size = n + 1;
  const carried: Record<string, PdfObject | undefined> = {};
  for (const k of ['Root', 'Info', 'ID', 'Encrypt']) carried[k] = doc.trailer.entries.get(k);
  const prev = doc.startxref >= 0 ? pdfInt(doc.startxref) : undefined;
  const xrefOffset = pos;
  if (useStream) {
    const xrefNum = size;
    size += 1;
    offsets.set(xrefNum, { offset: xrefOffset, gen: 0 });
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    const index: number[] = [];
    const rows: number[] = [];
    for (const [start, count] of runs(nums)) {
      index.push(start, count);
      for (let n = start; n < start + count; n++) {
        const e = offsets.get(n) as { offset: number; gen: number };
        rows.push(
          1,
          (e.offset >>> 24) & 0xff,
          (e.offset >>> 16) & 0xff,
          (e.offset >>> 8) & 0xff,
          e.offset & 0xff,
          (e.gen >> 8) & 0xff,
          e.gen & 0xff,
        );
      }
    }
    if (pos > 0xffffffff)
      throw pdfArgumentError('ERR_PDF_TOO_LARGE', { zh: '文件超过 4 GiB', en: 'file larger than 4 GiB' });
    const stream = pdfStream(
      {
        Type: pdfName('XRef'),
        Size: pdfInt(size),
        Index: pdfArray(index.map(pdfInt)),
        W: pdfArray([pdfInt(1), pdfInt(4), pdfInt(2)]),
        ...carried,
        Prev: prev,
      },
      Uint8Array.from(rows),
    );
    push(enc.encode(`${xrefNum} 0 obj\n`));
    push(serializeObject(stream));
    push(enc.encode('\nendobj\n'));
  } else {
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    let s = 'xref\n';
    for (const [start, count] of runs(nums)) {
      s += `${start} ${count}\n`;
      for (let n = start; n < start + count; n++) {
        const e = offsets.get(n) as { offset: number; gen: number };
        s += `${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`;
      }
    }
    push(enc.encode(s));
    push(enc.encode('trailer\n'));
    push(serializeObject(pdfDict({ Size: pdfInt(size), ...carried, Prev: prev })));
    push(enc.encode('\n'));
  }
  push(enc.encode(`startxref\n${xrefOffset}\n%%EOF\n`));
  return { bytes: concatBytes(...parts), bodyOffsets, xrefOffset };
}

function runs(sorted: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of sorted) {
    const lastRun = out[out.length - 1];
    if (lastRun && lastRun[0] + lastRun[1] === n) lastRun[1]++;
    else out.push([n, 1]);
  }
  return out;
}
