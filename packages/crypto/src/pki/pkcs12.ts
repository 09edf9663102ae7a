/**
 * PKCS#12 / PFX (RFC 7292) reading: the password-integrity MAC, password-encrypted and plain
 * SafeContents, shrouded and plain key bags, certificate bags. Handles the BER (indefinite-length)
 * files BouncyCastle writes, its legacy encryption (pbeWithSHAAnd3-KeyTripleDES-CBC key bag,
 * pbeWithSHAAnd40BitRC2-CBC certificate bag, HMAC-SHA1 MAC), and modern OpenSSL 3 files (PBES2 with
 * PBKDF2-HMAC-SHA256 and AES-256-CBC, HMAC-SHA256 MAC). Pure TypeScript: works in browsers.
 *
 * ```asn1
 * PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }
 * MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
 * AuthenticatedSafe ::= SEQUENCE OF ContentInfo   -- data or encryptedData
 * SafeContents ::= SEQUENCE OF SafeBag
 * SafeBag ::= SEQUENCE { bagId OBJECT IDENTIFIER, bagValue [0] EXPLICIT ANY, bagAttributes SET OF Attribute OPTIONAL }
 * CertBag ::= SEQUENCE { certId OBJECT IDENTIFIER, certValue [0] EXPLICIT OCTET STRING }
 * ```
 * @module
 */
import { CryptoError, equalBytes, FormatError, GbkitError } from '@gbkit/core';
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { Sm2KeyPair } from '../sm2/index.js';
import { type ParsedCertificate, parseCertificate } from './certificate.js';
import {
  berChildren,
  decodeString,
  derNull,
  expectTag,
  explicit,
  integer,
  integerNumber,
  octetString,
  octets,
  oid,
  readBer,
  readOid,
  seq,
  setOf,
  TAG,
  type Tlv,
  tlv,
} from './der.js';
import { decodePkcs8, exportPrivateKeyPkcs8 } from './keys.js';
import { OID } from './oids.js';
import {
  bmpPassword,
  describePbe,
  encryptPrivateKeyInfo,
  hashForOid,
  pbeDecrypt,
  pbes2Encrypt,
  pkcs12Kdf,
} from './pbe.js';
import { isPemBytes, pemOrDer } from './pem.js';

/** Bag attributes that link keys and certificates. */
export interface Pkcs12BagAttributes {
  /** `localKeyId` (PKCS#9), hex-free raw bytes. */
  readonly localKeyId?: Uint8Array;
  /** `friendlyName` (PKCS#9). */
  readonly friendlyName?: string;
}

/** One key found in a PFX. */
export interface Pkcs12Key extends Sm2KeyPair, Pkcs12BagAttributes {
  /** How the key bag was protected, e.g. `pbeWithSHAAnd3-KeyTripleDES-CBC`, `PBES2`, `none`. */
  readonly encryption: string;
}

/** One certificate found in a PFX. */
export interface Pkcs12Certificate extends Pkcs12BagAttributes {
  readonly der: Uint8Array;
  readonly certificate: ParsedCertificate;
  /** How the SafeContents holding it was protected (`pbeWithSHAAnd40BitRC2-CBC`, `PBES2`, `none`). */
  readonly encryption: string;
}

/** What {@link parsePkcs12} returns. */
export interface Pkcs12Contents {
  /** The first SM2 private key (the usual single-identity file). */
  readonly privateKey: Uint8Array;
  /** Its public key (65 bytes). */
  readonly publicKey: Uint8Array;
  /** The certificate whose public key matches the key, when present. */
  readonly certificate?: ParsedCertificate;
  /** The other certificates (usually the issuing chain). */
  readonly chain: ParsedCertificate[];
  /** Every key bag. */
  readonly keys: Pkcs12Key[];
  /** Every certificate bag. */
  readonly certificates: Pkcs12Certificate[];
  /** The integrity MAC, when the file has one (it was verified, or parsing would have thrown). */
  readonly mac?: { readonly digest: string; readonly iterations: number };
}

/** Options for {@link parsePkcs12}. */
export interface Pkcs12Options {
  /** The password (default empty). */
  readonly password?: string;
}

function pfxError(code: string, zh: string, en: string, field?: string, cause?: unknown): FormatError {
  return new FormatError(
    code,
    { zh, en },
    { ...(field ? { location: { field } } : {}), ...(cause ? { cause } : {}) },
  );
}

