/**
 * The verification rules (stable IDs, clauses, evidence levels). The order of the checks follows
 * research §6 "What a verifier must check, in order", itself reconstructed from GB/T 38540-2020 §6.3/§7.3
 * (the normative step lists were not available: evidence `inferred`).
 * @module
 */
import { defineRule } from '@gbkit/core';

/** Every e-seal verification rule by check name (IDs `ESEAL-…`, clause, evidence level, title). */
export const RULES = {
  format: defineRule({
    id: 'ESEAL-SIG-FORMAT',
    clause: 'GB/T 38540-2020 §5, GM/T 0031-2014 §7; GB/T 33190-2016 §18',
    evidence: 'confirmed',
    title: { zh: '签名结构可解析', en: 'signature structures parse' },
  }),
  variant: defineRule({
    id: 'ESEAL-SES-VARIANT',
    clause: 'GB/T 38540-2020 §5 (tolerated deviations, research §1)',
    evidence: 'confirmed',
    title: { zh: '非标准编码', en: 'non-standard encoding' },
  }),
  version: defineRule({
    id: 'ESEAL-SIG-VERSION',
    clause: 'GB/T 38540-2020 §7.1 (TBS_Sign.version = seal version)',
    evidence: 'inferred',
    title: { zh: '签章版本与印章版本一致', en: 'signature version matches the seal version' },
  }),
  integrity: defineRule({
    id: 'ESEAL-OFD-INTEGRITY',
    clause: 'GB/T 33190-2016 §18.2.2 (References/CheckValue)',
    evidence: 'confirmed',
    title: { zh: '受保护文件未被修改', en: 'protected files unchanged' },
  }),
  binding: defineRule({
    id: 'ESEAL-SIG-BINDING',
    clause: 'GB/T 38540-2020 §7.1 (TBS_Sign.dataHash); GB/T 33190-2016 §18.2.1',
    evidence: 'confirmed',
    title: { zh: '签章与原文绑定', en: 'signature bound to the signed original' },
  }),
  propertyInfo: defineRule({
    id: 'ESEAL-SIG-PROPERTY-INFO',
    clause: 'GB/T 38540-2020 §7.1 (TBS_Sign.propertyInfo)',
    evidence: 'inferred',
    title: { zh: 'propertyInfo 指向签名文件', en: 'propertyInfo names the signed file' },
  }),
  signer: defineRule({
    id: 'ESEAL-SIG-SIGNER',
    clause: 'GB/T 38540-2020 §7.3 b) (signature over TBS_Sign, SM3withSM2)',
    evidence: 'confirmed',
    title: { zh: '签章人签名有效', en: "signer's signature valid" },
  }),
  maker: defineRule({
    id: 'ESEAL-SEAL-MAKER',
    clause:
      'GB/T 38540-2020 §6.3 (signature over SES_SealInfo); GM/T 0031-2014 §7.1 (over SEQUENCE{info,cert,alg})',
    evidence: 'confirmed',
    title: { zh: '制章人签名有效', en: "seal maker's signature valid" },
  }),
  certInSeal: defineRule({
    id: 'ESEAL-SIG-CERT-IN-SEAL',
    clause: 'GB/T 38540-2020 §7.3 (signer certificate in SES_ESPropertyInfo.certList)',
    evidence: 'inferred',
    title: { zh: '签章人证书属于印章', en: 'signer certificate belongs to the seal' },
  }),
  time: defineRule({
    id: 'ESEAL-SIG-TIME',
    clause: 'GB/T 38540-2020 §6.3, §7.3 (seal validity, certificate validity at signing time)',
    evidence: 'inferred',
    title: { zh: '签章时间在有效期内', en: 'signing time within validity periods' },
  }),
  trust: defineRule({
    id: 'ESEAL-CERT-TRUST',
    clause: 'GB/T 38540-2020 §7.3; RFC 5280 §6 (path validation to a trust anchor)',
    evidence: 'inferred',
    title: { zh: '证书链可信', en: 'certificate chain trusted' },
  }),
  coverage: defineRule({
    id: 'ESEAL-OFD-COVERAGE',
    clause: 'GB/T 33190-2016 §18.2.2; GM/T 0099-2020 §7',
    evidence: 'inferred',
    title: { zh: '签名保护范围', en: 'signature coverage' },
  }),
  timestamp: defineRule({
    id: 'ESEAL-SIG-TIMESTAMP',
    clause: 'GB/T 38540-2020 §7.1 (timeStamp, GB/T 20520)',
    evidence: 'uncertain',
    title: { zh: '时间戳有效', en: 'timestamp valid' },
  }),
  sealCopy: defineRule({
    id: 'ESEAL-OFD-SEAL-COPY',
    clause: 'GB/T 33190-2016 §18.2.1 (Seal/BaseLoc)',
    evidence: 'confirmed',
    title: { zh: 'Seal.esl 与签章中的印章一致', en: 'Seal.esl equals the embedded seal' },
  }),
  noSignature: defineRule({
    id: 'ESEAL-OFD-SIGNATURES',
    clause: 'GB/T 33190-2016 §18.1',
    evidence: 'confirmed',
    title: { zh: '文档中的签名', en: 'signatures in the document' },
  }),
  integrityProtection: defineRule({
    id: 'ESEAL-OFD-GMT0099-INTEGRITY',
    clause: 'GM/T 0099-2020 §8 (OFDEntries.xml integrity protection)',
    evidence: 'inferred',
    title: { zh: 'GM/T 0099 完整性保护', en: 'GM/T 0099 integrity protection' },
  }),
} as const;
