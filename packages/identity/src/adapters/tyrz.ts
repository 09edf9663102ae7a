/**
 * Login through the Guangdong unified identity platform (广东省统一身份认证平台, `tyrz.gd.gov.cn`), OAuth 2.0
 * authorization-code style with the platform's non-standard details [S — public integration code and
 * write-ups, see research Part 2.3]:
 *
 * 1. authorize: `GET {base}/tif/sso/connect/page/oauth2/authorize?service=initService&response_type=code&client_id=…&scope=all&redirect_uri=…&state=…`
 * 2. token: `GET {base}/tif/sso/connect/page/oauth2/access_token?client_id&client_secret&code&scope=all&redirect_uri&grant_type=authorization_code`
 *    → `{ access_token, token_type, expires_in, refresh_token }`
 * 3. user: `GET {base}/tif/sso/connect/page/oauth2/tokeninfo?access_token=…` → an envelope
 *    (`sign`, `sdata`, `time_stamp`, `version`) around `userobj`, `pareobj`, `user_creditable_level`.
 *
 * Because the public description is second-hand, every path, parameter name and constant is configurable.
 * The signature on the `tokeninfo` envelope (`sign`) has no public algorithm [U]; pass `verifyEnvelope` to
 * check it when the platform gives you its key.
 * @module
 */
import { FormatError, TransportError, type ValidationMode } from '@gbkit/core';
import type { CertTypeTable } from '../cert-types.js';
import { type AssuranceLevel, requireLevel } from '../levels.js';
import { assertValidIdentity } from '../validate.js';
import { checkCallback, type LoginResult, type PendingLogin, randomToken } from './login.js';
import { compact, identityFromTyrz, type TyrzTokenInfo, type TyrzUserObject } from './tyrz-map.js';

/** Configuration of {@link TyrzClient}; everything but the credentials has a default. */
export interface TyrzConfig {
  /** `https://tyrz.gd.gov.cn` (production) or `https://tyrztest.gd.gov.cn` (test). */
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The pre-registered redirect URI; must match exactly. */
  readonly redirectUri: string;
  readonly authorizePath?: string;
  readonly tokenPath?: string;
  readonly tokenInfoPath?: string;
  /** `scope`, default `all`. */
  readonly scope?: string;
  /** `service`, default `initService`. */
  readonly service?: string;
  /** `grant_type`, default `authorization_code` (one older sample uses `code`). */
  readonly grantType?: string;
  /** HTTP method of the token call, default `GET` (parameters in the query). */
  readonly tokenMethod?: 'GET' | 'POST';
  /** Extra parameters added to the authorize URL. */
  readonly extraAuthorizeParams?: Readonly<Record<string, string>>;
  /** Minimum account level; logins below it are rejected with `ERR_ASSURANCE_LEVEL_INSUFFICIENT`. */
  readonly minLevel?: AssuranceLevel;
  /** Certificate-type table used to map `idcardtype`. */
  readonly certTypes?: CertTypeTable;
  /**
   * Validate the mapped identity (certificate numbers through `@gbkit/codes`) before accepting the login:
   * `strict` (default), `lenient` (tolerated deviations pass as warnings) or `off` (e.g. a test platform
   * with masked numbers). Failures throw `ERR_IDENTITY_INVALID`.
   */
  readonly validation?: ValidationMode | 'off';
  /** Checks the envelope signature (`sign` over `sdata`); return false to reject. */
  readonly verifyEnvelope?: (envelope: Readonly<Record<string, unknown>>) => boolean | Promise<boolean>;
  /** The fetch to use (default `globalThis.fetch`). */
  readonly fetch?: typeof fetch;
  /** Request timeout, default 10 000 ms. */
  readonly timeoutMs?: number;
}

/** The token response. */
export interface TyrzTokens {
  readonly accessToken: string;
  readonly tokenType?: string;
  readonly expiresIn?: number;
  readonly refreshToken?: string;
}