function readAttributes(t: Tlv | undefined): Pkcs12BagAttributes {
  if (!t || t.tag !== TAG.SET) return {};
  let localKeyId: Uint8Array | undefined;
  let friendlyName: string | undefined;
  for (const attr of berChildren(t)) {
    const [type, values] = berChildren(attr);
    const oid = readOid(type, 'bagAttributes.type');
    const first = values ? berChildren(values)[0] : undefined;
    if (!first) continue;
    if (oid === OID.localKeyId) localKeyId = octets(first).slice();
    if (oid === OID.friendlyName) friendlyName = decodeString(first);
  }
  return { ...(localKeyId ? { localKeyId } : {}), ...(friendlyName !== undefined ? { friendlyName } : {}) };
}

/** `[0] EXPLICIT` or `[0] IMPLICIT OCTET STRING` contents, primitive or BER-constructed. */
function implicitOctets(t: Tlv): Uint8Array {
  if (t.tag === 0x80) return t.value;
  if (t.tag === 0xa0) {
    const parts = berChildren(t);
    return parts.length === 1 && (parts[0] as Tlv).tag === TAG.OCTET_STRING
      ? (parts[0] as Tlv).value
      : new Uint8Array(parts.flatMap((p) => Array.from(octets(p))));
  }
  return octets(t);
}

function wrapDecrypt(alg: Tlv, data: Uint8Array, password: string, field: string): Uint8Array {
  try {
    return pbeDecrypt(alg, data, password, field);
  } catch (e) {
    if (e instanceof GbkitError && e.code === 'ERR_CIPHER_PADDING') {
      throw new CryptoError(
        'ERR_PKCS12_PASSWORD',
        { zh: `${field}：口令错误，无法解密`, en: `${field}: wrong password, cannot decrypt` },
        { cause: e, location: { field } },
      );
    }
    throw e;
  }
}

/**
 * Reads a PKCS#12 file (DER, or PEM-armoured `PKCS12`), verifies its MAC and decrypts its keys and
 * certificates. Errors: wrong password → `ERR_PKCS12_MAC` when the file has a MAC (a modified file
 * gives the same), `ERR_PKCS12_PASSWORD` when decryption fails; no SM2 key → `ERR_PKCS12_NO_KEY`.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { parsePkcs12 } from '@gbkit/crypto';
 * const p12 = parsePkcs12(readFileSync('USER.p12'), { password: '777777' });
 * console.log(p12.certificate?.subject, p12.privateKey.length); // CN=…, 32
 * ```
 */
