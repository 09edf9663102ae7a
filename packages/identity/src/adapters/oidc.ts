/**
 * Login through a standard OpenID Connect provider with `openid-client` 6: discovery, authorization code
 * with PKCE (S256), `state` and `nonce`, ID-token validation (signature, `iss`, `aud`, `exp`, `nonce`) by
 * openid-client, and the claims mapped into the common model.
 * @module
 */
import { FormatError, GbkitError, TransportError, type ValidationMode, VerificationError } from '@gbkit/core';
import * as oidc from 'openid-client';
import { type CertKind, type CertTypeTable, defaultCertTypeTable } from '../cert-types.js';
import { type AssuranceLevel, isAssuranceLevel, requireLevel } from '../levels.js';
import type { Identity, LegalEntity, NaturalPerson } from '../model.js';
import { assertValidIdentity } from '../validate.js';
import { checkCallback, type LoginResult, type PendingLogin } from './login.js';

/** Claim names used to fill the model; override to match a provider. */
export interface OidcClaimMap {
  /** Stable user code; default `sub`. */
  readonly userCode: string;
  readonly name: string;
  readonly username: string;
  readonly email: string;
  readonly mobile: string;
  /** `1` person / `2` entity; default `user_type`. */
  readonly userType: string;
  /** Certificate type: a canonical kind or a Guangdong code; default `cert_type`. */
  readonly certType: string;
  readonly certNumber: string;
  /** Real-name flag; default `real_name`. */
  readonly realName: string;
  /** Level `L0`–`L3`; default `acr` (from the ID token). */
  readonly level: string;
  /** Entity name and credit code when the user acts for a legal entity. */
  readonly orgName: string;
  readonly orgUscc: string;
}

const DEFAULT_CLAIMS: OidcClaimMap = {
  userCode: 'sub',
  name: 'name',
  username: 'preferred_username',
  email: 'email',
  mobile: 'phone_number',
  userType: 'user_type',
  certType: 'cert_type',
  certNumber: 'cert_no',
  realName: 'real_name',
  level: 'acr',
  orgName: 'org_name',
  orgUscc: 'org_uscc',
};

/** Configuration of {@link OidcLogin}. */
export interface OidcConfig {
  /** The issuer URL (discovery reads `{issuer}/.well-known/openid-configuration`). */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly redirectUri: string;
  /** Default `openid profile email phone`. */
  readonly scope?: string;
  readonly claims?: Partial<OidcClaimMap>;
  readonly certTypes?: CertTypeTable;
  readonly minLevel?: AssuranceLevel;
  /**
   * Validate the mapped identity with `@gbkit/codes`: `off` by default (general OpenID providers send no
   * certificate numbers), `strict` or `lenient` for providers that do. Failures throw `ERR_IDENTITY_INVALID`.
   */
  readonly validation?: ValidationMode | 'off';
  /** Also call the UserInfo endpoint and merge its claims (default true). */
  readonly userInfo?: boolean;
  /** Allow `http:` (tests and local development only). */
  readonly allowInsecureHttp?: boolean;
  /**
   * Ask for `acr` and `amr` in the ID token with the OIDC `claims` request parameter (Core §5.5), default
   * true; providers that do not support the parameter ignore it.
   */
  readonly requestAcr?: boolean;
  /** Extra authorization parameters (`acr_values`, `prompt` …). */
  readonly extraParams?: Readonly<Record<string, string>>;
}

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return s === '' || s === '-1' ? undefined : s;
}

/**
 * Maps OIDC claims into the model. Certificate type may be a canonical kind or a Guangdong code.
 * @throws FormatError `ERR_OIDC_CLAIMS` when a name is missing.
 */
export function identityFromOidcClaims(
  claims: Readonly<Record<string, unknown>>,
  options: { claims?: Partial<OidcClaimMap>; certTypes?: CertTypeTable; source?: string } = {},
): Identity {
  const m = { ...DEFAULT_CLAIMS, ...options.claims };
  const table = options.certTypes ?? defaultCertTypeTable;
  const c = (k: keyof OidcClaimMap) => str(claims[m[k]]);
  const rawCert = c('certType');
  const certType: CertKind | undefined = rawCert
    ? table.get(rawCert)
      ? rawCert
      : table.fromGuangdong(rawCert)
    : undefined;
  const lv = c('level')?.toUpperCase();
  const level = lv && isAssuranceLevel(lv) ? lv : undefined;
  const amr = Array.isArray(claims.amr) ? (claims.amr as unknown[]).map(String) : [];
  const rn = claims[m.realName];
  const realNameVerified =
    rn === true || rn === 'true' || rn === 1 || rn === '1' || (level !== undefined && level !== 'L0');
  const name = c('name');
  if (!name) {
    throw new FormatError(
      'ERR_OIDC_CLAIMS',
      { zh: `身份令牌缺少姓名声明 ${m.name}`, en: `the ID token lacks the name claim ${m.name}` },
      { location: { field: m.name } },
    );
  }
  const person: NaturalPerson = {
    kind: 'person',
    name,
    certType: certType ?? 'resident-id-card',
    certNumber: c('certNumber') ?? '',
    realNameVerified,
    methods: amr,
    source: options.source ?? 'oidc',
    ...(c('userCode') ? { userCode: c('userCode') } : {}),
    ...(c('username') ? { username: c('username') } : {}),
    ...(c('email') ? { email: c('email') } : {}),
    ...(c('mobile') ? { mobile: c('mobile') } : {}),
    ...(level ? { level } : {}),
  };
  const orgUscc = c('orgUscc');
  if (c('userType') === '2' || orgUscc) {
    const entity: LegalEntity = {
      kind: 'entity',
      name: c('orgName') ?? name,
      certType: 'uscc',
      certNumber: orgUscc ?? '',
      realNameVerified,
      methods: amr,
      source: person.source,
      agent: person,
      ...(orgUscc ? { uscc: orgUscc } : {}),
      ...(person.userCode ? { userCode: person.userCode } : {}),
      ...(level ? { level } : {}),
    };
    return entity;
  }
  return person;
}

