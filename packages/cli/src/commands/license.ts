import { basename } from 'node:path';
import { formatReport, GbkitError, localize } from '@gbkit/core';
import { parseCertificates } from '@gbkit/crypto';
import {
  BUILTIN_PROFILES,
  buildIdentifier,
  defineProfile,
  issueLicense,
  issueLicensePdf,
  type LicenseProfile,
  makeAnnotatedCopy,
  ProfileRegistry,
  prepareLicenseFont,
  validateIdentifier,
  validateLicenseFile,
} from '@gbkit/e-license';
import { type Command, type CommandIO, EXIT, parse, required, UsageError } from '../command.js';
import { loadSigningIdentity, readInput, writeAtomic } from '../files.js';

function loadProfile(io: CommandIO, nameOrFile: string, usage: string): LicenseProfile {
  const builtin = BUILTIN_PROFILES.find((p) => p.id === nameOrFile || p.name === nameOrFile);
  if (builtin) return builtin;
  if (!/\.json$/i.test(nameOrFile)) {
    throw new UsageError(
      {
        zh: `未知的证照类型配置 ${nameOrFile}；内置：${BUILTIN_PROFILES.map((p) => p.id).join(', ')}`,
        en: `unknown profile ${nameOrFile}; built-in: ${BUILTIN_PROFILES.map((p) => p.id).join(', ')}`,
      },
      usage,
    );
  }
  try {
    return defineProfile(JSON.parse(new TextDecoder().decode(readInput(io, nameOrFile))));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const t = e instanceof GbkitError ? e.text : { zh: String(e), en: String(e) };
    throw new UsageError(
      { zh: `配置文件 ${nameOrFile} 无效：${t.zh}`, en: `profile file ${nameOrFile} is invalid: ${t.en}` },
      usage,
    );
  }
}

function readJson(io: CommandIO, path: string, usage: string): Record<string, unknown> {
  try {
    return JSON.parse(new TextDecoder().decode(readInput(io, path))) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(
      {
        zh: `${path} 不是 JSON：${(e as Error).message}`,
        en: `${path} is not JSON: ${(e as Error).message}`,
      },
      usage,
    );
  }
}

const CHECK_USAGE = 'gbkit license id check ID… [--lenient] [--json] [--lang en]';
/** `gbkit license id check`. */
export const licenseIdCheckCommand: Command = {
  words: ['license', 'id', 'check'],
  summary: { zh: '校验电子证照标识（GB/T 36904）', en: 'check e-licence identifiers (GB/T 36904)' },
  usage: CHECK_USAGE,
  run(args, io) {
    const { values, positionals } = parse(
      args,
      { lenient: { type: 'boolean' }, json: { type: 'boolean' } },
      CHECK_USAGE,
    );
    if (positionals.length === 0)
      throw new UsageError({ zh: '请给出至少一个证照标识', en: 'give at least one identifier' }, CHECK_USAGE);
    const results = positionals.map((id) =>
      validateIdentifier(id, { mode: values.lenient ? 'lenient' : 'strict' }),
    );
    if (values.json) {
      const out = results.map((r) => ({
        value: r.value,
        valid: r.valid,
        segments: r.segments ?? null,
        expectedCheck: r.expectedCheck ?? null,
        reasons: r.reasons.map((x) => ({
          code: x.code,
          severity: x.severity,
          segment: x.segment,
          message: localize(x.message, io.lang),
          ...(x.expected ? { expected: x.expected } : {}),
          ...(x.actual ? { actual: x.actual } : {}),
          ...(x.tolerated ? { tolerated: x.tolerated } : {}),
        })),
      }));
      io.out(JSON.stringify(out.length === 1 ? out[0] : out, null, 2));
    } else {
      for (const r of results) {
        io.out(`${r.valid ? '✔' : '✘'} ${r.value}`);
        if (r.segments)
          io.out(
            `    type=${r.segments.typeCode} issuer=${r.segments.issuerCode} serial=${r.segments.serial} version=${r.segments.version} check=${r.segments.check}`,
          );
        for (const x of r.reasons)
          io.out(`    ${x.severity === 'error' ? '✘' : '⚠'} ${x.code}: ${localize(x.message, io.lang)}`);
      }
    }
    return results.every((r) => r.valid) ? EXIT.OK : EXIT.INVALID;
  },
};

