/**
 * `@gbkit/crypto`: SM3 (GB/T 32905), SM2 signatures and encryption (GB/T 32918) in TypeScript for Node
 * and browsers, plus keys, certificates and PKI helpers with SM algorithms.
 *
 * @packageDocumentation
 */

export * from './pki/index.js';
export * from './sm2/index.js';
export * from './sm3/index.js';
