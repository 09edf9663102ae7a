/**
 * The validation rules of an e-licence (file and data), each with a stable ID, the clause it implements
 * and its evidence level. The standard texts of GB/T 36901–36906 are not public: clauses name the standard
 * and the research section the rule rests on.
 * @module
 */
import { defineRule, type Rule } from '@gbkit/core';

const R = (id: string, clause: string, evidence: Rule['evidence'], zh: string, en: string) =>
  defineRule({ id, clause, evidence, title: { zh, en } });

/** Every e-licence rule, by short name. */
export const LICENSE_RULES = {
  fileFormat: R(
    'LIC-FILE-FORMAT',
    'GB/T 36905-2018 (OFD, GB/T 33190-2016)',
    'confirmed',
    '文件为可读的 OFD',
    'the file is a readable OFD',
  ),
  seal: R(
    'LIC-SEAL',
    'GB/T 36905-2018 安全; GB/T 38540-2020 (research §5.2)',
    'inferred',
    '电子印章验证',
    'electronic seal verification',
  ),
  metaPresent: R(
    'LIC-META-PRESENT',
    'GB/T 36905-2018 元数据 (OFD DocInfo/CustomDatas, research §5.2)',
    'inferred',
    '文件内嵌元数据',
    'metadata embedded in the file',
  ),
  metaSchema: R(
    'LIC-META-SCHEMA',
    'GB/T 36903-2018 核心元素 (research §3.1)',
    'inferred',
    '元数据符合核心元素模型',
    'metadata fits the core element model',
  ),
  idFormat: R(
    'LIC-ID-FORMAT',
    'GB/T 36904-2018 (research §2.1)',
    'confirmed',
    '证照标识结构',
    'identifier structure',
  ),
  idCheck: R(
    'LIC-ID-CHECK',
    'GB/T 36904-2018; ISO/IEC 7064 MOD 37,36 (research §2.2)',
    'confirmed',
    '证照标识校验位',
    'identifier check character',
  ),
  idConsistent: R(
    'LIC-ID-CONSISTENT',
    'GB/T 36904-2018 / GB/T 36903-2018 (research §2.1)',
    'inferred',
    '标识与元数据中的类型代码、颁发机构代码一致',
    'identifier agrees with the type and issuer codes of the metadata',
  ),
  holderCode: R(
    'LIC-HOLDER-CODE',
    'GB/T 36903-2018 附录 A; GB 32100, GB 11643, GB 11714 (research §9.5)',
    'inferred',
    '持证主体代码按类型校验',
    'holder codes valid for their type',
  ),
  profileKnown: R(
    'LIC-PROFILE-KNOWN',
    'ZWFW C 系列证照类型标准 (research §1)',
    'inferred',
    '已知证照类型配置',
    'licence type profile known',
  ),
  profileHolderType: R(
    'LIC-PROFILE-HOLDER-TYPE',
    '证照类型配置 持证主体代码类型',
    'inferred',
    '持证主体代码类型为该证照允许的类型',
    'holder code type allowed for the licence type',
  ),
  profileFields: R(
    'LIC-PROFILE-FIELDS',
    '证照类型配置 照面信息',
    'inferred',
    '照面字段（必填、代码集、格式）',
    'surface fields (required, code sets, format)',
  ),
  profileNumber: R(
    'LIC-PROFILE-NUMBER',
    '证照类型配置 证照编号规则',
    'uncertain',
    '证照编号规则',
    'certificate number rule',
  ),
  dates: R(
    'LIC-DATES-ORDER',
    'GB/T 36903-2018 日期元素; GB/T 7408',
    'inferred',
    '日期先后顺序',
    'order of the dates',
  ),
  validity: R(
    'LIC-VALIDITY',
    'GB/T 36903-2018 有效期',
    'inferred',
    '验证时处于有效期内',
    'within the validity period at validation time',
  ),
  status: R(
    'LIC-STATUS',
    '证照类型配置 证照状态 (research §11.15)',
    'inferred',
    '证照状态为有效',
    'licence status is in force',
  ),
  pageText: R(
    'LIC-PAGE-TEXT',
    'GB/T 36905-2018 版式 (research §5.2)',
    'inferred',
    '元数据与页面文字一致',
    'metadata agrees with the text on the page',
  ),
  copyMeta: R(
    'LIC-COPY-META',
    'GB/T 36903-2018 加注件元素 (research §3.1 #14–17)',
    'inferred',
    '加注件元数据与水印',
    'annotated-copy metadata and watermark',
  ),
  copyExpiry: R(
    'LIC-COPY-EXPIRY',
    'GB/T 36903-2018 加注件有效期截止时间',
    'inferred',
    '加注件未过期',
    'annotated copy not expired',
  ),
} as const;

/** Rule short names. */
export type LicenseRuleName = keyof typeof LICENSE_RULES;
