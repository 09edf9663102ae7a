import {
  classifyCode,
  codeLabel,
  defineProfile,
  GBT39046,
  guangdongProfile,
  joinMulti,
  keyOfLabel,
  LABEL_SETS,
  nationalProfile,
  profileCode,
  profileKey,
  splitMulti,
} from '@gbkit/guide-schema';
import { describe, expect, it } from 'vitest';

const pairs = (t: { entries: readonly { code: string; zh: string }[] }) =>
  t.entries.map((e) => `${e.code} ${e.zh}`);

describe('GB/T 39046-2020 Annex A code tables (pinned code/label pairs)', () => {
  it('A.1 事项类型代码', () => {
    expect(pairs(GBT39046.taskType)).toEqual([
      '00 行政权力事项',
      '01 行政许可',
      '02 行政处罚',
      '03 行政强制',
      '04 行政征收',
      '05 行政给付',
      '06 行政检查',
      '07 行政确认',
      '08 行政奖励',
      '09 行政裁决',
      '10 其他类别事项',
      '20 公共服务事项',
    ]);
    expect(classifyCode(GBT39046.taskType, '11')).toBe('extension');
    expect(classifyCode(GBT39046.taskType, '21')).toBe('extension');
    expect(classifyCode(GBT39046.taskType, '30')).toBe('practice');
    expect(classifyCode(GBT39046.taskType, '99')).toBe('practice');
    expect(classifyCode(GBT39046.taskType, '50')).toBe('unknown');
  });
  it('A.2–A.8 and booleans', () => {
    expect(pairs(GBT39046.useLevel)).toEqual([
      '1 国家级/局(署、会)',
      '2 省级/直属',
      '3 市级/隶属',
      '4 县级',
      '5 镇(乡、街道)级',
      '6 村(社区)级',
      '7 分级管理',
    ]);
    expect(pairs(GBT39046.deptType)).toEqual(['1 法定机关', '2 授权组织', '3 受委托组织', '9 其他']);
    expect(pairs(GBT39046.serverType)).toEqual([
      '1 自然人',
      '2 企业法人',
      '3 事业法人',
      '4 社会组织法人',
      '5 行政机关',
      '6 其他组织',
    ]);
    expect(pairs(GBT39046.handleType)).toEqual([
      '1 窗口办理',
      '2 电脑端网上办理',
      '3 移动端网上申请',
      '4 快递申请',
      '9 其他',
    ]);
    expect(pairs(GBT39046.projectType)).toEqual(['1 即办件', '2 承诺件', '9 其他']);
    expect(pairs(GBT39046.specialProcedureKind)).toEqual(['1 延长审批', '2 除延长审批之外的情况']);
    expect(pairs(GBT39046.satisfaction)).toEqual([
      '1 非常满意',
      '2 满意',
      '3 基本满意',
      '4 不满意',
      '5 非常不满意',
    ]);
    expect(
      GBT39046.satisfaction.entries.filter((e) => e.evidence !== 'confirmed').map((e) => e.code),
    ).toEqual(['2', '3', '4']);
    expect(pairs(GBT39046.boolean)).toEqual(['1 是', '0 否']);
    for (const t of Object.values(GBT39046)) expect(t.version).toBe('GB/T 39046-2020');
    expect(codeLabel(GBT39046.taskType, '07')).toBe('行政确认');
  });
});

describe('vendor label sets and profiles', () => {
  it('has the labels seen in practice', () => {
    expect(LABEL_SETS.powerSource.entries.map((e) => e.zh)).toEqual([
      '法定本级行使',
      '上级下放',
      '上级授权',
      '同级授权',
      '上级委托',
      '同级委托',
    ]);
    expect(LABEL_SETS.sourceChannel.entries.map((e) => e.zh)).toEqual([
      '申请人自备',
      '政府部门核发',
      '其他',
      '调取电子证照库',
      '在线填报',
    ]);
    expect(LABEL_SETS.materialType.entries.map((e) => e.zh)).toEqual([
      '原件',
      '复印件',
      '原件和复印件',
      '原件或复印件',
    ]);
    expect(LABEL_SETS.necessity.entries.map((e) => e.zh)).toEqual([
      '必要',
      '非必要',
      '容缺后补',
      '信息免交/信用后补',
    ]);
    expect(keyOfLabel(LABEL_SETS.timeUnit, '工作日')).toBe('workday');
    expect(keyOfLabel(LABEL_SETS.necessity, '信用后补')).toBe('waived');
  });
  it('maps keys to codes per profile, and codes or labels back', () => {
    expect(profileCode(nationalProfile, 'sourceChannel', 'applicant')).toBe('0');
    expect(profileCode(guangdongProfile, 'sourceChannel', 'applicant')).toBe('1');
    expect(profileKey(guangdongProfile, 'sourceChannel', '3')).toBe('government');
    expect(profileKey(nationalProfile, 'sourceChannel', 1)).toBe('government');
    expect(profileKey(nationalProfile, 'timeUnit', '自然日')).toBe('calendarDay');
    expect(profileKey(nationalProfile, 'timeUnit', 'nonsense')).toBeUndefined();
    expect(nationalProfile.evidence).toBe('uncertain');
  });
  it('rejects incomplete or ambiguous custom profiles', () => {
    const codes = { ...nationalProfile.codes, timeUnit: { workday: '1' } };
    expect(() => defineProfile({ ...nationalProfile, id: 'x', codes })).toThrow(
      expect.objectContaining({ code: 'ERR_GUIDE_PROFILE_INCOMPLETE' }),
    );
    const dup = {
      ...nationalProfile.codes,
      materialFormat: { paper: '1', electronic: '1', paperOrElectronic: '3' },
    };
    expect(() => defineProfile({ ...nationalProfile, id: 'y', codes: dup })).toThrow(
      expect.objectContaining({ code: 'ERR_GUIDE_PROFILE_DUPLICATE' }),
    );
  });
  it('multi-valued fields accept arrays and legacy ^ strings', () => {
    expect(splitMulti('1^2^3')).toEqual(['1', '2', '3']);
    expect(splitMulti(['1', '2'])).toEqual(['1', '2']);
    expect(splitMulti('')).toEqual([]);
    expect(joinMulti(['1', '2'])).toBe('1^2');
  });
});