function transport(code: string, zh: string, en: string, details?: Record<string, unknown>, cause?: unknown) {
  return new TransportError(
    code,
    { zh, en },
    { ...(details ? { details } : {}), ...(cause ? { cause } : {}) },
  );
}

/**
 * Client of the Guangdong unified identity platform.
 * @example
 * ```ts
 * const tyrz = new TyrzClient({ baseUrl: 'https://tyrztest.gd.gov.cn', clientId: 'my_app', clientSecret: '…', redirectUri: 'https://app.example.gov.cn/cb', minLevel: 'L2' });
 * const pending = tyrz.startLogin();            // redirect the browser to pending.url, keep pending.state
 * const result = await tyrz.finishLogin(callbackUrl, pending.state);
 * result.identity.kind; // 'person' | 'entity'
 * ```
 */
export class TyrzClient {
  readonly config: TyrzConfig;

  constructor(config: TyrzConfig) {
    this.config = config;
  }

  private url(path: string | undefined, fallback: string): URL {
    return new URL(
      path ?? fallback,
      this.config.baseUrl.endsWith('/') ? this.config.baseUrl : `${this.config.baseUrl}/`,
    );
  }

  /** The authorize URL for a given `state`. */
  authorizationUrl(state: string): URL {
    const u = this.url(this.config.authorizePath, 'tif/sso/connect/page/oauth2/authorize');
    const q = u.searchParams;
    q.set('service', this.config.service ?? 'initService');
    q.set('response_type', 'code');
    q.set('client_id', this.config.clientId);
    q.set('scope', this.config.scope ?? 'all');
    q.set('redirect_uri', this.config.redirectUri);
    q.set('state', state);
    for (const [k, v] of Object.entries(this.config.extraAuthorizeParams ?? {})) q.set(k, v);
    return u;
  }

  /** Starts a login with a fresh random `state`. */
  startLogin(): PendingLogin {
    const state = randomToken();
    return { url: this.authorizationUrl(state), state };
  }