export function parsePkcs12(input: Uint8Array | string, options: Pkcs12Options = {}): Pkcs12Contents {
  const password = options.password ?? '';
  const der =
    typeof input === 'string' || isPemBytes(input)
      ? (pemOrDer(input, 'PKCS#12')[0]?.der as Uint8Array)
      : input;
  const field = 'PFX';
  const pfx = berChildren(expectTag(readBer(der, 0, field), TAG.SEQUENCE, field), field);
  const version = integerNumber(expectTag(pfx[0], TAG.INTEGER, 'PFX.version').value);
  if (version !== 3) {
    throw pfxError(
      'ERR_PKCS12_VERSION',
      `PFX 版本应为 3，实际为 ${version}`,
      `PFX version must be 3, got ${version}`,
      'PFX.version',
    );
  }
  const authSafe = berChildren(expectTag(pfx[1], TAG.SEQUENCE, 'PFX.authSafe'));
  const authType = readOid(authSafe[0], 'PFX.authSafe.contentType');
  if (authType !== OID.data) {
    throw pfxError(
      'ERR_PKCS12_UNSUPPORTED',
      `仅支持口令完整性模式（authSafe 为 data），实际为 ${authType}`,
      `only password integrity mode (authSafe = data) is supported, got ${authType}`,
      'PFX.authSafe',
    );
  }
  const authContent = octets(berChildren(expectTag(authSafe[1], 0xa0, 'PFX.authSafe.content'))[0] as Tlv);

  let mac: Pkcs12Contents['mac'];
  if (pfx[2]) {
    const md = berChildren(expectTag(pfx[2], TAG.SEQUENCE, 'PFX.macData'));
    const digestInfo = berChildren(expectTag(md[0], TAG.SEQUENCE, 'PFX.macData.mac'));
    const digestOid = readOid(berChildren(digestInfo[0] as Tlv)[0], 'PFX.macData.mac.digestAlgorithm');
    const expected = octets(digestInfo[1] as Tlv);
    const salt = octets(md[1] as Tlv);
    const iterations = md[2] ? integerNumber(md[2].value) : 1;
    const h = hashForOid(digestOid);
    const tryMac = (pw: Uint8Array) => {
      const key = pkcs12Kdf(h, pw, salt, 3, iterations, h.u);
      return equalBytes(hmac(h.hash, key, authContent), expected);
    };
    // An empty password is encoded with or without the terminator, depending on the writer.
    const ok = tryMac(bmpPassword(password)) || (password === '' && tryMac(new Uint8Array(0)));
    if (!ok) {
      throw new CryptoError(
        'ERR_PKCS12_MAC',
        {
          zh: 'PKCS#12 完整性校验（MAC）失败：口令错误或文件已被修改',
          en: 'PKCS#12 integrity check (MAC) failed: wrong password or modified file',
        },
        { location: { field: 'PFX.macData' }, details: { digest: digestOid, iterations } },
      );
    }
    mac = { digest: digestOid, iterations };
  }

  const keys: Pkcs12Key[] = [];
  const certificates: Pkcs12Certificate[] = [];
  const safes = berChildren(readBer(authContent, 0, 'AuthenticatedSafe'));
  safes.forEach((ci, i) => {
    const f = `AuthenticatedSafe[${i}]`;
    const parts = berChildren(expectTag(ci, TAG.SEQUENCE, f));
    const type = readOid(parts[0], `${f}.contentType`);
    let safeContents: Uint8Array;
    let encryption = 'none';
    if (type === OID.data) {
      safeContents = octets(berChildren(expectTag(parts[1], 0xa0, `${f}.content`))[0] as Tlv);
    } else if (type === OID.encryptedData) {
      const ed = berChildren(berChildren(expectTag(parts[1], 0xa0, `${f}.content`))[0] as Tlv);
      const eci = berChildren(expectTag(ed[1], TAG.SEQUENCE, `${f}.encryptedContentInfo`));
      const alg = eci[1] as Tlv;
      encryption = describePbe(alg);
      if (!eci[2]) return;
      safeContents = wrapDecrypt(alg, implicitOctets(eci[2]), password, `${f}.encryptedContent`);
    } else {
      throw pfxError(
        'ERR_PKCS12_UNSUPPORTED',
        `不支持的内容类型 ${type}`,
        `unsupported content type ${type}`,
        f,
      );
    }
    readSafeContents(safeContents, f, encryption, password, keys, certificates);
  });

  const first = keys[0];
  if (!first) {
    throw new CryptoError('ERR_PKCS12_NO_KEY', {
      zh: 'PKCS#12 中没有 SM2 私钥',
      en: 'the PKCS#12 file holds no SM2 private key',
    });
  }
  const own = certificates.find((c) => equalBytes(c.certificate.publicKey, first.publicKey));
  return {
    privateKey: first.privateKey,
    publicKey: first.publicKey,
    ...(own ? { certificate: own.certificate } : {}),
    chain: certificates.filter((c) => c !== own).map((c) => c.certificate),
    keys,
    certificates,
    ...(mac ? { mac } : {}),
  };
}

function readSafeContents(
  bytes: Uint8Array,
  field: string,
  encryption: string,
  password: string,
  keys: Pkcs12Key[],
  certificates: Pkcs12Certificate[],
): void {
  let bags: Tlv[];
  try {
    bags = berChildren(expectTag(readBer(bytes, 0, field), TAG.SEQUENCE, `${field}.SafeContents`));
  } catch (cause) {
    // Garbage after a "successful" decryption means the password was wrong (padding matched by chance).
    throw new CryptoError(
      'ERR_PKCS12_PASSWORD',
      {
        zh: `${field}：解密结果无效（口令错误？）`,
        en: `${field}: decrypted data is not valid (wrong password?)`,
      },
      { cause },
    );
  }
  bags.forEach((bag, j) => {
    const f = `${field}.SafeBag[${j}]`;
    const parts = berChildren(bag);
    const bagId = readOid(parts[0], `${f}.bagId`);
    const value = berChildren(expectTag(parts[1], 0xa0, `${f}.bagValue`))[0] as Tlv;
    const attrs = readAttributes(parts[2]);
    if (bagId === OID.pkcs8ShroudedKeyBag) {
      const ep = berChildren(value);
      const alg = ep[0] as Tlv;
      const p8 = wrapDecrypt(alg, octets(ep[1] as Tlv), password, f);
      keys.push({ ...decodePkcs8(p8), ...attrs, encryption: describePbe(alg) });
    } else if (bagId === OID.keyBag) {
      keys.push({ ...decodePkcs8(value.raw), ...attrs, encryption });
    } else if (bagId === OID.certBag) {
      const cb = berChildren(value);
      const certType = readOid(cb[0], `${f}.certId`);
      if (certType !== OID.x509CertificateType) return;
      const der = octets(berChildren(cb[1] as Tlv)[0] as Tlv).slice();
      certificates.push({ der, certificate: parseCertificate(der), ...attrs, encryption });
    } else if (bagId === OID.safeContentsBag) {
      readSafeContents(value.raw, f, encryption, password, keys, certificates);
    }
  });
}

