/**
 * The detached CMS SignedData of PDF signatures (RFC 5652 §5; GB/T 35275-2017 §7–8 for the SM2 OID
 * family), with SM3 and SM2:
 *
 * ```asn1
 * ContentInfo ::= SEQUENCE { contentType OID (1.2.840.113549.1.7.2 | 1.2.156.10197.6.1.4.2.2),
 *                            content [0] EXPLICIT SignedData }
 * SignedData ::= SEQUENCE { version INTEGER (1), digestAlgorithms SET OF AlgorithmIdentifier,
 *   encapContentInfo SEQUENCE { eContentType OID (data) },            -- detached: no eContent
 *   certificates [0] IMPLICIT SET OF Certificate OPTIONAL, crls [1] IMPLICIT … OPTIONAL,
 *   signerInfos SET OF SignerInfo }
 * SignerInfo ::= SEQUENCE { version INTEGER (1), sid IssuerAndSerialNumber, digestAlgorithm,
 *   signedAttrs [0] IMPLICIT SET OF Attribute OPTIONAL,  -- contentType, signingTime, messageDigest
 *   signatureAlgorithm, signature OCTET STRING, unsignedAttrs [1] IMPLICIT … OPTIONAL }
 * ```
 *
 * Signing: SM2 over DER(SET OF signedAttrs) with Z from the signer ID. Verification keeps the exact
 * bytes of `signedAttrs` (re-tagged `[0]` → `SET`, never re-encoded) and accepts both OID families,
 * SM2 signatures in DER or raw r‖s, and signer infos without signed attributes (signature directly
 * over the content).
 *
 * @module
 */
import { equalBytes, type LocalizedText } from '@gbkit/core';
import { parseCertificate, sm2Sign, sm2Verify, sm3 } from '@gbkit/crypto';
import {
  children,
  decodeTlv,
  derExplicit,
  derInt,
  derOctets,
  derOid,
  derSeq,
  derUtcTime,
  readOid,
  readTime,
  TAG,
  tlv,
} from '../ses/der.js';
import { parseSignedData, type SignedDataParts } from '../verify/cms.js';
import { errorText } from '../verify/seal.js';

/** OID family of the SignedData: PKCS#7 (RFC 5652) or GB/T 35275 (SM2 message syntax). */
export type CmsFlavor = 'pkcs7' | 'gbt35275';

/** OIDs used by PDF signatures. */
export const CMS_OID = {
  pkcs7Data: '1.2.840.113549.1.7.1',
  pkcs7SignedData: '1.2.840.113549.1.7.2',
  gmData: '1.2.156.10197.6.1.4.2.1',
  gmSignedData: '1.2.156.10197.6.1.4.2.2',
  sm3: '1.2.156.10197.1.401',
  sm2WithSm3: '1.2.156.10197.1.501',
  sm2Sign: '1.2.156.10197.1.301.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
} as const;

/** Options of {@link signDetachedCms}. */
export interface SignCmsOptions {
  readonly privateKey: Uint8Array;
  /** Signer certificate, DER. */
  readonly certificate: Uint8Array;
  readonly chain?: readonly Uint8Array[];
  readonly signingTime?: Date;
  readonly flavor?: CmsFlavor;
  readonly userId?: string;
}

const setOf = (items: Uint8Array[]): Uint8Array => {
  // DER SET OF: elements sorted by their encodings
  const sorted = [...items].sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++)
      if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
    return a.length - b.length;
  });
  return tlv(TAG.SET, ...sorted);
};

/**
 * Signs `data` into a detached CMS SignedData (SM3 + SM2) and returns the ContentInfo DER.
 *
 * @example
 * ```ts
 * import { signDetachedCms, verifyDetachedCms } from '@gbkit/e-seal';
 * declare const key: Uint8Array, certDer: Uint8Array;
 * const data = new TextEncoder().encode('bytes of the ByteRange');
 * const der = signDetachedCms(data, { privateKey: key, certificate: certDer });
 * (await verifyDetachedCms(der, data)).signatureValid; // true
 * ```
 */
