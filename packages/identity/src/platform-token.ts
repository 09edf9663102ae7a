/**
 * Platform tokens: after any login (tyrz, OIDC, a certificate …) the platform issues its own short-lived
 * JWT and every system of the platform trusts that one token — GB/T 31072's unified login / single sign-on,
 * and the provincial "authenticate once, handle everything online".
 *
 * One API for four algorithms: `SM2` through gbkit's own JWS path (`jose` cannot do SM2), `ES256`, `RS256`
 * and `EdDSA` through `jose`. Verification is strict and uniform: size limits, canonical base64url, no
 * duplicate JSON names, `alg` allow-list, `kid` lookup in a JWKS, the key's type must fit the `alg`, then
 * the signature, then `exp`/`nbf`/`iat`/`iss`/`aud`/`sub`.
 *
 * Claims: `sub` (stable platform user code), `acr` (assurance level L0–L3), `amr` (methods), `user_type`
 * (1 person, 2 legal entity), `org_uscc` / `org_name` when acting for a legal entity, `name`, `auth_source`.
 * @module
 */
import { fromUtf8, InvalidArgumentError, toBase64Url, utf8 } from '@gbkit/core';
import { sm2GenerateKeyPair } from '@gbkit/crypto';
import * as jose from 'jose';
import { algNotAllowed, badJwk, badSignature, claimFailed, malformed, noKey } from './jose/errors.js';
import {
  createJwks,
  isSm2Jwk,
  type Jwk,
  type Jwks,
  sm2JwkToPrivateKey,
  sm2JwkToPublicKey,
  sm2PrivateKeyToJwk,
  toPublicJwk,
} from './jose/jwk.js';
import {
  type DecodedJws,
  decodeCompactJws,
  isSm2Alg,
  type JwsLimits,
  SM2_ALG,
  signSm2Jws,
  verifyDecodedSm2,
} from './jose/jws.js';
import { parseJsonStrict } from './jose/strict.js';
import { type AssuranceLevel, isAssuranceLevel } from './levels.js';
import type { Identity } from './model.js';

/** One fatal UTF-8 decoder for every payload (decoding is stateless between calls). */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Algorithms for platform tokens. */
export type PlatformAlg = 'SM2' | 'ES256' | 'RS256' | 'EdDSA';

/** All platform algorithms. */
export const PLATFORM_ALGS: readonly PlatformAlg[] = ['SM2', 'ES256', 'RS256', 'EdDSA'];

/** The claims of a platform token. */
export interface PlatformClaims {
  iss: string;
  aud: string | string[];
  /** Stable platform user code (用户编码). */
  sub: string;
  iat: number;
  nbf?: number;
  exp: number;
  jti?: string;
  /** Assurance level. */
  acr?: AssuranceLevel;
  /** Authentication methods. */
  amr?: string[];
  /** 1 个人, 2 法人. */
  user_type: 1 | 2;
  /** The legal entity's unified social credit code when acting for one. */
  org_uscc?: string;
  org_name?: string;
  /** The natural person's name (the agent's for an entity). */
  name?: string;
  /** Which login produced the session (`tyrz`, `oidc:<issuer>` …). */
  auth_source?: string;
  [claim: string]: unknown;
}

/** A signing key of the platform: private JWK with its `kid` and `alg`. */
export interface PlatformSigningKey {
  readonly kid: string;
  readonly alg: PlatformAlg;
  readonly privateJwk: Jwk;
}

function checkAlg(alg: unknown): asserts alg is PlatformAlg {
  if (!PLATFORM_ALGS.includes(alg as PlatformAlg)) {
    throw new InvalidArgumentError('ERR_PLATFORM_ALG', {
      zh: `平台令牌算法应为 ${PLATFORM_ALGS.join('/')}，而不是 ${String(alg)}`,
      en: `platform token algorithm must be one of ${PLATFORM_ALGS.join('/')}, not ${String(alg)}`,
    });
  }
}

/**
 * Generates a signing key (`kid` defaults to the RFC 7638 SHA-256 thumbprint of the public key).
 * @example
 * ```ts
 * const key = await generatePlatformKey('SM2');
 * key.privateJwk.crv; // 'SM2'
 * ```
 */
