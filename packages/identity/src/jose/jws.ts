/**
 * Compact JWS (RFC 7515 §7.1) with the Chinese algorithms, which `jose` does not support and cannot be
 * extended with:
 *
 * - `SM2`: signature per GB/T 32918.2 over the ASCII signing input `b64u(header) . b64u(payload)`, with
 *   e = SM3(Z_A ‖ M), Z_A computed with the signer ID (default `1234567812345678`, GB/T 35276), and the
 *   signature encoded as raw 64-byte `r ‖ s` (like ES256, RFC 7518 §3.4), not DER.
 * - `HSM3`: HMAC-SM3 (GB/T 15852.2 with SM3) over the same signing input, 32-byte tag.
 *
 * Other names seen in practice for SM2 (`SM3withSM2`, `SM3WithSM2`, `SM2-SM3`, `GmSM2`) are accepted on
 * verify only when listed in `acceptAliases`; signing always writes `SM2`. `crit` is rejected unless empty of
 * anything we do not understand (we understand nothing, so any `crit` fails). Reasoning in
 * `docs/adr-sm2-jose.md`.
 * @module
 */
import { toBase64Url, utf8 } from '@gbkit/core';
import { hmacSm3, SM2_DEFAULT_USER_ID, sm2Sign, sm2Verify } from '@gbkit/crypto';
import { algNotAllowed, badJwk, badSignature, malformed, notSupported, tooLarge } from './errors.js';
import { type Jwk, sm2JwkToPrivateKey, sm2JwkToPublicKey } from './jwk.js';
import { decodeB64u, decodeJsonSegment } from './strict.js';

/** The `alg` gbkit writes for SM2 signatures. */
export const SM2_ALG = 'SM2';
/** The `alg` gbkit writes for HMAC-SM3. */
export const HSM3_ALG = 'HSM3';
/** SM2 `alg` names seen in other implementations; accept them only by listing them in `acceptAliases`. */
export const SM2_ALG_ALIASES: readonly string[] = Object.freeze([
  'SM3withSM2',
  'SM3WithSM2',
  'SM2-SM3',
  'GmSM2',
]);

/** Size limits applied before anything is decoded. */
export interface JwsLimits {
  /** Longest accepted compact token in characters (default 16 384). */
  readonly maxTokenLength?: number;
  /** Longest accepted protected header, base64url characters (default 2 048). */
  readonly maxHeaderLength?: number;
}

/** A compact JWS split and decoded (nothing verified yet). */
export interface DecodedJws {
  readonly header: Readonly<Record<string, unknown>>;
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
  /** The ASCII bytes `b64u(header) . b64u(payload)` that are signed. */
  readonly signingInput: Uint8Array;
}

/** A JOSE header for signing (`alg` is set by the signer). */
export interface JwsHeaderInput {
  kid?: string;
  typ?: string;
  [name: string]: unknown;
}

const ASCII = new TextEncoder();

/**
 * Splits and decodes a compact JWS strictly: size limits, three segments, canonical base64url, a protected
 * header that is a JSON object without duplicate names and with a string `alg`; `crit` and `b64` are
 * rejected as unsupported.
 * @throws FormatError `ERR_JWS_INVALID`; LimitExceededError `ERR_JWS_TOO_LARGE`; UnsupportedError `ERR_JOSE_NOT_SUPPORTED`.
 */
export function decodeCompactJws(token: string, limits: JwsLimits = {}): DecodedJws {
  if (typeof token !== 'string') {
    throw malformed('ERR_JWS_INVALID', { zh: 'JWS 必须是字符串', en: 'a JWS must be a string' });
  }
  const maxToken = limits.maxTokenLength ?? 16_384;
  if (token.length > maxToken) throw tooLarge('token', token.length, maxToken);
  const parts = token.split('.');
  if (parts.length !== 3) {
    throw malformed('ERR_JWS_INVALID', {
      zh: `紧凑 JWS 应有 3 段，实际 ${parts.length} 段`,
      en: `a compact JWS has 3 segments, got ${parts.length}`,
    });
  }
  const [h, p, s] = parts as [string, string, string];
  const maxHeader = limits.maxHeaderLength ?? 2_048;
  if (h.length > maxHeader) throw tooLarge('header', h.length, maxHeader);
  const header = decodeJsonSegment(h, 'header', 'ERR_JWS_INVALID');
  if (typeof header.alg !== 'string' || header.alg === '') {
    throw malformed('ERR_JWS_INVALID', { zh: '头部缺少 alg', en: 'the header has no alg' }, 'alg');
  }
  if (header.crit !== undefined) {
    if (
      !Array.isArray(header.crit) ||
      header.crit.length === 0 ||
      header.crit.some((c) => typeof c !== 'string')
    ) {
      throw malformed(
        'ERR_JWS_INVALID',
        { zh: 'crit 必须是非空字符串数组', en: 'crit must be a non-empty array of strings' },
        'crit',
      );
    }
    throw notSupported(
      {
        zh: `不支持关键扩展 crit ${JSON.stringify(header.crit)}`,
        en: `critical extensions ${JSON.stringify(header.crit)} are not supported`,
      },
      'crit',
    );
  }
  if (header.b64 !== undefined) {
    throw notSupported(
      { zh: '不支持 b64 头部参数（RFC 7797）', en: 'the b64 header parameter (RFC 7797) is not supported' },
      'b64',
    );
  }
  const payload = decodeB64u(p, 'payload');
  const signature = decodeB64u(s, 'signature');
  return { header, payload, signature, signingInput: ASCII.encode(`${h}.${p}`) };
}