const MAKE_USAGE = 'gbkit license id make --type TYPE-CODE --issuer USCC --serial SERIAL [--version N]';
/** `gbkit license id make`. */
export const licenseIdMakeCommand: Command = {
  words: ['license', 'id', 'make'],
  summary: {
    zh: '生成电子证照标识（计算校验位）',
    en: 'make an e-licence identifier (computes the check character)',
  },
  usage: MAKE_USAGE,
  run(args, io) {
    const { values } = parse(
      args,
      {
        type: { type: 'string' },
        issuer: { type: 'string' },
        serial: { type: 'string' },
        version: { type: 'string' },
      },
      MAKE_USAGE,
      false,
    );
    try {
      io.out(
        buildIdentifier({
          typeCode: required(values.type, '--type', MAKE_USAGE),
          issuerCode: required(values.issuer, '--issuer', MAKE_USAGE),
          serial: required(values.serial, '--serial', MAKE_USAGE),
          version: values.version ?? 1,
        }),
      );
      return EXIT.OK;
    } catch (e) {
      if (e instanceof GbkitError && !(e instanceof UsageError)) {
        io.err(`${e.code}: ${e.localizedMessage(io.lang)}`);
        return EXIT.INVALID;
      }
      throw e;
    }
  },
};

const ISSUE_USAGE =
  'gbkit issue --profile NAME|FILE.json --data DATA.json --seal SEAL.esl --key KEY [--cert CERT] [--password P] [--font FONT.ttf|otf [--font-name NAME] [--allow-missing-glyphs]] --out FILE.ofd|FILE.pdf';
/** `gbkit issue`. */
export const issueCommand: Command = {
  words: ['issue'],
  summary: {
    zh: '签发电子证照（OFD 加盖电子印章，或 SM2 签名的 PDF）',
    en: 'issue an e-licence (sealed OFD or SM2-signed PDF)',
  },
  usage: ISSUE_USAGE,
  async run(args, io) {
    const { values } = parse(
      args,
      {
        profile: { type: 'string' },
        data: { type: 'string' },
        seal: { type: 'string' },
        key: { type: 'string' },
        cert: { type: 'string' },
        password: { type: 'string' },
        font: { type: 'string' },
        'font-name': { type: 'string' },
        'allow-missing-glyphs': { type: 'boolean' },
        out: { type: 'string' },
      },
      ISSUE_USAGE,
      false,
    );
    const out = required(values.out, '--out', ISSUE_USAGE);
    const asPdf = /\.pdf$/i.test(out);
    if (!asPdf && !/\.ofd$/i.test(out)) {
      throw new UsageError(
        { zh: '--out 应以 .ofd 或 .pdf 结尾', en: '--out must end in .ofd or .pdf' },
        ISSUE_USAGE,
      );
    }
    const profile = loadProfile(io, required(values.profile, '--profile', ISSUE_USAGE), ISSUE_USAGE);
    const data = readJson(io, required(values.data, '--data', ISSUE_USAGE), ISSUE_USAGE);
    const seal = readInput(io, required(values.seal, '--seal', ISSUE_USAGE));
    const signer = loadSigningIdentity(
      io,
      required(values.key, '--key', ISSUE_USAGE),
      values.cert,
      values.password,
      ISSUE_USAGE,
    );
    if (values.font && asPdf) {
      throw new UsageError(
        { zh: '--font 只用于 OFD 证照', en: '--font applies to OFD licences only' },
        ISSUE_USAGE,
      );
    }
    try {
      // An embedded subset of the given font program, with exactly the characters the licence draws.
      const font = values.font
        ? await prepareLicenseFont(
            { profile, data: data as never },
            {
              name: values['font-name'] ?? basename(values.font).replace(/\.(ttf|otf)$/i, ''),
              data: readInput(io, values.font),
            },
            { allowMissing: values['allow-missing-glyphs'] ?? false },
          )
        : undefined;
      const ofd = asPdf
        ? await issueLicensePdf({ profile, data: data as never, signer, seal })
        : issueLicense({ profile, data: data as never, signer, seal, ...(font ? { font } : {}) });
      writeAtomic(io, out, ofd);
      io.out(`✔ ${out} (${ofd.length} bytes)`);
      return EXIT.OK;
    } catch (e) {
      if (e instanceof GbkitError) {
        io.err(`✘ ${e.code}: ${e.localizedMessage(io.lang)}`);
        return EXIT.INVALID;
      }
      throw e;
    }
  },
};

const COPY_USAGE =
  'gbkit license copy FILE.ofd --purpose TEXT --expires "YYYY-MM-DD HH:mm:ss" --creator NAME --seal SEAL.esl --key KEY [--cert CERT] [--password P] --out COPY.ofd';
