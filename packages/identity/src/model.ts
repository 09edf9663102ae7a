/**
 * The common identity model: one shape for a natural person (自然人) and one for a legal entity (法人),
 * whatever login produced them.
 *
 * Fields cover GB/T 39046-2020 §6.9.1 Table 12 (统一身份认证基础数据集) [C] and the national exchange
 * tables `up_uc_province_user`, `up_uc_corporator_identity`, `up_uc_corporator_account` [S]:
 *
 * | Table 12 / exchange field | model field |
 * | --- | --- |
 * | 用户编码 an..20 / `useridcode` | `userCode` |
 * | 姓名 / `user_name` | `name` |
 * | 证件类型 / `cert_type` | `certType` (canonical kind, see cert-types) |
 * | 身份证件号码 an..18 / `cert_no` | `certNumber` |
 * | `cert_key` 证件散列码 | `certKey` |
 * | `cert_eff_date` / `cert_ext_date` | `certValidFrom` / `certValidTo` (YYYYMMDD) |
 * | 民族 | `ethnicity` |
 * | 职务 | `position` |
 * | 用户名 | `username` |
 * | 移动电话 / `user_mobile` | `mobile` |
 * | 邮箱 / `user_mail` | `email` |
 * | 是否实名认证 (1/0) | `realNameVerified` |
 * | `user_real_lvl` 用户实名等级 | `level` |
 * | 性别代码 (GB/T 2261.1) / `user_sex` | `sex` |
 * | 工作单位 / `user_work` | `workUnit` |
 * | `user_birthday` | `birthday` |
 * | `user_home_address` / `user_life_address` | `homeAddress` / `address` |
 * | `user_region` 来源区别 | `region` |
 * | 机构名称 / `corp_name` | `LegalEntity.name` |
 * | 统一社会信用代码 an18 / `certificate_sno` | `LegalEntity.uscc` |
 * | 机构地址 | `LegalEntity.address` |
 * | 注册地址 | `LegalEntity.registeredAddress` |
 * | 注册日期 YYYYMMDD | `LegalEntity.registrationDate` |
 * | 经营范围 | `LegalEntity.businessScope` |
 * | 法定代表人/负责人, `legal_name`, `legal_cert_type`, `legal_cert_no`, `legal_mobile` | `legalRepresentative` |
 * | `corp_type`, `corp_status` | `entityType`, `status` |
 * | 经办人 `agent_*` (法人账号) | `agent` |
 * | `acct_type`, `agent_channel` | `accountType`, `channel` |
 * | parent legal-person account (`pareobj`, `parent_uidcode`) | `parentAccount` |
 *
 * The 密码 field of Table 12 is deliberately absent: an identity model must never carry a password.
 *
 * @module
 */

import type { CertKind } from './cert-types.js';
import type { AssuranceLevel } from './levels.js';

/** GB/T 2261.1 sex code: `0` unknown, `1` male, `2` female, `9` unspecified. */
export type SexCode = '0' | '1' | '2' | '9';

/** Fields shared by both kinds of subject. */
export interface IdentityBase {
  /** 用户编码: the platform's stable unique user code (an..20 in GB/T 39046; `useridcode` in Guangdong). */
  readonly userCode?: string;
  /** Login name (`uid`, 用户名). */
  readonly username?: string;
  /** 是否实名认证. */
  readonly realNameVerified: boolean;
  /** Account assurance level (可信等级 / 实名等级). */
  readonly level?: AssuranceLevel;
  /** Verification methods seen for this account (`YSS`, `GW`, `pwd` …), used as `amr`. */
  readonly methods?: readonly string[];
  readonly mobile?: string;
  readonly email?: string;
  /** 证件类型 as a canonical kind. */
  readonly certType: CertKind;
  /** 证件号码. */
  readonly certNumber: string;
  /** 证件散列码 (`cert_key`), see `hashIdentifier`. */
  readonly certKey?: string;
  /** Certificate validity, YYYYMMDD. */
  readonly certValidFrom?: string;
  readonly certValidTo?: string;
  /** Which login produced this identity (`tyrz`, `oidc:<issuer>` …). */
  readonly source?: string;
  /** Attributes the source gave that the model has no field for, kept verbatim. */
  readonly extensions?: Readonly<Record<string, string>>;
}

/** 自然人. */
export interface NaturalPerson extends IdentityBase {
  readonly kind: 'person';
  /** 姓名. */
  readonly name: string;
  /** 民族 (GB/T 3304 code or label, as given). */
  readonly ethnicity?: string;
  /** 职务. */
  readonly position?: string;
  readonly sex?: SexCode;
  /** YYYYMMDD. */
  readonly birthday?: string;
  /** 工作单位. */
  readonly workUnit?: string;
  /** 居住地址. */
  readonly address?: string;
  /** 户籍地址. */
  readonly homeAddress?: string;
  /** 来源区别 / 所属区划. */
  readonly region?: string;
  /** 社保卡号. */
  readonly socialSecurityNumber?: string;
}

/** 法定代表人 / 负责人. */
export interface LegalRepresentative {
  readonly name: string;
  readonly certType?: CertKind;
  readonly certNumber?: string;
  readonly certKey?: string;
  readonly mobile?: string;
}

/** A link to the parent legal-person account of a sub-account (Guangdong `pareobj`). */
export interface ParentAccount {
  readonly userCode?: string;
  readonly username?: string;
  readonly name?: string;
  /** The parent's certificate number (normally the USCC). */
  readonly certNumber?: string;
}

/** 法人 (any organisation with a unified social credit code). */
export interface LegalEntity extends IdentityBase {
  readonly kind: 'entity';
  /** 机构名称. */
  readonly name: string;
  /** 统一社会信用代码 (GB 32100), when the entity has one; normally equal to `certNumber`. */
  readonly uscc?: string;
  /** 机构地址. */
  readonly address?: string;
  /** 注册地址. */
  readonly registeredAddress?: string;
  /** 注册日期 YYYYMMDD. */
  readonly registrationDate?: string;
  /** 经营范围. */
  readonly businessScope?: string;
  /** `corp_type`. */
  readonly entityType?: string;
  /** `corp_status`. */
  readonly status?: string;
  readonly legalRepresentative?: LegalRepresentative;
  /** 经办人: the natural person acting for the entity in this session. */
  readonly agent?: NaturalPerson;
  /** `acct_type` / Guangdong `accout_type` (1 口令, 2 数字证书, 3 扫码, 4 微警). */
  readonly accountType?: string;
  /** `agent_channel` 账号来源. */
  readonly channel?: string;
  /** The parent legal-person account of a sub-account. */
  readonly parentAccount?: ParentAccount;
}

/** Either kind of subject. */
export type Identity = NaturalPerson | LegalEntity;

/** Platform user type as in Guangdong `usertype`: `1` 个人, `2` 法人. */
export type UserType = 1 | 2;

/** The user type of an identity. */
export function userTypeOf(identity: Identity): UserType {
  return identity.kind === 'entity' ? 2 : 1;
}
