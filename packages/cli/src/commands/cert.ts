/**
 * Certificate commands:
 * - `gbkit cert inspect FILE [--password PW] [--json]` prints subject, issuer, serial, validity, key
 *   and signature algorithms and the main extensions of every certificate in a PEM/DER file or a
 *   PKCS#12 (`.p12`/`.pfx`, with `--password`);
 * - `gbkit cert verify LEAF --trust ANCHOR… [--intermediate CERT…] [--crl CRL…] [--at TIME] [--relaxed]
 *   [--id ID] [--json]` builds and validates the path (SM2 signatures with the default user ID unless
 *   `--id` gives another; `--relaxed` enables every documented relaxation); exit 0 valid,
 *   1 invalid, 2 indeterminate (no trusted chain), 3 usage or unreadable input.
 * @module
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type LocalizedText, localize, toHex } from '@gbkit/core';
import {
  type ParsedCertificate,
  type ParsedCrl,
  parseCertificates,
  parseCrl,
  parsePkcs12,
  sm3,
  validatePath,
} from '@gbkit/crypto';
import { type Command, EXIT, parse, UsageError } from '../command.js';

const inspectUsage = 'gbkit cert inspect FILE [--password PW] [--json]';
const verifyUsage =
  'gbkit cert verify LEAF --trust ANCHOR… [--intermediate CERT…] [--crl CRL…] [--at 2024-01-01T00:00:00Z] [--relaxed] [--id SM2_USER_ID] [--json]';

function readFile(cwd: string, file: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(cwd, file)));
}

function looksPkcs12(file: string, bytes: Uint8Array): boolean {
  if (/\.(p12|pfx)$/i.test(file)) return true;
  // PFX starts with SEQUENCE { INTEGER 3, … }
  const i = bytes[1] === 0x80 ? 2 : (bytes[1] as number) & 0x80 ? 2 + ((bytes[1] as number) & 0x7f) : 2;
  return bytes[0] === 0x30 && bytes[i] === 0x02 && bytes[i + 1] === 0x01 && bytes[i + 2] === 0x03;
}

/** Certificates of a file: PEM bundle, DER, or PKCS#12 (key's certificate first). */
function loadCertificates(cwd: string, file: string, password?: string): ParsedCertificate[] {
  const bytes = readFile(cwd, file);
  if (looksPkcs12(file, bytes)) {
    const p12 = parsePkcs12(bytes, password === undefined ? {} : { password });
    return [...(p12.certificate ? [p12.certificate] : []), ...p12.chain];
  }
  return parseCertificates(bytes);
}

function describe(c: ParsedCertificate): Record<string, unknown> {
  return {
    subject: c.subject,
    issuer: c.issuer,
    serialNumber: c.serialNumber,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    publicKeyAlgorithm: c.publicKeyAlgorithm,
    signatureAlgorithm: c.signatureAlgorithmName,
    signatureAlgorithmOid: c.signatureAlgorithm,
    ...(c.basicConstraints ? { basicConstraints: c.basicConstraints } : {}),
    ...(c.keyUsage ? { keyUsage: c.keyUsage } : {}),
    ...(c.extKeyUsage ? { extKeyUsage: c.extKeyUsage } : {}),
    ...(c.subjectKeyIdentifier ? { subjectKeyIdentifier: c.subjectKeyIdentifier } : {}),
    ...(c.authorityKeyIdentifier?.keyIdentifier
      ? { authorityKeyIdentifier: c.authorityKeyIdentifier.keyIdentifier }
      : {}),
    selfIssued: c.selfIssued,
    extensions: c.extensions.map((e) => ({ oid: e.oid, critical: e.critical })),
    sm3Fingerprint: toHex(sm3(c.der)),
  };
}

function printCertificate(c: ParsedCertificate, lang: 'zh' | 'en', out: (s: string) => void): void {
  const L = (zh: string, en: string) => localize({ zh, en }, lang).padEnd(lang === 'zh' ? 10 : 18);
  out(`${L('主体', 'Subject')} ${c.subject}`);
  out(`${L('颁发者', 'Issuer')} ${c.issuer}`);
  out(`${L('序列号', 'Serial')} ${c.serialNumber}`);
  out(`${L('有效期起', 'Not before')} ${c.notBefore.toISOString()}`);
  out(`${L('有效期止', 'Not after')} ${c.notAfter.toISOString()}`);
  out(`${L('公钥算法', 'Key algorithm')} ${c.publicKeyAlgorithm}`);
  out(`${L('签名算法', 'Signature')} ${c.signatureAlgorithmName} (${c.signatureAlgorithm})`);
  const crit = (b: boolean) => (b ? localize({ zh: '（关键）', en: ' (critical)' }, lang) : '');
  if (c.basicConstraints) {
    const bc = c.basicConstraints;
    out(
      `${L('基本约束', 'Basic constraints')} CA:${bc.ca ? 'TRUE' : 'FALSE'}${bc.pathLength !== undefined ? `, pathlen:${bc.pathLength}` : ''}${crit(bc.critical)}`,
    );
  }
  if (c.keyUsage)
    out(`${L('密钥用途', 'Key usage')} ${c.keyUsage.usages.join(', ')}${crit(c.keyUsage.critical)}`);
  if (c.extKeyUsage) out(`${L('扩展密钥用途', 'Ext key usage')} ${c.extKeyUsage.join(', ')}`);
  if (c.subjectKeyIdentifier) out(`${L('主体密钥标识', 'Subject key ID')} ${c.subjectKeyIdentifier}`);
  if (c.authorityKeyIdentifier?.keyIdentifier)
    out(`${L('授权密钥标识', 'Authority key ID')} ${c.authorityKeyIdentifier.keyIdentifier}`);
  out(`${L('SM3 指纹', 'SM3 fingerprint')} ${toHex(sm3(c.der))}`);
}

