/**
 * The page of an e-licence (GB/T 36905 版式, inferred: the standard's appearance clause was not seen): an
 * A4 page with the title, one row per profile layout entry (`label：value`, values wrapped to the column),
 * a QR code (GB/T 18284; the identifier or a verification URL) at the bottom left and room for the issuer's
 * seal at the bottom right. {@link displayRows} is shared by the renderer and the validator's page-text
 * check, so both agree on what a row shows.
 * @module
 */
import { InvalidArgumentError } from '@gbkit/core';
import type { FontInput, OfdBuilder } from '@gbkit/ofd';
import { LONG_TERM } from './dates.js';
import type { LicenseMetadata } from './metadata.js';
import type { LicenseProfile } from './profile.js';

/** One printed row. */
export interface DisplayRow {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

/** How a canonical date is printed: `2026年01月10日`. */
export function displayDate(canonical: string): string {
  if (canonical === LONG_TERM) return LONG_TERM;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(canonical);
  return m ? `${m[1]}年${m[2]}月${m[3]}日` : canonical;
}

const CORE_LABELS: Record<string, string> = {
  $number: '证照编号',
  $holderCode: '证件号码',
  $issuerName: '发证机关',
  $issueDate: '发证日期',
  $effectiveDate: '有效期起始日期',
  $expiryDate: '有效期截止日期',
  $identifier: '证照标识',
};

/** The rows a licence prints for its profile (rows without a value are left out). */
export function displayRows(profile: LicenseProfile, m: LicenseMetadata): DisplayRow[] {
  const out: DisplayRow[] = [];
  const join = (f: (h: LicenseMetadata['holders'][number]) => string) => m.holders.map(f).join('、');
  for (const key of profile.layout.rows) {
    let value: string | undefined;
    let label = CORE_LABELS[key] ?? key;
    switch (key) {
      case '$number':
        value = m.number;
        break;
      case '$holderName':
        value = join((h) => h.name);
        label = profile.holderLabel;
        break;
      case '$holderCode':
        value = join((h) => h.code);
        break;
      case '$issuerName':
        value = m.issuerName;
        break;
      case '$issueDate':
        value = displayDate(m.issueDate);
        break;
      case '$effectiveDate':
        value = m.effectiveDate && displayDate(m.effectiveDate);
        break;
      case '$expiryDate':
        value = m.expiryDate && displayDate(m.expiryDate);
        break;
      case '$identifier':
        value = m.identifier;
        break;
      default: {
        const f = profile.fields.find((x) => x.key === key);
        const raw = m.surface?.[key];
        if (f && raw !== undefined && raw !== '') {
          label = f.label;
          const set = f.codeSet ? profile.codeSets[f.codeSet] : undefined;
          value = f.type === 'date' ? displayDate(raw) : (set?.[raw] ?? raw);
        }
      }
    }
    if (value !== undefined && value !== '') out.push({ key, label, value });
  }
  return out;
}

function isWide(cp: number): boolean {
  return cp >= 0x2e80;
}

/** Splits `text` into lines no wider than `width` mm at font size `size` mm (CJK 1 em, others 0.5 em). */
export function wrapText(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  let w = 0;
  for (const ch of text) {
    const cw = (isWide(ch.codePointAt(0) ?? 0) ? 1 : 0.5) * size;
    if (w + cw > width && line) {
      lines.push(line);
      line = '';
      w = 0;
    }
    line += ch;
    w += cw;
  }
  if (line) lines.push(line);
  return lines;
}

/** Page layout constants (mm). */
export const PAGE = Object.freeze({
  width: 210,
  height: 297,
  margin: 15,
  labelX: 28,
  valueX: 72,
  valueWidth: 112,
  rowTop: 56,
  rowSize: 4.2,
  bottom: 228,
  qr: { x: 28, y: 240, size: 32 },
  seal: { x: 128, y: 232, size: 42 },
});

/** Options of {@link drawLicensePage}. */
export interface DrawOptions {
  /** Font for all text (default 宋体, not embedded). */
  readonly font?: FontInput;
  /** QR payload. */
  readonly qr: string;
  /** Watermark lines drawn over the page in light grey (加注件). */
  readonly watermark?: string;
}

/** Draws the licence page on a new page of `b`. Throws `InvalidArgumentError(ERR_LIC_LAYOUT_OVERFLOW)` when rows do not fit. */
export function drawLicensePage(
  b: OfdBuilder,
  profile: LicenseProfile,
  m: LicenseMetadata,
  o: DrawOptions,
): void {
  const font = o.font?.name ?? '宋体';
  if (o.font) b.addFont(o.font);
  const page = b.addPage({ width: PAGE.width, height: PAGE.height });
  page.rect(PAGE.margin, PAGE.margin, PAGE.width - 2 * PAGE.margin, PAGE.height - 2 * PAGE.margin, {
    lineWidth: 0.8,
    stroke: [160, 30, 30],
  });
  const title = profile.layout.title ?? profile.name;
  const tSize = title.length > 12 ? 7 : 9;
  page.text(title, { x: (PAGE.width - title.length * tSize) / 2, y: 28, size: tSize, font });
  let y = PAGE.rowTop;
  for (const row of displayRows(profile, m)) {
    const size = row.key === '$identifier' ? 3 : PAGE.rowSize;
    const lines = wrapText(row.value, PAGE.valueWidth, size);
    page.text(`${row.label}：`, { x: PAGE.labelX, y, size: PAGE.rowSize, font });
    page.text(lines.join('\n'), { x: PAGE.valueX, y, size, font, lineHeight: 1.3 });
    y += Math.max(PAGE.rowSize, lines.length * size * 1.3) + 4.2;
    if (y > PAGE.bottom) {
      throw new InvalidArgumentError(
        'ERR_LIC_LAYOUT_OVERFLOW',
        {
          zh: `照面内容超出页面（行 ${row.label}）`,
          en: `the surface does not fit on the page (row ${row.label})`,
        },
        { location: { field: row.key } },
      );
    }
  }
  page.qrCode(o.qr, { x: PAGE.qr.x, y: PAGE.qr.y, size: PAGE.qr.size, ecLevel: 'M' });
  if (o.watermark) {
    const lines = wrapText(o.watermark, 150, 8);
    const copies = lines.length <= 3 ? 3 : 1;
    for (let i = 0; i < copies; i++)
      page.text(lines.join('\n'), {
        x: 30,
        y: 80 + i * 55,
        size: 8,
        font,
        color: [200, 200, 200],
        lineHeight: 1.2,
      });
  }
}
