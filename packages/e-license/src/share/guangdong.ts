/**
 * Client of the Guangdong e-licence system API `license-app/v1` (research §6.2, a proxy for DB44/T
 * 2167.3, inferred): `security/login` with app key/secret and account → `access_token` sent as a query
 * parameter; responses `{ack_code: SUCCESS|FAILURE, errors[], data, …}`.
 * @module
 */
import { fromBase64, TransportError } from '@gbkit/core';
import { fetchTransport, parseJsonBody, type Transport } from './transport.js';

/** Options of {@link GuangdongLicenseClient}. */
export interface GuangdongOptions {
  /** Base URL ending before `license-app/v1/`, e.g. `http://host/`. */
  readonly baseUrl: string;
  readonly appKey: string;
  readonly appSecret: string;
  readonly account: string;
  readonly password: string;
  readonly transport?: Transport;
}

/**
 * The Guangdong client.
 *
 * @example
 * ```ts
 * import { GuangdongLicenseClient } from '@gbkit/e-license';
 * const c = new GuangdongLicenseClient({ baseUrl: 'http://127.0.0.1:8080/', appKey: 'k', appSecret: 's', account: 'a', password: 'p' });
 * // await c.login(); const { license_code, auth_code } = await c.createLicense('440100-001', { data_fields: { ZZMC: '…' } });
 * ```
 */
export class GuangdongLicenseClient {
  private readonly transport: Transport;
  private token: string | undefined;
  constructor(private readonly o: GuangdongOptions) {
    this.transport = o.transport ?? fetchTransport;
  }

  private url(path: string, query: Record<string, string> = {}): string {
    const q = new URLSearchParams({
      ...(this.token ? { access_token: this.token } : {}),
      ...query,
    }).toString();
    return `${this.o.baseUrl.replace(/\/?$/, '/')}license-app/v1/${path}${q ? `?${q}` : ''}`;
  }

  /** Calls an operation; returns `data` or throws `TransportError(ERR_LIC_SHARE_ACK)` with the errors. */
  async call(
    path: string,
    body?: Record<string, unknown>,
    query: Record<string, string> = {},
  ): Promise<unknown> {
    const url = this.url(path, query);
    const res = await this.transport({
      method: body ? 'POST' : 'GET',
      url,
      headers: { 'content-type': 'application/json;charset=UTF-8' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const r = parseJsonBody(res, url);
    if (r.ack_code !== 'SUCCESS') {
      const errors = Array.isArray(r.errors) ? (r.errors as { code?: unknown; message?: unknown }[]) : [];
      const first = errors[0];
      throw new TransportError(
        'ERR_LIC_SHARE_ACK',
        {
          zh: `广东证照接口返回 ${String(r.ack_code)}：${String(first?.message ?? '')}`,
          en: `the Guangdong API answered ${String(r.ack_code)}: ${String(first?.message ?? '')}`,
        },
        { details: { ack_code: r.ack_code, errors, path } },
      );
    }
    return r.data;
  }

  /** `security/login`: stores and returns the access token. */
  async login(): Promise<string> {
    this.token = undefined;
    const d = (await this.call('security/login', {
      app_key: this.o.appKey,
      app_secret: this.o.appSecret,
      account: this.o.account,
      password: this.o.password,
    })) as { access_token?: unknown };
    if (typeof d?.access_token !== 'string')
      throw new TransportError('ERR_LIC_SHARE_RESPONSE', {
        zh: '登录响应中没有 access_token',
        en: 'no access_token in the login response',
      });
    this.token = d.access_token;
    return this.token;
  }

  /** `security/logout`. */
  async logout(): Promise<void> {
    await this.call('security/logout', {});
    this.token = undefined;
  }

  /** `license/{item_code}/create`: returns `license_code` and `auth_code`. */
  async createLicense(
    itemCode: string,
    data: Record<string, unknown>,
  ): Promise<{ license_code: string; auth_code: string }> {
    return (await this.call(`license/${encodeURIComponent(itemCode)}/create`, data)) as {
      license_code: string;
      auth_code: string;
    };
  }

  /** `license/token`: `auth_code` → `license_access_token`. */
  async licenseToken(authCode: string): Promise<string> {
    const d = (await this.call('license/token', { auth_code: authCode })) as {
      license_access_token?: unknown;
    };
    if (typeof d?.license_access_token !== 'string')
      throw new TransportError('ERR_LIC_SHARE_RESPONSE', {
        zh: '响应中没有 license_access_token',
        en: 'no license_access_token in the response',
      });
    return d.license_access_token;
  }

  /** `license/get_license`: the licence data. */
  async getLicense(licenseAccessToken: string): Promise<Record<string, unknown>> {
    return (await this.call('license/get_license', { license_access_token: licenseAccessToken })) as Record<
      string,
      unknown
    >;
  }

  /** `license/archive`: the archived file (base64 in `file_data`) as bytes. */
  async archive(licenseAccessToken: string): Promise<Uint8Array> {
    const d = (await this.call('license/archive', { license_access_token: licenseAccessToken })) as {
      file_data?: unknown;
    };
    if (typeof d?.file_data !== 'string')
      throw new TransportError('ERR_LIC_SHARE_RESPONSE', {
        zh: '响应中没有 file_data',
        en: 'no file_data in the response',
      });
    return fromBase64(d.file_data);
  }
}
