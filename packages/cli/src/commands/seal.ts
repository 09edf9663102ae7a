import { dirname, resolve } from 'node:path';
import {
  type CheckStatus,
  GbkitError,
  type Locale,
  type LocalizedText,
  localize,
  statusLabel,
  toHex,
} from '@gbkit/core';
import { isLicenseFile, type LicenseSection, licenseSection, validateLicenseFile } from '@gbkit/e-license';
import {
  decodeSeal,
  decodeSesSignature,
  type Indication,
  makeSeal,
  REQUIRED_CHECKS,
  type SESeal,
  type SesSignature,
  type SignatureResult,
  signOfd,
  signPdf,
  sniffFormat,
  type VerificationResult,
  type VerifyPolicy,
  verifyFile,
} from '@gbkit/e-seal';
import { type Command, type CommandIO, EXIT, parse, UsageError } from '../command.js';
import { certificatesFrom, loadSigningIdentity, readInput, writeAtomic } from '../files.js';

const VERIFY_USAGE =
  'gbkit verify FILE… [--trust CERT…] [--policy FILE] [--cert CERT] [--signature-xml FILE] [--relaxed] [--strict] [--at now|signing-time|ISO-DATE] [--json] [--lang en]';

const INDICATION_LABEL: Record<Indication, LocalizedText> = {
  TOTAL_PASSED: { zh: '验证通过', en: 'passed' },
  TOTAL_FAILED: { zh: '验证失败', en: 'failed' },
  INDETERMINATE: { zh: '无法确定', en: 'indeterminate' },
};

const CHECK_LABEL: Record<string, LocalizedText> = {
  format: { zh: '格式', en: 'format' },
  integrity: { zh: '文件完整性', en: 'integrity' },
  binding: { zh: '原文绑定', en: 'binding' },
  signer: { zh: '签章人签名', en: 'signer' },
  maker: { zh: '制章人签名', en: 'maker' },
  certInSeal: { zh: '证书属于印章', en: 'cert in seal' },
  time: { zh: '时间', en: 'time' },
  trust: { zh: '信任链', en: 'trust' },
  coverage: { zh: '保护范围', en: 'coverage' },
  timestamp: { zh: '时间戳', en: 'timestamp' },
  sealCopy: { zh: 'Seal.esl', en: 'Seal.esl' },
};

const FORMAT_LABEL: Record<string, LocalizedText> = {
  ofd: { zh: 'OFD 文档', en: 'OFD document' },
  pdf: { zh: 'PDF 文档', en: 'PDF document' },
  esl: { zh: '电子印章', en: 'seal' },
  'ses-signature': { zh: '电子签章值', en: 'SES signature value' },
  unknown: { zh: '未知', en: 'unknown' },
};

/** A policy JSON file: `{ trustAnchors: [paths], intermediates, validationTime, makerCertAtSigning, relaxedPath, mode, userId }`. */
function policyFromFile(io: CommandIO, path: string): VerifyPolicy {
  const text = new TextDecoder().decode(readInput(io, path));
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError({
      zh: `策略文件不是 JSON：${(e as Error).message}`,
      en: `policy file is not JSON: ${(e as Error).message}`,
    });
  }
  const base = dirname(resolve(io.cwd, path));
  const sub: CommandIO = { ...io, cwd: base };
  const list = (k: string): Uint8Array[] =>
    ((j[k] as string[] | undefined) ?? []).flatMap((p) => certificatesFrom(sub, p));
  const vt = j.validationTime as string | undefined;
  return {
    trustAnchors: list('trustAnchors'),
    intermediates: list('intermediates'),
    ...(vt ? { validationTime: vt === 'now' || vt === 'signing-time' ? vt : new Date(vt) } : {}),
    ...(typeof j.makerCertAtSigning === 'boolean' ? { makerCertAtSigning: j.makerCertAtSigning } : {}),
    ...(typeof j.relaxedPath === 'boolean' ? { relaxedPath: j.relaxedPath } : {}),
    ...(j.mode === 'strict' || j.mode === 'lenient' ? { mode: j.mode } : {}),
    ...(typeof j.userId === 'string' ? { userId: j.userId } : {}),
  };
}

const STATUS_MARK: Record<CheckStatus, string> = {
  passed: '✔',
  failed: '✘',
  warning: '!',
  indeterminate: '?',
  'not-applicable': '-',
};

