/**
 * A real OpenID Provider for tests: oidc-provider 9 mounted on a node:http server on 127.0.0.1 (ephemeral
 * port). Interactions are completed programmatically for the account in `nextLogin` (the "user" who logs
 * in), with `acr`/`amr` set the way a provincial platform would; ID tokens are really signed (RS256).
 * oidc-provider 9 prints an "Unsupported runtime" warning on Node 20 but runs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

export interface OpAccount {
  readonly claims: Record<string, unknown>;
  readonly acr: string;
  readonly amr: string[];
}

export interface OpClient {
  readonly clientId: string;
  readonly secret: string;
  readonly redirectUris: string[];
  /** Lifetime of authorization codes in seconds (default 60). */
  readonly codeTtl?: number;
}

export class TestOp {
  readonly accounts = new Map<string, OpAccount>();
  nextLogin = '';
  issuer = '';
  private server?: Server;
  private provider?: Provider;

  async start(clients: OpClient[]): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        res.statusCode = 500;
        res.end(String(e));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.issuer = `http://127.0.0.1:${port}`;
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: 'op-rs256', use: 'sig', alg: 'RS256' };
    const ttls = new Map(clients.map((c) => [c.clientId, c.codeTtl ?? 60]));
    const accounts = this.accounts;
    const scopeClaims = ['user_type', 'cert_type', 'cert_no', 'real_name', 'org_name', 'org_uscc'];
    const provider = new Provider(this.issuer, {
      clients: clients.map((c) => ({
        client_id: c.clientId,
        client_secret: c.secret,
        redirect_uris: c.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      })),
      jwks: { keys: [jwk] },
      cookies: { keys: ['test-cookie-key-0123456789'] },
      acrValues: ['L0', 'L1', 'L2', 'L3'],
      claims: {
        openid: ['sub'],
        acr: null,
        amr: null,
        profile: ['name', 'preferred_username'],
        email: ['email'],
        phone: ['phone_number'],
        gbkit: scopeClaims,
      },
      scopes: ['openid', 'profile', 'email', 'phone', 'gbkit'],
      features: { devInteractions: { enabled: false }, claimsParameter: { enabled: true } },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      ttl: {
        AuthorizationCode: (_ctx: unknown, _token: unknown, client: { clientId: string }) =>
          ttls.get(client.clientId) ?? 60,
      },
      findAccount: async (_ctx: unknown, id: string) => {
        const a = accounts.get(id);
        if (!a) return undefined;
        return { accountId: id, claims: async () => ({ sub: id, ...a.claims }) };
      },
      // biome-ignore lint/suspicious/noExplicitAny: oidc-provider's context is untyped
      loadExistingGrant: async (ctx: any) => {
        const session = ctx.oidc.session;
        const client = ctx.oidc.client;
        if (!session?.accountId || !client) return undefined;
        const grant = new ctx.oidc.provider.Grant({
          clientId: client.clientId,
          accountId: session.accountId,
        });
        grant.addOIDCScope('openid profile email phone gbkit');
        grant.addOIDCClaims(['acr', 'amr']);
        await grant.save();
        return grant;
      },
    });
    this.provider = provider;
    return this;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const provider = this.provider;
    if (!provider) throw new Error('not started');
    if (req.url?.startsWith('/interaction/')) {
      const account = this.accounts.get(this.nextLogin);
      if (!account) {
        await provider.interactionFinished(req, res, {
          error: 'access_denied',
          error_description: 'login failed',
        });
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: this.nextLogin, acr: account.acr, amr: account.amr } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    provider.callback()(req, res);
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

/** A minimal browser: follows redirects on the OP's origin with a cookie jar, stops at any other origin. */
export async function browseToCallback(
  start: URL,
  opOrigin: string,
): Promise<{ status: number; location?: string; body: string }> {
  const jar = new Map<string, string>();
  let url = start;
  for (let i = 0; i < 10; i++) {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const sc of res.headers.getSetCookie()) {
      const [pair] = sc.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) {
      return { status: res.status, body: await res.text() };
    }
    await res.arrayBuffer();
    const next = new URL(location, url);
    if (next.origin !== opOrigin) return { status: res.status, location: next.href, body: '' };
    url = next;
  }
  throw new Error('too many redirects');
}
