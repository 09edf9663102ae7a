/**
 * Certificate revocation lists (RFC 5280 §5): parsing with the exact `TBSCertList` bytes, signature
 * verification (SM2-with-SM3 and others) and revocation look-up.
 *
 * ```asn1
 * CertificateList ::= SEQUENCE { tbsCertList TBSCertList, signatureAlgorithm AlgorithmIdentifier,
 *                                signatureValue BIT STRING }
 * TBSCertList ::= SEQUENCE { version INTEGER OPTIONAL, signature AlgorithmIdentifier, issuer Name,
 *   thisUpdate Time, nextUpdate Time OPTIONAL,
 *   revokedCertificates SEQUENCE OF SEQUENCE { userCertificate CertificateSerialNumber,
 *     revocationDate Time, crlEntryExtensions Extensions OPTIONAL } OPTIONAL,
 *   crlExtensions [0] EXPLICIT Extensions OPTIONAL }
 * ```
 * @module
 */
import { FormatError } from '@gbkit/core';
import type { AuthorityKeyIdentifier, ParsedCertificate } from './certificate.js';
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
import { type DistinguishedName, decodeName } from './name.js';
import { OID } from './oids.js';
import { encodePem, pemOrDer } from './pem.js';
import { type SignatureCheck, verifySignedBytes } from './verify.js';

/** CRLReason names (RFC 5280 §5.3.1), by code. */
export const CRL_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
] as const;

/** A revocation reason name. */
export type CrlReason = (typeof CRL_REASONS)[number];

/** One revoked certificate entry. */
export interface RevokedCertificate {
  /** Serial number, lower-case hex without sign padding (as {@link ParsedCertificate.serialNumber}). */
  readonly serialNumber: string;
  readonly revocationDate: Date;
  readonly reason?: CrlReason;
}

/** A parsed CRL. */
export interface ParsedCrl {
  readonly der: Uint8Array;
  /** The exact `TBSCertList` bytes the signature covers. */
  readonly tbs: Uint8Array;
  readonly issuer: string;
  readonly issuerName: DistinguishedName;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  readonly revoked: readonly RevokedCertificate[];
  readonly signatureAlgorithm: string;
  readonly signatureValue: Uint8Array;
  /** cRLNumber as hex. */
  readonly crlNumber?: string;
  readonly authorityKeyIdentifier?: AuthorityKeyIdentifier;
  /** The entry for a serial number (hex, any case, leading zeros ignored), if revoked. */
  find(serialNumber: string): RevokedCertificate | undefined;
  /** Verifies the CRL signature with the issuer's key or certificate (SM2 user ID default). */
  verifySignature(
    issuer: Uint8Array | ParsedCertificate,
    options?: { userId?: string | Uint8Array },
  ): Promise<SignatureCheck>;
  toPem(): string;
}

const normSerial = (s: string) => s.toLowerCase().replace(/^0+(?=.)/, '');

/**
 * Parses a CRL from PEM (`X509 CRL`) or DER.
 *
 * @example
 * ```ts
 * import { createTestPki, parseCrl } from '@gbkit/crypto';
 * const pki = await createTestPki();
 * const crl = parseCrl(pki.issueCrl({ revoked: [{ serialNumber: pki.signer.certificate.serialNumber }] }).der);
 * console.log(crl.find(pki.signer.certificate.serialNumber) !== undefined); // true
 * console.log((await crl.verifySignature(pki.ca.certificate)).valid); // true
 * ```
 */
