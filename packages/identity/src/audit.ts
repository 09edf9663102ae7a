/**
 * Audit events for login, logout, level changes and token decisions — the record GB/T 31072's
 * non-repudiation requirement (用户身份不可抵赖) needs a platform to keep. gbkit builds the event; storing it
 * (append-only, timestamped, signed if required) is the platform's job.
 *
 * Events never carry a raw certificate number: the subject is the platform user code (`sub`) and, when a
 * pepper is given, the hashed certificate number (`certKey`, see `hashIdentifier`).
 * @module
 */
import { GbkitError } from '@gbkit/core';
import { type HashIdentifierOptions, hashIdentifier } from './hashed-id.js';
import type { AssuranceLevel } from './levels.js';
import type { Identity } from './model.js';

/** What happened. */
export type AuditEventType = 'login' | 'logout' | 'level-change' | 'token-issued' | 'token-rejected';

/** One audit record (JSON-serialisable). */
export interface AuditEvent {
  readonly type: AuditEventType;
  /** ISO 8601 time of the event. */
  readonly time: string;
  readonly outcome: 'success' | 'failure';
  /** Platform user code. */
  readonly sub?: string;
  /** 1 个人, 2 法人. */
  readonly userType?: 1 | 2;
  readonly acr?: AssuranceLevel;
  /** The previous level, for `level-change`. */
  readonly previousAcr?: AssuranceLevel;
  readonly amr?: readonly string[];
  /** The legal entity acted for. */
  readonly orgUscc?: string;
  /** The login source (`tyrz`, `oidc:<issuer>`). */
  readonly source?: string;
  /** Token ID, for token events. */
  readonly jti?: string;
  /** Hashed certificate number, when a pepper or salt was given. */
  readonly certKey?: string;
  /** Error code for failures (`ERR_JWT_EXPIRED` …). */
  readonly code?: string;
}

/** Input of {@link auditEvent}. */
export interface AuditInput {
  readonly identity?: Identity;
  /** Claims of an issued or verified token. */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** The error of a failed login or verification. */
  readonly error?: unknown;
  readonly previousAcr?: AssuranceLevel;
  /** Event time (default now). */
  readonly now?: Date;
  /** Hash the certificate number into `certKey` with these options (omit to leave it out). */
  readonly certKey?: HashIdentifierOptions;
}

/**
 * Builds an audit event.
 * @example
 * ```ts
 * const e = auditEvent('token-rejected', { error: Object.assign(new Error('x'), { code: 'ERR_JWT_EXPIRED' }) });
 * e.outcome; // 'failure'
 * e.code;    // 'ERR_JWT_EXPIRED'
 * ```
 */
export function auditEvent(type: AuditEventType, input: AuditInput = {}): AuditEvent {
  const id = input.identity;
  const c = input.claims ?? {};
  const err = input.error;
  const code = err instanceof GbkitError ? err.code : (err as { code?: unknown } | undefined)?.code;
  const ev: Record<string, unknown> = {
    type,
    time: (input.now ?? new Date()).toISOString(),
    outcome: err === undefined ? 'success' : 'failure',
  };
  const sub = (typeof c.sub === 'string' ? c.sub : undefined) ?? id?.userCode;
  if (sub) ev.sub = sub;
  const userType =
    c.user_type === 1 || c.user_type === 2 ? c.user_type : id ? (id.kind === 'entity' ? 2 : 1) : undefined;
  if (userType) ev.userType = userType;
  const acr = (typeof c.acr === 'string' ? c.acr : undefined) ?? id?.level;
  if (acr) ev.acr = acr;
  if (input.previousAcr) ev.previousAcr = input.previousAcr;
  const amr = Array.isArray(c.amr) ? c.amr.map(String) : id?.methods;
  if (amr && amr.length > 0) ev.amr = [...amr];
  const org =
    (typeof c.org_uscc === 'string' ? c.org_uscc : undefined) ??
    (id?.kind === 'entity' ? id.uscc : undefined);
  if (org) ev.orgUscc = org;
  const source = (typeof c.auth_source === 'string' ? c.auth_source : undefined) ?? id?.source;
  if (source) ev.source = source;
  if (typeof c.jti === 'string') ev.jti = c.jti;
  if (input.certKey && id?.certNumber) ev.certKey = hashIdentifier(id.certNumber, input.certKey);
  if (typeof code === 'string') ev.code = code;
  return ev as unknown as AuditEvent;
}
