/**
 * A WebCrypto-shaped `Crypto` object that adds SM2 (GB/T 32918) and SM3 (GB/T 32905) to an ordinary
 * WebCrypto implementation, for libraries that take a `crypto` argument, such as `@peculiar/x509`.
 *
 * SM2 and SM3 run on `@gbkit/crypto`'s own code (`sm2Sign`, `sm2Verify`, `sm3`, the SPKI/PKCS#8
 * codecs); every other algorithm goes to the fallback `Crypto` (default `globalThis.crypto`).
 *
 * ```text
 * algorithm                          subtle methods
 * { name: 'SM3' }                    digest
 * { name: 'SM2', namedCurve: 'SM2' } generateKey, importKey (spki | raw | pkcs8), exportKey (spki | raw | pkcs8)
 * { name: 'SM2', hash: 'SM3' }       sign, verify — SM3withSM2 (1.2.156.10197.1.501) with Z(userId)
 * ```
 *
 * Signatures are DER `SM2Signature ::= SEQUENCE { r INTEGER, s INTEGER }` (GM/T 0009) by default, because
 * that is what X.509, CMS and `@peculiar/x509`'s default signature formatter carry; `signatureFormat: 'raw'`
 * switches to 64-byte r‖s. This module has no side effects and does not import `@peculiar/x509`.
 * @module
 */
import { InvalidArgumentError, UnsupportedError } from '@gbkit/core';
import { decodePkcs8, encodeSpki, exportPrivateKeyPkcs8, parseSpki } from '../pki/keys.js';
import {
  SM2_DEFAULT_USER_ID,
  type Sm2SignatureFormat,
  sm2GenerateKeyPair,
  sm2GetPublicKey,
  sm2NormalizePublicKey,
  sm2Sign,
  sm2Verify,
} from '../sm2/index.js';
import { sm3 } from '../sm3/index.js';

/** The `algorithm` of an SM2 {@link Sm2CryptoKey}. */
export interface Sm2KeyAlgorithm extends KeyAlgorithm {
  readonly name: 'SM2';
  /** Always `'SM2'` (the curve sm2p256v1, `1.2.156.10197.1.301`). */
  readonly namedCurve: 'SM2';
}

/**
 * SM2 parameters for `subtle.sign`/`verify`/`importKey`/`generateKey`: `{ name: 'SM2' }` plus optional
 * `hash` (only `'SM3'`) and `userId` (the signer ID hashed into Z; default the crypto object's).
 */
export interface Sm2Params extends Algorithm {
  readonly name: 'SM2' | string;
  readonly hash?: string | { readonly name: string };
  readonly namedCurve?: string;
  /** SM2 signer ID (GB/T 32918.2 Z value); overrides the key's and the crypto object's. */
  readonly userId?: string | Uint8Array;
}

interface KeyMaterial {
  readonly publicKey: Uint8Array;
  readonly privateKey?: Uint8Array;
  readonly userId?: string | Uint8Array;
}

const material = new WeakMap<Sm2CryptoKey, KeyMaterial>();

/**
 * A `CryptoKey` holding an SM2 public or private key. The key bytes are not reachable through the
 * object's properties (only through `exportKey` of an extractable key), like a WebCrypto key.
 *
 * @example
 * ```ts
 * import { gmCrypto } from '@gbkit/crypto/x509';
 * const { privateKey, publicKey } = await gmCrypto.subtle.generateKey({ name: 'SM2', namedCurve: 'SM2' }, false, ['sign', 'verify']);
 * console.log(privateKey.type, publicKey.type, publicKey.algorithm.name); // private public SM2
 * ```
 */
export class Sm2CryptoKey implements CryptoKey {
  readonly type: KeyType;
  readonly algorithm: Sm2KeyAlgorithm = { name: 'SM2', namedCurve: 'SM2' };
  readonly extractable: boolean;
  readonly usages: KeyUsage[];