export function parseCrl(input: Uint8Array | string): ParsedCrl {
  const blocks = pemOrDer(input, 'CRL');
  const der = ((blocks.find((b) => b.label === 'X509 CRL') ?? blocks[0])?.der ?? new Uint8Array()).slice();
  const field = 'CertificateList';
  const [tbsT, algT, sigT] = children(expectTag(readWhole(der, field), TAG.SEQUENCE, field), field);
  const parts = children(expectTag(tbsT, TAG.SEQUENCE, 'tbsCertList'), 'tbsCertList');
  let i = 0;
  if (parts[0]?.tag === TAG.INTEGER) i = 1;
  const issuerName = decodeName(expectTag(parts[i + 1], TAG.SEQUENCE, 'tbsCertList.issuer'));
  const thisUpdateT = parts[i + 2];
  if (!thisUpdateT)
    throw new FormatError('ERR_CRL_MALFORMED', { zh: 'CRL 缺少 thisUpdate', en: 'CRL lacks thisUpdate' });
  const thisUpdate = decodeTime(thisUpdateT, 'thisUpdate');
  let j = i + 3;
  let nextUpdate: Date | undefined;
  const nu = parts[j];
  if (nu && (nu.tag === TAG.UTC_TIME || nu.tag === TAG.GENERALIZED_TIME)) {
    nextUpdate = decodeTime(nu, 'nextUpdate');
    j++;
  }
  const revoked: RevokedCertificate[] = [];
  let crlNumber: string | undefined;
  let authorityKeyIdentifier: AuthorityKeyIdentifier | undefined;
  for (const p of parts.slice(j)) {
    if (p.tag === TAG.SEQUENCE) {
      for (const entry of children(p, 'revokedCertificates')) {
        const [serial, date, exts] = children(entry, 'revokedCertificates.entry');
        let reason: CrlReason | undefined;
        if (exts) {
          for (const ext of children(exts)) {
            const e = children(ext);
            if (readOid(e[0], 'crlEntryExtension') === OID.crlReason) {
              const v = readWhole((e[e.length - 1] as Tlv).value);
              reason = CRL_REASONS[integerNumber(v.value)];
            }
          }
        }
        revoked.push({
          serialNumber: integerHex(expectTag(serial, TAG.INTEGER, 'userCertificate').value),
          revocationDate: decodeTime(date as Tlv, 'revocationDate'),
          ...(reason ? { reason } : {}),
        });
      }
    } else if (p.tag === 0xa0) {
      for (const ext of children(children(p)[0] as Tlv)) {
        const e = children(ext);
        const oid = readOid(e[0], 'crlExtension');
        const v = readWhole((e[e.length - 1] as Tlv).value);
        if (oid === OID.crlNumber) crlNumber = integerHex(v.value);
        if (oid === OID.authorityKeyIdentifier) {
          const aki: { keyIdentifier?: string } = {};
          for (const c of children(v))
            if (c.tag === 0x80)
              aki.keyIdentifier = Array.from(c.value, (b) => b.toString(16).padStart(2, '0')).join('');
          authorityKeyIdentifier = aki;
        }
      }
    }
  }
  const signatureAlgorithm = readOid(
    children(expectTag(algT, TAG.SEQUENCE, 'signatureAlgorithm'))[0],
    'signatureAlgorithm',
  );
  const signatureValue = expectTag(sigT, TAG.BIT_STRING, 'signatureValue').value.subarray(1);
  const tbs = (tbsT as Tlv).raw;
  const index = new Map(revoked.map((r) => [normSerial(r.serialNumber), r]));
  return {
    der,
    tbs,
    issuer: issuerName.text,
    issuerName,
    thisUpdate,
    ...(nextUpdate ? { nextUpdate } : {}),
    revoked,
    signatureAlgorithm,
    signatureValue,
    ...(crlNumber ? { crlNumber } : {}),
    ...(authorityKeyIdentifier ? { authorityKeyIdentifier } : {}),
    find: (serial) => index.get(normSerial(serial)),
    verifySignature(issuer, options) {
      const key = issuer instanceof Uint8Array ? issuer : issuer.publicKeyInfo;
      return verifySignedBytes(tbs, signatureValue, signatureAlgorithm, key, options?.userId);
    },
    toPem: () => encodePem('X509 CRL', der),
  };
}