function printSignature(io: CommandIO, s: SignatureResult, lang: Locale): void {
  const zh = lang === 'zh';
  io.out(
    `  ${zh ? '签名' : 'signature'} ${s.id}（${s.type}/${s.kind}）：${localize(INDICATION_LABEL[s.indication], lang)}${s.subIndication ? ` ${s.subIndication}` : ''}`.replace(
      /（(.*?)）：/,
      zh ? '（$1）：' : ' ($1): ',
    ),
  );
  if (s.seal)
    io.out(
      `    ${zh ? '印章' : 'seal'}: ${s.seal.name} · esID ${s.seal.esID} · ${s.seal.layout} · ${s.seal.validStart.slice(0, 10)} … ${s.seal.validEnd.slice(0, 10)}`,
    );
  if (s.signer)
    io.out(
      `    ${zh ? '签章人' : 'signer'}: ${s.signer.subject} (${zh ? '序列号' : 'serial'} ${s.signer.serial})`,
    );
  if (s.signingTime) io.out(`    ${zh ? '签章时间（声称）' : 'signing time (claimed)'}: ${s.signingTime}`);
  const names = [...new Set([...Object.keys(s.checks)])].sort((a, b) => order(a) - order(b));
  for (const n of names) {
    const c = s.checks[n as keyof typeof s.checks];
    if (!c) continue;
    io.out(
      `    ${STATUS_MARK[c.status]} [${statusLabel(c.status, lang)}] ${localize(CHECK_LABEL[n] ?? { zh: n, en: n }, lang)}: ${localize(c.message, lang)}`,
    );
  }
}

function order(n: string): number {
  const all = ['format', ...REQUIRED_CHECKS, 'timestamp', 'sealCopy'];
  const i = all.indexOf(n);
  return i < 0 ? 99 : i;
}

function printResult(io: CommandIO, r: VerificationResult, lang: Locale): void {
  const zh = lang === 'zh';
  io.out(
    `${r.file ?? ''}${zh ? '：' : ': '}${localize(FORMAT_LABEL[r.format] ?? (FORMAT_LABEL.unknown as LocalizedText), lang)} · ${localize(INDICATION_LABEL[r.indication], lang)}${r.subIndication ? ` (${r.subIndication})` : ''}`,
  );
  if (r.signatures.length === 0 && !r.integrityProtection) io.out(`  ${zh ? '没有签名' : 'no signatures'}`);
  for (const s of r.signatures) printSignature(io, s, lang);
  if (r.integrityProtection) {
    io.out(`  ${zh ? 'GM/T 0099 完整性保护' : 'GM/T 0099 integrity protection'}:`);
    printSignature(io, r.integrityProtection, lang);
  }
  for (const f of r.report.findings)
    if (f.status !== 'passed') io.out(`  [${statusLabel(f.status, lang)}] ${localize(f.message, lang)}`);
}

function printLicense(io: CommandIO, l: LicenseSection, lang: Locale): void {
  const zh = lang === 'zh';
  const id = l.metadata?.identifier ?? '?';
  const c = l.counts;
  io.out(
    zh
      ? `  电子证照${l.isCopy ? '（加注件）' : ''} ${id}：${c.passed} 项证照规则通过，${c.failed} 项未通过，${c.warning} 项警告，${c.indeterminate} 项无法确定`
      : `  e-licence${l.isCopy ? ' (annotated copy)' : ''} ${id}: ${c.passed} licence rules passed, ${c.failed} failed, ${c.warning} warnings, ${c.indeterminate} indeterminate`,
  );
  for (const f of l.findings)
    if (f.status !== 'passed' && f.status !== 'not-applicable')
      io.out(`  [${statusLabel(f.status, lang)}] ${f.ruleId}: ${localize(f.message, lang)}`);
}

/** A JSON-friendly copy of a result (checks keep status, message, evidence). */
export function resultToJson(r: VerificationResult): Record<string, unknown> {
  const sig = (s: SignatureResult) => ({
    id: s.id,
    type: s.type,
    kind: s.kind,
    indication: s.indication,
    subIndication: s.subIndication ?? null,
    checks: s.checks,
    ...(s.seal ? { seal: s.seal } : {}),
    ...(s.signer ? { signer: s.signer } : {}),
    ...(s.signingTime ? { signingTime: s.signingTime } : {}),
    ...(s.signaturePath ? { signaturePath: s.signaturePath } : {}),
    variants: s.variants,
    findings: s.report.findings,
  });
  return {
    file: r.file ?? null,
    format: r.format,
    indication: r.indication,
    subIndication: r.subIndication ?? null,
    signatures: r.signatures.map(sig),
    ...(r.integrityProtection ? { integrityProtection: sig(r.integrityProtection) } : {}),
    findings: r.report.findings,
  };
}

