/**
 * The e-licence identifier (电子证照标识) of GB/T 36904-2018 and the certificate-type code (证照类型代码).
 *
 * ```
 * 1.2.156.3005.2 . <证照类型代码> . <证照颁发机构代码> . <流水号> . <版本号> . <校验位>
 *  root OID         21 chars        18-char USCC         [0-9A-Z]+  3 digits  ISO 7064 MOD 37,36
 * ```
 *
 * The check character is ISO/IEC 7064 MOD 37,36 (hybrid) over type code + issuer code + serial +
 * version, without the root and the dots (research §2.2, confirmed against four real identifiers). The
 * MOD 37,36 arithmetic is `@gbkit/codes`'; USCC checks are `validateUscc` from the same package.
 *
 * Strict mode applies the rules as observed in conforming practice; lenient mode tolerates, each as a
 * warning naming what was tolerated: a GB/T 2260 region code as issuer (the Hefei 不动产 stub), a
 * check character that does not match ISO 7064 (the legacy vendor variant seen in Shandong), lower-case
 * letters, and issuer/type USCC prefixes whose own check character fails.
 * @module
 */

import {
  computeMod37_36,
  iso7064Check,
  MOD_37_36,
  type UsccInfo,
  validateDivision,
  validateUscc,
} from '@gbkit/codes';
import { InvalidArgumentError, type LocalizedText, type ValidationMode } from '@gbkit/core';

/** The fixed root of every e-licence identifier (电子证照根代码). */
export const LICENSE_ROOT_OID = '1.2.156.3005.2';

/** The five segments after the root. */
export interface IdentifierSegments {
  /** 证照类型代码: 18-char USCC of the defining authority + 3 digits. */
  readonly typeCode: string;
  /** 证照颁发机构代码: the issuing agency's USCC. */
  readonly issuerCode: string;
  /** 流水号. */
  readonly serial: string;
  /** 版本号, 3 digits (`001`). */
  readonly version: string;
  /** 校验位. */
  readonly check: string;
}

/** One reason an identifier (or a part of it) is wrong or questionable. */
export interface IdentifierReason {
  /** Stable code, e.g. `ERR_LIC_ID_CHECK`, `WARN_LIC_ID_ISSUER_REGION`. */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: LocalizedText;
  /** The segment concerned. */
  readonly segment?: 'root' | keyof IdentifierSegments | 'structure';
  readonly expected?: string;
  readonly actual?: string;
  /** Set when lenient mode downgraded an error: what was tolerated. */
  readonly tolerated?: string;
}

/** Result of {@link validateIdentifier}. */
export interface IdentifierValidation {
  /** True when no reason is an error. */
  readonly valid: boolean;
  readonly value: string;
  /** The segments, when the structure could be read. */
  readonly segments?: IdentifierSegments;
  /** The ISO 7064 MOD 37,36 check character the body requires, when computable. */
  readonly expectedCheck?: string;
  readonly reasons: readonly IdentifierReason[];
}

/** Options of {@link validateIdentifier}. */
export interface IdentifierOptions {
  /** `strict` (default) or `lenient`. */
  readonly mode?: ValidationMode;
  /**
   * A vendor check-character function to recognise in lenient mode (e.g. the legacy Epoint variant,
   * whose exact algorithm is not published: research §2.3). When given and it matches, the mismatch
   * with ISO 7064 is reported as `WARN_LIC_ID_CHECK_VARIANT` naming the variant; without it, lenient
   * mode reports any mismatch as `WARN_LIC_ID_CHECK_MISMATCH`.
   */
  readonly legacyCheck?: { readonly name: string; readonly compute: (body: string) => string };
  /** Maximum serial length (default 64; the standard's limit is not known, research §12). */
  readonly maxSerialLength?: number;
}

const SERIAL_RE = /^[0-9A-Z]+$/;
const VERSION_RE = /^\d{3}$/;
const TYPE_RE = /^[0-9A-Z]{18}\d{3}$/;

// Bounded memo of USCC validations: issuer and type codes repeat across identifiers.
const usccMemo = new Map<string, boolean>();
function usccValid(code: string, lenient: boolean): boolean {
  const key = lenient ? `L${code}` : code;
  let v = usccMemo.get(key);
  if (v === undefined) {
    v = validateUscc(code, { mode: lenient ? 'lenient' : 'strict' }).valid;
    if (usccMemo.size > 4096) usccMemo.clear();
    usccMemo.set(key, v);
  }
  return v;
}

