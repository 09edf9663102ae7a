/**
 * Built-in licence-type profiles. Only the 建筑施工特种作业操作资格证书 has a published national profile
 * (ZWFW C0304-2022; its type code `11100000000013338W032` is confirmed, research §2.1); its field list
 * follows the standard's information groups, while field keys, code values and the number rule are
 * inferred. No 照面 standard was found for the three special-equipment (特种设备) certificates (research
 * §10): those profiles are inferred from the use mark, inspection-system forms and a real card, and they
 * carry no type code (SAMR's USCC was not found; give `typeCode` in the data).
 * @module
 */
import { defineProfile, type LicenseProfile } from '../profile.js';

const SPECIAL_EQUIPMENT_CATEGORIES = {
  '1000': '锅炉',
  '2000': '压力容器',
  '3000': '电梯',
  '4000': '起重机械',
  '5000': '场（厂）内专用机动车辆',
  '6000': '大型游乐设施',
  '7000': '压力管道元件',
  '8000': '压力管道',
  '9000': '客运索道',
  F000: '安全附件',
};

const GENERIC_STATUS = { '01': '有效', '02': '停用', '03': '注销', '04': '撤销', '05': '失效', '99': '其他' };

/** 特种设备使用登记证 (use-registration certificate), inferred. */
export const TZSB_USE_REGISTRATION: LicenseProfile = defineProfile({
  id: 'tzsb-use-registration',
  name: '特种设备使用登记证',
  holderTypeCodes: ['001', '099'],
  holderLabel: '使用单位',
  numberRule: {
    pattern: '^[\\u4e00-\\u9fa5]{1,2}[0-9A-Z\\u4e00-\\u9fa5()（）]{4,30}$',
    description: '设备类别简称 + 登记机关代号 + 顺序号 + (年份)，如 梯11京A00001(26)',
    evidence: 'uncertain',
  },
  fields: [
    { key: 'SYDWDZ', label: '使用单位地址', group: '持证主体信息', required: true },
    { key: 'SBZL', label: '设备种类', required: true, codeSet: 'sbzl', evidence: 'confirmed' },
    { key: 'SBLB', label: '设备类别', required: true },
    { key: 'SBPZ', label: '设备品种' },
    { key: 'SBDM', label: '设备代码', required: true, pattern: '^[0-9A-Z]{10,20}$', evidence: 'confirmed' },
    { key: 'DWNBH', label: '单位内编号' },
    { key: 'SBSYDD', label: '设备使用地点', required: true },
    { key: 'CPXH', label: '产品型号' },
    { key: 'CPBH', label: '产品编号' },
    { key: 'ZZDW', label: '制造单位' },
  ],
  codeSets: { sbzl: SPECIAL_EQUIPMENT_CATEGORIES },
  statusCodes: GENERIC_STATUS,
  validStatus: ['01'],
  validity: '长期',
  qr: { content: 'identifier' },
  layout: {
    rows: [
      '$number',
      '$holderName',
      '$holderCode',
      'SYDWDZ',
      'SBZL',
      'SBLB',
      'SBPZ',
      'SBDM',
      'DWNBH',
      'SBSYDD',
      'CPXH',
      'CPBH',
      'ZZDW',
      '$issuerName',
      '$issueDate',
      '$identifier',
    ],
  },
  evidence: {
    level: 'inferred',
    source:
      'research §10: 使用标志 fields (001doc.com/doc/442374), crane-monitoring schema (reg_cod/use_cod/dev_cod), inspection-system forms',
    inferred: [
      'field keys',
      'required flags',
      'number rule (TSG 08 format not found)',
      'status codes',
      'validity 长期',
      'no type code (SAMR USCC unknown)',
    ],
  },
});

