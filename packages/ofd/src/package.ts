/**
 * The OFD package (GB/T 33190 §7.2 "包结构"): a zip archive whose parts are addressed by absolute
 * paths such as `/OFD.xml` or `/Doc_0/Signs/Sign_0/Signature.xml`. Opening checks the central
 * directory and the safety limits; a part is inflated only when read, and cached. The exact bytes of
 * every part are available: signatures hash them as stored, so nothing here re-serialises a part.
 * @module
 */
import {
  concatBytes,
  FormatError,
  InvalidArgumentError,
  LimitExceededError,
  type ValidationMode,
} from '@gbkit/core';
import { Diagnostics, type OfdWarning } from './diagnostics.js';
import { isNormalAbsolute, type LocContext, normaliseLoc } from './loc.js';
import { resolveLimits, type ZipLimits } from './zip/limits.js';
import { inflateEntry, readZipDirectory, type ZipDirectory, type ZipEntry } from './zip/read.js';
import { rewriteZip, type ZipWriteEntry, type ZipWriteOptions } from './zip/write.js';

/** Options for opening a package. */
export interface OpenOptions {
  /** Safety limits; any not given take the documented defaults ({@link DEFAULT_ZIP_LIMITS}). */
  readonly limits?: Partial<ZipLimits>;
  /**
   * `lenient` (default) tolerates known deviations and reports each as a warning; `strict` throws a
   * `FormatError` (`ERR_` + the warning code) at the first one instead.
   */
  readonly mode?: ValidationMode;
}

/** Parts to add or replace: absolute or root-relative paths mapped to their bytes. */
export type PartMap = Readonly<Record<string, Uint8Array>> | ReadonlyMap<string, Uint8Array>;

function entriesOf(parts: PartMap): [string, Uint8Array][] {
  return parts instanceof Map ? [...parts.entries()] : Object.entries(parts as Record<string, Uint8Array>);
}

/** Parts up to this size (bytes, plus two of slack) are inflated into shared blocks of {@link BLOCK_SIZE}. */
const SMALL_PART = 16 * 1024;
const BLOCK_SIZE = 64 * 1024;

/** Normalises a user-supplied part path to the absolute form (`Doc_0/a.xml` → `/Doc_0/a.xml`). */
export function partPath(path: string): string {
  return isNormalAbsolute(path) ? path : normaliseLoc(path, '/').path;
}

/**
 * An opened OFD zip package with lazy, limit-checked access to the raw bytes of its parts.
 *
 * @example
 * ```ts
 * import { OfdPackage } from '@gbkit/ofd';
 * import { readFileSync } from 'node:fs';
 * const pkg = OfdPackage.open(readFileSync('invoice.ofd'));
 * pkg.paths();                // ['/OFD.xml', '/Doc_0/Document.xml', …]
 * pkg.read('/OFD.xml');       // Uint8Array of the stored part, inflated
 * pkg.warnings;               // tolerated deviations, e.g. OFD_ZIP_PREFIX
 * ```
 */
export class OfdPackage implements LocContext {
  /** The input bytes. */
  readonly bytes: Uint8Array;
  /** Zip entries (files and folders) in central-directory order. */
  readonly entries: readonly ZipEntry[];
  /** Bytes before the zip data (reported as `OFD_ZIP_PREFIX`), 0 when none. */
  readonly prefixLength: number;
  readonly limits: ZipLimits;
  /** @internal */
  readonly diag: Diagnostics;
  private readonly dir: ZipDirectory;
  private readonly byPath = new Map<string, ZipEntry>();
  /** Lower-cased path → path, built on first use (only a missing location needs it). */
  private byLower: Map<string, string> | undefined;
  private readonly cache = new Map<string, Uint8Array>();
  private inflated = 0;
  /** The current block small parts are inflated into, and how much of it is used. */
  private block: Uint8Array | undefined;
  private blockUsed = 0;
  /** Room the small parts not read yet will still ask for (sizes from the central directory). */
  private smallLeft = 0;
  private readonly room = (size: number): Uint8Array | undefined => {
    // small parts share blocks of this package (one allocation instead of one per part); big ones get their own
    if (size > SMALL_PART) return undefined;
    if (!this.block || this.blockUsed + size > this.block.length) {
      // sized for what is left to read, so a small package does not get a whole block
      this.block = new Uint8Array(Math.max(size, Math.min(BLOCK_SIZE, this.smallLeft)));
      this.blockUsed = 0;
    }
    const r = this.block.subarray(this.blockUsed, this.blockUsed + size);
    this.blockUsed += size;
    this.smallLeft = Math.max(0, this.smallLeft - size);
    return r;
  };

