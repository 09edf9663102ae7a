/**
 * `Type="Sign"` values: GB/T 35275 (or PKCS#7) `SignedData` over the raw `Signature.xml` bytes, in the two
 * forms seen (research §3.2): (a) attached digest — the content is SM3(Signature.xml) and the signer signs
 * that content; (b) PKCS#9 signed attributes — `messageDigest` = SM3(Signature.xml), the signature covers
 * DER(SET OF Attribute) (the `[0]` tag re-tagged as SET).
 * ```
 * ContentInfo ::= SEQUENCE { contentType OID (1.2.156.10197.6.1.4.2.2 | 1.2.840.113549.1.7.2), content [0] EXPLICIT SignedData }
 * SignedData ::= SEQUENCE { version INTEGER, digestAlgorithms SET, contentInfo SEQUENCE { contentType OID,
 *   content [0] EXPLICIT OCTET STRING OPTIONAL }, certificates [0] IMPLICIT SET OF Certificate OPTIONAL,
 *   crls [1] IMPLICIT … OPTIONAL, signerInfos SET OF SignerInfo }
 * SignerInfo ::= SEQUENCE { version INTEGER, issuerAndSerialNumber SEQUENCE { issuer Name, serialNumber INTEGER },
 *   digestAlgorithm AlgorithmIdentifier, authenticatedAttributes [0] IMPLICIT SET OF Attribute OPTIONAL,
 *   digestEncryptionAlgorithm AlgorithmIdentifier, encryptedDigest OCTET STRING, unauthenticatedAttributes [1] OPTIONAL }
 * ```
 * @module
 */
import { concatBytes, equalBytes, fromBase64, toHex } from '@gbkit/core';
import { sm3 } from '@gbkit/crypto';
import { children, decodeTlv, expectTag, readOid, readTime, TAG, type Tlv } from '../ses/der.js';
import { isRawRs } from '../ses/variants.js';
import { type CertView, checkTrust, readCert } from './certs.js';
import type { VerifyPolicy } from './policy.js';
import type { CheckCollector, SubIndication } from './result.js';
import { RULES } from './rules.js';
import { errorText, sm2Check } from './seal.js';
import { type SesFacts, validationTime } from './ses.js';

const SIGNED_DATA = ['1.2.156.10197.6.1.4.2.2', '1.2.840.113549.1.7.2'];
const SM2_SIG_OIDS = ['1.2.156.10197.1.301.1', '1.2.156.10197.1.501', '1.2.156.10197.1.301'];
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';

/** Parsed pieces of a SignedData value. */
export interface SignedDataParts {
  readonly contentInfoType: string;
  readonly innerType: string;
  readonly content?: Uint8Array;
  readonly certificates: readonly Uint8Array[];
  readonly issuer: Uint8Array;
  readonly serial: string;
  readonly digestAlgorithm: string;
  readonly signedAttrs?: Tlv;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
}

function hexInt(b: Uint8Array): string {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return toHex(b.subarray(i));
}

