/**
 * Certification path building and validation (RFC 5280 §6, the parts national SM2 PKIs use): from a
 * leaf to a configured trust anchor at a given time, checking every link's validity period,
 * basicConstraints (CA, pathLenConstraint), keyUsage keyCertSign, name chaining (issuer = subject,
 * authorityKeyIdentifier = subjectKeyIdentifier when both are present), the signature (SM2 with the
 * default user ID; ECDSA/RSA via WebCrypto), unknown critical extensions, and revocation through a
 * caller-supplied CRL hook. Returns a structured result with stable problem codes.
 *
 * Trust anchors are certificates; like OpenSSL and most national-PKI verifiers, their own validity,
 * basicConstraints and keyUsage are checked too (their self-signature is not: an anchor is trusted by
 * configuration).
 * @module
 */
import type { LocalizedText } from '@gbkit/core';
import { type KeyUsageName, type ParsedCertificate, parseCertificate } from './certificate.js';
import type { ParsedCrl } from './crl.js';
import { namesEqual } from './name.js';
import { OID } from './oids.js';

/** Stable problem codes of {@link validatePath}. */
export type PathProblemCode =
  | 'ERR_PATH_NO_TRUSTED_CHAIN'
  | 'ERR_PATH_NOT_YET_VALID'
  | 'ERR_PATH_EXPIRED'
  | 'ERR_PATH_SIGNATURE'
  | 'ERR_PATH_NOT_CA'
  | 'ERR_PATH_LENGTH'
  | 'ERR_PATH_KEY_CERT_SIGN'
  | 'ERR_PATH_AKI_MISMATCH'
  | 'ERR_PATH_UNKNOWN_CRITICAL_EXTENSION'
  | 'ERR_PATH_LEAF_KEY_USAGE'
  | 'ERR_PATH_REVOKED'
  | 'ERR_PATH_CRL_SIGNATURE'
  | 'ERR_PATH_CRL_ISSUER'
  | 'ERR_PATH_CRL_STALE'
  | 'ERR_PATH_CRL_UNAVAILABLE'
  | 'ERR_PATH_TOO_LONG';

/** One problem found on the path. */
export interface PathProblem {
  readonly code: PathProblemCode;
  /** `error` makes the path invalid (or indeterminate); `warning` is informational or tolerated. */
  readonly severity: 'error' | 'warning';
  /** True when a relaxed option turned this error into a warning. */
  readonly tolerated?: boolean;
  /** Position in `chain` (0 = leaf). */
  readonly index: number;
  /** Subject of the certificate concerned. */
  readonly subject: string;
  readonly message: LocalizedText;
}

/** Relaxations for test PKIs and known deviant real ones. Each tolerated deviation is reported as a warning. */
export interface PathRelaxations {
  /** Accept issuing certificates whose keyUsage lacks keyCertSign (the ofdrw test root does). */
  readonly allowMissingKeyCertSign?: boolean;
  /** Accept issuing certificates without basicConstraints CA:TRUE (v1 roots, some old national roots). */
  readonly allowMissingCaFlag?: boolean;
  /** Accept a CRL whose nextUpdate is before the validation time. */
  readonly allowStaleCrl?: boolean;
}

/** Options for {@link validatePath}. */
export interface ValidatePathOptions {
  /** Trusted root (or intermediate) certificates. */
  readonly trustAnchors: readonly (ParsedCertificate | Uint8Array | string)[];
  /** Untrusted certificates that may complete the path. */
  readonly intermediates?: readonly (ParsedCertificate | Uint8Array | string)[];
  /** The validation time (default now). */
  readonly at?: Date;
  /** SM2 signer ID used to verify certificate signatures (default `1234567812345678`). */
  readonly userId?: string | Uint8Array;
  /** Documented relaxations; strict by default. */
  readonly relaxed?: PathRelaxations;
  /** The leaf must have at least one of these key usages (when it has a keyUsage extension). */
  readonly leafKeyUsage?: readonly KeyUsageName[];
  /**
   * Revocation hook: returns the CRL covering `cert` (issued by `issuer`), or undefined when none is
   * available. Without the hook, revocation is not checked.
   */
  readonly crl?: (
    cert: ParsedCertificate,
    issuer: ParsedCertificate,
  ) => Promise<ParsedCrl | undefined> | ParsedCrl | undefined;
  /** With a `crl` hook: a missing CRL makes the result indeterminate (default: a warning only). */
  readonly requireCrl?: boolean;
  /** Maximum number of certificates in a path (default 10). */
  readonly maxLength?: number;
}

