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

describe('annotated copies and lifecycle', () => {
  it('a copy carries the copy metadata and watermark, validates, and expires', async () => {
    const { makeAnnotatedCopy } = await import('@gbkit/e-license');
    const p = BUILTIN_PROFILES[2]!;
    const original = issueLicense({
      profile: p,
      data: SAMPLES[p.id]!,
      signer: fx.pki.signer,
      seal: fx.seal,
      signingTime: SIGNING_TIME,
      at: AT,
    });
    const copy = makeAnnotatedCopy(original, {
      purpose: '用于某项目投标资格审查',
      creator: '某区政务服务中心',
      createdAt: new Date('2026-11-30T01:00:00Z'),
      expires: '20261231235959',
      signer: fx.pki.signer,
      seal: fx.seal,
      signingTime: SIGNING_TIME,
    });
    const v = await validateLicenseFile(copy, { policy: fx.policy, at: AT });
    expect(problems(v)).toEqual([]);
    expect(v.isCopy).toBe(true);
    expect(v.metadata?.copy).toEqual({
      creationTime: '2026-11-30 09:00:00',
      creator: '某区政务服务中心',
      cause: '用于某项目投标资格审查',
      expiringTime: '2026-12-31 23:59:59',
    });
    const later = await validateLicenseFile(copy, {
      policy: fx.policy,
      at: new Date('2027-01-01T00:00:00Z'),
    });
    expect(later.report.findings.find((f) => f.ruleId === 'LIC-COPY-EXPIRY')?.status).toBe('failed');
    expect(() =>
      makeAnnotatedCopy(original, {
        purpose: 'x'.repeat(201),
        creator: 'a',
        expires: '2026-12-31',
        signer: fx.pki.signer,
        seal: fx.seal,
      }),
    ).toThrow(expect.objectContaining({ code: 'ERR_LIC_COPY_CAUSE' }));
    expect(() =>
      makeAnnotatedCopy(copy, {
        purpose: 'x',
        creator: 'a',
        expires: '2027-12-31',
        signer: fx.pki.signer,
        seal: fx.seal,
      }),
    ).toThrow(expect.objectContaining({ code: 'ERR_LIC_COPY_OF_COPY' }));
  });

  it('the next version has version 002, a new check character and a link to its predecessor', async () => {
    const { nextVersionData, readLicenseMetadata, statusLabelOf } = await import('@gbkit/e-license');
    const p = BUILTIN_PROFILES[0]!;
    const v1 = issueLicense({
      profile: p,
      data: SAMPLES[p.id]!,
      signer: fx.pki.signer,
      seal: fx.seal,
      signingTime: SIGNING_TIME,
      at: AT,
    });
    const m1 = readLicenseMetadata(v1);
    const data2 = nextVersionData(m1, {
      issueDate: '2026-11-01',
      surface: { ...m1.surface, SBSYDD: '某小区5栋' },
    });
    const v2 = issueLicense({
      profile: p,
      data: data2,
      signer: fx.pki.signer,
      seal: fx.seal,
      signingTime: SIGNING_TIME,
      at: AT,
    });
    const r = await validateLicenseFile(v2, { policy: fx.policy, at: AT });
    expect(problems(r)).toEqual([]);
    expect(r.metadata?.identifier.split('.')[8]).toBe('002');
    expect(r.metadata?.predecessor).toBe(m1.identifier);
    expect(statusLabelOf(p, '03')).toBe('注销');
  });
});

describe('user profiles', () => {
  it('a user profile (plain JSON) issues and validates through a registry', async () => {
    const { defineProfile, ProfileRegistry } = await import('@gbkit/e-license');
    const json = JSON.parse(
      JSON.stringify({
        id: 'demo-permit',
        name: '演示许可证',
        typeCode: '914403000000004570950',
        holderTypeCodes: ['001'],
        fields: [{ key: 'XKFW', label: '许可范围', required: true }],
        statusCodes: { '1': '有效', '2': '注销' },
        validStatus: ['1'],
        validity: '5年',
        layout: {
          rows: [
            '$holderName',
            '$holderCode',
            'XKFW',
            '$number',
            '$issuerName',
            '$issueDate',
            '$expiryDate',
            '$identifier',
          ],
        },
        evidence: { level: 'inferred', source: 'test' },
      }),
    );
    const profile = defineProfile(json);
    const data = {
      serial: '1',
      number: '演示2026-1',
      issuerName: '某局',
      issuerCode: '11220000013544541J',
      issueDate: '2026-06-01',
      holders: [{ name: '某公司', code: '91350100M000100Y43', typeCode: '001' }],
      surface: { XKFW: '全部' },
    };
    const ofd = issueLicense({
      profile,
      data,
      signer: fx.pki.signer,
      seal: fx.seal,
      signingTime: SIGNING_TIME,
      at: AT,
    });
    const v = await validateLicenseFile(ofd, {
      policy: fx.policy,
      at: AT,
      profiles: new ProfileRegistry([profile]),
    });
    expect(problems(v)).toEqual([]);
    expect(v.metadata?.expiryDate).toBe('2031-05-31');
    expect(() => defineProfile({ ...json, layout: { rows: ['NOPE'] } })).toThrow(
      expect.objectContaining({ code: 'ERR_LIC_PROFILE', location: { field: 'layout.rows' } }),
    );
  });
});

