/**
 * CMS / PKCS#7 SignedData (RFC 5652) and its Chinese profile GB/T 35275 (SM2 cryptographic message
 * syntax) with SM2/SM3: signing (detached or attached, with or without signed attributes) and
 * verification that reports every check. Used for OFD `Type="Sign"` signatures (GM/T 0099), OFD
 * integrity protection, and PDF `adbe.pkcs7.detached`.
 *
 * ```asn1
 * ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT SignedData }
 *   -- contentType 1.2.840.113549.1.7.2 (PKCS#7) or 1.2.156.10197.6.1.4.2.2 (GB/T 35275)
 * SignedData ::= SEQUENCE { version INTEGER, digestAlgorithms SET OF AlgorithmIdentifier,
 *   encapContentInfo SEQUENCE { eContentType OID, eContent [0] EXPLICIT OCTET STRING OPTIONAL },
 *   certificates [0] IMPLICIT SET OF Certificate OPTIONAL, crls [1] IMPLICIT … OPTIONAL,
 *   signerInfos SET OF SignerInfo }
 * SignerInfo ::= SEQUENCE { version INTEGER, sid IssuerAndSerialNumber | [0] SubjectKeyIdentifier,
 *   digestAlgorithm AlgorithmIdentifier, signedAttrs [0] IMPLICIT SET OF Attribute OPTIONAL,
 *   signatureAlgorithm AlgorithmIdentifier, signature OCTET STRING, unsignedAttrs [1] IMPLICIT OPTIONAL }
 * ```
 * With signed attributes the signature covers the DER `SET OF Attribute` (tag 0x31, RFC 5652 §5.4);
 * without them it covers the content itself (GB/T 35275 "attached digest" form, where the content is
 * the SM3 digest of the protected file). SM2 signatures use Z with the default user ID.
 * @module
 */
import {
  concatBytes,
  equalBytes,
  FormatError,
  InvalidArgumentError,
  type LocalizedText,
  toHex,
} from '@gbkit/core';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { type Sm2KeyPair, sm2GetPublicKey, sm2Sign } from '../sm2/index.js';
import { sm3 } from '../sm3/index.js';
import { type ParsedCertificate, parseCertificate } from './certificate.js';
import {
  berChildren,
  decodeTime,
  expectTag,
  explicit,
  integer,
  integerHex,
  octetString,
  octets,
  oid,
  readBer,
  readOid,
  seq,
  setOf,
  TAG,
  type Tlv,
  time,
  tlv,
} from './der.js';
import { namesEqual, parseName } from './name.js';
import { OID } from './oids.js';
import { pemOrDer } from './pem.js';
import { type SignatureCheck, verifySignedBytes } from './verify.js';

/** Which OID family the ContentInfo uses. */
export type CmsOidFamily = 'pkcs7' | 'gbt35275';

/** Options for {@link signCms}. */
export interface SignCmsOptions {
  /** The content (for detached signatures: the bytes the signature covers, e.g. a PDF ByteRange). */
  readonly content: Uint8Array;
  /** The signer's certificate (embedded, and named in the SignerInfo). */
  readonly certificate: ParsedCertificate | Uint8Array | string;
  /** The signer's private key. */
  readonly privateKey: Uint8Array | Sm2KeyPair;
  /** Leave the content out (default true). */
  readonly detached?: boolean;
  /** Add contentType/messageDigest/signingTime signed attributes (default true). */
  readonly signedAttributes?: boolean;
  /** signingTime attribute (default now; `false` leaves it out). */
  readonly signingTime?: Date | false;
  /** `pkcs7` (default; 1.2.840.113549.1.7.x) or `gbt35275` (1.2.156.10197.6.1.4.2.x). */
  readonly oidFamily?: CmsOidFamily;
  /**
   * SignerInfo signatureAlgorithm: `1.2.156.10197.1.501` (SM2-with-SM3, default for pkcs7) or
   * `1.2.156.10197.1.301.1` (SM2-1, default for gbt35275, as GB/T 35275 producers write).
   */
  readonly signatureAlgorithm?: string;
  /** Further certificates to embed (the issuing chain). */
  readonly certificates?: readonly (ParsedCertificate | Uint8Array | string)[];
  /** SM2 signer ID (default `1234567812345678`). */
  readonly userId?: string | Uint8Array;
  /** Encode the signature as DER (default) or raw 64-byte r‖s (some GB/T 35275 producers do). */
  readonly signatureFormat?: 'der' | 'raw';
  /** Extra unsigned attributes (type OID → DER values), e.g. a stamp image. */
  readonly unsignedAttributes?: readonly { readonly type: string; readonly values: readonly Uint8Array[] }[];
}

