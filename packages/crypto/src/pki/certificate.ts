/**
 * X.509 certificates (RFC 5280 §4.1) with SM2 keys and SM2-with-SM3 signatures (GM/T 0015), and the
 * usual ECDSA/RSA ones: parsing with the exact `TBSCertificate` bytes kept, the extensions path
 * validation needs, and signature verification (SM2 with the GB/T 32918 default user ID; ECDSA and
 * RSA PKCS#1 v1.5 through WebCrypto).
 *
 * ```asn1
 * Certificate ::= SEQUENCE { tbsCertificate TBSCertificate, signatureAlgorithm AlgorithmIdentifier,
 *                            signatureValue BIT STRING }
 * TBSCertificate ::= SEQUENCE { version [0] EXPLICIT INTEGER DEFAULT v1, serialNumber INTEGER,
 *   signature AlgorithmIdentifier, issuer Name, validity SEQUENCE { notBefore Time, notAfter Time },
 *   subject Name, subjectPublicKeyInfo SubjectPublicKeyInfo, issuerUniqueID [1] IMPLICIT OPTIONAL,
 *   subjectUniqueID [2] IMPLICIT OPTIONAL, extensions [3] EXPLICIT Extensions OPTIONAL }
 * ```
 * @module
 */
import { FormatError, toHex } from '@gbkit/core';
import {
  children,
  decodeTime,
  expectTag,
  integerHex,
  integerNumber,
  readOid,
  readWhole,
  TAG,
  type Tlv,
} from './der.js';
import { parseSpki, type SpkiInfo } from './keys.js';
import { type DistinguishedName, decodeName } from './name.js';
import { OID, SIGNATURE_ALGORITHM_NAMES } from './oids.js';
import { encodePem, pemOrDer } from './pem.js';
import { type SignatureCheck, verifySignedBytes } from './verify.js';

/** Key usage bit names, in bit order (RFC 5280 §4.2.1.3). */
export const KEY_USAGE_NAMES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

/** One key usage name. */
export type KeyUsageName = (typeof KEY_USAGE_NAMES)[number];

/** A raw extension. */
export interface CertificateExtension {
  /** The extension OID. */
  readonly oid: string;
  readonly critical: boolean;
  /** The extnValue contents (the DER of the extension's own structure). */
  readonly value: Uint8Array;
}

/** Decoded `basicConstraints`. */
export interface BasicConstraints {
  readonly ca: boolean;
  readonly pathLength?: number;
  readonly critical: boolean;
}

/** Decoded `keyUsage`. */
export interface KeyUsage {
  readonly usages: readonly KeyUsageName[];
  readonly critical: boolean;
}

/** Decoded `authorityKeyIdentifier`. */
export interface AuthorityKeyIdentifier {
  /** keyIdentifier, hex. */
  readonly keyIdentifier?: string;
  /** authorityCertSerialNumber, hex. */
  readonly serialNumber?: string;
}

/** A parsed certificate. Every field is read from the DER; nothing is re-encoded. */
export interface ParsedCertificate {
  /** The whole certificate DER. */
  readonly der: Uint8Array;
  /** The exact `TBSCertificate` bytes the signature covers. */
  readonly tbs: Uint8Array;
  /** 1, 2 or 3. */
  readonly version: number;
  /** serialNumber as lower-case hex without sign padding. */
  readonly serialNumber: string;
  /** The subject as text (see {@link DistinguishedName.text}). */
  readonly subject: string;
  /** The issuer as text. */
  readonly issuer: string;
  readonly subjectName: DistinguishedName;
  readonly issuerName: DistinguishedName;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** SM2: the 65-byte point `04‖x‖y`; other algorithms: the subjectPublicKey bits. */
  readonly publicKey: Uint8Array;
  /** The decoded SubjectPublicKeyInfo (algorithm, curve, DER). */
  readonly publicKeyInfo: SpkiInfo;
  /** `SM2`, `EC P-256`, `EC P-384`, `RSA` or the algorithm OID. */
  readonly publicKeyAlgorithm: string;
  /** signatureAlgorithm OID (`1.2.156.10197.1.501` = SM2-with-SM3). */
  readonly signatureAlgorithm: string;
  /** A readable name for it (`SM2-with-SM3`, `ECDSA-SHA256` …) or the OID. */
  readonly signatureAlgorithmName: string;
  /** The signatureValue bits (DER `SM2Signature`/`ECDSA-Sig-Value` or RSA block). */
  readonly signatureValue: Uint8Array;
  readonly extensions: readonly CertificateExtension[];
  readonly basicConstraints?: BasicConstraints;
  readonly keyUsage?: KeyUsage;
  /** extKeyUsage purpose OIDs. */
  readonly extKeyUsage?: readonly string[];
  /** subjectKeyIdentifier, hex. */
  readonly subjectKeyIdentifier?: string;
  readonly authorityKeyIdentifier?: AuthorityKeyIdentifier;
  /** Issuer and subject names are equal. */
  readonly selfIssued: boolean;
  /**
   * Verifies this certificate's signature with the issuer's public key (65-byte SM2 point, SPKI DER,
   * or the issuer certificate; omitted = self-signed check). SM2 uses `userId` (default
   * `1234567812345678`). Never throws for a bad signature: returns `{ valid: false, reason }`.
   */
  verifySignature(
    issuer?: Uint8Array | ParsedCertificate,
    options?: { userId?: string | Uint8Array },
  ): Promise<SignatureCheck>;
  /** The certificate as PEM. */
  toPem(): string;
}

