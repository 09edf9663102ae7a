/**
 * The PDF object model (ISO 32000-1 §7.3, GB/T 32010.1 §7.3): the eight basic object types plus
 * indirect references, as far as signature handling needs them. Every composite object parsed from a
 * file keeps its byte offsets (`start`, `end`) so that a verifier can check exactly which bytes a
 * `/ByteRange` leaves out, and a writer can serialise objects it builds or copies.
 *
 * @module
 */

/** A PDF name object (`/Type`), stored decoded (`#xx` escapes resolved). */
export interface PdfName {
  readonly kind: 'name';
  readonly value: string;
}

/** A PDF string, literal `( … )` or hexadecimal `< … >`, with its decoded bytes and its position. */
export interface PdfString {
  readonly kind: 'string';
  readonly bytes: Uint8Array;
  /** True for a hexadecimal string `<…>`. */
  readonly hex: boolean;
  /** Offset of the opening `(` or `<` (−1 for strings built in memory). */
  readonly start: number;
  /** Offset just after the closing `)` or `>` (−1 for strings built in memory). */
  readonly end: number;
}

/** An indirect reference `num gen R`. */
export interface PdfRef {
  readonly kind: 'ref';
  readonly num: number;
  readonly gen: number;
}

/** A PDF array. */
export interface PdfArray {
  readonly kind: 'array';
  readonly items: PdfObject[];
  readonly start: number;
  readonly end: number;
}

/** A PDF dictionary; keys are names without the slash. */
export interface PdfDict {
  readonly kind: 'dict';
  readonly entries: Map<string, PdfObject>;
  readonly start: number;
  readonly end: number;
}

/** A stream: its dictionary and the raw (still encoded) data. */
export interface PdfStream {
  readonly kind: 'stream';
  readonly dict: PdfDict;
  /** The encoded bytes between `stream⏎` and `endstream`. */
  readonly data: Uint8Array;
  /** Offset of the first data byte in the file (−1 when built in memory). */
  readonly dataStart: number;
}

/** A real or integer number. `int` is false for numbers written with a decimal point. */
export interface PdfNumber {
  readonly kind: 'number';
  readonly value: number;
  readonly int: boolean;
}

/** Any PDF object. `null` is the PDF null object; booleans are JavaScript booleans. */
export type PdfObject =
  | PdfName
  | PdfString
  | PdfRef
  | PdfArray
  | PdfDict
  | PdfStream
  | PdfNumber
  | boolean
  | null;

/** Makes a name object. */
export function pdfName(value: string): PdfName {
  return { kind: 'name', value };
}

/** Makes an integer number object. */
export function pdfInt(value: number): PdfNumber {
  return { kind: 'number', value: Math.trunc(value), int: true };
}

/** Makes a real number object. */
export function pdfReal(value: number): PdfNumber {
  return { kind: 'number', value, int: Number.isInteger(value) };
}

/** Makes a reference object. */
export function pdfRef(num: number, gen = 0): PdfRef {
  return { kind: 'ref', num, gen };
}

/** Makes a literal string object from bytes (or a text, encoded as PDFDocEncoding/UTF-16BE as needed). */
export function pdfString(value: Uint8Array | string, hex = false): PdfString {
  const bytes = typeof value === 'string' ? encodeTextString(value) : value;
  return { kind: 'string', bytes, hex, start: -1, end: -1 };
}

/** Makes an array object. */
export function pdfArray(items: PdfObject[]): PdfArray {
  return { kind: 'array', items, start: -1, end: -1 };
}

/** Makes a dictionary object from a record (undefined values are left out). */
export function pdfDict(entries: Record<string, PdfObject | undefined> | Map<string, PdfObject>): PdfDict {
  const map = new Map<string, PdfObject>();
  const it = entries instanceof Map ? entries.entries() : Object.entries(entries);
  for (const [k, v] of it) if (v !== undefined) map.set(k, v);
  return { kind: 'dict', entries: map, start: -1, end: -1 };
}

/**
 * Encodes a PDF text string (ISO 32000-1 §7.9.2.2): ASCII printable text stays single-byte,
 * anything else becomes UTF-16BE with a byte-order mark.
 */
export function encodeTextString(text: string): Uint8Array {
  if (/^[\x20-\x7e]*$/.test(text)) {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xfe;
  out[1] = 0xff;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = c >> 8;
    out[3 + 2 * i] = c & 0xff;
  }
  return out;
}

/** Decodes a PDF text string: UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding (read as Latin-1). */
export function decodeTextString(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < bytes.length; i += 2)
      s += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
    return s;
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder().decode(bytes.subarray(3));
  }
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/** Type guards and accessors used across the PDF module. */
export function isDict(o: PdfObject | undefined): o is PdfDict {
  return typeof o === 'object' && o !== null && o.kind === 'dict';
}
/** True for a stream object. */
export function isStream(o: PdfObject | undefined): o is PdfStream {
  return typeof o === 'object' && o !== null && o.kind === 'stream';
}
/** True for an array object. */
export function isArray(o: PdfObject | undefined): o is PdfArray {
  return typeof o === 'object' && o !== null && o.kind === 'array';
}
/** True for a reference. */
export function isRef(o: PdfObject | undefined): o is PdfRef {
  return typeof o === 'object' && o !== null && o.kind === 'ref';
}
/** The value of a name object, else undefined. */
export function nameOf(o: PdfObject | undefined): string | undefined {
  return typeof o === 'object' && o !== null && o.kind === 'name' ? o.value : undefined;
}
/** The value of a number object, else undefined. */
export function numberOf(o: PdfObject | undefined): number | undefined {
  return typeof o === 'object' && o !== null && o.kind === 'number' ? o.value : undefined;
}
/** The string object, else undefined. */
export function stringOf(o: PdfObject | undefined): PdfString | undefined {
  return typeof o === 'object' && o !== null && o.kind === 'string' ? o : undefined;
}
