/**
 * The same licence as a signed PDF (research §5.1: practice serves PDF too; GB/T 36905 itself names only
 * OFD, so PDF licences are an option): a one-page A4 PDF 1.7 with the page of {@link drawLicensePage}'s
 * layout, text in the standard CJK font `STSong-Light` (Adobe-GB1, `UniGB-UCS2-H`, not embedded: readers
 * supply it), the QR code as filled rectangles, and the pinyin-tag metadata XML as the embedded file
 * `license-metadata.xml`; then signed with SM2 by `@gbkit/e-seal`'s `signPdf`. Written deterministically.
 *
 * ```
 * 1 Catalog (/Names/EmbeddedFiles)  2 Pages  3 Page  4 Type0 font → 5 CIDFontType0 STSong-Light → 6 FontDescriptor
 * 7 page content  8 Filespec → 9 EmbeddedFile (metadata XML)  10 Info
 * ```
 * @module
 */
import { concatBytes, utf8 } from '@gbkit/core';
import { certDer, signPdf } from '@gbkit/e-seal';
import { qrMatrix } from '@gbkit/ofd';
import { type IssueOptions, type IssueSealOptions, qrPayload, renderLicenseOfd } from './issue.js';
import { displayRows, PAGE, wrapText } from './layout.js';
import type { LicenseMetadata } from './metadata.js';
import { metadataToXml } from './serialize.js';

const K = 72 / 25.4;
const W = PAGE.width * K;
const H = PAGE.height * K;
const n = (x: number) => String(Math.round(x * 100) / 100);

/** UCS-2 big-endian hex of text (characters outside the BMP become `?`). */
function ucs2Hex(text: string): string {
  let s = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 63;
    s += (cp > 0xffff ? 63 : cp).toString(16).toUpperCase().padStart(4, '0');
  }
  return s;
}

function textAt(text: string, xMm: number, yMm: number, sizeMm: number, gray?: number): string {
  const size = sizeMm * K;
  return `BT ${gray !== undefined ? `${gray} g ` : '0 g '}/F1 ${n(size)} Tf 1 0 0 1 ${n(xMm * K)} ${n(H - yMm * K - size * 0.88)} Tm <${ucs2Hex(text)}> Tj ET\n`;
}

/** The page content stream of a licence. */
function content(o: IssueOptions, m: LicenseMetadata): string {
  const p = o.profile;
  let s = `0.63 0.12 0.12 RG 2.27 w ${n(PAGE.margin * K)} ${n(PAGE.margin * K)} ${n((PAGE.width - 2 * PAGE.margin) * K)} ${n((PAGE.height - 2 * PAGE.margin) * K)} re S\n`;
  const title = p.layout.title ?? p.name;
  const tSize = title.length > 12 ? 7 : 9;
  s += textAt(title, (PAGE.width - title.length * tSize) / 2, 28, tSize);
  let y = PAGE.rowTop;
  for (const row of displayRows(p, m)) {
    const size = row.key === '$identifier' ? 3 : PAGE.rowSize;
    const lines = wrapText(row.value, PAGE.valueWidth, size);
    s += textAt(`${row.label}：`, PAGE.labelX, y, PAGE.rowSize);
    lines.forEach((line, i) => {
      s += textAt(line, PAGE.valueX, y + i * size * 1.3, size);
    });
    y += Math.max(PAGE.rowSize, lines.length * size * 1.3) + 4.2;
  }
  const matrix = qrMatrix(qrPayload(p, m), 'M');
  const cell = PAGE.qr.size / matrix.length;
  s += '0 g\n';
  matrix.forEach((row, r) => {
    row.forEach((dark, c) => {
      if (dark)
        s += `${n((PAGE.qr.x + c * cell) * K)} ${n(H - (PAGE.qr.y + (r + 1) * cell) * K)} ${n(cell * K)} ${n(cell * K)} re\n`;
    });
  });
  s += 'f\n';
  if (o.watermark) {
    const lines = wrapText(o.watermark, 150, 8);
    lines.forEach((line, i) => {
      s += textAt(line, 30, 80 + i * 9.6, 8, 0.78);
    });
  }
  return s;
}

