/**
 * Issuing SM2 certificates and CRLs for tests and private PKIs: certificates signed with
 * SM2-with-SM3 (`1.2.156.10197.1.501`, GM/T 0015) and the GB/T 32918 default user ID, so OpenSSL
 * (`-vfyopt distid:1234567812345678`), BouncyCastle and GM/T-conformant software verify them.
 * `createTestPki()` makes a ready CA, seal maker (制章人) and signer (签章人).
 *
 * ```asn1
 * TBSCertificate (v3) and TBSCertList (v2) as in RFC 5280 §4.1 / §5.1; extensions written:
 * basicConstraints (critical), keyUsage (critical), extKeyUsage, subjectKeyIdentifier (SHA-1 of the
 * key bits, RFC 5280 §4.2.1.2 method 1), authorityKeyIdentifier, cRLDistributionPoints; cRLNumber.
 * ```
 * @module
 */
import { fromHex, InvalidArgumentError, utf8 } from '@gbkit/core';
import { sha1 } from '@noble/hashes/legacy.js';
import { type Sm2KeyPair, sm2GenerateKeyPair, sm2GetPublicKey, sm2Sign } from '../sm2/index.js';
import {
  KEY_USAGE_NAMES,
  type KeyUsageName,
  type ParsedCertificate,
  parseCertificate,
} from './certificate.js';
import { CRL_REASONS, type CrlReason, type ParsedCrl, parseCrl } from './crl.js';
import { bitString, boolean, explicit, integer, octetString, oid, seq, time, tlv } from './der.js';
import { encodeSpki } from './keys.js';
import { encodeName, type NameInput } from './name.js';
import { OID } from './oids.js';

/** A raw extension to add. */
export interface ExtraExtension {
  readonly oid: string;
  readonly critical?: boolean;
  /** The DER of the extension's value (what goes inside extnValue). */
  readonly value: Uint8Array;
}

/** Options for {@link issueCertificate}. */
export interface IssueCertificateOptions {
  /** Subject DN, e.g. `'C=CN, O=Example, CN=Seal Maker'`. */
  readonly subject: NameInput;
  /** The subject's SM2 public key (65 bytes). */
  readonly publicKey: Uint8Array;
  /** The issuer certificate; omit for a self-signed certificate (then `issuerKey` is the subject's key). */
  readonly issuer?: ParsedCertificate;
  /**
   * The issuer's private key (32 bytes) or key pair. Deliberately not checked against `issuer`'s
   * public key, so tests can make forged certificates; a mismatch yields a certificate whose
   * signature does not verify.
   */
  readonly issuerKey: Uint8Array | Sm2KeyPair;
  /** Serial number as hex or bytes (default: 16 random bytes, positive). */
  readonly serialNumber?: string | Uint8Array;
  /** Default: now − 5 minutes. */
  readonly notBefore?: Date;
  /** Default: `notBefore` + 365 days. */
  readonly notAfter?: Date;
  /** A CA certificate (basicConstraints CA:TRUE); `{ pathLength }` limits the intermediates below. */
  readonly ca?: boolean | { readonly pathLength?: number };
  /**
   * keyUsage bits. Default: CA → keyCertSign + cRLSign; end entity → digitalSignature + nonRepudiation.
   * `[]` omits the extension.
   */
  readonly keyUsage?: readonly KeyUsageName[];
  /** extKeyUsage purpose OIDs. */
  readonly extKeyUsage?: readonly string[];
  /** cRLDistributionPoints URIs. */
  readonly crlDistributionPoints?: readonly string[];
  /** More extensions, written as given. */
  readonly extensions?: readonly ExtraExtension[];
  /** SM2 signer ID for the signature (default `1234567812345678`). */
  readonly userId?: string | Uint8Array;
}