/** 特种设备定期检验报告 / 检验合格证 (periodic inspection), inferred. */
export const TZSB_PERIODIC_INSPECTION: LicenseProfile = defineProfile({
  id: 'tzsb-periodic-inspection',
  name: '特种设备定期检验报告',
  holderTypeCodes: ['001', '099'],
  holderLabel: '使用单位',
  numberRule: {
    pattern: '^[0-9A-Z\\u4e00-\\u9fa5-]{6,40}$',
    description: '检验机构自定的报告编号',
    evidence: 'uncertain',
  },
  fields: [
    { key: 'SBZL', label: '设备种类', required: true, codeSet: 'sbzl', evidence: 'confirmed' },
    { key: 'SBPZ', label: '设备品种' },
    { key: 'SBDM', label: '设备代码', required: true, pattern: '^[0-9A-Z]{10,20}$', evidence: 'confirmed' },
    { key: 'SYDJZBH', label: '使用登记证编号', required: true, evidence: 'confirmed' },
    { key: 'SBSYDD', label: '设备使用地点', required: true },
    { key: 'JYLB', label: '检验类别', required: true, codeSet: 'jylb' },
    { key: 'JYRQ', label: '检验日期', required: true, type: 'date' },
    { key: 'JYJL', label: '检验结论', required: true, codeSet: 'jyjl' },
    { key: 'XCJYRQ', label: '下次检验日期', required: true, type: 'date', evidence: 'confirmed' },
  ],
  codeSets: {
    sbzl: SPECIAL_EQUIPMENT_CATEGORIES,
    jylb: { '1': '定期检验', '2': '监督检验', '3': '首次检验' },
    jyjl: { HG: '合格', BHG: '不合格', FHYQ: '符合要求', JBFHYQ: '基本符合要求', BFHYQ: '不符合要求' },
  },
  statusCodes: GENERIC_STATUS,
  validStatus: ['01'],
  qr: { content: 'identifier' },
  layout: {
    title: '特种设备定期检验报告',
    rows: [
      '$number',
      '$holderName',
      '$holderCode',
      'SBZL',
      'SBPZ',
      'SBDM',
      'SYDJZBH',
      'SBSYDD',
      'JYLB',
      'JYRQ',
      'JYJL',
      'XCJYRQ',
      '$issuerName',
      '$issueDate',
      '$expiryDate',
      '$identifier',
    ],
  },
  constraints: [{ kind: 'after', field: 'XCJYRQ', than: 'JYRQ' }],
  evidence: {
    level: 'inferred',
    source: 'research §10: 使用标志 (next inspection date), inspection-report configs',
    inferred: [
      'field keys',
      'conclusion code set (TSG wording)',
      'inspection category codes',
      'number rule',
      'status codes',
      'expiry = next inspection date',
    ],
  },
});

/** 特种设备安全管理和作业人员证, inferred from the SAMR notice and a real card (research §10). */
export const TZSB_PERSONNEL: LicenseProfile = defineProfile({
  id: 'tzsb-personnel',
  name: '特种设备安全管理和作业人员证',
  holderTypeCodes: ['111', '414', '511', '516', '999'],
  holderLabel: '姓名',
  numberRule: {
    pattern: '^[0-9A-Z]{15,18}$',
    description: '证件编号 = 持证人身份证件号码',
    evidence: 'inferred',
  },
  fields: [
    { key: 'DABH', label: '档案编号', required: true, pattern: '^TS\\d{10,16}$', evidence: 'inferred' },
    { key: 'ZYXMDH', label: '作业项目代号', required: true, codeSet: 'zyxm' },
    { key: 'ZYXM', label: '作业项目', required: true },
    { key: 'PZRQ', label: '批准日期', required: true, type: 'date' },
    { key: 'YRDW', label: '聘用单位' },
  ],
  codeSets: {
    zyxm: {
      A: '特种设备安全管理',
      G1: '工业锅炉司炉',
      G3: '锅炉水处理',
      R1: '快开门式压力容器操作',
      R2: '移动式压力容器充装',
      P: '气瓶充装',
      T: '电梯修理',
      Q1: '起重机指挥',
      Q2: '起重机司机',
      N1: '叉车司机',
      N2: '观光车和观光列车司机',
      Y1: '大型游乐设施修理',
    },
  },
  statusCodes: GENERIC_STATUS,
  validStatus: ['01'],
  validity: '4年',
  qr: { content: 'url', urlTemplate: 'https://cnse.samr.gov.cn/verify?id={identifier}' },
  layout: {
    rows: [
      '$holderName',
      '$holderCode',
      '$number',
      'DABH',
      'ZYXMDH',
      'ZYXM',
      'PZRQ',
      '$expiryDate',
      'YRDW',
      '$issuerName',
      '$identifier',
    ],
  },
  evidence: {
    level: 'inferred',
    source:
      'SAMR notice under 国发〔2021〕24号 (QR required); OCR fixture of a real card (姓名, 证件编号, 档案编号, 作业项目代号, 批准日期, 有效日期, 发证机关)',
    inferred: [
      'field keys',
      'work-item code subset',
      'validity 4年 (TSG Z6001-2019, uncertain)',
      'QR verification URL template (placeholder host)',
      'status codes',
      'no type code',
    ],
  },
});

