/** One mutation per rule: each makes exactly that LIC-* rule fail (e-seal's own findings aside). */

import { computeMod37_36 } from '@gbkit/codes';
import { fromUtf8, utf8 } from '@gbkit/core';
import {
  buildIdentifier,
  issueLicense,
  LICENSE_RULES,
  type LicenseData,
  type LicenseValidation,
  makeAnnotatedCopy,
  renderLicenseOfd,
  validateLicenseFile,
} from '@gbkit/e-license';
import { signOfd } from '@gbkit/e-seal';
import { OfdPackage } from '@gbkit/ofd';
import { beforeAll, describe, expect, it } from 'vitest';
import { AT, type Fixture, fixture, profileById, SAMPLES, SIGNING_TIME } from './helpers.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await fixture();
});

const failing = (v: LicenseValidation) => [
  ...new Set(
    v.report.findings
      .filter((f) => f.status === 'failed' && f.ruleId.startsWith('LIC-'))
      .map((f) => f.ruleId),
  ),
];
const USE = profileById('tzsb-use-registration');
const INSP = profileById('tzsb-periodic-inspection');
const base = SAMPLES[USE.id]!;

function issue(data: Partial<LicenseData>, profile = USE): Uint8Array {
  return issueLicense({
    profile,
    data: { ...(profile === USE ? base : SAMPLES[profile.id]!), ...data } as LicenseData,
    signer: fx.pki.signer,
    seal: fx.seal,
    signingTime: SIGNING_TIME,
    check: false,
  });
}
const validate = (ofd: Uint8Array, at = AT) => validateLicenseFile(ofd, { policy: fx.policy, at });
function replaceAndSign(mutate: (pkg: OfdPackage) => Record<string, Uint8Array>): Uint8Array {
  const { ofd } = renderLicenseOfd({ profile: USE, data: base, at: AT });
  const pkg = OfdPackage.open(ofd);
  return signOfd(pkg.withReplaced(mutate(pkg)).bytes, {
    signer: fx.pki.signer,
    seal: fx.seal,
    signingTime: SIGNING_TIME,
    stamps: [{ page: 0, x: 128, y: 232, width: 42, height: 42 }],
  });
}
const editOfdXml = (f: (x: string) => string) =>
  replaceAndSign((pkg) => ({ '/OFD.xml': utf8(f(fromUtf8(pkg.read('/OFD.xml')))) }));