// In front of the memo, for the fast path: a small direct-mapped cache of strict USCC results, its slot
// chosen by a few characters of the code (no hashing of the whole string), the code then compared whole.
const SLOTS = 256; // slot = the top 8 bits of a multiplicative hash
const slotKeys: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
const slotValid = new Uint8Array(SLOTS);

/**
 * Strict USCC validity of the first 18 characters of `code` (18 or more characters: a type code is
 * the USCC plus 3 digits; its cache entry is the whole type code).
 */
function usccValidCached(code: string): boolean {
  // division (2-7) and organisation (8-16) characters, the check character and (type codes) the
  // sequence vary the most
  let h = code.charCodeAt(5);
  h = h * 31 + code.charCodeAt(7);
  h = h * 31 + code.charCodeAt(13);
  h = h * 31 + code.charCodeAt(16);
  h = h * 31 + code.charCodeAt(17);
  h = h * 31 + code.charCodeAt(code.length - 2);
  h = h * 31 + code.charCodeAt(code.length - 1);
  const slot = Math.imul(h, 0x9e3779b1) >>> 24;
  if (slotKeys[slot] === code) return slotValid[slot] === 1;
  const valid = usccValid(code.length === 18 ? code : code.slice(0, 18), false);
  slotKeys[slot] = code;
  slotValid[slot] = valid ? 1 : 0;
  return valid;
}

function r(
  code: string,
  severity: 'error' | 'warning',
  zh: string,
  en: string,
  extra: Partial<Omit<IdentifierReason, 'code' | 'severity' | 'message'>> = {},
): IdentifierReason {
  return { code, severity, message: { zh, en }, ...extra };
}

/**
 * Splits an identifier into its segments without checking them. Returns `undefined` when it does not
 * have the root plus five dot-separated segments.
 */
export function splitIdentifier(id: string): IdentifierSegments | undefined {
  if (typeof id !== 'string' || !id.startsWith(`${LICENSE_ROOT_OID}.`)) return undefined;
  const rest = id.slice(LICENSE_ROOT_OID.length + 1).split('.');
  if (rest.length !== 5) return undefined;
  const [typeCode, issuerCode, serial, version, check] = rest as [string, string, string, string, string];
  return { typeCode, issuerCode, serial, version, check };
}

/** The string the check character is computed over: type + issuer + serial + version. */
export function identifierBody(s: Omit<IdentifierSegments, 'check'>): string {
  return s.typeCode + s.issuerCode + s.serial + s.version;
}

/**
 * Validates a certificate-type code (证照类型代码): 21 characters, the defining authority's USCC
 * (GB 32100, via `@gbkit/codes`) followed by a 3-digit sequence.
 *
 * @example
 * ```ts
 * import { validateTypeCode } from '@gbkit/e-license';
 * validateTypeCode('11100000000013338W032').valid; // true
 * ```
 */
export function validateTypeCode(
  code: string,
  options: Pick<IdentifierOptions, 'mode'> = {},
): { valid: boolean; authorityCode?: string; sequence?: string; reasons: IdentifierReason[] } {
  const reasons: IdentifierReason[] = [];
  const lenient = options.mode === 'lenient';
  if (typeof code !== 'string' || !TYPE_RE.test(code)) {
    reasons.push(
      r(
        'ERR_LIC_TYPE_CODE_FORMAT',
        'error',
        `证照类型代码应为 18 位统一社会信用代码加 3 位数字（21 位），实际为 ${JSON.stringify(code)}`,
        `the type code must be an 18-char USCC plus 3 digits (21 chars), got ${JSON.stringify(code)}`,
        { segment: 'typeCode', actual: String(code) },
      ),
    );
    return { valid: false, reasons };
  }
  const authorityCode = code.slice(0, 18);
  const sequence = code.slice(18);
  if (!usccValid(authorityCode, false)) {
    if (lenient && usccValid(authorityCode, true)) {
      reasons.push(
        r(
          'WARN_LIC_TYPE_CODE_AUTHORITY',
          'warning',
          `证照类型代码的定义机构代码 ${authorityCode} 仅在宽松模式下有效`,
          `the defining authority code ${authorityCode} is valid only in lenient mode`,
          { segment: 'typeCode', tolerated: 'legacy USCC' },
        ),
      );
    } else {
      reasons.push(
        r(
          'ERR_LIC_TYPE_CODE_AUTHORITY',
          'error',
          `证照类型代码前 18 位 ${authorityCode} 不是有效的统一社会信用代码`,
          `the first 18 chars of the type code, ${authorityCode}, are not a valid USCC`,
          { segment: 'typeCode', actual: authorityCode },
        ),
      );
    }
  }
  if (sequence === '000') {
    reasons.push(
      r(
        'ERR_LIC_TYPE_CODE_SEQUENCE',
        'error',
        '证照类型代码顺序号应为 001–999',
        'the type code sequence must be 001–999',
        { segment: 'typeCode', actual: sequence },
      ),
    );
  }
  return { valid: !reasons.some((x) => x.severity === 'error'), authorityCode, sequence, reasons };
}

