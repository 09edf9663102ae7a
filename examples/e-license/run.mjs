// Runnable e-licence scenario on the BUILT packages (pnpm --filter @gbkit/e-license... build):
// an agency issues a 特种设备使用登记证, stores it in the reference sharing server (SQLite), a using
// system queries it through the national CertShare interface (SM2-encrypted data), downloads a 加注件,
// and another goes through the Guangdong license-app/v1 interface; every file is validated.
// Usage: node examples/e-license/run.mjs
import { createTestPki, sm2GenerateKeyPair } from '@gbkit/crypto';
import {
  CertShareClient,
  GuangdongLicenseClient,
  issueLicense,
  metadataToPairs,
  TZSB_USE_REGISTRATION,
  validateLicenseFile,
} from '@gbkit/e-license';
import { startReferenceServer } from '@gbkit/e-license/server';
import { makeSeal } from '@gbkit/e-seal';

const pki = await createTestPki({ organization: 'gbkit example agency' });
const now = Date.now();
const seal = makeSeal({
  maker: pki.sealMaker,
  signerCertificates: [pki.signer.certificate],
  esID: '22010000000001',
  name: '示例市市场监督管理局电子证照专用章',
  validStart: new Date(now - 60_000),
  validEnd: new Date(now + 365 * 86_400_000),
  picture: {
    type: 'PNG',
    data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    width: 40,
    height: 40,
  },
});
const policy = { trustAnchors: [pki.ca.certificate.der] };
const today = new Date(now + 8 * 3600_000).toISOString().slice(0, 10);

// 1. issue
const ofd = issueLicense({
  profile: TZSB_USE_REGISTRATION,
  data: {
    typeCode: '914403000000004570901', // synthetic defining-authority code: SAMR's is not published
    serial: `${today.slice(0, 4)}000001`,
    number: '梯11吉A00001(26)',
    issuerName: '示例市市场监督管理局',
    issuerCode: '11220000013544541J',
    issueDate: today,
    holders: [{ name: '示例物业服务有限公司', code: '91350100M000100Y43', typeCode: '001' }],
    surface: {
      SYDWDZ: '示例市朝阳区某路1号',
      SBZL: '3000',
      SBLB: '曳引与强制驱动电梯',
      SBDM: '31102201232021060001',
      SBSYDD: '某小区3栋',
    },
  },
  signer: pki.signer,
  seal,
});
const issued = await validateLicenseFile(ofd, { policy });
console.log(
  `issued ${issued.metadata.identifier}: ${issued.report.ok ? 'valid' : 'INVALID'} (${ofd.length} bytes)`,
);

// 2. reference server with both interface styles
const decrypt = sm2GenerateKeyPair();
const srv = await startReferenceServer({
  certShare: { accessId: 'using-system', accessToken: 'secret', encryptFor: decrypt.publicKey },
  guangdong: { appKey: 'app', appSecret: 'app-secret', account: 'operator', password: 'pw' },
  copier: { signer: pki.signer, seal, creator: '示例共享服务' },
});
try {
  srv.addLicense(ofd);
  console.log(`reference server on ${srv.url}`);

  // 3. national CertShare style
  const cs = new CertShareClient({
    baseUrl: `${srv.url}main/CertShare/`,
    accessId: 'using-system',
    accessToken: 'secret',
    decryptionKey: decrypt.privateKey,
  });
  const useCause = {
    certificateSystemName: '一网通办',
    certificateCallCategory: '0',
    certificateMatterName: '电梯维保合同备案',
    certificateCopyCause: '办理电梯维保合同备案',
  };
  const found = await cs.queryCertInfoByHolderCode({
    holderCode: '91350100M000100Y43',
    holderTypeCode: '001',
    useCause,
  });
  console.log(
    `CertShare: ${found.length} licence(s) for the holder: ${found.map((f) => f.certificateName).join(', ')}`,
  );
  const copy = await cs.downloadFile({
    certificateIdentifier: issued.metadata.identifier,
    fileType: 'ofd',
    certificateCopyCause: '办理电梯维保合同备案',
    certificateCopyExpiringTime: new Date(now + 7 * 86_400_000 + 8 * 3600_000)
      .toISOString()
      .replace(/\D/g, '')
      .slice(0, 14),
  });
  const cv = await validateLicenseFile(copy, { policy });
  console.log(
    `CertShare: downloaded 加注件 ${cv.isCopy ? '(copy)' : ''} "${cv.metadata.copy?.cause}" valid until ${cv.metadata.copy?.expiringTime}: ${cv.report.ok ? 'valid' : 'INVALID'}`,
  );

  // 4. Guangdong license-app/v1 style
  const gd = new GuangdongLicenseClient({
    baseUrl: srv.url,
    appKey: 'app',
    appSecret: 'app-secret',
    account: 'operator',
    password: 'pw',
  });
  await gd.login();
  const fields = Object.fromEntries(metadataToPairs(issued.metadata).map((p) => [p.name, p.value]));
  const { license_code, auth_code } = await gd.createLicense('440100-TZSB-001', {
    data_fields: fields,
    certificate_identifier: issued.metadata.identifier,
  });
  const token = await gd.licenseToken(auth_code);
  const archived = await gd.archive(token);
  console.log(
    `Guangdong: license_code ${license_code}, archive ${archived.length} bytes, ${(await validateLicenseFile(archived, { policy })).report.ok ? 'valid' : 'INVALID'}`,
  );
  await gd.logout();
} finally {
  await srv.close();
}
