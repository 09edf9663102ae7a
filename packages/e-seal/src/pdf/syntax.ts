/**
 * The PDF lexer and object parser (ISO 32000-1 §7.2 lexical conventions, §7.3 objects): white-space
 * and comments are skipped anywhere, names decode `#xx`, literal strings handle nesting and escapes,
 * hexadecimal strings tolerate white-space and an odd digit count. Parsing is bounded: nesting depth
 * and string lengths are limited, and every error carries the byte offset where it happened.
 *
 * @module
 */
import { pdfFormatError, pdfLimitError } from './errors.js';
import type { PdfArray, PdfDict, PdfObject, PdfStream } from './objects.js';

const WS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

/** True for PDF white-space bytes (NUL, TAB, LF, FF, CR, SP). */
export function isWhite(c: number | undefined): boolean {
  return c !== undefined && WS[c] === 1;
}
/** True for PDF delimiter bytes. */
export function isDelimiter(c: number | undefined): boolean {
  return c !== undefined && DELIM[c] === 1;
}
function isRegular(c: number | undefined): boolean {
  return c !== undefined && WS[c] === 0 && DELIM[c] === 0;
}

/** Maximum nesting of arrays and dictionaries accepted by the parser. */
export const MAX_PDF_DEPTH = 64;

/** Resolves the length of a stream when `/Length` is an indirect reference. */
export type LengthResolver = (num: number, gen: number) => number | undefined;

