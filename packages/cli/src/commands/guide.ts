/**
 * `gbkit guide …`: service guides (办事指南) with `@gbkit/guide-schema`.
 *
 * - `gbkit guide validate FILE… [--json] [--lenient] [--handling] [--profile national|guangdong]` — validates
 *   guide files (SDK JSON, or a national exchange bundle `{ task, materials, … }`), reporting every
 *   problem at once; exit 0 when all are valid, 1 otherwise.
 * - `gbkit guide render FILE --out PAGE.html [--short]` — writes a self-contained HTML page.
 * - `gbkit guide export FILE --to cpsv|schema-org|exchange [--out FILE] [--profile …]` — JSON-LD or
 *   exchange rows, to stdout or a file.
 * - `gbkit guide code check CODE… [--json] [--split]` — checks 实施编码 / 业务办理项编码.
 * @module
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FormatError, formatReport, localize, type Report } from '@gbkit/core';
import {
  type CodeProfile,
  checkItemCode,
  fromExchange,
  guangdongProfile,
  type ImplementationItem,
  ImplementationItemSchema,
  isExchangeBundle,
  nationalProfile,
  problems,
  renderGuideHtml,
  toCpsvAp,
  toExchange,
  toSchemaOrg,
  validateGuide,
} from '@gbkit/guide-schema';
import { type Command, type CommandIO, EXIT, parse, required, UsageError } from '../command.js';
import { writeAtomic } from '../files.js';

function profileOf(name: string | undefined, usage: string): CodeProfile {
  if (name === undefined || name === 'national') return nationalProfile;
  if (name === 'guangdong') return guangdongProfile;
  throw new UsageError(
    {
      zh: `--profile 只能是 national 或 guangdong，实为 ${name}`,
      en: `--profile takes national or guangdong, got ${name}`,
    },
    usage,
  );
}

/** Reads a guide file: SDK JSON or an exchange bundle (converted with the profile). */
function readGuideJson(io: CommandIO, file: string, profile: CodeProfile): unknown {
  const text = readFileSync(resolve(io.cwd, file), 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FormatError(
      'ERR_GUIDE_JSON',
      {
        zh: `${file} 不是有效的 JSON：${(e as Error).message}`,
        en: `${file} is not valid JSON: ${(e as Error).message}`,
      },
      { location: { file } },
    );
  }
  return isExchangeBundle(json) ? fromExchange(json, { profile }) : json;
}

/** Parses a guide strictly (rendering and export need a well-formed one). */
function readGuide(io: CommandIO, file: string, profile: CodeProfile): ImplementationItem {
  const json = readGuideJson(io, file, profile);
  const r = ImplementationItemSchema.safeParse(json);
  if (!r.success) {
    const report = validateGuide(json, { subject: file });
    const first = problems(report)
      .slice(0, 5)
      .map((f) => localize(f.message, io.lang))
      .join('；');
    throw new FormatError(
      'ERR_GUIDE_INVALID',
      {
        zh: `${file} 不是结构完整的办事指南：${first}（运行 gbkit guide validate 查看全部问题）`,
        en: `${file} is not a well-formed guide: ${first} (run gbkit guide validate for all problems)`,
      },
      { location: { file } },
    );
  }
  return r.data;
}

const validateUsage =
  'gbkit guide validate FILE… [--json] [--lenient] [--handling] [--profile national|guangdong]';
/** `gbkit guide validate`. */
export const guideValidateCommand: Command = {
  words: ['guide', 'validate'],
  summary: {
    zh: '校验办事指南（实施清单要素、编码、业务规则；一次性列出全部问题）',
    en: 'validate service guides (elements, codes, business rules; all problems at once)',
  },
  usage: validateUsage,
  run(args, io) {
    const { values, positionals } = parse(
      args,
      {
        json: { type: 'boolean' },
        lenient: { type: 'boolean' },
        handling: { type: 'boolean' },
        profile: { type: 'string' },
      },
      validateUsage,
    );
    if (positionals.length === 0)
      throw new UsageError({ zh: '请给出至少一个文件', en: 'give at least one file' }, validateUsage);
    const profile = profileOf(values.profile, validateUsage);
    let allOk = true;
    for (const file of positionals) {
      const guide = readGuideJson(io, file, profile);
      const kind = values.handling ? 'handling' : 'implementation';
      const report: Report = validateGuide(guide, {
        kind,
        mode: values.lenient ? 'lenient' : 'strict',
        subject: file,
      });
      if (!report.ok) allOk = false;
      if (values.json) {
        io.out(JSON.stringify({ file, ...report }));
        continue;
      }
      const head = report.ok
        ? {
            zh: `✔ ${file}：通过（${report.counts.passed} 项通过，${report.counts.warning} 项警告）`,
            en: `✔ ${file}: valid (${report.counts.passed} passed, ${report.counts.warning} warnings)`,
          }
        : {
            zh: `✘ ${file}：未通过（${report.counts.failed} 项错误，${report.counts.indeterminate} 项无法确定，${report.counts.warning} 项警告）`,
            en: `✘ ${file}: invalid (${report.counts.failed} failed, ${report.counts.indeterminate} indeterminate, ${report.counts.warning} warnings)`,
          };
      io.out(localize(head, io.lang));
      const shown = problems(report);
      if (shown.length) io.out(formatReport({ ...report, findings: shown }, io.lang).replace(/^/gm, '  '));
    }
    return allOk ? EXIT.OK : EXIT.INVALID;
  },
};

