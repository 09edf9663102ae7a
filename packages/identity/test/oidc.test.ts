import { isGbkitError } from '@gbkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityFromOidcClaims, OidcLogin } from '../src/node.js';
import { browseToCallback, TestOp } from './servers/oidc-op.js';

const REDIRECT = 'http://127.0.0.1:9/cb'; // never contacted: the test browser stops at the client's origin
let op: TestOp;

beforeAll(async () => {
  op = await new TestOp().start([
    { clientId: 'gov-app', secret: 'gov-app-secret-0123456789', redirectUris: [REDIRECT] },
    { clientId: 'short-code', secret: 'short-code-secret-0123456789', redirectUris: [REDIRECT], codeTtl: 1 },
  ]);
  op.accounts.set('u-person', {
    claims: {
      name: '张三',
      preferred_username: 'zhangsan',
      email: 'zs@example.cn',
      user_type: '1',
      cert_type: '10',
      cert_no: '440106199001011235',
      real_name: true,
    },
    acr: 'L2',
    amr: ['face'],
  });
  op.accounts.set('u-agent', {
    claims: {
      name: '王五',
      user_type: '2',
      cert_type: 'resident-id-card',
      cert_no: '11010519491231002X',
      org_name: '广州某某特种设备检测有限公司',
      org_uscc: '91440101MA5CXXXX7X',
      real_name: true,
    },
    acr: 'L3',
    amr: ['cert'],
  });
  op.accounts.set('u-weak', { claims: { name: '李四', user_type: '1' }, acr: 'L0', amr: ['pwd'] });
});
afterAll(async () => {
  await op.close();
});

async function login(clientId = 'gov-app', secret = 'gov-app-secret-0123456789', extra = {}) {
  return OidcLogin.discover({
    issuer: op.issuer,
    clientId,
    clientSecret: secret,
    redirectUri: REDIRECT,
    scope: 'openid profile email gbkit',
    allowInsecureHttp: true,
    ...extra,
  });
}

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    expect(isGbkitError(e), String(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}, nothing thrown`);
}

describe('OIDC adapter against oidc-provider 9 on localhost', () => {
  it('logs in a person with discovery, PKCE, state, nonce and a validated ID token', async () => {
    const l = await login();
    const pending = await l.startLogin();
    expect(pending.url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(pending.url.searchParams.get('nonce')).toBe(pending.nonce);
    op.nextLogin = 'u-person';
    const b = await browseToCallback(pending.url, op.issuer);
    expect(b.location, b.body).toBeDefined();
    const r = await l.finishLogin(b.location ?? '', pending);
    expect(r.identity).toMatchObject({
      kind: 'person',
      name: '张三',
      userCode: 'u-person',
      certType: 'resident-id-card',
      certNumber: '440106199001011235',
      level: 'L2',
      realNameVerified: true,
    });
    expect(r.methods).toEqual(['face']);
    expect(r.identity.source).toBe(`oidc:${op.issuer}`);
  });

  it('maps an agent acting for a legal entity (validated with @gbkit/codes)', async () => {
    const l = await login('gov-app', 'gov-app-secret-0123456789', { validation: 'strict' });
    const pending = await l.startLogin();
    op.nextLogin = 'u-agent';
    const b = await browseToCallback(pending.url, op.issuer);
    const r = await l.finishLogin(b.location ?? '', pending);
    expect(r.identity).toMatchObject({
      kind: 'entity',
      name: '广州某某特种设备检测有限公司',
      uscc: '91440101MA5CXXXX7X',
      level: 'L3',
      agent: { kind: 'person', name: '王五', certNumber: '11010519491231002X' },
    });
  });

  it('rejects a user below the required level', async () => {
    const l = await login('gov-app', 'gov-app-secret-0123456789', { minLevel: 'L1' });
    const pending = await l.startLogin();
    op.nextLogin = 'u-weak';
    const b = await browseToCallback(pending.url, op.issuer);
    await expectCode(l.finishLogin(b.location ?? '', pending), 'ERR_ASSURANCE_LEVEL_INSUFFICIENT');
  });

  it('rejects a wrong nonce (ID-token validation) and a wrong state', async () => {
    const l = await login();
    const pending = await l.startLogin();
    op.nextLogin = 'u-person';
    const b = await browseToCallback(pending.url, op.issuer);
    await expectCode(l.finishLogin(b.location ?? '', { ...pending, state: 'x' }), 'ERR_LOGIN_STATE_MISMATCH');
    await expectCode(
      l.finishLogin(b.location ?? '', { ...pending, nonce: 'not-the-nonce' }),
      'ERR_OIDC_VALIDATION',
    );
  });

  it('rejects an unregistered redirect URI (OP) and a callback on another path (client)', async () => {
    const bad = await OidcLogin.discover({
      issuer: op.issuer,
      clientId: 'gov-app',
      clientSecret: 'gov-app-secret-0123456789',
      redirectUri: 'http://127.0.0.1:9/evil',
      allowInsecureHttp: true,
    });
    const p = await bad.startLogin();
    const b = await browseToCallback(p.url, op.issuer);
    expect(b.status).toBe(400);
    expect(b.body).toContain('redirect_uri');

    const l = await login();
    const pending = await l.startLogin();
    op.nextLogin = 'u-person';
    const ok = await browseToCallback(pending.url, op.issuer);
    await expectCode(
      l.finishLogin((ok.location ?? '').replace('/cb', '/elsewhere'), pending),
      'ERR_LOGIN_REDIRECT_MISMATCH',
    );
  });

  it('rejects a code redeemed with the wrong PKCE verifier', async () => {
    const l = await login();
    const pending = await l.startLogin();
    op.nextLogin = 'u-person';
    const b = await browseToCallback(pending.url, op.issuer);
    await expectCode(
      l.finishLogin(b.location ?? '', { ...pending, codeVerifier: 'x'.repeat(43) }),
      'ERR_OIDC_TOKEN_EXCHANGE',
    );
  });

  it('rejects an expired authorization code', async () => {
    const l = await login('short-code', 'short-code-secret-0123456789');
    const pending = await l.startLogin();
    op.nextLogin = 'u-person';
    const b = await browseToCallback(pending.url, op.issuer);
    await new Promise((r) => setTimeout(r, 2100));
    await expectCode(l.finishLogin(b.location ?? '', pending), 'ERR_OIDC_TOKEN_EXCHANGE');
  });

  it('reports a provider without discovery as a transport error', async () => {
    await expectCode(
      OidcLogin.discover({
        issuer: 'http://127.0.0.1:1',
        clientId: 'a',
        redirectUri: REDIRECT,
        allowInsecureHttp: true,
      }),
      'ERR_OIDC_DISCOVERY',
    );
  });
});

describe('identityFromOidcClaims', () => {
  it('requires a name', () => {
    expect(() => identityFromOidcClaims({ sub: 'x' })).toThrowError(
      expect.objectContaining({ code: 'ERR_OIDC_CLAIMS' }),
    );
  });
});
