/**
 * Verification of an `SES_Signature` (OFD `Type="Seal"`, or a raw `SignedValue.dat`) in the order of
 * research §6 C: format → version → binding (dataHash) → signer signature over the exact `TBS_Sign`
 * bytes → signer certificate in the seal → maker signature → validity times → trust → timestamp.
 * @module
 */
import { equalBytes, toHex } from '@gbkit/core';
import { sm2Verify, sm2VerifyDigest, sm3 } from '@gbkit/crypto';
import { decodeSesSignature, type SesSignature } from '../ses/signature.js';
import { type CertView, checkTrust, readCert } from './certs.js';
import { iso } from './iso.js';
import type { VerifyPolicy } from './policy.js';
import type { CertSummary, CheckCollector, SealSummary, SubIndication } from './result.js';
import { RULES } from './rules.js';
import { checkMaker, checkSealTime, errorText, reportVariants, sealSummary, sm2Check } from './seal.js';
import { checkTimestampToken } from './timestamp.js';

/** What the SES checks learnt, for the signature result. */
export interface SesFacts {
  readonly value?: SesSignature;
  readonly seal?: SealSummary;
  readonly signer?: CertSummary;
  readonly signingTime?: Date;
  readonly timeSub?: SubIndication;
  readonly trustSub?: SubIndication;
}

/** Inputs of {@link checkSesSignature}. */
export interface SesCheckInput {
  /** The DER `SES_Signature`. */
  readonly value: Uint8Array;
  /** The signed original (raw `Signature.xml` bytes for OFD); binding is indeterminate without it. */
  readonly original?: Uint8Array;
  /** The path the original lives at (compared with `propertyInfo`). */
  readonly originalPath?: string;
  readonly policy: VerifyPolicy;
}

/** Resolves the validation time. */
export function validationTime(
  policy: VerifyPolicy,
  claimed: Date | undefined,
  tst: Date | undefined,
): { at?: Date; label: { zh: string; en: string } } {
  const vt = policy.validationTime ?? 'signing-time';
  if (vt instanceof Date) return { at: vt, label: { zh: '指定的验证时间', en: 'the given validation time' } };
  if (vt === 'now')
    return { at: policy.now ?? new Date(), label: { zh: '当前时间', en: 'the current time' } };
  if (tst) return { at: tst, label: { zh: '时间戳时间', en: 'the timestamp time' } };
  return claimed
    ? { at: claimed, label: { zh: '声称的签章时间', en: 'the claimed signing time' } }
    : { label: { zh: '签章时间', en: 'the signing time' } };
}

