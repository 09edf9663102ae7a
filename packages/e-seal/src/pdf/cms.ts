/**
 * The detached CMS SignedData of PDF signatures, as a thin layer over `@gbkit/crypto`'s `signCms` and
 * `verifyCms` (RFC 5652 §5; GB/T 35275-2017 for the SM2 OID family): signing is always detached, with
 * the signed attributes contentType, signingTime and messageDigest (SM3) and an SM2 signature over
 * DER(SET OF signedAttrs); verification is reduced to what the PDF report needs (digest, signature,
 * signer certificate, signing time).
 *
 * ```asn1
 * ContentInfo ::= SEQUENCE { contentType OID (1.2.840.113549.1.7.2 | 1.2.156.10197.6.1.4.2.2),
 *                            content [0] EXPLICIT SignedData }   -- encapContentInfo without eContent
 * ```
 *
 * @module
 */
import { fromHex, type LocalizedText } from '@gbkit/core';
import { signCms, verifyCms } from '@gbkit/crypto';
import { errorText } from '../verify/seal.js';

/** OID family of the SignedData: PKCS#7 (RFC 5652) or GB/T 35275 (SM2 message syntax). */
export type CmsFlavor = 'pkcs7' | 'gbt35275';

/** Options of {@link signDetachedCms}. */
export interface PdfCmsSignOptions {
  readonly privateKey: Uint8Array;
  /** Signer certificate, DER. */
  readonly certificate: Uint8Array;
  /** Further certificates to embed (the issuing chain), DER. */
  readonly chain?: readonly Uint8Array[];
  readonly signingTime?: Date;
  /** `pkcs7` (default) or `gbt35275`. */
  readonly flavor?: CmsFlavor;
  /** SM2 signer ID (default `1234567812345678`). */
  readonly userId?: string;
}

/**
 * Signs `data` (the ByteRange bytes) into a detached CMS SignedData with SM3 and SM2 and returns the
 * ContentInfo DER.
 *
 * @example
 * ```ts
 * import { createTestPki } from '@gbkit/crypto';
 * import { signDetachedCms, verifyDetachedCms } from '@gbkit/e-seal';
 * const pki = await createTestPki();
 * const data = new TextEncoder().encode('bytes of the ByteRange');
 * const der = signDetachedCms(data, { privateKey: pki.signer.privateKey, certificate: pki.signer.certificate.der });
 * console.log((await verifyDetachedCms(der, data)).signatureValid); // true
 * ```
 */
export function signDetachedCms(data: Uint8Array, options: PdfCmsSignOptions): Uint8Array {
  return signCms({
    content: data,
    certificate: options.certificate,
    privateKey: options.privateKey,
    detached: true,
    signedAttributes: true,
    signingTime: options.signingTime ?? new Date(),
    oidFamily: options.flavor ?? 'pkcs7',
    ...(options.chain?.length ? { certificates: options.chain } : {}),
    ...(options.userId !== undefined ? { userId: options.userId } : {}),
  });
}

/** What {@link verifyDetachedCms} found. An `undefined` validity means "not checkable" (see `reason`). */
export interface PdfCmsVerification {
  /** Set when the value is not a SignedData at all. */
  readonly error?: LocalizedText;
  readonly flavor?: CmsFlavor;
  readonly digestAlgorithm?: string;
  readonly signatureAlgorithm?: string;
  /** The messageDigest attribute. */
  readonly messageDigest?: Uint8Array;
  /** The digest of the signed bytes. */
  readonly actualDigest?: Uint8Array;
  readonly digestValid?: boolean;
  readonly signatureValid?: boolean;
  /** Why a check could not be made, or the problems found. */
  readonly reason?: LocalizedText;
  /** The signer certificate, DER. */
  readonly signerCert?: Uint8Array;
  /** Every certificate embedded in the SignedData, DER. */
  readonly certificates: readonly Uint8Array[];
  /** The signingTime attribute (a claim). */
  readonly signingTime?: Date;
  /** Problem codes reported by `verifyCms` (`ERR_CMS_…`, `WARN_CMS_…`). */
  readonly problems: readonly string[];
}

/**
 * Verifies a detached SignedData over `data` (the ByteRange bytes) with `@gbkit/crypto`'s `verifyCms`.
 * Never throws: a value that is not a SignedData gives `error`.
 */
export async function verifyDetachedCms(
  der: Uint8Array,
  data: Uint8Array,
  options: { userId?: string } = {},
): Promise<PdfCmsVerification> {
  let r: Awaited<ReturnType<typeof verifyCms>>;
  try {
    r = await verifyCms(der, {
      detachedContent: data,
      ...(options.userId !== undefined ? { userId: options.userId } : {}),
    });
  } catch (e) {
    return { error: errorText(e), certificates: [], problems: [] };
  }
  const certificates = r.certificates.map((c) => c.der);
  const s = r.signers[0];
  if (!s) {
    return {
      error: { zh: 'SignedData 中没有签名者', en: 'no SignerInfo in the SignedData' },
      certificates,
      problems: [],
    };
  }
  const problems = s.problems.map((p) => p.code);
  const errors = s.problems.filter(
    (p) => p.severity === 'error' && p.code !== 'ERR_CMS_MESSAGE_DIGEST' && p.code !== 'ERR_CMS_SIGNATURE',
  );
  const flavor: CmsFlavor | undefined = r.oidFamily === 'other' ? undefined : r.oidFamily;
  const notCheckable = s.problems.some(
    (p) => p.code === 'ERR_CMS_DIGEST_ALGORITHM' || p.code === 'ERR_CMS_SIGNER_NOT_FOUND',
  );
  const md = s.messageDigest;
  const digestValid = notCheckable && !md?.actual ? undefined : md ? md.valid : s.signature.valid;
  const signatureValid =
    s.certificate && !s.problems.some((p) => p.code === 'ERR_CMS_DIGEST_ALGORITHM')
      ? s.signature.valid
      : undefined;
  let reason: LocalizedText | undefined;
  if (!r.detached) {
    reason = {
      zh: 'SignedData 附带了内容，不是分离式签名',
      en: 'the SignedData carries content: not a detached signature',
    };
  } else if (errors.length) {
    reason = {
      zh: errors.map((p) => p.message.zh).join('；'),
      en: errors.map((p) => p.message.en).join('; '),
    };
  }
  return {
    ...(flavor ? { flavor } : {}),
    digestAlgorithm: s.digestAlgorithm,
    signatureAlgorithm: s.signatureAlgorithm,
    ...(md ? { messageDigest: fromHex(md.expected) } : {}),
    ...(md?.actual ? { actualDigest: fromHex(md.actual) } : {}),
    ...(digestValid !== undefined && r.detached ? { digestValid } : {}),
    ...(signatureValid !== undefined && r.detached ? { signatureValid } : {}),
    ...(reason ? { reason } : {}),
    ...(s.certificate ? { signerCert: s.certificate.der } : {}),
    certificates,
    ...(s.signingTime ? { signingTime: s.signingTime } : {}),
    problems,
  };
}
