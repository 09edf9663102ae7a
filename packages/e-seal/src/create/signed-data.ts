/**
 * GB/T 35275 `SignedData` for OFD `Type="Sign"` (research §3.2), in the two forms readers accept:
 * - `attached-digest`: content = SM3(original) under `1.2.156.10197.6.1.4.2.1`; the signature is SM2 over
 *   that 32-byte content;
 * - `pkcs9`: detached, signed attributes contentType, signingTime and messageDigest = SM3(original); the
 *   signature covers DER(SET OF Attribute).
 * ```
 * ContentInfo { 1.2.156.10197.6.1.4.2.2, [0] SignedData { version 1, {SM3}, contentInfo, [0] certificates,
 *   { SignerInfo { 1, issuerAndSerialNumber, SM3, [0] attrs?, SM2 (1.2.156.10197.1.301.1), encryptedDigest } } } }
 * ```
 * @module
 */
import { concatBytes, fromHex } from '@gbkit/core';
import { parseCertificate, sm2Sign, sm3 } from '@gbkit/crypto';
import {
  derExplicit,
  derGeneralizedTime,
  derInt,
  derOctets,
  derOid,
  derSeq,
  derUtcTime,
  TAG,
  tlv,
} from '../ses/der.js';
import { certDer, type SigningIdentity } from './seal.js';

const OID = {
  signedData: '1.2.156.10197.6.1.4.2.2',
  data: '1.2.156.10197.6.1.4.2.1',
  pkcs7Data: '1.2.840.113549.1.7.1',
  sm3: '1.2.156.10197.1.401',
  sm2Sign: '1.2.156.10197.1.301.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
};

function setOf(items: Uint8Array[]): Uint8Array {
  // DER SET OF: elements sorted by their encodings
  const sorted = [...items].sort((a, b) => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
    return a.length - b.length;
  });
  return tlv(TAG.SET, ...sorted);
}

/** Options of {@link makeSignedData}. */
export interface MakeSignedDataOptions {
  readonly signer: SigningIdentity;
  /** The original (raw Signature.xml bytes). */
  readonly original: Uint8Array;
  /** `attached-digest` (default) or `pkcs9`. */
  readonly form?: 'attached-digest' | 'pkcs9';
  /** Signing time for the pkcs9 form (default now). */
  readonly signingTime?: Date;
}

/**
 * Makes a GB/T 35275 SignedData over `original`.
 *
 * @example
 * ```ts
 * import { makeSignedData } from '@gbkit/e-seal';
 * // const value = makeSignedData({ signer, original: signatureXmlBytes, form: 'pkcs9' });
 * ```
 */
export function makeSignedData(o: MakeSignedDataOptions): Uint8Array {
  const der = certDer(o.signer);
  const cert = parseCertificate(der);
  const digest = sm3(o.original);
  const alg = (oid: string) => derSeq(derOid(oid));
  const sign = (m: Uint8Array) =>
    sm2Sign(m, o.signer.privateKey, { ...(o.signer.publicKey ? { publicKey: o.signer.publicKey } : {}) });
  const serialHex = cert.serialNumber.length % 2 ? `0${cert.serialNumber}` : cert.serialNumber;
  let serial = fromHex(serialHex);
  if ((serial[0] as number) & 0x80) serial = concatBytes(Uint8Array.of(0), serial);
  const ias = derSeq(cert.issuerName.der, tlv(TAG.INTEGER, serial));
  let contentInfo: Uint8Array;
  let signerInfo: Uint8Array;
  if ((o.form ?? 'attached-digest') === 'attached-digest') {
    contentInfo = derSeq(derOid(OID.data), derExplicit(0, derOctets(digest)));
    signerInfo = derSeq(derInt(1), ias, alg(OID.sm3), alg(OID.sm2Sign), derOctets(sign(digest)));
  } else {
    const t = o.signingTime ?? new Date();
    const y = t.getUTCFullYear();
    const attrs = [
      derSeq(derOid(OID.contentType), setOf([derOid(OID.data)])),
      derSeq(derOid(OID.signingTime), setOf([y >= 1950 && y < 2050 ? derUtcTime(t) : derGeneralizedTime(t)])),
      derSeq(derOid(OID.messageDigest), setOf([derOctets(digest)])),
    ];
    const set = setOf(attrs);
    const implicit = concatBytes(Uint8Array.of(0xa0), set.subarray(1));
    contentInfo = derSeq(derOid(OID.data));
    signerInfo = derSeq(derInt(1), ias, alg(OID.sm3), implicit, alg(OID.sm2Sign), derOctets(sign(set)));
  }
  const signedData = derSeq(
    derInt(1),
    setOf([alg(OID.sm3)]),
    contentInfo,
    tlv(0xa0, der),
    setOf([signerInfo]),
  );
  return derSeq(derOid(OID.signedData), derExplicit(0, signedData));
}