/** `gbkit cert inspect FILE` */
export const certInspectCommand: Command = {
  words: ['cert', 'inspect'],
  summary: {
    zh: '显示证书（PEM/DER/PKCS#12）的主体、颁发者、序列号、有效期、算法和扩展',
    en: 'show subject, issuer, serial, validity, algorithms and extensions of certificates (PEM/DER/PKCS#12)',
  },
  usage: inspectUsage,
  run(args, io) {
    const { values, positionals } = parse(
      args,
      { password: { type: 'string' }, json: { type: 'boolean' } },
      inspectUsage,
    );
    if (positionals.length !== 1) {
      throw new UsageError({ zh: '需要且只需要一个文件', en: 'give exactly one FILE' }, inspectUsage);
    }
    const file = positionals[0] as string;
    const certs = loadCertificates(io.cwd, file, values.password);
    if (certs.length === 0) {
      io.err(localize({ zh: `${file}：没有证书`, en: `${file}: no certificate found` }, io.lang));
      return EXIT.INVALID;
    }
    if (values.json) {
      io.out(
        JSON.stringify(
          certs.length === 1 ? describe(certs[0] as ParsedCertificate) : certs.map(describe),
          null,
          2,
        ),
      );
      return EXIT.OK;
    }
    certs.forEach((c, i) => {
      if (i > 0) io.out('');
      printCertificate(c, io.lang, io.out);
    });
    return EXIT.OK;
  },
};

function parseAt(s: string | undefined): Date | undefined {
  if (s === undefined) return undefined;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) {
    throw new UsageError({ zh: `无法识别的时间 ${s}`, en: `cannot read the time ${s}` }, verifyUsage);
  }
  return d;
}

/** `gbkit cert verify LEAF --trust ANCHOR…` */
export const certVerifyCommand: Command = {
  words: ['cert', 'verify'],
  summary: {
    zh: '构建并验证到受信任根的证书路径（SM2 签名、有效期、CA 约束、密钥用途、CRL）',
    en: 'build and validate the path to trusted anchors (SM2 signatures, validity, CA constraints, key usage, CRLs)',
  },
  usage: verifyUsage,
  async run(args, io) {
    const { values, positionals } = parse(
      args,
      {
        trust: { type: 'string', multiple: true },
        intermediate: { type: 'string', multiple: true },
        crl: { type: 'string', multiple: true },
        at: { type: 'string' },
        relaxed: { type: 'boolean' },
        id: { type: 'string' },
        password: { type: 'string' },
        json: { type: 'boolean' },
      },
      verifyUsage,
    );
    if (positionals.length !== 1) {
      throw new UsageError(
        { zh: '需要且只需要一个终端证书 LEAF', en: 'give exactly one LEAF certificate' },
        verifyUsage,
      );
    }
    if (!values.trust?.length) {
      throw new UsageError(
        { zh: '缺少 --trust（受信任根证书）', en: 'missing --trust ANCHOR (a trusted root certificate)' },
        verifyUsage,
      );
    }
    const at = parseAt(values.at);
    const leaf = loadCertificates(io.cwd, positionals[0] as string, values.password)[0];
    if (!leaf) throw new UsageError({ zh: 'LEAF 中没有证书', en: 'no certificate in LEAF' }, verifyUsage);
    const trustAnchors = values.trust.flatMap((f) => loadCertificates(io.cwd, f));
    const intermediates = (values.intermediate ?? []).flatMap((f) => loadCertificates(io.cwd, f));
    const crls: ParsedCrl[] = (values.crl ?? []).map((f) => parseCrl(readFile(io.cwd, f)));
    const result = await validatePath(leaf, {
      trustAnchors,
      intermediates,
      ...(at ? { at } : {}),
      ...(values.id !== undefined ? { userId: values.id } : {}),
      ...(values.relaxed
        ? { relaxed: { allowMissingKeyCertSign: true, allowMissingCaFlag: true, allowStaleCrl: true } }
        : {}),
      ...(crls.length
        ? {
            crl: (_c: ParsedCertificate, issuer: ParsedCertificate) =>
              crls.find((l) => l.issuer === issuer.subject),
          }
        : {}),
    });
    if (values.json) {
      io.out(
        JSON.stringify(
          {
            status: result.status,
            valid: result.valid,
            at: result.at.toISOString(),
            chain: result.chain.map((c) => ({ subject: c.subject, serialNumber: c.serialNumber })),
            problems: result.problems.map((p) => ({
              ...p,
              message: localize(p.message as LocalizedText, io.lang),
            })),
          },
          null,
          2,
        ),
      );
    } else {
      const statusText: Record<string, LocalizedText> = {
        valid: { zh: '有效', en: 'valid' },
        invalid: { zh: '无效', en: 'invalid' },
        indeterminate: { zh: '无法确定', en: 'indeterminate' },
      };
      io.out(
        `${localize(statusText[result.status] as LocalizedText, io.lang)} (${result.status}) @ ${result.at.toISOString()}`,
      );
      result.chain.forEach((c, i) => {
        io.out(`  [${i}] ${c.subject}`);
      });
      for (const p of result.problems) {
        io.out(
          `  ${p.severity === 'error' ? '✗' : '!'} [${p.index}] ${p.code}${p.tolerated ? ' (tolerated)' : ''}: ${localize(p.message, io.lang)}`,
        );
      }
    }
    return result.status === 'valid'
      ? EXIT.OK
      : result.status === 'invalid'
        ? EXIT.INVALID
        : EXIT.INDETERMINATE;
  },
};

/** The `gbkit cert …` commands. */
export const certCommands: Command[] = [certInspectCommand, certVerifyCommand];
