/**
 * Password-based encryption for private keys and PKCS#12 contents, in pure TypeScript (works in
 * browsers; no `node:crypto`):
 * - PKCS#12 PBE (RFC 7292 Appendix B/C): the key-derivation function with SHA-1 or SHA-2, and the
 *   `pbeWithSHAAnd3-KeyTripleDES-CBC`, `…2-KeyTripleDES-CBC`, `…128BitRC2-CBC`, `…40BitRC2-CBC` schemes;
 * - PBES2 (RFC 8018 §6.2): PBKDF2 with HMAC-SHA1/256/384/512 and AES-128/192/256-CBC or DES-EDE3-CBC.
 *
 * ```asn1
 * EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }
 * pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }
 * PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier {PBKDF2}, encryptionScheme AlgorithmIdentifier }
 * PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER, keyLength INTEGER OPTIONAL,
 *                              prf AlgorithmIdentifier DEFAULT hmacWithSHA1 }
 * ```
 * @module
 */
import { CryptoError, LimitExceededError, UnsupportedError, utf8 } from '@gbkit/core';
import { cbc } from '@noble/ciphers/aes.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { desEde3CbcDecrypt, rc2CbcDecrypt } from './ciphers.js';
import {
  children,
  derNull,
  expectTag,
  integer,
  integerNumber,
  octetString,
  oid,
  readOid,
  readTlv,
  seq,
  TAG,
  type Tlv,
} from './der.js';
import { OID } from './oids.js';

type Hash = typeof sha1;

/** Iteration counts above this are refused (a crafted file could otherwise hang the caller). */
export const MAX_PBE_ITERATIONS = 10_000_000;

const HASHES: Record<string, { hash: Hash; u: number; v: number }> = {
  [OID.sha1]: { hash: sha1, u: 20, v: 64 },
  [OID.sha256]: { hash: sha256, u: 32, v: 64 },
  [OID.sha384]: { hash: sha384 as unknown as Hash, u: 48, v: 128 },
  [OID.sha512]: { hash: sha512 as unknown as Hash, u: 64, v: 128 },
};

/** Hash for a digest OID (SHA-1/SHA-2) used by PKCS#12 MACs. */
export function hashForOid(digestOid: string): { hash: Hash; u: number; v: number } {
  const h = HASHES[digestOid];
  if (!h) {
    throw new UnsupportedError('ERR_PKCS12_ALGORITHM', {
      zh: `不支持的摘要算法 ${digestOid}`,
      en: `unsupported digest algorithm ${digestOid}`,
    });
  }
  return h;
}

function checkIterations(n: number, field: string): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_PBE_ITERATIONS) {
    throw new LimitExceededError(
      'ERR_PBE_ITERATIONS',
      { zh: `${field}：迭代次数 ${n} 超出允许范围`, en: `${field}: iteration count ${n} out of range` },
      { location: { field }, details: { iterations: n, max: MAX_PBE_ITERATIONS } },
    );
  }
}

/** The password as PKCS#12 wants it: BMPString (UTF-16BE) with a two-byte zero terminator. */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

/**
 * `n` more rounds of SHA-1 over a 20-byte value (A ← SHA-1(A)), with the single padded block laid out
 * once: the PKCS#12 KDF spends nearly all its time here (legacy files use 51,200–102,400 rounds).
 */
