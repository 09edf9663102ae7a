/**
 * Keys and certificates in the formats people have (JWK JSON, PEM, DER, X.509) turned into JWKs:
 * SM2 through `@gbkit/crypto`'s importers, P-256 / RSA / Ed25519 through `jose`.
 * @module
 */
import { toBase64, toBase64Url } from '@gbkit/core';
import { importPrivateKey, importPublicKey, parseCertificate } from '@gbkit/crypto';
import * as jose from 'jose';
import { badJwk } from './errors.js';
import { type Jwk, type Jwks, parseJwks, sm2PrivateKeyToJwk, sm2PublicKeyToJwk, toPublicJwk } from './jwk.js';
import { parseJsonStrict } from './strict.js';

const text = (b: Uint8Array | string) => (typeof b === 'string' ? b : new TextDecoder().decode(b));
const isJson = (b: Uint8Array | string) =>
  text(typeof b === 'string' ? b.slice(0, 64) : b.subarray(0, 64))
    .trimStart()
    .startsWith('{');
const isPem = (b: Uint8Array | string) =>
  text(typeof b === 'string' ? b.slice(0, 400) : b.subarray(0, 400)).includes('-----BEGIN');

/** The standard algorithms for non-SM2 keys. */
export type StandardAlg = 'ES256' | 'RS256' | 'EdDSA';

/**
 * A certificate's public key as a JWK with `kid` (default: RFC 7638 thumbprint), `x5c` and `x5t#S256`.
 * SM2 keys use the private `crv: "SM2"` convention.
 * @example
 * ```ts
 * const jwk = await jwkFromCertificate(pemText);
 * jwk.crv; // 'SM2' for an SM2 certificate
 * ```
 */
export async function jwkFromCertificate(
  input: Uint8Array | string,
  options: { kid?: string } = {},
): Promise<Jwk> {
  const cert = parseCertificate(isPem(input) ? text(input) : (input as Uint8Array));
  let jwk: Jwk;
  if (cert.publicKeyAlgorithm === 'SM2') {
    jwk = sm2PublicKeyToJwk(cert.publicKey);
  } else {
    const alg: StandardAlg =
      cert.publicKeyAlgorithm === 'EC P-256'
        ? 'ES256'
        : cert.publicKeyAlgorithm === 'RSA'
          ? 'RS256'
          : 'EdDSA';
    const pem = `-----BEGIN CERTIFICATE-----\n${toBase64(cert.der).replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
    try {
      const k = await jose.importX509(pem, alg, { extractable: true });
      jwk = { ...((await jose.exportJWK(k)) as Jwk), alg, use: 'sig' };
    } catch (e) {
      throw badJwk({
        zh: `证书公钥算法 ${cert.publicKeyAlgorithm} 不受支持`,
        en: `certificate key algorithm ${cert.publicKeyAlgorithm} is not supported: ${(e as Error).message}`,
      });
    }
  }
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(cert.der)));
  return {
    ...jwk,
    kid: options.kid ?? (await jose.calculateJwkThumbprint(jwk as jose.JWK, 'sha256')),
    x5c: [toBase64(cert.der)],
    'x5t#S256': toBase64Url(digest),
  };
}

/**
 * A private key as a JWK: JWK JSON as is; an SM2 key in PKCS#8 / SEC1 / PKCS#12 (PEM or DER); or, with
 * `alg` ES256 / RS256 / EdDSA, a PKCS#8 PEM.
 */
export async function privateJwkFromKey(
  input: Uint8Array | string,
  alg?: string,
  password?: string,
): Promise<Jwk> {
  if (isJson(input)) return parseJsonStrict(text(input), 'key', 'ERR_JWS_INVALID') as Jwk;
  if (alg && alg !== 'SM2') {
    if (!isPem(input))
      throw badJwk({
        zh: '非 SM2 私钥请用 PKCS#8 PEM 或 JWK',
        en: 'give a non-SM2 private key as PKCS#8 PEM or JWK',
      });
    try {
      const k = await jose.importPKCS8(text(input), alg, { extractable: true });
      return (await jose.exportJWK(k)) as Jwk;
    } catch (e) {
      throw badJwk({
        zh: `无法按 ${alg} 导入 PKCS#8 私钥：${(e as Error).message}`,
        en: `cannot import the PKCS#8 key for ${alg}: ${(e as Error).message}`,
      });
    }
  }
  const kp = importPrivateKey(
    isPem(input) ? text(input) : (input as Uint8Array),
    password !== undefined ? { password } : {},
  );
  return sm2PrivateKeyToJwk(kp.privateKey);
}

/**
 * Public verification keys as a JWKS: a JWKS or JWK JSON (private members dropped), an SM2 public key
 * (SPKI PEM/DER), or an X.509 certificate of any supported algorithm.
 */
export async function publicJwksFromKey(input: Uint8Array | string): Promise<Jwks> {
  if (isJson(input)) {
    const v = parseJsonStrict(text(input), 'key', 'ERR_JWS_INVALID') as Record<string, unknown>;
    if (Array.isArray(v.keys)) return { keys: parseJwks(v).keys.map(toPublicJwk) };
    return { keys: [toPublicJwk(v as Jwk)] };
  }
  const pem = isPem(input);
  if (pem && text(input).includes('CERTIFICATE')) return { keys: [await jwkFromCertificate(input)] };
  try {
    return { keys: [sm2PublicKeyToJwk(importPublicKey(pem ? text(input) : (input as Uint8Array)))] };
  } catch (e) {
    try {
      return { keys: [await jwkFromCertificate(input)] };
    } catch {
      throw e;
    }
  }
}