  private constructor(bytes: Uint8Array, options: OpenOptions, diag?: Diagnostics) {
    this.bytes = bytes;
    this.limits = resolveLimits(options.limits);
    this.diag = diag ?? new Diagnostics(options.mode ?? 'lenient');
    this.dir = readZipDirectory(bytes, this.limits, this.diag);
    this.entries = this.dir.entries;
    this.prefixLength = this.dir.prefixLength;
    for (const e of this.entries) {
      if (e.isDirectory) continue;
      this.byPath.set(e.path, e);
      // the room inflateEntry asks for: the stored size, or the declared size plus two bytes of slack
      const want = e.method === 0 ? e.compressedSize : e.uncompressedSize + 2;
      if (want <= SMALL_PART) this.smallLeft += want;
    }
  }

  /** Opens a package from bytes. Throws `FormatError`, `LimitExceededError` or `UnsupportedError`. */
  static open(bytes: Uint8Array | ArrayBuffer, options: OpenOptions = {}): OfdPackage {
    const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    return new OfdPackage(b, options);
  }

  /** @internal opens with a shared diagnostics collector. */
  static openWith(bytes: Uint8Array, options: OpenOptions, diag: Diagnostics): OfdPackage {
    return new OfdPackage(bytes, options, diag);
  }

  /**
   * Opens a package from a stream of chunks (a web `ReadableStream`, a Node readable or any async
   * iterable). The zip central directory sits at the end, so the chunks are collected first, up to
   * `limits.maxArchiveSize` bytes (`LimitExceededError` beyond).
   */
  static async openStream(
    source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
    options: OpenOptions = {},
  ): Promise<OfdPackage> {
    return OfdPackage.open(
      await collectChunks(source, resolveLimits(options.limits).maxArchiveSize),
      options,
    );
  }

  /** Tolerated deviations found so far (opening, resolving locations, parsing parts). */
  get warnings(): readonly OfdWarning[] {
    return this.diag.warnings;
  }

  /** Absolute paths of every file part (folders excluded), in central-directory order. */
  paths(): string[] {
    return [...this.byPath.keys()];
  }

  /** Whether a file part exists at `path` (absolute, or relative to the root). */
  has(path: string): boolean {
    return this.byPath.has(partPath(path));
  }

  /** The zip entry of a part, if present. */
  entry(path: string): ZipEntry | undefined {
    return this.byPath.get(partPath(path));
  }

  /** The real path of a part whose path differs from `path` only in letter case, if any. */
  findCaseInsensitive(path: string): string | undefined {
    let byLower = this.byLower;
    if (!byLower) {
      byLower = new Map<string, string>();
      for (const p of this.byPath.keys()) {
        const lower = p.toLowerCase();
        if (!byLower.has(lower)) byLower.set(lower, p);
      }
      this.byLower = byLower;
    }
    const p = byLower.get(partPath(path).toLowerCase());
    return p !== undefined && p !== path ? p : undefined;
  }

  /**
   * The bytes of a part, inflated on first use and cached (do not modify the returned array). These
   * are the exact stored bytes that signatures hash. Small parts are views into memory blocks shared
   * by the parts of this package (use `byteOffset`/`byteLength` with `.buffer`, or `slice()` for a
   * copy of its own). Throws `FormatError(ERR_OFD_PART_MISSING)`.
   */
  read(path: string): Uint8Array {
    const p = partPath(path);
    const cached = this.cache.get(p);
    if (cached) return cached;
    const e = this.byPath.get(p);
    if (!e) {
      throw new FormatError(
        'ERR_OFD_PART_MISSING',
        { zh: `包中没有部件 ${p}`, en: `no part ${p} in the package` },
        { location: { part: p } },
      );
    }
    if (this.inflated + e.uncompressedSize > this.limits.maxTotalUncompressed) {
      throw new LimitExceededError(
        'ERR_OFD_LIMIT_TOTAL_SIZE',
        {
          zh: `解压后总大小超过上限 ${this.limits.maxTotalUncompressed}`,
          en: `total uncompressed size exceeds the limit of ${this.limits.maxTotalUncompressed}`,
        },
        { location: { part: p } },
      );
    }
    const data = inflateEntry(this.bytes, e, { room: this.room });
    this.inflated += data.length;
    this.cache.set(p, data);
    return data;
  }

