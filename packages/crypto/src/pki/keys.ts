/**
 * SM2 key encodings: SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), PKCS#8 PrivateKeyInfo (RFC 5208 /
 * RFC 5958) and SEC1 ECPrivateKey (RFC 5915), in DER and PEM.
 *
 * ```asn1
 * SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
 *   -- algorithm = id-ecPublicKey (1.2.840.10045.2.1) with namedCurve sm2p256v1 (1.2.156.10197.1.301);
 *   -- some tools write the SM2 OID itself as the algorithm: accepted on input.
 * PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier,
 *                               privateKey OCTET STRING (ECPrivateKey), attributes [0] IMPLICIT … OPTIONAL,
 *                               publicKey [1] IMPLICIT BIT STRING OPTIONAL }
 * ECPrivateKey ::= SEQUENCE { version INTEGER (1), privateKey OCTET STRING,
 *                             parameters [0] EXPLICIT OBJECT IDENTIFIER OPTIONAL,
 *                             publicKey [1] EXPLICIT BIT STRING OPTIONAL }
 * ```
 * @module
 */
import { CryptoError, concatBytes, equalBytes, FormatError, toHex, UnsupportedError } from '@gbkit/core';
import { SM2_CURVE, type Sm2KeyPair, sm2GetPublicKey, sm2NormalizePublicKey } from '../sm2/index.js';
import {
  bitString,
  children,
  expectTag,
  explicit,
  integer,
  octetString,
  oid,
  readOid,
  readWhole,
  seq,
  TAG,
  type Tlv,
} from './der.js';
import { OID } from './oids.js';
import { encryptPrivateKeyInfo } from './pbe.js';
import { encodePem } from './pem.js';

/** Output encoding of the key exporters. */
export type KeyEncoding = 'pem' | 'der';

/** A decoded SubjectPublicKeyInfo, for any algorithm. */
export interface SpkiInfo {
  /** The algorithm OID (`1.2.840.10045.2.1` for EC keys, including SM2). */
  readonly algorithm: string;
  /** The named curve OID for EC keys (SM2: `1.2.156.10197.1.301`). */
  readonly namedCurve?: string;
  /** The subjectPublicKey bits (for SM2: `04 ‖ x ‖ y`). */
  readonly publicKey: Uint8Array;
  /** Whether this is an SM2 key. */
  readonly isSm2: boolean;
  /** The whole SPKI DER. */
  readonly der: Uint8Array;
}

const SM2_ALGORITHM = seq(oid(OID.ecPublicKey), oid(OID.sm2Curve));

function keyError(code: string, zh: string, en: string, field?: string): FormatError {
  return new FormatError(code, { zh, en }, field === undefined ? {} : { location: { field } });
}

/** Parses an AlgorithmIdentifier into OID and (for EC keys) curve OID. */
function readKeyAlgorithm(t: Tlv | undefined, field: string): { algorithm: string; namedCurve?: string } {
  const parts = children(expectTag(t, TAG.SEQUENCE, field), field);
  const algorithm = readOid(parts[0], `${field}.algorithm`);
  const p = parts[1];
  if (p && p.tag === TAG.OID) return { algorithm, namedCurve: readOid(p, `${field}.parameters`) };
  if (p && p.tag === TAG.SEQUENCE && algorithm === OID.ecPublicKey)
    return { algorithm, namedCurve: explicitCurveOid(p) };
  return { algorithm };
}

function isSm2Algorithm(alg: { algorithm: string; namedCurve?: string }): boolean {
  if (alg.algorithm === OID.sm2Curve) return true;
  return alg.algorithm === OID.ecPublicKey && alg.namedCurve === OID.sm2Curve;
}

/** Checks a 65-byte uncompressed SM2 point's shape. */
function checkPoint(q: Uint8Array, field: string): Uint8Array {
  if (q.length === 65 && q[0] === 0x04) return q;
  if (q.length === 33 && (q[0] === 0x02 || q[0] === 0x03)) {
    try {
      return sm2NormalizePublicKey(q);
    } catch (cause) {
      throw new FormatError(
        'ERR_KEY_PUBLIC_POINT',
        {
          zh: `${field}：压缩公钥不在 SM2 曲线上`,
          en: `${field}: the compressed public key is not on the SM2 curve`,
        },
        { cause, location: { field } },
      );
    }
  }
  throw keyError(
    'ERR_KEY_PUBLIC_POINT',
    `${field}：SM2 公钥应为 65 字节非压缩点（04‖x‖y），实际 ${q.length} 字节`,
    `${field}: an SM2 public key is a 65-byte uncompressed point (04‖x‖y), got ${q.length} bytes`,
    field,
  );
}

