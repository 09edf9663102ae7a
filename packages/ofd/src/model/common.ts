/**
 * Basic OFD types (GB/T 33190 §7.3, table 2): `ST_Box` ("x y width height" in mm), `ST_Array` of
 * numbers, `ST_ID`/`ST_RefID` (kept as the written text, since real files use both numbers and strings
 * such as `s002`).
 * @module
 */
import { FormatError } from '@gbkit/core';

/** `ST_Box`: a rectangle in millimetres, origin top-left. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Numbers of an `ST_Array` (space-separated). Throws `FormatError(ERR_OFD_NUMBER)` on a non-number. */
export function parseNumbers(s: string, part?: string, field?: string): number[] {
  const t = s.trim();
  if (t === '') return [];
  return t.split(/[\s,]+/).map((x) => {
    const n = Number(x);
    if (!Number.isFinite(n)) {
      throw new FormatError(
        'ERR_OFD_NUMBER',
        { zh: `不是数字：${x}`, en: `not a number: ${x}` },
        { location: { part, field } },
      );
    }
    return n;
  });
}

/** Parses an `ST_Box`. Throws `FormatError(ERR_OFD_BOX)` unless there are exactly 4 numbers. */
export function parseBox(s: string, part?: string, field?: string): Box {
  const n = parseNumbers(s, part, field);
  if (n.length !== 4) {
    throw new FormatError(
      'ERR_OFD_BOX',
      { zh: `ST_Box 应为 4 个数：${s}`, en: `ST_Box needs 4 numbers: ${s}` },
      { location: { part, field } },
    );
  }
  return { x: n[0] as number, y: n[1] as number, width: n[2] as number, height: n[3] as number };
}

/** An optional number attribute. */
export function optNumber(s: string | undefined, part?: string, field?: string): number | undefined {
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s.trim());
  if (!Number.isFinite(n)) {
    throw new FormatError(
      'ERR_OFD_NUMBER',
      { zh: `不是数字：${s}`, en: `not a number: ${s}` },
      { location: { part, field } },
    );
  }
  return n;
}

/** Formats a number for XML output: fixed precision, no trailing zeros, no exponent. */
export function fmtNum(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`not a finite number: ${n}`);
  const s = (Math.round(n * 10000) / 10000).toFixed(4).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** Formats an `ST_Box`. */
export function fmtBox(b: Box): string {
  return `${fmtNum(b.x)} ${fmtNum(b.y)} ${fmtNum(b.width)} ${fmtNum(b.height)}`;
}