/** 建筑施工特种作业操作资格证书 (ZWFW C0304-2022). */
export const JZSG_SPECIAL_OPERATIONS: LicenseProfile = defineProfile({
  id: 'jzsg-special-operations',
  name: '建筑施工特种作业操作资格证书',
  typeCode: '11100000000013338W032',
  definingAuthority: { name: '中华人民共和国住房和城乡建设部', code: '11100000000013338W' },
  holderTypeCodes: ['111', '414', '511', '516', '999'],
  holderLabel: '姓名',
  numberRule: {
    pattern: '^[\\u4e00-\\u9fa5][0-9A-Z]{8,20}$',
    description: '省份简称 + 字母数字（C0304 附录 A.1，未见原文）',
    evidence: 'uncertain',
  },
  fields: [
    { key: 'XB', label: '性别', required: true, codeSet: 'xb' },
    { key: 'CSRQ', label: '出生日期', type: 'date' },
    { key: 'CZLB', label: '操作类别', required: true, codeSet: 'czlb', group: '业务信息' },
    { key: 'PZRQ', label: '初次领证日期', type: 'date', group: '管理信息' },
    { key: 'QYMC', label: '聘用企业', group: '扩展信息' },
  ],
  codeSets: {
    xb: { '1': '男', '2': '女' },
    czlb: {
      '01': '建筑电工',
      '02': '建筑架子工（普通脚手架）',
      '03': '建筑架子工（附着升降脚手架）',
      '04': '建筑起重信号司索工',
      '05': '建筑起重机械司机（塔式起重机）',
      '06': '建筑起重机械司机（施工升降机）',
      '07': '建筑起重机械司机（物料提升机）',
      '08': '建筑起重机械安装拆卸工（塔式起重机）',
      '09': '建筑起重机械安装拆卸工（施工升降机）',
      '10': '建筑起重机械安装拆卸工（物料提升机）',
      '11': '高处作业吊篮安装拆卸工',
    },
  },
  statusCodes: {
    '01': '有效',
    '02': '暂扣',
    '03': '撤销',
    '04': '注销',
    '05': '失效',
    '06': '办理转出',
    '07': '吊销',
    '99': '其他',
  },
  validStatus: ['01'],
  validity: '2年',
  qr: { content: 'identifier' },
  layout: {
    rows: [
      '$holderName',
      'XB',
      'CSRQ',
      '$holderCode',
      'CZLB',
      '$number',
      'PZRQ',
      '$effectiveDate',
      '$expiryDate',
      'QYMC',
      '$issuerName',
      '$issueDate',
      '$identifier',
    ],
  },
  evidence: {
    level: 'confirmed',
    source:
      'ZWFW C0304-2022 (TOC, research §1); type code 11100000000013338W032 (research §2.1); MOHURD status domain (research §11.15)',
    inferred: [
      'field keys and code values (Annex B not seen)',
      'number rule (Annex A.1 not seen)',
      'operation categories from 建质〔2008〕75号 wording',
      'validity 2年',
    ],
  },
});

/** Every built-in profile. */
export const BUILTIN_PROFILES: readonly LicenseProfile[] = Object.freeze([
  TZSB_USE_REGISTRATION,
  TZSB_PERIODIC_INSPECTION,
  TZSB_PERSONNEL,
  JZSG_SPECIAL_OPERATIONS,
]);