export async function generatePlatformKey(alg: PlatformAlg, kid?: string): Promise<PlatformSigningKey> {
  checkAlg(alg);
  let jwk: Jwk;
  if (alg === 'SM2') {
    jwk = sm2PrivateKeyToJwk(sm2GenerateKeyPair().privateKey);
  } else {
    const { privateKey } = await jose.generateKeyPair(alg, { extractable: true });
    jwk = { ...(await jose.exportJWK(privateKey)), alg, use: 'sig' } as Jwk;
  }
  const id = kid ?? (await jose.calculateJwkThumbprint(jwk as jose.JWK, 'sha256'));
  return { kid: id, alg, privateJwk: { ...jwk, kid: id, alg, use: 'sig' } };
}

/** The algorithm a JWK's type implies (`SM2`, `ES256`, `RS256`, `EdDSA`), or undefined. */
export function algForJwk(jwk: Jwk): PlatformAlg | undefined {
  if (isSm2Jwk(jwk)) return 'SM2';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  if (jwk.kty === 'RSA') return 'RS256';
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  return undefined;
}

/**
 * A signing key from a private JWK (SM2, P-256, RSA or Ed25519). `alg` defaults to the JWK's `alg` or the
 * one its type implies; `kid` to the JWK's `kid` or its RFC 7638 thumbprint.
 * @throws InvalidArgumentError `ERR_JWK_INVALID` for a public or unsupported key, or an `alg` that does not fit.
 */
export async function signingKeyFromJwk(
  jwk: Jwk,
  options: { alg?: PlatformAlg; kid?: string } = {},
): Promise<PlatformSigningKey> {
  const alg = options.alg ?? (jwk.alg as PlatformAlg | undefined) ?? algForJwk(jwk);
  if (!alg || !PLATFORM_ALGS.includes(alg)) {
    throw badJwk(
      {
        zh: `无法确定密钥的算法（${jwk.kty}${jwk.crv ? `/${jwk.crv}` : ''}）`,
        en: `cannot tell the key's algorithm (${jwk.kty}${jwk.crv ? `/${jwk.crv}` : ''})`,
      },
      'alg',
    );
  }
  if (!keyFitsAlg({ ...jwk, alg: undefined }, alg)) {
    throw badJwk({ zh: `密钥类型不适用于 ${alg}`, en: `the key type does not fit ${alg}` }, 'alg');
  }
  if (jwk.d === undefined)
    throw badJwk(
      { zh: '签名需要私钥（JWK 缺少 d）', en: 'signing needs a private key (the JWK has no d)' },
      'd',
    );
  if (alg === 'SM2') sm2JwkToPrivateKey(jwk); // validates d against x/y
  const kid =
    options.kid ?? jwk.kid ?? (await jose.calculateJwkThumbprint(toPublicJwk(jwk) as jose.JWK, 'sha256'));
  return { kid, alg, privateJwk: { ...jwk, kid, alg } };
}

/** Checks that a JWK's type fits an algorithm (so a key is never used under a different algorithm). */
export function keyFitsAlg(jwk: Jwk, alg: string): boolean {
  if (jwk.alg !== undefined && jwk.alg !== alg && !(alg === SM2_ALG && isSm2Jwk(jwk) && jwk.alg === SM2_ALG))
    return false;
  if (jwk.use !== undefined && jwk.use !== 'sig') return false;
  switch (alg) {
    case 'SM2':
      return isSm2Jwk(jwk);
    case 'ES256':
      return jwk.kty === 'EC' && jwk.crv === 'P-256';
    case 'RS256':
      return jwk.kty === 'RSA';
    case 'EdDSA':
      return jwk.kty === 'OKP' && (jwk.crv === 'Ed25519' || jwk.crv === 'Ed448');
    default:
      return false;
  }
}

/**
 * The platform claims for a logged-in identity: `sub` = `userCode` (or `options.subject`), `acr`, `amr`,
 * `user_type`, and `org_uscc`/`org_name` for a legal entity.
 */