const toCert = (c: ParsedCertificate | Uint8Array | string) =>
  typeof c === 'string' || c instanceof Uint8Array ? parseCertificate(c) : c;

function attribute(type: string, ...values: Uint8Array[]): Uint8Array {
  return seq(oid(type), setOf(...values));
}

/**
 * Makes a CMS SignedData with one SM2 signer; returns the ContentInfo DER.
 *
 * @example
 * ```ts
 * import { createTestPki, signCms, verifyCms } from '@gbkit/crypto';
 * const pki = await createTestPki();
 * const data = new TextEncoder().encode('document bytes');
 * const p7 = signCms({ content: data, certificate: pki.signer.certificate, privateKey: pki.signer.privateKey });
 * const r = await verifyCms(p7, { detachedContent: data });
 * console.log(r.valid, r.signers[0]?.certificate?.subject); // true C=CN, O=gbkit Test, CN=gbkit Test Signer
 * ```
 */
export function signCms(options: SignCmsOptions): Uint8Array {
  const cert = toCert(options.certificate);
  const key =
    options.privateKey instanceof Uint8Array
      ? { privateKey: options.privateKey, publicKey: sm2GetPublicKey(options.privateKey) }
      : options.privateKey;
  if (!equalBytes(key.publicKey, cert.publicKey)) {
    throw new InvalidArgumentError('ERR_CMS_KEY_MISMATCH', {
      zh: '私钥与签名证书的公钥不匹配',
      en: 'the private key does not match the certificate public key',
    });
  }
  const family = options.oidFamily ?? 'pkcs7';
  const dataOid = family === 'gbt35275' ? OID.gmData : OID.data;
  const signedDataOid = family === 'gbt35275' ? OID.gmSignedData : OID.signedData;
  const sigAlg = options.signatureAlgorithm ?? (family === 'gbt35275' ? OID.sm2Sign : OID.sm2WithSm3);
  const detached = options.detached ?? true;
  const withAttrs = options.signedAttributes ?? true;
  const digestAlg = seq(oid(OID.sm3));
  const signOpts = {
    publicKey: key.publicKey,
    ...(options.userId !== undefined ? { userId: options.userId } : {}),
    format: options.signatureFormat ?? 'der',
  } as const;

  let signedAttrs: Uint8Array | undefined;
  let signature: Uint8Array;
  if (withAttrs) {
    const attrs = [
      attribute(OID.contentType, oid(dataOid)),
      ...(options.signingTime === false
        ? []
        : [attribute(OID.signingTime, time(options.signingTime ?? new Date()))]),
      attribute(OID.messageDigest, octetString(sm3(options.content))),
    ];
    const set = setOf(...attrs);
    signature = sm2Sign(set, key.privateKey, signOpts);
    signedAttrs = concatBytes(Uint8Array.of(0xa0), set.subarray(1));
  } else {
    signature = sm2Sign(options.content, key.privateKey, signOpts);
  }
  const unsigned = options.unsignedAttributes?.length
    ? [tlv(0xa1, setOf(...options.unsignedAttributes.map((a) => attribute(a.type, ...a.values))).subarray(2))]
    : [];
  const signerInfo = seq(
    integer(1),
    seq(cert.issuerName.der, integer(hexBytes(cert.serialNumber))),
    digestAlg,
    ...(signedAttrs ? [signedAttrs] : []),
    seq(oid(sigAlg)),
    octetString(signature),
    ...unsigned,
  );
  const certs = [cert, ...(options.certificates ?? []).map(toCert)].map((c) => c.der);
  const signedData = seq(
    integer(1),
    setOf(digestAlg),
    seq(oid(dataOid), ...(detached ? [] : [explicit(0, octetString(options.content))])),
    tlv(0xa0, ...certs),
    setOf(signerInfo),
  );
  return seq(oid(signedDataOid), explicit(0, signedData));
}