  /** The bytes of a part, or undefined when absent. */
  tryRead(path: string): Uint8Array | undefined {
    return this.has(path) ? this.read(path) : undefined;
  }

  /** The stored (compressed) local record of a part: local header, data and data descriptor. */
  rawRecord(path: string): Uint8Array {
    const e = this.entry(path);
    if (!e)
      throw new FormatError(
        'ERR_OFD_PART_MISSING',
        { zh: `包中没有部件 ${path}`, en: `no part ${path} in the package` },
        { location: { part: path } },
      );
    return this.bytes.subarray(e.localHeaderOffset, e.localRecordEnd);
  }

  /**
   * A new package with parts added, replaced and removed. Untouched entries are copied byte for byte
   * (local header, compressed data, central record); see {@link rewriteZip}.
   */
  withChanges(
    changes: { add?: PartMap; replace?: PartMap; remove?: readonly string[] },
    options: ZipWriteOptions & OpenOptions = {},
  ): OfdPackage {
    const replace = new Map<string, ZipWriteEntry>();
    for (const [p, data] of entriesOf(changes.replace ?? {})) {
      const e = this.entry(p);
      if (!e) {
        throw new InvalidArgumentError(
          'ERR_OFD_PART_MISSING',
          { zh: `要替换的部件不存在：${partPath(p)}`, en: `part to replace does not exist: ${partPath(p)}` },
          { location: { part: partPath(p) } },
        );
      }
      replace.set(e.name, { name: e.name, data });
    }
    const add: ZipWriteEntry[] = [];
    const seen = new Set<string>();
    for (const [p, data] of entriesOf(changes.add ?? {})) {
      const abs = partPath(p);
      if (this.has(abs) || this.findCaseInsensitive(abs) !== undefined || seen.has(abs.toLowerCase())) {
        throw new InvalidArgumentError(
          'ERR_OFD_PART_EXISTS',
          { zh: `要添加的部件已存在：${abs}`, en: `part to add already exists: ${abs}` },
          { location: { part: abs } },
        );
      }
      seen.add(abs.toLowerCase());
      add.push({ name: abs.slice(1), data });
    }
    const remove = new Set<string>();
    for (const p of changes.remove ?? []) {
      const e = this.entry(p);
      if (!e)
        throw new InvalidArgumentError('ERR_OFD_PART_MISSING', {
          zh: `要删除的部件不存在：${partPath(p)}`,
          en: `part to remove does not exist: ${partPath(p)}`,
        });
      remove.add(e.name);
    }
    const bytes = rewriteZip(this.bytes, this.dir, { replace, add, remove }, options);
    return OfdPackage.open(bytes, {
      limits: options.limits ?? this.limits,
      mode: options.mode ?? this.diag.mode,
    });
  }

  /** A new package with `parts` added (they must not exist yet). Other entries are copied byte for byte. */
  withAdded(parts: PartMap, options?: ZipWriteOptions & OpenOptions): OfdPackage {
    return this.withChanges({ add: parts }, options);
  }

  /** A new package with existing `parts` replaced in place. Other entries are copied byte for byte. */
  withReplaced(parts: PartMap, options?: ZipWriteOptions & OpenOptions): OfdPackage {
    return this.withChanges({ replace: parts }, options);
  }
}

/** Collects an async source of chunks into one array, refusing more than `max` bytes. */
export async function collectChunks(
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  max: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let n = 0;
  const push = (c: Uint8Array) => {
    n += c.length;
    if (n > max) {
      throw new LimitExceededError(
        'ERR_OFD_LIMIT_ARCHIVE_SIZE',
        { zh: `输入超过上限 ${max} 字节`, en: `input exceeds the limit of ${max} bytes` },
        { details: { limit: max } },
      );
    }
    chunks.push(c instanceof Uint8Array ? c : new Uint8Array(c as ArrayBufferLike));
  };
  if (
    typeof (source as ReadableStream<Uint8Array>).getReader === 'function' &&
    !(Symbol.asyncIterator in source)
  ) {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        push(value);
      }
    } finally {
      reader.releaseLock();
    }
  } else {
    for await (const c of source as AsyncIterable<Uint8Array>) push(c);
  }
  return concatBytes(...chunks);
}
