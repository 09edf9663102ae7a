/**
 * Stand-alone inputs: a seal file (`.esl`, a DER `SESeal`) and a raw `SES_Signature` (`SignedValue.dat`),
 * optionally with the `Signature.xml` it signs (for the binding check).
 * @module
 */
import { ReportBuilder } from '@gbkit/core';
import { decodeSeal } from '../ses/seal.js';
import { checkTrust } from './certs.js';
import { finishSignature, type VerifyOptions } from './ofd.js';
import { CheckCollector, type VerificationResult } from './result.js';
import { RULES } from './rules.js';
import { checkMaker, checkSealTime, errorText, reportVariants, sealSummary } from './seal.js';
import { checkSesSignature, validationTime } from './ses.js';
import { checkTimestampToken } from './timestamp.js';

/**
 * Verifies a stand-alone seal (`.esl`): format, maker signature, validity at the validation time
 * (`now` unless the policy fixes a date), maker certificate trust. Never throws for bad bytes.
 *
 * @example
 * ```ts
 * import { verifySealFile } from '@gbkit/e-seal';
 * import { readFileSync } from 'node:fs';
 * const r = await verifySealFile(readFileSync('UserV4.esl'));
 * console.log(r.signatures[0]?.checks.maker?.status); // 'passed'
 * ```
 */
export async function verifySealFile(
  bytes: Uint8Array,
  options: VerifyOptions = {},
): Promise<VerificationResult> {
  const policy = options.policy ?? {};
  const col = new CheckCollector();
  const id = options.file ?? 'seal';
  let seal: ReturnType<typeof decodeSeal>;
  try {
    seal = decodeSeal(bytes, options.file ? { file: options.file } : undefined);
  } catch (e) {
    const t = errorText(e);
    col.add('format', RULES.format, 'failed', {
      zh: `印章无法解析：${t.zh}`,
      en: `the seal does not parse: ${t.en}`,
    });
    const r = finishSignature(col, { id, type: 'seal', kind: 'SealOnly' }, {}, [
      'integrity',
      'binding',
      'signer',
      'certInSeal',
      'coverage',
    ]);
    return {
      ...(options.file ? { file: options.file } : {}),
      format: 'esl',
      indication: r.indication,
      ...(r.subIndication ? { subIndication: r.subIndication } : {}),
      signatures: [r],
      report: new ReportBuilder(options.file).build(),
    };
  }
  col.add(
    'format',
    RULES.format,
    'passed',
    { zh: `印章解析成功（${seal.layout} 版式）`, en: `the seal parses (${seal.layout} layout)` },
    { layout: seal.layout },
  );
  reportVariants(col, seal.variants, policy);
  const maker = checkMaker(col, seal, policy);
  if (seal.timeStamp) {
    const t = await checkTimestampToken(seal.timeStamp, seal.signedValue);
    col.add(
      'timestamp',
      RULES.timestamp,
      t.status,
      { zh: `印章时间戳：${t.reason.zh}`, en: `seal timestamp: ${t.reason.en}` },
      { bytes: seal.timeStamp.length },
    );
  }
  const vt = policy.validationTime;
  const { at, label } = validationTime(
    { ...policy, validationTime: vt instanceof Date ? vt : 'now' },
    undefined,
    undefined,
  );
  const timeSub = checkSealTime(col, seal, maker, at, label, { ...policy, makerCertAtSigning: false });
  const trustSub = await checkTrust(col, maker ? [{ role: 'maker', cert: maker }] : [], at, policy);
  const r = finishSignature(
    col,
    { id, type: 'seal', kind: 'SealOnly', seal: sealSummary(seal, maker) },
    { ...(timeSub ? { timeSub } : {}), ...(trustSub ? { trustSub } : {}) },
    ['integrity', 'binding', 'signer', 'certInSeal', 'coverage'],
  );
  return {
    ...(options.file ? { file: options.file } : {}),
    format: 'esl',
    indication: r.indication,
    ...(r.subIndication ? { subIndication: r.subIndication } : {}),
    signatures: [r],
    report: new ReportBuilder(options.file).build(),
  };
}

/** Options for {@link verifySesSignatureFile}. */
export interface SesFileOptions extends VerifyOptions {
  /** The signed original (raw `Signature.xml` bytes); without it binding is indeterminate. */
  readonly signatureXml?: Uint8Array;
  /** Its path in the package (compared with `propertyInfo`); default: not compared. */
  readonly signatureXmlPath?: string;
}

/**
 * Verifies a raw `SES_Signature` (`SignedValue.dat`), with the optional `Signature.xml` for binding.
 *
 * @example
 * ```ts
 * import { verifySesSignatureFile } from '@gbkit/e-seal';
 * import { readFileSync } from 'node:fs';
 * const r = await verifySesSignatureFile(readFileSync('SignedValueV4.dat'), { signatureXml: readFileSync('Signature.xml') });
 * console.log(r.signatures[0]?.checks.signer?.status, r.signatures[0]?.checks.binding?.status);
 * ```
 */
export async function verifySesSignatureFile(
  bytes: Uint8Array,
  options: SesFileOptions = {},
): Promise<VerificationResult> {
  const policy = options.policy ?? {};
  const col = new CheckCollector();
  const facts = await checkSesSignature(col, {
    value: bytes,
    ...(options.signatureXml ? { original: options.signatureXml } : {}),
    ...(options.signatureXmlPath ? { originalPath: options.signatureXmlPath } : {}),
    policy,
  });
  const r = finishSignature(
    col,
    {
      id: options.file ?? 'SES_Signature',
      type: 'Seal',
      kind: 'SES',
      ...(facts.seal ? { seal: facts.seal } : {}),
      ...(facts.signer ? { signer: facts.signer } : {}),
      ...(facts.signingTime ? { signingTime: facts.signingTime.toISOString() } : {}),
    },
    {
      ...(facts.timeSub ? { timeSub: facts.timeSub } : {}),
      ...(facts.trustSub ? { trustSub: facts.trustSub } : {}),
    },
    ['integrity', 'coverage'],
  );
  return {
    ...(options.file ? { file: options.file } : {}),
    format: 'ses-signature',
    indication: r.indication,
    ...(r.subIndication ? { subIndication: r.subIndication } : {}),
    signatures: [r],
    report: new ReportBuilder(options.file).build(),
  };
}