function hexBytes(hex: string): Uint8Array {
  const h = hex.length % 2 ? `0${hex}` : hex;
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// ---------------------------------------------------------------- verification

/** A finding on one signer. */
export interface CmsProblem {
  /**
   * `ERR_CMS_SIGNER_NOT_FOUND`, `ERR_CMS_MESSAGE_DIGEST`, `ERR_CMS_NO_CONTENT`, `ERR_CMS_SIGNATURE`,
   * `ERR_CMS_DIGEST_ALGORITHM`, `ERR_CMS_CONTENT_TYPE_ATTRIBUTE`, `ERR_CMS_CONTENT_MISMATCH` (errors);
   * `WARN_CMS_RAW_SIGNATURE`, `WARN_CMS_NO_SIGNED_ATTRIBUTES`, `WARN_CMS_CONTENT_TYPE_MIXED` (warnings).
   */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: LocalizedText;
}

/** The result for one SignerInfo. */
export interface CmsSignerResult {
  /** Signature and (when present) messageDigest verified. */
  readonly valid: boolean;
  /** The signer certificate (from the SignedData or `options.certificates`). */
  readonly certificate?: ParsedCertificate;
  /** The sid: issuer and serial, or subject key identifier. */
  readonly signerId: {
    readonly issuer?: string;
    readonly serialNumber?: string;
    readonly subjectKeyIdentifier?: string;
  };
  readonly digestAlgorithm: string;
  readonly signatureAlgorithm: string;
  /** Whether signed attributes were present. */
  readonly signedAttributes: boolean;
  /** messageDigest check (signed attributes only). */
  readonly messageDigest?: { readonly expected: string; readonly actual?: string; readonly valid: boolean };
  /** The contentType attribute value. */
  readonly contentTypeAttribute?: string;
  /** The signingTime attribute (a claim of the signer, not a trusted time). */
  readonly signingTime?: Date;
  /** The signature check (`format` tells DER from raw r‖s). */
  readonly signature: SignatureCheck;
  /** The raw signature bytes. */
  readonly signatureValue: Uint8Array;
  readonly problems: readonly CmsProblem[];
}

/** What {@link verifyCms} returns. */
export interface CmsVerification {
  /** Every signer valid (and at least one signer). */
  readonly valid: boolean;
  /** The ContentInfo contentType OID. */
  readonly contentType: string;
  readonly oidFamily: CmsOidFamily | 'other';
  /** eContentType. */
  readonly encapsulatedContentType: string;
  /** Whether the content was absent (detached signature). */
  readonly detached: boolean;
  /** The encapsulated content, when attached. */
  readonly content?: Uint8Array;
  /** Certificates embedded in the SignedData. */
  readonly certificates: readonly ParsedCertificate[];
  readonly signers: readonly CmsSignerResult[];
}

/** Options for {@link verifyCms}. */
export interface VerifyCmsOptions {
  /** The signed bytes, for detached signatures (for attached ones: compared with the encapsulated content). */
  readonly detachedContent?: Uint8Array;
  /** Certificates to look the signer up in when the SignedData carries none. */
  readonly certificates?: readonly (ParsedCertificate | Uint8Array | string)[];
  /** SM2 signer ID (default `1234567812345678`). */
  readonly userId?: string | Uint8Array;
}

const DIGESTS: Record<string, (d: Uint8Array) => Uint8Array> = {
  [OID.sm3]: sm3,
  [OID.sha256]: sha256,
  [OID.sha384]: sha384,
  [OID.sha512]: sha512,
};

/**
 * Parses and verifies a CMS SignedData (PKCS#7 or GB/T 35275 OIDs, DER or PEM `PKCS7`/`CMS`). Never
 * throws for a failed check — only for input that is not a SignedData at all (`ERR_CMS_MALFORMED`).
 *
 * @example
 * ```ts
 * import { createTestPki, signCms, verifyCms } from '@gbkit/crypto';
 * const pki = await createTestPki();
 * const p7 = signCms({ content: new Uint8Array([1, 2, 3]), certificate: pki.signer.certificate, privateKey: pki.signer.privateKey, detached: false, oidFamily: 'gbt35275' });
 * const r = await verifyCms(p7);
 * console.log(r.oidFamily, r.valid, r.content?.length); // gbt35275 true 3
 * ```
 */
export async function verifyCms(
  input: Uint8Array | string,
  options: VerifyCmsOptions = {},
): Promise<CmsVerification> {
  const der = (pemOrDer(input, 'CMS')[0]?.der ?? new Uint8Array()) as Uint8Array;
  let ci: Tlv[];
  try {
    ci = berChildren(expectTag(readBer(der, 0, 'ContentInfo'), TAG.SEQUENCE, 'ContentInfo'));
  } catch (cause) {
    throw new FormatError(
      'ERR_CMS_MALFORMED',
      { zh: '不是 CMS ContentInfo', en: 'not a CMS ContentInfo' },
      { cause },
    );
  }
  const contentType = readOid(ci[0], 'ContentInfo.contentType');
  if (contentType !== OID.signedData && contentType !== OID.gmSignedData) {
    throw new FormatError('ERR_CMS_MALFORMED', {
      zh: `不是 SignedData（contentType ${contentType}）`,
      en: `not a SignedData (contentType ${contentType})`,
    });
  }
  const oidFamily: CmsOidFamily = contentType === OID.gmSignedData ? 'gbt35275' : 'pkcs7';
  const sd = berChildren(berChildren(expectTag(ci[1], 0xa0, 'ContentInfo.content'))[0] as Tlv);
  let k = 2;
  const encap = berChildren(expectTag(sd[k], TAG.SEQUENCE, 'encapContentInfo'));
  const encapsulatedContentType = readOid(encap[0], 'eContentType');
  const content = encap[1] ? octets(berChildren(encap[1])[0] as Tlv).slice() : undefined;
  k++;
  const certificates: ParsedCertificate[] = [];
  for (; k < sd.length && (sd[k] as Tlv).tag !== TAG.SET; k++) {
    if ((sd[k] as Tlv).tag === 0xa0) {
      for (const c of berChildren(sd[k] as Tlv))
        if (c.tag === TAG.SEQUENCE) certificates.push(parseCertificate(c.raw.slice()));
    }
  }
  const extra = (options.certificates ?? []).map(toCert);
  const pool = [...certificates, ...extra];
  const data = content ?? options.detachedContent;
  const signerInfos = berChildren(expectTag(sd[k], TAG.SET, 'signerInfos'));
  const signers: CmsSignerResult[] = [];
  const mismatch =
    content !== undefined &&
    options.detachedContent !== undefined &&
    !equalBytes(content, options.detachedContent);
  for (const si of signerInfos) {
    const r = await verifySigner(si, pool, data, encapsulatedContentType, options.userId);
    const problem: CmsProblem = {
      code: 'ERR_CMS_CONTENT_MISMATCH',
      severity: 'error',
      message: {
        zh: '内含原文与调用方提供的原文不同',
        en: 'the encapsulated content differs from the content supplied',
      },
    };
    signers.push(mismatch ? { ...r, valid: false, problems: [...r.problems, problem] } : r);
  }
  return {
    valid: signers.length > 0 && signers.every((s) => s.valid),
    contentType,
    oidFamily,
    encapsulatedContentType,
    detached: content === undefined,
    ...(content ? { content } : {}),
    certificates,
    signers,
  };
}

async function verifySigner(
  si: Tlv,
  pool: readonly ParsedCertificate[],
  data: Uint8Array | undefined,
  eContentType: string,
  userId: string | Uint8Array | undefined,
): Promise<CmsSignerResult> {
  const problems: CmsProblem[] = [];
  const err = (code: string, zh: string, en: string) =>
    problems.push({ code, severity: 'error', message: { zh, en } });
  const warn = (code: string, zh: string, en: string) =>
    problems.push({ code, severity: 'warning', message: { zh, en } });
  const parts = berChildren(si);
  const sid = parts[1] as Tlv;
  let signerId: CmsSignerResult['signerId'];
  let certificate: ParsedCertificate | undefined;
  if (sid.tag === TAG.SEQUENCE) {
    const [issuerT, serialT] = berChildren(sid);
    const issuerDer = (issuerT as Tlv).raw;
    const serial = integerHex(expectTag(serialT, TAG.INTEGER, 'sid.serialNumber').value);
    certificate = pool.find(
      (c) =>
        c.serialNumber === serial &&
        (equalBytes(c.issuerName.der, issuerDer) || namesEqual(c.issuerName, parseName(issuerDer))),
    );
    signerId = { issuer: parseName(issuerDer).text, serialNumber: serial };
  } else {
    const ski = toHex(sid.value);
    certificate = pool.find((c) => c.subjectKeyIdentifier === ski);
    signerId = { subjectKeyIdentifier: ski };
  }
  const digestAlgorithm = readOid(berChildren(parts[2] as Tlv)[0], 'digestAlgorithm');
  let i = 3;
  let signedAttrsT: Tlv | undefined;
  if (parts[i]?.tag === 0xa0) {
    signedAttrsT = parts[i];
    i++;
  }
  const signatureAlgorithm = readOid(berChildren(parts[i] as Tlv)[0], 'signatureAlgorithm');
  const signatureValue = octets(parts[i + 1] as Tlv).slice();
  const digest = DIGESTS[digestAlgorithm];
  if (!digest)
    err(
      'ERR_CMS_DIGEST_ALGORITHM',
      `不支持的摘要算法 ${digestAlgorithm}`,
      `unsupported digest algorithm ${digestAlgorithm}`,
    );

  let messageDigest: CmsSignerResult['messageDigest'];
  let contentTypeAttribute: string | undefined;
  let signingTime: Date | undefined;
  let signed: Uint8Array | undefined;
  if (signedAttrsT) {
    for (const a of berChildren(signedAttrsT)) {
      const [typeT, valuesT] = berChildren(a);
      const type = readOid(typeT, 'attribute.type');
      const first = valuesT ? berChildren(valuesT)[0] : undefined;
      if (!first) continue;
      if (type === OID.messageDigest) messageDigest = { expected: toHex(octets(first)), valid: false };
      if (type === OID.contentType) contentTypeAttribute = readOid(first, 'contentType');
      if (type === OID.signingTime) signingTime = decodeTime(first, 'signingTime');
    }
    // RFC 5652 §5.4: the signature covers the DER SET OF, i.e. the [0] IMPLICIT bytes re-tagged 0x31.
    signed = concatBytes(Uint8Array.of(TAG.SET), signedAttrsT.raw.subarray(1));
    if (!messageDigest) {
      err('ERR_CMS_MESSAGE_DIGEST', '签名属性中缺少 messageDigest', 'signed attributes lack messageDigest');
    } else if (!data) {
      err(
        'ERR_CMS_NO_CONTENT',
        '分离式签名：未提供原文，无法核对 messageDigest',
        'detached signature: no content given, messageDigest not checked',
      );
    } else if (digest) {
      const actual = toHex(digest(data));
      messageDigest = { ...messageDigest, actual, valid: actual === messageDigest.expected };
      if (!messageDigest.valid) {
        err(
          'ERR_CMS_MESSAGE_DIGEST',
          '原文摘要与 messageDigest 不一致',
          'the content digest does not match messageDigest',
        );
      }
    }
    const dataOids = [OID.data, OID.gmData] as string[];
    if (
      contentTypeAttribute &&
      contentTypeAttribute !== eContentType &&
      dataOids.includes(contentTypeAttribute) &&
      dataOids.includes(eContentType)
    ) {
      warn(
        'WARN_CMS_CONTENT_TYPE_MIXED',
        `contentType 属性 ${contentTypeAttribute} 与 eContentType ${eContentType} 混用 PKCS#7 与 GB/T 35275 的 data OID`,
        `contentType attribute ${contentTypeAttribute} and eContentType ${eContentType} mix the PKCS#7 and GB/T 35275 data OIDs`,
      );
    } else if (contentTypeAttribute && contentTypeAttribute !== eContentType) {
      err(
        'ERR_CMS_CONTENT_TYPE_ATTRIBUTE',
        `contentType 属性 ${contentTypeAttribute} 与 eContentType ${eContentType} 不一致`,
        `contentType attribute ${contentTypeAttribute} differs from eContentType ${eContentType}`,
      );
    }
  } else {
    warn(
      'WARN_CMS_NO_SIGNED_ATTRIBUTES',
      '无签名属性：签名直接覆盖原文',
      'no signed attributes: the signature covers the content directly',
    );
    signed = data;
    if (!data) err('ERR_CMS_NO_CONTENT', '分离式签名：未提供原文', 'detached signature: no content given');
  }

  let signature: SignatureCheck = { valid: false, reason: 'ERR_CMS_SIGNER_NOT_FOUND' };
  if (!certificate) {
    err('ERR_CMS_SIGNER_NOT_FOUND', '找不到签名者证书', 'the signer certificate was not found');
  } else if (signed) {
    signature = await verifySignedBytes(
      signed,
      signatureValue,
      signatureAlgorithm,
      certificate.publicKeyInfo,
      userId,
    );
    if (!signature.valid) err('ERR_CMS_SIGNATURE', '签名验证失败', 'the signature does not verify');
    else if (signature.format === 'raw') {
      warn(
        'WARN_CMS_RAW_SIGNATURE',
        '签名值为 64 字节 r‖s 而非 DER（GB/T 35276 要求 DER）',
        'signature is raw 64-byte r‖s, not DER (GB/T 35276 requires DER)',
      );
    }
  }
  return {
    valid: problems.every((p) => p.severity !== 'error'),
    ...(certificate ? { certificate } : {}),
    signerId,
    digestAlgorithm,
    signatureAlgorithm,
    signedAttributes: signedAttrsT !== undefined,
    ...(messageDigest ? { messageDigest } : {}),
    ...(contentTypeAttribute ? { contentTypeAttribute } : {}),
    ...(signingTime ? { signingTime } : {}),
    signature,
    signatureValue,
    problems,
  };
}