function sha1Iterate(a: Uint8Array, n: number): Uint8Array {
  const w = new Int32Array(80);
  let h0 = 0;
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let h4 = 0;
  const dv = new DataView(a.buffer, a.byteOffset, 20);
  h0 = dv.getUint32(0);
  h1 = dv.getUint32(4);
  h2 = dv.getUint32(8);
  h3 = dv.getUint32(12);
  h4 = dv.getUint32(16);
  for (let r = 0; r < n; r++) {
    w[0] = h0;
    w[1] = h1;
    w[2] = h2;
    w[3] = h3;
    w[4] = h4;
    w[5] = 0x80000000;
    for (let i = 6; i < 15; i++) w[i] = 0;
    w[15] = 160;
    for (let i = 16; i < 80; i++) {
      const x = (w[i - 3] as number) ^ (w[i - 8] as number) ^ (w[i - 14] as number) ^ (w[i - 16] as number);
      w[i] = (x << 1) | (x >>> 31);
    }
    let a0 = 0x67452301;
    let b0 = 0xefcdab89;
    let c0 = 0x98badcfe;
    let d0 = 0x10325476;
    let e0 = 0xc3d2e1f0;
    let t = 0;
    for (let i = 0; i < 20; i++) {
      t = (((a0 << 5) | (a0 >>> 27)) + ((b0 & c0) | (~b0 & d0)) + e0 + 0x5a827999 + (w[i] as number)) | 0;
      e0 = d0;
      d0 = c0;
      c0 = (b0 << 30) | (b0 >>> 2);
      b0 = a0;
      a0 = t;
    }
    for (let i = 20; i < 40; i++) {
      t = (((a0 << 5) | (a0 >>> 27)) + (b0 ^ c0 ^ d0) + e0 + 0x6ed9eba1 + (w[i] as number)) | 0;
      e0 = d0;
      d0 = c0;
      c0 = (b0 << 30) | (b0 >>> 2);
      b0 = a0;
      a0 = t;
    }
    for (let i = 40; i < 60; i++) {
      t =
        (((a0 << 5) | (a0 >>> 27)) +
          ((b0 & c0) | (b0 & d0) | (c0 & d0)) +
          e0 +
          0x8f1bbcdc +
          (w[i] as number)) |
        0;
      e0 = d0;
      d0 = c0;
      c0 = (b0 << 30) | (b0 >>> 2);
      b0 = a0;
      a0 = t;
    }
    for (let i = 60; i < 80; i++) {
      t = (((a0 << 5) | (a0 >>> 27)) + (b0 ^ c0 ^ d0) + e0 + 0xca62c1d6 + (w[i] as number)) | 0;
      e0 = d0;
      d0 = c0;
      c0 = (b0 << 30) | (b0 >>> 2);
      b0 = a0;
      a0 = t;
    }
    h0 = (0x67452301 + a0) | 0;
    h1 = (0xefcdab89 + b0) | 0;
    h2 = (0x98badcfe + c0) | 0;
    h3 = (0x10325476 + d0) | 0;
    h4 = (0xc3d2e1f0 + e0) | 0;
  }
  const out = new Uint8Array(20);
  const o = new DataView(out.buffer);
  o.setUint32(0, h0);
  o.setUint32(4, h1);
  o.setUint32(8, h2);
  o.setUint32(12, h3);
  o.setUint32(16, h4);
  return out;
}

/**
 * The PKCS#12 key-derivation function (RFC 7292 Appendix B.2). `id` 1 = key, 2 = IV, 3 = MAC key.
 * `password` is the BMPString form (see {@link bmpPassword}).
 */
export function pkcs12Kdf(
  digest: { hash: Hash; u: number; v: number },
  password: Uint8Array,
  salt: Uint8Array,
  id: 1 | 2 | 3,
  iterations: number,
  length: number,
): Uint8Array {
  const { hash, u, v } = digest;
  const D = new Uint8Array(v).fill(id);
  const fill = (src: Uint8Array) => {
    const n = src.length === 0 ? 0 : v * Math.ceil(src.length / v);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = src[i % src.length] as number;
    return out;
  };
  const I = new Uint8Array([...fill(salt), ...fill(password)]);
  const out = new Uint8Array(Math.ceil(length / u) * u);
  for (let block = 0; block * u < length; block++) {
    let A: Uint8Array = hash.create().update(D).update(I).digest();
    if (hash === sha1) A = sha1Iterate(A, iterations - 1);
    else for (let r = 1; r < iterations; r++) A = hash(A);
    out.set(A, block * u);
    if ((block + 1) * u >= length) break;
    const B = new Uint8Array(v);
    for (let i = 0; i < v; i++) B[i] = A[i % u] as number;
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const s = (I[j + k] as number) + (B[k] as number) + carry;
        I[j + k] = s & 0xff;
        carry = s >> 8;
      }
    }
  }
  return out.subarray(0, length);
}

const PKCS12_PBE: Record<string, { cipher: 'rc2' | '3des'; keyLength: number; bits?: number }> = {
  [OID.pbeWithSha1And3KeyTripleDesCbc]: { cipher: '3des', keyLength: 24 },
  [OID.pbeWithSha1And2KeyTripleDesCbc]: { cipher: '3des', keyLength: 16 },
  [OID.pbeWithSha1And128BitRc2Cbc]: { cipher: 'rc2', keyLength: 16, bits: 128 },
  [OID.pbeWithSha1And40BitRc2Cbc]: { cipher: 'rc2', keyLength: 5, bits: 40 },
};