/** A cursor over PDF bytes. */
export class PdfLexer {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    pos = 0,
    readonly end = bytes.length,
  ) {
    this.pos = pos;
  }

  /** Skips white-space and comments. */
  skipWs(): void {
    const b = this.bytes;
    while (this.pos < this.end) {
      const c = b[this.pos] as number;
      if (WS[c]) this.pos++;
      else if (c === 0x25) {
        while (this.pos < this.end && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  /** Reads a run of regular characters (a keyword or number) without skipping white-space first. */
  regular(): string {
    const start = this.pos;
    while (this.pos < this.end && isRegular(this.bytes[this.pos])) this.pos++;
    return latin1(this.bytes, start, this.pos);
  }

  /** Peeks the next keyword after white-space without consuming it. */
  peekKeyword(): string {
    const save = this.pos;
    this.skipWs();
    const k = this.regular();
    this.pos = save;
    return k;
  }

  /** Consumes `kw` (after white-space) or throws. */
  expectKeyword(kw: string): void {
    this.skipWs();
    const at = this.pos;
    const k = this.regular();
    if (k !== kw) {
      throw pdfFormatError(
        'ERR_PDF_SYNTAX',
        {
          zh: `此处应为关键字 ${kw}，实际为 “${k.slice(0, 20)}”`,
          en: `expected keyword ${kw}, found "${k.slice(0, 20)}"`,
        },
        at,
      );
    }
  }

  /** Reads a non-negative integer (after white-space), or undefined when there is none. */
  readUint(): number | undefined {
    this.skipWs();
    const start = this.pos;
    while (
      this.pos < this.end &&
      (this.bytes[this.pos] as number) >= 0x30 &&
      (this.bytes[this.pos] as number) <= 0x39
    )
      this.pos++;
    if (this.pos === start || this.pos - start > 15) {
      this.pos = start;
      return undefined;
    }
    return Number(latin1(this.bytes, start, this.pos));
  }

  /**
   * Parses one object. Streams are recognised only when `allowStream` (inside `obj … endobj`).
   * `resolveLength` resolves an indirect `/Length`.
   */
  parseObject(depth = 0, allowStream = false, resolveLength?: LengthResolver): PdfObject {
    if (depth > MAX_PDF_DEPTH) throw pdfLimitError('object nesting depth', MAX_PDF_DEPTH, this.pos);
    this.skipWs();
    const b = this.bytes;
    const start = this.pos;
    if (start >= this.end) {
      throw pdfFormatError(
        'ERR_PDF_EOF',
        { zh: '对象未结束即到达数据末尾', en: 'unexpected end of data in an object' },
        start,
      );
    }
    const c = b[start] as number;
    if (c === 0x2f) return this.parseName();
    if (c === 0x28) return this.parseLiteralString();
    if (c === 0x3c) {
      if (b[start + 1] === 0x3c) {
        const dict = this.parseDict(depth, resolveLength);
        if (allowStream && this.peekKeyword() === 'stream') return this.parseStreamBody(dict, resolveLength);
        return dict;
      }
      return this.parseHexString();
    }
    if (c === 0x5b) {
      this.pos++;
      const items: PdfObject[] = [];
      for (;;) {
        this.skipWs();
        if (this.pos >= this.end) {
          throw pdfFormatError(
            'ERR_PDF_SYNTAX',
            { zh: '数组没有结束的 ]', en: 'array without closing ]' },
            start,
          );
        }
        if (b[this.pos] === 0x5d) {
          this.pos++;
          break;
        }
        items.push(this.parseObject(depth + 1, false, resolveLength));
      }
      const arr: PdfArray = { kind: 'array', items, start, end: this.pos };
      return arr;
    }
    if (isRegular(c)) {
      const word = this.regular();
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
        const int = !word.includes('.');
        // look ahead for "gen R"
        if (int && /^\d+$/.test(word)) {
          const save = this.pos;
          const gen = this.readUint();
          if (gen !== undefined) {
            this.skipWs();
            if (this.bytes[this.pos] === 0x52 && !isRegular(this.bytes[this.pos + 1])) {
              this.pos++;
              return { kind: 'ref', num: Number(word), gen };
            }
          }
          this.pos = save;
        }
        return { kind: 'number', value: Number(word), int };
      }
      throw pdfFormatError(
        'ERR_PDF_SYNTAX',
        { zh: `无法识别的记号 “${word.slice(0, 20)}”`, en: `unrecognised token "${word.slice(0, 20)}"` },
        start,
      );
    }
    throw pdfFormatError(
      'ERR_PDF_SYNTAX',
      { zh: `意外的字符 0x${c.toString(16)}`, en: `unexpected character 0x${c.toString(16)}` },
      start,
    );
  }

  private parseName(): PdfObject {
    const b = this.bytes;
    this.pos++;
    const start = this.pos;
    while (this.pos < this.end && isRegular(b[this.pos])) this.pos++;
    let raw = latin1(b, start, this.pos);
    if (raw.includes('#')) {
      raw = raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    }
    return { kind: 'name', value: raw };
  }

  private parseLiteralString(): PdfObject {
    const b = this.bytes;
    const start = this.pos;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < this.end) {
      const c = b[this.pos++] as number;
      if (c === 0x5c) {
        const n = b[this.pos++];
        if (n === undefined) break;
        switch (n) {
          case 0x6e:
            out.push(0x0a);
            break;
          case 0x72:
            out.push(0x0d);
            break;
          case 0x74:
            out.push(0x09);
            break;
          case 0x62:
            out.push(0x08);
            break;
          case 0x66:
            out.push(0x0c);
            break;
          case 0x0d:
            if (b[this.pos] === 0x0a) this.pos++;
            break;
          case 0x0a:
            break;
          default:
            if (n >= 0x30 && n <= 0x37) {
              let v = n - 0x30;
              for (let k = 0; k < 2; k++) {
                const d = b[this.pos];
                if (d !== undefined && d >= 0x30 && d <= 0x37) {
                  v = v * 8 + d - 0x30;
                  this.pos++;
                } else break;
              }
              out.push(v & 0xff);
            } else out.push(n);
        }
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        depth--;
        if (depth === 0)
          return { kind: 'string', bytes: Uint8Array.from(out), hex: false, start, end: this.pos };
        out.push(c);
      } else out.push(c);
    }
    throw pdfFormatError(
      'ERR_PDF_SYNTAX',
      { zh: '字符串没有结束的 )', en: 'literal string without closing )' },
      start,
    );
  }

  private parseHexString(): PdfObject {
    const b = this.bytes;
    const start = this.pos;
    this.pos++;
    const close = b.indexOf(0x3e, this.pos);
    if (close < 0 || close >= this.end) {
      throw pdfFormatError(
        'ERR_PDF_SYNTAX',
        { zh: '十六进制字符串没有结束的 >', en: 'hex string without closing >' },
        start,
      );
    }
    const out = new Uint8Array((close - this.pos + 1) >> 1);
    let n = 0;
    let hi = -1;
    for (let i = this.pos; i < close; i++) {
      const c = b[i] as number;
      let v: number;
      if (c >= 0x30 && c <= 0x39) v = c - 0x30;
      else if (c >= 0x41 && c <= 0x46) v = c - 0x37;
      else if (c >= 0x61 && c <= 0x66) v = c - 0x57;
      else if (WS[c]) continue;
      else {
        throw pdfFormatError(
          'ERR_PDF_SYNTAX',
          { zh: '十六进制字符串含非法字符', en: 'invalid character in a hex string' },
          i,
        );
      }
      if (hi < 0) hi = v;
      else {
        out[n++] = (hi << 4) | v;
        hi = -1;
      }
    }
    if (hi >= 0) out[n++] = hi << 4;
    this.pos = close + 1;
    return { kind: 'string', bytes: out.subarray(0, n), hex: true, start, end: this.pos };
  }

  private parseDict(depth: number, resolveLength?: LengthResolver): PdfDict {
    const b = this.bytes;
    const start = this.pos;
    this.pos += 2;
    const entries = new Map<string, PdfObject>();
    for (;;) {
      this.skipWs();
      if (this.pos >= this.end) {
        throw pdfFormatError(
          'ERR_PDF_SYNTAX',
          { zh: '字典没有结束的 >>', en: 'dictionary without closing >>' },
          start,
        );
      }
      if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
        this.pos += 2;
        break;
      }
      if (b[this.pos] !== 0x2f) {
        throw pdfFormatError(
          'ERR_PDF_SYNTAX',
          { zh: '字典的键必须是名字对象', en: 'dictionary key must be a name' },
          this.pos,
        );
      }
      const key = this.parseName() as { value: string };
      const value = this.parseObject(depth + 1, false, resolveLength);
      entries.set(key.value, value);
    }
    return { kind: 'dict', entries, start, end: this.pos };
  }

  private parseStreamBody(dict: PdfDict, resolveLength?: LengthResolver): PdfStream {
    const b = this.bytes;
    this.skipWs();
    this.pos += 6; // "stream"
    if (b[this.pos] === 0x0d) this.pos++;
    if (b[this.pos] === 0x0a) this.pos++;
    const dataStart = this.pos;
    let length: number | undefined;
    const l = dict.entries.get('Length');
    if (l && typeof l === 'object' && l.kind === 'number') length = l.value;
    else if (l && typeof l === 'object' && l.kind === 'ref' && resolveLength)
      length = resolveLength(l.num, l.gen);
    let dataEnd = -1;
    if (length !== undefined && Number.isInteger(length) && length >= 0 && dataStart + length <= this.end) {
      const after = new PdfLexer(b, dataStart + length, this.end);
      after.skipWs();
      if (after.regular() === 'endstream') {
        dataEnd = dataStart + length;
        this.pos = after.pos;
      }
    }
    if (dataEnd < 0) {
      // Wrong or missing /Length: fall back to the next "endstream".
      const idx = indexOfAscii(b, 'endstream', dataStart, this.end);
      if (idx < 0) {
        throw pdfFormatError(
          'ERR_PDF_SYNTAX',
          { zh: '流没有 endstream', en: 'stream without endstream' },
          dataStart,
        );
      }
      dataEnd = idx;
      if (b[dataEnd - 1] === 0x0a) dataEnd--;
      if (b[dataEnd - 1] === 0x0d) dataEnd--;
      this.pos = idx + 9;
    }
    return { kind: 'stream', dict, data: b.subarray(dataStart, dataEnd), dataStart };
  }
}

