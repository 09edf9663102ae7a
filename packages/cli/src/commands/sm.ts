import { fromBase64, fromHex, localize, toHex, utf8 } from '@gbkit/core';
import {
  createSm3,
  exportPrivateKeyPkcs8,
  exportPublicKeySpki,
  importPrivateKey,
  importPublicKey,
  parseCertificate,
  SM2_DEFAULT_USER_ID,
  sm2GenerateKeyPair,
  sm2Sign,
  sm2Verify,
} from '@gbkit/crypto';
import { type Command, EXIT, parse, required, UsageError } from '../command.js';
import { readInput, writeAtomic } from '../files.js';

const sm3Usage = 'gbkit sm3 FILE…   (- = stdin)';
const keygenUsage = 'gbkit sm2 keygen --out KEY.pem [--pub PUB.pem]';
const signUsage = 'gbkit sm2 sign --key KEY --in FILE --out SIG [--id ID] [--raw] [--password PW]';
const verifyUsage = 'gbkit sm2 verify --pub KEY|--cert CERT --in FILE --sig SIG [--id ID] [--json]';

/** Key files are PEM text or DER bytes; importers take a string for PEM. */
function keyInput(bytes: Uint8Array): Uint8Array | string {
  const head = new TextDecoder().decode(bytes.subarray(0, 64));
  return head.includes('-----BEGIN') ? new TextDecoder().decode(bytes) : bytes;
}

/** Binary signature, or hex / base64 text of one. */
function signatureInput(bytes: Uint8Array): Uint8Array {
  if (bytes[0] === 0x30 || bytes.length === 64) return bytes;
  const text = new TextDecoder().decode(bytes).trim();
  if (/^[0-9a-fA-F\s]+$/.test(text)) {
    const hex = text.replace(/\s+/g, '');
    if (hex.length % 2 === 0) return fromHex(hex);
  }
  if (/^[A-Za-z0-9+/=\s_-]+$/.test(text)) {
    try {
      return fromBase64(text.replace(/\s+/g, ''));
    } catch {
      return bytes;
    }
  }
  return bytes;
}

/** `gbkit sm3 FILE…` */
export const sm3Command: Command = {
  words: ['sm3'],
  summary: {
    zh: '计算文件的 SM3 摘要（GB/T 32905），格式同 sha256sum',
    en: 'SM3 digest of files (GB/T 32905), sha256sum style',
  },
  usage: sm3Usage,
  run(args, io) {
    const { positionals } = parse(args, {}, sm3Usage);
    if (positionals.length === 0) {
      throw new UsageError(
        { zh: '请给出至少一个文件（- 表示标准输入）', en: 'give at least one file (- for stdin)' },
        sm3Usage,
      );
    }
    let status: number = EXIT.OK;
    for (const file of positionals) {
      try {
        io.out(`${toHex(createSm3().update(readInput(io, file)).digest())}  ${file}`);
      } catch (e) {
        io.err(`gbkit sm3: ${file}: ${e instanceof Error ? e.message : String(e)}`);
        status = EXIT.INVALID;
      }
    }
    return status;
  },
};

/** `gbkit sm2 keygen` */
export const sm2KeygenCommand: Command = {
  words: ['sm2', 'keygen'],
  summary: {
    zh: '生成 SM2 密钥对（PKCS#8 私钥、SPKI 公钥，PEM）',
    en: 'generate an SM2 key pair (PKCS#8 private, SPKI public, PEM)',
  },
  usage: keygenUsage,
  run(args, io) {
    const { values } = parse(args, { out: { type: 'string' }, pub: { type: 'string' } }, keygenUsage, false);
    const out = required(values.out, '--out', keygenUsage);
    const kp = sm2GenerateKeyPair();
    const keyPath = writeAtomic(io, out, exportPrivateKeyPkcs8(kp, 'pem'), { mode: 0o600 });
    io.out(localize({ zh: `私钥已写入 ${keyPath}`, en: `private key written to ${keyPath}` }, io.lang));
    if (values.pub) {
      const pubPath = writeAtomic(io, values.pub, exportPublicKeySpki(kp.publicKey, 'pem'));
      io.out(localize({ zh: `公钥已写入 ${pubPath}`, en: `public key written to ${pubPath}` }, io.lang));
    }
    io.out(`04${toHex(kp.publicKey.subarray(1))}`);
    return EXIT.OK;
  },
};

