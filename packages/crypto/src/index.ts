/**
 * `@gbkit/crypto`: SM3 (GB/T 32905), SM2 signatures and encryption (GB/T 32918) in TypeScript for Node
 * and browsers, plus keys, certificates and PKI helpers with SM algorithms.
 *
 * @packageDocumentation
 */

/**
 * The small DER reader and writer gbkit's ASN.1 code shares (tags, TLV reading with byte offsets in
 * errors, and encoders for SEQUENCE, SET OF, INTEGER, OID, strings and times), e.g. `der.seq(der.oid('1.2.156.10197.1.401'))`.
 */
export * as der from './pki/der.js';
export * from './pki/index.js';
export * from './sm2/index.js';
export * from './sm3/index.js';
