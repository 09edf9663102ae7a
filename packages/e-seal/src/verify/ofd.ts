/**
 * OFD signature verification (GB/T 33190-2016 §18, GM/T 0099-2020), in the order of research §6:
 * A. container → B. per signature: Signature.xml, References (integrity), coverage, SignedValue and
 * Seal.esl → C. the signed value by type (SES, GB/T 35275 / PKCS#7 SignedData, bare SM2 signature) →
 * D. one result per signature and the worst for the document. GM/T 0099 integrity protection
 * (`OFDEntries.xml`) is reported separately.
 * @module
 */
import { equalBytes, fromUtf8, ReportBuilder, toBase64, toHex } from '@gbkit/core';
import { sm3 } from '@gbkit/crypto';
import {
  OfdPackage,
  parseOfdEntry,
  parseSignatureList,
  parseSignatureXml,
  type SignatureListEntry,
  type SignatureXml,
} from '@gbkit/ofd';
import { decodeTlv, TAG } from '../ses/der.js';
import { parseTextTime } from '../ses/tbs-sign.js';
import { checkTrust, readCert } from './certs.js';
import { checkSignedData } from './cms.js';
import { iso } from './iso.js';
import type { VerifyPolicy } from './policy.js';
import {
  CheckCollector,
  type Indication,
  indicationOf,
  REQUIRED_CHECKS,
  type SignatureKind,
  type SignatureResult,
  type SubIndication,
  type VerificationResult,
  worstIndication,
} from './result.js';
import { RULES } from './rules.js';
import { errorText, sm2Check } from './seal.js';
import { checkSesSignature, type SesFacts, validationTime } from './ses.js';

/** Options of the verification entry points. */
export interface VerifyOptions {
  readonly policy?: VerifyPolicy;
  /** File name for reports. */
  readonly file?: string;
}

/** Digest functions for `References@CheckMethod`. */
function digestFor(method: string | undefined): {
  name: string;
  fn?: (b: Uint8Array) => Promise<Uint8Array> | Uint8Array;
  note?: { zh: string; en: string };
} {
  const m = (method ?? '').trim();
  const lower = m.toLowerCase();
  if (m === '')
    return {
      name: 'SM3',
      fn: sm3,
      note: { zh: '未给出 CheckMethod，按 SM3 处理', en: 'no CheckMethod given: SM3 assumed' },
    };
  if (lower === 'sm3' || m === '1.2.156.10197.1.401' || m === '1.2.156.10197.1.401.1')
    return { name: 'SM3', fn: sm3 };
  if (m === '1.2.156.10197.1.401.2')
    return {
      name: 'SM3',
      fn: sm3,
      note: {
        zh: 'CheckMethod 1.2.156.10197.1.401.2 是 HMAC-SM3 的标识，但没有密钥；按不带密钥的 SM3 处理',
        en: 'CheckMethod 1.2.156.10197.1.401.2 names HMAC-SM3 but no key exists: plain SM3 used',
      },
    };
  const web: Record<string, string> = {
    sha1: 'SHA-1',
    'sha-1': 'SHA-1',
    '1.3.14.3.2.26': 'SHA-1',
    sha256: 'SHA-256',
    'sha-256': 'SHA-256',
    '2.16.840.1.101.3.4.2.1': 'SHA-256',
  };
  const w = web[lower];
  const subtle = globalThis.crypto?.subtle;
  if (w && subtle) return { name: w, fn: async (b) => new Uint8Array(await subtle.digest(w, b.slice())) };
  return { name: m };
}

/**
 * Whether `s` ends with `lowerSuffix` (lower-case ASCII), ignoring the case of ASCII letters — what a
 * case-insensitive regular expression of that ASCII text matches.
 */
function endsWithAsciiCI(s: string, lowerSuffix: string): boolean {
  const off = s.length - lowerSuffix.length;
  if (off < 0) return false;
  for (let i = 0; i < lowerSuffix.length; i++) {
    let c = s.charCodeAt(off + i);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== lowerSuffix.charCodeAt(i)) return false;
  }
  return true;
}