function encodeHeader(header: JwsHeaderInput, alg: string): string {
  const { alg: _ignored, ...rest } = header;
  return toBase64Url(utf8(JSON.stringify({ alg, ...rest })));
}

function payloadBytes(payload: Uint8Array | string | object): Uint8Array {
  if (payload instanceof Uint8Array) return payload;
  if (typeof payload === 'string') return utf8(payload);
  return utf8(JSON.stringify(payload));
}

/** An SM2 private key: 32 raw bytes or a private JWK. */
export type Sm2PrivateKeyInput = Uint8Array | Jwk;
/** An SM2 public key: 65/64/33 bytes or a JWK. */
export type Sm2PublicKeyInput = Uint8Array | Jwk;

function privBytes(key: Sm2PrivateKeyInput): Uint8Array {
  return key instanceof Uint8Array ? key : sm2JwkToPrivateKey(key);
}

function pubBytes(key: Sm2PublicKeyInput): Uint8Array {
  return key instanceof Uint8Array ? key : sm2JwkToPublicKey(key);
}

/**
 * Signs a compact JWS with SM2 (`alg: "SM2"`, SM3 with Z_A, raw r‖s).
 * @example
 * ```ts
 * import { sm2GenerateKeyPair } from '@gbkit/crypto';
 * const { privateKey, publicKey } = sm2GenerateKeyPair();
 * const jws = signSm2Jws({ sub: 'u1' }, privateKey, { kid: 'k1', typ: 'JWT' });
 * verifySm2Jws(jws, publicKey).header.kid; // 'k1'
 * ```
 */
export function signSm2Jws(
  payload: Uint8Array | string | object,
  privateKey: Sm2PrivateKeyInput,
  header: JwsHeaderInput = {},
  options: { userId?: string | Uint8Array; publicKey?: Uint8Array } = {},
): string {
  const h = encodeHeader(header, SM2_ALG);
  const p = toBase64Url(payloadBytes(payload));
  const input = ASCII.encode(`${h}.${p}`);
  const sig = sm2Sign(input, privBytes(privateKey), {
    format: 'raw',
    userId: options.userId ?? SM2_DEFAULT_USER_ID,
    ...(options.publicKey ? { publicKey: options.publicKey } : {}),
  });
  return `${h}.${p}.${toBase64Url(sig)}`;
}

/** Options of {@link verifySm2Jws}. */
export interface Sm2JwsVerifyOptions extends JwsLimits {
  /** Signer ID for Z_A (default `1234567812345678`). */
  readonly userId?: string | Uint8Array;
  /** Other `alg` names to accept as SM2 (e.g. `['SM3withSM2']`); none by default. */
  readonly acceptAliases?: readonly string[];
}

/** A verified JWS. */
export interface VerifiedJws {
  readonly header: Readonly<Record<string, unknown>>;
  readonly payload: Uint8Array;
}

/** Whether `alg` is SM2 under the given alias list. */
export function isSm2Alg(alg: unknown, aliases: readonly string[] = []): boolean {
  return alg === SM2_ALG || (typeof alg === 'string' && aliases.includes(alg));
}

/** Verifies the raw r‖s SM2 signature of an already decoded JWS. */
export function verifyDecodedSm2(jws: DecodedJws, publicKey: Uint8Array, userId?: string | Uint8Array): void {
  if (jws.signature.length !== 64) {
    throw badSignature({ reason: 'ERR_SM2_SIG_LENGTH', length: jws.signature.length });
  }
  const r = sm2Verify(jws.signingInput, jws.signature, publicKey, {
    format: 'raw',
    userId: userId ?? SM2_DEFAULT_USER_ID,
  });
  if (!r.valid) throw badSignature({ reason: r.reason });
}

