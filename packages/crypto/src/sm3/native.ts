/**
 * Runtime detection of a native SM3 (Node's `crypto.createHash('sm3')`, OpenSSL). No static `node:`
 * import: the module is looked up through `process.getBuiltinModule` (Node ≥ 20.16) only when running
 * in Node, so browser bundles never reference a Node built-in.
 * @module
 */

/** The tiny part of Node's `crypto.Hash` we use. */
export interface NativeHash {
  update(data: Uint8Array): NativeHash;
  digest(): Uint8Array;
}

type CreateHash = (algorithm: string) => NativeHash;

let resolved = false;
let createHashFn: CreateHash | undefined;

/** Node's `createHash` when this runtime has a working native SM3, otherwise `undefined`. */
export function nativeCreateHash(): CreateHash | undefined {
  if (resolved) return createHashFn;
  resolved = true;
  try {
    const proc = (
      globalThis as { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown } }
    ).process;
    if (!proc?.versions?.node || typeof proc.getBuiltinModule !== 'function') return undefined;
    const mod = proc.getBuiltinModule('crypto') as
      | { createHash?: CreateHash; getHashes?: () => string[] }
      | undefined;
    if (!mod?.createHash || !mod.getHashes?.().includes('sm3')) return undefined;
    // Known answer (GB/T 32905 example 1) so a broken provider is never used.
    const d = mod
      .createHash('sm3')
      .update(new Uint8Array([0x61, 0x62, 0x63]))
      .digest();
    if (d.length !== 32 || d[0] !== 0x66 || d[31] !== 0xe0) return undefined;
    createHashFn = mod.createHash;
  } catch {
    createHashFn = undefined;
  }
  return createHashFn;
}
