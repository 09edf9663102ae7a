/**
 * Optional native inflate: on Node, `node:zlib` is loaded lazily (a dynamic import behind runtime
 * detection, so browsers and bundlers never see a static `node:` import) and used once available;
 * elsewhere, or until it has loaded, fflate's pure-JS inflate is used. Both produce the same bytes;
 * the native one is several times faster on the small parts of an OFD package. node:zlib's `crc32`
 * (Node ≥ 20.15) is used the same way for the CRC-32 check of every inflated part.
 * @module
 */

interface NodeZlib {
  inflateRawSync(data: Uint8Array, options?: { maxOutputLength?: number }): Uint8Array;
  /** Node ≥ 20.15 / 22.2 only. */
  crc32?: (data: Uint8Array, value?: number) => number;
}

let zlib: NodeZlib | undefined;
let loading: Promise<void> | undefined;
let crc: ((data: Uint8Array, value?: number) => number) | undefined;

/**
 * Starts loading `node:zlib` when running on Node (idempotent); the promise settles when the native
 * inflate is ready (or known to be unavailable). Awaiting it is optional: until then fflate is used.
 */
export function loadNativeInflate(): Promise<void> {
  if (loading) return loading;
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (!proc?.versions?.node) {
    loading = Promise.resolve();
    return loading;
  }
  const spec = 'node:zlib';
  loading = import(/* @vite-ignore */ /* webpackIgnore: true */ spec).then(
    (m: NodeZlib & { default?: NodeZlib }) => {
      zlib = typeof m.inflateRawSync === 'function' ? m : m.default;
      const c = zlib?.crc32;
      // self-check once: the native CRC must agree with the table-driven one (APPNOTE check value)
      if (typeof c === 'function' && c(new TextEncoder().encode('123456789'), 0) === 0xcbf43926) crc = c;
    },
    () => undefined,
  );
  return loading;
}

loadNativeInflate();

/**
 * Inflates raw deflate data with node:zlib when loaded, refusing output beyond `maxOutput` bytes.
 * Returns undefined when the native inflate is not available.
 */
export function nativeInflate(data: Uint8Array, maxOutput: number): Uint8Array | undefined {
  if (!zlib) return undefined;
  const out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxOutput) });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Whether the native inflate has loaded. */
export function hasNativeInflate(): boolean {
  return zlib !== undefined;
}

/**
 * CRC-32 with node:zlib's `crc32` (Node ≥ 20.15) when loaded, continuing from `value`; undefined when
 * not available. Same result as the table-driven `crc32` in `crc32.ts`, about 15× faster.
 */
export function nativeCrc32(data: Uint8Array, value: number): number | undefined {
  return crc ? crc(data, value) >>> 0 : undefined;
}
