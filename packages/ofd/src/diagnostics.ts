/**
 * Warnings: every deviation from GB/T 33190 that the reader tolerates (bytes before the zip, a
 * backslash in an `ST_Loc`, a non-standard namespace …) is recorded as an {@link OfdWarning} with a
 * stable code, a message in 简体中文 and English and the part it was found in. Nothing non-standard is
 * accepted silently. In `strict` mode the same deviations are thrown as a `FormatError` whose code is
 * the warning code prefixed with `ERR_`.
 * @module
 */
import { FormatError, type LocalizedText, type ValidationMode } from '@gbkit/core';

/** One tolerated deviation, reported on the opened package or document. */
export interface OfdWarning {
  /** Stable code such as `OFD_ZIP_PREFIX` or `OFD_LOC_BACKSLASH`. */
  readonly code: string;
  /** What was tolerated, in both languages. */
  readonly message: LocalizedText;
  /** The part (absolute path, e.g. `/Doc_0/Document.xml`) where it was found, when known. */
  readonly part?: string;
  /** Structured facts (offsets, the path as written, the candidate found …). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Where the reader's modules send warnings. */
export interface WarningSink {
  readonly mode: ValidationMode;
  warn(warning: OfdWarning, always?: boolean): void;
}

/** Collects warnings, or throws them in strict mode. Shared by the reader's modules. */
export class Diagnostics implements WarningSink {
  readonly warnings: OfdWarning[] = [];
  private readonly seen = new Set<string>();

  constructor(readonly mode: ValidationMode = 'lenient') {}

  /**
   * Records a tolerated deviation. In strict mode throws `FormatError(ERR_<code>)` instead, unless
   * `always` is set (for facts that are reported but never fatal, such as a missing optional part).
   */
  warn(warning: OfdWarning, always = false): void {
    if (this.mode === 'strict' && !always) {
      throw new FormatError(`ERR_${warning.code}`, warning.message, {
        location: warning.part !== undefined ? { part: warning.part } : undefined,
        details: warning.details,
      });
    }
    const key = `${warning.code}|${warning.part ?? ''}|${JSON.stringify(warning.details ?? {})}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.warnings.push(warning);
  }
}