const PRFS: Record<string, Hash> = {
  [OID.hmacWithSha1]: sha1,
  [OID.hmacWithSha256]: sha256,
  [OID.hmacWithSha384]: sha384 as unknown as Hash,
  [OID.hmacWithSha512]: sha512 as unknown as Hash,
};

const AES_KEY_LENGTH: Record<string, number> = {
  [OID.aes128Cbc]: 16,
  [OID.aes192Cbc]: 24,
  [OID.aes256Cbc]: 32,
  [OID.desEde3Cbc]: 24,
};

/** A human name for a password-based encryption AlgorithmIdentifier, for reports. */
export function describePbe(algorithm: Tlv): string {
  const parts = children(algorithm);
  const alg = readOid(parts[0], 'encryptionAlgorithm');
  const names: Record<string, string> = {
    [OID.pbeWithSha1And3KeyTripleDesCbc]: 'pbeWithSHAAnd3-KeyTripleDES-CBC',
    [OID.pbeWithSha1And2KeyTripleDesCbc]: 'pbeWithSHAAnd2-KeyTripleDES-CBC',
    [OID.pbeWithSha1And128BitRc2Cbc]: 'pbeWithSHAAnd128BitRC2-CBC',
    [OID.pbeWithSha1And40BitRc2Cbc]: 'pbeWithSHAAnd40BitRC2-CBC',
    [OID.pbes2]: 'PBES2',
  };
  return names[alg] ?? alg;
}

/**
 * Decrypts data protected by a password-based AlgorithmIdentifier (PKCS#12 PBE or PBES2).
 * A wrong password shows up as `ERR_CIPHER_PADDING` (callers map it to their own code).
 */
export function pbeDecrypt(algorithm: Tlv, data: Uint8Array, password: string, field: string): Uint8Array {
  const parts = children(expectTag(algorithm, TAG.SEQUENCE, field), field);
  const alg = readOid(parts[0], `${field}.algorithm`);
  const legacy = PKCS12_PBE[alg];
  if (legacy) {
    const params = children(expectTag(parts[1], TAG.SEQUENCE, `${field}.parameters`));
    const salt = expectTag(params[0], TAG.OCTET_STRING, `${field}.salt`).value;
    const iterations = integerNumber(expectTag(params[1], TAG.INTEGER, `${field}.iterations`).value);
    checkIterations(iterations, `${field}.iterations`);
    const d = HASHES[OID.sha1] as { hash: Hash; u: number; v: number };
    const pw = bmpPassword(password);
    const key = pkcs12Kdf(d, pw, salt, 1, iterations, legacy.keyLength);
    const iv = pkcs12Kdf(d, pw, salt, 2, iterations, 8);
    return legacy.cipher === '3des'
      ? desEde3CbcDecrypt(key, iv, data)
      : rc2CbcDecrypt(key, legacy.bits as number, iv, data);
  }
  if (alg === OID.pbes2) {
    const params = children(expectTag(parts[1], TAG.SEQUENCE, `${field}.parameters`));
    const kdf = children(expectTag(params[0], TAG.SEQUENCE, `${field}.keyDerivationFunc`));
    const kdfOid = readOid(kdf[0], `${field}.keyDerivationFunc`);
    if (kdfOid !== OID.pbkdf2) {
      throw new UnsupportedError('ERR_PBE_ALGORITHM', {
        zh: `不支持的密钥派生算法 ${kdfOid}`,
        en: `unsupported key derivation function ${kdfOid}`,
      });
    }
    const kp = children(expectTag(kdf[1], TAG.SEQUENCE, `${field}.PBKDF2-params`));
    const salt = expectTag(kp[0], TAG.OCTET_STRING, `${field}.salt`).value;
    const iterations = integerNumber(expectTag(kp[1], TAG.INTEGER, `${field}.iterationCount`).value);
    checkIterations(iterations, `${field}.iterationCount`);
    let prf: Hash = sha1;
    let keyLength: number | undefined;
    for (const p of kp.slice(2)) {
      if (p.tag === TAG.INTEGER) keyLength = integerNumber(p.value);
      if (p.tag === TAG.SEQUENCE) {
        const prfOid = readOid(children(p)[0], `${field}.prf`);
        const h = PRFS[prfOid];
        if (!h) {
          throw new UnsupportedError('ERR_PBE_ALGORITHM', {
            zh: `不支持的 PRF ${prfOid}`,
            en: `unsupported PRF ${prfOid}`,
          });
        }
        prf = h;
      }
    }
    const enc = children(expectTag(params[1], TAG.SEQUENCE, `${field}.encryptionScheme`));
    const encOid = readOid(enc[0], `${field}.encryptionScheme`);
    const kl = AES_KEY_LENGTH[encOid];
    if (kl === undefined) {
      throw new UnsupportedError('ERR_PBE_ALGORITHM', {
        zh: `不支持的加密算法 ${encOid}`,
        en: `unsupported encryption scheme ${encOid}`,
      });
    }
    const iv = expectTag(enc[1], TAG.OCTET_STRING, `${field}.iv`).value;
    const key = pbkdf2(prf, utf8(password), salt, { c: iterations, dkLen: keyLength ?? kl });
    if (encOid === OID.desEde3Cbc) return desEde3CbcDecrypt(key, iv, data);
    try {
      return cbc(key, iv).decrypt(data);
    } catch (cause) {
      throw new CryptoError(
        'ERR_CIPHER_PADDING',
        {
          zh: `${field}：AES 解密失败（口令错误或数据损坏）`,
          en: `${field}: AES decryption failed (wrong password or corrupt data)`,
        },
        { cause },
      );
    }
  }
  throw new UnsupportedError(
    'ERR_PBE_ALGORITHM',
    { zh: `不支持的口令加密算法 ${alg}`, en: `unsupported password-based encryption ${alg}` },
    { location: { field } },
  );
}

