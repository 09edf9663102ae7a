/**
 * Dates of e-licence metadata (GB/T 7408 forms seen in practice, research §3.1): accepted as
 * `YYYYMMDD`, `YYYY-MM-DD` or `YYYY-MM-DD HH:mm:ss` (and `YYYYMMDDhhmmss` for date-times), held in
 * canonical form (`YYYY-MM-DD`, `YYYY-MM-DD HH:mm:ss`) and emitted in one configured form.
 * @module
 */
import { FormatError } from '@gbkit/core';

/** The forms a date can be written in. */
export type DateFormat = 'YYYYMMDD' | 'YYYY-MM-DD' | 'YYYY-MM-DD HH:mm:ss';

/** The "long-term" (长期) value of an expiry date. */
export const LONG_TERM = '长期';

const DATE_RE = /^(\d{4})-?(\d{2})-?(\d{2})(?:[ T](\d{2}):?(\d{2}):?(\d{2}))?$/;
const COMPACT_DT_RE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

function parts(value: string, field: string): [number, number, number, number, number, number] {
  const m = DATE_RE.exec(value) ?? COMPACT_DT_RE.exec(value);
  const bad = () =>
    new FormatError(
      'ERR_LIC_DATE',
      {
        zh: `${field} 不是 YYYYMMDD、YYYY-MM-DD 或 YYYY-MM-DD HH:mm:ss 形式的有效日期：${JSON.stringify(value)}`,
        en: `${field} is not a valid date in YYYYMMDD, YYYY-MM-DD or YYYY-MM-DD HH:mm:ss form: ${JSON.stringify(value)}`,
      },
      { location: { field } },
    );
  if (!m) throw bad();
  // mixed separators (2024-0102) are not one of the accepted forms
  const hasDash = value.includes('-');
  if (hasDash && !/^\d{4}-\d{2}-\d{2}/.test(value)) throw bad();
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const dt = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (
    dt.getUTCFullYear() !== y ||
    dt.getUTCMonth() !== mo - 1 ||
    dt.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  )
    throw bad();
  return [y, mo, d, h, mi, s];
}

const p2 = (n: number) => String(n).padStart(2, '0');

/**
 * Normalises a date to `YYYY-MM-DD` (a time part, if any, is dropped). Throws `FormatError(ERR_LIC_DATE)`.
 *
 * @example
 * ```ts
 * import { normalizeDate } from '@gbkit/e-license';
 * normalizeDate('20120109'); // '2012-01-09'
 * ```
 */
export function normalizeDate(value: string, field = 'date'): string {
  const [y, m, d] = parts(String(value).trim(), field);
  return `${y}-${p2(m)}-${p2(d)}`;
}

/** Normalises a date-time to `YYYY-MM-DD HH:mm:ss` (a bare date means 00:00:00). Also accepts `YYYYMMDDhhmmss`. */
export function normalizeDateTime(value: string, field = 'datetime'): string {
  const [y, m, d, h, mi, s] = parts(String(value).trim(), field);
  return `${y}-${p2(m)}-${p2(d)} ${p2(h)}:${p2(mi)}:${p2(s)}`;
}

/** Writes a canonical date (`YYYY-MM-DD`) in `format`. */
export function formatDate(canonical: string, format: DateFormat): string {
  if (format === 'YYYYMMDD') return canonical.replace(/-/g, '');
  if (format === 'YYYY-MM-DD HH:mm:ss') return `${canonical} 00:00:00`;
  return canonical;
}

/** Writes a canonical date-time in the compact `YYYYMMDDhhmmss` form used for copy expiry (research §3.1 #17). */
export function compactDateTime(canonical: string): string {
  return canonical.replace(/[- :]/g, '');
}

/** The UTC `Date` at 00:00 of a canonical day, or at the given time of a canonical date-time (interpreted in China time, UTC+8). */
export function chinaTime(canonical: string): Date {
  const [y, m, d, h, mi, s] = parts(canonical, 'date');
  return new Date(Date.UTC(y, m - 1, d, h - 8, mi, s));
}

/** The calendar day in China (UTC+8) of an instant, as `YYYY-MM-DD`. */
export function chinaDay(at: Date): string {
  const t = new Date(at.getTime() + 8 * 3600_000);
  return `${t.getUTCFullYear()}-${p2(t.getUTCMonth() + 1)}-${p2(t.getUTCDate())}`;
}

/** The China (UTC+8) wall-clock date-time of an instant, canonical `YYYY-MM-DD HH:mm:ss`. */
export function chinaDateTime(at: Date): string {
  const t = new Date(at.getTime() + 8 * 3600_000);
  return `${chinaDay(at)} ${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())}`;
}
