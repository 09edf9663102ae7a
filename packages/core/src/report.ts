/**
 * The one report shape shared by every gbkit validator and verifier, in the spirit of veraPDF and the
 * EU DSS: each finding names the rule it applies (a stable ID), the clause of the standard the rule
 * implements, how sure we are of that clause (evidence level), a status, a message in both languages
 * and the evidence (expected and actual values). Reports count, explain and never claim more than was
 * proven: a check that could not be performed is `indeterminate`, not `passed`.
 *
 * @example
 * ```ts
 * import { ReportBuilder, defineRule } from '@gbkit/core';
 * const USCC_CHECK = defineRule({
 *   id: 'CODES-USCC-CHECK',
 *   clause: 'GB 32100-2015 §4.3',
 *   evidence: 'confirmed',
 *   title: { zh: '统一社会信用代码校验码', en: 'USCC check character' },
 * });
 * const r = new ReportBuilder('91350100M000100Y43');
 * r.pass(USCC_CHECK, { zh: '校验码正确', en: 'check character correct' });
 * r.build().counts.passed; // 1
 * ```
 * @module
 */
import type { ErrorLocation } from './errors.js';
import { getDefaultLocale, type Locale, type LocalizedText, localize } from './locale.js';

/** Outcome of one check. */
export type CheckStatus = 'passed' | 'failed' | 'warning' | 'indeterminate' | 'not-applicable';

/** All statuses, worst first. */
export const CHECK_STATUSES: readonly CheckStatus[] = [
  'failed',
  'indeterminate',
  'warning',
  'passed',
  'not-applicable',
];

/**
 * How sure we are that a rule reflects the standard: `confirmed` (from the standard text or an
 * authoritative source), `inferred` (from practice and related documents), `uncertain` (a guess
 * that is configurable).
 */
export type EvidenceLevel = 'confirmed' | 'inferred' | 'uncertain';

/** Strict applies the standard as written; lenient accepts known deviations seen in practice and reports each as a warning. */
export type ValidationMode = 'strict' | 'lenient';

/** A validation rule: stable ID, clause, evidence level and title. */
export interface Rule {
  /** Stable identifier, `PACKAGE-AREA-NAME` in upper case (e.g. `LIC-ID-CHECK`). */
  readonly id: string;
  /** The clause implemented (e.g. `GB/T 36904-2018 §5.2`). */
  readonly clause: string;
  readonly evidence: EvidenceLevel;
  readonly title: LocalizedText;
}

/** Declares a rule (identity function that checks the ID form). */
export function defineRule<R extends Rule>(rule: R): R {
  if (!/^[A-Z0-9]+(?:-[A-Z0-9]+)+$/.test(rule.id)) {
    throw new TypeError(`rule id must look like PKG-AREA-NAME, got ${rule.id}`);
  }
  return Object.freeze(rule);
}

/** One check's result. */
export interface Finding {
  readonly ruleId: string;
  readonly clause: string;
  readonly evidence: EvidenceLevel;
  readonly status: CheckStatus;
  readonly message: LocalizedText;
  readonly location?: ErrorLocation;
  /** Evidence: expected and actual values, subjects, serials, times. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Set when lenient mode tolerated a deviation: says exactly what was tolerated. */
  readonly tolerated?: string;
}

/** Counts per status. */
export type StatusCounts = Record<CheckStatus, number>;

/** A list of findings with counts. `ok` is true when nothing failed and nothing is indeterminate. */
export interface Report {
  /** What was checked (a file name, a code, an identifier). */
  readonly subject?: string;
  readonly findings: readonly Finding[];
  readonly counts: StatusCounts;
  /** The worst status among the findings (`not-applicable` for an empty report). */
  readonly status: CheckStatus;
  readonly ok: boolean;
}

/** Extra facts for a finding. */
export interface FindingExtra {
  readonly location?: ErrorLocation;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly tolerated?: string;
}

