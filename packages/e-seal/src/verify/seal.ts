/**
 * Seal checks (GB/T 38540-2020 §6.3, reconstructed in research §1.6 and §6 C.6–C.8): the maker's
 * signature over the exact signed bytes, the seal's validity window, the maker certificate's validity,
 * and the tolerated encodings. Used for stand-alone `.esl` files and for the seal inside each signature.
 * @module
 */
import { equalBytes, GbkitError, type LocalizedText, toHex } from '@gbkit/core';
import { sm2Verify } from '@gbkit/crypto';
import { OID_SM3_WITH_SM2, type SESeal } from '../ses/seal.js';
import type { SesVariant } from '../ses/variants.js';
import { type CertView, readCert } from './certs.js';
import { iso } from './iso.js';
import { DEFAULT_USER_ID, type VerifyPolicy } from './policy.js';
import type { CheckCollector, SealSummary } from './result.js';
import { RULES } from './rules.js';

/** Result of one SM2 check. */
export interface Sm2Outcome {
  readonly valid: boolean;
  readonly reason?: string;
  readonly format?: string;
}

/** SM3withSM2 verification with the policy's user ID, accepting DER or raw r‖s. */
export function sm2Check(
  message: Uint8Array,
  sig: Uint8Array,
  publicKey: Uint8Array,
  policy: VerifyPolicy,
): Sm2Outcome {
  const r = sm2Verify(message, sig, publicKey, { userId: policy.userId ?? DEFAULT_USER_ID, format: 'auto' });
  return {
    valid: r.valid,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.format ? { format: r.format } : {}),
  };
}

interface MakerResult {
  readonly userId: string | undefined;
  readonly sig: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  readonly outcome: Sm2Outcome;
}

const makerResults = new Map<string, MakerResult>();
const MAKER_CACHE_SIZE = 256;

/** A short key for the LRU map (a hit is confirmed by comparing every byte, see below). */
function makerKey(sig: Uint8Array, publicKey: Uint8Array, message: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < sig.length; i++) h = Math.imul(h ^ (sig[i] as number), 0x01000193);
  for (let i = 0; i < publicKey.length; i++) h = Math.imul(h ^ (publicKey[i] as number), 0x01000193);
  return `${sig.length}:${publicKey.length}:${message.length}:${h >>> 0}`;
}

/**
 * The maker's signature of a seal, remembered: the same seal (same signed bytes, signature and key) is
 * carried by every document it stamps, so its result is kept (LRU, 256 seals). A hit requires the exact
 * same message bytes, signature, public key and user ID, so it can never turn a different seal into a
 * valid one.
 */
function makerCheck(
  message: Uint8Array,
  sig: Uint8Array,
  publicKey: Uint8Array,
  policy: VerifyPolicy,
): Sm2Outcome {
  const key = makerKey(sig, publicKey, message);
  const hit = makerResults.get(key);
  if (
    hit &&
    hit.userId === policy.userId &&
    equalBytes(hit.sig, sig) &&
    equalBytes(hit.publicKey, publicKey) &&
    equalBytes(hit.message, message)
  ) {
    makerResults.delete(key);
    makerResults.set(key, hit);
    return hit.outcome;
  }
  const outcome = sm2Check(message, sig, publicKey, policy);
  makerResults.delete(key);
  makerResults.set(key, {
    userId: policy.userId,
    sig: sig.slice(),
    publicKey: publicKey.slice(),
    message: message.slice(),
    outcome,
  });
  if (makerResults.size > MAKER_CACHE_SIZE) makerResults.delete(makerResults.keys().next().value as string);
  return outcome;
}

/** Text of an error for reports. */
export function errorText(e: unknown): LocalizedText {
  if (e instanceof GbkitError) return e.text;
  const m = e instanceof Error ? e.message : String(e);
  return { zh: m, en: m };
}

