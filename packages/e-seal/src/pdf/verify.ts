/**
 * Verification of every signature in a PDF (research §6 E; ISO 32000-1 §12.8): for each signature
 * field, the signature dictionary (`format`), the `/ByteRange` leaving out exactly the `/Contents`
 * string of a complete revision (`integrity`), the container in `/Contents` — a CMS SignedData with
 * PKCS#7 or GB/T 35275 OIDs (messageDigest = SM3 of the signed bytes → `integrity`; SM2 signature over
 * the signed attributes → `signer`) or a GB/T 38540 `SES_Signature` handed to the seal verifier with
 * the signed bytes as the original — the certificate validity at the signing time (`time`), the path to
 * the trust anchors (`trust`) and what was appended after the signed revision (`coverage`). Returns the
 * same {@link VerificationResult} as OFD verification.
 *
 * @module
 */
import { type Finding, type LocalizedText, makeReport, toHex } from '@gbkit/core';
import { readTlv } from '../ses/der.js';
import { checkTrust, readCert } from '../verify/certs.js';
import type { VerifyPolicy } from '../verify/policy.js';
import {
  CheckCollector,
  type CheckName,
  indicationOf,
  type SignatureKind,
  type SignatureResult,
  type SubIndication,
  type VerificationResult,
  worstIndication,
} from '../verify/result.js';
import { errorText } from '../verify/seal.js';
import { checkSesSignature, validationTime } from '../verify/ses.js';
import { type CmsFlavor, verifyDetachedCms } from './cms.js';
import { isDict, isRef, isStream, nameOf } from './objects.js';
import { byteRangeData, docMdpPermission } from './placeholder.js';
import { type PdfDocument, parsePdf } from './reader.js';
import { PDF_RULES } from './rules.js';
import { findEmptySignatureFields, findPdfSignatures, type PdfSignatureInfo } from './signatures.js';

const OID_PKCS7_SIGNED = '1.2.840.113549.1.7.2';
const OID_GM_SIGNED = '1.2.156.10197.6.1.4.2.2';

/**
 * Options of {@link verifyPdf}: the same shape as OFD verification (`{ policy, file }`, the e-seal
 * `VerifyOptions`). A bare {@link VerifyPolicy} is accepted too.
 */
export interface VerifyPdfOptions {
  readonly policy?: VerifyPolicy;
  /** File name for reports. */
  readonly file?: string;
}

function splitOptions(o: VerifyPdfOptions | VerifyPolicy): { policy: VerifyPolicy; file?: string } {
  if ('policy' in o || 'file' in o) {
    const v = o as VerifyPdfOptions;
    return { policy: v.policy ?? {}, ...(v.file !== undefined ? { file: v.file } : {}) };
  }
  return { policy: o as VerifyPolicy };
}

/** What the `/Contents` blob is. */
export interface PdfContainerInfo {
  readonly kind: SignatureKind;
  /** The DER element (trailing zero padding removed). */
  readonly der: Uint8Array;
  /** Bytes after the DER element that are not zero padding. */
  readonly junk: number;
}

/** Classifies a `/Contents` value by its first OIDs (research §4): PKCS#7, GB/T 35275, SES or unknown. */
export function classifyPdfContainer(contents: Uint8Array): PdfContainerInfo {
  const top = readTlv(contents, 0, contents.length, 0, 'Contents');
  const der = top.bytes;
  let junk = 0;
  for (let i = der.length; i < contents.length; i++) if (contents[i] !== 0) junk++;
  if (top.tag !== 0x30) return { kind: 'unknown', der, junk };
  const first = readTlv(top.content, 0, top.content.length, 0, 'Contents');
  if (first.tag === 0x06) {
    const oid = decodeOid(first.content);
    if (oid === OID_PKCS7_SIGNED) return { kind: 'PKCS7', der, junk };
    if (oid === OID_GM_SIGNED) return { kind: 'GBT35275', der, junk };
    return { kind: 'unknown', der, junk };
  }
  if (first.tag === 0x30) return { kind: 'SES', der, junk };
  return { kind: 'unknown', der, junk };
}