function randomSerial(): Uint8Array {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  b[0] = ((b[0] as number) & 0x7f) | 0x01;
  return b;
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return seq(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

function keyUsageBits(usages: readonly KeyUsageName[]): Uint8Array {
  let bits = 0;
  let last = -1;
  for (const u of usages) {
    const i = KEY_USAGE_NAMES.indexOf(u);
    if (i < 0) {
      throw new InvalidArgumentError('ERR_ISSUE_KEY_USAGE', {
        zh: `未知的密钥用途 ${u}`,
        en: `unknown key usage ${u}`,
      });
    }
    bits |= 1 << (15 - i);
    last = Math.max(last, i);
  }
  const bytes = last >= 8 ? 2 : 1;
  const out = bytes === 2 ? Uint8Array.of(bits >> 8, bits & 0xff) : Uint8Array.of(bits >> 8);
  // DER: unused bits = trailing zero bits of the last byte.
  const lastByte = out[out.length - 1] as number;
  let unused = 0;
  while (unused < 7 && lastByte !== 0 && !(lastByte & (1 << unused))) unused++;
  return bitString(out, lastByte === 0 ? 0 : unused);
}

/** SHA-1 of the subjectPublicKey bits (RFC 5280 §4.2.1.2, method 1). */
export function keyIdentifier(publicKey: Uint8Array): Uint8Array {
  return sha1(publicKey);
}

function serialBytes(s: string | Uint8Array | undefined): Uint8Array {
  if (s === undefined) return randomSerial();
  if (s instanceof Uint8Array) return s;
  return fromHex(s.length % 2 ? `0${s}` : s);
}

function pairOf(k: Uint8Array | Sm2KeyPair): { privateKey: Uint8Array; publicKey: Uint8Array } {
  if (k instanceof Uint8Array) return { privateKey: k, publicKey: sm2GetPublicKey(k) };
  return k;
}

function signTbs(
  tbs: Uint8Array,
  key: { privateKey: Uint8Array; publicKey: Uint8Array },
  userId?: string | Uint8Array,
): Uint8Array {
  const sig = sm2Sign(tbs, key.privateKey, {
    publicKey: key.publicKey,
    ...(userId !== undefined ? { userId } : {}),
  });
  return seq(tbs, seq(oid(OID.sm2WithSm3)), bitString(sig));
}

/**
 * Issues an X.509 v3 certificate signed with SM2-with-SM3.
 *
 * @example
 * ```ts
 * import { issueCertificate, sm2GenerateKeyPair } from '@gbkit/crypto';
 * const caKey = sm2GenerateKeyPair();
 * const ca = issueCertificate({ subject: 'C=CN, O=Example, CN=Example Root', publicKey: caKey.publicKey, issuerKey: caKey, ca: true });
 * const leafKey = sm2GenerateKeyPair();
 * const leaf = issueCertificate({ subject: 'C=CN, CN=Signer', publicKey: leafKey.publicKey, issuer: ca, issuerKey: caKey });
 * console.log(leaf.issuer, (await leaf.verifySignature(ca)).valid); // C=CN, O=Example, CN=Example Root true
 * ```
 */
export function issueCertificate(options: IssueCertificateOptions): ParsedCertificate {
  const issuerKey = pairOf(options.issuerKey);
  const subjectDer = encodeName(options.subject);
  const issuerDer = options.issuer ? options.issuer.subjectName.der : subjectDer;
  const notBefore = options.notBefore ?? new Date(Math.floor(Date.now() / 1000) * 1000 - 5 * 60_000);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 365 * 86_400_000);
  const isCa = options.ca !== undefined && options.ca !== false;
  const pathLength = typeof options.ca === 'object' ? options.ca.pathLength : undefined;
  const exts: Uint8Array[] = [];
  exts.push(
    extension(
      OID.basicConstraints,
      true,
      seq(...(isCa ? [boolean(true)] : []), ...(pathLength !== undefined ? [integer(pathLength)] : [])),
    ),
  );
  const usages =
    options.keyUsage ??
    (isCa ? (['keyCertSign', 'cRLSign'] as const) : (['digitalSignature', 'nonRepudiation'] as const));
  if (usages.length > 0) exts.push(extension(OID.keyUsage, true, keyUsageBits(usages)));
  if (options.extKeyUsage?.length)
    exts.push(extension(OID.extKeyUsage, false, seq(...options.extKeyUsage.map((o) => oid(o)))));
  exts.push(extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(options.publicKey))));
  const issuerKid = options.issuer?.subjectKeyIdentifier
    ? fromHex(options.issuer.subjectKeyIdentifier)
    : keyIdentifier(options.issuer ? options.issuer.publicKey : issuerKey.publicKey);
  exts.push(extension(OID.authorityKeyIdentifier, false, seq(tlv(0x80, issuerKid))));
  if (options.crlDistributionPoints?.length) {
    // DistributionPoint { distributionPoint [0] { fullName [0] GeneralNames { uniformResourceIdentifier [6] } } }
    const dps = options.crlDistributionPoints.map((u) => seq(tlv(0xa0, tlv(0xa0, tlv(0x86, utf8(u))))));
    exts.push(extension(OID.crlDistributionPoints, false, seq(...dps)));
  }
  for (const e of options.extensions ?? []) exts.push(extension(e.oid, e.critical ?? false, e.value));
  const tbs = seq(
    explicit(0, integer(2)),
    integer(serialBytes(options.serialNumber)),
    seq(oid(OID.sm2WithSm3)),
    issuerDer,
    seq(time(notBefore), time(notAfter)),
    subjectDer,
    encodeSpki(options.publicKey),
    explicit(3, seq(...exts)),
  );
  return parseCertificate(signTbs(tbs, issuerKey, options.userId));
}

