/**
 * Certificates as the verifier needs them (subject, serial, validity, SM2 public key) and the trust
 * evaluation (path to a configured anchor, relaxed rules, revocation hook), on top of `@gbkit/crypto`'s PKI.
 * @module
 */
import { type CheckStatus, equalBytes, type LocalizedText } from '@gbkit/core';
import { parseCertificate, validatePath } from '@gbkit/crypto';
import type { VerifyPolicy } from './policy.js';
import type { CertSummary, CheckCollector, SubIndication } from './result.js';
import { RULES } from './rules.js';

/** What the verifier uses of a certificate. */
export interface CertView {
  readonly der: Uint8Array;
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** 65-byte uncompressed SM2 public key, when the key is SM2. */
  readonly publicKey?: Uint8Array;
  readonly summary: CertSummary;
  /** The underlying parsed certificate from `@gbkit/crypto`. */
  readonly parsed: ReturnType<typeof parseCertificate>;
}

const cache = new Map<string, CertView>();

function keyOf(der: Uint8Array): string {
  // the signature value at the end of the certificate is unique enough together with the length
  let h = der.length;
  for (let i = Math.max(0, der.length - 64); i < der.length; i++) h = (h * 31 + (der[i] as number)) >>> 0;
  return `${der.length}:${h}`;
}

/** Parses (and caches) a certificate; throws the typed errors of `parseCertificate`. */
export function readCert(der: Uint8Array): CertView {
  const k = keyOf(der);
  const hit = cache.get(k);
  if (hit && equalBytes(hit.der, der)) return hit;
  const c = parseCertificate(der);
  const view: CertView = {
    der,
    subject: c.subject,
    issuer: c.issuer,
    serial: c.serialNumber,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    ...(c.publicKeyInfo.isSm2 ? { publicKey: c.publicKey } : {}),
    summary: {
      subject: c.subject,
      issuer: c.issuer,
      serial: c.serialNumber,
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
    },
    parsed: c,
  };
  if (cache.size > 256) cache.clear();
  cache.set(k, view);
  return view;
}

/** A certificate whose trust is evaluated, with its role for messages. */
export interface TrustSubject {
  readonly role: 'signer' | 'maker' | 'tsa';
  readonly cert: CertView;
}

const ROLE: Record<TrustSubject['role'], { zh: string; en: string }> = {
  signer: { zh: '签章人', en: 'signer' },
  maker: { zh: '制章人', en: 'seal maker' },
  tsa: { zh: '时间戳机构', en: 'TSA' },
};

/**
 * The `trust` check for each certificate: a path to a configured anchor at `at`, then revocation.
 * Returns the sub-indication hint. Without anchors: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND.
 */
export async function checkTrust(
  col: CheckCollector,
  subjects: readonly TrustSubject[],
  at: Date | undefined,
  policy: VerifyPolicy,
): Promise<SubIndication | undefined> {
  if (subjects.length === 0) {
    col.add('trust', RULES.trust, 'indeterminate', {
      zh: '没有可评估的证书',
      en: 'no certificate to evaluate',
    });
    return 'NO_SIGNING_CERTIFICATE_FOUND';
  }
  const anchors = policy.trustAnchors ?? [];
  if (anchors.length === 0) {
    for (const s of subjects) {
      col.add(
        'trust',
        RULES.trust,
        'indeterminate',
        {
          zh: `未配置信任锚，${ROLE[s.role].zh}证书（${s.cert.subject}）的证书链无法评估`,
          en: `no trust anchor configured: the ${ROLE[s.role].en} certificate (${s.cert.subject}) chain cannot be evaluated`,
        },
        {
          [`${s.role}Subject`]: s.cert.subject,
          [`${s.role}Issuer`]: s.cert.issuer,
          [`${s.role}Serial`]: s.cert.serial,
        },
      );
    }
    return 'NO_CERTIFICATE_CHAIN_FOUND';
  }
  let sub: SubIndication | undefined;
  for (const s of subjects) {
    const r = await evaluatePath(s.cert, at ?? policy.now ?? new Date(), policy);
    const ev = {
      [`${s.role}Subject`]: s.cert.subject,
      [`${s.role}Serial`]: s.cert.serial,
      [`${s.role}Chain`]: r.chain,
      ...(r.relaxed ? { relaxed: r.relaxed } : {}),
    };
    col.add(
      'trust',
      RULES.trust,
      r.status,
      {
        zh: `${ROLE[s.role].zh}证书：${r.message.zh}`,
        en: `${ROLE[s.role].en} certificate: ${r.message.en}`,
      },
      ev,
      r.relaxed?.join(', '),
    );
    if (r.status !== 'passed' && r.status !== 'warning' && !sub) sub = r.sub;
  }
  return sub;
}