  /** @internal use {@link sm2CryptoKeys} or `subtle.importKey`/`generateKey` */
  constructor(type: KeyType, keys: KeyMaterial, extractable: boolean, usages: readonly KeyUsage[]) {
    this.type = type;
    this.extractable = extractable;
    this.usages = [...usages];
    material.set(this, keys);
  }

  get [Symbol.toStringTag](): string {
    return 'CryptoKey';
  }
}

/** Options for {@link createGmCrypto}. */
export interface GmCryptoOptions {
  /**
   * Default SM2 signer ID for sign/verify when neither the call's algorithm nor the key carries one.
   * Default `1234567812345678` (GM/T 0009), the ID OpenSSL uses with `distid:1234567812345678`.
   */
  readonly userId?: string | Uint8Array;
  /** Encoding of SM2 signature values for sign and verify. Default `'der'`. */
  readonly signatureFormat?: Sm2SignatureFormat;
  /** The WebCrypto used for every other algorithm and for random numbers. Default `globalThis.crypto`. */
  readonly fallback?: Crypto;
}

/** A WebCrypto `Crypto` with SM2/SM3 added, as returned by {@link createGmCrypto}. */
export interface GmCrypto extends Crypto {
  /** The SM2 signer ID used when neither the algorithm nor the key gives one. */
  readonly userId: string | Uint8Array;
  /** The SM2 signature encoding of sign and verify. */
  readonly signatureFormat: Sm2SignatureFormat;
}

type Alg = AlgorithmIdentifier | Sm2Params | undefined;

const algName = (a: unknown): string =>
  (typeof a === 'string' ? a : ((a as { name?: unknown } | undefined)?.name ?? '')).toString().toUpperCase();

const isSm2 = (a: unknown): a is Sm2Params => algName(a) === 'SM2';
const isSm3 = (a: unknown): boolean => algName(a) === 'SM3';

function bytes(data: unknown, field: string): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new InvalidArgumentError('ERR_GMCRYPTO_DATA', {
    zh: `${field} 必须是 ArrayBuffer 或 ArrayBufferView`,
    en: `${field} must be an ArrayBuffer or ArrayBufferView`,
  });
}

const arrayBuffer = (u: Uint8Array): ArrayBuffer => u.slice().buffer as ArrayBuffer;

function checkHash(alg: Sm2Params): void {
  if (alg.hash === undefined) return;
  if (!isSm3(alg.hash)) {
    throw new UnsupportedError('ERR_GMCRYPTO_HASH', {
      zh: `SM2 签名只使用 SM3，不支持 ${algName(alg.hash)}`,
      en: `SM2 signatures use SM3; ${algName(alg.hash)} is not supported`,
    });
  }
}

function checkUsages(usages: readonly KeyUsage[], allowed: readonly KeyUsage[], what: string): void {
  const bad = usages.filter((u) => !allowed.includes(u));
  if (bad.length > 0) {
    throw new InvalidArgumentError('ERR_GMCRYPTO_KEY_USAGE', {
      zh: `${what} 不能用于 ${bad.join(', ')}（只允许 ${allowed.join(', ')}）`,
      en: `${what} cannot be used for ${bad.join(', ')} (allowed: ${allowed.join(', ')})`,
    });
  }
}

function sm2Key(key: CryptoKey, type: KeyType, usage: KeyUsage): KeyMaterial {
  const m = key instanceof Sm2CryptoKey ? material.get(key) : undefined;
  if (!m) {
    throw new InvalidArgumentError('ERR_GMCRYPTO_KEY', {
      zh: 'SM2 运算需要由本 crypto 对象导入或生成的 SM2 密钥',
      en: 'SM2 operations need an SM2 key imported or generated by this crypto object',
    });
  }
  if (key.type !== type || !key.usages.includes(usage)) {
    throw new InvalidArgumentError('ERR_GMCRYPTO_KEY_USAGE', {
      zh: `需要用途为 ${usage} 的 SM2 ${type === 'private' ? '私钥' : '公钥'}`,
      en: `an SM2 ${type} key with usage ${usage} is required`,
    });
  }
  return m;
}