function wrap(e: unknown): GbkitError {
  if (e instanceof GbkitError) return e;
  const err = e as { code?: string; error?: string; message?: string; error_description?: string };
  const what = err.error ? `${err.error}: ${err.error_description ?? ''}` : (err.message ?? String(e));
  const isResponse = err instanceof oidc.ResponseBodyError || err.code === 'OAUTH_RESPONSE_BODY_ERROR';
  if (isResponse) {
    return new TransportError(
      'ERR_OIDC_TOKEN_EXCHANGE',
      { zh: `令牌端点返回错误 ${what}`, en: `the token endpoint returned ${what}` },
      { cause: e, details: { error: err.error } },
    );
  }
  if (
    err.code === 'OAUTH_HTTP_REQUEST_FORBIDDEN' ||
    err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' ||
    err.code === 'OAUTH_RESPONSE_IS_NOT_JSON' ||
    e instanceof TypeError
  ) {
    return new TransportError(
      'ERR_OIDC_TRANSPORT',
      { zh: `OIDC 请求失败：${what}`, en: `OIDC request failed: ${what}` },
      { cause: e },
    );
  }
  return new VerificationError(
    'ERR_OIDC_VALIDATION',
    {
      zh: `OIDC 响应或身份令牌校验失败：${what}`,
      en: `OIDC response or ID token validation failed: ${what}`,
    },
    { cause: e, details: { code: err.code } },
  );
}

/**
 * A login client for a standards-conformant OpenID Connect provider.
 * @example
 * ```ts
 * const login = await OidcLogin.discover({ issuer: 'https://op.example.com', clientId: 'app', clientSecret: '…', redirectUri: 'https://app.example.com/cb' });
 * const pending = await login.startLogin();   // redirect to pending.url; keep state, nonce, codeVerifier
 * const result = await login.finishLogin(callbackUrl, pending);
 * ```
 */
export class OidcLogin {
  private constructor(
    readonly config: OidcConfig,
    readonly client: oidc.Configuration,
  ) {}

  /** Reads the provider's discovery document and returns a ready client. */
  static async discover(config: OidcConfig): Promise<OidcLogin> {
    try {
      const c = await oidc.discovery(
        new URL(config.issuer),
        config.clientId,
        config.clientSecret,
        undefined,
        config.allowInsecureHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
      );
      return new OidcLogin(config, c);
    } catch (e) {
      throw new TransportError(
        'ERR_OIDC_DISCOVERY',
        {
          zh: `无法读取 ${config.issuer} 的发现文档`,
          en: `could not read the discovery document of ${config.issuer}`,
        },
        { cause: e },
      );
    }
  }

  /** Starts a login: PKCE S256 verifier, state and nonce, and the authorization URL. */
  async startLogin(): Promise<PendingLogin & { nonce: string; codeVerifier: string }> {
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(this.client, {
      redirect_uri: this.config.redirectUri,
      scope: this.config.scope ?? 'openid profile email phone',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(this.config.requestAcr !== false
        ? { claims: JSON.stringify({ id_token: { acr: { essential: true }, amr: { essential: true } } }) }
        : {}),
      ...this.config.extraParams,
    });
    return { url, state, nonce, codeVerifier };
  }

  /** Completes a login from the callback URL: checks, code exchange, ID-token validation, mapping. */
  async finishLogin(
    callbackUrl: string | URL,
    pending: { state: string; nonce?: string; codeVerifier?: string },
  ): Promise<LoginResult> {
    checkCallback(callbackUrl, this.config.redirectUri, pending.state);
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(this.client, new URL(String(callbackUrl)), {
        ...(pending.codeVerifier ? { pkceCodeVerifier: pending.codeVerifier } : {}),
        expectedState: pending.state,
        ...(pending.nonce ? { expectedNonce: pending.nonce } : {}),
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token');
      claims = { ...idClaims };
      if (this.config.userInfo !== false) {
        const info = await oidc.fetchUserInfo(this.client, tokens.access_token, idClaims.sub);
        claims = { ...info, ...claims };
      }
    } catch (e) {
      throw wrap(e);
    }
    const identity = identityFromOidcClaims(claims, {
      ...(this.config.claims ? { claims: this.config.claims } : {}),
      ...(this.config.certTypes ? { certTypes: this.config.certTypes } : {}),
      source: `oidc:${this.client.serverMetadata().issuer}`,
    });
    if (this.config.minLevel) requireLevel(identity.level, this.config.minLevel);
    const mode = this.config.validation ?? 'off';
    if (mode !== 'off') {
      assertValidIdentity(identity, {
        mode,
        ...(this.config.certTypes ? { certTypes: this.config.certTypes } : {}),
      });
    }
    return {
      identity,
      ...(identity.level ? { level: identity.level } : {}),
      methods: identity.methods ?? [],
      source: 'oidc',
      raw: claims,
    };
  }
}