export function claimsFromIdentity(
  identity: Identity,
  options: { subject?: string } = {},
): Omit<PlatformClaims, 'iss' | 'aud' | 'iat' | 'exp'> {
  const sub = options.subject ?? identity.userCode;
  if (!sub) {
    throw new InvalidArgumentError(
      'ERR_PLATFORM_SUBJECT',
      { zh: '身份没有用户编码，无法作为 sub', en: 'the identity has no user code to use as sub' },
      { location: { field: 'userCode' } },
    );
  }
  const claims: Omit<PlatformClaims, 'iss' | 'aud' | 'iat' | 'exp'> = {
    sub,
    user_type: identity.kind === 'entity' ? 2 : 1,
  };
  if (identity.level) claims.acr = identity.level;
  if (identity.methods && identity.methods.length > 0) claims.amr = [...identity.methods];
  if (identity.source) claims.auth_source = identity.source;
  if (identity.kind === 'entity') {
    if (identity.uscc) claims.org_uscc = identity.uscc;
    claims.org_name = identity.name;
    if (identity.agent) claims.name = identity.agent.name;
  } else {
    claims.name = identity.name;
  }
  return claims;
}

/** Options of {@link issuePlatformToken}. */
export interface IssueOptions {
  readonly issuer: string;
  readonly audience: string | string[];
  /** Lifetime in seconds (default 300; at most 86 400). */
  readonly ttlSeconds?: number;
  /** Current time in seconds (default now). */
  readonly now?: number;
  /** Token ID (default random). */
  readonly jti?: string;
  /** Extra claims (cannot override the registered ones set here). */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** Extra header parameters (`typ` defaults to `JWT`). */
  readonly header?: Readonly<Record<string, unknown>>;
}

const privateCache = new WeakMap<Jwk, unknown>();

function randomJti(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  return toBase64Url(b);
}

/**
 * Issues a platform token for an identity (or ready claims with at least `sub` and `user_type`).
 * @example
 * ```ts
 * const key = await generatePlatformKey('SM2', 'sm2-2026-01');
 * const token = await issuePlatformToken(
 *   { sub: 'GDU0001', user_type: 1, acr: 'L2', amr: ['YSS'] },
 *   key,
 *   { issuer: 'https://platform.example.gov.cn', audience: 'tzsb' },
 * );
 * const v = new PlatformTokenVerifier(createJwks([key.privateJwk]), { issuer: 'https://platform.example.gov.cn', audience: 'tzsb' });
 * (await v.verify(token)).claims.acr; // 'L2'
 * ```
 */
export async function issuePlatformToken(
  subject: Identity | (Partial<PlatformClaims> & { sub: string; user_type: 1 | 2 }),
  key: PlatformSigningKey,
  options: IssueOptions,
): Promise<string> {
  checkAlg(key.alg);
  const ttl = options.ttlSeconds ?? 300;
  if (!Number.isInteger(ttl) || ttl <= 0 || ttl > 86_400) {
    throw new InvalidArgumentError('ERR_PLATFORM_TTL', {
      zh: '令牌有效期必须是 1–86400 秒的整数',
      en: 'token lifetime must be an integer of 1–86 400 seconds',
    });
  }
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const base = 'kind' in subject ? claimsFromIdentity(subject as Identity) : subject;
  const claims: PlatformClaims = {
    ...options.claims,
    ...base,
    iss: options.issuer,
    aud: options.audience,
    iat: now,
    nbf: now,
    exp: now + ttl,
    jti: options.jti ?? randomJti(),
  } as PlatformClaims;
  return signJwt(claims, key, options.header);
}

/**
 * Signs any JSON claims as a compact JWT with a signing key (SM2 through gbkit's path, the others through
 * `jose`). The header gets `typ: JWT` (unless given), the key's `kid` and `alg`.
 * @example
 * ```ts
 * const key = await generatePlatformKey('ES256', 'k1');
 * const jwt = await signJwt({ sub: 'x' }, key);
 * decodeUnverified(jwt).header.kid; // 'k1'
 * ```
 */
export async function signJwt(
  claims: Readonly<Record<string, unknown>>,
  key: PlatformSigningKey,
  extraHeader: Readonly<Record<string, unknown>> = {},
): Promise<string> {
  checkAlg(key.alg);
  const header = { typ: 'JWT', ...extraHeader, kid: key.kid };
  const payload = utf8(JSON.stringify(claims));
  if (key.alg === 'SM2') {
    let sm2 = privateCache.get(key.privateJwk) as { d: Uint8Array; pub: Uint8Array } | undefined;
    if (!sm2) {
      sm2 = { d: sm2JwkToPrivateKey(key.privateJwk), pub: sm2JwkToPublicKey(key.privateJwk) };
      privateCache.set(key.privateJwk, sm2);
    }
    return signSm2Jws(payload, sm2.d, header, { publicKey: sm2.pub });
  }
  let k = privateCache.get(key.privateJwk) as jose.CryptoKey | undefined;
  if (!k) {
    k = (await jose.importJWK(key.privateJwk as jose.JWK, key.alg)) as jose.CryptoKey;
    privateCache.set(key.privateJwk, k);
  }
  return new jose.CompactSign(payload).setProtectedHeader({ ...header, alg: key.alg }).sign(k);
}