function decodeOid(b: Uint8Array): string {
  const parts: number[] = [];
  let v = 0;
  for (const x of b) {
    v = v * 128 + (x & 0x7f);
    if ((x & 0x80) === 0) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

const iso = (d: Date): string => d.toISOString();

/**
 * Verifies every signature of a PDF and returns a report (never a bare boolean). Unreadable PDFs throw
 * a typed `ERR_PDF_…` error; bad signatures give failed checks.
 *
 * @example
 * ```ts
 * import { verifyPdf } from '@gbkit/e-seal';
 * declare const pdf: Uint8Array, rootCaDer: Uint8Array;
 * const result = await verifyPdf(pdf, { policy: { trustAnchors: [rootCaDer] }, file: 'signed.pdf' });
 * result.indication; // 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE'
 * for (const s of result.signatures) console.log(s.id, s.indication, s.checks.integrity?.status);
 * ```
 */
export async function verifyPdf(
  pdf: Uint8Array | PdfDocument,
  options: VerifyPdfOptions | VerifyPolicy = {},
): Promise<VerificationResult> {
  const { policy, file } = splitOptions(options);
  const doc = pdf instanceof Uint8Array ? parsePdf(pdf) : pdf;
  const findings: Finding[] = [];
  const docFinding = (
    rule: (typeof PDF_RULES)[keyof typeof PDF_RULES],
    status: Finding['status'],
    message: LocalizedText,
    data?: Record<string, unknown>,
  ): void => {
    findings.push({
      ruleId: rule.id,
      clause: rule.clause,
      evidence: rule.evidence,
      status,
      message,
      ...(data ? { data } : {}),
    });
  };
  for (const w of doc.warnings) {
    docFinding(PDF_RULES.structure, 'warning', {
      zh: `PDF 结构问题（已容忍）：${w}`,
      en: `PDF structure problem (tolerated): ${w}`,
    });
  }
  const sigs = findPdfSignatures(doc);
  const empty = findEmptySignatureFields(doc);
  if (empty.length) {
    docFinding(
      PDF_RULES.fields,
      'not-applicable',
      {
        zh: `未签名的签名域：${empty.join('、')}`,
        en: `signature fields not signed yet: ${empty.join(', ')}`,
      },
      { emptyFields: empty },
    );
  }
  if (sigs.length === 0) {
    docFinding(PDF_RULES.fields, 'indeterminate', {
      zh: '文档中没有签名',
      en: 'the document has no signature',
    });
  } else {
    docFinding(
      PDF_RULES.fields,
      'passed',
      { zh: `文档中有 ${sigs.length} 个签名`, en: `the document has ${sigs.length} signature(s)` },
      {
        fields: sigs.map((s) => s.fieldName),
      },
    );
  }
  const signatures: SignatureResult[] = [];
  for (const s of sigs) signatures.push(await verifyOne(doc, s, sigs, policy));
  const overall = worstIndication(signatures);
  return {
    ...(file !== undefined ? { file } : {}),
    format: 'pdf',
    indication: overall.indication,
    ...(overall.subIndication ? { subIndication: overall.subIndication } : {}),
    signatures,
    report: makeReport(findings, file),
  };
}

async function verifyOne(
  doc: PdfDocument,
  s: PdfSignatureInfo,
  all: readonly PdfSignatureInfo[],
  policy: VerifyPolicy,
): Promise<SignatureResult> {
  const col = new CheckCollector();
  const bytes = doc.bytes;
  const hints: { timeSub?: SubIndication; trustSub?: SubIndication; integritySub?: SubIndication } = {};
  let kind: SignatureKind = 'unknown';
  let signer: SignatureResult['signer'];
  let signingTime: Date | undefined = s.signingTime;
  let seal: SignatureResult['seal'];

  // format: the signature dictionary
  const sd = PDF_RULES.sigDict;
  const missing: string[] = [];
  if (!s.byteRange) missing.push('/ByteRange');
  if (!s.contents) missing.push('/Contents');
  if (missing.length) {
    col.add('format', sd, 'failed', {
      zh: `签名字典缺少或错误：${missing.join('、')}`,
      en: `signature dictionary lacks or has invalid ${missing.join(', ')}`,
    });
  } else if (s.storage !== 'file') {
    col.add(
      'format',
      sd,
      'failed',
      {
        zh: '签名字典不是文件中的顶层对象（位于对象流中或为直接对象），其 /Contents 无法按字节范围定位',
        en: 'the signature dictionary is not a top-level object of the file (object stream or direct), so /Contents cannot be located by byte offsets',
      },
      { storage: s.storage },
    );
  } else {
    const t = s.type;
    if (t !== undefined && t !== 'Sig') {
      col.add(
        'format',
        sd,
        t === 'DocTimeStamp' ? 'indeterminate' : 'warning',
        { zh: `签名字典 /Type 为 /${t}`, en: `signature dictionary /Type is /${t}` },
        { type: t },
      );
    } else {
      col.add(
        'format',
        sd,
        'passed',
        { zh: '签名字典含 /ByteRange 与 /Contents', en: 'signature dictionary has /ByteRange and /Contents' },
        {
          filter: s.filter,
          subFilter: s.subFilter,
          objectNumber: s.objectNumber,
        },
      );
    }
    if (s.contentsHex === false) {
      col.add(
        'format',
        sd,
        policy.mode === 'strict' ? 'failed' : 'warning',
        { zh: '/Contents 不是十六进制字符串', en: '/Contents is not a hexadecimal string' },
        undefined,
        'literal /Contents string',
      );
    }
  }
  const sf = s.subFilter;
  if (sf === 'adbe.pkcs7.detached' || sf === 'ETSI.CAdES.detached') {
    col.add(
      'format',
      PDF_RULES.subFilter,
      'passed',
      { zh: `/SubFilter /${sf}`, en: `/SubFilter /${sf}` },
      { subFilter: sf },
    );
  } else if (sf === 'adbe.pkcs7.sha1' || sf === 'adbe.x509.rsa_sha1' || sf === 'ETSI.RFC3161') {
    col.add(
      'format',
      PDF_RULES.subFilter,
      'indeterminate',
      { zh: `不支持的 /SubFilter /${sf}`, en: `unsupported /SubFilter /${sf}` },
      { subFilter: sf },
    );
  } else {
    col.add(
      'format',
      PDF_RULES.subFilter,
      policy.mode === 'strict' ? 'failed' : 'warning',
      {
        zh: `非标准或缺失的 /SubFilter（${sf ?? '无'}），按容器内容识别`,
        en: `non-standard or missing /SubFilter (${sf ?? 'none'}); the container is identified by its content`,
      },
      { subFilter: sf ?? null },
      `SubFilter ${sf ?? 'missing'}`,
    );
  }

  // integrity: byte range
  let data: Uint8Array | undefined;
  let signedEnd = -1;
  if (s.byteRange && s.contents && s.storage === 'file') {
    const br = s.byteRange;
    const [a = 0, b = 0, c = 0, d = 0] = br;
    const ev = {
      byteRange: [...br],
      contentsStart: s.contentsStart,
      contentsEnd: s.contentsEnd,
      fileLength: bytes.length,
    };
    if (br.length !== 4 || a + b > c || c + d > bytes.length) {
      col.add(
        'integrity',
        PDF_RULES.byteRange,
        'failed',
        {
          zh: '/ByteRange 形式无效或超出文件',
          en: '/ByteRange is malformed or runs past the end of the file',
        },
        ev,
      );
      hints.integritySub = 'FORMAT_FAILURE';
    } else {
      data = byteRangeData(bytes, br);
      signedEnd = c + d;
      const problems: LocalizedText[] = [];
      if (a !== 0) problems.push({ zh: '未从文件开头开始', en: 'does not start at offset 0' });
      if (b !== s.contentsStart || c !== s.contentsEnd) {
        problems.push({
          zh: '留出的空隙不恰好是 /Contents 字符串',
          en: 'the gap is not exactly the /Contents string',
        });
      }
      const revision = doc.revisions.find(
        (r) => r.end === signedEnd || (r.end > signedEnd && isEolOnly(bytes, signedEnd, r.end)),
      );
      if (!revision && signedEnd !== bytes.length) {
        problems.push({
          zh: '所签范围的结尾不是某个修订版本的 %%EOF',
          en: 'the signed range does not end at the %%EOF of a revision',
        });
      }
      if (problems.length) {
        col.add(
          'integrity',
          PDF_RULES.byteRange,
          'failed',
          {
            zh: `/ByteRange 无效：${problems.map((p) => p.zh).join('；')}`,
            en: `/ByteRange invalid: ${problems.map((p) => p.en).join('; ')}`,
          },
          ev,
        );
        hints.integritySub = 'HASH_FAILURE';
      } else {
        col.add(
          'integrity',
          PDF_RULES.byteRange,
          'passed',
          {
            zh: `/ByteRange 覆盖修订版本 ${revision ? revision.index : '?'} 中除 /Contents 外的全部 ${b + d} 字节`,
            en: `/ByteRange covers all ${b + d} bytes of revision ${revision ? revision.index : '?'} except /Contents`,
          },
          { ...ev, revision: revision?.index },
        );
      }
    }
  }

  // the container
  let container: PdfContainerInfo | undefined;
  if (s.contents && s.contents.length > 0) {
    try {
      container = classifyPdfContainer(s.contents);
      kind = container.kind;
      const ev = { kind, derLength: container.der.length, reserved: s.contents.length };
      if (kind === 'unknown') {
        col.add(
          'format',
          PDF_RULES.container,
          'failed',
          {
            zh: '/Contents 既不是 CMS SignedData 也不是 SES_Signature',
            en: '/Contents is neither a CMS SignedData nor an SES_Signature',
          },
          ev,
        );
      } else {
        col.add(
          'format',
          PDF_RULES.container,
          'passed',
          { zh: `签名容器：${kindText(kind).zh}`, en: `signature container: ${kindText(kind).en}` },
          ev,
        );
      }
      if (container.junk > 0) {
        col.add(
          'format',
          PDF_RULES.container,
          policy.mode === 'strict' ? 'failed' : 'warning',
          {
            zh: `DER 之后有 ${container.junk} 个非零填充字节`,
            en: `${container.junk} non-zero bytes after the DER element`,
          },
          { junk: container.junk },
          'non-zero padding after the container',
        );
      }
    } catch (e) {
      const t = errorText(e);
      col.add('format', PDF_RULES.container, 'failed', {
        zh: `/Contents 不是有效的 DER：${t.zh}`,
        en: `/Contents is not valid DER: ${t.en}`,
      });
    }
  }

  if (container && (kind === 'PKCS7' || kind === 'GBT35275')) {
    for (const n of ['binding', 'maker', 'certInSeal'] as CheckName[]) {
      col.add(n, PDF_RULES.container, 'not-applicable', {
        zh: 'CMS 签名不含印章',
        en: 'a CMS signature carries no seal',
      });
    }
    if (!data) {
      col.add('integrity', PDF_RULES.digest, 'indeterminate', {
        zh: '没有可核对的所签字节',
        en: 'no signed bytes to check',
      });
      col.add('signer', PDF_RULES.signature, 'indeterminate', {
        zh: '没有可核对的所签字节',
        en: 'no signed bytes to check',
      });
    } else {
      const r = await verifyDetachedCms(container.der, data, policy);
      const flavor: CmsFlavor = kind === 'GBT35275' ? 'gbt35275' : 'pkcs7';
      if (r.error) {
        col.add('format', PDF_RULES.container, 'failed', {
          zh: `CMS 无法解析：${r.error.zh}`,
          en: `CMS does not parse: ${r.error.en}`,
        });
      } else {
        const dev = {
          flavor,
          digestAlgorithm: r.digestAlgorithm,
          expected: r.messageDigest ? toHex(r.messageDigest) : undefined,
          actual: r.actualDigest ? toHex(r.actualDigest) : undefined,
          signedBytes: data.length,
        };
        if (r.digestValid === true)
          col.add(
            'integrity',
            PDF_RULES.digest,
            'passed',
            {
              zh: 'messageDigest 与所签字节的 SM3 摘要一致',
              en: 'messageDigest equals the SM3 digest of the signed bytes',
            },
            dev,
          );
        else if (r.digestValid === false)
          col.add(
            'integrity',
            PDF_RULES.digest,
            'failed',
            {
              zh: 'messageDigest 与所签字节的摘要不符（文档被修改）',
              en: 'messageDigest differs from the digest of the signed bytes (document modified)',
            },
            dev,
          );
        else
          col.add(
            'integrity',
            PDF_RULES.digest,
            'indeterminate',
            { zh: `无法核对摘要：${r.reason?.zh ?? ''}`, en: `digest not checkable: ${r.reason?.en ?? ''}` },
            dev,
          );
        if (r.signerCert) {
          try {
            const cert = readCert(r.signerCert);
            signer = cert.summary;
            const sev = {
              signerSubject: cert.subject,
              signerSerial: cert.serial,
              signatureAlgorithm: r.signatureAlgorithm,
            };
            if (r.signatureValid === true)
              col.add(
                'signer',
                PDF_RULES.signature,
                'passed',
                { zh: `签名值有效（${cert.subject}）`, en: `signature value valid (${cert.subject})` },
                sev,
              );
            else if (r.signatureValid === false)
              col.add(
                'signer',
                PDF_RULES.signature,
                'failed',
                { zh: '签名值无效', en: 'signature value invalid' },
                sev,
              );
            else
              col.add(
                'signer',
                PDF_RULES.signature,
                'indeterminate',
                {
                  zh: `无法核对签名值：${r.reason?.zh ?? ''}`,
                  en: `signature value not checkable: ${r.reason?.en ?? ''}`,
                },
                sev,
              );
            // time
            const claimed = r.signingTime ?? s.signingTime;
            if (r.signingTime) signingTime = r.signingTime;
            const vt = validationTime(policy, claimed, undefined);
            if (
              r.signingTime &&
              s.signingTime &&
              Math.abs(r.signingTime.getTime() - s.signingTime.getTime()) > 10 * 60_000
            ) {
              col.add(
                'time',
                PDF_RULES.signingTime,
                'warning',
                {
                  zh: `CMS signingTime（${iso(r.signingTime)}）与 /M（${iso(s.signingTime)}）相差超过 10 分钟`,
                  en: `CMS signingTime (${iso(r.signingTime)}) and /M (${iso(s.signingTime)}) differ by more than 10 minutes`,
                },
                { signingTime: iso(r.signingTime), m: iso(s.signingTime) },
              );
            }
            if (!vt.at) {
              col.add('time', PDF_RULES.certTime, 'indeterminate', {
                zh: '没有签名时间',
                en: 'no signing time',
              });
            } else if (vt.at < cert.notBefore || vt.at > cert.notAfter) {
              const early = vt.at < cert.notBefore;
              hints.timeSub = early ? 'NOT_YET_VALID' : 'EXPIRED';
              col.add(
                'time',
                PDF_RULES.certTime,
                'failed',
                {
                  zh: `签名证书在${vt.label.zh}（${iso(vt.at)}）${early ? '尚未生效' : '已过期'}（有效期 ${iso(cert.notBefore)} 至 ${iso(cert.notAfter)}）`,
                  en: `signer certificate ${early ? 'not yet valid' : 'expired'} at ${vt.label.en} (${iso(vt.at)}; valid ${iso(cert.notBefore)} to ${iso(cert.notAfter)})`,
                },
                { at: iso(vt.at), notBefore: iso(cert.notBefore), notAfter: iso(cert.notAfter) },
              );
            } else {
              col.add(
                'time',
                PDF_RULES.certTime,
                'passed',
                {
                  zh: `签名证书在${vt.label.zh}（${iso(vt.at)}）有效`,
                  en: `signer certificate valid at ${vt.label.en} (${iso(vt.at)})`,
                },
                { at: iso(vt.at), notBefore: iso(cert.notBefore), notAfter: iso(cert.notAfter) },
              );
            }
            const pol: VerifyPolicy =
              r.certificates.length > 1
                ? { ...policy, intermediates: [...(policy.intermediates ?? []), ...r.certificates] }
                : policy;
            const sub = await checkTrust(col, [{ role: 'signer', cert }], vt.at, pol);
            if (sub) hints.trustSub = sub;
          } catch (e) {
            const t = errorText(e);
            col.add('signer', PDF_RULES.signature, 'failed', {
              zh: `签名证书无法解析：${t.zh}`,
              en: `signer certificate does not parse: ${t.en}`,
            });
          }
        } else {
          col.add('signer', PDF_RULES.signature, 'indeterminate', {
            zh: 'CMS 中没有签名者证书',
            en: 'no signer certificate in the CMS',
          });
          col.add('trust', PDF_RULES.signature, 'indeterminate', {
            zh: 'CMS 中没有签名者证书',
            en: 'no signer certificate in the CMS',
          });
          col.add('time', PDF_RULES.certTime, 'indeterminate', {
            zh: 'CMS 中没有签名者证书',
            en: 'no signer certificate in the CMS',
          });
        }
      }
    }
  } else if (container && kind === 'SES') {
    const facts = await checkSesSignature(col, {
      value: container.der,
      ...(data ? { original: data } : {}),
      policy,
    });
    if (facts.signer) signer = facts.signer;
    if (facts.seal) seal = facts.seal;
    if (facts.signingTime) signingTime = facts.signingTime;
    if (facts.timeSub) hints.timeSub = facts.timeSub;
    if (facts.trustSub) hints.trustSub = facts.trustSub;
  }
  if (!container || kind === 'unknown') {
    for (const n of ['integrity', 'signer', 'time', 'trust'] as CheckName[]) {
      if (!col.status(n))
        col.add(n, PDF_RULES.container, 'indeterminate', {
          zh: '签名容器不可用',
          en: 'signature container unusable',
        });
    }
  }

  // coverage
  if (signedEnd >= 0) checkCoverage(col, doc, s, all, signedEnd);
  else
    col.add('coverage', PDF_RULES.coverage, 'indeterminate', {
      zh: '所签范围未知',
      en: 'signed range unknown',
    });

  const checks = col.checks();
  const ind = indicationOf(checks, hints);
  return {
    id: s.fieldName,
    type: kind === 'SES' ? 'Seal' : 'Sign',
    kind,
    indication: ind.indication,
    ...(ind.subIndication ? { subIndication: ind.subIndication } : {}),
    checks,
    report: col.report(s.fieldName),
    ...(seal ? { seal } : {}),
    ...(signer ? { signer } : {}),
    ...(signingTime ? { signingTime: iso(signingTime) } : {}),
    variants: col.variants,
  };
}

function kindText(kind: SignatureKind): LocalizedText {
  switch (kind) {
    case 'PKCS7':
      return { zh: 'CMS SignedData（PKCS#7 OID）', en: 'CMS SignedData (PKCS#7 OIDs)' };
    case 'GBT35275':
      return { zh: 'SignedData（GB/T 35275 OID）', en: 'SignedData (GB/T 35275 OIDs)' };
    case 'SES':
      return { zh: 'GB/T 38540 SES_Signature', en: 'GB/T 38540 SES_Signature' };
    default:
      return { zh: '未知', en: 'unknown' };
  }
}

function isEolOnly(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 0x0a && b[i] !== 0x0d) return false;
  return true;
}

function checkCoverage(
  col: CheckCollector,
  doc: PdfDocument,
  s: PdfSignatureInfo,
  all: readonly PdfSignatureInfo[],
  signedEnd: number,
): void {
  const bytes = doc.bytes;
  if (signedEnd === bytes.length || isEolOnly(bytes, signedEnd, bytes.length)) {
    col.add(
      'coverage',
      PDF_RULES.coverage,
      'passed',
      { zh: '签名覆盖整个文档', en: 'the signature covers the whole document' },
      { signedEnd, fileLength: bytes.length },
    );
    return;
  }
  const later = doc.revisions.filter((r) => r.end > signedEnd && !isEolOnly(bytes, signedEnd, r.end));
  const lastEnd = doc.revisions.length ? (doc.revisions[doc.revisions.length - 1] as { end: number }).end : 0;
  const changed = [...new Set(later.flatMap((r) => r.objects))].sort((a, b) => a - b);
  const typed = changed.slice(0, 200).map((n) => {
    let t: string | undefined;
    try {
      const o = doc.getObject(n);
      t = isDict(o)
        ? (nameOf(o.entries.get('Type')) ?? (o.entries.has('ByteRange') ? 'Sig' : undefined))
        : isStream(o)
          ? (nameOf(o.dict.entries.get('Type')) ?? 'stream')
          : undefined;
    } catch {
      t = 'unreadable';
    }
    return t ? `${n} (${t})` : String(n);
  });
  const laterSigs = all
    .filter((o) => o !== s && o.objectNumber !== undefined && changed.includes(o.objectNumber))
    .map((o) => o.fieldName);
  const trailing =
    lastEnd < bytes.length && !isEolOnly(bytes, lastEnd, bytes.length) ? bytes.length - lastEnd : 0;
  const ev = {
    signedEnd,
    fileLength: bytes.length,
    laterRevisions: later.map((r) => r.index),
    changedObjects: typed,
    laterSignatures: laterSigs,
    trailingBytes: trailing,
  };
  const parts: LocalizedText[] = [];
  if (later.length) {
    parts.push({
      zh: `签名之后有 ${later.length} 次增量更新，改动了对象 ${typed.join('、') || '（无）'}${laterSigs.length ? `，其中含后续签名 ${laterSigs.join('、')}` : ''}`,
      en: `${later.length} incremental update(s) after the signature changed objects ${typed.join(', ') || '(none)'}${laterSigs.length ? `, including later signature(s) ${laterSigs.join(', ')}` : ''}`,
    });
  }
  if (trailing) {
    parts.push({
      zh: `文件末尾有 ${trailing} 个不属于任何修订版本的字节`,
      en: `${trailing} bytes at the end of the file belong to no revision`,
    });
  }
  // a certification signature (DocMDP) with /P 1 forbids every later change
  const perms = (() => {
    try {
      const p = doc.resolve(doc.catalog.entries.get('Perms'));
      return isDict(p) ? p.entries.get('DocMDP') : undefined;
    } catch {
      return undefined;
    }
  })();
  const certifying = perms !== undefined && isRef(perms) && perms.num === s.objectNumber;
  const p = certifying ? docMdpPermission(doc) : undefined;
  if (certifying && p === 1 && later.length > 0) {
    col.add(
      'coverage',
      PDF_RULES.docMdp,
      'failed',
      {
        zh: `认证签名（DocMDP /P 1）禁止任何修改，但其后有 ${later.length} 次增量更新`,
        en: `the certification signature (DocMDP /P 1) permits no change, yet ${later.length} incremental update(s) follow it`,
      },
      { ...ev, docMdpP: p },
    );
    return;
  }
  col.add(
    'coverage',
    PDF_RULES.coverage,
    'warning',
    {
      zh: `签名未覆盖整个文档：${parts.map((p) => p.zh).join('；')}`,
      en: `the signature does not cover the whole document: ${parts.map((p) => p.en).join('; ')}`,
    },
    certifying ? { ...ev, docMdpP: p } : ev,
  );
}