  private async getJson(url: URL, init: RequestInit, what: string): Promise<Record<string, unknown>> {
    const f = this.config.fetch ?? globalThis.fetch;
    let res: Response;
    try {
      res = await f(url, { ...init, signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000) });
    } catch (e) {
      throw transport(
        'ERR_TYRZ_TRANSPORT',
        `调用 ${what} 失败`,
        `calling ${what} failed`,
        { url: url.pathname },
        e,
      );
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw transport(
        'ERR_TYRZ_RESPONSE',
        `${what} 返回的不是 JSON（HTTP ${res.status}）`,
        `${what} did not answer JSON (HTTP ${res.status})`,
        { status: res.status },
        e,
      );
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      throw transport('ERR_TYRZ_RESPONSE', `${what} 返回的 JSON 不是对象`, `${what} answered a non-object`, {
        status: res.status,
      });
    }
    const obj = json as Record<string, unknown>;
    if (!res.ok || obj.error !== undefined || (obj.errcode !== undefined && String(obj.errcode) !== '0')) {
      const err = String(obj.error ?? obj.errcode ?? res.status);
      const desc = String(obj.error_description ?? obj.errmsg ?? obj.msg ?? '');
      throw transport(
        what === 'access_token' ? 'ERR_TYRZ_TOKEN_EXCHANGE' : 'ERR_TYRZ_TOKENINFO',
        `${what} 返回错误 ${err}：${desc}`,
        `${what} returned error ${err}: ${desc}`,
        { status: res.status, error: err, description: desc },
      );
    }
    return obj;
  }

  /** Exchanges an authorization code (GET with every parameter in the query, by default). */
  async exchangeCode(code: string): Promise<TyrzTokens> {
    const u = this.url(this.config.tokenPath, 'tif/sso/connect/page/oauth2/access_token');
    const params = new URLSearchParams({
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
      code,
      scope: this.config.scope ?? 'all',
      redirect_uri: this.config.redirectUri,
      grant_type: this.config.grantType ?? 'authorization_code',
    });
    let json: Record<string, unknown>;
    if ((this.config.tokenMethod ?? 'GET') === 'GET') {
      for (const [k, v] of params) u.searchParams.set(k, v);
      json = await this.getJson(u, { method: 'GET' }, 'access_token');
    } else {
      json = await this.getJson(
        u,
        { method: 'POST', body: params, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        'access_token',
      );
    }
    const accessToken = json.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw transport(
        'ERR_TYRZ_TOKEN_EXCHANGE',
        'access_token 响应中没有令牌',
        'the token response has no access_token',
      );
    }
    const expires = Number(json.expires_in);
    return compact({
      accessToken,
      tokenType: typeof json.token_type === 'string' ? json.token_type : undefined,
      expiresIn: Number.isFinite(expires) ? expires : undefined,
      refreshToken: typeof json.refresh_token === 'string' ? json.refresh_token : undefined,
    });
  }

  /** Calls `tokeninfo` and unwraps the envelope (`sdata` may carry the body as a JSON string). */
  async tokenInfo(accessToken: string): Promise<TyrzTokenInfo> {
    const u = this.url(this.config.tokenInfoPath, 'tif/sso/connect/page/oauth2/tokeninfo');
    u.searchParams.set('access_token', accessToken);
    const json = await this.getJson(u, { method: 'GET' }, 'tokeninfo');
    if (this.config.verifyEnvelope && !(await this.config.verifyEnvelope(json))) {
      throw transport(
        'ERR_TYRZ_ENVELOPE_SIGNATURE',
        'tokeninfo 报文签名验证失败',
        'the tokeninfo envelope signature is invalid',
      );
    }
    let body: Record<string, unknown> = json;
    for (const key of ['sdata', 'signdata', 'data']) {
      const v = json[key];
      if (typeof v === 'string' && v.trim().startsWith('{')) {
        try {
          body = JSON.parse(v) as Record<string, unknown>;
        } catch (e) {
          throw transport(
            'ERR_TYRZ_RESPONSE',
            `tokeninfo 的 ${key} 不是 JSON`,
            `tokeninfo ${key} is not JSON`,
            {},
            e,
          );
        }
        break;
      }
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        body = v as Record<string, unknown>;
        break;
      }
    }
    const userobj = body.userobj;
    if (!userobj || typeof userobj !== 'object') {
      throw new FormatError(
        'ERR_TYRZ_USER',
        { zh: 'tokeninfo 中没有 userobj', en: 'tokeninfo carries no userobj' },
        { location: { field: 'userobj' } },
      );
    }
    const envelope: Record<string, unknown> = {};
    for (const k of ['sign', 'time_stamp', 'version']) if (json[k] !== undefined) envelope[k] = json[k];
    const pare = body.pareobj;
    const ucl = body.user_creditable_level;
    return {
      userobj: userobj as TyrzUserObject,
      ...(pare && typeof pare === 'object' && Object.keys(pare).length > 0
        ? { pareobj: pare as TyrzUserObject }
        : {}),
      ...(ucl && typeof ucl === 'object' ? { user_creditable_level: ucl as Record<string, unknown> } : {}),
      envelope,
    };
  }

  /**
   * Completes a login from the callback URL: checks redirect and state, exchanges the code, reads
   * `tokeninfo`, maps the user and applies `minLevel`.
   */
  async finishLogin(
    callbackUrl: string | URL,
    expectedState: string,
  ): Promise<LoginResult & { tokens: TyrzTokens }> {
    const code = checkCallback(callbackUrl, this.config.redirectUri, expectedState);
    const tokens = await this.exchangeCode(code);
    const info = await this.tokenInfo(tokens.accessToken);
    const identity = identityFromTyrz(info, this.config.certTypes);
    if (this.config.minLevel) requireLevel(identity.level, this.config.minLevel);
    const mode = this.config.validation ?? 'strict';
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
      source: 'tyrz',
      raw: info,
      tokens,
    };
  }
}
