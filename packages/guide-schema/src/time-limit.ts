/**
 * Time limits (办结时限) and their units, and the only conversions that are safe without a working-day
 * calendar. Each limit is turned into an interval of elapsed calendar days: `n 自然日` = [n, n],
 * `h 小时` = [h/24, h/24], `n 工作日` = [n, ∞) (at least n days; the upper end needs a holiday calendar),
 * `m 月` = [28m, 31m], `y 年` = [365y, 366y]. Two limits in the same unit compare exactly; otherwise one is
 * surely ≤ the other only when the intervals say so, and the answer is `unknown` in between.
 *
 * ISO 8601 durations are produced only for calendar units (`P5D`, `PT4H`, `P1M`, `P1Y`): 5 工作日 is never
 * written as `P5D` (that would be 5 calendar days).
 *
 * @example
 * ```ts
 * import { compareLimits, isoDuration } from '@gbkit/guide-schema';
 * compareLimits({ value: 15, unit: 'calendarDay' }, { value: 20, unit: 'workday' }); // 'le'
 * compareLimits({ value: 25, unit: 'calendarDay' }, { value: 20, unit: 'workday' }); // 'unknown'
 * isoDuration({ value: 5, unit: 'workday' }); // undefined
 * ```
 * @module
 */
import { LABEL_SETS, labelOf } from './code-tables.js';

/** A time limit: a count and a unit key of the 时限单位 label set. */
export interface TimeLimit {
  readonly value: number;
  readonly unit: string;
}

function interval(t: TimeLimit): [number, number] | undefined {
  const v = t.value;
  switch (t.unit) {
    case 'calendarDay':
      return [v, v];
    case 'hour':
      return [v / 24, v / 24];
    case 'workday':
      return [v, Number.POSITIVE_INFINITY];
    case 'month':
      return [28 * v, 31 * v];
    case 'year':
      return [365 * v, 366 * v];
    default:
      return undefined;
  }
}

/** Whether `a` ≤ `b` (`le`), `a` > `b` (`gt`), or it cannot be known without a calendar (`unknown`). */
export function compareLimits(a: TimeLimit, b: TimeLimit): 'le' | 'gt' | 'unknown' {
  if (a.unit === b.unit) return a.value <= b.value ? 'le' : 'gt';
  const ia = interval(a);
  const ib = interval(b);
  if (!ia || !ib) return 'unknown';
  if (ia[1] <= ib[0]) return 'le';
  if (ia[0] > ib[1]) return 'gt';
  return 'unknown';
}

/** ISO 8601 duration for calendar units; `undefined` for working days (and unknown units). */
export function isoDuration(t: TimeLimit): string | undefined {
  switch (t.unit) {
    case 'calendarDay':
      return `P${t.value}D`;
    case 'hour':
      return `PT${t.value}H`;
    case 'month':
      return `P${t.value}M`;
    case 'year':
      return `P${t.value}Y`;
    default:
      return undefined;
  }
}

/** Human text of a limit in Chinese (`20 个工作日`, `5 自然日`, `即办`). */
export function limitText(t: TimeLimit): string {
  if (t.value === 0) return '即办';
  if (t.unit === 'workday') return `${t.value} 个工作日`;
  if (t.unit === 'month') return `${t.value} 个月`;
  return `${t.value} ${labelOf(LABEL_SETS.timeUnit, t.unit)}`;
}