/**
 * Builds a certificate-type code from the defining authority's USCC and a sequence 1–999.
 *
 * @example
 * ```ts
 * import { buildTypeCode } from '@gbkit/e-license';
 * buildTypeCode('11100000000013338W', 32); // '11100000000013338W032'
 * ```
 */
export function buildTypeCode(authorityCode: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999) {
    throw new InvalidArgumentError(
      'ERR_LIC_TYPE_CODE_SEQUENCE',
      { zh: `顺序号应为 1–999 的整数：${sequence}`, en: `sequence must be an integer 1–999: ${sequence}` },
      { location: { field: 'sequence' } },
    );
  }
  const code = authorityCode + String(sequence).padStart(3, '0');
  const v = validateTypeCode(code);
  if (!v.valid)
    throw new InvalidArgumentError(
      v.reasons[0]?.code ?? 'ERR_LIC_TYPE_CODE_FORMAT',
      v.reasons[0]?.message ?? { zh: '类型代码无效', en: 'invalid type code' },
      { location: { field: 'authorityCode' } },
    );
  return code;
}

const ROOT_PREFIX = `${LICENSE_ROOT_OID}.`;
const ROOT_LENGTH = ROOT_PREFIX.length;

/** True when `id[start, start + 3)` is three digits other than `000`. */
function isSequence(id: string, start: number): boolean {
  const a = id.charCodeAt(start);
  const b = id.charCodeAt(start + 1);
  const c = id.charCodeAt(start + 2);
  return a >= 48 && a <= 57 && b >= 48 && b <= 57 && c >= 48 && c <= 57 && (a !== 48 || b !== 48 || c !== 48);
}

/**
 * Fast path of {@link validateIdentifier} for an identifier that has no reason at all (the usual case):
 * the dots and digits at their fixed places, the memoised USCC checks, then the MOD 37,36 check of
 * `@gbkit/codes` (which also rejects any character outside 0-9A-Z). Returns `undefined` as soon as anything is off; the full
 * validation then runs and says why. A result it returns is the one the full validation gives (no
 * reason, in either mode: nothing is tolerated when nothing deviates).
 */
function validIdentifierFast(id: string, maxSerial: number): IdentifierValidation | undefined {
  const n = id.length;
  if (!id.startsWith(ROOT_PREFIX)) return undefined;
  const d1 = ROOT_LENGTH + 21;
  const d2 = d1 + 19;
  if (id.charCodeAt(d1) !== 46 || id.charCodeAt(d2) !== 46) return undefined;
  const d3 = id.indexOf('.', d2 + 1);
  if (d3 < 0) return undefined;
  const d4 = d3 + 4;
  // version: 3 chars; check: 1 char, the last one
  if (id.charCodeAt(d4) !== 46 || n !== d4 + 2) return undefined;
  const serialLength = d3 - d2 - 1;
  if (serialLength < 1 || serialLength > maxSerial) return undefined;
  // The other characters are all checked by MOD 37,36 below, whose alphabet is 0-9A-Z: a valid check
  // means no white space, no lower case and a serial of 0-9A-Z.
  if (!isSequence(id, d1 - 3) || !isSequence(id, d3 + 1)) return undefined;
  const typeCode = id.slice(ROOT_LENGTH, d1);
  const issuerCode = id.slice(d1 + 1, d2);
  if (!usccValidCached(typeCode) || !usccValidCached(issuerCode)) return undefined;
  const serial = id.slice(d2 + 1, d3);
  const version = id.slice(d3 + 1, d4);
  const check = id[d4 + 1] as string;
  let expected: string;
  try {
    expected = computeMod37_36(typeCode + issuerCode + serial + version);
  } catch {
    return undefined; // a character outside 0-9A-Z: the full validation says which
  }
  if (expected !== check) return undefined;
  return {
    valid: true,
    value: id,
    segments: { typeCode, issuerCode, serial, version, check },
    expectedCheck: check,
    reasons: [],
  };
}