function kindOf(value: Uint8Array): SignatureKind {
  try {
    const t = decodeTlv(value, 'SignedValue');
    if (t.tag !== TAG.SEQUENCE) return value.length === 64 ? 'DigitalSign' : 'unknown';
    const c = t.content;
    if (c[0] === TAG.OID) return 'GBT35275'; // ContentInfo (GB/T 35275 or PKCS#7 OID)
    if (c[0] === TAG.SEQUENCE) return 'SES';
    if (c[0] === TAG.INTEGER) return 'DigitalSign'; // bare SM2Signature SEQUENCE{r, s}
  } catch {
    if (value.length === 64) return 'DigitalSign';
  }
  return 'unknown';
}

/** Finishes one signature result from its collector. */
export function finishSignature(
  col: CheckCollector,
  base: Omit<SignatureResult, 'indication' | 'subIndication' | 'checks' | 'report' | 'variants'>,
  hints: { timeSub?: SubIndication; trustSub?: SubIndication; integritySub?: SubIndication },
  notApplicable: readonly string[] = [],
): SignatureResult {
  for (const name of REQUIRED_CHECKS) {
    if (!col.status(name)) {
      const na = notApplicable.includes(name);
      col.add(
        name,
        RULES[name],
        na ? 'not-applicable' : 'indeterminate',
        na
          ? { zh: '不适用', en: 'not applicable' }
          : { zh: '未能执行该检查', en: 'check could not be performed' },
      );
    }
  }
  const checks = col.checks();
  const ind = indicationOf(checks, hints);
  return { ...base, ...ind, checks, report: col.report(base.id), variants: col.variants };
}

/** Verifies one OFD signature into a result. */
/** Parses each Signature.xml once per verification. */
type SxCache = Map<string, SignatureXml | Error>;
function cachedSx(pkg: OfdPackage, path: string, cache: SxCache): SignatureXml {
  let v = cache.get(path);
  if (!v) {
    try {
      v = parseSignatureXml(pkg.read(path), path, pkg);
    } catch (e) {
      v = e instanceof Error ? e : new Error(String(e));
    }
    cache.set(path, v);
  }
  if (v instanceof Error) throw v;
  return v;
}

