/**
 * Demo step for `@gbkit/crypto` SM2/SM3: SM3 of a text (GB/T 32905), a fresh SM2 key pair written as
 * PEM, a signature with the standard user ID, its verification, and the same check failing for a
 * changed text and for Node's empty-ID convention.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localize, toHex, utf8 } from '@gbkit/core';
import {
  exportPrivateKeyPkcs8,
  exportPublicKeySpki,
  hasNativeSm3,
  SM2_DEFAULT_USER_ID,
  sm2GenerateKeyPair,
  sm2Sign,
  sm2Verify,
  sm3,
  sm3Pure,
} from '@gbkit/crypto';
import type { DemoStep } from './index.js';

/** SM3 digest, SM2 key generation, signing and verification. */
export const cryptoDemoStep: DemoStep = {
  title: {
    zh: '国密算法：SM3 摘要与 SM2 签名/验签（@gbkit/crypto）',
    en: 'SM algorithms: SM3 digest and SM2 sign/verify (@gbkit/crypto)',
  },
  async run(io, workDir) {
    const t = (zh: string, en: string) => localize({ zh, en }, io.lang);
    let ok = true;
    const text = '电子证照 GB/T 36901';
    const digest = toHex(sm3(utf8(text)));
    const pure = toHex(sm3Pure(utf8(text)));
    io.out(`  SM3("${text}") = ${digest}`);
    io.out(
      t(
        `  （${hasNativeSm3() ? '使用 Node 原生 SM3；纯 TS 实现结果相同' : '纯 TS 实现'}：${pure === digest ? '一致' : '不一致！'}）`,
        `  (${hasNativeSm3() ? 'native SM3 from Node; the pure TS implementation agrees' : 'pure TS implementation'}: ${pure === digest ? 'same' : 'DIFFERENT!'})`,
      ),
    );
    ok &&= pure === digest;
    const abc = toHex(sm3(utf8('abc')));
    const abcOk = abc === '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
    io.out(
      `  ${abcOk ? '✔' : '✘'} SM3("abc") = ${abc} ${t('（GB/T 32905 附录 A 示例 1）', '(GB/T 32905 Appendix A, example 1)')}`,
    );
    ok &&= abcOk;

    const kp = sm2GenerateKeyPair();
    const keyFile = join(workDir, 'sm2-demo.key.pem');
    const pubFile = join(workDir, 'sm2-demo.pub.pem');
    writeFileSync(keyFile, exportPrivateKeyPkcs8(kp, 'pem'), { mode: 0o600 });
    writeFileSync(pubFile, exportPublicKeySpki(kp.publicKey, 'pem'));
    io.out(t(`  生成 SM2 密钥对：${keyFile}`, `  generated an SM2 key pair: ${keyFile}`));
    io.out(`    ${t('公钥', 'public key')} 04${toHex(kp.publicKey.subarray(1, 17))}…`);

    const msg = utf8(`${text}：持证主体 示例单位`);
    const sig = sm2Sign(msg, kp.privateKey, { publicKey: kp.publicKey });
    io.out(
      t(
        `  签名（DER，${sig.length} 字节，用户标识 ${SM2_DEFAULT_USER_ID}）：${toHex(sig).slice(0, 48)}…`,
        `  signature (DER, ${sig.length} bytes, user ID ${SM2_DEFAULT_USER_ID}): ${toHex(sig).slice(0, 48)}…`,
      ),
    );
    const good = sm2Verify(msg, sig, kp.publicKey);
    io.out(`  ${good.valid ? '✔' : '✘'} ${t('验签通过', 'signature verifies')}`);
    ok &&= good.valid;
    const changed = sm2Verify(utf8(`${text}：持证主体 另一单位`), sig, kp.publicKey);
    io.out(
      `  ${changed.valid ? '✘' : '✔'} ${t('改动后的文本验签失败', 'a changed text fails')}: ${changed.reason}`,
    );
    ok &&= !changed.valid;
    const emptyId = sm2Verify(msg, sig, kp.publicKey, { userId: '' });
    io.out(
      `  ${emptyId.valid ? '✘' : '✔'} ${t('用空用户标识（Node 内置 SM2 的做法）验签失败', "an empty user ID (what Node's built-in SM2 uses) fails")}: ${emptyId.reason}`,
    );
    ok &&= !emptyId.valid;
    io.out(
      t(
        `  试试：gbkit sm2 sign --key ${keyFile} --in FILE --out FILE.sig`,
        `  try: gbkit sm2 sign --key ${keyFile} --in FILE --out FILE.sig`,
      ),
    );
    return ok;
  },
};
