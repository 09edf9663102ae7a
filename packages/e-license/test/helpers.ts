import { createTestPki, type TestPki } from '@gbkit/crypto';
import type { LicenseData, LicenseProfile } from '@gbkit/e-license';
import { BUILTIN_PROFILES } from '@gbkit/e-license';
import { makeSeal, type VerifyPolicy } from '@gbkit/e-seal';

export const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
/** The validation time used by the tests. */
export const AT = new Date('2026-11-30T06:00:00Z');
/** A synthetic (valid under GB 32100) defining-authority code for the special-equipment test types. */
export const TEST_AUTHORITY = '914403000000004570';

export interface Fixture {
  pki: TestPki;
  seal: Uint8Array;
  policy: VerifyPolicy;
}

export async function fixture(): Promise<Fixture> {
  const pki = await createTestPki({
    organization: 'gbkit e-license test',
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2028-01-01T00:00:00Z'),
  });
  const seal = makeSeal({
    maker: pki.sealMaker,
    signerCertificates: [pki.signer.certificate],
    esID: '44010000000001',
    name: '某市市场监督管理局电子证照专用章',
    createDate: new Date('2026-01-02T00:00:00Z'),
    validStart: new Date('2026-01-02T00:00:00Z'),
    validEnd: new Date('2027-12-31T00:00:00Z'),
    picture: { type: 'PNG', data: PNG, width: 40, height: 40 },
  });
  return { pki, seal, policy: { trustAnchors: [pki.ca.certificate.der], validationTime: AT } };
}

export const SIGNING_TIME = new Date('2026-11-30T02:00:00Z');

const issuer = { issuerName: '长春市市场监督管理局', issuerCode: '11220000013544541J' };

/** Valid sample data for every built-in profile. */
export const SAMPLES: Record<string, LicenseData> = {
  'tzsb-use-registration': {
    typeCode: `${TEST_AUTHORITY}901`,
    serial: '2026000001',
    number: '梯11吉A00001(26)',
    ...issuer,
    issueDate: '20260110',
    holders: [{ name: '长春某物业服务有限公司', code: '91350100M000100Y43', typeCode: '001' }],
    surface: {
      SYDWDZ: '吉林省长春市朝阳区某路1号',
      SBZL: '3000',
      SBLB: '曳引与强制驱动电梯',
      SBPZ: '曳引驱动乘客电梯',
      SBDM: '31102201232021060001',
      DWNBH: '1号梯',
      SBSYDD: '某小区3栋',
      CPXH: 'GeN2-MR',
      CPBH: 'E2021060001',
      ZZDW: '某电梯有限公司',
    },
  },
  'tzsb-periodic-inspection': {
    typeCode: `${TEST_AUTHORITY}902`,
    serial: '2026000002',
    number: 'DT-2026-000123',
    ...issuer,
    issueDate: '2026-03-01',
    holders: [{ name: '长春某物业服务有限公司', code: '91350100M000100Y43', typeCode: '001' }],
    expiryDate: '2027-02-28',
    surface: {
      SBZL: '3000',
      SBPZ: '曳引驱动乘客电梯',
      SBDM: '31102201232021060001',
      SYDJZBH: '梯11吉A00001(26)',
      SBSYDD: '某小区3栋',
      JYLB: '1',
      JYRQ: '2026-02-26',
      JYJL: 'HG',
      XCJYRQ: '2027-02' + '-28',
    },
  },
  'tzsb-personnel': {
    typeCode: `${TEST_AUTHORITY}903`,
    serial: '2026000003',
    number: '11010519491231002X',
    ...issuer,
    issueDate: '2026-04-01',
    holders: [{ name: '张三', code: '11010519491231002X', typeCode: '111' }],
    surface: {
      DABH: 'TS2100000099937',
      ZYXMDH: 'N1',
      ZYXM: '叉车司机',
      PZRQ: '2026-04-01',
      YRDW: '长春某物流有限公司',
    },
  },
  'jzsg-special-operations': {
    serial: '2430599',
    number: '吉A042024000123',
    issuerName: '吉林省住房和城乡建设厅',
    issuerCode: '11220000013544541J',
    issueDate: '2026-01-05',
    effectiveDate: '2026-01-05',
    holders: [{ name: '李四', code: '11010519491231002X', typeCode: '111' }],
    surface: { XB: '2', CSRQ: '1949-12-31', CZLB: '01', PZRQ: '2020-01-05', QYMC: '吉林某建设集团有限公司' },
  },
};

export function profileById(id: string): LicenseProfile {
  const p = BUILTIN_PROFILES.find((x) => x.id === id);
  if (!p) throw new Error(id);
  return p;
}