/**
 * Validates an e-licence identifier: structure, root, each segment, and the ISO 7064 MOD 37,36 check
 * character. Never throws.
 *
 * @example
 * ```ts
 * import { validateIdentifier } from '@gbkit/e-license';
 * const v = validateIdentifier('1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F');
 * v.valid; // true
 * v.segments?.serial; // '2430599'
 * ```
 */
export function validateIdentifier(id: string, options: IdentifierOptions = {}): IdentifierValidation {
  const lenient = options.mode === 'lenient';
  const reasons: IdentifierReason[] = [];
  const value = id;
  if (typeof id !== 'string') {
    return {
      valid: false,
      value: String(id),
      reasons: [
        r('ERR_LIC_ID_STRUCTURE', 'error', '证照标识不是字符串', 'the identifier is not a string', {
          segment: 'structure',
        }),
      ],
    };
  }
  const fast = validIdentifierFast(id, options.maxSerialLength ?? 64);
  if (fast !== undefined) return fast;
  let text = id.trim();
  if (text !== id) {
    if (lenient)
      reasons.push(
        r(
          'WARN_LIC_ID_WHITESPACE',
          'warning',
          '证照标识首尾有空白',
          'the identifier has leading or trailing white space',
          { segment: 'structure', tolerated: 'white space trimmed' },
        ),
      );
    else
      reasons.push(
        r(
          'ERR_LIC_ID_WHITESPACE',
          'error',
          '证照标识首尾有空白',
          'the identifier has leading or trailing white space',
          { segment: 'structure' },
        ),
      );
  }
  if (/[a-z]/.test(text)) {
    if (lenient) {
      reasons.push(
        r(
          'WARN_LIC_ID_LOWERCASE',
          'warning',
          '证照标识含小写字母，已按大写处理',
          'the identifier contains lower-case letters; read as upper case',
          { segment: 'structure', tolerated: 'lower case' },
        ),
      );
      text = text.toUpperCase();
    } else {
      reasons.push(
        r(
          'ERR_LIC_ID_LOWERCASE',
          'error',
          '证照标识只能含大写字母（ISO 7064 MOD 37,36 字母表 0-9A-Z）',
          'the identifier may only contain upper-case letters (ISO 7064 MOD 37,36 alphabet 0-9A-Z)',
          { segment: 'structure' },
        ),
      );
      return { valid: false, value, reasons };
    }
  }
  if (!text.startsWith(`${LICENSE_ROOT_OID}.`)) {
    reasons.push(
      r(
        'ERR_LIC_ID_ROOT',
        'error',
        `证照标识应以根代码 ${LICENSE_ROOT_OID} 开头`,
        `the identifier must start with the root ${LICENSE_ROOT_OID}`,
        { segment: 'root', expected: LICENSE_ROOT_OID, actual: text.split('.').slice(0, 5).join('.') },
      ),
    );
    return { valid: false, value, reasons };
  }
  const s = splitIdentifier(text);
  if (!s) {
    const n = text.slice(LICENSE_ROOT_OID.length + 1).split('.').length;
    reasons.push(
      r(
        'ERR_LIC_ID_STRUCTURE',
        'error',
        `根代码后应有 5 段（类型代码.颁发机构代码.流水号.版本号.校验位），实际为 ${n} 段`,
        `expected 5 segments after the root (type.issuer.serial.version.check), found ${n}`,
        { segment: 'structure', expected: '5', actual: String(n) },
      ),
    );
    return { valid: false, value, reasons };
  }
  // type code
  for (const x of validateTypeCode(s.typeCode, { mode: options.mode ?? 'strict' }).reasons) reasons.push(x);
  // issuer
  if (!(s.issuerCode.length === 18 && usccValid(s.issuerCode, false))) {
    if (s.issuerCode.length === 18 && lenient && usccValid(s.issuerCode, true)) {
      reasons.push(
        r(
          'WARN_LIC_ID_ISSUER_LEGACY',
          'warning',
          `颁发机构代码 ${s.issuerCode} 仅在宽松模式下是有效的统一社会信用代码`,
          `issuer code ${s.issuerCode} is a valid USCC only in lenient mode`,
          { segment: 'issuerCode', tolerated: 'legacy USCC' },
        ),
      );
    } else if (lenient && /^\d{6}$/.test(s.issuerCode) && validateDivision(s.issuerCode).valid) {
      reasons.push(
        r(
          'WARN_LIC_ID_ISSUER_REGION',
          'warning',
          `颁发机构代码 ${s.issuerCode} 是行政区划代码（GB/T 2260）而非统一社会信用代码`,
          `issuer code ${s.issuerCode} is a division code (GB/T 2260), not a USCC`,
          { segment: 'issuerCode', tolerated: 'region-code issuer' },
        ),
      );
    } else {
      reasons.push(
        r(
          'ERR_LIC_ID_ISSUER',
          'error',
          `颁发机构代码 ${s.issuerCode} 不是有效的 18 位统一社会信用代码`,
          `issuer code ${s.issuerCode} is not a valid 18-char USCC`,
          { segment: 'issuerCode', actual: s.issuerCode },
        ),
      );
    }
  }
  const maxSerial = options.maxSerialLength ?? 64;
  if (!SERIAL_RE.test(s.serial) || s.serial.length > maxSerial) {
    reasons.push(
      r(
        'ERR_LIC_ID_SERIAL',
        'error',
        `流水号应为 1–${maxSerial} 位 0-9A-Z 字符，实际为 ${JSON.stringify(s.serial)}`,
        `the serial must be 1–${maxSerial} chars of 0-9A-Z, got ${JSON.stringify(s.serial)}`,
        { segment: 'serial', actual: s.serial },
      ),
    );
  }
  if (!VERSION_RE.test(s.version) || s.version === '000') {
    reasons.push(
      r(
        'ERR_LIC_ID_VERSION',
        'error',
        `版本号应为 3 位数字 001–999，实际为 ${JSON.stringify(s.version)}`,
        `the version must be 3 digits 001–999, got ${JSON.stringify(s.version)}`,
        { segment: 'version', actual: s.version },
      ),
    );
  }
  let expectedCheck: string | undefined;
  const body = identifierBody(s);
  if (s.check.length !== 1) {
    reasons.push(
      r(
        'ERR_LIC_ID_CHECK',
        'error',
        `校验位应为 1 个字符，实际为 ${JSON.stringify(s.check)}`,
        `the check character must be 1 char, got ${JSON.stringify(s.check)}`,
        { segment: 'check', actual: s.check },
      ),
    );
  } else {
    const c = iso7064Check(MOD_37_36, body + s.check);
    expectedCheck = c.expected;
    if (!c.valid) {
      if (c.expected === undefined) {
        reasons.push(
          r(
            'ERR_LIC_ID_CHARSET',
            'error',
            '证照标识含 0-9A-Z 以外的字符，无法计算校验位',
            'the identifier contains characters outside 0-9A-Z: no check character can be computed',
            { segment: 'structure' },
          ),
        );
      } else if (lenient) {
        const variant = options.legacyCheck;
        let matched = false;
        try {
          matched = variant !== undefined && variant.compute(body) === s.check;
        } catch {
          matched = false;
        }
        reasons.push(
          matched
            ? r(
                'WARN_LIC_ID_CHECK_VARIANT',
                'warning',
                `校验位 ${s.check} 符合厂商算法“${variant?.name}”，不符合 ISO 7064 MOD 37,36（应为 ${c.expected}）`,
                `check character ${s.check} follows the vendor variant "${variant?.name}", not ISO 7064 MOD 37,36 (expected ${c.expected})`,
                {
                  segment: 'check',
                  expected: c.expected,
                  actual: s.check,
                  tolerated: `vendor check variant ${variant?.name}`,
                },
              )
            : r(
                'WARN_LIC_ID_CHECK_MISMATCH',
                'warning',
                `校验位 ${s.check} 与 ISO 7064 MOD 37,36 计算结果 ${c.expected} 不符（可能为旧厂商算法）`,
                `check character ${s.check} differs from ISO 7064 MOD 37,36 (${c.expected}); possibly a legacy vendor variant`,
                {
                  segment: 'check',
                  expected: c.expected,
                  actual: s.check,
                  tolerated: 'non-ISO check character',
                },
              ),
        );
      } else {
        reasons.push(
          r(
            'ERR_LIC_ID_CHECK',
            'error',
            `校验位错误：应为 ${c.expected}，实际为 ${s.check}`,
            `wrong check character: expected ${c.expected}, found ${s.check}`,
            { segment: 'check', expected: c.expected, actual: s.check },
          ),
        );
      }
    }
  }
  return {
    valid: !reasons.some((x) => x.severity === 'error'),
    value,
    segments: s,
    ...(expectedCheck !== undefined ? { expectedCheck } : {}),
    reasons,
  };
}