const renderUsage = 'gbkit guide render FILE --out PAGE.html [--short] [--profile national|guangdong]';
/** `gbkit guide render`. */
export const guideRenderCommand: Command = {
  words: ['guide', 'render'],
  summary: {
    zh: '将办事指南生成为可打印的 HTML 页面（--short 生成简版）',
    en: 'render a guide to a printable HTML page (--short: the short version)',
  },
  usage: renderUsage,
  run(args, io) {
    const { values, positionals } = parse(
      args,
      { out: { type: 'string' }, short: { type: 'boolean' }, profile: { type: 'string' } },
      renderUsage,
    );
    if (positionals.length !== 1)
      throw new UsageError({ zh: '请给出一个文件', en: 'give one file' }, renderUsage);
    const out = required(values.out, '--out', renderUsage);
    const guide = readGuide(io, positionals[0] as string, profileOf(values.profile, renderUsage));
    const path = resolve(io.cwd, out);
    writeAtomic(io, path, renderGuideHtml(guide, { short: values.short === true }));
    io.out(
      localize(
        {
          zh: `已生成 ${values.short ? '简版' : '完整版'}办事指南：${path}`,
          en: `wrote the ${values.short ? 'short' : 'full'} guide: ${path}`,
        },
        io.lang,
      ),
    );
    return EXIT.OK;
  },
};

const exportUsage =
  'gbkit guide export FILE --to cpsv|schema-org|exchange [--out FILE] [--profile national|guangdong]';
/** `gbkit guide export`. */
export const guideExportCommand: Command = {
  words: ['guide', 'export'],
  summary: {
    zh: '导出为 CPSV-AP 3.2 / schema.org JSON-LD 或国家交换数据行',
    en: 'export to CPSV-AP 3.2 / schema.org JSON-LD or national exchange rows',
  },
  usage: exportUsage,
  run(args, io) {
    const { values, positionals } = parse(
      args,
      { to: { type: 'string' }, out: { type: 'string' }, profile: { type: 'string' } },
      exportUsage,
    );
    if (positionals.length !== 1)
      throw new UsageError({ zh: '请给出一个文件', en: 'give one file' }, exportUsage);
    const to = required(values.to, '--to', exportUsage);
    const profile = profileOf(values.profile, exportUsage);
    if (!['cpsv', 'schema-org', 'exchange'].includes(to))
      throw new UsageError(
        {
          zh: `--to 只能是 cpsv、schema-org 或 exchange，实为 ${to}`,
          en: `--to takes cpsv, schema-org or exchange, got ${to}`,
        },
        exportUsage,
      );
    const guide = readGuide(io, positionals[0] as string, profile);
    const doc =
      to === 'cpsv'
        ? toCpsvAp(guide)
        : to === 'schema-org'
          ? toSchemaOrg(guide)
          : toExchange(guide, { profile });
    const text = JSON.stringify(doc, null, 2);
    if (values.out) {
      const path = resolve(io.cwd, values.out);
      writeAtomic(io, path, `${text}\n`);
      io.out(localize({ zh: `已导出（${to}）：${path}`, en: `exported (${to}): ${path}` }, io.lang));
    } else io.out(text);
    return EXIT.OK;
  },
};

const codeUsage = 'gbkit guide code check CODE… [--json] [--split] [--lenient]';
/** `gbkit guide code check`. */
export const guideCodeCheckCommand: Command = {
  words: ['guide', 'code', 'check'],
  summary: {
    zh: '校验实施编码（31 位）与业务办理项编码（33 位）',
    en: 'check implementation (31) and handling-item (33) codes',
  },
  usage: codeUsage,
  run(args, io) {
    const { values, positionals } = parse(
      args,
      { json: { type: 'boolean' }, split: { type: 'boolean' }, lenient: { type: 'boolean' } },
      codeUsage,
    );
    if (positionals.length === 0)
      throw new UsageError({ zh: '请给出至少一个编码', en: 'give at least one code' }, codeUsage);
    let allOk = true;
    for (const code of positionals) {
      const r = checkItemCode(code, {
        splitCatalogCode: values.split === true,
        mode: values.lenient ? 'lenient' : 'strict',
      });
      if (!r.ok) allOk = false;
      if (values.json) io.out(JSON.stringify(r));
      else {
        io.out(`${r.ok ? '✔' : '✘'} ${code}`);
        io.out(formatReport(r, io.lang).replace(/^/gm, '  '));
      }
    }
    return allOk ? EXIT.OK : EXIT.INVALID;
  },
};

/** All `gbkit guide` commands. */
export const guideCommands: Command[] = [
  guideValidateCommand,
  guideRenderCommand,
  guideExportCommand,
  guideCodeCheckCommand,
];
