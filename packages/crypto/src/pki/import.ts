/**
 * One entry point for "give me the SM2 key in this file": PEM or DER, PKCS#8, encrypted PKCS#8,
 * SEC1, PKCS#12, SubjectPublicKeyInfo, X.509 certificates, raw key bytes.
 * @module
 */
import { CryptoError, FormatError, GbkitError, InvalidArgumentError, UnsupportedError } from '@gbkit/core';
import { type Sm2KeyPair, sm2NormalizePublicKey } from '../sm2/index.js';
import { parseCertificate } from './certificate.js';
import { children, readTlv, TAG } from './der.js';
import { decodePkcs8, decodeSec1, decodeSpki } from './keys.js';
import { decryptPrivateKeyInfo } from './pbe.js';
import { type PemBlock, pemOrDer } from './pem.js';
import { looksLikePfx, parsePkcs12 } from './pkcs12.js';

/** Options for {@link importPrivateKey}. */
export interface ImportPrivateKeyOptions {
  /** Password for PKCS#12 files and encrypted PKCS#8 (`ENCRYPTED PRIVATE KEY`). */
  readonly password?: string;
}

function needPassword(what: string): never {
  throw new InvalidArgumentError('ERR_KEY_PASSWORD_REQUIRED', {
    zh: `${what} 已加密，需要口令（password）`,
    en: `${what} is encrypted: a password is required`,
  });
}

function decryptPkcs8(der: Uint8Array, password: string | undefined): Sm2KeyPair {
  if (password === undefined) needPassword('ENCRYPTED PRIVATE KEY');
  let inner: Uint8Array;
  try {
    inner = decryptPrivateKeyInfo(der, password);
  } catch (e) {
    if (e instanceof GbkitError && e.code === 'ERR_CIPHER_PADDING') {
      throw new CryptoError(
        'ERR_KEY_PASSWORD',
        { zh: '口令错误，无法解密私钥', en: 'wrong password, cannot decrypt the private key' },
        { cause: e },
      );
    }
    throw e;
  }
  try {
    return decodePkcs8(inner);
  } catch (e) {
    throw new CryptoError(
      'ERR_KEY_PASSWORD',
      { zh: '解密结果不是私钥（口令错误？）', en: 'decrypted data is not a private key (wrong password?)' },
      { cause: e },
    );
  }
}

function fromDer(der: Uint8Array, password: string | undefined): Sm2KeyPair {
  if (looksLikePfx(der)) return parsePkcs12(der, password === undefined ? {} : { password });
  let parts: ReturnType<typeof children>;
  try {
    parts = children(readTlv(der, 0, 'private key'), 'private key');
  } catch (cause) {
    throw new FormatError(
      'ERR_KEY_FORMAT',
      { zh: '无法识别的私钥格式', en: 'unrecognised private key format' },
      { cause },
    );
  }
  const [a, b] = parts;
  if (a?.tag === TAG.INTEGER && b?.tag === TAG.SEQUENCE) return decodePkcs8(der);
  if (a?.tag === TAG.INTEGER && b?.tag === TAG.OCTET_STRING) return decodeSec1(der);
  if (a?.tag === TAG.SEQUENCE && b?.tag === TAG.OCTET_STRING) return decryptPkcs8(der, password);
  throw new FormatError('ERR_KEY_FORMAT', {
    zh: '无法识别的私钥格式（应为 PKCS#8、SEC1、加密 PKCS#8 或 PKCS#12）',
    en: 'unrecognised private key format (expected PKCS#8, SEC1, encrypted PKCS#8 or PKCS#12)',
  });
}

function fromBlock(block: PemBlock, password: string | undefined): Sm2KeyPair {
  switch (block.label) {
    case 'PRIVATE KEY':
      return decodePkcs8(block.der);
    case 'EC PRIVATE KEY':
      if (block.headers['Proc-Type']?.includes('ENCRYPTED')) {
        throw new UnsupportedError('ERR_KEY_LEGACY_PEM_ENCRYPTION', {
          zh: '不支持旧式 PEM 加密（Proc-Type: 4,ENCRYPTED），请转换为 PKCS#8',
          en: 'legacy PEM encryption (Proc-Type: 4,ENCRYPTED) is not supported; convert to PKCS#8',
        });
      }
      return decodeSec1(block.der);
    case 'ENCRYPTED PRIVATE KEY':
      return decryptPkcs8(block.der, password);
    case 'PKCS12':
      return parsePkcs12(block.der, password === undefined ? {} : { password });
    default:
      return fromDer(block.der, password);
  }
}

