/**
 * Demo step for `@gbkit/identity`: a legal-person login as the Guangdong unified identity platform
 * reports it (a sub-account of an inspection company acting through its 经办人, `tokeninfo` shape from public
 * integrations, masked values) is mapped into the common model and validated; the platform then issues a
 * short-lived SM2 token (`alg: SM2`, SM3 with Z, raw r‖s), publishes its JWKS, verifies the token, and
 * shows that a token with a changed claim is rejected.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GbkitError, localize, toBase64Url, utf8 } from '@gbkit/core';
import {
  decodeUnverified,
  generatePlatformKey,
  identityFromTyrz,
  PlatformKeyStore,
  PlatformTokenVerifier,
  requireLevel,
  validateIdentity,
} from '@gbkit/identity';
import type { DemoStep } from './index.js';

const TOKENINFO = {
  userobj: {
    uid: 'acme_jbr01',
    cn: '广州某某特种设备检测有限公司',
    usertype: '2',
    idcardtype: '49',
    idcardnumber: '91440101MA5CXXXX7X',
    isreal: 'true',
    useridcode: 'GDE0000000000000011',
    link_person_name: '王五',
    creditable_level_of_account: 'L3',
    creditable_level_of_account_way: 'L2@YSS@7c1e||L3@GW@e1',
    extproperties: [
      'legal_person=赵六',
      'legal_id_type=10',
      'legal_code=440305198506154020',
      'link_person_type=10',
      'link_person_code=11010519491231002X',
      'parent_uidcode=GDE0000000000000010',
      'accout_type=2',
      'tax_code=-1',
    ],
  },
  pareobj: {
    uid: 'acme',
    cn: '广州某某特种设备检测有限公司',
    idcardnumber: '91440101MA5CXXXX7X',
    useridcode: 'GDE0000000000000010',
  },
  envelope: {},
};

/** Legal-person login → SM2 platform token → verification. */
export const identityDemoStep: DemoStep = {
  title: {
    zh: '统一身份：法人登录后签发并验证 SM2 平台令牌（@gbkit/identity）',
    en: 'Unified identity: SM2 platform token after a legal-person login (@gbkit/identity)',
  },
  async run(io, workDir) {
    const t = (zh: string, en: string) => localize({ zh, en }, io.lang);
    const identity = identityFromTyrz(TOKENINFO);
    if (identity.kind !== 'entity') return false;
    io.out(
      t(
        `  法人登录（广东统一身份认证 tokeninfo）：${identity.name}，统一社会信用代码 ${identity.uscc}，经办人 ${identity.agent?.name}，可信等级 ${identity.level}，上级账号 ${identity.parentAccount?.userCode}`,
        `  legal-person login (Guangdong tokeninfo): ${identity.name}, USCC ${identity.uscc}, agent ${identity.agent?.name}, level ${identity.level}, parent account ${identity.parentAccount?.userCode}`,
      ),
    );
    const report = validateIdentity(identity);
    io.out(
      `  ${report.ok ? '✔' : '✘'} ${t('身份信息校验（GB 32100 / GB 11643，经 @gbkit/codes）', 'identity validated (GB 32100 / GB 11643 via @gbkit/codes)')}: ${report.counts.passed} ${t('项通过', 'passed')}, ${report.counts.failed} ${t('项失败', 'failed')}`,
    );
    let ok = report.ok;
    requireLevel(identity, 'L2');
    io.out(t('  ✔ 满足办理事项要求的等级 L2', '  ✔ meets the level L2 the service requires'));

    const store = new PlatformKeyStore([await generatePlatformKey('SM2', 'platform-sm2-1')]);
    const issuer = 'https://platform.example.gov.cn';
    const token = await store.issue(identity, { issuer, audience: 'tzsb-inspection', ttlSeconds: 300 });
    const jwksFile = join(workDir, 'platform-jwks.json');
    writeFileSync(jwksFile, JSON.stringify(store.jwks(), null, 2));
    writeFileSync(join(workDir, 'platform-token.jwt'), token);
    io.out(
      t(
        `  签发 SM2 平台令牌（${token.length} 字符），JWKS 写入 ${jwksFile}`,
        `  issued an SM2 platform token (${token.length} chars); JWKS written to ${jwksFile}`,
      ),
    );
    io.out(`    ${token.slice(0, 72)}…`);

    const verifier = new PlatformTokenVerifier(store.jwks(), {
      issuer,
      audience: 'tzsb-inspection',
      minLevel: 'L2',
    });
    const v = await verifier.verify(token);
    io.out(
      `  ✔ ${t('验证通过', 'verified')}: alg ${String(v.header.alg)}, kid ${String(v.header.kid)}, sub ${v.claims.sub}, acr ${v.claims.acr}, amr ${JSON.stringify(v.claims.amr)}, user_type ${v.claims.user_type}, org_uscc ${v.claims.org_uscc}`,
    );
    ok &&= v.claims.org_uscc === identity.uscc && v.claims.user_type === 2;

    const [h, , s] = token.split('.') as [string, string, string];
    const changed = { ...(decodeUnverified(token).claims as Record<string, unknown>) };
    changed.org_uscc = '91350100M000100Y43';
    try {
      await verifier.verify(`${h}.${toBase64Url(utf8(JSON.stringify(changed)))}.${s}`);
      io.out(t('  ✘ 篡改后的令牌竟然通过了验证', '  ✘ a tampered token verified'));
      ok = false;
    } catch (e) {
      const code = e instanceof GbkitError ? e.code : String(e);
      io.out(
        t(
          `  ✔ 改动 org_uscc 的令牌被拒绝：${code}`,
          `  ✔ a token with a changed org_uscc is rejected: ${code}`,
        ),
      );
      ok &&= code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';
    }
    return ok;
  },
};