/** The outcome of {@link validatePath}. */
export interface PathValidationResult {
  /** `valid`: a path to an anchor with no errors; `invalid`: a definite failure; `indeterminate`: no trusted path, or required revocation data missing. */
  readonly status: 'valid' | 'invalid' | 'indeterminate';
  /** `status === 'valid'`. */
  readonly valid: boolean;
  /** The path, leaf first; the last element is the trust anchor when one was reached. */
  readonly chain: readonly ParsedCertificate[];
  /** The anchor reached, if any. */
  readonly trustAnchor?: ParsedCertificate;
  /** Every problem (errors and warnings, including tolerated ones). */
  readonly problems: readonly PathProblem[];
  /** The validation time used. */
  readonly at: Date;
}

const HANDLED_EXTENSIONS = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extKeyUsage,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.subjectAltName,
  OID.certificatePolicies,
  OID.crlDistributionPoints,
  '2.5.29.18', // issuerAltName
]);

const INDETERMINATE: ReadonlySet<PathProblemCode> = new Set([
  'ERR_PATH_NO_TRUSTED_CHAIN',
  'ERR_PATH_CRL_UNAVAILABLE',
]);

/** Upper bound on DFS nodes, so a crafted pool of same-name certificates cannot explode the search. */
const MAX_EXPLORED = 64;

interface BuiltPath {
  readonly chain: ParsedCertificate[];
  readonly sigOk: boolean[];
  readonly anchor?: ParsedCertificate;
  readonly tooLong?: boolean;
  readonly akiMismatch?: ParsedCertificate;
}

/** Paths with every signature valid first, then shorter ones. */
const score = (p: BuiltPath) => p.sigOk.filter((ok) => !ok).length * 100 + p.chain.length;

const toCert = (c: ParsedCertificate | Uint8Array | string): ParsedCertificate =>
  typeof c === 'string' || c instanceof Uint8Array ? parseCertificate(c) : c;

const sameCert = (a: ParsedCertificate, b: ParsedCertificate) =>
  a.der.length === b.der.length && a.der.every((v, i) => v === b.der[i]);

const iso = (d: Date) => d.toISOString();

/** Candidate issuers of `cert`: name match, AKI/SKI match when both present. */
function issuersOf(
  cert: ParsedCertificate,
  pool: readonly ParsedCertificate[],
): { cand: ParsedCertificate[]; akiMismatch: ParsedCertificate[] } {
  const cand: ParsedCertificate[] = [];
  const akiMismatch: ParsedCertificate[] = [];
  for (const c of pool) {
    if (!namesEqual(cert.issuerName, c.subjectName)) continue;
    const aki = cert.authorityKeyIdentifier?.keyIdentifier;
    const ski = c.subjectKeyIdentifier;
    if (aki && ski && aki !== ski) akiMismatch.push(c);
    else cand.push(c);
  }
  return { cand, akiMismatch };
}

/**
 * Builds and validates a certification path from `leaf` to one of `trustAnchors` at `at`.
 *
 * @example
 * ```ts
 * import { createTestPki, validatePath } from '@gbkit/crypto';
 * const pki = await createTestPki();
 * const ok = await validatePath(pki.signer.certificate, { trustAnchors: [pki.ca.certificate] });
 * console.log(ok.status, ok.chain.length); // valid 2
 * const late = await validatePath(pki.signer.certificate, { trustAnchors: [pki.ca.certificate], at: new Date('2099-01-01') });
 * console.log(late.status, late.problems[0]?.code); // invalid ERR_PATH_EXPIRED
 * ```
 */
