/**
 * The verification policy: what the verifier trusts and which time it validates at. Every option has a
 * documented default; uncertain points of the standards are options, not hard-coded choices.
 * @module
 */
import type { ValidationMode } from '@gbkit/core';
import type { ValidatePathOptions } from '@gbkit/crypto';

/** Answer of a revocation hook for one certificate. */
export interface RevocationStatus {
  readonly status: 'good' | 'revoked' | 'unknown';
  /** Revocation time, when revoked. */
  readonly revokedAt?: Date;
  /** Where the answer came from (CRL URL, OCSP responder …), for the report. */
  readonly source?: string;
}

/** The revocation hook: given a certificate (and its issuer when known), return its status. */
export type RevocationHook = (
  cert: Uint8Array,
  issuer: Uint8Array | undefined,
) => RevocationStatus | Promise<RevocationStatus>;

/**
 * Verification policy.
 *
 * Defaults:
 * - `trustAnchors`: none — an intact signature is then INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND, never passed;
 * - `validationTime`: `'signing-time'` — a valid timestamp's time when there is one, else the claimed
 *   `timeInfo` (a claim, not a proof: a claimed time outside a validity period fails, because the signer
 *   itself asserts it signed then);
 * - `makerCertAtSigning`: false — the maker certificate must be valid when the seal was made (`createDate`;
 *   a small gap is a warning, as real tax seals show), and only a warning is given when it expired before signing;
 * - `relaxedPath`: false — CA certificates need basicConstraints CA and keyUsage keyCertSign; `true`
 *   accepts CA certificates without keyCertSign (the ofdrw test root) and says so in the report;
 * - `crl` / `revocation`: none — revocation is then not checked and the trust message says so;
 * - `mode`: `'lenient'` — tolerated variants are warnings; `'strict'` fails them (FORMAT_FAILURE);
 * - `userId`: `1234567812345678` (GB/T 35276 default SM2 ID).
 */
export interface VerifyPolicy {
  /** Trusted root (or intermediate) certificates, DER or PEM bytes. */
  readonly trustAnchors?: readonly Uint8Array[];
  /** Extra certificates to build chains with (intermediates). */
  readonly intermediates?: readonly Uint8Array[];
  /** `'signing-time'` (default), `'now'`, or a fixed date. */
  readonly validationTime?: 'signing-time' | 'now' | Date;
  /** Require the seal maker's certificate to be valid at the signing time too (default false: warning only). */
  readonly makerCertAtSigning?: boolean;
  /** Accept CA certificates lacking keyCertSign (test PKIs); default false. */
  readonly relaxedPath?: boolean;
  /** CRL hook handed to `@gbkit/crypto` path validation: return the CRL covering a certificate. */
  readonly crl?: ValidatePathOptions['crl'];
  /** Revocation status hook (OCSP or any other source), asked for every non-anchor certificate of a valid path. */
  readonly revocation?: RevocationHook;
  /** `lenient` (default) or `strict`. */
  readonly mode?: ValidationMode;
  /** SM2 signer ID; default `1234567812345678`. */
  readonly userId?: string;
  /** A signer certificate for signatures that carry none (ofdrw's bare DigitalSign form). */
  readonly signerCert?: Uint8Array;
  /** The clock used for `validationTime: 'now'` (default the system clock). */
  readonly now?: Date;
}

/** The default SM2 user ID. */
export const DEFAULT_USER_ID = '1234567812345678';
