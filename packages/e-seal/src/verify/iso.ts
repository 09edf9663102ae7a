/**
 * ISO 8601 text of dates for messages and evidence. `Date.prototype.toISOString` costs about as much
 * as the rest of a finding, and the same few dates (signing time, seal validity, certificate
 * validity) appear in several messages of one verification, so the texts of the last few date objects
 * are remembered with the time value they were made from (a changed date is formatted again).
 * @module
 */

const SLOTS = 8;
const dates: (Date | undefined)[] = new Array(SLOTS).fill(undefined);
const times: number[] = new Array(SLOTS).fill(0);
const texts: string[] = new Array(SLOTS).fill('');
let next = 0;

/** `d.toISOString()`, formatted once per date object and time value while it is among the last few used. */
export function iso(d: Date): string {
  const time = d.getTime();
  for (let i = 0; i < SLOTS; i++) if (dates[i] === d && times[i] === time) return texts[i] as string;
  const text = d.toISOString();
  dates[next] = d;
  times[next] = time;
  texts[next] = text;
  next = (next + 1) % SLOTS;
  return text;
}
