/**
 * Message localization. Every user-facing message in gbkit exists in 简体中文 (the default) and English.
 *
 * @example
 * ```ts
 * import { setDefaultLocale, localize } from '@gbkit/core';
 * setDefaultLocale('en');
 * localize({ zh: '校验码错误', en: 'wrong check character' }); // 'wrong check character'
 * ```
 * @module
 */

/** The languages gbkit speaks: `zh` (简体中文, the default) and `en`. */
export type Locale = 'zh' | 'en';

/** A message in both languages. */
export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

let defaultLocale: Locale = 'zh';

/** Sets the language used for `Error.message` and rendered findings when no locale is passed. */
export function setDefaultLocale(locale: Locale): void {
  if (locale !== 'zh' && locale !== 'en') {
    throw new TypeError(`locale must be 'zh' or 'en', got ${String(locale)}`);
  }
  defaultLocale = locale;
}

/** The language used when none is passed (initially `zh`). */
export function getDefaultLocale(): Locale {
  return defaultLocale;
}

/** Picks one language of a {@link LocalizedText}. */
export function localize(text: LocalizedText, locale: Locale = defaultLocale): string {
  return locale === 'en' ? text.en : text.zh;
}

/** Shorthand to build a {@link LocalizedText}. */
export function t(zh: string, en: string): LocalizedText {
  return { zh, en };
}

/** Parses a user-supplied language tag (`zh`, `zh-CN`, `en`, `en-US` …) into a {@link Locale}. */
export function parseLocale(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const l = tag.toLowerCase();
  if (l === 'zh' || l.startsWith('zh-') || l.startsWith('zh_')) return 'zh';
  if (l === 'en' || l.startsWith('en-') || l.startsWith('en_')) return 'en';
  return undefined;
}
