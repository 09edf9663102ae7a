/**
 * SM2 keys as JWK and key sets (JWKS).
 *
 * **Private convention** (no IANA registration exists for SM2 in JOSE; see `docs/adr-sm2-jose.md`): an SM2
 * public key is `{ "kty": "EC", "crv": "SM2", "x": b64u(32 bytes), "y": b64u(32 bytes) }`, the private key
 * adds `"d": b64u(32 bytes)`, exactly the RFC 7518 §6.2 shape of an EC key with the curve name `SM2`
 * (the name used by Go, Python and Java JOSE libraries that support SM2). Standard JOSE libraries reject
 * `crv: "SM2"`, which is what we want: they must not treat it as P-256.
 * @module
 */
import { concatBytes, toBase64Url } from '@gbkit/core';
import { sm2GetPublicKey, sm2NormalizePublicKey } from '@gbkit/crypto';
import { badJwk } from './errors.js';
import { decodeB64u } from './strict.js';

/** A JSON Web Key (RFC 7517) — loosely typed, any registered or private members. */
export interface Jwk {
  kty: string;
  kid?: string;
  alg?: string;
  use?: string;
  key_ops?: string[];
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  n?: string;
  e?: string;
  k?: string;
  [member: string]: unknown;
}

/** An SM2 public key in JWK form (private convention). */
export interface Sm2PublicJwk extends Jwk {
  kty: 'EC';
  crv: 'SM2';
  x: string;
  y: string;
}

/** An SM2 private key in JWK form (private convention). */
export interface Sm2PrivateJwk extends Sm2PublicJwk {
  d: string;
}

/** A JWK Set (RFC 7517 §5). */
export interface Jwks {
  keys: Jwk[];
}

/** Members that carry private or secret key material in any key type (RFC 7518 §6). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/**
 * An SM2 public key (65-byte `04‖x‖y`, 64-byte `x‖y` or 33-byte compressed) as a JWK.
 * @example
 * ```ts
 * import { sm2GenerateKeyPair } from '@gbkit/crypto';
 * const { publicKey } = sm2GenerateKeyPair();
 * sm2PublicKeyToJwk(publicKey, { kid: 'k1' }).crv; // 'SM2'
 * ```
 */
export function sm2PublicKeyToJwk(
  publicKey: Uint8Array,
  extra: { kid?: string; use?: string; alg?: string } = {},
): Sm2PublicJwk {
  let p: Uint8Array;
  try {
    p = sm2NormalizePublicKey(publicKey);
  } catch (e) {
    throw badJwk({
      zh: `SM2 公钥无效：${(e as Error).message}`,
      en: `invalid SM2 public key: ${(e as Error).message}`,
    });
  }
  return {
    kty: 'EC',
    crv: 'SM2',
    x: toBase64Url(p.subarray(1, 33)),
    y: toBase64Url(p.subarray(33, 65)),
    ...(extra.kid !== undefined ? { kid: extra.kid } : {}),
    use: extra.use ?? 'sig',
    alg: extra.alg ?? 'SM2',
  };
}

/** An SM2 private key (32 bytes) as a JWK, with its public part. */
export function sm2PrivateKeyToJwk(
  privateKey: Uint8Array,
  extra: { kid?: string; use?: string; alg?: string } = {},
): Sm2PrivateJwk {
  let pub: Uint8Array;
  try {
    pub = sm2GetPublicKey(privateKey);
  } catch (e) {
    throw badJwk({
      zh: `SM2 私钥无效：${(e as Error).message}`,
      en: `invalid SM2 private key: ${(e as Error).message}`,
    });
  }
  return { ...sm2PublicKeyToJwk(pub, extra), d: toBase64Url(privateKey) };
}

/** Whether a JWK is an SM2 key under the private convention. */
export function isSm2Jwk(jwk: Jwk): jwk is Sm2PublicJwk {
  return jwk.kty === 'EC' && jwk.crv === 'SM2';
}

