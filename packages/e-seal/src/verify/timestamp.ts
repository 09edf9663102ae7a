/**
 * Timestamps on signatures (GB/T 38540 `SES_Signature.timeStamp`, V5 `SESeal.timeStamp`): a
 * TimeStampToken (RFC 3161 / GB/T 20520) whose messageImprint covers the signature value. What exactly
 * the imprint covers is uncertain [U]; the raw signature value bytes are tried first, then the BIT STRING
 * TLV.
 * ```
 * TimeStampToken ::= ContentInfo { signedData, SignedData { encapContentInfo { id-ct-TSTInfo, TSTInfo } } }
 * TSTInfo ::= SEQUENCE { version INTEGER, policy OID, messageImprint SEQUENCE { hashAlgorithm
 *   AlgorithmIdentifier, hashedMessage OCTET STRING }, serialNumber INTEGER, genTime GeneralizedTime, … }
 * ```
 * @module
 */
import { equalBytes, GbkitError } from '@gbkit/core';
import { type ParsedCertificate, sm3, verifyCms } from '@gbkit/crypto';
import { children, decodeTlv, derBits, expectTag, readOid, readTime, TAG } from '../ses/der.js';

/** The outcome of checking a timestamp token. */
export interface TimestampOutcome {
  readonly status: 'passed' | 'failed' | 'indeterminate';
  readonly genTime?: Date;
  readonly reason: { zh: string; en: string };
  readonly hashAlgorithm?: string;
  /** The TSA certificate, when the token's signature verified. */
  readonly tsaCertificate?: ParsedCertificate;
}

const OID_SIGNED_DATA = ['1.2.840.113549.1.7.2', '1.2.156.10197.6.1.4.2.2'];
const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_SM3 = '1.2.156.10197.1.401';

/** Parses a timestamp token, checks its imprint over `signatureValue` and the TSA's CMS signature. */
export async function checkTimestampToken(
  token: Uint8Array,
  signatureValue: Uint8Array,
): Promise<TimestampOutcome> {
  let tst: ReturnType<typeof children>;
  try {
    const ci = children(
      expectTag(decodeTlv(token, 'TimeStampToken'), TAG.SEQUENCE, 'TimeStampToken'),
      'ContentInfo',
    );
    const ct = readOid(expectTag(ci[0], TAG.OID, 'ContentInfo.contentType'), 'ContentInfo.contentType');
    if (!OID_SIGNED_DATA.includes(ct)) throw new Error(`contentType ${ct} is not signedData`);
    const sd = children(
      decodeTlv(expectTag(ci[1], 0xa0, 'ContentInfo.content').content, 'SignedData'),
      'SignedData',
    );
    const eci = children(expectTag(sd[2], TAG.SEQUENCE, 'encapContentInfo'), 'encapContentInfo');
    const eType = readOid(expectTag(eci[0], TAG.OID, 'eContentType'), 'eContentType');
    if (eType !== OID_TST_INFO) throw new Error(`eContentType ${eType}`);
    const oct = decodeTlv(expectTag(eci[1], 0xa0, 'eContent').content, 'eContent');
    tst = children(decodeTlv(expectTag(oct, TAG.OCTET_STRING, 'eContent').content, 'TSTInfo'), 'TSTInfo');
  } catch (e) {
    const t =
      e instanceof GbkitError
        ? e.text
        : { zh: String((e as Error).message), en: String((e as Error).message) };
    return {
      status: 'failed',
      reason: { zh: `不是时间戳令牌（${t.zh}）`, en: `not a timestamp token (${t.en})` },
    };
  }
  try {
    const mi = children(expectTag(tst[2], TAG.SEQUENCE, 'messageImprint'), 'messageImprint');
    const alg = readOid(
      children(expectTag(mi[0], TAG.SEQUENCE, 'hashAlgorithm'), 'hashAlgorithm')[0] as never,
      'hashAlgorithm',
    );
    const hashed = expectTag(mi[1], TAG.OCTET_STRING, 'hashedMessage').content;
    const genTime = readTime(expectTag(tst[4], TAG.GENERALIZED_TIME, 'genTime'), 'genTime');
    if (alg !== OID_SM3) {
      return {
        status: 'indeterminate',
        genTime,
        hashAlgorithm: alg,
        reason: { zh: `不支持的摘要算法 ${alg}`, en: `unsupported imprint algorithm ${alg}` },
      };
    }
    const matches =
      equalBytes(sm3(signatureValue), hashed) || equalBytes(sm3(derBits(signatureValue)), hashed);
    if (!matches)
      return {
        status: 'failed',
        genTime,
        hashAlgorithm: alg,
        reason: { zh: '时间戳摘要与签名值不符', en: 'timestamp imprint does not match the signature value' },
      };
    let cms: Awaited<ReturnType<typeof verifyCms>>;
    try {
      cms = await verifyCms(token);
    } catch (e) {
      const m = (e as Error).message;
      return {
        status: 'failed',
        genTime,
        hashAlgorithm: alg,
        reason: { zh: `时间戳签名无法解析（${m}）`, en: `timestamp signature does not parse (${m})` },
      };
    }
    const signer = cms.signers[0];
    if (!cms.valid || !signer?.certificate) {
      const why = signer?.problems.map((p) => p.message.en).join('; ') ?? 'no signer';
      return {
        status: 'failed',
        genTime,
        hashAlgorithm: alg,
        reason: { zh: `时间戳机构签名无效（${why}）`, en: `the TSA's signature is invalid (${why})` },
      };
    }
    return {
      status: 'passed',
      genTime,
      hashAlgorithm: alg,
      tsaCertificate: signer.certificate,
      reason: {
        zh: `时间戳有效：${genTime.toISOString()}，时间戳机构 ${signer.certificate.subject}`,
        en: `timestamp valid: ${genTime.toISOString()}, TSA ${signer.certificate.subject}`,
      },
    };
  } catch (e) {
    return {
      status: 'failed',
      reason: {
        zh: `时间戳内容无效（${(e as Error).message}）`,
        en: `malformed TSTInfo (${(e as Error).message})`,
      },
    };
  }
}
