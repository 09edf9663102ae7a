/**
 * A tyrz-style identity server for tests: a real node:http server on 127.0.0.1 (ephemeral port) that
 * behaves like the Guangdong unified identity platform as public integrations describe it — authorize with
 * exact redirect-URI matching, code exchange by GET with the secret in the query, single-use codes with a
 * lifetime, and a `tokeninfo` envelope (`sign` over `sdata`, here HMAC-SHA256 with the client secret, since
 * the real algorithm is not public).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TyrzTestUser {
  readonly userobj: Record<string, unknown>;
  readonly pareobj?: Record<string, unknown>;
  readonly user_creditable_level?: Record<string, unknown>;
}

export interface TyrzTestClient {
  readonly clientId: string;
  readonly secret: string;
  readonly redirectUris: readonly string[];
}

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  user: string;
  issuedAt: number;
  used: boolean;
}

export class TyrzTestServer {
  readonly users = new Map<string, TyrzTestUser>();
  readonly clients = new Map<string, TyrzTestClient>();
  /** Who "logs in" at the next authorize request. */
  nextUser = '';
  /** The server's clock (ms); tests move it to expire codes. */
  now: () => number = () => Date.now();
  codeTtlMs = 300_000;
  /** Requests seen (method and path), for assertions on how the adapter calls. */
  readonly log: { method: string; path: string; query: Record<string, string> }[] = [];
  private readonly codes = new Map<string, CodeGrant>();
  private readonly tokens = new Map<string, { user: string; clientId: string }>();
  private server?: Server;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private json(res: ServerResponse, status: number, body: unknown): undefined {
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
    res.end(JSON.stringify(body));
    return undefined;
  }

  private handle(req: IncomingMessage, res: ServerResponse): undefined {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const q = Object.fromEntries(url.searchParams);
    this.log.push({ method: req.method ?? '', path: url.pathname, query: q });
    const prefix = '/tif/sso/connect/page/oauth2/';
    if (!url.pathname.startsWith(prefix)) return this.json(res, 404, { errcode: '404', errmsg: 'not found' });
    const op = url.pathname.slice(prefix.length);
    if (op === 'authorize') return this.authorize(q, res);
    if (op === 'access_token') {
      if (req.method !== 'GET') return this.json(res, 405, { errcode: '405', errmsg: 'GET only' });
      return this.accessToken(q, res);
    }
    if (op === 'tokeninfo') return this.tokenInfo(q, res);
    return this.json(res, 404, { errcode: '404', errmsg: 'not found' });
  }

  private authorize(q: Record<string, string>, res: ServerResponse): undefined {
    const client = this.clients.get(q.client_id ?? '');
    if (!client) return this.json(res, 400, { errcode: '40001', errmsg: 'invalid client_id' });
    if (q.response_type !== 'code' || q.service !== 'initService' || q.scope !== 'all') {
      return this.json(res, 400, { errcode: '40002', errmsg: 'invalid request parameters' });
    }
    if (!client.redirectUris.includes(q.redirect_uri ?? '')) {
      return this.json(res, 400, { errcode: '40003', errmsg: 'redirect_uri mismatch' });
    }
    if (!this.users.has(this.nextUser))
      return this.json(res, 401, { errcode: '40100', errmsg: 'login failed' });
    const code = randomBytes(12).toString('hex');
    this.codes.set(code, {
      clientId: client.clientId,
      redirectUri: q.redirect_uri ?? '',
      user: this.nextUser,
      issuedAt: this.now(),
      used: false,
    });
    const target = new URL(q.redirect_uri ?? '');
    target.searchParams.set('code', code);
    if (q.state) target.searchParams.set('state', q.state);
    res.writeHead(302, { location: target.href });
    res.end();
  }

  private accessToken(q: Record<string, string>, res: ServerResponse): undefined {
    const client = this.clients.get(q.client_id ?? '');
    if (!client || client.secret !== q.client_secret) {
      return this.json(res, 401, { errcode: '40101', errmsg: 'invalid client credentials' });
    }
    if (q.grant_type !== 'authorization_code') {
      return this.json(res, 400, { errcode: '40004', errmsg: 'unsupported grant_type' });
    }
    const grant = this.codes.get(q.code ?? '');
    if (!grant || grant.used || grant.clientId !== client.clientId) {
      return this.json(res, 400, { errcode: '40029', errmsg: 'invalid code' });
    }
    if (this.now() - grant.issuedAt > this.codeTtlMs) {
      return this.json(res, 400, { errcode: '40030', errmsg: 'code expired' });
    }
    if (grant.redirectUri !== q.redirect_uri) {
      return this.json(res, 400, { errcode: '40003', errmsg: 'redirect_uri mismatch' });
    }
    grant.used = true;
    const token = randomBytes(16).toString('hex');
    this.tokens.set(token, { user: grant.user, clientId: client.clientId });
    this.json(res, 200, {
      access_token: token,
      token_type: 'bearer',
      expires_in: '7200',
      refresh_token: randomBytes(16).toString('hex'),
    });
  }

  private tokenInfo(q: Record<string, string>, res: ServerResponse): undefined {
    const t = this.tokens.get(q.access_token ?? '');
    if (!t) return this.json(res, 401, { errcode: '40102', errmsg: 'invalid access_token' });
    const user = this.users.get(t.user);
    if (!user) return this.json(res, 500, { errcode: '500', errmsg: 'user vanished' });
    const sdata = JSON.stringify({
      userobj: user.userobj,
      pareobj: user.pareobj ?? {},
      user_creditable_level: user.user_creditable_level ?? {},
    });
    const secret = this.clients.get(t.clientId)?.secret ?? '';
    this.json(res, 200, {
      sign: createHmac('sha256', secret).update(sdata).digest('base64'),
      sdata,
      time_stamp: String(this.now()),
      version: 'v1',
    });
  }
}
