/**
 * Verification results: per signature a set of named checks (each a {@link Finding} summary with status,
 * message and evidence), an ETSI EN 319 102-1 style indication, and for the document the worst of them.
 * @module
 */
import {
  CHECK_STATUSES,
  type CheckStatus,
  type Finding,
  type LocalizedText,
  makeReport,
  type Report,
  type Rule,
} from '@gbkit/core';
import type { SesVariant } from '../ses/variants.js';

/** Overall result (ETSI EN 319 102-1 §5.1.3). */
export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';

/**
 * Sub-indications, from ETSI EN 319 102-1 table 5 where they fit. `SIG_CONSTRAINTS_FAILURE` is used with
 * TOTAL_FAILED when the signer certificate is not one the seal lists (a definite failure of the seal's own
 * constraint).
 */
export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'SIG_CONSTRAINTS_FAILURE'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'CERTIFICATE_CHAIN_GENERAL_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'SIGNED_DATA_NOT_FOUND'
  | 'TRY_LATER'
  | 'NO_POE'
  | 'POLICY_PROCESSING_ERROR';

/** Names of the per-signature checks. */
export type CheckName =
  | 'format'
  | 'integrity'
  | 'binding'
  | 'signer'
  | 'maker'
  | 'certInSeal'
  | 'time'
  | 'trust'
  | 'coverage'
  | 'timestamp'
  | 'sealCopy';

/** The checks every signature result carries (others only when relevant). */
export const REQUIRED_CHECKS: readonly CheckName[] = [
  'integrity',
  'binding',
  'signer',
  'maker',
  'certInSeal',
  'time',
  'trust',
  'coverage',
];

/** The summary of one named check: its worst status, the messages and merged evidence. */
export interface SignatureCheck {
  readonly name: CheckName;
  readonly status: CheckStatus;
  readonly message: LocalizedText;
  /** Rule IDs of the findings behind this check. */
  readonly rules: readonly string[];
  readonly evidence: Readonly<Record<string, unknown>>;
  /** Tolerated variants relevant to this check. */
  readonly tolerated?: readonly string[];
}

/** A certificate as reported. */
export interface CertSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

/** Seal facts as reported. */
export interface SealSummary {
  readonly layout: '2014' | 'v4' | 'v5';
  readonly name: string;
  readonly esID: string;
  readonly vid: string;
  readonly type: number;
  readonly version: number;
  readonly createDate: string;
  readonly validStart: string;
  readonly validEnd: string;
  readonly pictureType: string;
  readonly maker?: CertSummary;
}

/** What kind of signed value a signature holds. */
export type SignatureKind = 'SES' | 'GBT35275' | 'PKCS7' | 'DigitalSign' | 'SealOnly' | 'unknown';

/** The result for one signature (or one stand-alone seal). */
export interface SignatureResult {
  /** `ID` from Signatures.xml, or the file name for stand-alone inputs. */
  readonly id: string;
  /** `Seal` or `Sign` (OFD `Type`), `seal` for a stand-alone `.esl`. */
  readonly type: string;
  readonly kind: SignatureKind;
  readonly indication: Indication;
  readonly subIndication?: SubIndication;
  readonly checks: Readonly<Partial<Record<CheckName, SignatureCheck>>>;
  /** Every finding with rule ID and clause. */
  readonly report: Report;
  readonly seal?: SealSummary;
  readonly signer?: CertSummary;
  /** Claimed signing time (ISO), when known. */
  readonly signingTime?: string;
  /** Path of Signature.xml for OFD signatures. */
  readonly signaturePath?: string;
  /** Tolerated non-standard encodings. */
  readonly variants: readonly SesVariant[];
}

/** Input format of a verified file. */
export type VerifiedFormat = 'ofd' | 'pdf' | 'esl' | 'ses-signature' | 'unknown';

/** The result for a whole file. */
export interface VerificationResult {
  readonly file?: string;
  readonly format: VerifiedFormat;
  readonly indication: Indication;
  readonly subIndication?: SubIndication;
  readonly signatures: readonly SignatureResult[];
  /** Document-level findings (no signatures, GM/T 0099 integrity protection …). */
  readonly report: Report;
  /** GM/T 0099 integrity protection result when the OFD carries one. */
  readonly integrityProtection?: SignatureResult;
}

/** Rank of a status: lower is worse (the order of `CHECK_STATUSES`, as `worstStatus` uses). */
function rank(s: CheckStatus): number {
  const r = CHECK_STATUSES.indexOf(s);
  return r < 0 ? CHECK_STATUSES.length - 1 : r;
}

/** A finding of one signature's report, tagged with the check it belongs to. */
export type CheckFinding = Finding & { check: CheckName };

/** Collects findings per named check for one signature. */
export class CheckCollector {
  readonly findings: CheckFinding[] = [];
  readonly variants: SesVariant[] = [];

  add(
    check: CheckName,
    rule: Rule,
    status: CheckStatus,
    message: LocalizedText,
    data?: Record<string, unknown>,
    tolerated?: string,
  ): void {
    this.findings.push({
      check,
      ruleId: rule.id,
      clause: rule.clause,
      evidence: rule.evidence,
      status,
      message,
      ...(data ? { data } : {}),
      ...(tolerated ? { tolerated } : {}),
    });
  }

  /** The worst status of the findings of `check`, undefined when it has none. */
  status(check: CheckName): CheckStatus | undefined {
    let worst: CheckStatus | undefined;
    for (const f of this.findings) {
      if (f.check !== check) continue;
      if (worst === undefined || rank(f.status) < rank(worst)) worst = f.status;
    }
    return worst;
  }

