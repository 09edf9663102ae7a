/**
 * The one error hierarchy shared by every gbkit package, in the style of `jose`: each error carries a
 * stable machine-readable `code` (`ERR_…`), a message in 简体中文 and English, and where possible the
 * location of the problem (file, part path, field, byte offset).
 *
 * @example
 * ```ts
 * import { GbkitError, FormatError } from '@gbkit/core';
 * try {
 *   throw new FormatError('ERR_DER_LENGTH', { zh: 'DER 长度越界', en: 'DER length out of range' }, { location: { offset: 17 } });
 * } catch (e) {
 *   if (e instanceof GbkitError) console.log(e.code, e.location?.offset); // ERR_DER_LENGTH 17
 * }
 * ```
 * @module
 */
import { getDefaultLocale, type Locale, type LocalizedText, localize } from './locale.js';

/** Where in the input a problem was found. Every member is optional; give what is known. */
export interface ErrorLocation {
  /** A file name or path given by the user. */
  readonly file?: string;
  /** A path inside a container (an OFD part such as `/Doc_0/Signs/Sign_0/Signature.xml`). */
  readonly part?: string;
  /** A field or element name (`certificateNumber`, `SES_SealInfo.esID`, `ofd:Reference@FileRef`). */
  readonly field?: string;
  /** A byte offset into the input (or into `part`). */
  readonly offset?: number;
  /** A 1-based line number in a text input. */
  readonly line?: number;
}

/** Options accepted by every {@link GbkitError} constructor. */
export interface GbkitErrorOptions {
  readonly cause?: unknown;
  readonly location?: ErrorLocation;
  /** Structured facts about the problem (expected and actual values, limits …). */
  readonly details?: Readonly<Record<string, unknown>>;
}

function formatLocation(loc: ErrorLocation | undefined, locale: Locale): string {
  if (!loc) return '';
  const parts: string[] = [];
  const zh = locale === 'zh';
  if (loc.file !== undefined) parts.push(zh ? `文件 ${loc.file}` : `file ${loc.file}`);
  if (loc.part !== undefined) parts.push(zh ? `部件 ${loc.part}` : `part ${loc.part}`);
  if (loc.field !== undefined) parts.push(zh ? `字段 ${loc.field}` : `field ${loc.field}`);
  if (loc.line !== undefined) parts.push(zh ? `第 ${loc.line} 行` : `line ${loc.line}`);
  if (loc.offset !== undefined) parts.push(zh ? `字节偏移 ${loc.offset}` : `byte offset ${loc.offset}`);
  if (parts.length === 0) return '';
  return zh ? `（${parts.join('，')}）` : ` (${parts.join(', ')})`;
}

/**
 * Base class of every error gbkit throws on purpose. `message` is in the default locale
 * (see `setDefaultLocale`); {@link GbkitError.localizedMessage} gives either language.
 */
export class GbkitError extends Error {
  /** A stable code such as `ERR_USCC_CHECK_CHARACTER`; never changes between versions. */
  readonly code: string;
  /** The message in both languages, without the location suffix. */
  readonly text: LocalizedText;
  readonly location?: ErrorLocation;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: string, text: LocalizedText, options: GbkitErrorOptions = {}) {
    super(localize(text, getDefaultLocale()) + formatLocation(options.location, getDefaultLocale()), {
      cause: options.cause,
    });
    this.name = new.target.name;
    this.code = code;
    this.text = text;
    if (options.location) this.location = options.location;
    if (options.details) this.details = options.details;
  }

  /** The message with its location, in the requested language. */
  localizedMessage(locale: Locale = getDefaultLocale()): string {
    return localize(this.text, locale) + formatLocation(this.location, locale);
  }

  /** A plain object for logs and `--json` output. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      messages: this.text,
      ...(this.location ? { location: this.location } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** An argument or option passed to a gbkit API is of the wrong type, shape or range. */
export class InvalidArgumentError extends GbkitError {}

/** Input data (a file, a DER structure, an XML part, a code) is malformed. */
export class FormatError extends GbkitError {}

/** Input exceeds a configured safety limit (size, ratio, count, depth). */
export class LimitExceededError extends GbkitError {}

/** A cryptographic operation could not be performed (bad key, unsupported algorithm). */
export class CryptoError extends GbkitError {}

/** The input uses a feature or variant gbkit does not implement. */
export class UnsupportedError extends GbkitError {}

/** A remote service or transport failed or answered something unusable. */
export class TransportError extends GbkitError {}

/** A token, seal or licence was checked and found invalid. */
export class VerificationError extends GbkitError {}

/** Type guard that also narrows to a given code. */
export function isGbkitError(e: unknown, code?: string): e is GbkitError {
  return e instanceof GbkitError && (code === undefined || e.code === code);
}