const RANK: Record<Indication, number> = { TOTAL_PASSED: 0, INDETERMINATE: 1, TOTAL_FAILED: 2 };

/** `gbkit verify`. */
export const verifyCommand: Command = {
  words: ['verify'],
  summary: {
    zh: '验证 OFD/PDF 的签章、电子印章（.esl）与签章值',
    en: 'verify seals and signatures in OFD/PDF files, .esl seals and SES signature values',
  },
  usage: VERIFY_USAGE,
  async run(args, io) {
    const { values, positionals } = parse(
      args,
      {
        trust: { type: 'string', multiple: true },
        policy: { type: 'string' },
        cert: { type: 'string' },
        'signature-xml': { type: 'string' },
        relaxed: { type: 'boolean' },
        strict: { type: 'boolean' },
        at: { type: 'string' },
        json: { type: 'boolean' },
      },
      VERIFY_USAGE,
    );
    if (positionals.length === 0)
      throw new UsageError({ zh: '请给出要验证的文件', en: 'give the files to verify' }, VERIFY_USAGE);
    let policy: VerifyPolicy = values.policy ? policyFromFile(io, values.policy) : {};
    const anchors = (values.trust ?? []).flatMap((p) => certificatesFrom(io, p));
    if (anchors.length) policy = { ...policy, trustAnchors: [...(policy.trustAnchors ?? []), ...anchors] };
    if (values.cert) policy = { ...policy, signerCert: certificatesFrom(io, values.cert)[0] as Uint8Array };
    if (values.relaxed) policy = { ...policy, relaxedPath: true };
    if (values.strict) policy = { ...policy, mode: 'strict' };
    if (values.at) {
      const at = values.at;
      if (at !== 'now' && at !== 'signing-time' && Number.isNaN(Date.parse(at)))
        throw new UsageError(
          {
            zh: `--at 取 now、signing-time 或日期，收到 ${at}`,
            en: `--at takes now, signing-time or a date, got ${at}`,
          },
          VERIFY_USAGE,
        );
      policy = { ...policy, validationTime: at === 'now' || at === 'signing-time' ? at : new Date(at) };
    }
    const signatureXml = values['signature-xml'] ? readInput(io, values['signature-xml']) : undefined;
    let worst = -1;
    let unreadable = false;
    for (const file of positionals) {
      let r: VerificationResult;
      let license: LicenseSection | undefined;
      try {
        const bytes = readInput(io, file);
        r = await verifyFile(bytes, { file, policy, ...(signatureXml ? { signatureXml } : {}) });
        // An e-licence (OFD carrying GB/T 36903 metadata) also gets the licence rules.
        if (isLicenseFile(bytes))
          license = licenseSection(await validateLicenseFile(bytes, { file, policy }));
      } catch (e) {
        unreadable = true;
        const msg = e instanceof GbkitError ? e.localizedMessage(io.lang) : String(e);
        if (values.json)
          io.out(
            JSON.stringify({
              file,
              format: 'unknown',
              indication: null,
              subIndication: null,
              signatures: [],
              error: e instanceof GbkitError ? e.toJSON() : { message: String(e) },
            }),
          );
        else io.err(`${file}${io.lang === 'zh' ? '：无法读取：' : ': unreadable: '}${msg}`);
        continue;
      }
      worst = Math.max(worst, RANK[r.indication]);
      if (license)
        worst = Math.max(worst, license.counts.failed > 0 ? 2 : license.counts.indeterminate > 0 ? 1 : 0);
      if (values.json) io.out(JSON.stringify({ ...resultToJson(r), ...(license ? { license } : {}) }));
      else {
        printResult(io, r, io.lang);
        if (license) printLicense(io, license, io.lang);
      }
    }
    if (unreadable) return EXIT.USAGE;
    return worst === 2 ? EXIT.INVALID : worst === 1 ? EXIT.INDETERMINATE : EXIT.OK;
  },
};

const INSPECT_USAGE = 'gbkit seal inspect FILE [--json]';

