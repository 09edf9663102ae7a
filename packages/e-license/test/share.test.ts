import { sm2GenerateKeyPair } from '@gbkit/crypto';
import {
  CertShareClient,
  GuangdongLicenseClient,
  issueLicense,
  metadataToPairs,
  validateLicenseFile,
} from '@gbkit/e-license';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReferenceServer, startReferenceServer } from '../src/server/index.js';
import { AT, type Fixture, fixture, profileById, SAMPLES, SIGNING_TIME } from './helpers.js';

let fx: Fixture;
let srv: ReferenceServer;
let ofd: Uint8Array;
let identifier: string;
const decrypt = sm2GenerateKeyPair();
const useCause = {
  certificateSystemName: '一网通办',
  certificateCallCategory: '0' as const,
  certificateMatterName: '电梯维保备案',
  certificateCopyCause: '办理电梯维保备案',
};
const P = profileById('tzsb-use-registration');

beforeAll(async () => {
  fx = await fixture();
  srv = await startReferenceServer({
    certShare: { accessId: 'app-1', accessToken: 'secret-1', encryptFor: decrypt.publicKey },
    guangdong: { appKey: 'k', appSecret: 's', account: 'acct', password: 'pw' },
    copier: { signer: fx.pki.signer, seal: fx.seal, creator: '参考共享服务' },
  });
  ofd = issueLicense({
    profile: P,
    data: SAMPLES[P.id]!,
    signer: fx.pki.signer,
    seal: fx.seal,
    signingTime: SIGNING_TIME,
    at: AT,
  });
  identifier = srv.addLicense(ofd).identifier;
});
afterAll(async () => {
  await srv?.close();
});

describe('CertShare client against the reference server', () => {
  const client = () =>
    new CertShareClient({
      baseUrl: `${srv.url}main/CertShare/`,
      accessId: 'app-1',
      accessToken: 'secret-1',
      decryptionKey: decrypt.privateKey,
    });

  it('queries by holder code with SM2-encrypted data', async () => {
    const list = await client().queryCertInfoByHolderCode({
      holderCode: '91350100M000100Y43',
      holderTypeCode: '001',
      useCause,
    });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      certificateIdentifier: identifier,
      certificateHolderTypeCode: '001',
      certificateStatus: '01',
    });
  });

  it('without the decryption key the data stays an SM2 ciphertext', async () => {
    const raw = await new CertShareClient({
      baseUrl: `${srv.url}main/CertShare/`,
      accessId: 'app-1',
      accessToken: 'secret-1',
    }).call('queryCertInfoByQRcode', { qrcode: identifier, useCause });
    expect(typeof raw).toBe('string');
    expect(raw as string).toMatch(/^04[0-9a-f]+$/);
  });

  it('maps status codes 11 and 103 to TransportError', async () => {
    const bad = new CertShareClient({
      baseUrl: `${srv.url}main/CertShare/`,
      accessId: 'app-1',
      accessToken: 'wrong',
    });
    await expect(bad.queryCertInfoByQRcode({ qrcode: identifier, useCause })).rejects.toMatchObject({
      code: 'ERR_LIC_SHARE_STATUS',
      details: { status: 11 },
    });
    await expect(
      client().queryCertInfoByHolderCode({ holderCode: 'x', holderTypeCode: '005', useCause }),
    ).rejects.toMatchObject({ details: { status: 103 } });
  });

  it('downloads a re-sealed annotated copy that validates as a copy', async () => {
    const file = await client().downloadFile({
      certificateIdentifier: identifier,
      fileType: 'ofd',
      certificateCopyCause: '办理电梯维保备案',
      certificateCopyExpiringTime: '20991231235959',
    });
    const v = await validateLicenseFile(file, { policy: { ...fx.policy, validationTime: 'now' } });
    expect(v.isCopy).toBe(true);
    expect(v.metadata?.copy?.cause).toBe('办理电梯维保备案');
    expect(v.report.findings.filter((f) => f.status === 'failed')).toEqual([]);
  });

  it('uses an injected transport', async () => {
    const seen: string[] = [];
    const c = new CertShareClient({
      baseUrl: 'https://example.invalid/main/CertShare',
      accessId: 'a',
      accessToken: 'b',
      transport: async (req) => {
        seen.push(req.url);
        return {
          status: 200,
          body: JSON.stringify({ head: { status: 0, message: 'ok' }, data: { certificateIdentifier: 'X' } }),
        };
      },
    });
    expect(await c.queryCertInfoByQRcode({ qrcode: 'X', useCause })).toEqual({ certificateIdentifier: 'X' });
    expect(seen).toEqual(['https://example.invalid/main/CertShare/queryCertInfoByQRcode']);
  });
});

describe('Guangdong license-app/v1 client against the reference server', () => {
  it('login → create → token → get_license → archive → logout', async () => {
    const c = new GuangdongLicenseClient({
      baseUrl: srv.url,
      appKey: 'k',
      appSecret: 's',
      account: 'acct',
      password: 'pw',
    });
    await c.login();
    const fields = Object.fromEntries(
      metadataToPairs((await validateLicenseFile(ofd, { policy: fx.policy, at: AT })).metadata!).map((p) => [
        p.name,
        p.value,
      ]),
    );
    const { license_code, auth_code } = await c.createLicense('440100-TZSB-001', {
      data_fields: fields,
      certificate_identifier: identifier,
    });
    expect(license_code).toMatch(/^440100\d{4}\d{6}[0-9A-F]{2}$/);
    const lat = await c.licenseToken(auth_code);
    const got = await c.getLicense(lat);
    expect((got.data_fields as Record<string, string>).ZZBS).toBe(identifier);
    const file = await c.archive(lat);
    expect(Buffer.from(file).equals(Buffer.from(ofd))).toBe(true);
    await c.logout();
    await expect(c.createLicense('x', { data_fields: {} })).rejects.toMatchObject({
      code: 'ERR_LIC_SHARE_ACK',
      details: { ack_code: 'FAILURE' },
    });
  });

  it('bad credentials fail with ack_code FAILURE', async () => {
    const c = new GuangdongLicenseClient({
      baseUrl: srv.url,
      appKey: 'k',
      appSecret: 'nope',
      account: 'acct',
      password: 'pw',
    });
    await expect(c.login()).rejects.toMatchObject({
      code: 'ERR_LIC_SHARE_ACK',
      details: { errors: [{ code: 'AUTH_FAILED' }] },
    });
  });
});