/** Latin-1 text of a byte range. */
export function latin1(b: Uint8Array, start: number, end: number): string {
  if (end - start <= 64) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(b[i] as number);
    return s;
  }
  let s = '';
  for (let i = start; i < end; i += 8192) {
    s += String.fromCharCode.apply(null, b.subarray(i, Math.min(end, i + 8192)) as unknown as number[]);
  }
  return s;
}

/** First index of an ASCII needle in `b[from, to)`, or −1. */
export function indexOfAscii(b: Uint8Array, needle: string, from = 0, to = b.length): number {
  const first = needle.charCodeAt(0);
  const n = needle.length;
  for (let i = b.indexOf(first, from); i >= 0 && i + n <= to; i = b.indexOf(first, i + 1)) {
    let ok = true;
    for (let k = 1; k < n; k++) {
      if (b[i + k] !== needle.charCodeAt(k)) {
        ok = false;
        break;
      }
    }
    if (ok) return i;
  }
  return -1;
}

/** Last index of an ASCII needle in `b[from, to)`, or −1. */
export function lastIndexOfAscii(b: Uint8Array, needle: string, to = b.length, from = 0): number {
  const first = needle.charCodeAt(0);
  const n = needle.length;
  for (let i = to - n; i >= from; i--) {
    if (b[i] !== first) continue;
    let ok = true;
    for (let k = 1; k < n; k++) {
      if (b[i + k] !== needle.charCodeAt(k)) {
        ok = false;
        break;
      }
    }
    if (ok) return i;
  }
  return -1;
}