export function signDetachedCms(data: Uint8Array, options: SignCmsOptions): Uint8Array {
  const gm = options.flavor === 'gbt35275';
  const cert = parseCertificate(options.certificate);
  const digest = sm3(data);
  const time = options.signingTime ?? new Date();
  const dataOid = gm ? CMS_OID.gmData : CMS_OID.pkcs7Data;
  const attrs = [
    derSeq(derOid(CMS_OID.contentType), setOf([derOid(dataOid)])),
    derSeq(derOid(CMS_OID.signingTime), setOf([derUtcTime(time)])),
    derSeq(derOid(CMS_OID.messageDigest), setOf([derOctets(digest)])),
  ];
  const signedAttrsSet = setOf(attrs);
  const signature = sm2Sign(signedAttrsSet, options.privateKey, {
    publicKey: cert.publicKey,
    ...(options.userId !== undefined ? { userId: options.userId } : {}),
  });
  const sm3Alg = derSeq(derOid(CMS_OID.sm3));
  const sigAlg = derSeq(derOid(gm ? CMS_OID.sm2Sign : CMS_OID.sm2WithSm3));
  const signedAttrs = Uint8Array.from(signedAttrsSet);
  signedAttrs[0] = 0xa0; // [0] IMPLICIT
  const serialTlv = tbsChild(cert.tbs, 'serialNumber');
  const signerInfo = derSeq(
    derInt(1),
    derSeq(cert.issuerName.der, serialTlv),
    sm3Alg,
    signedAttrs,
    sigAlg,
    derOctets(signature),
  );
  const certs = [options.certificate, ...(options.chain ?? [])];
  const signedData = derSeq(
    derInt(1),
    setOf([sm3Alg]),
    derSeq(derOid(dataOid)),
    tlv(0xa0, ...certs),
    setOf([signerInfo]),
  );
  return derSeq(derOid(gm ? CMS_OID.gmSignedData : CMS_OID.pkcs7SignedData), derExplicit(0, signedData));
}

/** The serialNumber TLV of a TBSCertificate (skipping the optional `[0]` version). */
function tbsChild(tbs: Uint8Array, _what: 'serialNumber'): Uint8Array {
  const t = decodeTlv(tbs, 'TBSCertificate');
  const kids = children(t, 'TBSCertificate');
  const first = kids[0];
  const serial = first && first.tag === 0xa0 ? kids[1] : first;
  if (!serial) throw new TypeError('certificate without serialNumber');
  return serial.bytes;
}

/** What {@link verifyDetachedCms} found. `undefined` validity means "could not be checked" (see `reason`). */
export interface CmsVerification {
  /** Set when the structure does not parse. */
  readonly error?: LocalizedText;
  readonly flavor?: CmsFlavor;
  readonly digestAlgorithm?: string;
  readonly signatureAlgorithm?: string;
  /** The messageDigest attribute (or, without signed attributes, undefined). */
  readonly messageDigest?: Uint8Array;
  /** SM3 of the signed bytes. */
  readonly actualDigest?: Uint8Array;
  readonly digestValid?: boolean;
  readonly signatureValid?: boolean;
  /** Why a check could not be made. */
  readonly reason?: LocalizedText;
  /** The signer certificate (matched by issuer and serial number), DER. */
  readonly signerCert?: Uint8Array;
  /** Every certificate in the SignedData, DER. */
  readonly certificates: readonly Uint8Array[];
  readonly signingTime?: Date;
  /** DER of SET OF signed attributes: exactly what the SM2 signature covers. */
  readonly signedAttributes?: Uint8Array;
  /** The signature value as found. */
  readonly signature?: Uint8Array;
}

/**
 * Verifies a detached SM2/SM3 SignedData over `data` (parsed by the e-seal `parseSignedData`, shared
 * with OFD `Type="Sign"` values). Never throws for bad input.
 */