/** Adds one format finding per tolerated variant: warning in lenient mode, failure in strict mode. */
export function reportVariants(
  col: CheckCollector,
  variants: readonly SesVariant[],
  policy: VerifyPolicy,
): void {
  for (const v of variants) {
    if (col.variants.some((x) => x.code === v.code && x.field === v.field)) continue;
    col.variants.push(v);
    col.add(
      'format',
      RULES.variant,
      policy.mode === 'strict' ? 'failed' : 'warning',
      {
        zh: `非标准编码（${v.field}）：${v.message.zh}`,
        en: `non-standard encoding (${v.field}): ${v.message.en}`,
      },
      { variant: v.code, field: v.field },
      v.code,
    );
  }
}

/** Facts of a seal for reports. */
export function sealSummary(seal: SESeal, maker?: CertView): SealSummary {
  const i = seal.sealInfo;
  return {
    layout: seal.layout,
    name: i.property.name,
    esID: i.esID,
    vid: i.header.vid,
    type: i.property.type,
    version: i.header.version,
    createDate: iso(i.property.createDate),
    validStart: iso(i.property.validStart),
    validEnd: iso(i.property.validEnd),
    pictureType: i.picture.type,
    ...(maker ? { maker: maker.summary } : {}),
  };
}

/** Checks the maker's signature; returns the maker certificate when it parses. */
export function checkMaker(col: CheckCollector, seal: SESeal, policy: VerifyPolicy): CertView | undefined {
  let maker: CertView;
  try {
    maker = readCert(seal.makerCert);
  } catch (e) {
    const t = errorText(e);
    col.add('maker', RULES.maker, 'failed', {
      zh: `制章人证书无法解析：${t.zh}`,
      en: `seal maker certificate does not parse: ${t.en}`,
    });
    return undefined;
  }
  const signedOver = seal.layout === '2014' ? 'SEQUENCE{sealInfo, cert, signatureAlgorithm}' : 'SES_SealInfo';
  const evidence = {
    makerSubject: maker.subject,
    makerSerial: maker.serial,
    signAlgID: seal.signAlgID,
    signedOver,
    signedBytes: seal.makerSignedBytes.length,
  };
  if (seal.signAlgID !== OID_SM3_WITH_SM2) {
    col.add(
      'maker',
      RULES.maker,
      'indeterminate',
      { zh: `不支持的签名算法 ${seal.signAlgID}`, en: `unsupported signature algorithm ${seal.signAlgID}` },
      evidence,
    );
    return maker;
  }
  if (!maker.publicKey) {
    col.add(
      'maker',
      RULES.maker,
      'indeterminate',
      { zh: '制章人证书不是 SM2 公钥', en: 'seal maker certificate has no SM2 key' },
      evidence,
    );
    return maker;
  }
  const r = makerCheck(seal.makerSignedBytes, seal.signedValue, maker.publicKey, policy);
  if (r.valid) {
    col.add(
      'maker',
      RULES.maker,
      'passed',
      {
        zh: `制章人签名有效（签名范围 ${signedOver}，制章人 ${maker.subject}）`,
        en: `seal maker's signature valid (over ${signedOver}, maker ${maker.subject})`,
      },
      { ...evidence, signatureFormat: r.format },
    );
  } else {
    col.add(
      'maker',
      RULES.maker,
      'failed',
      {
        zh: `制章人签名无效（${r.reason}，签名范围 ${signedOver}）`,
        en: `seal maker's signature invalid (${r.reason}, over ${signedOver})`,
      },
      { ...evidence, reason: r.reason },
    );
  }
  return maker;
}

/**
 * Checks the seal's validity at `at` (the signing time, or the verification time for a stand-alone seal),
 * `createDate ≤ validStart`, and the maker certificate at `createDate` (warning) and at `at` (policy).
 * Returns the sub-indication hint for a failure.
 */