export async function validatePath(
  leafInput: ParsedCertificate | Uint8Array | string,
  options: ValidatePathOptions,
): Promise<PathValidationResult> {
  const leaf = toCert(leafInput);
  const at = options.at ?? new Date();
  const anchors = options.trustAnchors.map(toCert);
  const intermediates = (options.intermediates ?? []).map(toCert);
  const relaxed = options.relaxed ?? {};
  const maxLength = options.maxLength ?? 10;
  const userOpt = options.userId === undefined ? {} : { userId: options.userId };
  const verify = async (cert: ParsedCertificate, issuer: ParsedCertificate) =>
    (await cert.verifySignature(issuer, userOpt)).valid;

  // ---- build: depth-first from the leaf, anchors before untrusted certificates, so that a wrong
  // guess (two issuers with the same name, cross-certificates) does not hide a good path.
  const found: BuiltPath[] = [];
  let fallback: BuiltPath | undefined;
  let explored = 0;
  const dfs = async (chain: ParsedCertificate[], sigOk: boolean[]): Promise<boolean> => {
    explored++;
    const cur = chain[chain.length - 1] as ParsedCertificate;
    if (chain.length >= maxLength) {
      fallback ??= { chain, sigOk, tooLong: true };
      return false;
    }
    const fromAnchors = issuersOf(cur, anchors);
    const fromPool = issuersOf(
      cur,
      intermediates.filter((c) => !chain.some((x) => sameCert(x, c)) && !anchors.some((a) => sameCert(a, c))),
    );
    const candidates = [
      ...fromAnchors.cand.map((c) => ({ c, a: true })),
      ...fromPool.cand.map((c) => ({ c, a: false })),
    ];
    if (candidates.length === 0) {
      const mism = [...fromAnchors.akiMismatch, ...fromPool.akiMismatch][0];
      fallback ??= { chain, sigOk, ...(mism ? { akiMismatch: mism } : {}) };
      return false;
    }
    for (const cand of candidates) {
      if (explored > MAX_EXPLORED) return false;
      const ok = await verify(cur, cand.c);
      if (cand.a) {
        found.push({ chain: [...chain, cand.c], sigOk: [...sigOk, ok], anchor: cand.c });
        if (ok && sigOk.every(Boolean)) return true;
      } else if (await dfs([...chain, cand.c], [...sigOk, ok])) {
        return true;
      }
    }
    return false;
  };
  const selfAnchor = anchors.find((a) => sameCert(a, leaf));
  if (selfAnchor) found.push({ chain: [leaf], sigOk: [], anchor: selfAnchor });
  else await dfs([leaf], []);

  // ---- evaluate every anchored path found (best first), else the partial path.
  const candidates =
    found.length > 0 ? found.sort((x, y) => score(x) - score(y)) : [fallback ?? { chain: [leaf], sigOk: [] }];
  let best: { path: BuiltPath; problems: PathProblem[]; status: PathValidationResult['status'] } | undefined;
  for (const path of candidates) {
    const problems = await evaluate(path);
    const errors = problems.filter((p) => p.severity === 'error');
    const status: PathValidationResult['status'] =
      errors.length === 0
        ? 'valid'
        : errors.every((p) => INDETERMINATE.has(p.code))
          ? 'indeterminate'
          : 'invalid';
    if (!best || errors.length < best.problems.filter((p) => p.severity === 'error').length)
      best = { path, problems, status };
    if (status === 'valid') break;
  }
  const chosen = best as { path: BuiltPath; problems: PathProblem[]; status: PathValidationResult['status'] };
  return {
    status: chosen.status,
    valid: chosen.status === 'valid',
    chain: chosen.path.chain,
    ...(chosen.path.anchor ? { trustAnchor: chosen.path.anchor } : {}),
    problems: chosen.problems,
    at,
  };

  async function evaluate(path: BuiltPath): Promise<PathProblem[]> {
    const { chain, sigOk, anchor } = path;
    const problems: PathProblem[] = [];
    const add = (
      code: PathProblemCode,
      index: number,
      cert: ParsedCertificate,
      message: LocalizedText,
      tolerate?: boolean,
    ) => {
      problems.push({
        code,
        severity: tolerate ? 'warning' : 'error',
        ...(tolerate ? { tolerated: true } : {}),
        index,
        subject: cert.subject,
        message,
      });
    };
    const warn = (code: PathProblemCode, index: number, cert: ParsedCertificate, message: LocalizedText) => {
      problems.push({ code, severity: 'warning', index, subject: cert.subject, message });
    };

    if (path.tooLong) {
      const last = chain[chain.length - 1] as ParsedCertificate;
      add('ERR_PATH_TOO_LONG', chain.length - 1, last, {
        zh: `路径超过 ${maxLength} 张证书`,
        en: `path longer than ${maxLength} certificates`,
      });
    }
    if (path.akiMismatch) {
      const last = chain[chain.length - 1] as ParsedCertificate;
      add('ERR_PATH_AKI_MISMATCH', chain.length - 1, last, {
        zh: `颁发者名称匹配，但授权密钥标识符与 ${path.akiMismatch.subject} 的主体密钥标识符不一致`,
        en: `issuer name matches but the authorityKeyIdentifier differs from the subjectKeyIdentifier of ${path.akiMismatch.subject}`,
      });
    }
    sigOk.forEach((ok, i) => {
      if (!ok) {
        add('ERR_PATH_SIGNATURE', i, chain[i] as ParsedCertificate, {
          zh: `证书签名无法用颁发者 ${(chain[i + 1] as ParsedCertificate).subject} 的公钥验证`,
          en: `the certificate signature does not verify with the public key of ${(chain[i + 1] as ParsedCertificate).subject}`,
        });
      }
    });
    if (!anchor) {
      const last = chain[chain.length - 1] as ParsedCertificate;
      add('ERR_PATH_NO_TRUSTED_CHAIN', chain.length - 1, last, {
        zh: `找不到通往受信任根的路径（缺少颁发者 ${last.issuer}）`,
        en: `no path to a trusted anchor (issuer ${last.issuer} not found)`,
      });
    }

    // ---- per-certificate checks.
    for (let i = 0; i < chain.length; i++) {
      const cert = chain[i] as ParsedCertificate;
      if (at < cert.notBefore) {
        add('ERR_PATH_NOT_YET_VALID', i, cert, {
          zh: `证书在 ${iso(at)} 尚未生效（notBefore ${iso(cert.notBefore)}）`,
          en: `certificate not yet valid at ${iso(at)} (notBefore ${iso(cert.notBefore)})`,
        });
      }
      if (at > cert.notAfter) {
        add('ERR_PATH_EXPIRED', i, cert, {
          zh: `证书在 ${iso(at)} 已过期（notAfter ${iso(cert.notAfter)}）`,
          en: `certificate expired at ${iso(at)} (notAfter ${iso(cert.notAfter)})`,
        });
      }
      for (const e of cert.extensions) {
        if (e.critical && !HANDLED_EXTENSIONS.has(e.oid)) {
          add('ERR_PATH_UNKNOWN_CRITICAL_EXTENSION', i, cert, {
            zh: `无法识别的关键扩展 ${e.oid}`,
            en: `unrecognised critical extension ${e.oid}`,
          });
        }
      }
      if (i === 0) {
        const want = options.leafKeyUsage;
        if (want?.length && cert.keyUsage && !want.some((u) => cert.keyUsage?.usages.includes(u))) {
          add('ERR_PATH_LEAF_KEY_USAGE', 0, cert, {
            zh: `终端证书密钥用途缺少 ${want.join('/')}`,
            en: `leaf keyUsage lacks ${want.join('/')}`,
          });
        }
        continue;
      }
      // An issuing certificate.
      if (!cert.basicConstraints?.ca) {
        add(
          'ERR_PATH_NOT_CA',
          i,
          cert,
          {
            zh: '颁发者证书不是 CA（basicConstraints 无 CA:TRUE）',
            en: 'issuer certificate is not a CA (no basicConstraints CA:TRUE)',
          },
          relaxed.allowMissingCaFlag,
        );
      }
      if (cert.keyUsage && !cert.keyUsage.usages.includes('keyCertSign')) {
        add(
          'ERR_PATH_KEY_CERT_SIGN',
          i,
          cert,
          {
            zh: `颁发者证书的密钥用途缺少 keyCertSign（有 ${cert.keyUsage.usages.join(', ') || '无'}）`,
            en: `issuer keyUsage lacks keyCertSign (has ${cert.keyUsage.usages.join(', ') || 'none'})`,
          },
          relaxed.allowMissingKeyCertSign,
        );
      }
      const pathLen = cert.basicConstraints?.pathLength;
      if (pathLen !== undefined) {
        // Non-self-issued intermediates between this CA and the leaf.
        const below = chain.slice(1, i).filter((c) => !c.selfIssued).length;
        if (below > pathLen) {
          add('ERR_PATH_LENGTH', i, cert, {
            zh: `路径长度约束 ${pathLen} 被违反（其下有 ${below} 个中间 CA）`,
            en: `pathLenConstraint ${pathLen} exceeded (${below} intermediate CAs below)`,
          });
        }
      }
    }

    // ---- revocation.
    if (options.crl) {
      for (let i = 0; i + 1 < chain.length; i++) {
        const cert = chain[i] as ParsedCertificate;
        const issuer = chain[i + 1] as ParsedCertificate;
        const crl = await options.crl(cert, issuer);
        if (!crl) {
          const msg = {
            zh: '没有可用的 CRL，未检查吊销状态',
            en: 'no CRL available; revocation not checked',
          };
          if (options.requireCrl) add('ERR_PATH_CRL_UNAVAILABLE', i, cert, msg);
          else warn('ERR_PATH_CRL_UNAVAILABLE', i, cert, msg);
          continue;
        }
        if (!namesEqual(crl.issuerName, issuer.subjectName)) {
          add('ERR_PATH_CRL_ISSUER', i, cert, {
            zh: `CRL 颁发者 ${crl.issuer} 与证书颁发者不符`,
            en: `CRL issuer ${crl.issuer} is not the certificate's issuer`,
          });
          continue;
        }
        const sig = await crl.verifySignature(issuer, userOpt);
        if (!sig.valid) {
          add('ERR_PATH_CRL_SIGNATURE', i, cert, {
            zh: 'CRL 签名验证失败',
            en: 'the CRL signature does not verify',
          });
          continue;
        }
        if (crl.nextUpdate && crl.nextUpdate < at) {
          add(
            'ERR_PATH_CRL_STALE',
            i,
            cert,
            {
              zh: `CRL 已过期（nextUpdate ${iso(crl.nextUpdate)}）`,
              en: `CRL is stale (nextUpdate ${iso(crl.nextUpdate)})`,
            },
            relaxed.allowStaleCrl,
          );
        }
        const entry = crl.find(cert.serialNumber);
        if (entry && entry.revocationDate <= at) {
          add('ERR_PATH_REVOKED', i, cert, {
            zh: `证书已于 ${iso(entry.revocationDate)} 被吊销${entry.reason ? `（${entry.reason}）` : ''}`,
            en: `certificate revoked on ${iso(entry.revocationDate)}${entry.reason ? ` (${entry.reason})` : ''}`,
          });
        }
      }
    }

    return problems;
  }
}