function certError(zh: string, en: string, field: string, cause?: unknown): FormatError {
  return new FormatError(
    'ERR_CERT_MALFORMED',
    { zh, en },
    { location: { field }, ...(cause ? { cause } : {}) },
  );
}

function keyAlgorithmName(info: SpkiInfo): string {
  if (info.isSm2) return 'SM2';
  if (info.algorithm === OID.rsaEncryption) return 'RSA';
  if (info.algorithm === OID.ecPublicKey) {
    if (info.namedCurve === OID.prime256v1) return 'EC P-256';
    if (info.namedCurve === OID.secp384r1) return 'EC P-384';
    return `EC ${info.namedCurve ?? ''}`.trim();
  }
  return info.algorithm;
}

function decodeExtensions(t: Tlv | undefined): CertificateExtension[] {
  if (!t) return [];
  const list = children(expectTag(children(t)[0], TAG.SEQUENCE, 'extensions'), 'extensions');
  return list.map((e) => {
    const parts = children(e, 'Extension');
    const oid = readOid(parts[0], 'Extension.extnID');
    let critical = false;
    let i = 1;
    if (parts[1]?.tag === TAG.BOOLEAN) {
      critical = parts[1].value[0] !== 0;
      i = 2;
    }
    const value = expectTag(parts[i], TAG.OCTET_STRING, `Extension ${oid}`).value;
    return { oid, critical, value };
  });
}

/** Decodes the extensions path validation and reports use. Unknown ones stay raw. */
export function decodeKnownExtensions(exts: readonly CertificateExtension[]): {
  basicConstraints?: BasicConstraints;
  keyUsage?: KeyUsage;
  extKeyUsage?: string[];
  subjectKeyIdentifier?: string;
  authorityKeyIdentifier?: AuthorityKeyIdentifier;
} {
  const out: ReturnType<typeof decodeKnownExtensions> = {};
  const known = new Set<string>([
    OID.basicConstraints,
    OID.keyUsage,
    OID.extKeyUsage,
    OID.subjectKeyIdentifier,
    OID.authorityKeyIdentifier,
  ]);
  for (const e of exts) {
    if (!known.has(e.oid)) continue;
    const f = `extension ${e.oid}`;
    const t = readWhole(e.value, f);
    switch (e.oid) {
      case OID.basicConstraints: {
        const parts = children(t, f);
        let ca = false;
        let pathLength: number | undefined;
        for (const p of parts) {
          if (p.tag === TAG.BOOLEAN) ca = p.value[0] !== 0;
          if (p.tag === TAG.INTEGER) pathLength = integerNumber(p.value);
        }
        out.basicConstraints = {
          ca,
          ...(pathLength !== undefined ? { pathLength } : {}),
          critical: e.critical,
        };
        break;
      }
      case OID.keyUsage: {
        const bits = expectTag(t, TAG.BIT_STRING, f).value;
        const usages: KeyUsageName[] = [];
        KEY_USAGE_NAMES.forEach((name, bit) => {
          const byte = bits[1 + (bit >> 3)];
          if (byte !== undefined && byte & (0x80 >> (bit & 7))) usages.push(name);
        });
        out.keyUsage = { usages, critical: e.critical };
        break;
      }
      case OID.extKeyUsage:
        out.extKeyUsage = children(t, f).map((p) => readOid(p, f));
        break;
      case OID.subjectKeyIdentifier:
        out.subjectKeyIdentifier = toHex(expectTag(t, TAG.OCTET_STRING, f).value);
        break;
      case OID.authorityKeyIdentifier: {
        const aki: { keyIdentifier?: string; serialNumber?: string } = {};
        for (const p of children(t, f)) {
          if (p.tag === 0x80) aki.keyIdentifier = toHex(p.value);
          if (p.tag === 0x82) aki.serialNumber = integerHex(p.value);
        }
        out.authorityKeyIdentifier = aki;
        break;
      }
    }
  }
  return out;
}

