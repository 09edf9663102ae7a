/**
 * Verification rules for signatures in PDF (stable IDs, clauses, evidence levels). The PDF side
 * follows ISO 32000-1:2008 (GB/T 32010.1) §12.8; the container side RFC 5652 (CMS) and GB/T 35275-2017;
 * seals in `/Contents` GB/T 38540-2020 with the PDF binding inferred (research §4).
 *
 * @module
 */
import { defineRule } from '@gbkit/core';

/** The PDF signature rules. */
export const PDF_RULES = {
  sigDict: defineRule({
    id: 'ESEAL-PDF-SIGDICT',
    clause: 'ISO 32000-1:2008 §12.8.1 Table 252 (GB/T 32010.1)',
    evidence: 'confirmed',
    title: { zh: '签名字典完整', en: 'signature dictionary complete' },
  }),
  subFilter: defineRule({
    id: 'ESEAL-PDF-SUBFILTER',
    clause: 'ISO 32000-1:2008 §12.8.3.3 (adbe.pkcs7.detached); ETSI EN 319 142-1 (ETSI.CAdES.detached)',
    evidence: 'confirmed',
    title: { zh: '签名子过滤器', en: 'signature SubFilter' },
  }),
  byteRange: defineRule({
    id: 'ESEAL-PDF-BYTERANGE',
    clause: 'ISO 32000-1:2008 §12.8.1 (/ByteRange covers the file except /Contents)',
    evidence: 'confirmed',
    title: {
      zh: '签名字节范围覆盖除 /Contents 外的整个修订版本',
      en: 'ByteRange covers the revision except /Contents',
    },
  }),
  container: defineRule({
    id: 'ESEAL-PDF-CONTAINER',
    clause:
      'RFC 5652 §3, §5; GB/T 35275-2017 §7; GB/T 38540-2020 §7 (SES_Signature in /Contents, research §4)',
    evidence: 'inferred',
    title: { zh: '签名容器类型', en: 'signature container type' },
  }),
  digest: defineRule({
    id: 'ESEAL-PDF-DIGEST',
    clause: 'RFC 5652 §5.4, §11.2 (messageDigest); GB/T 35275-2017 §8',
    evidence: 'confirmed',
    title: {
      zh: '签名属性中的消息摘要与所签字节一致',
      en: 'messageDigest equals the digest of the signed bytes',
    },
  }),
  signature: defineRule({
    id: 'ESEAL-PDF-SIGNATURE',
    clause: 'RFC 5652 §5.4–5.6; GB/T 32918.2 / GB/T 35276 (SM2 with default ID)',
    evidence: 'confirmed',
    title: { zh: '签名值有效', en: 'signature value valid' },
  }),
  certTime: defineRule({
    id: 'ESEAL-PDF-CERT-TIME',
    clause: 'RFC 5280 §4.1.2.5 (validity at the signing time)',
    evidence: 'confirmed',
    title: { zh: '签名证书在签名时间有效', en: 'signer certificate valid at the signing time' },
  }),
  signingTime: defineRule({
    id: 'ESEAL-PDF-SIGNING-TIME',
    clause: 'ISO 32000-1:2008 §12.8.1 (/M); RFC 5652 §11.3 (signingTime)',
    evidence: 'inferred',
    title: { zh: '签名时间一致', en: 'signing times agree' },
  }),
  coverage: defineRule({
    id: 'ESEAL-PDF-COVERAGE',
    clause: 'ISO 32000-1:2008 §7.5.6 (incremental updates), §12.8.1',
    evidence: 'confirmed',
    title: { zh: '签名覆盖整个文档', en: 'signature covers the whole document' },
  }),
  docMdp: defineRule({
    id: 'ESEAL-PDF-DOCMDP',
    clause: 'ISO 32000-1:2008 §12.8.2.2 (DocMDP transform, /P permissions)',
    evidence: 'confirmed',
    title: { zh: '认证签名允许的修改', en: 'changes permitted by the certification signature' },
  }),
  fields: defineRule({
    id: 'ESEAL-PDF-SIGNATURES',
    clause: 'ISO 32000-1:2008 §12.7.2 (/AcroForm), §12.7.4.5 (signature fields)',
    evidence: 'confirmed',
    title: { zh: 'PDF 中的签名', en: 'signatures in the PDF' },
  }),
  structure: defineRule({
    id: 'ESEAL-PDF-STRUCTURE',
    clause: 'ISO 32000-1:2008 §7.5 (file structure)',
    evidence: 'confirmed',
    title: { zh: 'PDF 文件结构', en: 'PDF file structure' },
  }),
} as const;