export async function verifyDetachedCms(
  der: Uint8Array,
  data: Uint8Array,
  options: { userId?: string } = {},
): Promise<CmsVerification> {
  let p: SignedDataParts;
  try {
    p = parseSignedData(der);
  } catch (e) {
    return { error: errorText(e), certificates: [] };
  }
  const flavor: CmsFlavor = p.contentInfoType === CMS_OID.gmSignedData ? 'gbt35275' : 'pkcs7';
  let messageDigest: Uint8Array | undefined;
  let signingTime: Date | undefined;
  let signedAttributes: Uint8Array | undefined;
  try {
    if (p.signedAttrs) {
      signedAttributes = Uint8Array.from(p.signedAttrs.bytes);
      signedAttributes[0] = TAG.SET;
      for (const a of children(p.signedAttrs, 'signedAttrs')) {
        const [type, values] = children(a, 'Attribute');
        if (!type || !values) continue;
        const oid = readOid(type, 'Attribute.type');
        const v = children(values, 'Attribute.values')[0];
        if (!v) continue;
        if (oid === CMS_OID.messageDigest && v.tag === TAG.OCTET_STRING) messageDigest = v.content;
        if (oid === CMS_OID.signingTime) signingTime = readTime(v, 'signingTime');
      }
    }
  } catch (e) {
    return { error: errorText(e), certificates: p.certificates };
  }
  // the signer certificate by issuer and serial number
  let signerCert: Uint8Array | undefined;
  for (const c of p.certificates) {
    try {
      const pc = parseCertificate(c);
      if (
        equalBytes(pc.issuerName.der, p.issuer) &&
        pc.serialNumber.replace(/^0+/, '') === p.serial.replace(/^0+/, '')
      ) {
        signerCert = c;
        break;
      }
    } catch {
      /* an unparseable extra certificate is not the signer's */
    }
  }
  const base = {
    flavor,
    digestAlgorithm: p.digestAlgorithm,
    signatureAlgorithm: p.signatureAlgorithm,
    certificates: p.certificates,
    signature: p.signature,
    ...(signerCert ? { signerCert } : {}),
    ...(signingTime ? { signingTime } : {}),
    ...(signedAttributes ? { signedAttributes } : {}),
    ...(messageDigest ? { messageDigest } : {}),
  };
  if (p.content) {
    return {
      ...base,
      reason: {
        zh: 'SignedData 附带了内容，不是分离式签名',
        en: 'the SignedData carries content: not a detached signature',
      },
    };
  }
  if (p.digestAlgorithm !== CMS_OID.sm3) {
    return {
      ...base,
      reason: {
        zh: `不支持的摘要算法 ${p.digestAlgorithm}`,
        en: `unsupported digest algorithm ${p.digestAlgorithm}`,
      },
    };
  }
  const actualDigest = sm3(data);
  const digestValid = signedAttributes
    ? messageDigest !== undefined && equalBytes(messageDigest, actualDigest)
    : undefined;
  const partial = { ...base, actualDigest, ...(digestValid !== undefined ? { digestValid } : {}) };
  if (!SM2_SIGNATURE_ALGORITHMS.includes(p.signatureAlgorithm)) {
    return {
      ...partial,
      reason: {
        zh: `不支持的签名算法 ${p.signatureAlgorithm}`,
        en: `unsupported signature algorithm ${p.signatureAlgorithm}`,
      },
    };
  }
  if (!signerCert)
    return { ...partial, reason: { zh: '找不到签名者证书', en: 'signer certificate not found' } };
  const pub = parseCertificate(signerCert).publicKey;
  const r = sm2Verify(signedAttributes ?? data, p.signature, pub, {
    userId: options.userId ?? '1234567812345678',
    format: 'auto',
  });
  // without signed attributes the signature covers the data itself: it is the digest check too
  return { ...partial, digestValid: digestValid ?? r.valid, signatureValid: r.valid };
}

const SM2_SIGNATURE_ALGORITHMS: readonly string[] = [
  CMS_OID.sm2WithSm3,
  CMS_OID.sm2Sign,
  '1.2.156.10197.1.301',
];
