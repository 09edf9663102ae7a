import { createHmac } from 'node:crypto';
import { isGbkitError } from '@gbkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityFromTyrz, parseExtProperties, TyrzClient } from '../src/node.js';
import { ENTITY_SUB, PERSON_L0, PERSON_L2 } from './fixtures/tyrz-users.js';
import { TyrzTestServer } from './servers/tyrz-server.js';

const REDIRECT = 'https://app.example.gov.cn/login/callback';
let server: TyrzTestServer;

beforeAll(async () => {
  server = await new TyrzTestServer().start();
  server.clients.set('tyrz_tzsbdzjg', {
    clientId: 'tyrz_tzsbdzjg',
    secret: 's3cret',
    redirectUris: [REDIRECT],
  });
  server.users.set('zhangsan', PERSON_L2);
  server.users.set('lisi', PERSON_L0);
  server.users.set('acme_jbr01', ENTITY_SUB);
  server.users.set('badid', {
    userobj: { ...PERSON_L2.userobj, uid: 'badid', idcardnumber: '440106199001011234' },
  });
});
afterAll(async () => {
  await server.close();
});

function client(extra: Partial<ConstructorParameters<typeof TyrzClient>[0]> = {}): TyrzClient {
  return new TyrzClient({
    baseUrl: server.baseUrl,
    clientId: 'tyrz_tzsbdzjg',
    clientSecret: 's3cret',
    redirectUri: REDIRECT,
    verifyEnvelope: (env) =>
      createHmac('sha256', 's3cret').update(String(env.sdata)).digest('base64') === env.sign,
    ...extra,
  });
}

