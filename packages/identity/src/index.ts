/**
 * `@gbkit/identity`: one identity model for natural persons and legal entities (GB/T 39046 Table 12,
 * GB/T 31072), assurance levels L0–L3, compact JWS with SM2/HMAC-SM3 beside the standard algorithms,
 * and platform tokens. Browser-safe; login adapters and the JWKS handler are in `@gbkit/identity/node`.
 *
 * @packageDocumentation
 */

export {
  identityFromTyrz,
  parseExtProperties,
  type TyrzTokenInfo,
  type TyrzUserObject,
} from './adapters/tyrz-map.js';
export * from './audit.js';
export * from './cert-types.js';
export * from './hashed-id.js';
export * from './jose/errors.js';
export * from './jose/import.js';
export * from './jose/jwk.js';
export * from './jose/jws.js';
export * from './jose/strict.js';
export * from './levels.js';
export * from './model.js';
export * from './platform-token.js';
export * from './validate.js';