/** Options for {@link issueCrl}. */
export interface IssueCrlOptions {
  /** The CA certificate that signs the CRL. */
  readonly issuer: ParsedCertificate;
  /** Its private key. */
  readonly issuerKey: Uint8Array | Sm2KeyPair;
  /** Revoked certificates (serial as hex, as in {@link ParsedCertificate.serialNumber}). */
  readonly revoked?: readonly {
    readonly serialNumber: string;
    readonly revocationDate?: Date;
    readonly reason?: CrlReason;
  }[];
  /** Default: now − 5 minutes. */
  readonly thisUpdate?: Date;
  /** Default: thisUpdate + 7 days. */
  readonly nextUpdate?: Date;
  /** cRLNumber (default 1). */
  readonly crlNumber?: number;
  readonly userId?: string | Uint8Array;
}

/**
 * Issues a v2 CRL signed with SM2-with-SM3.
 *
 * @example
 * ```ts
 * import { createTestPki, issueCrl } from '@gbkit/crypto';
 * const pki = await createTestPki();
 * const crl = issueCrl({ issuer: pki.ca.certificate, issuerKey: pki.ca.privateKey, revoked: [{ serialNumber: '0a' }] });
 * console.log(crl.revoked[0]?.serialNumber); // 0a
 * ```
 */
export function issueCrl(options: IssueCrlOptions): ParsedCrl {
  const key = pairOf(options.issuerKey);
  const thisUpdate = options.thisUpdate ?? new Date(Math.floor(Date.now() / 1000) * 1000 - 5 * 60_000);
  const nextUpdate = options.nextUpdate ?? new Date(thisUpdate.getTime() + 7 * 86_400_000);
  const entries = (options.revoked ?? []).map((r) =>
    seq(
      integer(serialBytes(r.serialNumber)),
      time(r.revocationDate ?? thisUpdate),
      ...(r.reason
        ? [seq(extension(OID.crlReason, false, tlv(0x0a, Uint8Array.of(CRL_REASONS.indexOf(r.reason)))))]
        : []),
    ),
  );
  const issuerKid = options.issuer.subjectKeyIdentifier
    ? fromHex(options.issuer.subjectKeyIdentifier)
    : keyIdentifier(options.issuer.publicKey);
  const tbs = seq(
    integer(1),
    seq(oid(OID.sm2WithSm3)),
    options.issuer.subjectName.der,
    time(thisUpdate),
    time(nextUpdate),
    ...(entries.length ? [seq(...entries)] : []),
    explicit(
      0,
      seq(
        extension(OID.authorityKeyIdentifier, false, seq(tlv(0x80, issuerKid))),
        extension(OID.crlNumber, false, integer(options.crlNumber ?? 1)),
      ),
    ),
  );
  return parseCrl(signTbs(tbs, key, options.userId));
}