function sealLines(seal: SESeal, lang: Locale): string[] {
  const zh = lang === 'zh';
  const i = seal.sealInfo;
  const p = i.property;
  return [
    `${zh ? '版式' : 'layout'}: ${seal.layout} (header ${i.header.id} v${i.header.version}, Vid ${i.header.vid})`,
    `esID: ${i.esID}`,
    `${zh ? '名称' : 'name'}: ${p.name} · ${zh ? '类型' : 'type'} ${p.type}`,
    `${zh ? '证书列表' : 'certList'}: ${p.certList.kind} (${p.certList.certs.length} cert(s), ${p.certList.ids.length} ID(s), ${p.certList.digests.length} digest(s))${p.certListType !== undefined ? ` certListType=${p.certListType}` : ''}`,
    `${zh ? '制作日期' : 'created'}: ${p.createDate.toISOString()} · ${zh ? '有效期' : 'valid'} ${p.validStart.toISOString()} … ${p.validEnd.toISOString()}`,
    `${zh ? '图像' : 'picture'}: ${i.picture.type}, ${i.picture.data.length} bytes, ${i.picture.width}×${i.picture.height} mm${i.picture.isOfd ? ' (OFD zip)' : ''}`,
    `${zh ? '扩展' : 'extensions'}: ${(i.extDatas ?? []).map((e) => e.extnID).join(', ') || '-'}`,
    `${zh ? '制章人签名算法' : 'maker algorithm'}: ${seal.signAlgID} · ${zh ? '签名值' : 'signature'} ${seal.signedValue.length} bytes${seal.timeStamp ? ` · timeStamp ${seal.timeStamp.length} bytes` : ''}`,
  ];
}

/** `gbkit seal inspect`. */
export const sealInspectCommand: Command = {
  words: ['seal', 'inspect'],
  summary: {
    zh: '解析并显示电子印章（.esl）或签章值（SignedValue.dat）',
    en: 'decode and show a seal (.esl) or a signature value (SignedValue.dat)',
  },
  usage: INSPECT_USAGE,
  run(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } }, INSPECT_USAGE);
    const file = positionals[0];
    if (!file || positionals.length > 1)
      throw new UsageError({ zh: '请给出一个文件', en: 'give one file' }, INSPECT_USAGE);
    const bytes = readInput(io, file);
    const kind = sniffFormat(bytes);
    let seal: SESeal;
    let sig: SesSignature | undefined;
    try {
      if (kind === 'ses-signature') {
        sig = decodeSesSignature(bytes, { file });
        seal = sig.toSign.eseal;
      } else seal = decodeSeal(bytes, { file });
    } catch (e) {
      io.err(e instanceof GbkitError ? e.localizedMessage(io.lang) : String(e));
      return EXIT.USAGE;
    }
    const variants = sig ? sig.variants : seal.variants;
    if (values.json) {
      io.out(
        JSON.stringify({
          file,
          kind: sig ? 'ses-signature' : 'seal',
          layout: sig ? sig.layout : seal.layout,
          seal: {
            header: seal.sealInfo.header,
            esID: seal.sealInfo.esID,
            name: seal.sealInfo.property.name,
            type: seal.sealInfo.property.type,
            certListType: seal.sealInfo.property.certListType ?? null,
            createDate: seal.sealInfo.property.createDate,
            validStart: seal.sealInfo.property.validStart,
            validEnd: seal.sealInfo.property.validEnd,
            picture: {
              type: seal.sealInfo.picture.type,
              bytes: seal.sealInfo.picture.data.length,
              width: seal.sealInfo.picture.width,
              height: seal.sealInfo.picture.height,
            },
            signAlgID: seal.signAlgID,
          },
          ...(sig
            ? {
                signature: {
                  version: sig.toSign.version,
                  timeInfo: sig.toSign.timeInfoText,
                  dataHash: toHex(sig.toSign.dataHash),
                  propertyInfo: sig.toSign.propertyInfo,
                  signatureAlgID: sig.signatureAlgID,
                  timeStamp: !!sig.timeStamp,
                },
              }
            : {}),
          variants,
        }),
      );
      return EXIT.OK;
    }
    const zh = io.lang === 'zh';
    io.out(
      `${file}: ${sig ? (zh ? '电子签章值 SES_Signature' : 'SES_Signature value') : zh ? '电子印章 SESeal' : 'seal SESeal'}`,
    );
    for (const l of sealLines(seal, io.lang)) io.out(`  ${l}`);
    if (sig) {
      io.out(
        `  TBS_Sign: version ${sig.toSign.version} · timeInfo ${sig.toSign.timeInfoText} (${sig.toSign.timeInfoEncoding}) · propertyInfo ${sig.toSign.propertyInfo}`,
      );
      io.out(
        `  dataHash: ${toHex(sig.toSign.dataHash)} · ${zh ? '签名算法' : 'algorithm'} ${sig.signatureAlgID}${sig.timeStamp ? ` · timeStamp ${sig.timeStamp.length} bytes` : ''}`,
      );
    }
    for (const v of variants) io.out(`  ! ${v.field}: ${localize(v.message, io.lang)}`);
    return EXIT.OK;
  },
};