/** Options of {@link JwtVerifier}. */
export interface JwtVerifyOptions extends JwsLimits {
  /** Accepted issuer(s); not checked when omitted. */
  readonly issuer?: string | readonly string[];
  /** This system's audience value(s); the token's `aud` must contain one. Not checked when omitted. */
  readonly audience?: string | readonly string[];
  /** Accepted algorithms (default SM2, ES256, RS256, EdDSA). */
  readonly algorithms?: readonly PlatformAlg[];
  /** Clock skew tolerated for `exp`/`nbf`/`iat`, seconds (default 30). */
  readonly clockToleranceSeconds?: number;
  /** Reject tokens whose `iat` is older than this many seconds. */
  readonly maxTokenAgeSeconds?: number;
  /** Require `exp` (default true). */
  readonly requireExp?: boolean;
  /**
   * Require a `kid` in the header (default true). When false and the token has none, the only key of the
   * set that fits the algorithm is used (several → `ERR_JWKS_MULTIPLE_MATCHING_KEYS`).
   */
  readonly requireKid?: boolean;
  /** SM2 signer ID (default `1234567812345678`). */
  readonly sm2UserId?: string | Uint8Array;
  /** Other SM2 `alg` names to accept (none by default). */
  readonly sm2AcceptAliases?: readonly string[];
  /** The current time in seconds (default now). */
  readonly now?: () => number;
}

/** Options of {@link PlatformTokenVerifier}: issuer and audience are required. */
export interface PlatformVerifyOptions extends JwtVerifyOptions {
  readonly issuer: string | readonly string[];
  readonly audience: string | readonly string[];
  /** A minimum `acr`. */
  readonly minLevel?: AssuranceLevel;
}

/** A verified JWT. */
export interface VerifiedJwt {
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: Record<string, unknown>;
  /** The JWK that verified it. */
  readonly key: Jwk;
}

/** A verified platform token. */
export interface VerifiedPlatformToken {
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: PlatformClaims;
  /** The JWK that verified it. */
  readonly key: Jwk;
}

interface KeyEntry {
  jwk: Jwk;
  sm2?: Uint8Array;
  imported?: Promise<jose.CryptoKey | Uint8Array>;
}

function asList(v: string | readonly string[]): readonly string[] {
  return typeof v === 'string' ? [v] : v;
}

/**
 * Verifies compact JWTs signed with SM2, ES256, RS256 or EdDSA against a JWKS. Keys are looked up by
 * `kid`; decoded SM2 public keys and imported standard keys are cached per `kid`, and the SM2 verifier
 * keeps a precomputed table per key. Call {@link JwtVerifier.setJwks} after a key rotation.
 * {@link PlatformTokenVerifier} adds the platform-token profile.
 * @example
 * ```ts
 * const key = await generatePlatformKey('SM2', 'k1');
 * const token = await signJwt({ sub: 'x', exp: Math.floor(Date.now() / 1000) + 60 }, key);
 * (await new JwtVerifier(createJwks([key.privateJwk])).verify(token)).claims.sub; // 'x'
 * ```
 */
export class JwtVerifier {
  private keys = new Map<string, KeyEntry>();
  private readonly algorithms: readonly string[];

  constructor(
    jwks: Jwks,
    readonly options: JwtVerifyOptions = {},
  ) {
    this.algorithms = options.algorithms ?? PLATFORM_ALGS;
    for (const a of this.algorithms) checkAlg(a);
    this.setJwks(jwks);
  }

