/**
 * Deterministic zip writing for OFD packages: same entries in → same bytes out. Every entry gets a
 * fixed DOS timestamp (1980-01-01 00:00 unless one is given), no extra fields, no comments, no data
 * descriptors; names are UTF-8 (flag bit 11 set when not ASCII); entries are deflated with fflate at a
 * fixed level, or stored when deflate would not make them smaller.
 *
 * The append mode ({@link rewriteZip}) copies the local records (header, compressed data, data
 * descriptor) and central-directory records of untouched entries byte for byte, patching only the
 * 4-byte local-header offset in the copied central record, and writes a new end record. This is what
 * adding a signature to an OFD needs: the parts already protected by earlier signatures keep their
 * exact stored bytes.
 * @module
 */
import { deflateSync } from 'fflate';
import { crc32 } from './crc32.js';
import type { ZipDirectory, ZipEntry } from './read.js';

/** One entry to write: the name inside the zip (no leading slash) and the uncompressed data. */
export interface ZipWriteEntry {
  readonly name: string;
  readonly data: Uint8Array;
  /** Deflate the entry (default true); it is stored anyway when deflate does not help. */
  readonly compress?: boolean;
}

/** Options of the zip writers. */
export interface ZipWriteOptions {
  /** Timestamp written into every new entry (local time fields, 2-second resolution). Default 1980-01-01 00:00:00. */
  readonly date?: Date;
  /** Deflate level 0–9 (default 6). */
  readonly level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

function dosDateTime(d?: Date): { time: number; date: number } {
  if (!d) return { time: 0, date: (0 << 9) | (1 << 5) | 1 };
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

const enc = new TextEncoder();

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7e || s.charCodeAt(i) < 0x20) return false;
  return true;
}

class Out {
  private chunks: Uint8Array[] = [];
  length = 0;
  push(b: Uint8Array): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

interface Encoded {
  local: Uint8Array;
  data: Uint8Array;
  central(offset: number): Uint8Array;
}

function encodeEntry(e: ZipWriteEntry, opts: ZipWriteOptions): Encoded {
  const name = enc.encode(e.name);
  const crc = crc32(e.data);
  let method = 0;
  let data = e.data;
  if (e.compress !== false && e.data.length > 0) {
    const d = deflateSync(e.data, { level: opts.level ?? 6 });
    if (d.length < e.data.length) {
      method = 8;
      data = d;
    }
  }
  const { time, date } = dosDateTime(opts.date);
  const flags = isAscii(e.name) ? 0 : 0x800;
  const version = method === 8 ? 20 : 10;
  const local = new Uint8Array(30 + name.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, version, true);
  lv.setUint16(6, flags, true);
  lv.setUint16(8, method, true);
  lv.setUint16(10, time, true);
  lv.setUint16(12, date, true);
  lv.setUint32(14, crc, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, e.data.length, true);
  lv.setUint16(26, name.length, true);
  lv.setUint16(28, 0, true);
  local.set(name, 30);
  return {
    local,
    data,
    central(offset: number) {
      const c = new Uint8Array(46 + name.length);
      const v = new DataView(c.buffer);
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, version, true);
      v.setUint16(8, flags, true);
      v.setUint16(10, method, true);
      v.setUint16(12, time, true);
      v.setUint16(14, date, true);
      v.setUint32(16, crc, true);
      v.setUint32(20, data.length, true);
      v.setUint32(24, e.data.length, true);
      v.setUint16(28, name.length, true);
      v.setUint32(42, offset, true);
      c.set(name, 46);
      return c;
    },
  };
}

function endRecord(count: number, cdSize: number, cdOffset: number): Uint8Array {
  const b = new Uint8Array(22);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, count, true);
  v.setUint16(10, count, true);
  v.setUint32(12, cdSize, true);
  v.setUint32(16, cdOffset, true);
  return b;
}

/**
 * Writes a zip archive with the entries in the order given (callers sort or keep a stable order).
 *
 * @example
 * ```ts
 * import { writeZip } from '@gbkit/ofd';
 * const zip = writeZip([{ name: 'OFD.xml', data: new TextEncoder().encode('<ofd:OFD/>') }]);
 * zip[0] === 0x50; // 'P'
 * ```
 */
export function writeZip(entries: readonly ZipWriteEntry[], options: ZipWriteOptions = {}): Uint8Array {
  const out = new Out();
  const centrals: Uint8Array[] = [];
  for (const e of entries) {
    const x = encodeEntry(e, options);
    centrals.push(x.central(out.length));
    out.push(x.local);
    out.push(x.data);
  }
  const cdOffset = out.length;
  let cdSize = 0;
  for (const c of centrals) {
    out.push(c);
    cdSize += c.length;
  }
  out.push(endRecord(entries.length, cdSize, cdOffset));
  return out.bytes();
}

/** What {@link rewriteZip} should change. Names are zip entry names (no leading slash). */
export interface ZipChanges {
  /** New data for existing entries, rewritten in place (same position in the entry order). */
  readonly replace?: ReadonlyMap<string, ZipWriteEntry>;
  /** Entries appended after the existing ones, in this order. */
  readonly add?: readonly ZipWriteEntry[];
  /** Existing entries to drop. */
  readonly remove?: ReadonlySet<string>;
}

/**
 * Append-mode rewrite of an existing archive: untouched entries are copied byte for byte (local
 * record and central record), replaced entries are re-encoded in place, added entries go last, and a
 * new central directory and end record are written. Bytes before the original zip are not copied.
 */
export function rewriteZip(
  source: Uint8Array,
  dir: ZipDirectory,
  changes: ZipChanges,
  options: ZipWriteOptions = {},
): Uint8Array {
  const out = new Out();
  const centrals: Uint8Array[] = [];
  const ordered = [...dir.entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  const centralOrder = new Map<ZipEntry, number>(dir.entries.map((e, i) => [e, i]));
  const slots: { order: number; bytes: Uint8Array }[] = [];
  for (const e of ordered) {
    if (changes.remove?.has(e.name)) continue;
    const rep = changes.replace?.get(e.name);
    const order = centralOrder.get(e) as number;
    if (rep) {
      const x = encodeEntry(rep, options);
      slots.push({ order, bytes: x.central(out.length) });
      out.push(x.local);
      out.push(x.data);
      continue;
    }
    const offset = out.length;
    out.push(source.subarray(e.localHeaderOffset, e.localRecordEnd));
    const c = source.slice(e.centralOffset, e.centralOffset + e.centralLength);
    new DataView(c.buffer).setUint32(42, offset, true);
    slots.push({ order, bytes: c });
  }
  slots.sort((a, b) => a.order - b.order);
  for (const s of slots) centrals.push(s.bytes);
  for (const a of changes.add ?? []) {
    const x = encodeEntry(a, options);
    centrals.push(x.central(out.length));
    out.push(x.local);
    out.push(x.data);
  }
  const cdOffset = out.length;
  let cdSize = 0;
  for (const c of centrals) {
    out.push(c);
    cdSize += c.length;
  }
  out.push(endRecord(centrals.length, cdSize, cdOffset));
  return out.bytes();
}
