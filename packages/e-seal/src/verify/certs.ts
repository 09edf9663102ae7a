/**
 * Certificates as the verifier needs them (subject, serial, validity, SM2 public key) and the trust
 * evaluation (path to a configured anchor, relaxed rules, revocation hook), on top of `@gbkit/crypto`'s PKI.
 * @module
 */
import type { CheckStatus, LocalizedText } from '@gbkit/core';
import { parseCertificate } from '@gbkit/crypto';
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
  if (hit && hit.der.length === der.length && hit.der.every((b, i) => b === der[i])) return hit;
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

function parsePool(list: readonly Uint8Array[] | undefined): CertView[] {
  const out: CertView[] = [];
  for (const b of list ?? []) {
    try {
      out.push(readCert(b));
    } catch {
      // unusable pool entries are ignored; the path then simply is not found
    }
  }
  return out;
}

const sameDer = (a: CertView, b: CertView): boolean =>
  a.der.length === b.der.length && a.der.every((x, i) => x === b.der[i]);
const at2 = (d: Date): string => d.toISOString();

/**
 * Builds a path from `cert` to a trust anchor (issuer name match + issuer signature with the SM2 default
 * ID), checks CA constraints (basicConstraints CA; keyUsage keyCertSign unless `relaxedPath`), validity of
 * every certificate at `at`, and revocation through the policy hook.
 */
async function evaluatePath(cert: CertView, at: Date, policy: VerifyPolicy): Promise<PathOutcome> {
  const anchors = parsePool(policy.trustAnchors);
  const pool = [...anchors, ...parsePool(policy.intermediates)];
  const chain: CertView[] = [cert];
  const relaxed: string[] = [];
  let current = cert;
  for (let depth = 0; depth < 10; depth++) {
    if (anchors.some((a) => sameDer(a, current))) break;
    const candidates = pool.filter((c) => c.subject === current.issuer && !chain.some((x) => sameDer(x, c)));
    let issuer: CertView | undefined;
    for (const c of candidates) {
      const r = await current.parsed.verifySignature(c.parsed);
      if (r.valid) {
        issuer = c;
        break;
      }
    }
    if (!issuer) {
      const selfSigned = current.subject === current.issuer;
      return {
        status: 'indeterminate',
        sub: 'NO_CERTIFICATE_CHAIN_FOUND',
        message: selfSigned
          ? {
              zh: `自签名证书 ${current.subject} 不是已配置的信任锚`,
              en: `self-signed certificate ${current.subject} is not a configured trust anchor`,
            }
          : {
              zh: `找不到 ${current.subject} 的签发者（${current.issuer}）或其签名无效`,
              en: `no issuer (${current.issuer}) of ${current.subject} found with a valid signature`,
            },
        chain: chain.map((c) => c.subject),
      };
    }
    const bc = issuer.parsed.basicConstraints;
    if (!bc?.ca) {
      if (!policy.relaxedPath)
        return {
          status: 'indeterminate',
          sub: 'CHAIN_CONSTRAINTS_FAILURE',
          message: {
            zh: `签发者 ${issuer.subject} 不是 CA（basicConstraints）`,
            en: `issuer ${issuer.subject} is not a CA (basicConstraints)`,
          },
          chain: [...chain, issuer].map((c) => c.subject),
        };
      relaxed.push(`${issuer.subject}: no basicConstraints CA`);
    }
    const ku = issuer.parsed.keyUsage;
    if (ku && !ku.usages.includes('keyCertSign')) {
      if (!policy.relaxedPath)
        return {
          status: 'indeterminate',
          sub: 'CHAIN_CONSTRAINTS_FAILURE',
          message: {
            zh: `签发者 ${issuer.subject} 的密钥用法没有 keyCertSign（严格路径规则）`,
            en: `issuer ${issuer.subject} keyUsage lacks keyCertSign (strict path rules)`,
          },
          chain: [...chain, issuer].map((c) => c.subject),
        };
      relaxed.push(`${issuer.subject}: keyUsage lacks keyCertSign`);
    }
    chain.push(issuer);
    current = issuer;
  }
  if (!anchors.some((a) => sameDer(a, current))) {
    return {
      status: 'indeterminate',
      sub: 'NO_CERTIFICATE_CHAIN_FOUND',
      message: { zh: '证书链过长或未到达信任锚', en: 'chain too long or no anchor reached' },
      chain: chain.map((c) => c.subject),
    };
  }
  for (const c of chain) {
    if (at < c.notBefore || at > c.notAfter) {
      return {
        status: 'failed',
        sub: at > c.notAfter ? 'EXPIRED' : 'NOT_YET_VALID',
        message: {
          zh: `证书链中的 ${c.subject} 在 ${at2(at)} 不在有效期 ${at2(c.notBefore)} … ${at2(c.notAfter)} 内`,
          en: `${c.subject} in the chain is not valid at ${at2(at)} (${at2(c.notBefore)} … ${at2(c.notAfter)})`,
        },
        chain: chain.map((x) => x.subject),
        ...(relaxed.length ? { relaxed } : {}),
      };
    }
  }
  const names = chain.map((x) => x.subject);
  const base = { chain: names, ...(relaxed.length ? { relaxed } : {}) };
  const relaxedNote = relaxed.length
    ? { zh: `（宽松路径规则：${relaxed.join('；')}）`, en: ` (relaxed path rules: ${relaxed.join('; ')})` }
    : { zh: '', en: '' };
  if (!policy.revocation) {
    return {
      status: relaxed.length ? 'warning' : 'passed',
      message: {
        zh: `证书链到达信任锚 ${current.subject}${relaxedNote.zh}；未配置吊销检查`,
        en: `chain reaches the trust anchor ${current.subject}${relaxedNote.en}; revocation not checked (no hook)`,
      },
      ...base,
    };
  }
  for (let i = 0; i < chain.length - 1; i++) {
    const c = chain[i] as CertView;
    const r = await policy.revocation(c.der, chain[i + 1]?.der);
    if (r.status === 'revoked' && (!r.revokedAt || r.revokedAt <= at)) {
      return {
        status: 'failed',
        sub: 'REVOKED',
        message: {
          zh: `${c.subject} 已吊销${r.revokedAt ? `（${at2(r.revokedAt)}）` : ''}`,
          en: `${c.subject} is revoked${r.revokedAt ? ` (${at2(r.revokedAt)})` : ''}`,
        },
        ...base,
      };
    }
    if (r.status === 'unknown') {
      return {
        status: 'indeterminate',
        sub: 'TRY_LATER',
        message: { zh: `${c.subject} 的吊销状态未知`, en: `revocation status of ${c.subject} unknown` },
        ...base,
      };
    }
  }
  return {
    status: relaxed.length ? 'warning' : 'passed',
    message: {
      zh: `证书链到达信任锚 ${current.subject}，未吊销${relaxedNote.zh}`,
      en: `chain reaches the trust anchor ${current.subject}, not revoked${relaxedNote.en}`,
    },
    ...base,
  };
}
