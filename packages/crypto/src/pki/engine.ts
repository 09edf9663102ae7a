/**
 * A pkijs `CryptoEngine` that adds SM2/SM3 (GM/T 0006 OIDs) to pkijs, so pkijs' own
 * `SignedData.sign/verify`, `Certificate.verify`, `CertificateChainValidationEngine` and timestamp
 * code work with Chinese certificates. SM3 (`1.2.156.10197.1.401`), SM2-with-SM3
 * (`1.2.156.10197.1.501`) and GB/T 35275 SM2-1 (`1.2.156.10197.1.301.1`) go to gbkit's SM2/SM3;
 * everything else to WebCrypto as usual. SM2 signatures use Z with `userId` (default
 * `1234567812345678`).
 * @module
 */
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type Sm2KeyPair, sm2GetPublicKey, sm2Sign, sm2Verify } from '../sm2/index.js';
import { sm3 } from '../sm3/index.js';
import { OID } from './oids.js';

const view = (d: BufferSource): Uint8Array =>
  d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
const toAb = (u: Uint8Array): ArrayBuffer => u.slice().buffer as ArrayBuffer;
const algName = (a: unknown): string =>
  (typeof a === 'string' ? a : ((a as { name?: string })?.name ?? '')).toUpperCase();

/** A "CryptoKey" for an SM2 private key, as pkijs passes keys through to the engine untouched. */
export interface GmPrivateKey {
  readonly type: 'private';
  readonly algorithm: { readonly name: 'SM2' };
  readonly extractable: false;
  readonly usages: readonly ['sign'];
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** Wraps an SM2 private key for pkijs signing calls (`signedData.sign(gmPrivateKey(k), 0, 'SM3', …, engine)`). */
export function gmPrivateKey(key: Uint8Array | Sm2KeyPair): GmPrivateKey {
  const pair = key instanceof Uint8Array ? { privateKey: key, publicKey: sm2GetPublicKey(key) } : key;
  return {
    type: 'private',
    algorithm: { name: 'SM2' },
    extractable: false,
    usages: ['sign'],
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
  };
}

const SM2_SIG = new Set<string>([OID.sm2WithSm3, OID.sm2Sign]);

/**
 * pkijs `CryptoEngine` with SM2/SM3.
 *
 * @example
 * ```ts
 * import * as pkijs from 'pkijs';
 * import { GmCryptoEngine, createTestPki } from '@gbkit/crypto';
 * const pki = await createTestPki();
 * const engine = new GmCryptoEngine();
 * const cert = pkijs.Certificate.fromBER(pki.signer.certificate.der);
 * const ca = pkijs.Certificate.fromBER(pki.ca.certificate.der);
 * console.log(await cert.verify(ca, engine)); // true
 * ```
 */
export class GmCryptoEngine extends pkijs.CryptoEngine {
  /** SM2 signer ID (default `1234567812345678`). */
  userId: string | Uint8Array | undefined;

  constructor(options: { userId?: string | Uint8Array; crypto?: Crypto } = {}) {
    super({ name: 'gbkit-gm', crypto: options.crypto ?? globalThis.crypto });
    this.userId = options.userId;
  }

  override getOIDByAlgorithm(algorithm: Algorithm, safety?: boolean, target?: string): string {
    const name = algName(algorithm);
    if (name === 'SM3') return OID.sm3;
    if (name === 'SM2') return OID.sm2WithSm3;
    return super.getOIDByAlgorithm(algorithm, safety, target);
  }

  override getAlgorithmByOID<T extends Algorithm = Algorithm>(
    oid: string,
    safety?: boolean,
    target?: string,
  ): T | object;
  override getAlgorithmByOID<T extends Algorithm = Algorithm>(oid: string, safety: true, target?: string): T;
  override getAlgorithmByOID<T extends Algorithm = Algorithm>(
    oid: string,
    safety?: boolean,
    target?: string,
  ): T | object {
    if (oid === OID.sm3) return { name: 'SM3' } as unknown as T;
    if (SM2_SIG.has(oid)) return { name: 'SM2', hash: { name: 'SM3' } } as unknown as T;
    return super.getAlgorithmByOID<T>(oid, safety as boolean, target);
  }

  override getHashAlgorithm(signatureAlgorithm: pkijs.AlgorithmIdentifier): string {
    if (SM2_SIG.has(signatureAlgorithm.algorithmId)) return 'SM3';
    return super.getHashAlgorithm(signatureAlgorithm);
  }

  override async digest(algorithm: AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer> {
    if (algName(algorithm) === 'SM3') return toAb(sm3(view(data)));
    return super.digest(algorithm, data);
  }

  override async getSignatureParameters(
    privateKey: CryptoKey,
    hashAlgorithm = 'SM3',
  ): Promise<pkijs.CryptoEngineSignatureParams> {
    if (algName(privateKey.algorithm) !== 'SM2')
      return super.getSignatureParameters(privateKey, hashAlgorithm);
    return {
      signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sm2WithSm3 }),
      parameters: { algorithm: { name: 'SM2', hash: { name: 'SM3' } } as unknown as Algorithm },
    } as pkijs.CryptoEngineSignatureParams;
  }

  override async signWithPrivateKey(
    data: BufferSource,
    privateKey: CryptoKey,
    parameters: pkijs.CryptoEngineSignWithPrivateKeyParams,
  ): Promise<ArrayBuffer> {
    if (algName(privateKey.algorithm) !== 'SM2')
      return super.signWithPrivateKey(data, privateKey, parameters);
    const k = privateKey as unknown as GmPrivateKey;
    return toAb(
      sm2Sign(view(data), k.privateKey, {
        publicKey: k.publicKey,
        ...(this.userId !== undefined ? { userId: this.userId } : {}),
      }),
    );
  }

  override async verifyWithPublicKey(
    data: BufferSource,
    signature: asn1js.BitString | asn1js.OctetString,
    publicKeyInfo: pkijs.PublicKeyInfo,
    signatureAlgorithm: pkijs.AlgorithmIdentifier,
    shaAlgorithm?: string,
  ): Promise<boolean> {
    if (!SM2_SIG.has(signatureAlgorithm.algorithmId)) {
      return super.verifyWithPublicKey(data, signature, publicKeyInfo, signatureAlgorithm, shaAlgorithm);
    }
    const pub = new Uint8Array(publicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
    const sig = new Uint8Array(signature.valueBlock.valueHexView);
    return sm2Verify(view(data), sig, pub, this.userId !== undefined ? { userId: this.userId } : {}).valid;
  }
}