/** Runs every SES check into `col`. Never throws for bad input: a parse failure is a failed `format` check. */
export async function checkSesSignature(col: CheckCollector, input: SesCheckInput): Promise<SesFacts> {
  const { policy } = input;
  let v: SesSignature;
  try {
    v = decodeSesSignature(input.value);
  } catch (e) {
    const t = errorText(e);
    col.add('format', RULES.format, 'failed', {
      zh: `签章值无法解析：${t.zh}`,
      en: `signature value does not parse: ${t.en}`,
    });
    return {};
  }
  col.add(
    'format',
    RULES.format,
    'passed',
    { zh: `签章值解析成功（${v.layout} 版式）`, en: `signature value parses (${v.layout} layout)` },
    { layout: v.layout },
  );
  reportVariants(col, v.variants, policy);
  const tbs = v.toSign;
  const seal = tbs.eseal;
  if (tbs.version !== seal.sealInfo.header.version) {
    col.add('format', RULES.version, 'warning', {
      zh: `TBS_Sign 版本 ${tbs.version} 与印章版本 ${seal.sealInfo.header.version} 不一致`,
      en: `TBS_Sign version ${tbs.version} differs from the seal version ${seal.sealInfo.header.version}`,
    });
  }

  // binding
  if (input.original) {
    const actual = sm3(input.original);
    const ev = {
      expected: toHex(tbs.dataHash),
      actual: toHex(actual),
      algorithm: 'SM3',
      over: input.originalPath ?? 'original',
    };
    if (equalBytes(actual, tbs.dataHash))
      col.add(
        'binding',
        RULES.binding,
        'passed',
        { zh: `dataHash 与 ${ev.over} 的 SM3 相符`, en: `dataHash equals SM3 of ${ev.over}` },
        ev,
      );
    else
      col.add(
        'binding',
        RULES.binding,
        'failed',
        {
          zh: `dataHash 与 ${ev.over} 的 SM3 不符（原文被修改或不是所签原文）`,
          en: `dataHash differs from SM3 of ${ev.over} (modified, or not the signed original)`,
        },
        ev,
      );
    if (input.originalPath !== undefined) {
      const norm = (s: string): string => s.replace(/\\/g, '/').replace(/^\/+/, '');
      if (norm(tbs.propertyInfo) !== norm(input.originalPath)) {
        col.add(
          'binding',
          RULES.propertyInfo,
          'warning',
          {
            zh: `propertyInfo「${tbs.propertyInfo}」不是 ${input.originalPath}`,
            en: `propertyInfo "${tbs.propertyInfo}" is not ${input.originalPath}`,
          },
          { propertyInfo: tbs.propertyInfo },
        );
      }
    }
  } else {
    col.add(
      'binding',
      RULES.binding,
      'indeterminate',
      { zh: '未提供所签原文，无法核对 dataHash', en: 'signed original not supplied: dataHash not checked' },
      { expected: toHex(tbs.dataHash) },
    );
  }

  // signer
  let signer: CertView | undefined;
  try {
    signer = readCert(v.cert);
  } catch (e) {
    const t = errorText(e);
    col.add('signer', RULES.signer, 'failed', {
      zh: `签章人证书无法解析：${t.zh}`,
      en: `signer certificate does not parse: ${t.en}`,
    });
  }
  if (signer) {
    const ev = {
      signerSubject: signer.subject,
      signerSerial: signer.serial,
      signatureAlgID: v.signatureAlgID,
      signedBytes: tbs.raw.length,
      signedOver: 'TBS_Sign',
    };
    if (v.signatureAlgID !== '1.2.156.10197.1.501' || !signer.publicKey) {
      col.add(
        'signer',
        RULES.signer,
        'indeterminate',
        {
          zh: `不支持的签名算法 ${v.signatureAlgID}`,
          en: `unsupported signature algorithm ${v.signatureAlgID}`,
        },
        ev,
      );
    } else {
      const r = sm2Check(tbs.raw, v.signature, signer.publicKey, policy);
      if (r.valid)
        col.add(
          'signer',
          RULES.signer,
          'passed',
          { zh: `签章人签名有效（${signer.subject}）`, en: `signer's signature valid (${signer.subject})` },
          { ...ev, signatureFormat: r.format },
        );
      else {
        // diagnostics (research §2 pitfalls): which non-standard computation, if any, the value matches
        const d = diagnoseSigner(tbs.raw, tbs.dataHash, v.signature, signer.publicKey);
        if (d) {
          col.variants.push({
            code: 'SIGNATURE-NONSTANDARD',
            field: 'SES_Signature.signature',
            message: d.message,
          });
          col.add(
            'signer',
            RULES.signer,
            policy.mode === 'strict' ? 'failed' : 'indeterminate',
            {
              zh: `签章人签名不符合标准（不是对 TBS_Sign 的 SM3withSM2 签名），但可验证为：${d.message.zh}；它不覆盖 TBS_Sign 的全部内容`,
              en: `the signer's signature is not a standard SM3withSM2 signature over TBS_Sign, but verifies as: ${d.message.en}; it does not cover all of TBS_Sign`,
            },
            { ...ev, reason: r.reason, variant: d.code },
            d.code,
          );
        } else
          col.add(
            'signer',
            RULES.signer,
            'failed',
            { zh: `签章人签名无效（${r.reason}）`, en: `signer's signature invalid (${r.reason})` },
            { ...ev, reason: r.reason },
          );
      }
    }
  }

  // signer certificate in the seal
  const list = seal.sealInfo.property.certList;
  if (!signer)
    col.add('certInSeal', RULES.certInSeal, 'indeterminate', {
      zh: '无签章人证书',
      en: 'no signer certificate',
    });
  else if (list.kind === 'digests') {
    const hit = list.digests.find((d) => /sm3/i.test(d.type) || d.type === '1.2.156.10197.1.401');
    if (list.digests.length === 0 || !hit)
      col.add(
        'certInSeal',
        RULES.certInSeal,
        'indeterminate',
        { zh: '证书摘要列表的算法无法识别', en: 'certificate digest list uses an unknown algorithm' },
        { types: list.digests.map((d) => d.type) },
      );
    else {
      const dg = sm3(signer.der);
      const ok = list.digests.some((d) => equalBytes(d.value, dg));
      col.add(
        'certInSeal',
        RULES.certInSeal,
        ok ? 'passed' : 'failed',
        ok
          ? {
              zh: '签章人证书摘要在印章证书摘要列表中',
              en: "signer certificate digest is in the seal's digest list",
            }
          : {
              zh: '签章人证书摘要不在印章证书摘要列表中',
              en: "signer certificate digest is not in the seal's digest list",
            },
        { actual: toHex(dg), listed: list.digests.map((d) => toHex(d.value)) },
      );
    }
  } else if (list.certs.some((c) => equalBytes(c, signer.der))) {
    col.add(
      'certInSeal',
      RULES.certInSeal,
      'passed',
      {
        zh: `签章人证书（序列号 ${signer.serial}）在印章证书列表中`,
        en: `signer certificate (serial ${signer.serial}) is in the seal's certList`,
      },
      { signerSerial: signer.serial, listed: list.certs.length },
    );
  } else if (list.certs.length === 0 && list.ids.length > 0) {
    col.add(
      'certInSeal',
      RULES.certInSeal,
      'indeterminate',
      {
        zh: `印章证书列表只有证书标识（${list.ids.join(', ')}），无法核对`,
        en: `the seal's certList holds only certificate IDs (${list.ids.join(', ')}): not checkable`,
      },
      { ids: list.ids },
    );
  } else {
    const serials = list.certs.map((c) => {
      try {
        return readCert(c).serial;
      } catch {
        return '?';
      }
    });
    col.add(
      'certInSeal',
      RULES.certInSeal,
      'failed',
      {
        zh: `签章人证书（序列号 ${signer.serial}）不在印章证书列表中`,
        en: `signer certificate (serial ${signer.serial}) is not in the seal's certList`,
      },
      { signerSerial: signer.serial, listedSerials: serials },
    );
  }

  // maker
  const maker = checkMaker(col, seal, policy);

  // timestamp (before times: a valid one would give the validation time)
  let tstTime: Date | undefined;
  let tsa: CertView | undefined;
  if (v.timeStamp) {
    const t = await checkTimestampToken(v.timeStamp, v.signature);
    col.add('timestamp', RULES.timestamp, t.status, t.reason, {
      ...(t.genTime ? { genTime: iso(t.genTime) } : {}),
      ...(t.tsaCertificate
        ? { tsaSubject: t.tsaCertificate.subject, tsaSerial: t.tsaCertificate.serialNumber }
        : {}),
      bytes: v.timeStamp.length,
    });
    if (t.status === 'passed') {
      tstTime = t.genTime;
      if (t.tsaCertificate) tsa = readCert(t.tsaCertificate.der);
    }
  }
  if (seal.timeStamp) {
    const t = await checkTimestampToken(seal.timeStamp, seal.signedValue);
    col.add(
      'timestamp',
      RULES.timestamp,
      t.status,
      { zh: `印章时间戳：${t.reason.zh}`, en: `seal timestamp: ${t.reason.en}` },
      { sealTimestampBytes: seal.timeStamp.length },
    );
  }

  // times
  const { at, label } = validationTime(policy, tbs.timeInfo, tstTime);
  let timeSub: SubIndication | undefined = checkSealTime(col, seal, maker, at, label, policy);
  if (signer && at) {
    const ev = {
      at: iso(at),
      signerNotBefore: iso(signer.notBefore),
      signerNotAfter: iso(signer.notAfter),
      timeInfo: tbs.timeInfoText,
    };
    if (at > signer.notAfter) {
      timeSub ??= 'EXPIRED';
      col.add(
        'time',
        RULES.time,
        'failed',
        {
          zh: `${label.zh} ${iso(at)} 晚于签章人证书有效期截止 ${iso(signer.notAfter)}`,
          en: `${label.en} ${iso(at)} is after the signer certificate expired ${iso(signer.notAfter)}`,
        },
        ev,
      );
    } else if (at < signer.notBefore) {
      timeSub ??= 'NOT_YET_VALID';
      col.add(
        'time',
        RULES.time,
        'failed',
        {
          zh: `${label.zh} ${iso(at)} 早于签章人证书有效期起始 ${iso(signer.notBefore)}`,
          en: `${label.en} ${iso(at)} is before the signer certificate's notBefore ${iso(signer.notBefore)}`,
        },
        ev,
      );
    } else {
      col.add(
        'time',
        RULES.time,
        'passed',
        {
          zh: `${label.zh} ${iso(at)} 在签章人证书有效期内`,
          en: `${label.en} ${iso(at)} within the signer certificate's validity`,
        },
        ev,
      );
    }
  }

  // trust
  const trustSub = await checkTrust(
    col,
    [
      ...(signer ? [{ role: 'signer' as const, cert: signer }] : []),
      ...(maker ? [{ role: 'maker' as const, cert: maker }] : []),
      ...(tsa ? [{ role: 'tsa' as const, cert: tsa }] : []),
    ],
    at,
    policy,
  );

  return {
    value: v,
    seal: sealSummary(seal, maker),
    ...(signer ? { signer: signer.summary } : {}),
    ...(tbs.timeInfo ? { signingTime: tbs.timeInfo } : {}),
    ...(timeSub ? { timeSub } : {}),
    ...(trustSub ? { trustSub } : {}),
  };
}

