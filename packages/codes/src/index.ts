/**
 * `@gbkit/codes`: compute, validate and parse the identifiers of Chinese e-government data —
 * GB 32100 unified social credit codes, GB 11714 organisation codes, GB 11643 citizen IDs, GB/T 2260
 * division codes — and the ISO/IEC 7064 check systems (MOD 11-2, MOD 37,36 …) behind them.
 *
 * Every validator returns `{ valid, kind, value, normalized, reasons, parsed }` with precise, stable
 * reason codes ({@link REASON_CODES}); the `assert…` variants throw a `FormatError` instead.
 * Browser-safe: no Node built-ins.
 *
 * @example
 * ```ts
 * import { detectCode } from '@gbkit/codes';
 * const r = detectCode('91350100M000100Y43');
 * r.kind; // 'uscc'
 * r.valid; // true
 * ```
 * @packageDocumentation
 */

export * from './citizen-id.js';
export * from './detect.js';
export {
  assertDivision,
  DIVISION_TABLE_SOURCE,
  type DivisionInfo,
  type DivisionName,
  type DivisionOptions,
  type DivisionParsed,
  isProvincePrefix,
  lookupDivision,
  PROVINCE_CODES,
  validateDivision,
} from './division.js';
export * from './iso7064.js';
export {
  assertOrgCode,
  computeOrgCodeCheckCharacter,
  type OrgCodeInfo,
  validateOrgCode,
} from './org-code.js';
export {
  type CodeKind,
  type CodeReason,
  type CodeValidation,
  REASON_CODES,
  type ReasonCode,
  type ReasonInfo,
  type ReasonSeverity,
  type ValidateOptions,
} from './result.js';
export * from './uscc.js';