/** Outcome of a path evaluation. */
interface PathOutcome {
  readonly status: CheckStatus;
  readonly sub?: SubIndication;
  readonly message: LocalizedText;
  /** Subjects from the certificate up to the anchor. */
  readonly chain: readonly string[];
  /** Relaxations applied (relaxed policy). */
  readonly relaxed?: readonly string[];
}

async function evaluatePath(cert: CertView, at: Date, policy: VerifyPolicy): Promise<PathOutcome> {
  const r = await validatePath(cert.parsed, {
    trustAnchors: policy.trustAnchors ?? [],
    intermediates: policy.intermediates ?? [],
    at,
    ...(policy.userId ? { userId: policy.userId } : {}),
    ...(policy.relaxedPath ? { relaxed: { allowMissingKeyCertSign: true, allowMissingCaFlag: true } } : {}),
    ...(policy.crl ? { crl: policy.crl } : {}),
  });
  const chain = r.chain.map((c) => c.subject);
  const relaxed = r.problems.filter((p) => p.tolerated).map((p) => `${p.subject}: ${p.message.en}`);
  const extra = relaxed.length ? { relaxed } : {};
  const errors = r.problems.filter((p) => p.severity === 'error' && !p.tolerated);
  const warnings = r.problems.filter((p) => p.severity === 'warning');
  const join = (ps: typeof r.problems): LocalizedText => ({
    zh: ps.map((p) => p.message.zh).join('；'),
    en: ps.map((p) => p.message.en).join('; '),
  });
  if (r.status === 'indeterminate') {
    const sub: SubIndication = errors.some((p) => p.code === 'ERR_PATH_CRL_UNAVAILABLE')
      ? 'TRY_LATER'
      : 'NO_CERTIFICATE_CHAIN_FOUND';
    return {
      status: 'indeterminate',
      sub,
      message: errors.length
        ? join(errors)
        : { zh: '找不到到达信任锚的证书链', en: 'no path to a trust anchor' },
      chain,
      ...extra,
    };
  }
  if (r.status === 'invalid') {
    const codes = errors.map((p) => p.code);
    let sub: SubIndication = 'CERTIFICATE_CHAIN_GENERAL_FAILURE';
    let status: CheckStatus = 'failed';
    if (codes.includes('ERR_PATH_REVOKED')) sub = 'REVOKED';
    else if (codes.includes('ERR_PATH_EXPIRED')) sub = 'EXPIRED';
    else if (codes.includes('ERR_PATH_NOT_YET_VALID')) sub = 'NOT_YET_VALID';
    else if (!codes.includes('ERR_PATH_SIGNATURE') && !codes.includes('ERR_PATH_CRL_SIGNATURE')) {
      sub = 'CHAIN_CONSTRAINTS_FAILURE';
      status = 'indeterminate';
    }
    return { status, sub, message: join(errors), chain, ...extra };
  }
  let message: LocalizedText = {
    zh: `证书链到达信任锚 ${r.trustAnchor?.subject ?? ''}`,
    en: `chain reaches the trust anchor ${r.trustAnchor?.subject ?? ''}`,
  };
  if (warnings.length)
    message = { zh: `${message.zh}（${join(warnings).zh}）`, en: `${message.en} (${join(warnings).en})` };
  if (!policy.crl && !policy.revocation)
    message = { zh: `${message.zh}；未配置吊销检查`, en: `${message.en}; revocation not checked (no hook)` };
  if (policy.revocation) {
    const full = r.chain;
    for (let i = 0; i < full.length - 1; i++) {
      const c = full[i] as (typeof full)[number];
      const rv = await policy.revocation(c.der, full[i + 1]?.der);
      if (rv.status === 'revoked' && (!rv.revokedAt || rv.revokedAt <= at)) {
        return {
          status: 'failed',
          sub: 'REVOKED',
          message: { zh: `${c.subject} 已吊销`, en: `${c.subject} is revoked` },
          chain,
          ...extra,
        };
      }
      if (rv.status === 'unknown')
        return {
          status: 'indeterminate',
          sub: 'TRY_LATER',
          message: { zh: `${c.subject} 的吊销状态未知`, en: `revocation status of ${c.subject} unknown` },
          chain,
          ...extra,
        };
    }
  }
  return { status: relaxed.length || warnings.length ? 'warning' : 'passed', message, chain, ...extra };
}
