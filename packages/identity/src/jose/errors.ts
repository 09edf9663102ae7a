/**
 * Typed errors of the JOSE layer, with the stable codes of `jose` where one exists (so code written against
 * jose's `err.code` keeps working): `ERR_JWS_INVALID`, `ERR_JWT_INVALID`, `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`,
 * `ERR_JOSE_ALG_NOT_ALLOWED`, `ERR_JOSE_NOT_SUPPORTED`, `ERR_JWKS_NO_MATCHING_KEY`,
 * `ERR_JWKS_MULTIPLE_MATCHING_KEYS`, `ERR_JWT_EXPIRED`, `ERR_JWT_CLAIM_VALIDATION_FAILED`, `ERR_JWK_INVALID`,
 * and gbkit's own `ERR_JWS_TOO_LARGE`.
 * @module
 */
import {
  FormatError,
  InvalidArgumentError,
  LimitExceededError,
  type LocalizedText,
  UnsupportedError,
  VerificationError,
} from '@gbkit/core';

/** Every code the JOSE layer throws. */
export type JoseErrorCode =
  | 'ERR_JWS_INVALID'
  | 'ERR_JWT_INVALID'
  | 'ERR_JWS_TOO_LARGE'
  | 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
  | 'ERR_JOSE_ALG_NOT_ALLOWED'
  | 'ERR_JOSE_NOT_SUPPORTED'
  | 'ERR_JWKS_NO_MATCHING_KEY'
  | 'ERR_JWKS_MULTIPLE_MATCHING_KEYS'
  | 'ERR_JWT_EXPIRED'
  | 'ERR_JWT_CLAIM_VALIDATION_FAILED'
  | 'ERR_JWK_INVALID';

/** A malformed JWS or JWT (`ERR_JWS_INVALID`, `ERR_JWT_INVALID`). */
export function malformed(code: 'ERR_JWS_INVALID' | 'ERR_JWT_INVALID', text: LocalizedText, field?: string) {
  return new FormatError(code, text, field ? { location: { field } } : {});
}

/** Input over a configured size limit. */
export function tooLarge(field: string, length: number, limit: number) {
  return new LimitExceededError(
    'ERR_JWS_TOO_LARGE',
    {
      zh: `${field} 长度 ${length} 超过上限 ${limit}`,
      en: `${field} length ${length} exceeds the limit ${limit}`,
    },
    { location: { field }, details: { length, limit } },
  );
}

/** The token's algorithm is not allowed here or does not fit the key. */
export function algNotAllowed(alg: unknown, why: LocalizedText) {
  return new VerificationError(
    'ERR_JOSE_ALG_NOT_ALLOWED',
    {
      zh: `不接受算法 ${JSON.stringify(alg)}：${why.zh}`,
      en: `algorithm ${JSON.stringify(alg)} is not allowed: ${why.en}`,
    },
    { location: { field: 'alg' }, details: { alg } },
  );
}

/** A feature gbkit does not implement (`crit` extensions, `b64: false`). */
export function notSupported(text: LocalizedText, field: string) {
  return new UnsupportedError('ERR_JOSE_NOT_SUPPORTED', text, { location: { field } });
}

/** The signature does not verify. */
export function badSignature(details?: Record<string, unknown>) {
  return new VerificationError(
    'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    { zh: '签名验证失败', en: 'signature verification failed' },
    { location: { field: 'signature' }, ...(details ? { details } : {}) },
  );
}

/** No key (or more than one key) of the set fits the token. */
export function noKey(
  code: 'ERR_JWKS_NO_MATCHING_KEY' | 'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  text: LocalizedText,
  kid?: unknown,
) {
  return new VerificationError(code, text, { location: { field: 'kid' }, details: { kid } });
}

/** A claim check failed. */
export function claimFailed(
  code: 'ERR_JWT_EXPIRED' | 'ERR_JWT_CLAIM_VALIDATION_FAILED',
  claim: string,
  text: LocalizedText,
  details: Record<string, unknown> = {},
) {
  return new VerificationError(code, text, { location: { field: claim }, details: { claim, ...details } });
}

/** A key in JWK form is unusable. */
export function badJwk(text: LocalizedText, field?: string) {
  return new InvalidArgumentError('ERR_JWK_INVALID', text, field ? { location: { field } } : {});
}