function dateOpt(v: string | undefined, name: string, usage: string): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime()))
    throw new UsageError({ zh: `${name} 不是日期：${v}`, en: `${name} is not a date: ${v}` }, usage);
  return d;
}

const MAKE_USAGE =
  'gbkit seal make --key MAKER-KEY [--cert MAKER-CERT] [--password P] --signer-cert CERT… --name NAME --es-id ID --picture IMAGE [--picture-type PNG] [--width MM] [--height MM] [--valid-from DATE] [--valid-to DATE] [--layout v4|2014|v5] [--type N] [--vid VENDOR] --out SEAL.esl';

/** `gbkit seal make`. */
export const sealMakeCommand: Command = {
  words: ['seal', 'make'],
  summary: {
    zh: '制作电子印章（制章人签名），写出 .esl 文件',
    en: 'make an electronic seal signed by the seal maker (.esl)',
  },
  usage: MAKE_USAGE,
  run(args, io) {
    const { values } = parse(
      args,
      {
        key: { type: 'string' },
        cert: { type: 'string' },
        password: { type: 'string' },
        'signer-cert': { type: 'string', multiple: true },
        name: { type: 'string' },
        'es-id': { type: 'string' },
        picture: { type: 'string' },
        'picture-type': { type: 'string' },
        width: { type: 'string' },
        height: { type: 'string' },
        'valid-from': { type: 'string' },
        'valid-to': { type: 'string' },
        layout: { type: 'string' },
        type: { type: 'string' },
        vid: { type: 'string' },
        out: { type: 'string' },
      },
      MAKE_USAGE,
      false,
    );
    const need = (v: string | undefined, n: string): string => {
      if (!v)
        throw new UsageError({ zh: `缺少必需的选项 ${n}`, en: `missing required option ${n}` }, MAKE_USAGE);
      return v;
    };
    const maker = loadSigningIdentity(
      io,
      need(values.key, '--key'),
      values.cert,
      values.password,
      MAKE_USAGE,
    );
    const layout = (values.layout ?? 'v4') as 'v4' | '2014' | 'v5';
    if (!['v4', '2014', 'v5'].includes(layout))
      throw new UsageError(
        { zh: '--layout 取 v4、2014 或 v5', en: '--layout takes v4, 2014 or v5' },
        MAKE_USAGE,
      );
    const picture = readInput(io, need(values.picture, '--picture'));
    const from = dateOpt(values['valid-from'], '--valid-from', MAKE_USAGE) ?? new Date();
    const to =
      dateOpt(values['valid-to'], '--valid-to', MAKE_USAGE) ??
      new Date(from.getTime() + 3 * 365 * 86_400_000);
    const signerCerts = (values['signer-cert'] ?? []).flatMap((p) => certificatesFrom(io, p));
    if (signerCerts.length === 0)
      throw new UsageError(
        { zh: '至少给出一个 --signer-cert', en: 'give at least one --signer-cert' },
        MAKE_USAGE,
      );
    const esl = makeSeal({
      layout,
      maker,
      signerCertificates: signerCerts,
      esID: need(values['es-id'], '--es-id'),
      name: need(values.name, '--name'),
      ...(values.type ? { type: Number(values.type) } : {}),
      ...(values.vid ? { vid: values.vid } : {}),
      validStart: from,
      validEnd: to,
      picture: {
        type: values['picture-type'] ?? (picture[0] === 0x89 ? 'PNG' : picture[0] === 0xff ? 'JPG' : 'PNG'),
        data: picture,
        width: Number(values.width ?? 40),
        height: Number(values.height ?? 40),
      },
    });
    const out = need(values.out, '--out');
    writeAtomic(io, out, esl);
    io.out(
      io.lang === 'zh'
        ? `已写出印章 ${out}（${layout}，${esl.length} 字节）`
        : `wrote seal ${out} (${layout}, ${esl.length} bytes)`,
    );
    return EXIT.OK;
  },
};

