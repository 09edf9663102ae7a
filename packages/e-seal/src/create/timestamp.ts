/**
 * A minimal time-stamp token issuer for tests and private TSAs (RFC 3161 / GB/T 20520 shape): a CMS
 * SignedData (PKCS#7 OIDs) whose encapsulated content is a `TSTInfo` with an SM3 message imprint of the
 * stamped data (for SES: the signature value), signed with SM2 over the DER of the TSTInfo.
 * ```
 * TSTInfo ::= SEQUENCE { version INTEGER (1), policy OBJECT IDENTIFIER, messageImprint SEQUENCE {
 *   hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING }, serialNumber INTEGER, genTime GeneralizedTime }
 * ```
 * @module
 */
import { concatBytes, fromHex } from '@gbkit/core';
import { parseCertificate, sm2Sign, sm3 } from '@gbkit/crypto';
import { derExplicit, derGeneralizedTime, derInt, derOctets, derOid, derSeq, TAG, tlv } from '../ses/der.js';
import { certDer, type SigningIdentity } from './seal.js';

/** Options of {@link makeTimeStampToken}. */
export interface TimeStampTokenOptions {
  /** The TSA's key and certificate. */
  readonly tsa: SigningIdentity;
  /** The stamped bytes (SES: the signature value, BIT STRING contents). */
  readonly data: Uint8Array;
  readonly genTime?: Date;
  /** TSA policy OID (default a private arc). */
  readonly policy?: string;
  readonly serialNumber?: number;
}

/**
 * Makes a TimeStampToken over `data` (SM3 imprint, SM2 signature).
 *
 * @example
 * ```ts
 * import { makeTimeStampToken } from '@gbkit/e-seal';
 * // const tst = makeTimeStampToken({ tsa, data: signatureValue });
 * ```
 */
export function makeTimeStampToken(o: TimeStampTokenOptions): Uint8Array {
  const der = certDer(o.tsa);
  const cert = parseCertificate(der);
  const tstInfo = derSeq(
    derInt(1),
    derOid(o.policy ?? '1.3.6.1.4.1.99999.1.1'),
    derSeq(derSeq(derOid('1.2.156.10197.1.401')), derOctets(sm3(o.data))),
    derInt(o.serialNumber ?? 1),
    derGeneralizedTime(o.genTime ?? new Date()),
  );
  const serialHex = cert.serialNumber.length % 2 ? `0${cert.serialNumber}` : cert.serialNumber;
  let serial = fromHex(serialHex);
  if ((serial[0] as number) & 0x80) serial = concatBytes(Uint8Array.of(0), serial);
  const sig = sm2Sign(tstInfo, o.tsa.privateKey, o.tsa.publicKey ? { publicKey: o.tsa.publicKey } : {});
  const signerInfo = derSeq(
    derInt(1),
    derSeq(cert.issuerName.der, tlv(TAG.INTEGER, serial)),
    derSeq(derOid('1.2.156.10197.1.401')),
    derSeq(derOid('1.2.156.10197.1.501')),
    derOctets(sig),
  );
  const signedData = derSeq(
    derInt(3),
    tlv(TAG.SET, derSeq(derOid('1.2.156.10197.1.401'))),
    derSeq(derOid('1.2.840.113549.1.9.16.1.4'), derExplicit(0, derOctets(tstInfo))),
    tlv(0xa0, der),
    tlv(TAG.SET, signerInfo),
  );
  return derSeq(derOid('1.2.840.113549.1.7.2'), derExplicit(0, signedData));
}
