/**
 * Hashed identifiers (证件散列码, the `cert_key` / `certificate_key` columns of the national exchange tables):
 * a stable value to match people and entities across systems without exchanging the raw certificate number.
 *
 * The national algorithm is not public [U]. gbkit's **default is a documented choice**, not a standard:
 * `hex(SM3(salt ‖ normalized))`, or `hex(HMAC-SM3(pepper, salt ‖ normalized))` when a pepper is given.
 * Normalisation trims, removes inner spaces and upper-cases (so `x` and `X` in a citizen ID hash alike).
 * A bare SM3 of a citizen ID is guessable by enumeration (region × birth date × sequence is about 10¹⁰),
 * so use a secret pepper whenever the hash leaves your system; pass `algorithm` to match a counterpart.
 * @module
 */
import { concatBytes, InvalidArgumentError, toHex, utf8 } from '@gbkit/core';
import { hmacSm3, sm3 } from '@gbkit/crypto';
import type { Identity } from './model.js';

/** Options of {@link hashIdentifier}. */
export interface HashIdentifierOptions {
  /** Public, per-deployment salt prepended to the value (string = UTF-8). */
  readonly salt?: string | Uint8Array;
  /** Secret key: switches to HMAC-SM3 keyed with it. */
  readonly pepper?: string | Uint8Array;
  /** Replace the algorithm entirely (e.g. to match a counterpart's `cert_key`). Gets the salted bytes. */
  readonly algorithm?: (data: Uint8Array) => Uint8Array;
}

const bytes = (v: string | Uint8Array) => (typeof v === 'string' ? utf8(v) : v);

/** The normalised form that is hashed: trimmed, inner whitespace removed, upper case. */
export function normalizeIdentifier(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * Hashes a certificate number (or any identifier) into lowercase hex.
 * @example
 * ```ts
 * hashIdentifier('11010519491231002x') === hashIdentifier('11010519491231002X'); // true
 * hashIdentifier('11010519491231002X', { pepper: 'secret' }).length; // 64
 * ```
 */
export function hashIdentifier(value: string, options: HashIdentifierOptions = {}): string {
  if (typeof value !== 'string' || normalizeIdentifier(value) === '') {
    throw new InvalidArgumentError('ERR_IDENTIFIER_EMPTY', {
      zh: '待散列的证件号码为空',
      en: 'the identifier to hash is empty',
    });
  }
  const data = concatBytes(
    options.salt !== undefined ? bytes(options.salt) : new Uint8Array(0),
    utf8(normalizeIdentifier(value)),
  );
  if (options.algorithm) return toHex(options.algorithm(data));
  if (options.pepper !== undefined) return toHex(hmacSm3(bytes(options.pepper), data));
  return toHex(sm3(data));
}

/**
 * A copy of an identity with `certKey` filled for it, its legal representative and its agent.
 * @example
 * ```ts
 * const p = withCertKeys({ kind: 'person', name: '张三', certType: 'resident-id-card', certNumber: '11010519491231002X', realNameVerified: true }, { pepper: 'k' });
 * p.certKey?.length; // 64
 * ```
 */
export function withCertKeys<T extends Identity>(identity: T, options: HashIdentifierOptions = {}): T {
  const out = { ...identity, certKey: hashIdentifier(identity.certNumber, options) } as T;
  if (out.kind === 'entity') {
    const e = out as Extract<Identity, { kind: 'entity' }>;
    const extra: Record<string, unknown> = {};
    if (e.legalRepresentative?.certNumber) {
      extra.legalRepresentative = {
        ...e.legalRepresentative,
        certKey: hashIdentifier(e.legalRepresentative.certNumber, options),
      };
    }
    if (e.agent) extra.agent = withCertKeys(e.agent, options);
    return { ...out, ...extra } as T;
  }
  return out;
}
