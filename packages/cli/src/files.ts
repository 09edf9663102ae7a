/**
 * File helpers every `gbkit` command shares: reading inputs (a missing or unreadable file is a usage
 * error, exit 3, naming the file), writing outputs atomically (a temporary file then a rename, so no
 * half-written output is ever left), and loading a signing identity (SM2 key + certificate).
 * @module
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { GbkitError } from '@gbkit/core';
import { importPrivateKey, parseCertificates, parsePkcs12 } from '@gbkit/crypto';
import { type CommandIO, UsageError } from './command.js';

/** The bytes of `path` (relative to the command's cwd; `-` reads standard input). */
export function readInput(io: Pick<CommandIO, 'cwd'>, path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path === '-' ? 0 : resolve(io.cwd, path)));
  } catch (e) {
    throw new UsageError({
      zh: `无法读取文件 ${path}：${(e as Error).message}`,
      en: `cannot read ${path}: ${(e as Error).message}`,
    });
  }
}

/**
 * Writes `data` to `path` through a temporary file in the same folder and a rename. Returns the
 * absolute path written. `mode` (e.g. `0o600` for private keys) applies to the new file.
 */
export function writeAtomic(
  io: Pick<CommandIO, 'cwd'>,
  path: string,
  data: Uint8Array | string,
  options: { mode?: number } = {},
): string {
  const target = resolve(io.cwd, path);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(tmp, data, options.mode === undefined ? {} : { mode: options.mode });
  renameSync(tmp, target);
  return target;
}

/** The DER certificates in a PEM bundle or DER file; a usage error naming the file otherwise. */
export function certificatesFrom(io: Pick<CommandIO, 'cwd'>, path: string): Uint8Array[] {
  const bytes = readInput(io, path);
  try {
    return parseCertificates(bytes).map((c) => c.der);
  } catch (e) {
    const t = e instanceof GbkitError ? e.text : { zh: String(e), en: String(e) };
    throw new UsageError({ zh: `${path} 不是证书：${t.zh}`, en: `${path} is not a certificate: ${t.en}` });
  }
}

/** An SM2 signing identity: key pair and the DER certificate that goes with it. */
export interface SigningIdentityInput {
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly certificate: Uint8Array;
}

/**
 * Loads a signing identity from `--key` (PKCS#12 `.p12`/`.pfx`, or a PEM/DER private key) and `--cert`
 * (required unless the PKCS#12 carries the certificate), with `--password` for encrypted keys.
 */
export function loadSigningIdentity(
  io: Pick<CommandIO, 'cwd'>,
  keyPath: string,
  certPath: string | undefined,
  password: string | undefined,
  usage: string,
): SigningIdentityInput {
  const keyBytes = readInput(io, keyPath);
  try {
    if (/\.(p12|pfx)$/i.test(keyPath)) {
      const p = parsePkcs12(keyBytes, { password: password ?? '' });
      const cert = certPath ? certificatesFrom(io, certPath)[0] : p.certificate?.der;
      if (!cert)
        throw new UsageError(
          {
            zh: 'PKCS#12 中没有匹配的证书，请用 --cert 给出',
            en: 'no matching certificate in the PKCS#12: give --cert',
          },
          usage,
        );
      return { privateKey: p.privateKey, publicKey: p.publicKey, certificate: cert };
    }
    const k = importPrivateKey(keyBytes, password ? { password } : {});
    if (!certPath) throw new UsageError({ zh: '缺少 --cert', en: 'missing --cert' }, usage);
    const cert = certificatesFrom(io, certPath)[0];
    if (!cert) throw new UsageError({ zh: '--cert 中没有证书', en: 'no certificate in --cert' }, usage);
    return { privateKey: k.privateKey, publicKey: k.publicKey, certificate: cert };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const t = e instanceof GbkitError ? e.text : { zh: String(e), en: String(e) };
    throw new UsageError(
      { zh: `无法读取密钥 ${keyPath}：${t.zh}`, en: `cannot read the key ${keyPath}: ${t.en}` },
      usage,
    );
  }
}
