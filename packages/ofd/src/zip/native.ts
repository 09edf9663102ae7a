/**
 * Optional native inflate: on Node, `node:zlib` is loaded lazily (a dynamic import behind runtime
 * detection, so browsers and bundlers never see a static `node:` import) and used once available;
 * elsewhere, or until it has loaded, fflate's pure-JS inflate is used. Both produce the same bytes;
 * the native one is several times faster on the small parts of an OFD package. node:zlib's `crc32`
 * (Node ≥ 20.15) is used the same way for the CRC-32 check of every inflated part.
 *
 * `inflateRawSync` builds a new stream object and zlib state for every call, which costs more than
 * inflating a typical 1–5 KB OFD part. So one raw-inflate handle is kept per process and reset
 * between parts: the same native zlib code that `inflateRawSync` runs (its `writeSync` with
 * `Z_FINISH`), without the per-call stream set-up. It relies on the handle behind Node's `InflateRaw`
 * stream, so it is only used after a self-check at load (inflate known data, detect a truncated
 * stream, inflate again after the error); otherwise, or if the handle ever misbehaves, every part
 * goes through `inflateRawSync` as before.
 * @module
 */

interface NodeZlib {
  inflateRawSync(data: Uint8Array, options?: { maxOutputLength?: number }): Uint8Array;
  deflateRawSync?(data: Uint8Array): Uint8Array;
  createInflateRaw?(): unknown;
  constants?: { Z_FINISH?: number };
  /** Node ≥ 20.15 / 22.2 only. */
  crc32?: (data: Uint8Array, value?: number) => number;
}

/** The native zlib handle behind a Node `InflateRaw` stream (what `inflateRawSync` drives). */
interface RawHandle {
  reset(): void;
  writeSync(
    flush: number,
    input: Uint8Array,
    inOff: number,
    inLen: number,
    out: Uint8Array,
    outOff: number,
    outLen: number,
  ): void;
  onerror: ((message: string, errno: number, code?: string) => void) | undefined;
}

let zlib: NodeZlib | undefined;
let loading: Promise<void> | undefined;
let crc: ((data: Uint8Array, value?: number) => number) | undefined;

/** The reused raw-inflate handle and its result slots (avail_out, avail_in after a write). */
let handle: RawHandle | undefined;
let writeState: Uint32Array | undefined;
let zFinish = 4;
let handleError: Error | undefined;
let handleBusy = false;

/** Takes the native handle of a fresh `InflateRaw` stream, or undefined when its shape is unknown. */
function takeHandle(z: NodeZlib): { h: RawHandle; state: Uint32Array } | undefined {
  if (typeof z.createInflateRaw !== 'function') return undefined;
  const s = z.createInflateRaw() as { _handle?: unknown; _writeState?: unknown };
  const h = s._handle as RawHandle | undefined;
  const state = s._writeState;
  if (
    !h ||
    typeof h.reset !== 'function' ||
    typeof h.writeSync !== 'function' ||
    !(state instanceof Uint32Array) ||
    state.length < 2
  )
    return undefined;
  h.onerror = (message: string, errno: number, code?: string) => {
    handleError = Object.assign(new Error(message), { errno, code });
  };
  return { h, state };
}

/**
 * Inflates with the reused handle into a buffer of `cap` bytes. Returns the bytes produced (at most
 * `cap`); throws zlib's error (e.g. "unexpected end of file") like `inflateRawSync` does.
 */
function handleInflate(
  input: Uint8Array,
  inOff: number,
  inLen: number,
  cap: number,
  room?: Uint8Array,
): Uint8Array {
  const h = handle as RawHandle;
  const st = writeState as Uint32Array;
  const out = room && room.length >= cap ? room : new Uint8Array(cap);
  handleError = undefined;
  handleBusy = true;
  try {
    h.reset();
    h.writeSync(zFinish, input, inOff, inLen, out, 0, cap);
  } finally {
    handleBusy = false;
  }
  if (handleError) {
    const e = handleError;
    handleError = undefined;
    throw e;
  }
  const produced = cap - (st[0] as number);
  return produced === out.length ? out : out.subarray(0, produced);
}

/** Checks the reused handle against `inflateRawSync` on known data; true when it behaves the same. */
function selfCheck(z: NodeZlib): boolean {
  if (typeof z.deflateRawSync !== 'function') return false;
  const text = new TextEncoder().encode(
    '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016">'.repeat(40),
  );
  const packed = z.deflateRawSync(text);
  const same = (a: Uint8Array, b: Uint8Array): boolean => {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  };
  if (!same(handleInflate(packed, 0, packed.length, text.length + 2), text)) return false;
  // a truncated stream must be an error, and the handle must work again afterwards
  let failed = false;
  try {
    handleInflate(packed, 0, packed.length >> 1, text.length + 2);
  } catch {
    failed = true;
  }
  if (!failed) return false;
  // output beyond the buffer stops at the buffer (the caller reports the overflow)
  if (handleInflate(packed, 0, packed.length, 10).length !== 10) return false;
  return same(handleInflate(packed, 0, packed.length, text.length + 2), text);
}

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
      const z = typeof m.inflateRawSync === 'function' ? m : m.default;
      zlib = z;
      const c = z?.crc32;
      // self-check once: the native CRC must agree with the table-driven one (APPNOTE check value)
      if (typeof c === 'function' && c(new TextEncoder().encode('123456789'), 0) === 0xcbf43926) crc = c;
      if (!z) return;
      try {
        const t = takeHandle(z);
        if (t) {
          handle = t.h;
          writeState = t.state;
          zFinish = z.constants?.Z_FINISH ?? 4;
          if (!selfCheck(z)) handle = undefined;
        }
      } catch {
        handle = undefined;
      }
    },
    () => undefined,
  );
  return loading;
}

loadNativeInflate();

/**
 * Inflates raw deflate data with node:zlib when loaded, refusing output beyond `maxOutput` bytes.
 * Returns undefined when the native inflate is not available. Throws like `inflateRawSync`: an error
 * with code `ERR_BUFFER_TOO_LARGE` beyond `maxOutput`, zlib's error for bad or truncated data.
 * `room`, when given and at least `maxOutput + 1` bytes long, receives the output (the result is then
 * a view of it), which spares an allocation per part. The deflate data are the `inLen` bytes of
 * `input` at `inOff` (all of `input` by default).
 */
export function nativeInflate(
  input: Uint8Array,
  maxOutput: number,
  room?: Uint8Array,
  inOff = 0,
  inLen = input.length - inOff,
): Uint8Array | undefined {
  if (!zlib) return undefined;
  const max = Math.max(1, maxOutput);
  if (inOff < 0 || inLen < 0 || inOff + inLen > input.length)
    throw new RangeError('input range out of bounds');
  if (handle && !handleBusy) {
    // one byte of room beyond `max` tells "exactly max" (accepted) from "more than max" (refused)
    const out = handleInflate(input, inOff, inLen, max + 1, room);
    if (out.length > max) {
      throw Object.assign(new RangeError(`Cannot create a Buffer larger than ${max} bytes`), {
        code: 'ERR_BUFFER_TOO_LARGE',
      });
    }
    return out;
  }
  const data = inOff === 0 && inLen === input.length ? input : input.subarray(inOff, inOff + inLen);
  const out = zlib.inflateRawSync(data, { maxOutputLength: max });
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