/** Decodes a SubjectPublicKeyInfo of any algorithm (SM2, EC, RSA …). */
export function parseSpki(der: Uint8Array): SpkiInfo {
  const top = readWhole(der, 'SubjectPublicKeyInfo');
  const parts = children(expectTag(top, TAG.SEQUENCE, 'SubjectPublicKeyInfo'), 'SubjectPublicKeyInfo');
  const alg = readKeyAlgorithm(parts[0], 'SubjectPublicKeyInfo.algorithm');
  const bits = expectTag(parts[1], TAG.BIT_STRING, 'SubjectPublicKeyInfo.subjectPublicKey');
  const publicKey = bits.value.subarray(1);
  const isSm2 = isSm2Algorithm(alg);
  const q = isSm2 ? checkPoint(publicKey, 'SubjectPublicKeyInfo.subjectPublicKey') : publicKey;
  return { ...alg, publicKey: q, isSm2, der: top.raw };
}

/** Decodes an SM2 SubjectPublicKeyInfo to the 65-byte point; other algorithms → `ERR_KEY_NOT_SM2`. */
export function decodeSpki(der: Uint8Array): Uint8Array {
  const info = parseSpki(der);
  if (!info.isSm2) {
    throw new UnsupportedError('ERR_KEY_NOT_SM2', {
      zh: `不是 SM2 公钥（算法 ${info.algorithm}${info.namedCurve ? `，曲线 ${info.namedCurve}` : ''}）`,
      en: `not an SM2 public key (algorithm ${info.algorithm}${info.namedCurve ? `, curve ${info.namedCurve}` : ''})`,
    });
  }
  return info.publicKey;
}

/** Encodes a 65-byte SM2 public point as SubjectPublicKeyInfo DER. */
export function encodeSpki(publicKey: Uint8Array): Uint8Array {
  return seq(SM2_ALGORITHM, bitString(checkPoint(publicKey, 'publicKey')));
}

function completePair(d: Uint8Array, q: Uint8Array | undefined, field: string): Sm2KeyPair {
  let priv = d;
  while (priv.length > 32 && priv[0] === 0) priv = priv.subarray(1);
  if (priv.length > 32) {
    throw keyError(
      'ERR_KEY_PRIVATE_SCALAR',
      `${field}：SM2 私钥长度 ${priv.length} 字节超过 32`,
      `${field}: SM2 private key is ${priv.length} bytes, more than 32`,
      field,
    );
  }
  if (priv.length < 32) priv = concatBytes(new Uint8Array(32 - priv.length), priv);
  let derived: Uint8Array;
  try {
    derived = sm2GetPublicKey(priv);
  } catch (cause) {
    throw new CryptoError(
      'ERR_KEY_PRIVATE_SCALAR',
      { zh: `${field}：SM2 私钥不在有效范围内`, en: `${field}: SM2 private key is out of range` },
      { cause, location: { field } },
    );
  }
  if (q && !equalBytes(checkPoint(q, `${field}.publicKey`), derived)) {
    throw new CryptoError(
      'ERR_KEY_MISMATCH',
      {
        zh: `${field}：内嵌公钥与私钥不匹配`,
        en: `${field}: the embedded public key does not match the private key`,
      },
      { location: { field } },
    );
  }
  return { privateKey: priv.slice(), publicKey: derived };
}

const big = (b: Uint8Array) => BigInt(`0x${toHex(b) || '0'}`);

/**
 * Explicit `ECParameters` (RFC 3279 §2.3.5, written by some Java tools instead of a named curve):
 * returns the SM2 curve OID when p, a, b and n are those of the SM2 curve, else `explicit`.
 */
function explicitCurveOid(t: Tlv): string {
  try {
    const [, fieldId, curve, , order] = children(t);
    const pr = children(fieldId as Tlv)[1] as Tlv;
    const [a, b] = children(curve as Tlv) as [Tlv, Tlv];
    if (
      big(pr.value) === SM2_CURVE.p &&
      big(a.value) === SM2_CURVE.a &&
      big(b.value) === SM2_CURVE.b &&
      big((order as Tlv).value) === SM2_CURVE.n
    ) {
      return OID.sm2Curve;
    }
  } catch {
    // fall through
  }
  return 'explicit';
}

