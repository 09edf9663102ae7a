/**
 * `@gbkit/crypto/x509`: SM2/SM3 for [`@peculiar/x509`](https://github.com/PeculiarVentures/x509)
 * 2.x — parse Chinese certificates with SM3withSM2 signatures, verify them, build chains, and create
 * certificates and CSRs with `X509CertificateGenerator`/`Pkcs10CertificateRequestGenerator`.
 *
 * This entry is opt-in and separate from `@gbkit/crypto` because `@peculiar/x509` 2.x needs the
 * `reflect-metadata` polyfill and a global tsyringe container: importing this entry installs
 * `Reflect.getMetadata` (its only side effect, listed in package.json `sideEffects`); nothing is
 * registered until you call {@link registerSm2} or {@link useSm2}.
 *
 * Import it before `@peculiar/x509` (or use the re-exported {@link x509} namespace), as
 * `@peculiar/x509` throws at import time without the polyfill.
 *
 * @example
 * ```ts
 * import { sm2GenerateKeyPair } from '@gbkit/crypto';
 * import { gmCrypto, registerSm2, sm2CryptoKeys, x509 } from '@gbkit/crypto/x509';
 * registerSm2();
 * const keys = sm2CryptoKeys(sm2GenerateKeyPair());
 * const ca = await x509.X509CertificateGenerator.createSelfSigned(
 *   { serialNumber: '01', name: 'CN=SM2 Root', keys, signingAlgorithm: { name: 'SM2', hash: 'SM3' } as Algorithm,
 *     extensions: [new x509.BasicConstraintsExtension(true, undefined, true)] },
 *   gmCrypto,
 * );
 * console.log(ca.signatureAlgorithm.name, await ca.verify({ signatureOnly: true }, gmCrypto)); // SM2 true
 * ```
 * @packageDocumentation
 */
// The Reflect metadata polyfill, which tsyringe (inside @peculiar/x509 2.x) requires at import time. It
// installs `Reflect.getMetadata` & co. globally: the one global side effect of @gbkit/crypto, which is why
// only the built `dist/x509.*` files are listed under `sideEffects` in package.json and the main entry
// never imports it. It is imported here directly, not through a helper module, so that bundlers that
// honour `sideEffects` cannot drop it.
import 'reflect-metadata';

/**
 * The `@peculiar/x509` module itself (version 2.2), re-exported so that it is loaded after the
 * `reflect-metadata` polyfill this entry installs.
 *
 * @example
 * ```ts
 * import { registerSm2, x509 } from '@gbkit/crypto/x509';
 * registerSm2();
 * console.log(typeof x509.X509Certificate); // function
 * ```
 */
export * as x509 from '@peculiar/x509';
export { Sm2Algorithm } from './algorithm.js';
export {
  createGmCrypto,
  type GmCrypto,
  type GmCryptoOptions,
  gmCrypto,
  Sm2CryptoKey,
  type Sm2KeyAlgorithm,
  type Sm2Params,
  sm2CryptoKeys,
} from './crypto.js';
export { type RegisterSm2Options, registerSm2, type UseSm2Options, useSm2 } from './register.js';