/** Parses a (GB/T 35275 or PKCS#7) ContentInfo holding SignedData with one signer. */
export function parseSignedData(value: Uint8Array): SignedDataParts {
  const ci = children(expectTag(decodeTlv(value, 'ContentInfo'), TAG.SEQUENCE, 'ContentInfo'), 'ContentInfo');
  const contentInfoType = readOid(
    expectTag(ci[0], TAG.OID, 'ContentInfo.contentType'),
    'ContentInfo.contentType',
  );
  if (!SIGNED_DATA.includes(contentInfoType))
    expectTag(undefined, TAG.OID, `ContentInfo.contentType ${contentInfoType} is not signedData`);
  const sd = children(
    expectTag(
      decodeTlv(expectTag(ci[1], 0xa0, 'ContentInfo.content').content, 'SignedData'),
      TAG.SEQUENCE,
      'SignedData',
    ),
    'SignedData',
  );
  const inner = children(expectTag(sd[2], TAG.SEQUENCE, 'SignedData.contentInfo'), 'SignedData.contentInfo');
  const innerType = readOid(
    expectTag(inner[0], TAG.OID, 'contentInfo.contentType'),
    'contentInfo.contentType',
  );
  let content: Uint8Array | undefined;
  if (inner[1])
    content = expectTag(
      decodeTlv(expectTag(inner[1], 0xa0, 'contentInfo.content').content, 'content'),
      TAG.OCTET_STRING,
      'content',
    ).content;
  let i = 3;
  const certificates: Uint8Array[] = [];
  if (sd[i]?.tag === 0xa0) {
    for (const c of children(sd[i] as Tlv, 'SignedData.certificates')) certificates.push(c.bytes);
    i++;
  }
  if (sd[i]?.tag === 0xa1) i++;
  const infos = children(expectTag(sd[i], TAG.SET, 'SignedData.signerInfos'), 'signerInfos');
  const si = children(expectTag(infos[0], TAG.SEQUENCE, 'SignerInfo'), 'SignerInfo');
  const ias = children(expectTag(si[1], TAG.SEQUENCE, 'issuerAndSerialNumber'), 'issuerAndSerialNumber');
  const digestAlgorithm = readOid(
    children(expectTag(si[2], TAG.SEQUENCE, 'digestAlgorithm'), 'digestAlgorithm')[0] as Tlv,
    'digestAlgorithm',
  );
  let k = 3;
  let signedAttrs: Tlv | undefined;
  if (si[k]?.tag === 0xa0) {
    signedAttrs = si[k];
    k++;
  }
  const signatureAlgorithm = readOid(
    children(
      expectTag(si[k], TAG.SEQUENCE, 'digestEncryptionAlgorithm'),
      'digestEncryptionAlgorithm',
    )[0] as Tlv,
    'digestEncryptionAlgorithm',
  );
  const signature = expectTag(si[k + 1], TAG.OCTET_STRING, 'encryptedDigest').content;
  return {
    contentInfoType,
    innerType,
    ...(content ? { content } : {}),
    certificates,
    issuer: expectTag(ias[0], TAG.SEQUENCE, 'issuer').bytes,
    serial: hexInt(expectTag(ias[1], TAG.INTEGER, 'serialNumber').content),
    digestAlgorithm,
    ...(signedAttrs ? { signedAttrs } : {}),
    signatureAlgorithm,
    signature,
  };
}

/** Inputs of {@link checkSignedData}. */
export interface SignedDataCheckInput {
  readonly value: Uint8Array;
  /** The signed original (raw Signature.xml / OFDEntries.xml / PDF byte ranges). */
  readonly original: Uint8Array;
  readonly originalLabel: string;
  readonly policy: VerifyPolicy;
  /** A claimed signing time to fall back on when the value has no signingTime attribute. */
  readonly claimedTime?: Date;
}