/** Decodes a SEC1 ECPrivateKey (DER) holding an SM2 key. `curve` is the curve known from an outer PKCS#8. */
export function decodeSec1(der: Uint8Array, curve?: string): Sm2KeyPair {
  const field = 'ECPrivateKey';
  const parts = children(expectTag(readWhole(der, field), TAG.SEQUENCE, field), field);
  expectTag(parts[0], TAG.INTEGER, `${field}.version`);
  const d = expectTag(parts[1], TAG.OCTET_STRING, `${field}.privateKey`).value;
  let q: Uint8Array | undefined;
  let params = curve;
  for (const p of parts.slice(2)) {
    if (p.tag === 0xa0) {
      const inner = children(p)[0];
      params = inner?.tag === TAG.SEQUENCE ? explicitCurveOid(inner) : readOid(inner, `${field}.parameters`);
    }
    if (p.tag === 0xa1) q = expectTag(children(p)[0], TAG.BIT_STRING, `${field}.publicKey`).value.subarray(1);
  }
  if (params !== undefined && params !== OID.sm2Curve) {
    throw new UnsupportedError(
      'ERR_KEY_NOT_SM2',
      { zh: `不是 SM2 私钥（曲线 ${params}）`, en: `not an SM2 private key (curve ${params})` },
      { location: { field: `${field}.parameters` } },
    );
  }
  return completePair(d, q, field);
}

/** Decodes a PKCS#8 PrivateKeyInfo (DER) holding an SM2 key. */
export function decodePkcs8(der: Uint8Array): Sm2KeyPair {
  const field = 'PrivateKeyInfo';
  const parts = children(expectTag(readWhole(der, field), TAG.SEQUENCE, field), field);
  expectTag(parts[0], TAG.INTEGER, `${field}.version`);
  const alg = readKeyAlgorithm(parts[1], `${field}.privateKeyAlgorithm`);
  if (!isSm2Algorithm(alg) && !(alg.algorithm === OID.ecPublicKey && alg.namedCurve === undefined)) {
    throw new UnsupportedError(
      'ERR_KEY_NOT_SM2',
      {
        zh: `不是 SM2 私钥（算法 ${alg.algorithm}${alg.namedCurve ? `，曲线 ${alg.namedCurve}` : ''}）`,
        en: `not an SM2 private key (algorithm ${alg.algorithm}${alg.namedCurve ? `, curve ${alg.namedCurve}` : ''})`,
      },
      { location: { field: `${field}.privateKeyAlgorithm` } },
    );
  }
  const inner = expectTag(parts[2], TAG.OCTET_STRING, `${field}.privateKey`).value;
  const pair = decodeSec1(inner, alg.namedCurve ?? OID.sm2Curve);
  const v2pub = parts.slice(3).find((p) => p.tag === 0x81);
  if (v2pub && !equalBytes(v2pub.value.subarray(1), pair.publicKey)) {
    throw new CryptoError('ERR_KEY_MISMATCH', {
      zh: 'PKCS#8 公钥字段与私钥不匹配',
      en: 'the PKCS#8 publicKey field does not match the private key',
    });
  }
  return pair;
}

function encodeSec1Der(pair: Sm2KeyPair, withParams: boolean): Uint8Array {
  return seq(
    integer(1),
    octetString(pair.privateKey),
    ...(withParams ? [explicit(0, oid(OID.sm2Curve))] : []),
    explicit(1, bitString(pair.publicKey)),
  );
}

function toPair(privateKey: Uint8Array | Sm2KeyPair): Sm2KeyPair {
  if (privateKey instanceof Uint8Array) return completePair(privateKey, undefined, 'privateKey');
  return completePair(privateKey.privateKey, privateKey.publicKey, 'privateKey');
}

/**
 * Exports an SM2 public key as SubjectPublicKeyInfo.
 *
 * @example
 * ```ts
 * import { exportPublicKeySpki, sm2GenerateKeyPair } from '@gbkit/crypto';
 * const { publicKey } = sm2GenerateKeyPair();
 * console.log(exportPublicKeySpki(publicKey, 'pem').split('\n')[0]); // -----BEGIN PUBLIC KEY-----
 * ```
 */
