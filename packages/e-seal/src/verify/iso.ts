/**
 * ISO 8601 text of dates for messages and evidence. `Date.prototype.toISOString` costs about as much
 * as the rest of a finding, and the same few dates (signing time, seal validity, certificate
 * validity) appear in several messages of one verification, so each date's text is remembered with
 * the time value it was made from (a changed date is formatted again).
 * @module
 */

const texts = new WeakMap<Date, { readonly time: number; readonly text: string }>();

/** `d.toISOString()`, formatted once per date object and time value. */
export function iso(d: Date): string {
  const time = d.getTime();
  const hit = texts.get(d);
  if (hit !== undefined && hit.time === time) return hit.text;
  const text = d.toISOString();
  texts.set(d, { time, text });
  return text;
}