async function verifyOne(
  sxCache: SxCache,
  pkg: OfdPackage,
  entry: SignatureListEntry,
  listPart: string,
  infra: Set<string>,
  laterExists: boolean,
  policy: VerifyPolicy,
): Promise<SignatureResult> {
  const col = new CheckCollector();
  const id = entry.id || '(no ID)';
  const base = { id, type: entry.type as string, kind: 'unknown' as SignatureKind };
  if (!entry.baseLoc?.exists) {
    col.add('format', RULES.format, 'failed', {
      zh: `签名描述文件不存在：${entry.baseLoc?.loc ?? '(缺少 BaseLoc)'}`,
      en: `signature description missing: ${entry.baseLoc?.loc ?? '(no BaseLoc)'}`,
    });
    return finishSignature(col, base, { integritySub: 'SIGNED_DATA_NOT_FOUND' });
  }
  let sx: SignatureXml;
  try {
    sx = cachedSx(pkg, entry.baseLoc.path, sxCache);
  } catch (e) {
    const t = errorText(e);
    col.add('format', RULES.format, 'failed', {
      zh: `Signature.xml 无法解析：${t.zh}`,
      en: `Signature.xml does not parse: ${t.en}`,
    });
    return finishSignature(col, { ...base, signaturePath: entry.baseLoc.path }, {});
  }
  const sigPath = sx.part;

  // B.2–B.3 integrity
  let integritySub: SubIndication | undefined;
  const dg = digestFor(sx.checkMethod);
  const protectedPaths = new Set<string>();
  if (sx.references.length === 0) {
    col.add('integrity', RULES.integrity, 'failed', {
      zh: 'Signature.xml 没有任何 Reference',
      en: 'Signature.xml has no Reference',
    });
  } else if (!dg.fn) {
    col.add(
      'integrity',
      RULES.integrity,
      'indeterminate',
      { zh: `不支持的 CheckMethod「${sx.checkMethod}」`, en: `unsupported CheckMethod "${sx.checkMethod}"` },
      { checkMethod: sx.checkMethod },
    );
  } else {
    if (dg.note)
      col.add(
        'integrity',
        RULES.integrity,
        'warning',
        dg.note,
        { checkMethod: sx.checkMethod ?? null },
        'CHECKMETHOD',
      );
    const mismatched: { fileRef: string; expected: string; actual: string }[] = [];
    const missing: string[] = [];
    for (const r of sx.references) {
      protectedPaths.add(r.target.path);
      if (!r.target.exists) {
        missing.push(r.fileRef);
        continue;
      }
      // SM3 is synchronous: await only the (Web Crypto) digests that return a promise
      const d = dg.fn(pkg.read(r.target.path));
      const actual = d instanceof Uint8Array ? d : await d;
      if (!r.checkValue || !equalBytes(actual, r.checkValue))
        mismatched.push({ fileRef: r.fileRef, expected: r.checkValueText, actual: toBase64(actual) });
    }
    const ev = {
      checkMethod: sx.checkMethod ?? null,
      algorithm: dg.name,
      references: sx.references.length,
      mismatched,
      missing,
    };
    if (mismatched.length || missing.length) {
      integritySub = mismatched.length ? 'HASH_FAILURE' : 'SIGNED_DATA_NOT_FOUND';
      const list = [...mismatched.map((m) => m.fileRef), ...missing].join(', ');
      col.add(
        'integrity',
        RULES.integrity,
        'failed',
        {
          zh: `${mismatched.length} 个受保护文件被修改、${missing.length} 个缺失：${list}`,
          en: `${mismatched.length} protected file(s) modified and ${missing.length} missing: ${list}`,
        },
        ev,
      );
    } else {
      col.add(
        'integrity',
        RULES.integrity,
        'passed',
        {
          zh: `${sx.references.length} 个受保护文件的 ${dg.name} 摘要全部相符`,
          en: `all ${sx.references.length} protected files match their ${dg.name} digests`,
        },
        ev,
      );
    }
  }

  // B.4 coverage
  const own = new Set([sigPath, sx.signedValue?.path, sx.seal?.path].filter((p): p is string => !!p));
  const unprotected = pkg.paths().filter((p) => !protectedPaths.has(p) && !own.has(p) && !infra.has(p));
  const listProtected = protectedPaths.has(listPart);
  const cev = { protected: protectedPaths.size, unprotected, signaturesXmlProtected: listProtected };
  if (unprotected.length) {
    col.add(
      'coverage',
      RULES.coverage,
      'warning',
      {
        zh: `${unprotected.length} 个内容文件不受此签名保护：${unprotected.join(', ')}`,
        en: `${unprotected.length} content file(s) not protected by this signature: ${unprotected.join(', ')}`,
      },
      cev,
    );
  } else {
    col.add(
      'coverage',
      RULES.coverage,
      'passed',
      {
        zh: listProtected
          ? '保护全部文件（含签名列表，整体保护）'
          : '保护全部内容文件（签名列表除外，可继续签章）',
        en: listProtected
          ? 'protects every file including the signature list (whole-protect)'
          : 'protects every content file (not the signature list: further signatures allowed)',
      },
      cev,
    );
  }
  if (listProtected && laterExists) {
    col.add(
      'coverage',
      RULES.coverage,
      'warning',
      {
        zh: '此签名保护 Signatures.xml，但其后又添加了签名（会破坏此签名）',
        en: 'this signature protects Signatures.xml but later signatures were added (which breaks it)',
      },
      cev,
    );
  }

  // B.5 signed value
  const sv = sx.signedValue;
  if (!sv?.exists) {
    col.add('format', RULES.format, 'failed', {
      zh: `签名值文件不存在：${sv?.loc ?? '(缺少 SignedValue)'}`,
      en: `signature value file missing: ${sv?.loc ?? '(no SignedValue)'}`,
    });
    return finishSignature(
      col,
      { ...base, signaturePath: sigPath },
      { integritySub: integritySub ?? 'SIGNED_DATA_NOT_FOUND' },
    );
  }
  const value = pkg.read(sv.path);
  const kind = kindOf(value);
  let facts: SesFacts = {};
  let notApplicable: string[] = [];
  if (kind === 'SES') {
    if (entry.type !== 'Seal')
      col.add('format', RULES.format, 'warning', {
        zh: `Type="${entry.typeAttr}" 但签名值是 SES_Signature`,
        en: `Type="${entry.typeAttr}" but the value is an SES_Signature`,
      });
    facts = await checkSesSignature(col, { value, original: sx.bytes, originalPath: sigPath, policy });
    if (sx.seal) {
      if (!sx.seal.exists)
        col.add('sealCopy', RULES.sealCopy, 'failed', {
          zh: `Seal/BaseLoc 指向的文件不存在：${sx.seal.loc}`,
          en: `Seal/BaseLoc file missing: ${sx.seal.loc}`,
        });
      else if (facts.value) {
        const copy = pkg.read(sx.seal.path);
        const same = equalBytes(copy, facts.value.toSign.eseal.raw);
        col.add(
          'sealCopy',
          RULES.sealCopy,
          same ? 'passed' : 'failed',
          same
            ? {
                zh: `${sx.seal.path} 与签章中的印章逐字节一致`,
                en: `${sx.seal.path} is byte-identical to the embedded seal`,
              }
            : {
                zh: `${sx.seal.path} 与签章中的印章不一致`,
                en: `${sx.seal.path} differs from the embedded seal`,
              },
          { expected: toHex(sm3(facts.value.toSign.eseal.raw)), actual: toHex(sm3(copy)) },
        );
      }
    }
  } else if (kind === 'GBT35275') {
    if (entry.type !== 'Sign')
      col.add('format', RULES.format, 'warning', {
        zh: 'Type 为 Seal 但签名值是 SignedData',
        en: 'Type is Seal but the value is a SignedData',
      });
    {
      const claimed = sx.signatureDateTime ? parseTextTime(sx.signatureDateTime).date : undefined;
      facts = await checkSignedData(col, {
        value,
        original: sx.bytes,
        originalLabel: sigPath,
        policy,
        ...(claimed ? { claimedTime: claimed } : {}),
      });
    }
    notApplicable = ['maker', 'certInSeal'];
  } else if (kind === 'DigitalSign') {
    col.add(
      'format',
      RULES.format,
      'warning',
      {
        zh: '签名值是裸 SM2 签名（ofdrw 已废弃的 DigitalSign 形式），不含证书',
        en: "the value is a bare SM2 signature (ofdrw's deprecated DigitalSign form) without a certificate",
      },
      { form: 'DigitalSign' },
      'DIGITALSIGN-BARE',
    );
    facts = await checkBareSignature(col, value, sx, policy);
    notApplicable = ['maker', 'certInSeal'];
  } else {
    col.add('format', RULES.format, 'failed', {
      zh: '签名值既不是 SES_Signature 也不是 SignedData',
      en: 'the signature value is neither an SES_Signature nor a SignedData',
    });
  }
  return finishSignature(
    col,
    {
      ...base,
      kind,
      signaturePath: sigPath,
      ...(facts.seal ? { seal: facts.seal } : {}),
      ...(facts.signer ? { signer: facts.signer } : {}),
      ...(facts.signingTime ? { signingTime: iso(facts.signingTime) } : {}),
    },
    {
      ...(facts.timeSub ? { timeSub: facts.timeSub } : {}),
      ...(facts.trustSub ? { trustSub: facts.trustSub } : {}),
      ...(integritySub ? { integritySub } : {}),
    },
    notApplicable,
  );
}