export function checkSealTime(
  col: CheckCollector,
  seal: SESeal,
  maker: CertView | undefined,
  at: Date | undefined,
  atLabel: LocalizedText,
  policy: VerifyPolicy,
): 'EXPIRED' | 'NOT_YET_VALID' | undefined {
  const p = seal.sealInfo.property;
  const ev = { createDate: iso(p.createDate), validStart: iso(p.validStart), validEnd: iso(p.validEnd) };
  let sub: 'EXPIRED' | 'NOT_YET_VALID' | undefined;
  if (p.createDate.getTime() > p.validStart.getTime() + 86_400_000) {
    col.add(
      'time',
      RULES.time,
      'warning',
      {
        zh: `印章制作日期 ${iso(p.createDate)} 晚于有效期起始 ${iso(p.validStart)}`,
        en: `seal createDate ${iso(p.createDate)} is after validStart ${iso(p.validStart)}`,
      },
      ev,
    );
  }
  if (!at) {
    col.add(
      'time',
      RULES.time,
      'indeterminate',
      { zh: '签章时间未知，无法判断印章有效期', en: 'signing time unknown: seal validity cannot be judged' },
      ev,
    );
  } else if (at < p.validStart) {
    sub = 'NOT_YET_VALID';
    col.add(
      'time',
      RULES.time,
      'failed',
      {
        zh: `${atLabel.zh} ${iso(at)} 早于印章有效期起始 ${iso(p.validStart)}`,
        en: `${atLabel.en} ${iso(at)} is before the seal's validStart ${iso(p.validStart)}`,
      },
      { ...ev, at: iso(at) },
    );
  } else if (at > p.validEnd) {
    sub = 'EXPIRED';
    col.add(
      'time',
      RULES.time,
      'failed',
      {
        zh: `${atLabel.zh} ${iso(at)} 晚于印章有效期截止 ${iso(p.validEnd)}`,
        en: `${atLabel.en} ${iso(at)} is after the seal's validEnd ${iso(p.validEnd)}`,
      },
      { ...ev, at: iso(at) },
    );
  } else {
    col.add(
      'time',
      RULES.time,
      'passed',
      {
        zh: `${atLabel.zh} ${iso(at)} 在印章有效期 ${iso(p.validStart)} … ${iso(p.validEnd)} 内`,
        en: `${atLabel.en} ${iso(at)} within the seal's validity ${iso(p.validStart)} … ${iso(p.validEnd)}`,
      },
      { ...ev, at: iso(at) },
    );
  }
  if (maker) {
    const mev = { makerNotBefore: iso(maker.notBefore), makerNotAfter: iso(maker.notAfter) };
    if (p.createDate < maker.notBefore || p.createDate > maker.notAfter) {
      col.add(
        'time',
        RULES.time,
        'warning',
        {
          zh: `印章制作日期 ${iso(p.createDate)} 不在制章人证书有效期 ${iso(maker.notBefore)} … ${iso(maker.notAfter)} 内`,
          en: `seal createDate ${iso(p.createDate)} is outside the maker certificate's validity ${iso(maker.notBefore)} … ${iso(maker.notAfter)}`,
        },
        { ...ev, ...mev },
      );
    }
    if (at && (at < maker.notBefore || at > maker.notAfter)) {
      const msg = {
        zh: `${atLabel.zh} ${iso(at)} 不在制章人证书有效期 ${iso(maker.notBefore)} … ${iso(maker.notAfter)} 内`,
        en: `${atLabel.en} ${iso(at)} is outside the maker certificate's validity ${iso(maker.notBefore)} … ${iso(maker.notAfter)}`,
      };
      if (policy.makerCertAtSigning) {
        sub ??= at < maker.notBefore ? 'NOT_YET_VALID' : 'EXPIRED';
        col.add('time', RULES.time, 'failed', msg, { ...ev, ...mev, at: iso(at) });
      } else
        col.add('time', RULES.time, 'warning', msg, {
          ...ev,
          ...mev,
          at: iso(at),
          policy: 'makerCertAtSigning=false',
        });
    }
  }
  return sub;
}

/** A short fingerprint for evidence. */
export function fp(b: Uint8Array): string {
  return toHex(b.subarray(0, 8));
}
