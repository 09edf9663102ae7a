/**
 * `detectCode`: tells which kind of code a value is (credit code, organisation code, citizen ID in 18
 * or 15 characters, division code) by its length and characters, then validates it as that kind.
 *
 * 18 digits (or 17 digits + `X`) fit both a credit code and a citizen ID: both are checked and the one
 * with fewer errors wins (on a tie, a real birth date in positions 7–14 means citizen ID). If both
 * are valid — it happens: `914403195001010430` is both — the one with fewer and milder warnings wins
 * (an address code outside every province counts against a citizen ID, an unknown department against
 * a credit code; citizen ID on a tie) and `WARN_CODE_AMBIGUOUS` says so.
 *
 * @example
 * ```ts
 * import { detectCode } from '@gbkit/codes';
 * detectCode('91350100M000100Y43').kind; // 'uscc'
 * detectCode('11010519491231002X').kind; // 'citizen-id'
 * detectCode('72682360-4').kind; // 'org-code'
 * detectCode('440113').kind; // 'division'
 * detectCode('hello').kind; // 'unknown'
 * ```
 * @module
 */
import { type CitizenIdInfo, type CitizenIdOptions, validateCitizenId } from './citizen-id.js';
import { type DivisionParsed, validateDivision } from './division.js';
import { type OrgCodeInfo, validateOrgCode } from './org-code.js';
import { type CodeValidation, normalizeInput, reason, result } from './result.js';
import { USCC_ALPHABET, type UsccInfo, validateUscc } from './uscc.js';

/** The result of {@link detectCode}: a validation whose `kind` tells the type of `parsed`. */
export type DetectedCode =
  | (CodeValidation<UsccInfo> & { readonly kind: 'uscc' })
  | (CodeValidation<OrgCodeInfo> & { readonly kind: 'org-code' })
  | (CodeValidation<CitizenIdInfo> & { readonly kind: 'citizen-id' })
  | (CodeValidation<DivisionParsed> & { readonly kind: 'division' })
  | (CodeValidation<undefined> & { readonly kind: 'unknown' });

/** Options of {@link detectCode}: those of every validator. */
export type DetectOptions = CitizenIdOptions;

const errors = (r: CodeValidation<unknown>): number => r.reasons.filter((x) => x.severity === 'error').length;

/** Lower is more plausible: errors weigh most, then a foreign province or department, then warnings. */
const STRONG = new Set(['WARN_CITIZEN_ID_DIVISION_FORMAT', 'WARN_USCC_UNKNOWN_DEPARTMENT']);
const score = (r: CodeValidation<unknown>): number =>
  r.reasons.reduce((a, x) => a + (x.severity === 'error' ? 100 : STRONG.has(x.code) ? 10 : 1), 0);

/**
 * Detects the kind of `value` and validates it. Never throws for a bad value.
 */
export function detectCode(value: string, options: DetectOptions = {}): DetectedCode {
  const { text } = normalizeInput(value);
  const len = text.length;
  if (len === 18) {
    const idShape = /^\d{17}[\dX]$/.test(text);
    const usccShape = [...text].every((c) => USCC_ALPHABET.includes(c));
    if (idShape) {
      const asId = validateCitizenId(value, options);
      if (!usccShape) return asId as DetectedCode;
      const asUscc = validateUscc(value, options);
      if (asId.valid && asUscc.valid) {
        const id = score(asId) <= score(asUscc);
        const chosen = id ? asId : asUscc;
        return {
          ...chosen,
          reasons: [
            ...chosen.reasons,
            reason('WARN_CODE_AMBIGUOUS', {
              zh: id
                ? '该值同时是有效的统一社会信用代码；按公民身份号码处理'
                : '该值同时是有效的公民身份号码；按统一社会信用代码处理',
              en: id
                ? 'the value is also a valid credit code; treated as a citizen ID'
                : 'the value is also a valid citizen ID; treated as a credit code',
            }),
          ],
        } as DetectedCode;
      }
      const ei = errors(asId);
      const eu = errors(asUscc);
      if (ei !== eu) return (ei < eu ? asId : asUscc) as DetectedCode;
      const dateOk = !asId.reasons.some((r) => r.code === 'ERR_CITIZEN_ID_BIRTH_DATE');
      return (dateOk ? asId : asUscc) as DetectedCode;
    }
    // Letters other than a final X: a credit code (or garbage, reported as one).
    const lettersInside = /[A-Z]/.test(text.slice(0, 17));
    if (lettersInside || usccShape) return validateUscc(value, options) as DetectedCode;
    return validateCitizenId(value, options) as DetectedCode;
  }
  if (len === 15 && /^\d{15}$/.test(text)) return validateCitizenId(value, options) as DetectedCode;
  if (len === 9 || (len === 10 && text[8] === '-')) return validateOrgCode(value) as DetectedCode;
  if (len === 6 && /^\d{6}$/.test(text)) return validateDivision(value) as DetectedCode;
  const reasons = [
    reason(
      'ERR_CODE_UNRECOGNIZED',
      {
        zh: `无法识别的代码（${len} 个字符）：统一社会信用代码与公民身份号码 18 位，旧版身份号码 15 位数字，组织机构代码 9 位（或 XXXXXXXX-X），行政区划代码 6 位数字`,
        en: `unrecognised code (${len} characters): credit codes and citizen IDs have 18, legacy IDs 15 digits, organisation codes 9 (or XXXXXXXX-X), division codes 6 digits`,
      },
      { actual: String(len) },
    ),
  ];
  return result('unknown', value, undefined, reasons) as DetectedCode;
}