describe('verify hook', () => {
  it('isLicenseFile and licenseSection', async () => {
    const { isLicenseFile, licenseSection } = await import('@gbkit/e-license');
    const p = BUILTIN_PROFILES[3]!;
    const ofd = issueLicense({
      profile: p,
      data: SAMPLES[p.id]!,
      signer: fx.pki.signer,
      seal: fx.seal,
      signingTime: SIGNING_TIME,
      at: AT,
    });
    expect(isLicenseFile(ofd)).toBe(true);
    expect(isLicenseFile(new Uint8Array([1, 2, 3]))).toBe(false);
    const s = licenseSection(await validateLicenseFile(ofd, { policy: fx.policy, at: AT }));
    expect(s).toMatchObject({ ok: true, isCopy: false, profile: p.id, counts: { failed: 0 } });
    expect(s.findings.every((f) => f.ruleId.startsWith('LIC-'))).toBe(true);
  });
});

describe('signed PDF licences', () => {
  it('every profile issues a signed PDF that validates with no error (one warning: PDF instead of OFD)', async () => {
    const { issueLicensePdf } = await import('@gbkit/e-license');
    for (const profile of BUILTIN_PROFILES) {
      const pdf = await issueLicensePdf({
        profile,
        data: SAMPLES[profile.id]!,
        signer: fx.pki.signer,
        seal: fx.seal,
        signingTime: SIGNING_TIME,
        at: AT,
      });
      const v = await validateLicenseFile(pdf, { policy: fx.policy, at: AT });
      expect(problems(v), profile.id).toEqual([
        'LIC-FILE-FORMAT warning: PDF e-licence: GB/T 36905 references only OFD',
      ]);
      expect(v.report.ok).toBe(true);
      expect(v.seal?.format).toBe('pdf');
      expect(v.profile).toBe(profile.id);
    }
  });

  it('qpdf accepts the file and pdftotext reads the Chinese text (skips loudly without the tools)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { issueLicensePdf } = await import('@gbkit/e-license');
    const p = BUILTIN_PROFILES[3]!;
    const pdf = await issueLicensePdf({
      profile: p,
      data: SAMPLES[p.id]!,
      signer: fx.pki.signer,
      seal: fx.seal,
      signingTime: SIGNING_TIME,
      at: AT,
    });
    const dir = mkdtempSync(join(tmpdir(), 'gbkit-lic-pdf-'));
    try {
      const f = join(dir, 'lic.pdf');
      writeFileSync(f, pdf);
      if (spawnSync('qpdf', ['--version']).status !== 0)
        console.warn('!! qpdf not found: structural PDF check skipped');
      else expect(spawnSync('qpdf', ['--check', f]).status).toBe(0);
      const t = spawnSync('pdftotext', [f, '-'], { encoding: 'utf8' });
      if (t.status !== 0) console.warn('!! pdftotext not found: text extraction check skipped');
      else if (!t.stdout.includes('李四'))
        console.warn(
          `!! pdftotext could not map STSong-Light text (poppler-data CMaps missing?): ${JSON.stringify(t.stdout.slice(0, 80))}`,
        );
      else expect(t.stdout).toContain('建筑施工特种作业操作资格证书');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a changed page text in the PDF is caught', async () => {
    const { renderLicensePdf } = await import('@gbkit/e-license');
    const { signPdf } = await import('@gbkit/e-seal');
    const p = BUILTIN_PROFILES[3]!;
    const { pdf } = renderLicensePdf({ profile: p, data: SAMPLES[p.id]!, at: AT });
    const hex = (s: string) =>
      [...s].map((c) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')).join('');
    const bad = new TextDecoder('latin1').decode(pdf).replace(hex('李四'), hex('王五'));
    const tampered = Uint8Array.from(bad, (c) => c.charCodeAt(0));
    const signed = await signPdf(tampered, {
      privateKey: fx.pki.signer.privateKey,
      certificate: fx.pki.signer.certificate.der,
      signingTime: SIGNING_TIME,
    });
    const v = await validateLicenseFile(signed, { policy: fx.policy, at: AT });
    expect(v.report.findings.filter((f) => f.status === 'failed').map((f) => f.ruleId)).toEqual([
      'LIC-PAGE-TEXT',
    ]);
  });
});