  /** Replaces the key set (after fetching a new JWKS). */
  setJwks(jwks: Jwks): void {
    const map = new Map<string, KeyEntry>();
    for (const jwk of jwks.keys) {
      if (!jwk || typeof jwk !== 'object' || typeof jwk.kty !== 'string') {
        throw badJwk({ zh: 'JWKS 中有无效的密钥', en: 'the JWKS contains an invalid key' });
      }
      if (typeof jwk.kid !== 'string' || jwk.kid === '') continue; // keys without kid are never selected
      if (map.has(jwk.kid)) {
        throw badJwk(
          { zh: `JWKS 中 kid ${jwk.kid} 重复`, en: `duplicate kid ${jwk.kid} in the JWKS` },
          'kid',
        );
      }
      for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) {
        if (jwk[m] !== undefined) {
          throw badJwk(
            {
              zh: `验证用的 JWKS 不得含私钥或对称密钥成员 ${m}`,
              en: `a verification JWKS must not carry private or secret member ${m}`,
            },
            m,
          );
        }
      }
      map.set(jwk.kid, { jwk });
    }
    this.keys = map;
  }

  private selectKey(jws: DecodedJws, alg: string): KeyEntry {
    const kid = jws.header.kid;
    if (kid === undefined) {
      if (this.options.requireKid !== false) {
        throw noKey('ERR_JWKS_NO_MATCHING_KEY', {
          zh: '令牌头部没有 kid',
          en: 'the token header has no kid',
        });
      }
      const fits = [...this.keys.values()].filter((e) => keyFitsAlg(e.jwk, alg));
      if (fits.length === 1) return fits[0] as KeyEntry;
      throw fits.length === 0
        ? noKey('ERR_JWKS_NO_MATCHING_KEY', { zh: `没有适用于 ${alg} 的密钥`, en: `no key fits ${alg}` })
        : noKey('ERR_JWKS_MULTIPLE_MATCHING_KEYS', {
            zh: '令牌没有 kid 且有多个候选密钥',
            en: 'the token has no kid and several keys fit',
          });
    }
    if (typeof kid !== 'string') {
      throw malformed('ERR_JWS_INVALID', { zh: 'kid 必须是字符串', en: 'kid must be a string' }, 'kid');
    }
    const entry = this.keys.get(kid);
    if (!entry) {
      throw noKey(
        'ERR_JWKS_NO_MATCHING_KEY',
        { zh: `JWKS 中没有 kid 为 ${kid} 的密钥`, en: `no key with kid ${kid} in the JWKS` },
        kid,
      );
    }
    return entry;
  }

  /**
   * Verifies a token and returns its header and claims.
   * @throws the typed errors listed in the module doc, each with a stable `code`.
   */
  async verify(token: string): Promise<VerifiedJwt> {
    const o = this.options;
    const jws = decodeCompactJws(token, o);
    const rawAlg = jws.header.alg as string;
    const alg = isSm2Alg(rawAlg, o.sm2AcceptAliases) ? SM2_ALG : rawAlg;
    if (!this.algorithms.includes(alg)) {
      throw algNotAllowed(rawAlg, {
        zh: `允许的算法为 ${this.algorithms.join('、')}`,
        en: `allowed: ${this.algorithms.join(', ')}`,
      });
    }
    const entry = this.selectKey(jws, alg);
    if (!keyFitsAlg(entry.jwk, alg)) {
      throw algNotAllowed(rawAlg, {
        zh: `kid ${entry.jwk.kid} 的密钥（${entry.jwk.kty}${entry.jwk.crv ? `/${entry.jwk.crv}` : ''}）不能用于该算法`,
        en: `the key ${entry.jwk.kid} (${entry.jwk.kty}${entry.jwk.crv ? `/${entry.jwk.crv}` : ''}) is not for this algorithm`,
      });
    }
    if (alg === SM2_ALG) {
      if (!entry.sm2) entry.sm2 = sm2JwkToPublicKey(entry.jwk);
      verifyDecodedSm2(jws, entry.sm2, o.sm2UserId);
    } else {
      if (!entry.imported) entry.imported = jose.importJWK(entry.jwk as jose.JWK, alg);
      let key: jose.CryptoKey | Uint8Array;
      try {
        key = await entry.imported;
      } catch (e) {
        entry.imported = undefined;
        throw badJwk({
          zh: `无法导入密钥 ${entry.jwk.kid}：${(e as Error).message}`,
          en: `cannot import key ${entry.jwk.kid}: ${(e as Error).message}`,
        });
      }
      try {
        await jose.compactVerify(token, key, { algorithms: [alg] });
      } catch (e) {
        throw badSignature({ reason: (e as { code?: string }).code });
      }
    }
    const claims = this.checkClaims(jws.payload);
    return { header: jws.header, claims, key: entry.jwk };
  }

  protected checkClaims(payload: Uint8Array): Record<string, unknown> {
    const o = this.options;
    let text: string;
    try {
      text = STRICT_UTF8.decode(payload);
    } catch {
      throw malformed('ERR_JWT_INVALID', { zh: '载荷不是 UTF-8', en: 'the payload is not UTF-8' }, 'payload');
    }
    const c = parseJsonStrict(text, 'payload', 'ERR_JWT_INVALID') as Record<string, unknown>;
    if (!c || typeof c !== 'object' || Array.isArray(c)) {
      throw malformed(
        'ERR_JWT_INVALID',
        { zh: '载荷必须是 JSON 对象', en: 'the payload must be a JSON object' },
        'payload',
      );
    }
    const now = o.now ? o.now() : Math.floor(Date.now() / 1000);
    const tol = o.clockToleranceSeconds ?? 30;
    for (const n of ['exp', 'nbf', 'iat'] as const) {
      if (c[n] !== undefined && (typeof c[n] !== 'number' || !Number.isFinite(c[n]))) {
        throw claimFailed('ERR_JWT_CLAIM_VALIDATION_FAILED', n, {
          zh: `${n} 必须是数字`,
          en: `${n} must be a number`,
        });
      }
    }
    const exp = c.exp as number | undefined;
    if (exp === undefined && o.requireExp !== false) {
      throw claimFailed('ERR_JWT_CLAIM_VALIDATION_FAILED', 'exp', {
        zh: '平台令牌必须有 exp',
        en: 'a platform token must have exp',
      });
    }
    if (exp !== undefined && exp <= now - tol) {
      throw claimFailed(
        'ERR_JWT_EXPIRED',
        'exp',
        { zh: `令牌已于 ${exp} 过期`, en: `the token expired at ${exp}` },
        { exp, now },
      );
    }
    const nbf = c.nbf as number | undefined;
    if (nbf !== undefined && nbf > now + tol) {
      throw claimFailed(
        'ERR_JWT_CLAIM_VALIDATION_FAILED',
        'nbf',
        { zh: `令牌在 ${nbf} 之前无效`, en: `the token is not valid before ${nbf}` },
        { nbf, now },
      );
    }
    const iat = c.iat as number | undefined;
    if (iat !== undefined && iat > now + tol) {
      throw claimFailed(
        'ERR_JWT_CLAIM_VALIDATION_FAILED',
        'iat',
        { zh: '令牌签发时间在未来', en: 'the token was issued in the future' },
        { iat, now },
      );
    }
    if (o.maxTokenAgeSeconds !== undefined && (iat === undefined || now - iat > o.maxTokenAgeSeconds + tol)) {
      throw claimFailed(
        'ERR_JWT_EXPIRED',
        'iat',
        { zh: '令牌太旧', en: 'the token is too old' },
        { iat, now },
      );
    }
    if (o.issuer !== undefined && (typeof c.iss !== 'string' || !asList(o.issuer).includes(c.iss))) {
      throw claimFailed(
        'ERR_JWT_CLAIM_VALIDATION_FAILED',
        'iss',
        { zh: `签发者 ${String(c.iss)} 不被接受`, en: `issuer ${String(c.iss)} is not accepted` },
        { iss: c.iss },
      );
    }
    const aud = typeof c.aud === 'string' ? [c.aud] : Array.isArray(c.aud) ? c.aud : [];
    const want = o.audience;
    if (want !== undefined && !aud.some((a) => typeof a === 'string' && asList(want).includes(a))) {
      throw claimFailed(
        'ERR_JWT_CLAIM_VALIDATION_FAILED',
        'aud',
        { zh: '令牌的受众不是本系统', en: 'the token audience is not this system' },
        { aud: c.aud },
      );
    }
    return c;
  }
}