describe('one mutation per rule', () => {
  it('baseline: no rule fails', async () => {
    expect(failing(await validate(issue({})))).toEqual([]);
  });

  const cases: [string, () => Uint8Array | Promise<Uint8Array>, (keyof typeof LICENSE_RULES)?][] = [
    ['LIC-FILE-FORMAT', () => utf8('not a zip')],
    [
      'LIC-SEAL',
      () => {
        const ofd = issue({});
        const pkg = OfdPackage.open(ofd);
        const path = pkg.paths().find((p) => p.endsWith('SignedValue.dat'))!;
        const v = pkg.read(path).slice();
        v[v.length - 5]! ^= 0xff;
        return pkg.withReplaced({ [path]: v }).bytes;
      },
    ],
    [
      'LIC-META-PRESENT',
      () => editOfdXml((x) => x.replace(/<ofd:CustomData Name="ZZBS">[^<]*<\/ofd:CustomData>/, '')),
    ],
    [
      'LIC-META-SCHEMA',
      () =>
        editOfdXml((x) =>
          x.replace(
            '</ofd:CustomDatas>',
            '<ofd:CustomData Name="FOO">bar</ofd:CustomData></ofd:CustomDatas>',
          ),
        ),
    ],
    [
      'LIC-ID-FORMAT',
      () => {
        const good = buildIdentifier({
          typeCode: base.typeCode!,
          issuerCode: base.issuerCode,
          serial: base.serial!,
        });
        const parts = good.split('.');
        parts[8] = '000';
        parts[9] = computeMod37_36(parts.slice(5, 9).join(''));
        return issue({ identifier: parts.join('.') });
      },
    ],
    [
      'LIC-ID-CHECK',
      () => {
        const id = buildIdentifier({
          typeCode: base.typeCode!,
          issuerCode: base.issuerCode,
          serial: base.serial!,
        });
        return issue({ identifier: id.slice(0, -1) + (id.endsWith('A') ? 'B' : 'A') });
      },
    ],
    [
      'LIC-ID-CONSISTENT',
      () =>
        issue({
          identifier: buildIdentifier({
            typeCode: base.typeCode!,
            issuerCode: '11430000006122244L',
            serial: base.serial!,
          }),
        }),
    ],
    [
      'LIC-HOLDER-CODE',
      () =>
        issue({ holders: [{ name: '长春某物业服务有限公司', code: '91350100M000100Y44', typeCode: '001' }] }),
    ],
    [
      'LIC-PROFILE-HOLDER-TYPE',
      () => issue({ holders: [{ name: '张三', code: '11010519491231002X', typeCode: '111' }] }),
    ],
    [
      'LIC-PROFILE-FIELDS',
      () => {
        const { SBDM: _drop, ...surface } = base.surface!;
        return issue({ surface });
      },
    ],
    ['LIC-PROFILE-NUMBER', () => issue({ number: 'abc' })],
    [
      'LIC-DATES-ORDER',
      () => issue({ surface: { ...SAMPLES[INSP.id]!.surface, XCJYRQ: '2026-02-01' } }, INSP),
    ],
    ['LIC-VALIDITY', () => issue({ issueDate: '2027-01-01' })],
    ['LIC-STATUS', () => issue({ status: '03' })],
    [
      'LIC-PAGE-TEXT',
      () =>
        replaceAndSign((pkg) => ({
          '/Doc_0/Pages/Page_0/Content.xml': utf8(
            fromUtf8(pkg.read('/Doc_0/Pages/Page_0/Content.xml')).replace(
              '长春某物业服务有限公司',
              '长春另一物业有限公司',
            ),
          ),
        })),
    ],
    [
      'LIC-COPY-META',
      () =>
        issue({
          copy: {
            creationTime: '2026-11-30 09:00:00',
            creator: '某区政务服务中心',
            cause: '用于办理维保合同备案',
            expiringTime: '2026-12-31 23:59:59',
          },
        }),
    ],
    [
      'LIC-COPY-EXPIRY',
      () =>
        makeAnnotatedCopy(issue({}), {
          purpose: '用于办理维保合同备案',
          creator: '某区政务服务中心',
          createdAt: new Date('2026-11-01T00:00:00Z'),
          expires: '2026-11-15 23:59:59',
          signer: fx.pki.signer,
          seal: fx.seal,
          signingTime: SIGNING_TIME,
        }),
    ],
  ];
  for (const [rule, make] of cases) {
    it(`${rule}: exactly this rule fails`, async () => {
      const v = await validate(await make());
      expect(failing(v)).toEqual([rule]);
      expect(v.report.ok).toBe(false);
    });
  }

  it('every rule has a mutation (LIC-PROFILE-KNOWN is a warning by design)', () => {
    const covered = new Set(cases.map((c) => c[0]));
    for (const r of Object.values(LICENSE_RULES))
      if (r.id !== 'LIC-PROFILE-KNOWN') expect(covered.has(r.id), r.id).toBe(true);
  });

  it('LIC-PROFILE-KNOWN: an unknown licence type is a warning in strict mode, not-applicable in lenient', async () => {
    const ofd = issue({ name: '某未知证照', typeCode: '914403000000004570999' });
    const strict = await validate(ofd);
    expect(strict.report.findings.find((f) => f.ruleId === 'LIC-PROFILE-KNOWN')?.status).toBe('warning');
    expect(failing(strict)).toEqual([]);
    const lenient = await validateLicenseFile(ofd, { policy: fx.policy, at: AT, mode: 'lenient' });
    expect(lenient.report.findings.find((f) => f.ruleId === 'LIC-PROFILE-KNOWN')?.status).toBe(
      'not-applicable',
    );
  });
});
