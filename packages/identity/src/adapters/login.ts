/**
 * What every login adapter returns, and the checks they share (callback redirect and state).
 * @module
 */
import { TransportError, VerificationError } from '@gbkit/core';
import type { AssuranceLevel } from '../levels.js';
import type { Identity } from '../model.js';

/** The result of a completed login through any adapter. */
export interface LoginResult {
  /** The subject mapped into the common model. */
  readonly identity: Identity;
  /** The assurance level (also `identity.level`). */
  readonly level?: AssuranceLevel;
  /** Authentication methods (`amr`). */
  readonly methods: readonly string[];
  /** Which adapter produced it (`tyrz`, `oidc`). */
  readonly source: string;
  /** The provider's raw user data, for auditing. */
  readonly raw: unknown;
}

/** A started login: send the user to `url`, keep the rest in the session until the callback. */
export interface PendingLogin {
  readonly url: URL;
  readonly state: string;
  readonly nonce?: string;
  readonly codeVerifier?: string;
}

/**
 * Checks that a callback URL is the configured redirect URI (origin and path) and carries the expected
 * `state`; returns the `code`.
 * @throws VerificationError `ERR_LOGIN_REDIRECT_MISMATCH`, `ERR_LOGIN_STATE_MISMATCH`; TransportError
 * `ERR_LOGIN_PROVIDER_ERROR` when the callback carries `error`, `ERR_LOGIN_NO_CODE` without a code.
 */
export function checkCallback(
  callbackUrl: string | URL,
  redirectUri: string,
  expectedState?: string,
): string {
  const got = new URL(String(callbackUrl));
  const want = new URL(redirectUri);
  if (got.origin !== want.origin || got.pathname !== want.pathname) {
    throw new VerificationError(
      'ERR_LOGIN_REDIRECT_MISMATCH',
      {
        zh: `回调地址 ${got.origin}${got.pathname} 与登记的 redirect_uri ${want.origin}${want.pathname} 不一致`,
        en: `callback ${got.origin}${got.pathname} does not match the registered redirect_uri ${want.origin}${want.pathname}`,
      },
      {
        location: { field: 'redirect_uri' },
        details: { expected: redirectUri, actual: `${got.origin}${got.pathname}` },
      },
    );
  }
  const error = got.searchParams.get('error');
  if (error) {
    throw new TransportError(
      'ERR_LOGIN_PROVIDER_ERROR',
      {
        zh: `身份认证平台返回错误：${error} ${got.searchParams.get('error_description') ?? ''}`.trim(),
        en: `the identity provider returned an error: ${error} ${got.searchParams.get('error_description') ?? ''}`.trim(),
      },
      { location: { field: 'error' }, details: { error } },
    );
  }
  if (expectedState !== undefined && got.searchParams.get('state') !== expectedState) {
    throw new VerificationError(
      'ERR_LOGIN_STATE_MISMATCH',
      { zh: '回调中的 state 与发起登录时不一致', en: 'the callback state does not match the one sent' },
      { location: { field: 'state' } },
    );
  }
  const code = got.searchParams.get('code');
  if (!code) {
    throw new TransportError(
      'ERR_LOGIN_NO_CODE',
      { zh: '回调中缺少授权码 code', en: 'the callback carries no authorization code' },
      { location: { field: 'code' } },
    );
  }
  return code;
}

/** A random URL-safe string (for `state`). */
export function randomToken(bytes = 16): string {
  const b = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(b);
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}