  /** Summaries per check name, in the order the checks first appear. */
  checks(): Partial<Record<CheckName, SignatureCheck>> {
    const groups = new Map<CheckName, CheckFinding[]>();
    for (const f of this.findings) {
      const g = groups.get(f.check);
      if (g) g.push(f);
      else groups.set(f.check, [f]);
    }
    const out: Partial<Record<CheckName, SignatureCheck>> = {};
    for (const [name, fs] of groups) {
      let status = (fs[0] as CheckFinding).status;
      for (const f of fs) if (rank(f.status) < rank(status)) status = f.status;
      // the messages of the worst findings first, then the other non-passed ones
      let zh = '';
      let en = '';
      let first = true;
      for (let pass = 0; pass < 2; pass++) {
        for (const f of fs) {
          const shown =
            pass === 0
              ? f.status === status
              : f.status !== status && f.status !== 'passed' && f.status !== 'not-applicable';
          if (!shown) continue;
          zh = first ? f.message.zh : `${zh}；${f.message.zh}`;
          en = first ? f.message.en : `${en}; ${f.message.en}`;
          first = false;
        }
      }
      const evidence: Record<string, unknown> = {};
      const rules: string[] = [];
      const tolerated: string[] = [];
      for (const f of fs) {
        if (f.data) Object.assign(evidence, f.data);
        if (!rules.includes(f.ruleId)) rules.push(f.ruleId);
        if (f.tolerated) tolerated.push(f.tolerated);
      }
      out[name] = {
        name,
        status,
        message: { zh, en },
        rules,
        evidence,
        ...(tolerated.length ? { tolerated } : {}),
      };
    }
    return out;
  }

  /** The findings as a report; each finding's `data` starts with its check name. */
  report(subject?: string): Report {
    const out: Finding[] = [];
    for (const f of this.findings) {
      const data = f.data ? { check: f.check, ...f.data } : { check: f.check };
      // the same members in the same order as the collected finding, `check` moved into `data`
      // (appended last when the finding had no data)
      out.push(
        f.data
          ? {
              ruleId: f.ruleId,
              clause: f.clause,
              evidence: f.evidence,
              status: f.status,
              message: f.message,
              data,
              ...(f.tolerated ? { tolerated: f.tolerated } : {}),
            }
          : {
              ruleId: f.ruleId,
              clause: f.clause,
              evidence: f.evidence,
              status: f.status,
              message: f.message,
              ...(f.tolerated ? { tolerated: f.tolerated } : {}),
              data,
            },
      );
    }
    return makeReport(out, subject);
  }
}

/** Per-check failure/indeterminate → indication, in the order of research §6. */
export function indicationOf(
  c: Partial<Record<CheckName, SignatureCheck>>,
  hints: { timeSub?: SubIndication; trustSub?: SubIndication; integritySub?: SubIndication } = {},
): { indication: Indication; subIndication?: SubIndication } {
  const st = (n: CheckName): CheckStatus | undefined => c[n]?.status;
  if (st('format') === 'failed') return { indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' };
  if (st('integrity') === 'failed' || st('binding') === 'failed' || st('sealCopy') === 'failed')
    return { indication: 'TOTAL_FAILED', subIndication: hints.integritySub ?? 'HASH_FAILURE' };
  if (st('signer') === 'failed' || st('maker') === 'failed')
    return { indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' };
  if (st('certInSeal') === 'failed')
    return { indication: 'TOTAL_FAILED', subIndication: 'SIG_CONSTRAINTS_FAILURE' };
  if (st('time') === 'failed')
    return { indication: 'TOTAL_FAILED', subIndication: hints.timeSub ?? 'EXPIRED' };
  if (st('trust') === 'failed')
    return {
      indication: 'TOTAL_FAILED',
      subIndication: hints.trustSub ?? 'CERTIFICATE_CHAIN_GENERAL_FAILURE',
    };
  if (st('integrity') === 'indeterminate')
    return { indication: 'INDETERMINATE', subIndication: hints.integritySub ?? 'SIGNED_DATA_NOT_FOUND' };
  if (st('binding') === 'indeterminate')
    return { indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' };
  if (st('signer') === 'indeterminate')
    return { indication: 'INDETERMINATE', subIndication: 'NO_SIGNING_CERTIFICATE_FOUND' };
  if (st('maker') === 'indeterminate' || st('certInSeal') === 'indeterminate')
    return { indication: 'INDETERMINATE', subIndication: 'SIG_CONSTRAINTS_FAILURE' };
  if (st('time') === 'indeterminate')
    return { indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE' };
  if (st('trust') === 'indeterminate')
    return { indication: 'INDETERMINATE', subIndication: hints.trustSub ?? 'NO_CERTIFICATE_CHAIN_FOUND' };
  if (st('timestamp') === 'failed' || st('timestamp') === 'indeterminate')
    return { indication: 'INDETERMINATE', subIndication: 'NO_POE' };
  for (const v of Object.values(c))
    if (v && v.status === 'failed') return { indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' };
  for (const v of Object.values(c))
    if (v && v.status === 'indeterminate') return { indication: 'INDETERMINATE' };
  return { indication: 'TOTAL_PASSED' };
}

const RANK: Record<Indication, number> = { TOTAL_FAILED: 0, INDETERMINATE: 1, TOTAL_PASSED: 2 };

/** The worst indication among results (TOTAL_FAILED > INDETERMINATE > TOTAL_PASSED), with its sub-indication. */
export function worstIndication(
  results: readonly { indication: Indication; subIndication?: SubIndication }[],
): { indication: Indication; subIndication?: SubIndication } {
  let best: { indication: Indication; subIndication?: SubIndication } | undefined;
  for (const r of results) if (!best || RANK[r.indication] < RANK[best.indication]) best = r;
  return best
    ? { indication: best.indication, ...(best.subIndication ? { subIndication: best.subIndication } : {}) }
    : { indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' };
}