/** ofdrw's deprecated form: a bare SM2 signature over Signature.xml; the certificate must come from the policy. */
async function checkBareSignature(
  col: CheckCollector,
  value: Uint8Array,
  sx: SignatureXml,
  policy: VerifyPolicy,
): Promise<SesFacts> {
  if (!policy.signerCert) {
    col.add('signer', RULES.signer, 'indeterminate', {
      zh: '签名值不含证书，且未提供签章人证书（--cert）',
      en: 'the value carries no certificate and none was supplied (--cert)',
    });
    col.add('binding', RULES.binding, 'indeterminate', {
      zh: '签名直接覆盖 Signature.xml，但无证书无法验证',
      en: 'the signature covers Signature.xml directly, but cannot be checked without a certificate',
    });
    await checkTrust(col, [], undefined, policy);
    return { trustSub: 'NO_SIGNING_CERTIFICATE_FOUND' };
  }
  let cert: ReturnType<typeof readCert>;
  try {
    cert = readCert(policy.signerCert);
  } catch (e) {
    const t = errorText(e);
    col.add('signer', RULES.signer, 'indeterminate', {
      zh: `提供的证书无法解析：${t.zh}`,
      en: `the supplied certificate does not parse: ${t.en}`,
    });
    return {};
  }
  const r = cert.publicKey
    ? sm2Check(sx.bytes, value, cert.publicKey, policy)
    : { valid: false, reason: 'not an SM2 key' };
  const ev = {
    signerSubject: cert.subject,
    signerSerial: cert.serial,
    signedOver: sx.part,
    certificateSource: 'supplied',
  };
  col.add(
    'signer',
    RULES.signer,
    r.valid ? 'passed' : 'failed',
    r.valid
      ? {
          zh: `签名有效（提供的证书 ${cert.subject}）`,
          en: `signature valid (supplied certificate ${cert.subject})`,
        }
      : { zh: `签名无效（${r.reason}）`, en: `signature invalid (${r.reason})` },
    ev,
  );
  col.add(
    'binding',
    RULES.binding,
    r.valid ? 'passed' : 'failed',
    r.valid
      ? {
          zh: '签名直接覆盖 Signature.xml 的原始字节',
          en: 'the signature covers the raw Signature.xml bytes directly',
        }
      : { zh: '签名与 Signature.xml 不符', en: 'the signature does not match Signature.xml' },
    { over: sx.part, sm3: toHex(sm3(sx.bytes)) },
  );
  const claimed = sx.signatureDateTime ? parseTextTime(sx.signatureDateTime).date : undefined;
  const { at, label } = validationTime(policy, claimed, undefined);
  let timeSub: SubIndication | undefined;
  if (!at) col.add('time', RULES.time, 'indeterminate', { zh: '签名时间未知', en: 'signing time unknown' });
  else if (at > cert.notAfter || at < cert.notBefore) {
    timeSub = at > cert.notAfter ? 'EXPIRED' : 'NOT_YET_VALID';
    col.add(
      'time',
      RULES.time,
      'failed',
      {
        zh: `${label.zh} ${iso(at)} 不在证书有效期内`,
        en: `${label.en} ${iso(at)} is outside the certificate's validity`,
      },
      {
        at: iso(at),
        notBefore: iso(cert.notBefore),
        notAfter: iso(cert.notAfter),
      },
    );
  } else
    col.add(
      'time',
      RULES.time,
      'passed',
      {
        zh: `${label.zh} ${iso(at)} 在证书有效期内`,
        en: `${label.en} ${iso(at)} within the certificate's validity`,
      },
      { at: iso(at), signatureDateTime: sx.signatureDateTime ?? null },
    );
  const trustSub = await checkTrust(col, [{ role: 'signer', cert }], at, policy);
  return {
    signer: cert.summary,
    ...(at ? { signingTime: at } : {}),
    ...(timeSub ? { timeSub } : {}),
    ...(trustSub ? { trustSub } : {}),
  };
}