/** @internal Used by `importPrivateKey` to tell a PFX from PKCS#8/SEC1 DER. */
export function looksLikePfx(der: Uint8Array): boolean {
  try {
    const top = berChildren(readBer(der, 0));
    return (
      top.length >= 2 &&
      (top[0] as Tlv).tag === TAG.INTEGER &&
      integerNumber((top[0] as Tlv).value) === 3 &&
      (top[1] as Tlv).tag === TAG.SEQUENCE
    );
  } catch {
    return false;
  }
}

/** Options for {@link exportPkcs12}. */
export interface ExportPkcs12Options {
  /** The key (32-byte scalar or key pair). */
  readonly privateKey: Uint8Array | Sm2KeyPair;
  /** The key's certificate. */
  readonly certificate: ParsedCertificate;
  /** Further certificates (the issuing chain). */
  readonly chain?: readonly ParsedCertificate[];
  /** The password for encryption and the MAC. */
  readonly password: string;
  /** `friendlyName` of the key and its certificate. */
  readonly friendlyName?: string;
  /** PBKDF2 and MAC iterations (default 2,048, as OpenSSL 3). */
  readonly iterations?: number;
}

/**
 * Writes a PKCS#12 file in the modern OpenSSL 3 form: certificates in a PBES2/AES-256-CBC encrypted
 * SafeContents, the key in a PBES2 shrouded key bag, an HMAC-SHA256 MAC; key and certificate linked by
 * `localKeyId`. (The legacy 3DES/RC2 forms are read, never written.)
 *
 * @example
 * ```ts
 * import { createTestPki, exportPkcs12, parsePkcs12 } from '@gbkit/crypto';
 * const pki = await createTestPki();
 * const p12 = exportPkcs12({ privateKey: pki.signer, certificate: pki.signer.certificate, chain: [pki.ca.certificate], password: 'pw' });
 * const back = parsePkcs12(p12, { password: 'pw' });
 * console.log(back.certificate?.subject, back.chain.length); // C=CN, O=gbkit Test, CN=gbkit Test Signer 1
 * ```
 */
export function exportPkcs12(options: ExportPkcs12Options): Uint8Array {
  const iterations = options.iterations ?? 2048;
  const pw = options.password;
  const pkcs8 = exportPrivateKeyPkcs8(options.privateKey, 'der');
  if (!equalBytes(decodePkcs8(pkcs8).publicKey, options.certificate.publicKey)) {
    throw new CryptoError('ERR_PKCS12_KEY_MISMATCH', {
      zh: '私钥与证书公钥不匹配',
      en: 'the private key does not match the certificate public key',
    });
  }
  const keyId = sha1(options.certificate.publicKey);
  const attrs = (withKeyId: boolean) =>
    setOf(
      ...(withKeyId ? [seq(oid(OID.localKeyId), setOf(octetString(keyId)))] : []),
      ...(options.friendlyName !== undefined && withKeyId
        ? [
            seq(
              oid(OID.friendlyName),
              setOf(tlv(TAG.BMP_STRING, bmpPassword(options.friendlyName).subarray(0, -2))),
            ),
          ]
        : []),
    );
  const certBag = (c: ParsedCertificate, own: boolean) =>
    seq(
      oid(OID.certBag),
      explicit(0, seq(oid(OID.x509CertificateType), explicit(0, octetString(c.der)))),
      ...(own ? [attrs(true)] : []),
    );
  const certContents = seq(
    certBag(options.certificate, true),
    ...(options.chain ?? []).map((c) => certBag(c, false)),
  );
  const enc = pbes2Encrypt(certContents, pw, iterations);
  const encryptedData = seq(integer(0), seq(oid(OID.data), enc.algorithm, tlv(0x80, enc.ciphertext)));
  const shrouded = encryptPrivateKeyInfo(pkcs8, pw, { iterations });
  const keyContents = seq(seq(oid(OID.pkcs8ShroudedKeyBag), explicit(0, shrouded), attrs(true)));
  const authSafe = seq(
    seq(oid(OID.encryptedData), explicit(0, encryptedData)),
    seq(oid(OID.data), explicit(0, octetString(keyContents))),
  );
  const salt = new Uint8Array(16);
  globalThis.crypto.getRandomValues(salt);
  const h = hashForOid(OID.sha256);
  const macKey = pkcs12Kdf(h, bmpPassword(pw), salt, 3, iterations, h.u);
  const mac = hmac(sha256, macKey, authSafe);
  return seq(
    integer(3),
    seq(oid(OID.data), explicit(0, octetString(authSafe))),
    seq(seq(seq(oid(OID.sha256), derNull()), octetString(mac)), octetString(salt), integer(iterations)),
  );
}
