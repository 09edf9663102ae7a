/**
 * Demo step for `@gbkit/codes`: validates a few published codes (one of them wrong on purpose),
 * computes check characters, and decodes a credit code and a citizen ID.
 * @module
 */
import {
  computeMod37_36,
  computeUsccCheckCharacter,
  convertCitizenId15To18,
  DIVISION_TABLE_SOURCE,
  detectCode,
  validateUscc,
} from '@gbkit/codes';
import { localize } from '@gbkit/core';
import type { DemoStep } from './index.js';

/** Validate, compute and decode codes. */
export const codesDemoStep: DemoStep = {
  title: {
    zh: '代码校验：统一社会信用代码、组织机构代码、公民身份号码、行政区划代码（@gbkit/codes）',
    en: 'Codes: credit codes, organisation codes, citizen IDs, division codes (@gbkit/codes)',
  },
  async run(io) {
    const zh = io.lang === 'zh';
    let ok = true;
    const samples: [string, boolean][] = [
      ['91350100M000100Y43', true],
      ['91350100M000100Y44', false],
      ['00001333-8', true],
      ['11010519491231002X', true],
      ['110101197608056896', false],
      ['440113', true],
    ];
    for (const [value, expected] of samples) {
      const r = detectCode(value);
      const first = r.reasons.find((x) => x.severity === 'error');
      io.out(
        `  ${r.valid ? '✔' : '✘'} ${value.padEnd(20)} ${r.kind.padEnd(11)} ${
          first ? `${first.code}: ${localize(first.message, io.lang)}` : zh ? '有效' : 'valid'
        }${expected ? '' : zh ? '（故意写错，预期无效）' : ' (wrong on purpose)'}`,
      );
      if (r.valid !== expected) ok = false;
    }

    const body = '91440300000000457';
    const check = computeUsccCheckCharacter(body);
    io.out(
      zh
        ? `  计算校验码：${body} → ${check}（加权和 mod 31 为 0，31 映射为 0）`
        : `  check character: ${body} → ${check} (weighted sum ≡ 0 mod 31; 31 maps to 0)`,
    );
    if (check !== '0') ok = false;
    const lic = '11100000000013338W03211220000013544541J2430599001';
    const licCheck = computeMod37_36(lic);
    io.out(
      zh
        ? `  电子证照标识 ISO 7064 MOD 37,36 校验位：${licCheck}`
        : `  e-licence identifier ISO 7064 MOD 37,36 check character: ${licCheck}`,
    );
    if (licCheck !== 'F') ok = false;
    const id18 = convertCitizenId15To18('110105491231002');
    io.out(zh ? `  15 位转 18 位：110105491231002 → ${id18}` : `  15 → 18: 110105491231002 → ${id18}`);

    const u = validateUscc('9135052155323005XL').parsed;
    if (!u) return false;
    const div = 'fullName' in u.division ? u.division.fullName : u.division.code;
    io.out(
      zh
        ? `  解析 9135052155323005XL：登记管理部门 ${u.department.code} ${u.department.name.zh}，机构类别 ${u.category?.code} ${u.category?.name.zh}，登记机关区划 ${u.division.code} ${div}，组织机构代码 ${u.orgCodeFormatted}，校验码 ${u.checkCharacter}`
        : `  decoded 9135052155323005XL: department ${u.department.code} ${u.department.name.en}, category ${u.category?.code} ${u.category?.name.en}, division ${u.division.code} ${div}, organisation code ${u.orgCodeFormatted}, check ${u.checkCharacter}`,
    );
    io.out(
      zh
        ? `  区划表：${DIVISION_TABLE_SOURCE.package}@${DIVISION_TABLE_SOURCE.version}，数据日期 ${DIVISION_TABLE_SOURCE.dataDate}，${DIVISION_TABLE_SOURCE.entries} 条`
        : `  division table: ${DIVISION_TABLE_SOURCE.package}@${DIVISION_TABLE_SOURCE.version}, data as of ${DIVISION_TABLE_SOURCE.dataDate}, ${DIVISION_TABLE_SOURCE.entries} entries`,
    );
    return ok;
  },
};
