/**
 * `gbkit code check VALUE…`: detects and validates credit codes (GB 32100), organisation codes
 * (GB 11714), citizen IDs (GB 11643, 18 or 15 characters) and division codes (GB/T 2260), one line
 * per value, or one JSON object per line with `--json`. Exit 0 when every value is valid, 1 otherwise,
 * 3 on a usage error.
 * @module
 */
import {
  type CitizenIdInfo,
  type CodeKind,
  type CodeReason,
  type DetectedCode,
  type DivisionParsed,
  detectCode,
  type OrgCodeInfo,
  type UsccInfo,
  validateCitizenId,
  validateDivision,
  validateOrgCode,
  validateUscc,
} from '@gbkit/codes';
import { type Locale, type LocalizedText, localize } from '@gbkit/core';
import { type Command, EXIT, parse, UsageError } from '../command.js';

const usage =
  'gbkit code check VALUE… [--json] [--lenient] [--kind uscc|org-code|citizen-id|division] [--at YYYY-MM-DD]';

const KIND_LABEL: Record<CodeKind, LocalizedText> = {
  uscc: { zh: '统一社会信用代码', en: 'credit code' },
  'org-code': { zh: '组织机构代码', en: 'organisation code' },
  'citizen-id': { zh: '公民身份号码', en: 'citizen ID' },
  division: { zh: '行政区划代码', en: 'division code' },
  unknown: { zh: '未识别', en: 'unrecognised' },
};

const KINDS = ['uscc', 'org-code', 'citizen-id', 'division'] as const;

/** A short description of what a valid value says, in one language. */
function describe(r: DetectedCode, lang: Locale): string {
  const zh = lang === 'zh';
  switch (r.kind) {
    case 'uscc': {
      const p = r.parsed as UsccInfo | undefined;
      if (!p) return '';
      const dept =
        localize(p.department.name, lang) + (p.category ? `/${localize(p.category.name, lang)}` : '');
      const div = 'fullName' in p.division && p.division.fullName ? p.division.fullName : p.division.code;
      return `${dept} · ${div} · ${zh ? '组织机构代码' : 'org code'} ${p.orgCodeFormatted}`;
    }
    case 'org-code': {
      const p = r.parsed as OrgCodeInfo | undefined;
      return p ? p.formatted : '';
    }
    case 'citizen-id': {
      const p = r.parsed as CitizenIdInfo | undefined;
      if (!p) return '';
      const sex = p.sex === 'male' ? (zh ? '男' : 'male') : zh ? '女' : 'female';
      const place =
        p.residencePermit !== undefined
          ? zh
            ? `港澳台居民居住证（${p.residencePermit}）`
            : `residence permit (${p.residencePermit})`
          : 'fullName' in p.division && p.division.fullName
            ? p.division.fullName
            : p.division.code;
      const legacy = p.legacy15 && p.id18 ? ` · ${zh ? '18 位' : '18-char'} ${p.id18}` : '';
      return `${place} · ${p.birthDate} · ${sex}${legacy}`;
    }
    case 'division': {
      const p = r.parsed as DivisionParsed | undefined;
      return p?.fullName ?? '';
    }
    default:
      return '';
  }
}

function reasonText(x: CodeReason, lang: Locale): string {
  return `${x.code}: ${localize(x.message, lang)}`;
}

function validateAs(
  kind: (typeof KINDS)[number],
  value: string,
  lenient: boolean,
  at?: string,
): DetectedCode {
  const mode = lenient ? 'lenient' : 'strict';
  switch (kind) {
    case 'uscc':
      return validateUscc(value, { mode }) as DetectedCode;
    case 'org-code':
      return validateOrgCode(value) as DetectedCode;
    case 'citizen-id':
      return validateCitizenId(value, { mode, ...(at ? { referenceDate: at } : {}) }) as DetectedCode;
    case 'division':
      return validateDivision(value) as DetectedCode;
  }
}

/** `gbkit code check`: detect and validate codes. */
export const codeCheckCommand: Command = {
  words: ['code', 'check'],
  summary: {
    zh: '识别并校验统一社会信用代码、组织机构代码、公民身份号码、行政区划代码',
    en: 'detect and validate credit codes, organisation codes, citizen IDs and division codes',
  },
  usage,
  run(args, io) {
    const { values, positionals } = parse(
      args,
      {
        json: { type: 'boolean' },
        lenient: { type: 'boolean' },
        kind: { type: 'string' },
        at: { type: 'string' },
      },
      usage,
    );
    if (positionals.length === 0) {
      throw new UsageError(
        {
          zh: '请给出至少一个代码，例如：gbkit code check 91350100M000100Y43',
          en: 'give at least one code, e.g. gbkit code check 91350100M000100Y43',
        },
        usage,
      );
    }
    const kind = values.kind;
    if (kind !== undefined && !(KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(
        {
          zh: `--kind 只能是 ${KINDS.join('、')}，实为 ${kind}`,
          en: `--kind takes ${KINDS.join(', ')}, got ${kind}`,
        },
        usage,
      );
    }
    const at = values.at;
    if (at !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(at)) {
      throw new UsageError(
        { zh: `--at 须为 YYYY-MM-DD，实为 ${at}`, en: `--at takes YYYY-MM-DD, got ${at}` },
        usage,
      );
    }
    let allValid = true;
    for (const value of positionals) {
      let r: DetectedCode;
      try {
        r = kind
          ? validateAs(kind as (typeof KINDS)[number], value, values.lenient === true, at)
          : detectCode(value, {
              ...(values.lenient ? { mode: 'lenient' as const } : {}),
              ...(at ? { referenceDate: at } : {}),
            });
      } catch (e) {
        // Only bad options throw (e.g. --at 2023-02-30).
        throw new UsageError(
          { zh: `参数错误：${(e as Error).message}`, en: `bad arguments: ${(e as Error).message}` },
          usage,
        );
      }
      if (!r.valid) allValid = false;
      if (values.json) {
        io.out(
          JSON.stringify({
            value: r.value,
            kind: r.kind,
            valid: r.valid,
            normalized: r.normalized ?? null,
            reasons: r.reasons.map((x) => ({
              code: x.code,
              severity: x.severity,
              message: localize(x.message, io.lang),
              messages: x.message,
              ...(x.position !== undefined ? { position: x.position } : {}),
              ...(x.expected !== undefined ? { expected: x.expected } : {}),
              ...(x.actual !== undefined ? { actual: x.actual } : {}),
              ...(x.tolerated !== undefined ? { tolerated: x.tolerated } : {}),
            })),
            parsed: r.parsed ?? null,
          }),
        );
        continue;
      }
      const zh = io.lang === 'zh';
      const verdict = r.valid ? (zh ? '有效' : 'valid') : zh ? '无效' : 'INVALID';
      const errors = r.reasons.filter((x) => x.severity === 'error');
      const warnings = r.reasons.filter((x) => x.severity === 'warning');
      const parts = [`${r.valid ? '✔' : '✘'} ${value}`, localize(KIND_LABEL[r.kind], io.lang), verdict];
      const info = r.valid ? describe(r, io.lang) : '';
      if (info) parts.push(info);
      if (errors.length) parts.push(errors.map((x) => reasonText(x, io.lang)).join('; '));
      if (warnings.length) {
        parts.push((zh ? '警告 ' : 'warning ') + warnings.map((x) => reasonText(x, io.lang)).join('; '));
      }
      io.out(parts.join('  '));
    }
    return allValid ? EXIT.OK : EXIT.INVALID;
  },
};

/** The commands of the codes area. */
export const codeCommands: Command[] = [codeCheckCommand];