/**
 * Verifies platform tokens: everything {@link JwtVerifier} checks, with issuer and audience required, a
 * `kid` required, and the platform claims checked (`sub`, `user_type` 1/2, `acr` L0–L3, `minLevel`).
 */
export class PlatformTokenVerifier extends JwtVerifier {
  declare readonly options: PlatformVerifyOptions;

  constructor(jwks: Jwks, options: PlatformVerifyOptions) {
    super(jwks, { ...options, requireKid: true, requireExp: true });
  }

  override async verify(token: string): Promise<VerifiedPlatformToken> {
    return (await super.verify(token)) as VerifiedPlatformToken;
  }

  protected override checkClaims(payload: Uint8Array): PlatformClaims {
    const c = super.checkClaims(payload);
    const o = this.options;
    if (typeof c.sub !== 'string' || c.sub === '') {
      throw claimFailed('ERR_JWT_CLAIM_VALIDATION_FAILED', 'sub', { zh: '缺少 sub', en: 'sub is missing' });
    }
    if (c.user_type !== 1 && c.user_type !== 2) {
      throw claimFailed('ERR_JWT_CLAIM_VALIDATION_FAILED', 'user_type', {
        zh: 'user_type 必须是 1 或 2',
        en: 'user_type must be 1 or 2',
      });
    }
    if (c.acr !== undefined && !isAssuranceLevel(c.acr)) {
      throw claimFailed('ERR_JWT_CLAIM_VALIDATION_FAILED', 'acr', {
        zh: 'acr 不是 L0–L3',
        en: 'acr is not L0–L3',
      });
    }
    if (o.minLevel !== undefined) {
      const order = ['L0', 'L1', 'L2', 'L3'];
      if (c.acr === undefined || order.indexOf(c.acr as string) < order.indexOf(o.minLevel)) {
        throw claimFailed('ERR_JWT_CLAIM_VALIDATION_FAILED', 'acr', {
          zh: `可信等级 ${String(c.acr ?? '未知')} 低于 ${o.minLevel}`,
          en: `assurance level ${String(c.acr ?? 'unknown')} is below ${o.minLevel}`,
        });
      }
    }
    return c as PlatformClaims;
  }
}

