/**
 * Token and key commands (`@gbkit/identity`):
 * - `gbkit token sign --key KEY --claims FILE [--alg SM2|ES256|RS256|EdDSA] [--kid KID] [--ttl S]` prints a
 *   compact JWT. KEY is a private JWK (JSON) or an SM2 private key (PKCS#8/SEC1/PKCS#12, PEM or DER); a P-256,
 *   RSA or Ed25519 PKCS#8 PEM works with `--alg`. `--ttl` (default 300, 0 = off) adds `iat`/`exp` when absent.
 * - `gbkit token verify TOKEN --jwks FILE|--key KEY [--iss ISS] [--aud AUD] [--json]` prints the header and
 *   claims; exit 0 valid, 1 invalid (with the stable error code), 3 usage. KEY: a JWK, an SM2 public key
 *   (SPKI PEM/DER) or a certificate. TOKEN may be `@FILE`.
 * - `gbkit jwk from-cert CERT [--kid KID]` prints the certificate's public key as a JWK (SM2 keys under
 *   the private `crv: "SM2"` convention) with `x5c` and `x5t#S256`.
 * @module
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GbkitError, localize } from '@gbkit/core';
import {
  decodeUnverified,
  type Jwk,
  JwtVerifier,
  jwkFromCertificate,
  PLATFORM_ALGS,
  type PlatformAlg,
  parseJsonStrict,
  parseJwks,
  privateJwkFromKey,
  publicJwksFromKey,
  signingKeyFromJwk,
  signJwt,
} from '@gbkit/identity';
import { type Command, EXIT, parse, required, UsageError } from '../command.js';

const signUsage =
  'gbkit token sign --key KEY --claims FILE [--alg SM2|ES256|RS256|EdDSA] [--kid KID] [--ttl SECONDS]';
const verifyUsage = 'gbkit token verify TOKEN|@FILE --jwks FILE|--key KEY [--iss ISS] [--aud AUD] [--json]';
const fromCertUsage = 'gbkit jwk from-cert CERT [--kid KID]';

function read(io: { cwd: string }, file: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(io.cwd, file)));
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

function checkAlgOption(alg: string | undefined, usage: string): PlatformAlg | undefined {
  if (alg === undefined) return undefined;
  if (!PLATFORM_ALGS.includes(alg as PlatformAlg)) {
    throw new UsageError(
      {
        zh: `--alg 应为 ${PLATFORM_ALGS.join('、')}`,
        en: `--alg must be one of ${PLATFORM_ALGS.join(', ')}`,
      },
      usage,
    );
  }
  return alg as PlatformAlg;
}

function fail(io: { err(s: string): void; lang: 'zh' | 'en' }, e: unknown, cmd: string): number {
  if (e instanceof GbkitError) {
    io.err(`gbkit ${cmd}: ${e.code}: ${e.localizedMessage(io.lang)}`);
    return EXIT.INVALID;
  }
  throw e;
}

/** `gbkit token sign` */
export const tokenSignCommand: Command = {
  words: ['token', 'sign'],
  summary: {
    zh: '签发 JWT（SM2 默认；也支持 ES256、RS256、EdDSA）',
    en: 'sign a JWT (SM2 by default; also ES256, RS256, EdDSA)',
  },
  usage: signUsage,
  async run(args, io) {
    const { values } = parse(
      args,
      {
        key: { type: 'string' },
        claims: { type: 'string' },
        alg: { type: 'string' },
        kid: { type: 'string' },
        ttl: { type: 'string' },
      },
      signUsage,
      false,
    );
    const keyFile = required(values.key, '--key', signUsage);
    const claimsFile = required(values.claims, '--claims', signUsage);
    const alg = checkAlgOption(values.alg, signUsage);
    const ttl = values.ttl === undefined ? 300 : Number(values.ttl);
    if (!Number.isInteger(ttl) || ttl < 0) {
      throw new UsageError(
        { zh: '--ttl 应为非负整数秒', en: '--ttl must be a non-negative integer (seconds)' },
        signUsage,
      );
    }
    try {
      const claims = parseJsonStrict(text(read(io, claimsFile)), 'claims', 'ERR_JWT_INVALID');
      if (!claims || typeof claims !== 'object' || Array.isArray(claims)) {
        throw new UsageError(
          { zh: '声明文件必须是 JSON 对象', en: 'the claims file must hold a JSON object' },
          signUsage,
        );
      }
      const c = { ...(claims as Record<string, unknown>) };
      if (ttl > 0) {
        const now = Math.floor(Date.now() / 1000);
        c.iat ??= now;
        c.exp ??= now + ttl;
      }
      const key = await signingKeyFromJwk(await privateJwkFromKey(read(io, keyFile), alg), {
        ...(alg ? { alg } : {}),
        ...(values.kid ? { kid: values.kid } : {}),
      });
      io.out(await signJwt(c, key));
      return EXIT.OK;
    } catch (e) {
      if (e instanceof UsageError) throw e;
      return fail(io, e, 'token sign');
    }
  },
};

