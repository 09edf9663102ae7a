import {
  BUILTIN_PROFILES,
  issueLicense,
  type LicenseValidation,
  renderLicenseOfd,
  validateLicenseFile,
} from '@gbkit/e-license';
import { openOfd } from '@gbkit/ofd';
import { beforeAll, describe, expect, it } from 'vitest';
import { AT, type Fixture, fixture, SAMPLES, SIGNING_TIME } from './helpers.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await fixture();
});

const problems = (v: LicenseValidation) =>
  v.report.findings
    .filter((f) => f.status !== 'passed' && f.status !== 'not-applicable')
    .map((f) => `${f.ruleId} ${f.status}: ${f.message.en}`);

describe('issue and validate every built-in profile', () => {
  for (const profile of BUILTIN_PROFILES) {
    it(`${profile.name} validates with zero errors and zero warnings in strict mode`, async () => {
      const ofd = issueLicense({
        profile,
        data: SAMPLES[profile.id]!,
        signer: fx.pki.signer,
        seal: fx.seal,
        signingTime: SIGNING_TIME,
        at: AT,
      });
      const v = await validateLicenseFile(ofd, { policy: fx.policy, at: AT });
      expect(problems(v)).toEqual([]);
      expect(v.report.ok).toBe(true);
      expect(v.profile).toBe(profile.id);
      expect(v.isCopy).toBe(false);
      expect(v.metadata?.identifier.startsWith('1.2.156.3005.2.')).toBe(true);
      const doc = openOfd(ofd);
      expect(doc.signatures).toHaveLength(1);
      expect(doc.docInfo.customDatas.find((c) => c.name === 'ZZBS')?.value).toBe(v.metadata?.identifier);
    });
  }

  it('rendering is deterministic (same input, same unsigned bytes)', () => {
    const p = BUILTIN_PROFILES[0]!;
    const a = renderLicenseOfd({ profile: p, data: SAMPLES[p.id]!, at: AT }).ofd;
    const b = renderLicenseOfd({ profile: p, data: SAMPLES[p.id]!, at: AT }).ofd;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('refuses to issue data that fails a rule', () => {
    const p = BUILTIN_PROFILES[0]!;
    expect(() =>
      renderLicenseOfd({
        profile: p,
        data: { ...SAMPLES[p.id]!, surface: { ...SAMPLES[p.id]!.surface, SBZL: '1234' } },
        at: AT,
      }),
    ).toThrow(expect.objectContaining({ code: 'ERR_LIC_DATA_INVALID' }));
  });
});