/** Decrypts an EncryptedPrivateKeyInfo (DER) to the inner PrivateKeyInfo DER. */
export function decryptPrivateKeyInfo(der: Uint8Array, password: string): Uint8Array {
  const field = 'EncryptedPrivateKeyInfo';
  const top = children(expectTag(readTlv(der, 0, field), TAG.SEQUENCE, field), field);
  const data = expectTag(top[1], TAG.OCTET_STRING, `${field}.encryptedData`).value;
  return pbeDecrypt(top[0] as Tlv, data, password, field);
}

/** Options for password-based encryption when writing. */
export interface PbeWriteOptions {
  /** PBKDF2 iterations (default 100,000 for keys; PKCS#12 defaults to OpenSSL's 2,048). */
  readonly iterations?: number;
}

function random(n: number): Uint8Array {
  const b = new Uint8Array(n);
  globalThis.crypto.getRandomValues(b);
  return b;
}

/**
 * Encrypts with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC, random 16-byte salt and IV); returns the
 * AlgorithmIdentifier DER and the ciphertext. The password is taken as UTF-8, as OpenSSL does.
 */
export function pbes2Encrypt(
  data: Uint8Array,
  password: string,
  iterations: number,
): { algorithm: Uint8Array; ciphertext: Uint8Array } {
  checkIterations(iterations, 'iterations');
  const salt = random(16);
  const iv = random(16);
  const key = pbkdf2(sha256, utf8(password), salt, { c: iterations, dkLen: 32 });
  const ciphertext = cbc(key, iv).encrypt(data);
  const algorithm = seq(
    oid(OID.pbes2),
    seq(
      seq(
        oid(OID.pbkdf2),
        seq(octetString(salt), integer(iterations), seq(oid(OID.hmacWithSha256), derNull())),
      ),
      seq(oid(OID.aes256Cbc), octetString(iv)),
    ),
  );
  return { algorithm, ciphertext };
}

/** Wraps a PrivateKeyInfo DER into an EncryptedPrivateKeyInfo (PBES2/AES-256-CBC). */
export function encryptPrivateKeyInfo(
  der: Uint8Array,
  password: string,
  options: PbeWriteOptions = {},
): Uint8Array {
  const { algorithm, ciphertext } = pbes2Encrypt(der, password, options.iterations ?? 100_000);
  return seq(algorithm, octetString(ciphertext));
}