export function exportPublicKeySpki(publicKey: Uint8Array, encoding: 'pem'): string;
export function exportPublicKeySpki(publicKey: Uint8Array, encoding?: 'der'): Uint8Array;
export function exportPublicKeySpki(
  publicKey: Uint8Array,
  encoding: KeyEncoding = 'der',
): string | Uint8Array {
  const der = encodeSpki(publicKey);
  return encoding === 'pem' ? encodePem('PUBLIC KEY', der) : der;
}

/** Options for {@link exportPrivateKeyPkcs8}. */
export interface ExportPkcs8Options {
  /** Encrypt as `ENCRYPTED PRIVATE KEY` (PBES2: PBKDF2-HMAC-SHA256 + AES-256-CBC). */
  readonly password?: string;
  /** PBKDF2 iterations (default 100,000). */
  readonly iterations?: number;
}

/**
 * Exports an SM2 private key (32-byte scalar or key pair) as PKCS#8 PrivateKeyInfo
 * (`id-ecPublicKey` + `sm2p256v1`, ECPrivateKey with the public key inside), which OpenSSL reads;
 * with `password`, as an EncryptedPrivateKeyInfo (PBES2/AES-256-CBC, as `openssl pkcs8 -topk8 -v2 aes-256-cbc`).
 *
 * @example
 * ```ts
 * import { exportPrivateKeyPkcs8, importPrivateKey, sm2GenerateKeyPair } from '@gbkit/crypto';
 * const pair = sm2GenerateKeyPair();
 * const pem = exportPrivateKeyPkcs8(pair, 'pem');
 * console.log(importPrivateKey(pem).publicKey.length); // 65
 * const enc = exportPrivateKeyPkcs8(pair, 'pem', { password: 'secret', iterations: 2048 });
 * console.log(enc.split('\n')[0], importPrivateKey(enc, { password: 'secret' }).privateKey.length); // -----BEGIN ENCRYPTED PRIVATE KEY----- 32
 * ```
 */
export function exportPrivateKeyPkcs8(
  privateKey: Uint8Array | Sm2KeyPair,
  encoding: 'pem',
  options?: ExportPkcs8Options,
): string;
export function exportPrivateKeyPkcs8(
  privateKey: Uint8Array | Sm2KeyPair,
  encoding?: 'der',
  options?: ExportPkcs8Options,
): Uint8Array;
export function exportPrivateKeyPkcs8(
  privateKey: Uint8Array | Sm2KeyPair,
  encoding: KeyEncoding = 'der',
  options: ExportPkcs8Options = {},
): string | Uint8Array {
  const pair = toPair(privateKey);
  let der = seq(integer(0), SM2_ALGORITHM, octetString(encodeSec1Der(pair, false)));
  let label = 'PRIVATE KEY';
  if (options.password !== undefined) {
    der = encryptPrivateKeyInfo(
      der,
      options.password,
      options.iterations === undefined ? {} : { iterations: options.iterations },
    );
    label = 'ENCRYPTED PRIVATE KEY';
  }
  return encoding === 'pem' ? encodePem(label, der) : der;
}

/**
 * Exports an SM2 private key as SEC1 ECPrivateKey (`-----BEGIN EC PRIVATE KEY-----`), with the curve
 * parameters and the public key.
 *
 * @example
 * ```ts
 * import { exportPrivateKeySec1, sm2GenerateKeyPair } from '@gbkit/crypto';
 * console.log(exportPrivateKeySec1(sm2GenerateKeyPair(), 'pem').startsWith('-----BEGIN EC PRIVATE KEY-----')); // true
 * ```
 */
export function exportPrivateKeySec1(privateKey: Uint8Array | Sm2KeyPair, encoding: 'pem'): string;
export function exportPrivateKeySec1(privateKey: Uint8Array | Sm2KeyPair, encoding?: 'der'): Uint8Array;
export function exportPrivateKeySec1(
  privateKey: Uint8Array | Sm2KeyPair,
  encoding: KeyEncoding = 'der',
): string | Uint8Array {
  const der = encodeSec1Der(toPair(privateKey), true);
  return encoding === 'pem' ? encodePem('EC PRIVATE KEY', der) : der;
}