const SIGN_USAGE =
  'gbkit sign FILE.ofd|FILE.pdf --key KEY [--cert CERT] [--password P] [--seal SEAL.esl] [--out OUT] [--mode continue|whole] [--type Seal|Sign] [--sign-form attached-digest|pkcs9] [--page N --x MM --y MM] [--riding] [--no-seal-file]';

/** `gbkit sign`. */
export const signCommand: Command = {
  words: ['sign'],
  summary: {
    zh: '对 OFD（电子签章或数字签名）或 PDF 签名',
    en: 'sign an OFD (seal or digital signature) or a PDF',
  },
  usage: SIGN_USAGE,
  async run(args, io) {
    const { values, positionals } = parse(
      args,
      {
        key: { type: 'string' },
        cert: { type: 'string' },
        password: { type: 'string' },
        seal: { type: 'string' },
        out: { type: 'string' },
        mode: { type: 'string' },
        type: { type: 'string' },
        'sign-form': { type: 'string' },
        page: { type: 'string' },
        x: { type: 'string' },
        y: { type: 'string' },
        riding: { type: 'boolean' },
        'no-seal-file': { type: 'boolean' },
      },
      SIGN_USAGE,
    );
    const file = positionals[0];
    if (!file || positionals.length !== 1)
      throw new UsageError({ zh: '请给出一个要签名的文件', en: 'give one file to sign' }, SIGN_USAGE);
    if (!values.key)
      throw new UsageError({ zh: '缺少必需的选项 --key', en: 'missing required option --key' }, SIGN_USAGE);
    const signer = loadSigningIdentity(io, values.key, values.cert, values.password, SIGN_USAGE);
    const input = readInput(io, file);
    const seal = values.seal ? readInput(io, values.seal) : undefined;
    const format = sniffFormat(input);
    const out = values.out ?? file.replace(/(\.[^./\\]+)?$/, '.signed$1');
    let result: Uint8Array;
    try {
      if (format === 'pdf') {
        result = await signPdf(input, {
          privateKey: signer.privateKey,
          certificate: signer.certificate as Uint8Array,
          ...(seal ? { seal } : {}),
        });
      } else if (format === 'ofd') {
        const type = (values.type ?? (seal ? 'Seal' : 'Sign')) as 'Seal' | 'Sign';
        if (type !== 'Seal' && type !== 'Sign')
          throw new UsageError({ zh: '--type 取 Seal 或 Sign', en: '--type takes Seal or Sign' }, SIGN_USAGE);
        if (type === 'Seal' && !seal)
          throw new UsageError(
            { zh: '电子签章需要 --seal', en: 'a Seal signature needs --seal' },
            SIGN_USAGE,
          );
        const mode = values.mode ?? 'continue';
        if (mode !== 'continue' && mode !== 'whole')
          throw new UsageError(
            { zh: '--mode 取 continue 或 whole', en: '--mode takes continue or whole' },
            SIGN_USAGE,
          );
        const form = values['sign-form'] ?? 'attached-digest';
        if (form !== 'attached-digest' && form !== 'pkcs9')
          throw new UsageError(
            {
              zh: '--sign-form 取 attached-digest 或 pkcs9',
              en: '--sign-form takes attached-digest or pkcs9',
            },
            SIGN_USAGE,
          );
        const stamps =
          type === 'Seal'
            ? values.riding
              ? [{ kind: 'riding' as const, y: Number(values.y ?? 100) }]
              : [{ page: Number(values.page ?? 0), x: Number(values.x ?? 100), y: Number(values.y ?? 200) }]
            : [];
        result = signOfd(input, {
          signer,
          type,
          ...(seal ? { seal } : {}),
          mode,
          signForm: form,
          stamps,
          includeSealFile: !values['no-seal-file'],
        });
      } else {
        throw new UsageError(
          { zh: `${file} 不是 OFD 或 PDF`, en: `${file} is not an OFD or PDF` },
          SIGN_USAGE,
        );
      }
    } catch (e) {
      if (e instanceof UsageError) throw e;
      io.err(e instanceof GbkitError ? e.localizedMessage(io.lang) : String(e));
      return EXIT.USAGE;
    }
    writeAtomic(io, out, result);
    io.out(io.lang === 'zh' ? `已签名，写出 ${out}` : `signed, wrote ${out}`);
    return EXIT.OK;
  },
};

/** Every e-seal command. */
export const sealCommands: Command[] = [verifyCommand, sealInspectCommand, sealMakeCommand, signCommand];