/**
 * Verifies every signature of an OFD document, and its GM/T 0099 integrity protection when present.
 * Throws a typed error only when the input is not an OFD package at all.
 *
 * @example
 * ```ts
 * import { verifyOfd } from '@gbkit/e-seal';
 * import { readFileSync } from 'node:fs';
 * const r = await verifyOfd(readFileSync('invoice.ofd'));
 * console.log(r.indication, r.signatures.map((s) => [s.id, s.checks.integrity?.status]));
 * ```
 */
export async function verifyOfd(bytes: Uint8Array, options: VerifyOptions = {}): Promise<VerificationResult> {
  const policy = options.policy ?? {};
  const pkg = OfdPackage.open(bytes);
  const doc = new ReportBuilder(options.file);
  // A. container: the signature lists named by OFD.xml. Lists and signature folders present in the package
  // but not reachable (OFD.xml or a list damaged or edited) are found by scanning and verified too, so a
  // modified document still yields per-signature results.
  const signatures: SignatureResult[] = [];
  const sxCache: SxCache = new Map();
  const declared: string[] = [];
  try {
    const entry = parseOfdEntry(pkg.read('/OFD.xml'), pkg);
    for (const b of entry.docBodies) {
      if (!b.signatures) continue;
      if (!b.signatures.exists)
        doc.fail(RULES.noSignature, {
          zh: `签名列表文件不存在：${b.signatures.loc}`,
          en: `signature list missing: ${b.signatures.loc}`,
        });
      else declared.push(b.signatures.path);
    }
  } catch (e) {
    const t = errorText(e);
    doc.fail(RULES.format, {
      zh: `OFD.xml 无法解析（${t.zh}），按包内文件查找签名`,
      en: `OFD.xml does not parse (${t.en}); signatures located by scanning the package`,
    });
  }
  const allPaths = pkg.paths();
  const listPaths = [...declared];
  for (const p of allPaths) {
    if (endsWithAsciiCI(p, '/signatures.xml') && !listPaths.includes(p)) {
      listPaths.push(p);
      doc.fail(RULES.noSignature, {
        zh: `签名列表 ${p} 未被 OFD.xml 引用`,
        en: `signature list ${p} is not referenced by OFD.xml`,
      });
    }
  }
  const listed = new Set<string>();
  const lists: { path: string; entries: SignatureListEntry[] }[] = [];
  for (const path of listPaths) {
    let entries: SignatureListEntry[] = [];
    try {
      entries = [...parseSignatureList(pkg.read(path), path, pkg).signatures];
    } catch (e) {
      const t = errorText(e);
      doc.fail(RULES.format, {
        zh: `${path} 无法解析（${t.zh}），按包内文件查找签名`,
        en: `${path} does not parse (${t.en}); signatures located by scanning the package`,
      });
    }
    for (const e of entries) if (e.baseLoc?.exists) listed.add(e.baseLoc.path);
    lists.push({ path, entries });
  }
  // signature descriptions in a list's folder that no list entry reaches
  for (const l of lists) {
    const dir = l.path.slice(0, l.path.lastIndexOf('/') + 1);
    const orphans = allPaths
      .filter((p) => p.startsWith(dir) && endsWithAsciiCI(p, '/signature.xml') && !listed.has(p))
      .sort();
    for (const p of orphans) {
      listed.add(p);
      doc.fail(RULES.noSignature, {
        zh: `签名 ${p} 不在签名列表中（列表被修改？）`,
        en: `signature ${p} is not in the signature list (list modified?)`,
      });
      l.entries.push({ id: `unlisted:${p}`, type: 'Seal', baseLoc: { loc: p, path: p, exists: true } });
    }
  }
  for (const { path: listPath, entries } of lists) {
    const infra = new Set<string>([listPath]);
    for (const s of entries) {
      if (!s.baseLoc?.exists) continue;
      infra.add(s.baseLoc.path);
      try {
        const sx = cachedSx(pkg, s.baseLoc.path, sxCache);
        if (sx.signedValue) infra.add(sx.signedValue.path);
        if (sx.seal) infra.add(sx.seal.path);
      } catch {
        // reported by verifyOne
      }
    }
    for (const [i, s] of entries.entries()) {
      signatures.push(await verifyOne(sxCache, pkg, s, listPath, infra, i < entries.length - 1, policy));
    }
    // Relative (GM/T 0099): the base signature must verify too
    for (const s of entries) {
      if (!s.relative) continue;
      const baseSig = signatures.find((x) => x.id === s.relative);
      if (baseSig?.indication !== 'TOTAL_PASSED') {
        doc.warn(RULES.noSignature, {
          zh: `签名 ${s.id} 基于签名 ${s.relative}，而后者未通过验证`,
          en: `signature ${s.id} builds on ${s.relative}, which did not pass`,
        });
      }
    }
  }
  for (const w of pkg.warnings)
    doc.warn(RULES.format, w.message, { data: { code: w.code, ...(w.part ? { part: w.part } : {}) } });
  let integrityProtection: SignatureResult | undefined;
  if (pkg.has('/OFDEntries.xml')) integrityProtection = await checkIntegrityProtection(pkg, policy);
  if (signatures.length === 0) {
    doc.notApplicable(RULES.noSignature, {
      zh: '文档中没有签名或签章',
      en: 'the document has no signatures',
    });
  }
  const docReport = doc.build();
  let worst: { indication: Indication; subIndication?: SubIndication } =
    signatures.length > 0
      ? worstIndication(signatures)
      : integrityProtection
        ? worstIndication([integrityProtection])
        : { indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' };
  // a damaged or edited signature structure (list missing, unlisted signature, OFD.xml unreadable) fails the document
  if (docReport.counts.failed > 0 && worst.indication !== 'TOTAL_FAILED')
    worst = { indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' };
  return {
    ...(options.file ? { file: options.file } : {}),
    format: 'ofd',
    ...worst,
    signatures,
    report: docReport,
    ...(integrityProtection ? { integrityProtection } : {}),
  };
}

/** GM/T 0099-2020 integrity protection: `OFDEntries.xml` lists every content file; its signature is a GB/T 35275 SignedData. */
async function checkIntegrityProtection(pkg: OfdPackage, policy: VerifyPolicy): Promise<SignatureResult> {
  const col = new CheckCollector();
  const xmlBytes = pkg.read('/OFDEntries.xml');
  const text = fromUtf8(xmlBytes);
  const svLoc = /<(?:\w+:)?SignedValueLoc>\s*([^<]+?)\s*<\//.exec(text)?.[1];
  const listed = [...text.matchAll(/<(?:\w+:)?File\b[^>]*\bFileLoc="([^"]+)"/g)].map(
    (m) => '/' + (m[1] as string).replace(/\\/g, '/').replace(/^\/+/, ''),
  );
  const svPath = svLoc ? '/' + svLoc.replace(/\\/g, '/').replace(/^\/+/, '') : undefined;
  const present = pkg.paths();
  const smuggled = present.filter((p) => p !== '/OFDEntries.xml' && p !== svPath && !listed.includes(p));
  const missing = listed.filter((p) => !pkg.has(p));
  const ev = { listed: listed.length, smuggled, missing };
  if (smuggled.length || missing.length) {
    col.add(
      'integrity',
      RULES.integrityProtection,
      'failed',
      {
        zh: `完整性保护清单与包内容不符：未列出 ${smuggled.join(', ') || '无'}；缺失 ${missing.join(', ') || '无'}`,
        en: `integrity list does not match the package: unlisted ${smuggled.join(', ') || 'none'}; missing ${missing.join(', ') || 'none'}`,
      },
      ev,
    );
  } else
    col.add(
      'integrity',
      RULES.integrityProtection,
      'passed',
      {
        zh: `包内 ${listed.length} 个文件均在完整性保护清单中，无夹带文件`,
        en: `all ${listed.length} package files are listed; nothing smuggled`,
      },
      ev,
    );
  col.add(
    'coverage',
    RULES.coverage,
    smuggled.length ? 'warning' : 'passed',
    smuggled.length
      ? { zh: '有未列出的文件', en: 'unlisted files exist' }
      : { zh: '清单覆盖全部文件', en: 'the list covers every file' },
    ev,
  );
  let facts: SesFacts = {};
  if (!svPath || !pkg.has(svPath)) {
    col.add('format', RULES.format, 'failed', {
      zh: `完整性保护签名值文件不存在：${svLoc ?? '(缺少 SignedValueLoc)'}`,
      en: `integrity signature value missing: ${svLoc ?? '(no SignedValueLoc)'}`,
    });
  } else {
    facts = await checkSignedData(col, {
      value: pkg.read(svPath),
      original: xmlBytes,
      originalLabel: '/OFDEntries.xml',
      policy,
    });
  }
  return finishSignature(
    col,
    {
      id: 'OFDEntries',
      type: 'IntegrityProtection',
      kind: 'GBT35275',
      ...(facts.signer ? { signer: facts.signer } : {}),
      ...(facts.signingTime ? { signingTime: iso(facts.signingTime) } : {}),
    },
    {
      ...(facts.timeSub ? { timeSub: facts.timeSub } : {}),
      ...(facts.trustSub ? { trustSub: facts.trustSub } : {}),
    },
    ['maker', 'certInSeal'],
  );
}
