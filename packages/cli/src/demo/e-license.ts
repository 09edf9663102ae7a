/**
 * Demo step for `@gbkit/e-license`: issues a 特种设备使用登记证 as a sealed OFD (test PKI and seal),
 * validates it end to end, shows the identifier, then makes an annotated copy (加注件) and validates that.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localize } from '@gbkit/core';
import { createTestPki } from '@gbkit/crypto';
import {
  issueLicense,
  makeAnnotatedCopy,
  TZSB_USE_REGISTRATION,
  validateLicenseFile,
} from '@gbkit/e-license';
import { makeSeal } from '@gbkit/e-seal';
import type { DemoStep } from './index.js';

/** Issue, validate, copy. */
export const eLicenseDemoStep: DemoStep = {
  title: {
    zh: '电子证照：签发特种设备使用登记证（OFD + 电子印章）、验证、加注件（@gbkit/e-license）',
    en: 'E-licences: issue a special-equipment use registration (OFD + e-seal), validate, annotated copy (@gbkit/e-license)',
  },
  async run(io, workDir) {
    const zh = io.lang === 'zh';
    const pki = await createTestPki({ organization: 'gbkit e-license demo' });
    const now = Date.now();
    const seal = makeSeal({
      maker: pki.sealMaker,
      signerCertificates: [pki.signer.certificate],
      esID: '22010000000001',
      name: '演示市市场监督管理局电子证照专用章',
      validStart: new Date(now - 60_000),
      validEnd: new Date(now + 365 * 86_400_000),
      picture: {
        type: 'PNG',
        data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        width: 40,
        height: 40,
      },
    });
    const day = new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
    const ofd = issueLicense({
      profile: TZSB_USE_REGISTRATION,
      data: {
        // 914403000000004570: a synthetic defining-authority code (SAMR's is not published)
        typeCode: '914403000000004570901',
        serial: `${day.slice(0, 4)}000001`,
        number: '梯11吉A00001(26)',
        issuerName: '演示市市场监督管理局',
        issuerCode: '11220000013544541J',
        issueDate: day,
        holders: [{ name: '演示物业服务有限公司', code: '91350100M000100Y43', typeCode: '001' }],
        surface: {
          SYDWDZ: '演示市朝阳区某路1号',
          SBZL: '3000',
          SBLB: '曳引与强制驱动电梯',
          SBDM: '31102201232021060001',
          SBSYDD: '某小区3栋',
        },
      },
      signer: pki.signer,
      seal,
    });
    writeFileSync(join(workDir, 'license.ofd'), ofd);
    const policy = { trustAnchors: [pki.ca.certificate.der] };
    const v = await validateLicenseFile(ofd, { policy, file: 'license.ofd' });
    io.out(`  ${zh ? '证照标识' : 'identifier'}: ${v.metadata?.identifier}`);
    const lic = v.report.findings.filter((f) => f.ruleId.startsWith('LIC-'));
    io.out(
      `  ${v.report.ok ? '✔' : '✘'} license.ofd (${ofd.length} bytes): ${lic.filter((f) => f.status === 'passed').length}/${lic.length} ${zh ? '项证照规则通过' : 'licence rules passed'}, ${zh ? '印章' : 'seal'} ${v.seal?.indication}`,
    );
    for (const f of lic.filter((x) => x.status !== 'passed'))
      io.out(`    [${f.status}] ${f.ruleId}: ${localize(f.message, io.lang)}`);
    const copy = makeAnnotatedCopy(ofd, {
      purpose: zh ? '用于办理电梯维保合同备案' : '用于办理电梯维保合同备案 (maintenance filing)',
      creator: '演示区政务服务中心',
      expires: new Date(now + 30 * 86_400_000),
      signer: pki.signer,
      seal,
    });
    writeFileSync(join(workDir, 'license-copy.ofd'), copy);
    const c = await validateLicenseFile(copy, { policy, file: 'license-copy.ofd' });
    io.out(
      `  ${c.report.ok && c.isCopy ? '✔' : '✘'} license-copy.ofd: ${zh ? '加注件' : 'annotated copy'} · ${c.metadata?.copy?.cause} · ${zh ? '有效至' : 'valid until'} ${c.metadata?.copy?.expiringTime}`,
    );
    return v.report.ok && c.report.ok && c.isCopy;
  },
};