/**
 * Parses an X.509 certificate from PEM (text or bytes) or DER. Throws `ERR_CERT_MALFORMED` (with the
 * field) on a structure it cannot read.
 *
 * @example
 * ```ts
 * import { createTestPki, parseCertificate } from '@gbkit/crypto';
 * const pki = await createTestPki();
 * const cert = parseCertificate(pki.signer.certificatePem);
 * console.log(cert.subject, cert.signatureAlgorithmName, cert.publicKey.length); // C=CN, O=gbkit Test, CN=gbkit Test Signer SM2-with-SM3 65
 * console.log((await cert.verifySignature(pki.ca.certificate)).valid); // true
 * ```
 */
export function parseCertificate(input: Uint8Array | string): ParsedCertificate {
  const blocks = pemOrDer(input, 'certificate');
  const block =
    blocks.find((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE' || b.label === '') ??
    blocks[0];
  const der = (block?.der ?? new Uint8Array(0)).slice();
  let top: Tlv;
  try {
    top = readWhole(der, 'Certificate');
  } catch (cause) {
    throw certError('证书不是有效的 DER', 'certificate is not valid DER', 'Certificate', cause);
  }
  const [tbsT, algT, sigT] = children(expectTag(top, TAG.SEQUENCE, 'Certificate'), 'Certificate');
  const tbsParts = children(expectTag(tbsT, TAG.SEQUENCE, 'tbsCertificate'), 'tbsCertificate');
  let i = 0;
  let version = 1;
  if (tbsParts[0]?.tag === 0xa0) {
    version = integerNumber(expectTag(children(tbsParts[0])[0], TAG.INTEGER, 'version').value) + 1;
    i = 1;
  }
  const serialT = expectTag(tbsParts[i], TAG.INTEGER, 'serialNumber');
  const issuerT = expectTag(tbsParts[i + 2], TAG.SEQUENCE, 'issuer');
  const validity = children(expectTag(tbsParts[i + 3], TAG.SEQUENCE, 'validity'), 'validity');
  const subjectT = expectTag(tbsParts[i + 4], TAG.SEQUENCE, 'subject');
  const spkiT = expectTag(tbsParts[i + 5], TAG.SEQUENCE, 'subjectPublicKeyInfo');
  const extT = tbsParts.slice(i + 6).find((p) => p.tag === 0xa3);
  const signatureAlgorithm = readOid(
    children(expectTag(algT, TAG.SEQUENCE, 'signatureAlgorithm'))[0],
    'signatureAlgorithm',
  );
  const sigBits = expectTag(sigT, TAG.BIT_STRING, 'signatureValue').value.subarray(1);
  if (!validity[0] || !validity[1]) throw certError('validity 不完整', 'incomplete validity', 'validity');
  const publicKeyInfo = parseSpki(spkiT.raw.slice());
  const extensions = decodeExtensions(extT);
  const known = decodeKnownExtensions(extensions);
  const subjectName = decodeName(subjectT);
  const issuerName = decodeName(issuerT);
  const cert: ParsedCertificate = {
    der,
    tbs: (tbsT as Tlv).raw,
    version,
    serialNumber: integerHex(serialT.value),
    subject: subjectName.text,
    issuer: issuerName.text,
    subjectName,
    issuerName,
    notBefore: decodeTime(validity[0], 'notBefore'),
    notAfter: decodeTime(validity[1], 'notAfter'),
    publicKey: publicKeyInfo.publicKey,
    publicKeyInfo,
    publicKeyAlgorithm: keyAlgorithmName(publicKeyInfo),
    signatureAlgorithm,
    signatureAlgorithmName: SIGNATURE_ALGORITHM_NAMES[signatureAlgorithm] ?? signatureAlgorithm,
    signatureValue: sigBits,
    extensions,
    ...known,
    selfIssued: subjectName.text === issuerName.text,
    verifySignature(issuer, options) {
      const key =
        issuer === undefined ? publicKeyInfo : issuer instanceof Uint8Array ? issuer : issuer.publicKeyInfo;
      return verifySignedBytes(cert.tbs, cert.signatureValue, signatureAlgorithm, key, options?.userId);
    },
    toPem() {
      return encodePem('CERTIFICATE', der);
    },
  };
  return cert;
}

/** Parses every certificate in a PEM bundle (or a single DER certificate). */
export function parseCertificates(input: Uint8Array | string): ParsedCertificate[] {
  return pemOrDer(input, 'certificates')
    .filter((b) => b.label === 'CERTIFICATE' || b.label === '' || b.label === 'X509 CERTIFICATE')
    .map((b) => parseCertificate(b.der));
}