/** One identity of a test PKI. */
export interface TestIdentity extends Sm2KeyPair {
  readonly certificate: ParsedCertificate;
  readonly certificatePem: string;
}

/** What {@link createTestPki} returns. */
export interface TestPki {
  /** The root CA (CA:TRUE, keyCertSign + cRLSign). */
  readonly ca: TestIdentity;
  /** The seal maker (制章人) certificate: digitalSignature + nonRepudiation. */
  readonly sealMaker: TestIdentity;
  /** The signer (签章人) certificate: digitalSignature + nonRepudiation. */
  readonly signer: TestIdentity;
  /** Issues a CRL from the CA (e.g. revoking `signer.certificate.serialNumber`). */
  issueCrl(options?: Omit<IssueCrlOptions, 'issuer' | 'issuerKey'>): ParsedCrl;
  /** Issues a further end-entity certificate from the CA. */
  issue(
    options: Omit<IssueCertificateOptions, 'issuer' | 'issuerKey' | 'publicKey'> & { publicKey?: Uint8Array },
  ): TestIdentity;
}

/** Options for {@link createTestPki}. */
export interface CreateTestPkiOptions {
  /** Organisation name in every subject (default `gbkit Test`). */
  readonly organization?: string;
  /** Start of validity for all certificates (default now − 5 minutes). */
  readonly notBefore?: Date;
  /** End of validity of the CA (default notBefore + 10 years). */
  readonly caNotAfter?: Date;
  /** End of validity of the end-entity certificates (default notBefore + 2 years). */
  readonly notAfter?: Date;
}

/**
 * Creates a throw-away SM2 PKI for tests: a root CA, a seal maker and a signer, with fresh keys.
 * Async only for API stability (future hardware-backed keys); everything runs locally.
 *
 * @example
 * ```ts
 * import { createTestPki, validatePath } from '@gbkit/crypto';
 * const pki = await createTestPki();
 * const r = await validatePath(pki.signer.certificate, { trustAnchors: [pki.ca.certificate] });
 * console.log(r.status); // valid
 * ```
 */
export async function createTestPki(options: CreateTestPkiOptions = {}): Promise<TestPki> {
  const org = options.organization ?? 'gbkit Test';
  const notBefore = options.notBefore ?? new Date(Math.floor(Date.now() / 1000) * 1000 - 5 * 60_000);
  const caNotAfter = options.caNotAfter ?? new Date(notBefore.getTime() + 3652 * 86_400_000);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 730 * 86_400_000);
  const identity = (key: Sm2KeyPair, certificate: ParsedCertificate): TestIdentity => ({
    privateKey: key.privateKey,
    publicKey: key.publicKey,
    certificate,
    certificatePem: certificate.toPem(),
  });
  const caKey = sm2GenerateKeyPair();
  const caCert = issueCertificate({
    subject: `C=CN, O=${org}, CN=${org} Root CA`,
    publicKey: caKey.publicKey,
    issuerKey: caKey,
    ca: true,
    serialNumber: '01',
    notBefore,
    notAfter: caNotAfter,
  });
  const ca = identity(caKey, caCert);
  const issue: TestPki['issue'] = (o) => {
    const key = o.publicKey ? undefined : sm2GenerateKeyPair();
    const publicKey = o.publicKey ?? (key as Sm2KeyPair).publicKey;
    const cert = issueCertificate({ notBefore, notAfter, ...o, publicKey, issuer: caCert, issuerKey: caKey });
    return {
      privateKey: key?.privateKey ?? new Uint8Array(0),
      publicKey,
      certificate: cert,
      certificatePem: cert.toPem(),
    };
  };
  return {
    ca,
    sealMaker: issue({ subject: `C=CN, O=${org}, CN=${org} Seal Maker` }),
    signer: issue({ subject: `C=CN, O=${org}, CN=${org} Signer` }),
    issueCrl: (o = {}) => issueCrl({ ...o, issuer: caCert, issuerKey: caKey }),
    issue,
  };
}