/** True when `id` is a valid identifier in strict mode. */
export function isValidIdentifier(id: string): boolean {
  return validateIdentifier(id).valid;
}

/** Input of {@link buildIdentifier}. */
export interface IdentifierInput {
  readonly typeCode: string;
  readonly issuerCode: string;
  readonly serial: string;
  /** Version number 1–999 or a 3-digit string; default 1. */
  readonly version?: number | string;
}

function versionText(v: number | string | undefined): string {
  const n = typeof v === 'string' ? Number(v) : (v ?? 1);
  if (!Number.isInteger(n) || n < 1 || n > 999 || (typeof v === 'string' && !/^\d{1,3}$/.test(v))) {
    throw new InvalidArgumentError(
      'ERR_LIC_ID_VERSION',
      { zh: `版本号应为 1–999：${String(v)}`, en: `version must be 1–999: ${String(v)}` },
      { location: { field: 'version' } },
    );
  }
  return String(n).padStart(3, '0');
}

/**
 * Builds an identifier, computing the check character. Throws `InvalidArgumentError` with the code of
 * the first strict-mode error (e.g. `ERR_LIC_ID_ISSUER`).
 *
 * @example
 * ```ts
 * import { buildIdentifier } from '@gbkit/e-license';
 * buildIdentifier({ typeCode: '11100000000013338W032', issuerCode: '11220000013544541J', serial: '2430599' });
 * // '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F'
 * ```
 */
