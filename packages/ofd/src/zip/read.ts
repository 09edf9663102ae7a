/**
 * A zip reader for OFD packages (GB/T 33190 §7.2 uses the zip format of APPNOTE 6.3): it reads the
 * central directory, checks every entry name and the safety limits up front, and inflates an entry
 * only when asked. It keeps the byte ranges of every local record and central-directory record so the
 * append writer can copy untouched entries byte for byte.
 *
 * Shapes read (APPNOTE 4.3.7 local file header, 4.3.12 central directory header, 4.3.16 end of
 * central directory record):
 * ```
 * local:   PK\3\4 ver flags method time date crc csize usize nlen elen name extra data [descriptor]
 * central: PK\1\2 made ver flags method time date crc csize usize nlen elen clen disk iattr eattr offset name extra comment
 * eocd:    PK\5\6 disk cddisk n-here n-total cdsize cdoffset clen comment
 * ```
 * @module
 */
import { FormatError, LimitExceededError, UnsupportedError } from '@gbkit/core';
import { Inflate, inflateSync } from 'fflate';
import type { Diagnostics } from '../diagnostics.js';
import { crc32 } from './crc32.js';
import type { ZipLimits } from './limits.js';
import { hasNativeInflate, nativeInflate } from './native.js';

/** One entry of the central directory, with the byte ranges the append writer needs. */
export interface ZipEntry {
  /** The name as stored in the zip (decoded), e.g. `Doc_0/Document.xml` or `Doc_0/` for a folder. */
  readonly name: string;
  /** The normalised absolute part path, e.g. `/Doc_0/Document.xml` (folders end with `/`). */
  readonly path: string;
  /** Whether the entry is a folder (name ends with `/`). */
  readonly isDirectory: boolean;
  /** Compression method: 0 stored, 8 deflate. */
  readonly method: number;
  /** General-purpose flags (bit 3: data descriptor, bit 11: UTF-8 name). */
  readonly flags: number;
  /** CRC-32 of the uncompressed data, from the central directory. */
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Offset of the local header in the input bytes (already corrected for bytes before the zip). */
  readonly localHeaderOffset: number;
  /** Offset of the compressed data in the input bytes. */
  readonly dataOffset: number;
  /** End (exclusive) of the local record: header, data and data descriptor. */
  readonly localRecordEnd: number;
  /** Offset and length of this entry's central-directory record in the input bytes. */
  readonly centralOffset: number;
  readonly centralLength: number;
}

