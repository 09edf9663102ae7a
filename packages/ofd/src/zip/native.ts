/**
 * Optional native inflate: on Node, `node:zlib` is loaded lazily (a dynamic import behind runtime
 * detection, so browsers and bundlers never see a static `node:` import) and used once available;
 * elsewhere, or until it has loaded, fflate's pure-JS inflate is used. Both produce the same bytes;
 * the native one is several times faster on the small parts of an OFD package.
 * @module
 */

interface NodeZlib {
  inflateRawSync(data: Uint8Array, options?: { maxOutputLength?: number }): Uint8Array;
}

let zlib: NodeZlib | undefined;
let loading: Promise<void> | undefined;

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