/** `gbkit license copy` (加注件). */
export const licenseCopyCommand: Command = {
  words: ['license', 'copy'],
  summary: {
    zh: '制作加注件（水印、加注件元数据、重新盖章）',
    en: 'make an annotated copy (watermark, copy metadata, re-sealed)',
  },
  usage: COPY_USAGE,
  run(args, io) {
    const { values, positionals } = parse(
      args,
      {
        purpose: { type: 'string' },
        expires: { type: 'string' },
        creator: { type: 'string' },
        seal: { type: 'string' },
        key: { type: 'string' },
        cert: { type: 'string' },
        password: { type: 'string' },
        out: { type: 'string' },
      },
      COPY_USAGE,
    );
    const file = positionals[0];
    if (!file) throw new UsageError({ zh: '请给出证照文件', en: 'give the licence file' }, COPY_USAGE);
    const signer = loadSigningIdentity(
      io,
      required(values.key, '--key', COPY_USAGE),
      values.cert,
      values.password,
      COPY_USAGE,
    );
    try {
      const copy = makeAnnotatedCopy(readInput(io, file), {
        purpose: required(values.purpose, '--purpose', COPY_USAGE),
        expires: required(values.expires, '--expires', COPY_USAGE),
        creator: required(values.creator, '--creator', COPY_USAGE),
        seal: readInput(io, required(values.seal, '--seal', COPY_USAGE)),
        signer,
      });
      const out = required(values.out, '--out', COPY_USAGE);
      writeAtomic(io, out, copy);
      io.out(`✔ ${out} (${copy.length} bytes)`);
      return EXIT.OK;
    } catch (e) {
      if (e instanceof GbkitError && !(e instanceof UsageError)) {
        io.err(`✘ ${e.code}: ${e.localizedMessage(io.lang)}`);
        return EXIT.INVALID;
      }
      throw e;
    }
  },
};

const VALIDATE_USAGE =
  'gbkit license validate FILE.ofd [--trust CERT…] [--profile FILE.json…] [--lenient] [--at ISO-DATE] [--json] [--lang en]';
/** `gbkit license validate`. */
export const licenseValidateCommand: Command = {
  words: ['license', 'validate'],
  summary: {
    zh: '验证电子证照文件（印章、元数据、标识、持证主体、有效期、页面）',
    en: 'validate an e-licence file (seal, metadata, identifier, holders, validity, page)',
  },
  usage: VALIDATE_USAGE,
  async run(args, io) {
    const { values, positionals } = parse(
      args,
      {
        trust: { type: 'string', multiple: true },
        profile: { type: 'string', multiple: true },
        lenient: { type: 'boolean' },
        at: { type: 'string' },
        json: { type: 'boolean' },
      },
      VALIDATE_USAGE,
    );
    const file = positionals[0];
    if (!file) throw new UsageError({ zh: '请给出证照文件', en: 'give the licence file' }, VALIDATE_USAGE);
    const at = values.at ? new Date(values.at) : undefined;
    if (at && Number.isNaN(at.getTime()))
      throw new UsageError(
        { zh: `--at 不是日期：${values.at}`, en: `--at is not a date: ${values.at}` },
        VALIDATE_USAGE,
      );
    const trust = (values.trust ?? []).flatMap((p) => parseCertificates(readInput(io, p)).map((c) => c.der));
    const registry = new ProfileRegistry([
      ...BUILTIN_PROFILES,
      ...(values.profile ?? []).map((p) => loadProfile(io, p, VALIDATE_USAGE)),
    ]);
    const v = await validateLicenseFile(readInput(io, file), {
      file,
      mode: values.lenient ? 'lenient' : 'strict',
      profiles: registry,
      policy: { trustAnchors: trust, ...(at ? { validationTime: at } : {}) },
      ...(at ? { at } : {}),
    });
    if (values.json)
      io.out(
        JSON.stringify(
          {
            file,
            ok: v.report.ok,
            status: v.report.status,
            isCopy: v.isCopy,
            profile: v.profile ?? null,
            metadata: v.metadata ?? null,
            counts: v.report.counts,
            findings: v.report.findings,
          },
          null,
          2,
        ),
      );
    else {
      io.out(formatReport(v.report, io.lang));
      io.out(
        `${v.report.ok ? '✔' : '✘'} ${file}: ${v.report.status}${v.metadata ? ` · ${v.metadata.identifier}` : ''}`,
      );
    }
    return v.report.ok ? EXIT.OK : v.report.counts.failed > 0 ? EXIT.INVALID : EXIT.INDETERMINATE;
  },
};

/** Every e-licence command. */
export const licenseCommands: Command[] = [
  licenseIdCheckCommand,
  licenseIdMakeCommand,
  issueCommand,
  licenseCopyCommand,
  licenseValidateCommand,
];