function coord(jwk: Jwk, name: 'x' | 'y' | 'd'): Uint8Array {
  const v = jwk[name];
  if (typeof v !== 'string') throw badJwk({ zh: `SM2 JWK 缺少 ${name}`, en: `SM2 JWK lacks ${name}` }, name);
  let b: Uint8Array;
  try {
    b = decodeB64u(v, name);
  } catch {
    throw badJwk(
      { zh: `SM2 JWK 的 ${name} 不是 base64url`, en: `SM2 JWK member ${name} is not base64url` },
      name,
    );
  }
  if (b.length !== 32) {
    throw badJwk(
      { zh: `SM2 JWK 的 ${name} 必须是 32 字节`, en: `SM2 JWK member ${name} must be 32 bytes` },
      name,
    );
  }
  return b;
}

/**
 * The 65-byte public key of an SM2 JWK; checks the point is on the curve.
 * @throws InvalidArgumentError `ERR_JWK_INVALID`.
 */
export function sm2JwkToPublicKey(jwk: Jwk): Uint8Array {
  if (!isSm2Jwk(jwk))
    throw badJwk({ zh: '不是 SM2 JWK（kty EC, crv SM2）', en: 'not an SM2 JWK (kty EC, crv SM2)' });
  const p = concatBytes(Uint8Array.of(4), coord(jwk, 'x'), coord(jwk, 'y'));
  try {
    return sm2NormalizePublicKey(p);
  } catch {
    throw badJwk({ zh: 'SM2 JWK 的点不在曲线上', en: 'the SM2 JWK point is not on the curve' }, 'x');
  }
}

/** The 32-byte private key of an SM2 private JWK; checks it matches `x`/`y` when present. */
export function sm2JwkToPrivateKey(jwk: Jwk): Uint8Array {
  if (!isSm2Jwk(jwk))
    throw badJwk({ zh: '不是 SM2 JWK（kty EC, crv SM2）', en: 'not an SM2 JWK (kty EC, crv SM2)' });
  const d = coord(jwk, 'd');
  let pub: Uint8Array;
  try {
    pub = sm2GetPublicKey(d);
  } catch {
    throw badJwk({ zh: 'SM2 私钥超出范围', en: 'SM2 private key out of range' }, 'd');
  }
  if (toBase64Url(pub.subarray(1, 33)) !== jwk.x || toBase64Url(pub.subarray(33, 65)) !== jwk.y) {
    throw badJwk({ zh: 'SM2 JWK 的 d 与 x/y 不匹配', en: 'SM2 JWK d does not match x/y' }, 'd');
  }
  return d;
}

/**
 * The public part of any JWK (private and secret members removed). Throws for a symmetric key, which has no
 * public part.
 */
export function toPublicJwk(jwk: Jwk): Jwk {
  if (jwk.kty === 'oct')
    throw badJwk({ zh: '对称密钥没有公开部分', en: 'a symmetric key has no public part' }, 'kty');
  const out: Jwk = { kty: jwk.kty };
  for (const [k, v] of Object.entries(jwk)) if (!PRIVATE_MEMBERS.includes(k) && v !== undefined) out[k] = v;
  if (Array.isArray(out.key_ops)) out.key_ops = out.key_ops.filter((op) => op === 'verify');
  return out;
}

/** A JWKS of the public parts of the given keys (each must have a `kid`). */
export function createJwks(keys: readonly Jwk[]): Jwks {
  const seen = new Set<string>();
  const out: Jwk[] = [];
  for (const k of keys) {
    if (!k.kid) throw badJwk({ zh: 'JWKS 中的密钥必须有 kid', en: 'keys in a JWKS must have a kid' }, 'kid');
    if (seen.has(k.kid)) throw badJwk({ zh: `kid ${k.kid} 重复`, en: `duplicate kid ${k.kid}` }, 'kid');
    seen.add(k.kid);
    out.push(toPublicJwk(k));
  }
  return { keys: out };
}

/**
 * Reads a JWKS from parsed JSON, checking its shape.
 * @throws InvalidArgumentError `ERR_JWK_INVALID`.
 */
export function parseJwks(value: unknown): Jwks {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.some((k) => !k || typeof k !== 'object' || typeof k.kty !== 'string')) {
    throw badJwk(
      { zh: '不是 JWK Set（缺少 keys 数组或 kty）', en: 'not a JWK Set (keys array or kty missing)' },
      'keys',
    );
  }
  return { keys: keys as Jwk[] };
}