/** The parsed layout of a zip archive. */
export interface ZipDirectory {
  readonly entries: readonly ZipEntry[];
  /** Bytes before the first local header that are not part of the zip (0 when none). */
  readonly prefixLength: number;
  /** Offset of the central directory in the input bytes. */
  readonly centralDirectoryOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_DESCRIPTOR = 0x08074b50;

function u16(b: Uint8Array, o: number): number {
  return (b[o] as number) | ((b[o + 1] as number) << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (
    ((b[o] as number) |
      ((b[o + 1] as number) << 8) |
      ((b[o + 2] as number) << 16) |
      ((b[o + 3] as number) << 24)) >>>
    0
  );
}

function formatError(code: string, zh: string, en: string, offset?: number, part?: string): FormatError {
  return new FormatError(code, { zh, en }, { location: { offset, part } });
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
let gbDecoder: TextDecoder | null | undefined;
function gb18030(): TextDecoder | null {
  if (gbDecoder === undefined) {
    try {
      gbDecoder = new TextDecoder('gb18030', { fatal: true });
    } catch {
      gbDecoder = null;
    }
  }
  return gbDecoder;
}

function decodeName(raw: Uint8Array, flags: number, offset: number, diag: Diagnostics): string {
  let i = 0;
  while (i < raw.length && (raw[i] as number) <= 0x7f) i++;
  if (i === raw.length) return String.fromCharCode.apply(null, raw as unknown as number[]);
  try {
    return utf8Fatal.decode(raw);
  } catch {
    if (flags & 0x800) {
      throw formatError(
        'ERR_OFD_ZIP_NAME_ENCODING',
        '条目名声明为 UTF-8 但不是合法的 UTF-8',
        'entry name is flagged UTF-8 but is not valid UTF-8',
        offset,
      );
    }
    const gb = gb18030();
    if (gb) {
      try {
        const name = gb.decode(raw);
        diag.warn({
          code: 'OFD_ZIP_NAME_GB18030',
          message: { zh: `条目名按 GB18030 解码：${name}`, en: `entry name decoded as GB18030: ${name}` },
          details: { offset },
        });
        return name;
      } catch {
        // fall through
      }
    }
    throw formatError(
      'ERR_OFD_ZIP_NAME_ENCODING',
      '条目名既不是 UTF-8 也不是 GB18030',
      'entry name is neither UTF-8 nor GB18030',
      offset,
    );
  }
}

/**
 * The common case, decided in one pass without regular expressions: a relative name whose segments are
 * all non-empty and neither `.` nor `..`, with no backslash, NUL or drive letter. Such a name normalises
 * to itself with a leading `/` (folders keep their trailing `/`); anything else takes the full path below.
 */
function isPlainName(name: string): boolean {
  const n = name.length;
  if (n === 0 || name.charCodeAt(0) === 0x2f) return false;
  if (n >= 2 && name.charCodeAt(1) === 0x3a) return false; // possible drive letter
  let segStart = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? name.charCodeAt(i) : 0x2f;
    if (c === 0 || c === 0x5c) return false;
    if (c !== 0x2f) continue;
    const len = i - segStart;
    if (i === n && len === 0 && n > 0) return true; // trailing '/' of a folder
    if (len === 0) return false;
    if (
      name.charCodeAt(segStart) === 0x2e &&
      (len === 1 || (len === 2 && name.charCodeAt(segStart + 1) === 0x2e))
    )
      return false;
    segStart = i + 1;
  }
  return true;
}

/**
 * Checks and normalises a zip entry name to an absolute part path. Rejects absolute names, drive
 * letters, NUL and `..` segments; tolerates (with a warning) backslashes, `.` and empty segments.
 */
export function normaliseEntryName(name: string, offset: number, diag: Diagnostics): string {
  if (isPlainName(name)) return `/${name}`;
  if (name.length === 0 || name.includes('\0')) {
    throw formatError(
      'ERR_OFD_ZIP_NAME_INVALID',
      `条目名无效：${JSON.stringify(name)}`,
      `invalid entry name ${JSON.stringify(name)}`,
      offset,
    );
  }
  let n = name;
  if (n.includes('\\')) {
    diag.warn({
      code: 'OFD_ZIP_NAME_BACKSLASH',
      message: { zh: `条目名使用反斜杠：${name}`, en: `entry name uses backslashes: ${name}` },
      details: { name, offset },
    });
    n = n.replace(/\\/g, '/');
  }
  if (n.startsWith('/') || /^[A-Za-z]:/.test(n)) {
    throw formatError(
      'ERR_OFD_ZIP_ABSOLUTE_PATH',
      `条目名是绝对路径：${name}`,
      `entry name is an absolute path: ${name}`,
      offset,
      name,
    );
  }
  const isDir = n.endsWith('/');
  const segs = n.split('/');
  if (isDir) segs.pop();
  const out: string[] = [];
  let odd = false;
  for (const s of segs) {
    if (s === '..') {
      throw formatError(
        'ERR_OFD_ZIP_PATH_TRAVERSAL',
        `条目名含 ".." 路径穿越：${name}`,
        `entry name contains a ".." traversal: ${name}`,
        offset,
        name,
      );
    }
    if (s === '' || s === '.') {
      odd = true;
      continue;
    }
    out.push(s);
  }
  if (odd) {
    diag.warn({
      code: 'OFD_ZIP_NAME_DOT_SEGMENT',
      message: { zh: `条目名含空段或 "." 段：${name}`, en: `entry name has empty or "." segments: ${name}` },
      details: { name, offset },
    });
  }
  if (out.length === 0) {
    throw formatError(
      'ERR_OFD_ZIP_NAME_INVALID',
      `条目名无效：${JSON.stringify(name)}`,
      `invalid entry name ${JSON.stringify(name)}`,
      offset,
    );
  }
  return `/${out.join('/')}${isDir ? '/' : ''}`;
}

function findEocd(b: Uint8Array, diag: Diagnostics): number {
  const min = Math.max(0, b.length - 22 - 0xffff);
  let fallback = -1;
  for (let p = b.length - 22; p >= min; p--) {
    if (u32(b, p) !== SIG_EOCD) continue;
    const clen = u16(b, p + 20);
    if (p + 22 + clen === b.length) return p;
    if (fallback < 0 && p + 22 + clen < b.length) fallback = p;
  }
  if (fallback >= 0) {
    const extra = b.length - (fallback + 22 + u16(b, fallback + 20));
    diag.warn({
      code: 'OFD_ZIP_TRAILING_BYTES',
      message: {
        zh: `zip 末尾有 ${extra} 字节多余数据`,
        en: `${extra} extra bytes after the end of the zip`,
      },
      details: { offset: fallback + 22 + u16(b, fallback + 20), length: extra },
    });
    return fallback;
  }
  throw formatError(
    'ERR_OFD_ZIP_NO_EOCD',
    '不是 zip 文件（找不到中央目录结束记录）',
    'not a zip file (no end of central directory record)',
  );
}

/**
 * Reads the central directory of `bytes`, checking entry names and the declared-size limits.
 * Throws `FormatError` (malformed zip, traversal, absolute or duplicate names), `LimitExceededError`
 * (entry count, sizes, ratio) or `UnsupportedError` (zip64, multi-disk, encryption, unknown method).
 */
export function readZipDirectory(bytes: Uint8Array, limits: ZipLimits, diag: Diagnostics): ZipDirectory {
  if (bytes.length > limits.maxArchiveSize) {
    throw new LimitExceededError(
      'ERR_OFD_LIMIT_ARCHIVE_SIZE',
      {
        zh: `文件大小 ${bytes.length} 超过上限 ${limits.maxArchiveSize}`,
        en: `input of ${bytes.length} bytes exceeds the limit of ${limits.maxArchiveSize}`,
      },
      { details: { size: bytes.length, limit: limits.maxArchiveSize } },
    );
  }
  if (bytes.length < 22)
    throw formatError('ERR_OFD_ZIP_NO_EOCD', '不是 zip 文件（太短）', 'not a zip file (too short)');
  const eocd = findEocd(bytes, diag);
  if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 6) !== 0) {
    throw new UnsupportedError('ERR_OFD_ZIP_MULTIDISK', {
      zh: '不支持分卷 zip',
      en: 'multi-disk zip archives are not supported',
    });
  }
  const total = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new UnsupportedError('ERR_OFD_ZIP64', {
      zh: '不支持 zip64 格式',
      en: 'zip64 archives are not supported',
    });
  }
  if (total > limits.maxEntries) {
    throw new LimitExceededError(
      'ERR_OFD_LIMIT_ENTRY_COUNT',
      {
        zh: `条目数 ${total} 超过上限 ${limits.maxEntries}`,
        en: `${total} entries exceed the limit of ${limits.maxEntries}`,
      },
      { details: { count: total, limit: limits.maxEntries } },
    );
  }
  // Where is the central directory really? Normally at cdOffset; with bytes prepended, at eocd - cdSize.
  let cdStart: number;
  if (cdOffset + cdSize <= eocd && (total === 0 || u32(bytes, cdOffset) === SIG_CENTRAL)) {
    cdStart = cdOffset;
  } else {
    cdStart = eocd - cdSize;
    if (cdStart < 0 || (total > 0 && u32(bytes, cdStart) !== SIG_CENTRAL)) {
      throw formatError(
        'ERR_OFD_ZIP_CENTRAL_DIRECTORY',
        '找不到中央目录',
        'central directory not found',
        cdOffset,
      );
    }
  }
  const prefix = cdStart - cdOffset;
  if (prefix < 0)
    throw formatError(
      'ERR_OFD_ZIP_CENTRAL_DIRECTORY',
      '中央目录偏移无效',
      'invalid central directory offset',
      cdOffset,
    );

  const entries: ZipEntry[] = [];
  const byPath = new Map<string, ZipEntry>();
  const byLower = new Map<string, string>();
  let p = cdStart;
  let totalUncompressed = 0;
  let minLocal = Number.POSITIVE_INFINITY;
  for (let i = 0; i < total; i++) {
    if (p + 46 > eocd || u32(bytes, p) !== SIG_CENTRAL) {
      throw formatError(
        'ERR_OFD_ZIP_CENTRAL_DIRECTORY',
        `中央目录第 ${i + 1} 条记录损坏`,
        `central directory record ${i + 1} is malformed`,
        p,
      );
    }
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc = u32(bytes, p + 16);
    const csize = u32(bytes, p + 20);
    const usize = u32(bytes, p + 24);
    const nlen = u16(bytes, p + 28);
    const elen = u16(bytes, p + 30);
    const clen = u16(bytes, p + 32);
    const lho = u32(bytes, p + 42) + prefix;
    const recLen = 46 + nlen + elen + clen;
    if (p + recLen > eocd)
      throw formatError(
        'ERR_OFD_ZIP_CENTRAL_DIRECTORY',
        '中央目录记录越界',
        'central directory record runs past its end',
        p,
      );
    const name = decodeName(bytes.subarray(p + 46, p + 46 + nlen), flags, p + 46, diag);
    if (csize === 0xffffffff || usize === 0xffffffff || lho - prefix === 0xffffffff) {
      throw new UnsupportedError(
        'ERR_OFD_ZIP64',
        { zh: '不支持 zip64 条目', en: 'zip64 entries are not supported' },
        { location: { part: name } },
      );
    }
    const path = normaliseEntryName(name, p + 46, diag);
    const isDirectory = path.endsWith('/');
    if (flags & 0x1) {
      throw new UnsupportedError(
        'ERR_OFD_ZIP_ENCRYPTED',
        { zh: `条目已加密：${name}`, en: `entry is encrypted: ${name}` },
        { location: { part: path } },
      );
    }
    if (method !== 0 && method !== 8) {
      throw new UnsupportedError(
        'ERR_OFD_ZIP_METHOD',
        { zh: `不支持的压缩方法 ${method}`, en: `unsupported compression method ${method}` },
        { location: { part: path } },
      );
    }
    const dup = byPath.get(path);
    if (dup) {
      throw formatError(
        'ERR_OFD_ZIP_DUPLICATE_ENTRY',
        `条目名重复：${name}`,
        `duplicate entry name: ${name}`,
        p + 46,
        path,
      );
    }
    const lower = path.toLowerCase();
    const other = byLower.get(lower);
    if (other !== undefined) {
      diag.warn({
        code: 'OFD_ZIP_CASE_DUPLICATE',
        message: {
          zh: `条目名仅大小写不同：${other} 与 ${path}`,
          en: `entry names differ only in case: ${other} and ${path}`,
        },
        part: path,
        details: { other },
      });
    } else byLower.set(lower, path);
    if (usize > limits.maxEntryUncompressed) {
      throw new LimitExceededError(
        'ERR_OFD_LIMIT_ENTRY_SIZE',
        {
          zh: `条目解压后 ${usize} 字节，超过上限 ${limits.maxEntryUncompressed}`,
          en: `entry of ${usize} bytes uncompressed exceeds the limit of ${limits.maxEntryUncompressed}`,
        },
        { location: { part: path }, details: { size: usize, limit: limits.maxEntryUncompressed } },
      );
    }
    if (usize > limits.ratioMinSize && usize / Math.max(csize, 1) > limits.maxRatio) {
      throw new LimitExceededError(
        'ERR_OFD_LIMIT_RATIO',
        {
          zh: `条目压缩比 ${Math.round(usize / Math.max(csize, 1))} 超过上限 ${limits.maxRatio}（疑似压缩炸弹）`,
          en: `entry compression ratio ${Math.round(usize / Math.max(csize, 1))} exceeds the limit of ${limits.maxRatio} (possible zip bomb)`,
        },
        {
          location: { part: path },
          details: { compressedSize: csize, uncompressedSize: usize, limit: limits.maxRatio },
        },
      );
    }
    totalUncompressed += usize;
    if (totalUncompressed > limits.maxTotalUncompressed) {
      throw new LimitExceededError(
        'ERR_OFD_LIMIT_TOTAL_SIZE',
        {
          zh: `解压后总大小超过上限 ${limits.maxTotalUncompressed}`,
          en: `total uncompressed size exceeds the limit of ${limits.maxTotalUncompressed}`,
        },
        { details: { limit: limits.maxTotalUncompressed } },
      );
    }
    // local header
    if (lho + 30 > cdStart || u32(bytes, lho) !== SIG_LOCAL) {
      throw formatError(
        'ERR_OFD_ZIP_LOCAL_HEADER',
        `条目 ${name} 的本地文件头损坏`,
        `local header of ${name} is malformed`,
        lho,
        path,
      );
    }
    const lnlen = u16(bytes, lho + 26);
    const lelen = u16(bytes, lho + 28);
    const dataOffset = lho + 30 + lnlen + lelen;
    if (dataOffset + csize > cdStart) {
      throw formatError(
        'ERR_OFD_ZIP_LOCAL_HEADER',
        `条目 ${name} 的数据越界`,
        `data of ${name} runs past the central directory`,
        lho,
        path,
      );
    }
    let end = dataOffset + csize;
    if (flags & 0x8) {
      const withSig =
        end + 16 <= cdStart && u32(bytes, end) === SIG_DESCRIPTOR && u32(bytes, end + 4) === crc;
      end += withSig ? 16 : 12;
      if (end > cdStart) end = cdStart;
    }
    minLocal = Math.min(minLocal, lho);
    const entry: ZipEntry = {
      name,
      path,
      isDirectory,
      method,
      flags,
      crc32: crc,
      compressedSize: csize,
      uncompressedSize: usize,
      localHeaderOffset: lho,
      dataOffset,
      localRecordEnd: end,
      centralOffset: p,
      centralLength: recLen,
    };
    entries.push(entry);
    byPath.set(path, entry);
    p += recLen;
  }
  if (prefix > 0 || (entries.length > 0 && minLocal > 0)) {
    const start = entries.length > 0 ? minLocal : prefix;
    diag.warn({
      code: 'OFD_ZIP_PREFIX',
      message: {
        zh: `zip 之前有 ${start} 字节其他数据（已忽略）`,
        en: `${start} bytes of other data before the zip (ignored)`,
      },
      details: { offset: start },
    });
  }
  return {
    entries,
    prefixLength: entries.length > 0 ? Math.min(minLocal, cdStart) : prefix,
    centralDirectoryOffset: cdStart,
  };
}