/** Plays the browser: follows the authorize URL to the 302 and returns the callback URL. */
async function browse(url: URL, user: string): Promise<{ status: number; location?: string; body: string }> {
  server.nextUser = user;
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location') ?? undefined, body: await res.text() };
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

describe('tyrz adapter against a local tyrz-style server', () => {
  it('builds the authorize URL with the platform parameters', () => {
    const u = client().authorizationUrl('st1');
    expect(u.pathname).toBe('/tif/sso/connect/page/oauth2/authorize');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      service: 'initService',
      response_type: 'code',
      client_id: 'tyrz_tzsbdzjg',
      scope: 'all',
      redirect_uri: REDIRECT,
      state: 'st1',
    });
  });

  it('logs in a natural person (code exchanged by GET, tokeninfo mapped)', async () => {
    const c = client({ minLevel: 'L2' });
    const pending = c.startLogin();
    const b = await browse(pending.url, 'zhangsan');
    expect(b.status).toBe(302);
    const r = await c.finishLogin(b.location ?? '', pending.state);
    expect(r.identity).toMatchObject({
      kind: 'person',
      name: '张三',
      certType: 'resident-id-card',
      certNumber: '440106199001011235',
      userCode: 'GDU0000000000000001',
      username: 'zhangsan',
      realNameVerified: true,
      level: 'L2',
      mobile: '13800000000',
      address: '广州市天河区',
      region: '440106',
    });
    expect(r.identity.email).toBeUndefined(); // '-1' is absent
    expect(r.methods).toEqual(['PLV', 'YSS']);
    expect(r.identity.extensions).not.toHaveProperty('legal_person');
    const tokenCall = server.log.find((l) => l.path.endsWith('/access_token'));
    expect(tokenCall?.method).toBe('GET');
    expect(tokenCall?.query).toMatchObject({
      client_secret: 's3cret',
      grant_type: 'authorization_code',
      scope: 'all',
    });
  });

  it('logs in a legal person acting through a sub-account with a parent account', async () => {
    const c = client({ minLevel: 'L2' });
    const pending = c.startLogin();
    const b = await browse(pending.url, 'acme_jbr01');
    const r = await c.finishLogin(b.location ?? '', pending.state);
    const id = r.identity;
    expect(id.kind).toBe('entity');
    if (id.kind !== 'entity') return;
    expect(id).toMatchObject({
      name: '广州某某特种设备检测有限公司',
      certType: 'uscc',
      uscc: '91440101MA5CXXXX7X',
      level: 'L3', // from user_creditable_level, since creditable_level_of_account is -1
      accountType: '2',
      legalRepresentative: { name: '赵六', certType: 'resident-id-card', certNumber: '440305198506154020' },
      agent: { kind: 'person', name: '王五', certNumber: '11010519491231002X' },
      parentAccount: {
        userCode: 'GDE0000000000000010',
        username: 'acme',
        certNumber: '91440101MA5CXXXX7X',
      },
    });
    expect(r.methods).toEqual(['GW', 'YSS']);
  });

  it('rejects a user below the required level', async () => {
    const c = client({ minLevel: 'L1' });
    const pending = c.startLogin();
    const b = await browse(pending.url, 'lisi');
    await expectCode(c.finishLogin(b.location ?? '', pending.state), 'ERR_ASSURANCE_LEVEL_INSUFFICIENT');
  });

  it('rejects a redirect URI that is not registered (server) and a callback on another path (client)', async () => {
    const wrong = client({ redirectUri: 'https://evil.example.com/cb' });
    const b = await browse(wrong.startLogin().url, 'zhangsan');
    expect(b.status).toBe(400);
    expect(JSON.parse(b.body).errmsg).toBe('redirect_uri mismatch');

    const c = client();
    const pending = c.startLogin();
    const ok = await browse(pending.url, 'zhangsan');
    const moved = (ok.location ?? '').replace('/login/callback', '/other');
    await expectCode(c.finishLogin(moved, pending.state), 'ERR_LOGIN_REDIRECT_MISMATCH');
    // a client configured with another redirect_uri than the one the code was issued for
    const code = new URL(ok.location ?? '').searchParams.get('code') ?? '';
    const other = client({ redirectUri: 'https://app.example.gov.cn/login/callback2' });
    await expectCode(other.exchangeCode(code), 'ERR_TYRZ_TOKEN_EXCHANGE');
  });

  it('rejects a state mismatch, an expired code and a reused code', async () => {
    const c = client();
    const p1 = c.startLogin();
    const b1 = await browse(p1.url, 'zhangsan');
    await expectCode(c.finishLogin(b1.location ?? '', 'another-state'), 'ERR_LOGIN_STATE_MISMATCH');

    const p2 = c.startLogin();
    const b2 = await browse(p2.url, 'zhangsan');
    const realNow = server.now;
    server.now = () => realNow() + 10 * 60_000;
    try {
      await expectCode(c.finishLogin(b2.location ?? '', p2.state), 'ERR_TYRZ_TOKEN_EXCHANGE');
    } finally {
      server.now = realNow;
    }

    const p3 = c.startLogin();
    const b3 = await browse(p3.url, 'zhangsan');
    await c.finishLogin(b3.location ?? '', p3.state);
    await expectCode(c.finishLogin(b3.location ?? '', p3.state), 'ERR_TYRZ_TOKEN_EXCHANGE');
  });

  it('rejects an identity whose certificate number fails GB 11643 (unless validation is off)', async () => {
    const c = client();
    const p = c.startLogin();
    const b = await browse(p.url, 'badid');
    await expectCode(c.finishLogin(b.location ?? '', p.state), 'ERR_IDENTITY_INVALID');
    const off = client({ validation: 'off' });
    const p2 = off.startLogin();
    const b2 = await browse(p2.url, 'badid');
    expect((await off.finishLogin(b2.location ?? '', p2.state)).identity.certNumber).toBe(
      '440106199001011234',
    );
  });

  it('rejects a tokeninfo envelope whose signature does not verify', async () => {
    const c = client({ verifyEnvelope: () => false });
    const p = c.startLogin();
    const b = await browse(p.url, 'zhangsan');
    await expectCode(c.finishLogin(b.location ?? '', p.state), 'ERR_TYRZ_ENVELOPE_SIGNATURE');
  });

  it('reports transport failures with a typed error', async () => {
    const c = new TyrzClient({
      baseUrl: 'http://127.0.0.1:1',
      clientId: 'x',
      clientSecret: 'y',
      redirectUri: REDIRECT,
    });
    await expectCode(c.exchangeCode('abc'), 'ERR_TYRZ_TRANSPORT');
  });
});

describe('tyrz mapping helpers', () => {
  it('treats -1 as absent in extproperties', () => {
    expect(parseExtProperties(['a=1', 'b=-1', 'c=', 'broken', 'd=x=y'])).toEqual({ a: '1', d: 'x=y' });
    expect(parseExtProperties('a=1;b=2')).toEqual({ a: '1', b: '2' });
  });

  it('maps an unknown certificate type to a typed error', () => {
    expect(() =>
      identityFromTyrz({ userobj: { ...PERSON_L2.userobj, idcardtype: '99' }, envelope: {} }),
    ).toThrowError(expect.objectContaining({ code: 'ERR_CERT_TYPE_UNKNOWN' }));
    expect(() => identityFromTyrz({ userobj: { uid: 'x' }, envelope: {} })).toThrowError(
      expect.objectContaining({ code: 'ERR_TYRZ_USER' }),
    );
  });
});
