/**
 * `Sm2Algorithm`: the `@peculiar/x509` algorithm provider (its `IAlgorithm` extension point, resolved
 * through the `diAlgorithm` token) that maps the GM/T 0006 identifiers to WebCrypto-style algorithms.
 *
 * ```asn1
 * AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
 *   -- signature:  sm2-with-SM3 1.2.156.10197.1.501 (no parameters)     ⇄ { name: 'SM2', hash: { name: 'SM3' } }
 *   --             GB/T 35275 SM2-1 1.2.156.10197.1.301.1 (read only)   → { name: 'SM2', hash: { name: 'SM3' } }
 *   -- public key: id-ecPublicKey 1.2.840.10045.2.1 with namedCurve sm2p256v1 1.2.156.10197.1.301
 *   --             (or the curve OID itself as the algorithm, read only)  ⇄ { name: 'SM2', namedCurve: 'SM2' }
 * ```
 * @module
 */
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { decodeOid, oid, readWhole, TAG } from '../pki/der.js';
import { OID } from '../pki/oids.js';

const SM2_CURVE_PARAMS = oid(OID.sm2Curve);

const nameOf = (a: unknown): string =>
  (typeof a === 'string' ? a : ((a as { name?: unknown } | undefined)?.name ?? '')).toString().toUpperCase();

function curveOf(parameters: ArrayBuffer | null | undefined): string | undefined {
  if (!parameters) return undefined;
  try {
    const t = readWhole(new Uint8Array(parameters), 'ECParameters');
    return t.tag === TAG.OID ? decodeOid(t.value) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Maps SM2/SM3 between ASN.1 `AlgorithmIdentifier` and WebCrypto-style algorithm objects for
 * `@peculiar/x509`. Register it with {@link registerSm2} (or yourself:
 * `container.register(diAlgorithm, { useValue: new Sm2Algorithm() })`); every certificate parsed
 * afterwards reports `signatureAlgorithm` `{ name: 'SM2', hash: { name: 'SM3' } }` and
 * `publicKey.algorithm` `{ name: 'SM2', namedCurve: 'SM2' }`, and generators accept
 * `signingAlgorithm: { name: 'SM2', hash: 'SM3' }`.
 *
 * @example
 * ```ts
 * import { Sm2Algorithm } from '@gbkit/crypto/x509';
 * const alg = new Sm2Algorithm();
 * console.log(alg.toAsnAlgorithm({ name: 'SM2', hash: { name: 'SM3' } } as Algorithm)?.algorithm); // 1.2.156.10197.1.501
 * ```
 */
export class Sm2Algorithm {
  /** WebCrypto algorithm → ASN.1, or `null` when it is not SM2 (so the next provider is asked). */
  toAsnAlgorithm(alg: Algorithm): AlgorithmIdentifier | null {
    if (nameOf(alg) !== 'SM2') return null;
    const hash = (alg as { hash?: unknown }).hash;
    if (hash !== undefined) {
      if (nameOf(hash) !== 'SM3') return null;
      return new AlgorithmIdentifier({ algorithm: OID.sm2WithSm3 });
    }
    return new AlgorithmIdentifier({
      algorithm: OID.ecPublicKey,
      parameters: SM2_CURVE_PARAMS.slice().buffer as ArrayBuffer,
    });
  }

  /** ASN.1 → WebCrypto algorithm, or `null` when it is not an SM2 identifier. */
  toWebAlgorithm(alg: AlgorithmIdentifier): Algorithm | null {
    switch (alg.algorithm) {
      case OID.sm2WithSm3:
      case OID.sm2Sign:
        return { name: 'SM2', hash: { name: 'SM3' } } as Algorithm;
      case OID.sm2Curve:
        return { name: 'SM2', namedCurve: 'SM2' } as Algorithm;
      case OID.ecPublicKey:
        return curveOf(alg.parameters) === OID.sm2Curve
          ? ({ name: 'SM2', namedCurve: 'SM2' } as Algorithm)
          : null;
      default:
        return null;
    }
  }
}