/** Counts findings by status. */
export function countStatuses(findings: readonly { status: CheckStatus }[]): StatusCounts {
  const counts: StatusCounts = { passed: 0, failed: 0, warning: 0, indeterminate: 0, 'not-applicable': 0 };
  for (const f of findings) counts[f.status]++;
  return counts;
}

/** The worst of several statuses (`failed` > `indeterminate` > `warning` > `passed` > `not-applicable`). */
export function worstStatus(statuses: Iterable<CheckStatus>): CheckStatus {
  let worst = CHECK_STATUSES.length - 1;
  for (const s of statuses) worst = Math.min(worst, CHECK_STATUSES.indexOf(s));
  return CHECK_STATUSES[worst] as CheckStatus;
}

/** Builds a {@link Report} one finding at a time. */
export class ReportBuilder {
  private readonly findings: Finding[] = [];
  constructor(private readonly subject?: string) {}

  /** Adds a finding for `rule` with the given status. */
  add(rule: Rule, status: CheckStatus, message: LocalizedText, extra: FindingExtra = {}): this {
    this.findings.push({
      ruleId: rule.id,
      clause: rule.clause,
      evidence: rule.evidence,
      status,
      message,
      ...(extra.location ? { location: extra.location } : {}),
      ...(extra.data ? { data: extra.data } : {}),
      ...(extra.tolerated ? { tolerated: extra.tolerated } : {}),
    });
    return this;
  }
  pass(rule: Rule, message: LocalizedText, extra?: FindingExtra): this {
    return this.add(rule, 'passed', message, extra);
  }
  fail(rule: Rule, message: LocalizedText, extra?: FindingExtra): this {
    return this.add(rule, 'failed', message, extra);
  }
  warn(rule: Rule, message: LocalizedText, extra?: FindingExtra): this {
    return this.add(rule, 'warning', message, extra);
  }
  indeterminate(rule: Rule, message: LocalizedText, extra?: FindingExtra): this {
    return this.add(rule, 'indeterminate', message, extra);
  }
  notApplicable(rule: Rule, message: LocalizedText, extra?: FindingExtra): this {
    return this.add(rule, 'not-applicable', message, extra);
  }
  /** Appends findings produced elsewhere (another report). */
  addAll(findings: readonly Finding[]): this {
    this.findings.push(...findings);
    return this;
  }
  build(): Report {
    return makeReport(this.findings, this.subject);
  }
}

/** Makes a {@link Report} from findings. */
export function makeReport(findings: readonly Finding[], subject?: string): Report {
  const counts = countStatuses(findings);
  const status = worstStatus(findings.map((f) => f.status));
  return {
    ...(subject !== undefined ? { subject } : {}),
    findings: [...findings],
    counts,
    status,
    ok: counts.failed === 0 && counts.indeterminate === 0,
  };
}

const STATUS_LABEL: Record<CheckStatus, LocalizedText> = {
  passed: { zh: '通过', en: 'passed' },
  failed: { zh: '未通过', en: 'failed' },
  warning: { zh: '警告', en: 'warning' },
  indeterminate: { zh: '无法确定', en: 'indeterminate' },
  'not-applicable': { zh: '不适用', en: 'not applicable' },
};

/** The label of a status in a language. */
export function statusLabel(status: CheckStatus, locale: Locale = getDefaultLocale()): string {
  return localize(STATUS_LABEL[status], locale);
}

/** One line per finding: `[status] RULE-ID (clause): message`. */
export function formatReport(report: Report, locale: Locale = getDefaultLocale()): string {
  return report.findings
    .map(
      (f) =>
        `[${statusLabel(f.status, locale)}] ${f.ruleId} (${f.clause}): ${localize(f.message, locale)}` +
        (f.tolerated
          ? locale === 'zh'
            ? `（宽松模式容忍：${f.tolerated}）`
            : ` (tolerated: ${f.tolerated})`
          : ''),
    )
    .join('\n');
}