/** `gbkit sm2 sign` */
export const sm2SignCommand: Command = {
  words: ['sm2', 'sign'],
  summary: {
    zh: 'SM2 签名文件（GB/T 32918.2，默认用户标识 1234567812345678）',
    en: 'SM2-sign a file (GB/T 32918.2, default user ID 1234567812345678)',
  },
  usage: signUsage,
  run(args, io) {
    const { values } = parse(
      args,
      {
        key: { type: 'string' },
        in: { type: 'string' },
        out: { type: 'string' },
        id: { type: 'string' },
        raw: { type: 'boolean' },
        password: { type: 'string' },
      },
      signUsage,
      false,
    );
    const keyFile = required(values.key, '--key', signUsage);
    const inFile = required(values.in, '--in', signUsage);
    const outFile = required(values.out, '--out', signUsage);
    const kp = importPrivateKey(
      keyInput(readInput(io, keyFile)),
      values.password === undefined ? {} : { password: values.password },
    );
    const sig = sm2Sign(readInput(io, inFile), kp.privateKey, {
      publicKey: kp.publicKey,
      userId: values.id ?? SM2_DEFAULT_USER_ID,
      format: values.raw ? 'raw' : 'der',
    });
    const target = writeAtomic(io, outFile, sig);
    io.out(
      localize(
        {
          zh: `已签名：${target}（${values.raw ? '原始 r‖s 64 字节' : `DER ${sig.length} 字节`}，用户标识 ${values.id ?? SM2_DEFAULT_USER_ID}）`,
          en: `signed: ${target} (${values.raw ? 'raw r‖s, 64 bytes' : `DER, ${sig.length} bytes`}, user ID ${values.id ?? SM2_DEFAULT_USER_ID})`,
        },
        io.lang,
      ),
    );
    return EXIT.OK;
  },
};

/** `gbkit sm2 verify` */
export const sm2VerifyCommand: Command = {
  words: ['sm2', 'verify'],
  summary: {
    zh: '验证 SM2 签名（有效退出码 0，无效 1）',
    en: 'verify an SM2 signature (exit 0 valid, 1 invalid)',
  },
  usage: verifyUsage,
  run(args, io) {
    const { values } = parse(
      args,
      {
        pub: { type: 'string' },
        cert: { type: 'string' },
        in: { type: 'string' },
        sig: { type: 'string' },
        id: { type: 'string' },
        json: { type: 'boolean' },
      },
      verifyUsage,
      false,
    );
    if ((values.pub === undefined) === (values.cert === undefined)) {
      throw new UsageError(
        { zh: '请给出 --pub 或 --cert 之一', en: 'give exactly one of --pub or --cert' },
        verifyUsage,
      );
    }
    const inFile = required(values.in, '--in', verifyUsage);
    const sigFile = required(values.sig, '--sig', verifyUsage);
    let publicKey: Uint8Array;
    let subject: string | undefined;
    if (values.cert !== undefined) {
      const cert = parseCertificate(keyInput(readInput(io, values.cert)));
      if (cert.publicKeyAlgorithm !== 'SM2') {
        throw new UsageError(
          {
            zh: `证书公钥不是 SM2（${cert.publicKeyAlgorithm}）`,
            en: `the certificate key is not SM2 (${cert.publicKeyAlgorithm})`,
          },
          verifyUsage,
        );
      }
      publicKey = cert.publicKey;
      subject = cert.subject;
    } else {
      publicKey = importPublicKey(keyInput(readInput(io, values.pub as string)));
    }
    const userId = values.id ?? SM2_DEFAULT_USER_ID;
    const r = sm2Verify(readInput(io, inFile), signatureInput(readInput(io, sigFile)), publicKey, {
      userId: utf8(userId),
    });
    if (values.json) {
      io.out(
        JSON.stringify({
          valid: r.valid,
          ...(r.reason ? { reason: r.reason, message: r.message } : {}),
          ...(r.format ? { format: r.format } : {}),
          userId,
          publicKey: toHex(publicKey),
          ...(subject ? { subject } : {}),
        }),
      );
    } else if (r.valid) {
      io.out(
        localize(
          {
            zh: `有效：SM2 签名（${r.format === 'raw' ? '原始 r‖s' : 'DER'}，用户标识 ${userId}）${subject ? `，签名者 ${subject}` : ''}`,
            en: `valid: SM2 signature (${r.format === 'raw' ? 'raw r‖s' : 'DER'}, user ID ${userId})${subject ? `, signer ${subject}` : ''}`,
          },
          io.lang,
        ),
      );
    } else {
      io.out(
        `${localize({ zh: '无效', en: 'invalid' }, io.lang)}: ${r.reason}: ${r.message ? localize(r.message, io.lang) : ''}`,
      );
    }
    return r.valid ? EXIT.OK : EXIT.INVALID;
  },
};

/** Every SM3/SM2 command. */
export const smCommands: Command[] = [sm3Command, sm2KeygenCommand, sm2SignCommand, sm2VerifyCommand];
