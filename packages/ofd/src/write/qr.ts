/**
 * QR codes as OFD vector paths: qrcode-generator computes the module matrix, and each run of dark
 * modules in a row becomes one rectangle of a single filled `PathObject` (`AbbreviatedData`,
 * GB/T 33190 §9.1 table 37: `M x y L x y … C`). Text is encoded as UTF-8 in byte mode.
 * @module
 */
import { InvalidArgumentError, utf8 } from '@gbkit/core';
import qrcode from 'qrcode-generator';
import { fmtNum } from '../model/common.js';

/** QR error-correction level. */
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/** The dark/light module matrix of a QR code for `text` (UTF-8, byte mode). */
export function qrMatrix(text: string, ecLevel: QrErrorCorrection = 'M'): boolean[][] {
  // qrcode-generator's default mapping takes the low byte of each UTF-16 unit: feed it the UTF-8 bytes
  // one per character so the code carries exactly those bytes, without touching its global settings.
  const bytes = utf8(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  const qr = qrcode(0, ecLevel);
  try {
    qr.addData(binary, 'Byte');
    qr.make();
  } catch (e) {
    throw new InvalidArgumentError(
      'ERR_OFD_QR_TOO_LONG',
      { zh: '二维码内容过长', en: 'QR code content is too long' },
      { cause: e },
    );
  }
  const n = qr.getModuleCount();
  const m: boolean[][] = [];
  for (let r = 0; r < n; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < n; c++) row.push(qr.isDark(r, c));
    m.push(row);
  }
  return m;
}

/**
 * `AbbreviatedData` drawing the dark modules of `matrix` in a square of `size` mm (origin at the
 * object's boundary), with a quiet zone of `margin` modules on each side.
 */
export function qrPathData(matrix: boolean[][], size: number, margin = 0): string {
  const n = matrix.length;
  const cell = size / (n + 2 * margin);
  const parts: string[] = [];
  for (let r = 0; r < n; r++) {
    const row = matrix[r] as boolean[];
    let c = 0;
    while (c < n) {
      if (!row[c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && row[c]) c++;
      const x0 = (start + margin) * cell;
      const x1 = (c + margin) * cell;
      const y0 = (r + margin) * cell;
      const y1 = (r + 1 + margin) * cell;
      parts.push(
        `M ${fmtNum(x0)} ${fmtNum(y0)} L ${fmtNum(x1)} ${fmtNum(y0)} L ${fmtNum(x1)} ${fmtNum(y1)} L ${fmtNum(x0)} ${fmtNum(y1)} C`,
      );
    }
  }
  return parts.join(' ');
}