function pdfString(s: string): string {
  return `<FEFF${ucs2Hex(s)}>`;
}

/** Renders the unsigned PDF of a licence; returns the bytes and the metadata embedded. */
export function renderLicensePdf(o: IssueOptions): { pdf: Uint8Array; metadata: LicenseMetadata } {
  // same completion and checks as the OFD path
  const { metadata: m } = renderLicenseOfd(o);
  const xml = utf8(metadataToXml(m, { dateFormat: o.dateFormat ?? 'YYYY-MM-DD' }));
  const stream = utf8(content(o, m));
  const objs: (string | Uint8Array[])[] = [
    `<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [${pdfString('license-metadata.xml')} 8 0 R] >> >> /AF [8 0 R] >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${n(W)} ${n(H)}] /Resources << /Font << /F1 4 0 R >> >> /Contents 7 0 R >>`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R /DW 1000 /W [1 95 500] >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    [utf8(`<< /Length ${stream.length} >>\nstream\n`), stream, utf8('\nendstream')],
    `<< /Type /Filespec /F (license-metadata.xml) /UF ${pdfString('license-metadata.xml')} /AFRelationship /Data /Desc ${pdfString('GB/T 36903 电子证照元数据')} /EF << /F 9 0 R /UF 9 0 R >> >>`,
    [
      utf8(`<< /Type /EmbeddedFile /Subtype /text#2Fxml /Length ${xml.length} >>\nstream\n`),
      xml,
      utf8('\nendstream'),
    ],
    `<< /Title ${pdfString(m.name)} /Author ${pdfString(m.issuerName)} /Subject ${pdfString(m.identifier)} /Producer (gbkit e-license) >>`,
  ];
  const parts: Uint8Array[] = [utf8('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(offset);
    const body = typeof o === 'string' ? [utf8(o)] : o;
    const chunk = concatBytes(utf8(`${i + 1} 0 obj\n`), ...body, utf8('\nendobj\n'));
    parts.push(chunk);
    offset += chunk.length;
  });
  let xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) xref += `${String(off).padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /Info 10 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(utf8(xref));
  return { pdf: concatBytes(...parts), metadata: m };
}

/**
 * Issues the licence as an SM2-signed PDF (`signPdf`: PKCS#7 detached CMS by default; the signer's
 * certificate comes from `signer`; the seal, if its picture is PNG/JPEG, is the visible appearance).
 *
 * @example
 * ```ts
 * import { issueLicensePdf, validateLicenseFile } from '@gbkit/e-license';
 * // const pdf = await issueLicensePdf({ profile, data, signer, seal });
 * // (await validateLicenseFile(pdf, { policy: { trustAnchors: [caDer] } })).report.ok
 * ```
 */
export async function issueLicensePdf(
  o: IssueSealOptions & { readonly cmsFlavor?: 'pkcs7' | 'gbt35275' },
): Promise<Uint8Array> {
  const { pdf, metadata } = renderLicensePdf(o);
  const rect: [number, number, number, number] = [
    PAGE.seal.x * K,
    H - (PAGE.seal.y + PAGE.seal.size) * K,
    (PAGE.seal.x + PAGE.seal.size) * K,
    H - PAGE.seal.y * K,
  ];
  return signPdf(pdf, {
    privateKey: o.signer.privateKey,
    certificate: certDer(o.signer),
    reason: `签发电子证照 ${metadata.identifier}`,
    rect,
    appearance: { text: ['E-LICENSE', metadata.number.replace(/[^\x20-\x7e]/g, '')] },
    ...(o.cmsFlavor ? { cmsFlavor: o.cmsFlavor } : {}),
    ...(o.signingTime ? { signingTime: o.signingTime } : {}),
  });
}

/** Text shown by a PDF content stream written by {@link renderLicensePdf} (`<UCS-2 hex> Tj`). */
export function pdfContentText(stream: Uint8Array): string {
  let out = '';
  const s = new TextDecoder('latin1').decode(stream);
  for (const m of s.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) {
    const hex = m[1] as string;
    for (let i = 0; i + 4 <= hex.length; i += 4)
      out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
  }
  return out;
}