export function buildIdentifier(
  input: IdentifierInput,
  options: Pick<IdentifierOptions, 'maxSerialLength'> = {},
): string {
  const version = versionText(input.version);
  const seg = { typeCode: input.typeCode, issuerCode: input.issuerCode, serial: input.serial, version };
  let check = '0';
  try {
    check = computeMod37_36(identifierBody(seg));
  } catch {
    // reported below with the segment at fault
  }
  const id = `${LICENSE_ROOT_OID}.${seg.typeCode}.${seg.issuerCode}.${seg.serial}.${version}.${check}`;
  const v = validateIdentifier(id, options);
  const err = v.reasons.find((x) => x.severity === 'error');
  if (err) {
    throw new InvalidArgumentError(err.code, err.message, {
      location: { field: err.segment ?? 'identifier' },
      details: { segment: err.segment },
    });
  }
  return id;
}

/**
 * Parses a valid identifier into its segments; throws `InvalidArgumentError` with the first error's code
 * otherwise (use {@link validateIdentifier} to get every reason).
 */
export function parseIdentifier(id: string, options: IdentifierOptions = {}): IdentifierSegments {
  const v = validateIdentifier(id, options);
  if (v.reasons.length === 0 && v.segments !== undefined) return v.segments;
  const err = v.reasons.find((x) => x.severity === 'error');
  if (err || !v.segments) {
    throw new InvalidArgumentError(
      err?.code ?? 'ERR_LIC_ID_STRUCTURE',
      err?.message ?? { zh: '证照标识无效', en: 'invalid identifier' },
      { location: { field: err?.segment ?? 'identifier' } },
    );
  }
  return v.segments;
}

/**
 * The identifier of the next version (版本号 + 1, new check character), for a changed licence that keeps
 * its serial (research §7 item 6). Throws when the version is already 999.
 *
 * @example
 * ```ts
 * import { nextVersionIdentifier } from '@gbkit/e-license';
 * nextVersionIdentifier('1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F').split('.')[8]; // '002'
 * ```
 */
export function nextVersionIdentifier(id: string, options: IdentifierOptions = {}): string {
  const s = parseIdentifier(id, options);
  const n = Number(s.version) + 1;
  if (n > 999)
    throw new InvalidArgumentError(
      'ERR_LIC_ID_VERSION',
      { zh: '版本号已到 999', en: 'the version is already 999' },
      { location: { field: 'version' } },
    );
  return buildIdentifier({ ...s, version: n }, options);
}

/** The USCC facts of an identifier's issuer, when it is one (via `@gbkit/codes`). */
export function identifierIssuerInfo(id: string): UsccInfo | undefined {
  const s = splitIdentifier(id);
  return s ? validateUscc(s.issuerCode).parsed : undefined;
}