function unsupported(what: string): UnsupportedError {
  return new UnsupportedError('ERR_GMCRYPTO_UNSUPPORTED', {
    zh: `SM2 不支持 ${what}`,
    en: `${what} is not supported for SM2`,
  });
}

/**
 * Wraps an SM2 key pair of `@gbkit/crypto` (`sm2GenerateKeyPair()`, `importPrivateKey(…)`, a PKCS#12 key)
 * as a WebCrypto `CryptoKeyPair` for {@link gmCrypto}, e.g. as `signingKey` of
 * `X509CertificateGenerator.create`. The private key is not extractable unless `extractable` is set.
 *
 * @example
 * ```ts
 * import { sm2GenerateKeyPair } from '@gbkit/crypto';
 * import { gmCrypto, sm2CryptoKeys } from '@gbkit/crypto/x509';
 * const keys = sm2CryptoKeys(sm2GenerateKeyPair());
 * const data = new TextEncoder().encode('hello');
 * const sig = await gmCrypto.subtle.sign({ name: 'SM2', hash: 'SM3' }, keys.privateKey, data);
 * console.log(await gmCrypto.subtle.verify({ name: 'SM2', hash: 'SM3' }, keys.publicKey, sig, data)); // true
 * ```
 */
export function sm2CryptoKeys(
  pair: { readonly privateKey: Uint8Array; readonly publicKey?: Uint8Array },
  options: { readonly extractable?: boolean; readonly userId?: string | Uint8Array } = {},
): CryptoKeyPair & { privateKey: Sm2CryptoKey; publicKey: Sm2CryptoKey } {
  const publicKey = pair.publicKey ? sm2NormalizePublicKey(pair.publicKey) : sm2GetPublicKey(pair.privateKey);
  const derived = sm2GetPublicKey(pair.privateKey);
  if (pair.publicKey && derived.some((b, i) => b !== publicKey[i])) {
    throw new InvalidArgumentError('ERR_GMCRYPTO_KEY_MISMATCH', {
      zh: 'SM2 公钥与私钥不匹配',
      en: 'the SM2 public key does not match the private key',
    });
  }
  const m = {
    publicKey,
    privateKey: pair.privateKey.slice(),
    ...(options.userId === undefined ? {} : { userId: options.userId }),
  };
  return {
    privateKey: new Sm2CryptoKey('private', m, options.extractable ?? false, ['sign']),
    publicKey: new Sm2CryptoKey(
      'public',
      { publicKey, ...(options.userId === undefined ? {} : { userId: options.userId }) },
      true,
      ['verify'],
    ),
  };
}

function fallbackOf(options: GmCryptoOptions): () => Crypto {
  return () => {
    const c = options.fallback ?? (globalThis as { crypto?: Crypto }).crypto;
    if (!c?.subtle) {
      throw new UnsupportedError('ERR_GMCRYPTO_NO_WEBCRYPTO', {
        zh: '此运行环境没有 WebCrypto（globalThis.crypto），只能使用 SM2/SM3',
        en: 'this runtime has no WebCrypto (globalThis.crypto); only SM2/SM3 are available',
      });
    }
    return c;
  };
}

/**
 * Creates a WebCrypto-shaped `Crypto` that handles SM2 and SM3 itself and passes everything else to a
 * fallback WebCrypto. Use it wherever a library accepts a `crypto` argument (`@peculiar/x509`'s
 * `verify`, `X509ChainBuilder.build`, `X509CertificateGenerator.create`, or `x509.cryptoProvider.set`).
 *
 * @example
 * ```ts
 * import { createGmCrypto } from '@gbkit/crypto/x509';
 * const c = createGmCrypto({ userId: 'alice@example.cn' });
 * const { privateKey, publicKey } = await c.subtle.generateKey({ name: 'SM2', namedCurve: 'SM2' }, true, ['sign', 'verify']);
 * const data = new TextEncoder().encode('abc');
 * const sig = await c.subtle.sign({ name: 'SM2', hash: 'SM3' }, privateKey, data);
 * console.log(await c.subtle.verify({ name: 'SM2' }, publicKey, sig, data)); // true
 * console.log(await c.subtle.verify({ name: 'SM2', userId: '1234567812345678' }, publicKey, sig, data)); // false
 * console.log(new Uint8Array(await c.subtle.digest('SM3', data))[0].toString(16)); // 66
 * ```
 */
