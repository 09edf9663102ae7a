/**
 * Making an `SES_Signature` (电子签章): the signer signs `TBS_Sign` (the seal, the signing time, the hash
 * of the signed original and its path) with SM3withSM2. The layout follows the seal's: a 2014 seal gives
 * a 2014 signature, a V4/V5 seal a GB/T 38540 one.
 * @module
 */
import { sm2Sign, sm3 } from '@gbkit/crypto';
import type { ExtData } from '../ses/extension-datas.js';
import { decodeSeal, OID_SM3_WITH_SM2 } from '../ses/seal.js';
import { encodeSesSignature2014, encodeSesSignatureV4 } from '../ses/signature.js';
import { encodeTbsSign } from '../ses/tbs-sign.js';
import { certDer, type SigningIdentity } from './seal.js';

/** Options of {@link makeSesSignature}. */
export interface MakeSesSignatureOptions {
  /** The DER seal (`.esl`). */
  readonly seal: Uint8Array;
  readonly signer: SigningIdentity;
  /** The signed original (its SM3 becomes `dataHash`), or give `dataHash` directly. */
  readonly original?: Uint8Array;
  readonly dataHash?: Uint8Array;
  /** `propertyInfo`: for OFD the absolute path of `Signature.xml`. */
  readonly propertyInfo: string;
  /** Signing time (default now). */
  readonly timeInfo?: Date;
  readonly extDatas?: readonly ExtData[];
  /** Timestamp token over the signature value (V4/V5 `timeStamp`), or a function producing it from the value (a TSA call). */
  readonly timeStamp?: Uint8Array | ((signatureValue: Uint8Array) => Uint8Array);
}

/**
 * Makes a DER `SES_Signature`.
 *
 * @example
 * ```ts
 * import { makeSesSignature } from '@gbkit/e-seal';
 * // const value = makeSesSignature({ seal: esl, signer, original: signatureXmlBytes, propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml' });
 * ```
 */
export function makeSesSignature(o: MakeSesSignatureOptions): Uint8Array {
  const seal = decodeSeal(o.seal);
  const dataHash = o.dataHash ?? sm3(o.original ?? new Uint8Array(0));
  const timeInfo = o.timeInfo ?? new Date();
  const sign = (m: Uint8Array) =>
    sm2Sign(m, o.signer.privateKey, { ...(o.signer.publicKey ? { publicKey: o.signer.publicKey } : {}) });
  if (seal.layout === '2014') {
    const tbs = encodeTbsSign({
      version: seal.sealInfo.header.version,
      eseal: seal.raw,
      timeInfo,
      dataHash,
      propertyInfo: o.propertyInfo,
      cert: certDer(o.signer),
      signatureAlgorithm: OID_SM3_WITH_SM2,
    });
    return encodeSesSignature2014(tbs, sign(tbs));
  }
  const tbs = encodeTbsSign({
    version: seal.sealInfo.header.version,
    eseal: seal.raw,
    timeInfo,
    dataHash,
    propertyInfo: o.propertyInfo,
    ...(o.extDatas ? { extDatas: o.extDatas } : {}),
  });
  const sig = sign(tbs);
  const ts = typeof o.timeStamp === 'function' ? o.timeStamp(sig) : o.timeStamp;
  return encodeSesSignatureV4(tbs, certDer(o.signer), OID_SM3_WITH_SM2, sig, ts);
}
