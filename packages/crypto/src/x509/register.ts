/**
 * Plugging SM2/SM3 into `@peculiar/x509` through its two extension points: the algorithm registry
 * (the public `diAlgorithm` token of its tsyringe container, where {@link Sm2Algorithm} is added) and
 * the crypto provider (`x509.cryptoProvider`, or a `crypto` argument per call, for which
 * {@link createGmCrypto} makes a WebCrypto-shaped object). Nothing is registered at import time.
 * @module
 */
import 'reflect-metadata'; // before @peculiar/x509: tsyringe throws at import without it
import { cryptoProvider, diAlgorithm } from '@peculiar/x509';
import { type DependencyContainer, container as globalContainer } from 'tsyringe';
import { Sm2Algorithm } from './algorithm.js';
import { createGmCrypto, type GmCrypto, type GmCryptoOptions, gmCrypto } from './crypto.js';

/** Options for {@link registerSm2}. */
export interface RegisterSm2Options {
  /**
   * The tsyringe container `@peculiar/x509` resolves its algorithms from. Default: the global
   * `container` of the `tsyringe` that `@gbkit/crypto` depends on (4.10.x), which is the one
   * `@peculiar/x509` uses when both resolve to the same tsyringe. Pass yours if your application has
   * its own copy of `@peculiar/x509`/`tsyringe`.
   */
  readonly container?: DependencyContainer;
}

/** Options for {@link useSm2}. */
export interface UseSm2Options extends RegisterSm2Options, GmCryptoOptions {
  /** The crypto object to install as `@peculiar/x509`'s default. Default: {@link gmCrypto}, or a new
   * {@link createGmCrypto} when `userId`, `signatureFormat` or `fallback` are given. */
  readonly crypto?: Crypto;
}

const BRAND = Symbol.for('@gbkit/crypto/x509.Sm2Algorithm');

function hasSm2(container: DependencyContainer): boolean {
  if (!container.isRegistered(diAlgorithm)) return false;
  return container.resolveAll<object>(diAlgorithm).some((a) => BRAND in a || a instanceof Sm2Algorithm);
}

/**
 * Adds {@link Sm2Algorithm} to `@peculiar/x509`'s algorithm registry (`diAlgorithm`). Idempotent:
 * returns `true` when it registered, `false` when SM2 was already there. Certificates parsed before
 * the call keep the algorithm names they were parsed with, so call it first.
 *
 * @example
 * ```ts
 * import { registerSm2, x509 } from '@gbkit/crypto/x509';
 * registerSm2();
 * console.log(registerSm2()); // false
 * const alg = new x509.AlgorithmProvider().toAsnAlgorithm({ name: 'SM2', hash: 'SM3' } as Algorithm);
 * console.log(alg.algorithm); // 1.2.156.10197.1.501
 * ```
 */
export function registerSm2(options: RegisterSm2Options = {}): boolean {
  const container = options.container ?? globalContainer;
  if (hasSm2(container)) return false;
  const provider = new Sm2Algorithm();
  Object.defineProperty(provider, BRAND, { value: true });
  container.register(diAlgorithm, { useValue: provider });
  return true;
}

/**
 * {@link registerSm2} and make an SM2-capable crypto object `@peculiar/x509`'s default
 * (`x509.cryptoProvider.set`), so `cert.verify()`, `X509ChainBuilder.build()` and the generators
 * work with SM2 without a `crypto` argument. Idempotent; returns the installed crypto object.
 * Prefer passing {@link gmCrypto} per call in libraries: the default provider is global state.
 *
 * @example
 * ```ts
 * import { createTestPki } from '@gbkit/crypto';
 * import { useSm2, x509 } from '@gbkit/crypto/x509';
 * useSm2();
 * const pki = await createTestPki();
 * const ca = new x509.X509Certificate(pki.ca.certificatePem);
 * const signer = new x509.X509Certificate(pki.signer.certificatePem);
 * console.log(await signer.verify({ publicKey: ca.publicKey })); // true
 * ```
 */
export function useSm2(options: UseSm2Options = {}): GmCrypto | Crypto {
  registerSm2(options);
  const custom =
    options.userId !== undefined || options.signatureFormat !== undefined || options.fallback !== undefined;
  const c = options.crypto ?? (custom ? createGmCrypto(options) : gmCrypto);
  cryptoProvider.set(c);
  return c;
}