/** Runs binding, signer, time and trust checks of a SignedData value into `col`. */
export async function checkSignedData(col: CheckCollector, input: SignedDataCheckInput): Promise<SesFacts> {
  const { policy } = input;
  let p: SignedDataParts;
  try {
    p = parseSignedData(input.value);
  } catch (e) {
    const t = errorText(e);
    col.add('format', RULES.format, 'failed', {
      zh: `SignedData 无法解析：${t.zh}`,
      en: `SignedData does not parse: ${t.en}`,
    });
    return {};
  }
  const form = p.signedAttrs ? 'PKCS#9 signed attributes' : p.content ? 'attached digest' : 'detached';
  col.add(
    'format',
    RULES.format,
    'passed',
    {
      zh: `SignedData 解析成功（${p.contentInfoType}，${form}）`,
      en: `SignedData parses (${p.contentInfoType}, ${form})`,
    },
    { contentType: p.contentInfoType, innerContentType: p.innerType, form },
  );
  const digest = sm3(input.original);

  // binding and the signed message
  let message: Uint8Array | undefined;
  let signingTime: Date | undefined;
  if (p.signedAttrs) {
    let md: Uint8Array | undefined;
    for (const a of children(p.signedAttrs, 'signedAttrs')) {
      const [oidT, setT] = children(a, 'Attribute');
      const oid = readOid(oidT as Tlv, 'Attribute.type');
      const v = children(setT as Tlv, 'Attribute.values')[0];
      if (oid === OID_MESSAGE_DIGEST && v) md = v.content;
      if (oid === OID_SIGNING_TIME && v) signingTime = readTime(v, 'signingTime');
    }
    const ev = {
      expected: md ? toHex(md) : null,
      actual: toHex(digest),
      over: input.originalLabel,
      via: 'messageDigest',
    };
    if (md && equalBytes(md, digest))
      col.add(
        'binding',
        RULES.binding,
        'passed',
        {
          zh: `messageDigest 与 ${input.originalLabel} 的 SM3 相符`,
          en: `messageDigest equals SM3 of ${input.originalLabel}`,
        },
        ev,
      );
    else
      col.add(
        'binding',
        RULES.binding,
        'failed',
        {
          zh: md ? `messageDigest 与 ${input.originalLabel} 的 SM3 不符` : '缺少 messageDigest 属性',
          en: md ? `messageDigest differs from SM3 of ${input.originalLabel}` : 'no messageDigest attribute',
        },
        ev,
      );
    message = concatBytes(Uint8Array.of(0x31), p.signedAttrs.bytes.subarray(1));
  } else if (p.content) {
    const ev = {
      expected: toHex(p.content),
      actual: toHex(digest),
      over: input.originalLabel,
      via: 'attached content',
    };
    if (equalBytes(p.content, digest))
      col.add(
        'binding',
        RULES.binding,
        'passed',
        {
          zh: `附带内容等于 ${input.originalLabel} 的 SM3`,
          en: `attached content equals SM3 of ${input.originalLabel}`,
        },
        ev,
      );
    else {
      let b64: Uint8Array | undefined;
      try {
        b64 = fromBase64(new TextDecoder().decode(p.content));
      } catch {
        b64 = undefined;
      }
      if (b64 && equalBytes(b64, digest)) {
        col.add(
          'binding',
          RULES.binding,
          policy.mode === 'strict' ? 'failed' : 'warning',
          {
            zh: '附带内容是 SM3 摘要的 Base64 文本（非标准，ofdrw 兼容形式）',
            en: 'attached content is the Base64 text of the SM3 digest (non-standard, an ofdrw compatibility form)',
          },
          ev,
          'CONTENT-BASE64-DIGEST',
        );
      } else if (equalBytes(p.content, input.original)) {
        col.add(
          'binding',
          RULES.binding,
          'passed',
          {
            zh: `附带内容就是 ${input.originalLabel}`,
            en: `attached content is ${input.originalLabel} itself`,
          },
          ev,
        );
      } else
        col.add(
          'binding',
          RULES.binding,
          'failed',
          {
            zh: `附带内容与 ${input.originalLabel} 的 SM3 不符`,
            en: `attached content differs from SM3 of ${input.originalLabel}`,
          },
          ev,
        );
    }
    message = p.content;
  } else {
    message = input.original;
    col.add(
      'binding',
      RULES.binding,
      'passed',
      {
        zh: `分离式签名直接覆盖 ${input.originalLabel}`,
        en: `detached signature directly over ${input.originalLabel}`,
      },
      { over: input.originalLabel },
    );
  }

  // signer certificate by issuer and serial
  let signer: CertView | undefined;
  const unreadable: string[] = [];
  for (const c of p.certificates) {
    try {
      const v = readCert(c);
      if (
        v.serial.replace(/^0+/, '').toLowerCase() === p.serial.replace(/^0+/, '').toLowerCase() &&
        equalBytes(v.parsed.issuerName.der, p.issuer)
      )
        signer = v;
    } catch (e) {
      unreadable.push(errorText(e).en);
    }
  }
  if (!signer && policy.signerCert) {
    try {
      signer = readCert(policy.signerCert);
    } catch {
      signer = undefined;
    }
  }
  if (!signer) {
    const why = unreadable.length
      ? {
          zh: `；${unreadable.length} 个证书无法解析：${unreadable.join('；')}`,
          en: `; ${unreadable.length} certificate(s) do not parse: ${unreadable.join('; ')}`,
        }
      : { zh: '', en: '' };
    col.add(
      'signer',
      RULES.signer,
      'indeterminate',
      {
        zh: `SignedData 中找不到可用的签名者证书（序列号 ${p.serial}）${why.zh}`,
        en: `no usable signer certificate (serial ${p.serial}) in the SignedData${why.en}`,
      },
      { serial: p.serial, unreadable },
    );
    await checkTrust(col, [], undefined, policy);
    return { trustSub: 'NO_SIGNING_CERTIFICATE_FOUND' };
  }
  const ev = {
    signerSubject: signer.subject,
    signerSerial: signer.serial,
    signatureAlgorithm: p.signatureAlgorithm,
    signedOver: p.signedAttrs ? 'signedAttrs' : p.content ? 'content' : input.originalLabel,
  };
  if (isRawRs(p.signature)) {
    col.variants.push({
      code: 'SIGNATURE-RAW-RS',
      field: 'SignerInfo.encryptedDigest',
      message: { zh: '签名值是 64 字节 r‖s', en: 'signature value is raw 64-byte r‖s' },
    });
    col.add(
      'format',
      RULES.variant,
      policy.mode === 'strict' ? 'failed' : 'warning',
      {
        zh: '非标准编码（SignerInfo.encryptedDigest）：签名值是 64 字节 r‖s 而不是 DER',
        en: 'non-standard encoding (SignerInfo.encryptedDigest): raw 64-byte r‖s, not DER',
      },
      { variant: 'SIGNATURE-RAW-RS' },
      'SIGNATURE-RAW-RS',
    );
  }
  if (!SM2_SIG_OIDS.includes(p.signatureAlgorithm) || !signer.publicKey) {
    col.add(
      'signer',
      RULES.signer,
      'indeterminate',
      {
        zh: `不支持的签名算法 ${p.signatureAlgorithm}`,
        en: `unsupported signature algorithm ${p.signatureAlgorithm}`,
      },
      ev,
    );
  } else {
    const r = sm2Check(message, p.signature, signer.publicKey, policy);
    col.add(
      'signer',
      RULES.signer,
      r.valid ? 'passed' : 'failed',
      r.valid
        ? { zh: `签名者签名有效（${signer.subject}）`, en: `signer's signature valid (${signer.subject})` }
        : { zh: `签名者签名无效（${r.reason}）`, en: `signer's signature invalid (${r.reason})` },
      { ...ev, ...(r.format ? { signatureFormat: r.format } : {}) },
    );
  }
  const claimed = signingTime ?? input.claimedTime;
  const { at, label } = validationTime(policy, claimed, undefined);
  let timeSub: SubIndication | undefined;
  if (!at)
    col.add(
      'time',
      RULES.time,
      'indeterminate',
      {
        zh: '签名中没有签名时间，无法判断证书在签名时是否有效',
        en: 'no signing time: certificate validity at signing cannot be judged',
      },
      { notBefore: signer.notBefore.toISOString(), notAfter: signer.notAfter.toISOString() },
    );
  else if (at > signer.notAfter || at < signer.notBefore) {
    timeSub = at > signer.notAfter ? 'EXPIRED' : 'NOT_YET_VALID';
    col.add(
      'time',
      RULES.time,
      'failed',
      {
        zh: `${label.zh} ${at.toISOString()} 不在签名者证书有效期内`,
        en: `${label.en} ${at.toISOString()} is outside the signer certificate's validity`,
      },
      {
        at: at.toISOString(),
        notBefore: signer.notBefore.toISOString(),
        notAfter: signer.notAfter.toISOString(),
      },
    );
  } else
    col.add(
      'time',
      RULES.time,
      'passed',
      {
        zh: `${label.zh} ${at.toISOString()} 在签名者证书有效期内`,
        en: `${label.en} ${at.toISOString()} within the signer certificate's validity`,
      },
      { at: at.toISOString() },
    );
  const trustSub = await checkTrust(col, [{ role: 'signer', cert: signer }], at, {
    ...policy,
    intermediates: [...(policy.intermediates ?? []), ...p.certificates],
  });
  return {
    signer: signer.summary,
    ...(claimed ? { signingTime: claimed } : {}),
    ...(timeSub ? { timeSub } : {}),
    ...(trustSub ? { trustSub } : {}),
  };
}