/**
 * Non-standard signer computations seen in the wild (research §1.1, §2): the SM2 `e` taken as `dataHash`
 * directly (no Z, no TBS_Sign — the dms360 2014 seals), `e` = SM3(TBS_Sign) without Z, and Z computed with
 * an empty user ID. Returns the one that matches, for the report; never makes a signature pass.
 */
function diagnoseSigner(
  tbs: Uint8Array,
  dataHash: Uint8Array,
  sig: Uint8Array,
  pub: Uint8Array,
): { code: string; message: { zh: string; en: string } } | undefined {
  if (dataHash.length === 32 && sm2VerifyDigest(dataHash, sig, pub, { format: 'auto' }).valid)
    return {
      code: 'SIGNATURE-OVER-DATAHASH-NO-Z',
      message: {
        zh: '以 dataHash 直接作为 e 的签名（无 Z、不含 TBS_Sign）',
        en: 'a signature with e = dataHash (no Z, TBS_Sign not covered)',
      },
    };
  if (sm2VerifyDigest(sm3(tbs), sig, pub, { format: 'auto' }).valid)
    return {
      code: 'SIGNATURE-NO-Z',
      message: { zh: 'e = SM3(TBS_Sign)，未计算 Z', en: 'e = SM3(TBS_Sign) without Z' },
    };
  if (sm2Verify(tbs, sig, pub, { userId: '', format: 'auto' }).valid)
    return {
      code: 'SIGNATURE-EMPTY-ID',
      message: { zh: '以空用户 ID 计算 Z 的签名', en: 'Z computed with an empty user ID' },
    };
  return undefined;
}
