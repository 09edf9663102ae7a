/**
 * Demo step for `@gbkit/guide-schema`: validates the illustrative 特种设备使用登记 guide, shows the
 * one-time notice (一次性告知) for a broken copy, renders the full and short HTML pages and exports
 * CPSV-AP JSON-LD into the demo work dir.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localize } from '@gbkit/core';
import {
  ImplementationItemSchema,
  problems,
  renderGuideHtml,
  toCpsvAp,
  validateGuide,
} from '@gbkit/guide-schema';
import type { DemoStep } from './index.js';

/** A complete illustrative guide (same content as examples/guides/special-equipment-use-registration.json, trimmed). */
const GUIDE = {
  taskName: '特种设备使用登记',
  catalogCode: '000117040000',
  taskType: '01',
  byLaw: '《中华人民共和国特种设备安全法》第三十三条',
  useLevel: ['3'],
  powerSource: 'statutory',
  taskCode: '11440100MB0000019E3000117040000',
  taskState: '1',
  taskVersion: 1,
  deptName: '示例市市场监督管理局',
  deptType: '1',
  deptCode: '11440100MB0000019E',
  anticipateDay: 15,
  anticipateType: 'workday',
  promiseDay: 5,
  promiseType: 'workday',
  acceptCondition: '申请人为特种设备使用单位；设备经监督检验合格；投入使用前或投入使用后 30 日内申请。',
  handleFlow: '网上申请 → 受理 → 审查与决定 → 发证',
  isFee: false,
  serverType: '1^2',
  projectType: '2',
  handleType: ['1', '2', '3'],
  limitSceneNum: 0,
  specialProcedure: '无',
  isSingleLogin: true,
  appIsSingleLogin: true,
  transactAddr: '示例市政务服务中心（示例地址）',
  transactTime: '周一至周五 9:00—12:00，14:00—17:30',
  linkWay: '020-00000000（示例）',
  superviseWay: '12345',
  isEntryCenter: true,
  resultType: '证照',
  resultName: '特种设备使用登记证',
  isPayOnline: false,
  isExpress: true,
  isOnline: true,
  notice: '示例（illustrative）：机构、编码与电话为虚构。',
  materials: [
    { materialId: 'M01', materialName: '特种设备使用登记表', isNeed: 'required', orderNum: 1 },
    { materialId: 'M02', materialName: '产品合格证（含产品数据表）', isNeed: 'required', orderNum: 2 },
    { materialId: 'M03', materialName: '监督检验证明', isNeed: 'required', orderNum: 3 },
  ],
  situations: [
    { conditionId: 'S1', conditionName: '单位使用', orderNum: 1, materialIds: ['M01', 'M02', 'M03'] },
  ],
  steps: [
    {
      stepName: '受理',
      actor: '登记机关',
      timeLimit: 5,
      timeUnit: 'workday',
      countsTowardLimit: true,
      orderNum: 1,
    },
    {
      stepName: '审查与决定',
      actor: '登记机关',
      timeLimit: 10,
      timeUnit: 'workday',
      countsTowardLimit: true,
      orderNum: 2,
    },
  ],
};

/** Validate, break, render and export a guide. */
export const guideDemoStep: DemoStep = {
  title: {
    zh: '办事指南：校验、一次性告知、生成 HTML、导出 CPSV-AP（@gbkit/guide-schema）',
    en: 'Service guide: validate, one-time notice, render HTML, export CPSV-AP (@gbkit/guide-schema)',
  },
  async run(io, workDir) {
    const zh = io.lang === 'zh';
    const report = validateGuide(GUIDE);
    io.out(
      `  ${report.ok ? '✔' : '✘'} ${GUIDE.taskName}：${report.counts.passed} ${zh ? '项规则通过' : 'rules passed'}, ${problems(report).length} ${zh ? '个问题' : 'problems'}`,
    );
    const broken = {
      ...GUIDE,
      promiseDay: 20,
      isFee: true,
      deptCode: '11440100MB0000019F',
      acceptCondition: ' ',
    };
    const bad = validateGuide(broken);
    io.out(
      zh
        ? `  故意改坏的副本一次性列出 ${problems(bad).length} 个问题：`
        : `  a copy broken on purpose lists ${problems(bad).length} problems at once:`,
    );
    for (const f of problems(bad)) io.out(`    - ${f.ruleId}: ${localize(f.message, io.lang)}`);
    const guide = ImplementationItemSchema.parse(GUIDE);
    mkdirSync(workDir, { recursive: true });
    const full = join(workDir, 'guide-use-registration.html');
    const short = join(workDir, 'guide-use-registration-short.html');
    writeFileSync(full, renderGuideHtml(guide));
    writeFileSync(short, renderGuideHtml(guide, { short: true }));
    const cpsv = join(workDir, 'guide-use-registration.cpsv.jsonld');
    writeFileSync(cpsv, JSON.stringify(toCpsvAp(guide), null, 2));
    io.out(
      zh
        ? `  已生成：${full}\n          ${short}\n          ${cpsv}`
        : `  wrote: ${full}\n         ${short}\n         ${cpsv}`,
    );
    return report.ok && !bad.ok && problems(bad).length >= 4;
  },
};