export function createGmCrypto(options: GmCryptoOptions = {}): GmCrypto {
  const fallback = fallbackOf(options);
  const defaultUserId = options.userId ?? SM2_DEFAULT_USER_ID;
  const format: Sm2SignatureFormat = options.signatureFormat ?? 'der';
  if (format !== 'der' && format !== 'raw') {
    throw new InvalidArgumentError('ERR_GMCRYPTO_OPTION', {
      zh: `未知的签名格式 ${String(format)}`,
      en: `unknown signature format ${String(format)}`,
    });
  }
  const userIdOf = (alg: Sm2Params, key: KeyMaterial) => alg.userId ?? key.userId ?? defaultUserId;
  const keyUserId = (alg: unknown) => {
    const id = (alg as Sm2Params | undefined)?.userId;
    return id === undefined ? {} : { userId: id };
  };

  const subtle = {
    async digest(algorithm: Alg, data: BufferSource): Promise<ArrayBuffer> {
      if (isSm3(algorithm)) return arrayBuffer(sm3(bytes(data, 'data')));
      return fallback().subtle.digest(algorithm as AlgorithmIdentifier, data);
    },

    async sign(algorithm: Alg, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer> {
      if (!isSm2(algorithm)) return fallback().subtle.sign(algorithm as AlgorithmIdentifier, key, data);
      checkHash(algorithm);
      const m = sm2Key(key, 'private', 'sign');
      const sig = sm2Sign(bytes(data, 'data'), m.privateKey as Uint8Array, {
        userId: userIdOf(algorithm, m),
        publicKey: m.publicKey,
        format,
      });
      return arrayBuffer(sig);
    },

    async verify(
      algorithm: Alg,
      key: CryptoKey,
      signature: BufferSource,
      data: BufferSource,
    ): Promise<boolean> {
      if (!isSm2(algorithm)) {
        return fallback().subtle.verify(algorithm as AlgorithmIdentifier, key, signature, data);
      }
      checkHash(algorithm);
      const m = sm2Key(key, 'public', 'verify');
      return sm2Verify(bytes(data, 'data'), bytes(signature, 'signature'), m.publicKey, {
        userId: userIdOf(algorithm, m),
        format,
      }).valid;
    },

    async generateKey(
      algorithm: Alg,
      extractable: boolean,
      usages: KeyUsage[],
    ): Promise<CryptoKeyPair | CryptoKey> {
      if (!isSm2(algorithm)) {
        return fallback().subtle.generateKey(algorithm as AlgorithmIdentifier, extractable, usages);
      }
      checkUsages(usages, ['sign', 'verify'], 'SM2 key');
      const pair = sm2GenerateKeyPair();
      const id = keyUserId(algorithm);
      return {
        privateKey: new Sm2CryptoKey(
          'private',
          { ...pair, ...id },
          extractable,
          usages.filter((u) => u === 'sign'),
        ),
        publicKey: new Sm2CryptoKey(
          'public',
          { publicKey: pair.publicKey, ...id },
          true,
          usages.filter((u) => u === 'verify'),
        ),
      };
    },

    async importKey(
      format: KeyFormat,
      keyData: BufferSource | JsonWebKey,
      algorithm: Alg,
      extractable: boolean,
      usages: KeyUsage[],
    ): Promise<CryptoKey> {
      if (!isSm2(algorithm)) {
        return fallback().subtle.importKey(
          format as 'raw',
          keyData as BufferSource,
          algorithm as AlgorithmIdentifier,
          extractable,
          usages,
        );
      }
      const id = keyUserId(algorithm);
      if (format === 'spki' || format === 'raw') {
        checkUsages(usages, ['verify'], 'SM2 public key');
        const data = bytes(keyData, 'keyData');
        let publicKey: Uint8Array;
        if (format === 'raw') {
          publicKey = sm2NormalizePublicKey(data);
        } else {
          const info = parseSpki(data);
          if (!info.isSm2) {
            throw new UnsupportedError('ERR_GMCRYPTO_NOT_SM2', {
              zh: `不是 SM2 公钥（算法 ${info.algorithm}${info.namedCurve ? `，曲线 ${info.namedCurve}` : ''}）`,
              en: `not an SM2 public key (algorithm ${info.algorithm}${info.namedCurve ? `, curve ${info.namedCurve}` : ''})`,
            });
          }
          publicKey = info.publicKey;
        }
        return new Sm2CryptoKey('public', { publicKey, ...id }, extractable, usages);
      }
      if (format === 'pkcs8') {
        checkUsages(usages, ['sign'], 'SM2 private key');
        const pair = decodePkcs8(bytes(keyData, 'keyData'));
        return new Sm2CryptoKey('private', { ...pair, ...id }, extractable, usages);
      }
      throw unsupported(`importKey format ${String(format)}`);
    },

    async exportKey(format: KeyFormat, key: CryptoKey): Promise<ArrayBuffer | JsonWebKey> {
      const m = key instanceof Sm2CryptoKey ? material.get(key) : undefined;
      if (!m) return fallback().subtle.exportKey(format as 'raw', key);
      if (!key.extractable) {
        throw new InvalidArgumentError('ERR_GMCRYPTO_NOT_EXTRACTABLE', {
          zh: '该 SM2 密钥不可导出',
          en: 'the SM2 key is not extractable',
        });
      }
      if (key.type === 'public' && format === 'spki') return arrayBuffer(encodeSpki(m.publicKey));
      if (key.type === 'public' && format === 'raw') return arrayBuffer(m.publicKey);
      if (key.type === 'private' && format === 'pkcs8') {
        return arrayBuffer(
          exportPrivateKeyPkcs8({ privateKey: m.privateKey as Uint8Array, publicKey: m.publicKey }, 'der'),
        );
      }
      throw unsupported(`exportKey format ${String(format)} of a ${key.type} key`);
    },

    encrypt: (...a: Parameters<SubtleCrypto['encrypt']>) => fallback().subtle.encrypt(...a),
    decrypt: (...a: Parameters<SubtleCrypto['decrypt']>) => fallback().subtle.decrypt(...a),
    deriveBits: (...a: Parameters<SubtleCrypto['deriveBits']>) => fallback().subtle.deriveBits(...a),
    deriveKey: (...a: Parameters<SubtleCrypto['deriveKey']>) => fallback().subtle.deriveKey(...a),
    wrapKey: (...a: Parameters<SubtleCrypto['wrapKey']>) => fallback().subtle.wrapKey(...a),
    unwrapKey: (...a: Parameters<SubtleCrypto['unwrapKey']>) => fallback().subtle.unwrapKey(...a),
  };

  const gm = {
    subtle: subtle as unknown as SubtleCrypto,
    userId: defaultUserId,
    signatureFormat: format,
    getRandomValues<T extends ArrayBufferView | null>(array: T): T {
      return fallback().getRandomValues(array as ArrayBufferView) as T;
    },
    randomUUID(): `${string}-${string}-${string}-${string}-${string}` {
      return fallback().randomUUID();
    },
  };
  return gm;
}

/**
 * The default {@link createGmCrypto} instance: user ID `1234567812345678`, DER signatures, fallback
 * `globalThis.crypto`.
 *
 * @example
 * ```ts
 * import { gmCrypto } from '@gbkit/crypto/x509';
 * const d = await gmCrypto.subtle.digest({ name: 'SM3' }, new TextEncoder().encode('abc'));
 * console.log(Buffer.from(d).toString('hex').slice(0, 16)); // 66c7f0f462eeedd9
 * ```
 */
export const gmCrypto: GmCrypto = createGmCrypto();