/** Options of {@link inflateEntry}. */
export interface InflateOptions {
  /** Use fflate's inflate even where node:zlib is available (as in browsers). */
  readonly pureJs?: boolean;
  /**
   * Where the bytes go: returns `size` bytes of fresh room, or undefined to allocate. The result is
   * then a view of that room (an opened package carves small parts out of shared blocks).
   */
  readonly room?: (size: number) => Uint8Array | undefined;
}

/**
 * Decompresses one entry and checks its size and CRC-32. Inflation is bounded by the declared size,
 * so a lying header cannot make it allocate more.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, options: InflateOptions = {}): Uint8Array {
  const native = options.pureJs || entry.method !== 8 || !hasNativeInflate() ? undefined : nativeInflate;
  let out: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) {
      throw formatError(
        'ERR_OFD_ZIP_SIZE',
        `存储条目大小不一致：${entry.name}`,
        `stored entry sizes disagree: ${entry.name}`,
        entry.localHeaderOffset,
        entry.path,
      );
    }
    const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    const room = options.room?.(data.length);
    if (room) {
      room.set(data);
      out = room;
    } else out = data.slice();
  } else if (native) {
    // node:zlib, bounded: one byte more than declared is enough to detect a lying header
    try {
      // the deflate data are read in place (offset and length), no view made
      out = native(
        bytes,
        entry.uncompressedSize + 1,
        options.room?.(entry.uncompressedSize + 2),
        entry.dataOffset,
        entry.compressedSize,
      ) as Uint8Array;
    } catch (e) {
      const tooBig =
        (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ||
        /larger than|maxOutputLength/i.test(String(e));
      if (tooBig) {
        throw new LimitExceededError(
          'ERR_OFD_LIMIT_ENTRY_OVERFLOW',
          {
            zh: `条目解压后超过声明的大小 ${entry.uncompressedSize}：${entry.name}`,
            en: `entry inflates past its declared size of ${entry.uncompressedSize}: ${entry.name}`,
          },
          { location: { part: entry.path } },
        );
      }
      throw new FormatError(
        'ERR_OFD_ZIP_INFLATE',
        { zh: `解压失败：${entry.name}`, en: `cannot inflate ${entry.name}` },
        { cause: e, location: { part: entry.path } },
      );
    }
  } else if (entry.compressedSize <= 16384) {
    const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    try {
      const buf = new Uint8Array(entry.uncompressedSize);
      out = inflateSync(data, { out: buf });
    } catch (e) {
      throw new FormatError(
        'ERR_OFD_ZIP_INFLATE',
        { zh: `解压失败：${entry.name}`, en: `cannot inflate ${entry.name}` },
        { cause: e, location: { part: entry.path } },
      );
    }
  } else {
    const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    out = new Uint8Array(entry.uncompressedSize);
    let written = 0;
    let overflow = false;
    const inf = new Inflate((chunk) => {
      if (written + chunk.length > out.length) {
        overflow = true;
        return;
      }
      out.set(chunk, written);
      written += chunk.length;
    });
    try {
      for (let i = 0; i < data.length && !overflow; i += 16384) {
        inf.push(data.subarray(i, Math.min(i + 16384, data.length)), i + 16384 >= data.length);
      }
    } catch (e) {
      throw new FormatError(
        'ERR_OFD_ZIP_INFLATE',
        { zh: `解压失败：${entry.name}`, en: `cannot inflate ${entry.name}` },
        { cause: e, location: { part: entry.path } },
      );
    }
    if (overflow) {
      throw new LimitExceededError(
        'ERR_OFD_LIMIT_ENTRY_OVERFLOW',
        {
          zh: `条目解压后超过声明的大小 ${entry.uncompressedSize}：${entry.name}`,
          en: `entry inflates past its declared size of ${entry.uncompressedSize}: ${entry.name}`,
        },
        { location: { part: entry.path } },
      );
    }
    out = out.subarray(0, written);
  }
  if (out.length !== entry.uncompressedSize) {
    throw formatError(
      'ERR_OFD_ZIP_SIZE',
      `解压后大小 ${out.length} 与声明的 ${entry.uncompressedSize} 不符：${entry.name}`,
      `inflated size ${out.length} differs from the declared ${entry.uncompressedSize}: ${entry.name}`,
      entry.localHeaderOffset,
      entry.path,
    );
  }
  if (crc32(out) !== entry.crc32) {
    throw formatError(
      'ERR_OFD_ZIP_CRC',
      `CRC-32 校验失败：${entry.name}`,
      `CRC-32 mismatch: ${entry.name}`,
      entry.localHeaderOffset,
      entry.path,
    );
  }
  return out;
}