/** One-shot verification (builds a verifier; keep a {@link PlatformTokenVerifier} for repeated use). */
export function verifyPlatformToken(
  token: string,
  jwks: Jwks,
  options: PlatformVerifyOptions,
): Promise<VerifiedPlatformToken> {
  return new PlatformTokenVerifier(jwks, options).verify(token);
}

/**
 * The platform's signing keys with rotation: the first key signs, the others stay published in the JWKS so
 * tokens signed before a rotation keep verifying until they expire.
 * @example
 * ```ts
 * const store = new PlatformKeyStore([await generatePlatformKey('SM2', 'k1')]);
 * store.rotate(await generatePlatformKey('SM2', 'k2'));
 * store.active.kid; // 'k2'
 * store.jwks().keys.map((k) => k.kid); // ['k2', 'k1']
 * ```
 */
export class PlatformKeyStore {
  private keys: PlatformSigningKey[];

  constructor(keys: readonly PlatformSigningKey[]) {
    if (keys.length === 0) {
      throw new InvalidArgumentError('ERR_PLATFORM_KEYS', {
        zh: '至少需要一个签名密钥',
        en: 'at least one signing key is needed',
      });
    }
    this.keys = [...keys];
  }

  /** The key that signs new tokens. */
  get active(): PlatformSigningKey {
    return this.keys[0] as PlatformSigningKey;
  }

  /** Makes `key` the active key and keeps at most `keepPrevious` earlier keys published (default 1). */
  rotate(key: PlatformSigningKey, keepPrevious = 1): void {
    this.keys = [key, ...this.keys.filter((k) => k.kid !== key.kid).slice(0, keepPrevious)];
  }

  /** The public JWKS (active key first). */
  jwks(): Jwks {
    return createJwks(this.keys.map((k) => k.privateJwk));
  }

  /** Issues a token with the active key. */
  issue(subject: Parameters<typeof issuePlatformToken>[0], options: IssueOptions): Promise<string> {
    return issuePlatformToken(subject, this.active, options);
  }
}

/** Decodes a token's header and claims without verifying anything (for display and debugging). */
export function decodeUnverified(
  token: string,
  limits: JwsLimits = {},
): { header: Record<string, unknown>; claims: unknown } {
  const jws = decodeCompactJws(token, limits);
  let claims: unknown;
  try {
    claims = parseJsonStrict(fromUtf8(jws.payload), 'payload', 'ERR_JWT_INVALID');
  } catch {
    claims = toBase64Url(jws.payload);
  }
  return { header: { ...jws.header }, claims };
}
