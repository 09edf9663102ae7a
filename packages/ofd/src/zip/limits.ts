/**
 * Safety limits applied when opening a zip package, against decompression bombs and oversized input.
 * All are configurable per call; the defaults are generous for real documents (the largest real OFD
 * in the corpus is 0.45 MB unzipped) and small enough to keep a server safe.
 * @module
 */

/** Limits checked while opening and reading a package. */
export interface ZipLimits {
  /** Most entries (files and folders) in the central directory. Default 10,000. */
  readonly maxEntries: number;
  /** Most bytes of all entries together once decompressed (declared sizes, enforced while inflating). Default 512 MiB. */
  readonly maxTotalUncompressed: number;
  /** Most bytes of one entry once decompressed. Default 256 MiB. */
  readonly maxEntryUncompressed: number;
  /** Highest ratio uncompressed ÷ compressed for one entry larger than {@link ZipLimits.ratioMinSize}. Default 200. */
  readonly maxRatio: number;
  /** Entries up to this many uncompressed bytes are exempt from the ratio check. Default 1 MiB. */
  readonly ratioMinSize: number;
  /** Most bytes read from a stream or accepted as input. Default 1 GiB. */
  readonly maxArchiveSize: number;
}

/** The default {@link ZipLimits}. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = Object.freeze({
  maxEntries: 10_000,
  maxTotalUncompressed: 512 * 1024 * 1024,
  maxEntryUncompressed: 256 * 1024 * 1024,
  maxRatio: 200,
  ratioMinSize: 1024 * 1024,
  maxArchiveSize: 1024 * 1024 * 1024,
});

/** Merges partial limits over the defaults. */
export function resolveLimits(limits?: Partial<ZipLimits>): ZipLimits {
  return { ...DEFAULT_ZIP_LIMITS, ...(limits ?? {}) };
}