/**
 * Verifies an SM2 compact JWS against one public key.
 * @throws VerificationError `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`, `ERR_JOSE_ALG_NOT_ALLOWED`; FormatError
 * `ERR_JWS_INVALID`; LimitExceededError `ERR_JWS_TOO_LARGE`; UnsupportedError `ERR_JOSE_NOT_SUPPORTED`.
 */
export function verifySm2Jws(
  token: string,
  publicKey: Sm2PublicKeyInput,
  options: Sm2JwsVerifyOptions = {},
): VerifiedJws {
  const jws = decodeCompactJws(token, options);
  if (!isSm2Alg(jws.header.alg, options.acceptAliases)) {
    throw algNotAllowed(jws.header.alg, { zh: '需要 SM2', en: 'SM2 expected' });
  }
  verifyDecodedSm2(jws, pubBytes(publicKey), options.userId);
  return { header: jws.header, payload: jws.payload };
}

/** An HMAC-SM3 secret: raw bytes (at least 16) or an `oct` JWK. */
export type Hsm3SecretInput = Uint8Array | Jwk;

/**
 * The secret bytes of an HMAC key. Refuses anything that is not clearly a symmetric secret — an asymmetric
 * JWK, PEM text or an encoded EC point — so a public key can never be used as an HMAC key (the classic
 * algorithm-confusion attack).
 * @throws InvalidArgumentError `ERR_JWK_INVALID`.
 */
export function hsm3Secret(key: Hsm3SecretInput): Uint8Array {
  let bytes: Uint8Array;
  if (key instanceof Uint8Array) bytes = key;
  else {
    if (key.kty !== 'oct' || typeof key.k !== 'string') {
      throw badJwk(
        { zh: 'HMAC 密钥必须是 kty 为 oct 的对称密钥', en: 'an HMAC key must be a symmetric JWK (kty oct)' },
        'kty',
      );
    }
    bytes = decodeB64u(key.k, 'k');
  }
  const head = String.fromCharCode(...bytes.subarray(0, 11));
  const looksPublic =
    head.startsWith('-----BEGIN') ||
    head.startsWith('{') ||
    (bytes.length === 65 && bytes[0] === 4) ||
    (bytes.length === 33 && (bytes[0] === 2 || bytes[0] === 3));
  if (looksPublic) {
    throw badJwk({
      zh: 'HMAC 密钥看起来是公钥或 PEM/JWK 文本',
      en: 'the HMAC key looks like a public key or PEM/JWK text',
    });
  }
  if (bytes.length < 16) {
    throw badJwk({ zh: 'HMAC-SM3 密钥至少 16 字节', en: 'an HMAC-SM3 key needs at least 16 bytes' }, 'k');
  }
  return bytes;
}

/**
 * Signs a compact JWS with HMAC-SM3 (`alg: "HSM3"`).
 * @example
 * ```ts
 * const secret = new Uint8Array(32).fill(7);
 * const jws = signHsm3Jws({ sub: 'u1' }, secret);
 * verifyHsm3Jws(jws, secret).header.alg; // 'HSM3'
 * ```
 */
export function signHsm3Jws(
  payload: Uint8Array | string | object,
  secret: Hsm3SecretInput,
  header: JwsHeaderInput = {},
): string {
  const key = hsm3Secret(secret);
  const h = encodeHeader(header, HSM3_ALG);
  const p = toBase64Url(payloadBytes(payload));
  return `${h}.${p}.${toBase64Url(hmacSm3(key, ASCII.encode(`${h}.${p}`)))}`;
}

/** Verifies the HMAC-SM3 tag of a decoded JWS in constant time. */
export function verifyDecodedHsm3(jws: DecodedJws, secret: Uint8Array): void {
  const tag = hmacSm3(secret, jws.signingInput);
  if (jws.signature.length !== tag.length) throw badSignature();
  let diff = 0; // constant-time comparison: every byte is examined
  for (let i = 0; i < tag.length; i++) diff |= (tag[i] as number) ^ (jws.signature[i] as number);
  if (diff !== 0) throw badSignature();
}

/** Verifies an HMAC-SM3 compact JWS. Throws like {@link verifySm2Jws}. */
export function verifyHsm3Jws(token: string, secret: Hsm3SecretInput, options: JwsLimits = {}): VerifiedJws {
  const key = hsm3Secret(secret);
  const jws = decodeCompactJws(token, options);
  if (jws.header.alg !== HSM3_ALG)
    throw algNotAllowed(jws.header.alg, { zh: '需要 HSM3', en: 'HSM3 expected' });
  verifyDecodedHsm3(jws, key);
  return { header: jws.header, payload: jws.payload };
}