/** `gbkit token verify` */
export const tokenVerifyCommand: Command = {
  words: ['token', 'verify'],
  summary: {
    zh: '验证 JWT 并显示头部和声明（有效退出码 0，无效 1）',
    en: 'verify a JWT and print its header and claims (exit 0 valid, 1 invalid)',
  },
  usage: verifyUsage,
  async run(args, io) {
    const { values, positionals } = parse(
      args,
      {
        jwks: { type: 'string' },
        key: { type: 'string' },
        iss: { type: 'string' },
        aud: { type: 'string' },
        json: { type: 'boolean' },
      },
      verifyUsage,
    );
    const arg = positionals[0];
    if (!arg || positionals.length > 1) {
      throw new UsageError(
        { zh: '请给出一个令牌（或 @文件）', en: 'give one token (or @FILE)' },
        verifyUsage,
      );
    }
    if ((values.jwks === undefined) === (values.key === undefined)) {
      throw new UsageError(
        { zh: '请给出 --jwks 或 --key 之一', en: 'give exactly one of --jwks or --key' },
        verifyUsage,
      );
    }
    const token = (arg.startsWith('@') ? text(read(io, arg.slice(1))) : arg).trim();
    try {
      const jwks = values.jwks
        ? parseJwks(parseJsonStrict(text(read(io, values.jwks)), 'jwks', 'ERR_JWS_INVALID'))
        : await publicJwksFromKey(read(io, values.key as string));
      // A single key given with --key is used whatever the token's kid says.
      const header = decodeUnverified(token).header;
      if (values.key && jwks.keys.length === 1 && typeof header.kid === 'string') {
        jwks.keys = [{ ...(jwks.keys[0] as Jwk), kid: header.kid }];
      }
      const verifier = new JwtVerifier(jwks, {
        requireKid: false,
        requireExp: false,
        ...(values.iss ? { issuer: values.iss } : {}),
        ...(values.aud ? { audience: values.aud } : {}),
      });
      const r = await verifier.verify(token);
      if (values.json)
        io.out(JSON.stringify({ valid: true, header: r.header, claims: r.claims, kid: r.key.kid }, null, 2));
      else {
        io.out(
          localize(
            {
              zh: `✔ 签名有效（${String(r.header.alg)}，kid ${r.key.kid}）`,
              en: `✔ valid signature (${String(r.header.alg)}, kid ${r.key.kid})`,
            },
            io.lang,
          ),
        );
        io.out(`header: ${JSON.stringify(r.header, null, 2)}`);
        io.out(`claims: ${JSON.stringify(r.claims, null, 2)}`);
      }
      return EXIT.OK;
    } catch (e) {
      if (values.json && e instanceof GbkitError) {
        io.out(JSON.stringify({ valid: false, error: e.toJSON() }, null, 2));
        return EXIT.INVALID;
      }
      return fail(io, e, 'token verify');
    }
  },
};

/** `gbkit jwk from-cert` */
export const jwkFromCertCommand: Command = {
  words: ['jwk', 'from-cert'],
  summary: {
    zh: '把证书公钥输出为 JWK（SM2 用私有约定 crv: "SM2"）',
    en: 'print a certificate\'s public key as a JWK (SM2 under the private crv "SM2" convention)',
  },
  usage: fromCertUsage,
  async run(args, io) {
    const { values, positionals } = parse(args, { kid: { type: 'string' } }, fromCertUsage);
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      throw new UsageError({ zh: '请给出一个证书文件', en: 'give one certificate file' }, fromCertUsage);
    }
    try {
      io.out(
        JSON.stringify(
          await jwkFromCertificate(read(io, file), values.kid ? { kid: values.kid } : {}),
          null,
          2,
        ),
      );
      return EXIT.OK;
    } catch (e) {
      return fail(io, e, 'jwk from-cert');
    }
  },
};

/** The token and JWK commands, registered in `commands/index.ts`. */
export const tokenCommands: Command[] = [tokenSignCommand, tokenVerifyCommand, jwkFromCertCommand];
