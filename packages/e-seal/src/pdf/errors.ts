/**
 * Typed errors of the PDF module. Every error is a {@link FormatError}, {@link LimitExceededError} or
 * {@link InvalidArgumentError} from `@gbkit/core` with a stable `ERR_PDF_…` code and, where there is
 * one, the byte offset of the problem.
 *
 * @module
 */
import { FormatError, InvalidArgumentError, LimitExceededError, type LocalizedText } from '@gbkit/core';

/** Malformed PDF syntax or structure at a byte offset. */
export function pdfFormatError(
  code: string,
  text: LocalizedText,
  offset?: number,
  details?: Record<string, unknown>,
): FormatError {
  return new FormatError(code, text, {
    ...(offset !== undefined ? { location: { offset, part: 'PDF' } } : {}),
    ...(details ? { details } : {}),
  });
}

/** A safety bound (nesting depth, revision count, object count, decoded size) was reached. */
export function pdfLimitError(what: string, limit: number, offset?: number): LimitExceededError {
  return new LimitExceededError(
    'ERR_PDF_LIMIT',
    {
      zh: `PDF 超出安全限制：${what}（上限 ${limit}）`,
      en: `PDF exceeds a safety limit: ${what} (limit ${limit})`,
    },
    { ...(offset !== undefined ? { location: { offset, part: 'PDF' } } : {}), details: { what, limit } },
  );
}

/** A bad argument to a PDF API. */
export function pdfArgumentError(code: string, text: LocalizedText, field?: string): InvalidArgumentError {
  return new InvalidArgumentError(code, text, field ? { location: { field } } : {});
}