/**
 * Imports an SM2 private key from PKCS#8, encrypted PKCS#8, SEC1 (`EC PRIVATE KEY`) or PKCS#12, PEM
 * or DER (a bare 32-byte scalar is accepted too). Checks an embedded public key against the private
 * key (`ERR_KEY_MISMATCH`). Other curves → `ERR_KEY_NOT_SM2`; wrong password → `ERR_PKCS12_MAC`,
 * `ERR_PKCS12_PASSWORD` or `ERR_KEY_PASSWORD`.
 *
 * @example
 * ```ts
 * import { exportPrivateKeySec1, importPrivateKey, sm2GenerateKeyPair } from '@gbkit/crypto';
 * const pem = exportPrivateKeySec1(sm2GenerateKeyPair(), 'pem');
 * const { privateKey, publicKey } = importPrivateKey(pem);
 * console.log(privateKey.length, publicKey.length); // 32 65
 * ```
 */
export function importPrivateKey(
  input: Uint8Array | string,
  options: ImportPrivateKeyOptions = {},
): Sm2KeyPair {
  const { password } = options;
  if (input instanceof Uint8Array && input.length === 32) return decodeSec1Raw(input);
  const blocks = pemOrDer(input, 'private key');
  const keyBlock = blocks.find((b) => b.label !== 'EC PARAMETERS' && b.label !== 'CERTIFICATE') ?? blocks[0];
  if (!keyBlock || keyBlock.label === 'CERTIFICATE') {
    throw new FormatError('ERR_KEY_FORMAT', { zh: '输入中没有私钥', en: 'no private key in the input' });
  }
  return fromBlock(keyBlock, password);
}

function decodeSec1Raw(d: Uint8Array): Sm2KeyPair {
  // ECPrivateKey { version 1, privateKey d } without the optional fields.
  const der = new Uint8Array([0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20, ...d]);
  return decodeSec1(der);
}

/**
 * Imports an SM2 public key (65-byte `04‖x‖y`) from SubjectPublicKeyInfo (`PUBLIC KEY` PEM or DER), an
 * X.509 certificate (PEM or DER), or raw point bytes (65, 64 or 33 bytes).
 *
 * @example
 * ```ts
 * import { exportPublicKeySpki, importPublicKey, sm2GenerateKeyPair } from '@gbkit/crypto';
 * const { publicKey } = sm2GenerateKeyPair();
 * console.log(importPublicKey(exportPublicKeySpki(publicKey, 'pem')).length); // 65
 * ```
 */
export function importPublicKey(input: Uint8Array | string): Uint8Array {
  if (
    input instanceof Uint8Array &&
    (input.length === 65 || input.length === 64 || input.length === 33) &&
    input[0] !== 0x30
  ) {
    return sm2NormalizePublicKey(input);
  }
  const blocks = pemOrDer(input, 'public key');
  const block =
    blocks.find((b) => b.label === 'PUBLIC KEY' || b.label === 'CERTIFICATE' || b.label === '') ?? blocks[0];
  if (!block)
    throw new FormatError('ERR_KEY_FORMAT', { zh: '输入中没有公钥', en: 'no public key in the input' });
  if (block.label === 'CERTIFICATE') return certKey(block.der);
  if (block.label === 'PUBLIC KEY') return decodeSpki(block.der);
  // DER: a certificate is SEQUENCE { SEQUENCE (tbs) { … }, … }, an SPKI is SEQUENCE { SEQUENCE (alg) { OID … }, BIT STRING }
  const parts = children(readTlv(block.der, 0, 'public key'), 'public key');
  if (parts[1]?.tag === TAG.BIT_STRING) return decodeSpki(block.der);
  return certKey(block.der);
}

function certKey(der: Uint8Array): Uint8Array {
  const cert = parseCertificate(der);
  if (!cert.publicKeyInfo.isSm2) {
    throw new UnsupportedError('ERR_KEY_NOT_SM2', {
      zh: `证书公钥不是 SM2（${cert.publicKeyAlgorithm}）`,
      en: `the certificate key is not SM2 (${cert.publicKeyAlgorithm})`,
    });
  }
  return cert.publicKey;
}
