/**
 * The visible appearance of a signature widget (ISO 32000-1 §12.5.5 appearance streams, §12.7.4.5
 * signature fields): a form XObject that draws a seal picture (PNG or JPEG, e.g. the `SES_ESPictrueInfo`
 * picture of an electronic seal) and/or lines of text. Non-ASCII text uses the predefined CJK font
 * `STSong-Light` with `UniGB-UCS2-H` (ISO 32000-1 §9.7.5.2), so no font file has to be embedded.
 *
 * @module
 */
import { zlibSync } from 'fflate';
import { pdfArgumentError } from './errors.js';
import { inflateBounded } from './filters.js';
import {
  type PdfObject,
  type PdfStream,
  pdfArray,
  pdfDict,
  pdfInt,
  pdfName,
  pdfReal,
  pdfRef,
} from './objects.js';
import { pdfStream } from './writer.js';

/** A decoded image ready to be written as an image XObject. */
export interface PdfImage {
  readonly width: number;
  readonly height: number;
  /** The image XObject (without an /SMask entry; see {@link PdfImage.smask}). */
  readonly image: PdfStream;
  /** A soft mask for transparency (PNG alpha), written as its own XObject. */
  readonly smask?: PdfStream;
}

/** Reads a JPEG's size and component count from its SOF marker; the data is embedded unchanged (DCTDecode). */
export function jpegImage(data: Uint8Array): PdfImage {
  if (data[0] !== 0xff || data[1] !== 0xd8) {
    throw pdfArgumentError('ERR_PDF_IMAGE', { zh: '不是 JPEG 数据', en: 'not JPEG data' }, 'image');
  }
  let p = 2;
  while (p + 9 < data.length) {
    if (data[p] !== 0xff) {
      p++;
      continue;
    }
    const marker = data[p + 1] as number;
    const len = ((data[p + 2] as number) << 8) | (data[p + 3] as number);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = ((data[p + 5] as number) << 8) | (data[p + 6] as number);
      const width = ((data[p + 7] as number) << 8) | (data[p + 8] as number);
      const comps = data[p + 9] as number;
      const cs = comps === 1 ? 'DeviceGray' : comps === 4 ? 'DeviceCMYK' : 'DeviceRGB';
      const image = pdfStream(
        {
          Type: pdfName('XObject'),
          Subtype: pdfName('Image'),
          Width: pdfInt(width),
          Height: pdfInt(height),
          ColorSpace: pdfName(cs),
          BitsPerComponent: pdfInt(8),
          Filter: pdfName('DCTDecode'),
          ...(comps === 4 ? { Decode: pdfArray([1, 0, 1, 0, 1, 0, 1, 0].map(pdfInt)) } : {}),
        },
        data,
      );
      return { width, height, image };
    }
    p += 2 + len;
  }
  throw pdfArgumentError(
    'ERR_PDF_IMAGE',
    { zh: 'JPEG 中没有 SOF 段', en: 'no SOF marker in the JPEG' },
    'image',
  );
}

/** Decodes an 8-bit, non-interlaced PNG (grey, RGB, palette, with or without alpha or tRNS). */
export function pngImage(data: Uint8Array): PdfImage {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!sig.every((v, i) => data[i] === v)) {
    throw pdfArgumentError('ERR_PDF_IMAGE', { zh: '不是 PNG 数据', en: 'not PNG data' }, 'image');
  }
  let p = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let ctype = 0;
  let interlace = 0;
  let palette: Uint8Array | undefined;
  let trns: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  while (p + 8 <= data.length) {
    const len =
      (((data[p] as number) << 24) |
        ((data[p + 1] as number) << 16) |
        ((data[p + 2] as number) << 8) |
        (data[p + 3] as number)) >>>
      0;
    const type = String.fromCharCode(...data.subarray(p + 4, p + 8));
    const body = data.subarray(p + 8, p + 8 + len);
    if (type === 'IHDR') {
      width =
        ((body[0] as number) << 24) |
        ((body[1] as number) << 16) |
        ((body[2] as number) << 8) |
        (body[3] as number);
      height =
        ((body[4] as number) << 24) |
        ((body[5] as number) << 16) |
        ((body[6] as number) << 8) |
        (body[7] as number);
      depth = body[8] as number;
      ctype = body[9] as number;
      interlace = body[12] as number;
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') trns = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    p += 12 + len;
  }
  if (depth !== 8 || interlace !== 0 || width <= 0 || height <= 0 || width * height > 50_000_000) {
    throw pdfArgumentError(
      'ERR_PDF_IMAGE',
      { zh: '仅支持 8 位、非隔行扫描的 PNG', en: 'only 8-bit, non-interlaced PNG images are supported' },
      'image',
    );
  }
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[ctype];
  if (channels === undefined)
    throw pdfArgumentError(
      'ERR_PDF_IMAGE',
      { zh: 'PNG 颜色类型无效', en: 'invalid PNG colour type' },
      'image',
    );
  let total = 0;
  for (const c of idat) total += c.length;
  const z = new Uint8Array(total);
  let o = 0;
  for (const c of idat) {
    z.set(c, o);
    o += c.length;
  }
  const raw = unfilter(inflateBounded(z, height * (width * channels + 1) + 1024), width, height, channels);
  const hasAlpha = ctype === 4 || ctype === 6 || trns !== undefined;
  const colorChannels = ctype === 0 || ctype === 4 ? 1 : 3;
  const color = new Uint8Array(width * height * colorChannels);
  const alpha = hasAlpha ? new Uint8Array(width * height) : undefined;
  for (let i = 0; i < width * height; i++) {
    if (ctype === 3) {
      const idx = raw[i] as number;
      color[i * 3] = palette?.[idx * 3] ?? 0;
      color[i * 3 + 1] = palette?.[idx * 3 + 1] ?? 0;
      color[i * 3 + 2] = palette?.[idx * 3 + 2] ?? 0;
      if (alpha) alpha[i] = trns?.[idx] ?? 255;
    } else {
      for (let c = 0; c < colorChannels; c++) color[i * colorChannels + c] = raw[i * channels + c] as number;
      if (alpha) {
        if (ctype === 4 || ctype === 6) alpha[i] = raw[i * channels + channels - 1] as number;
        else if (trns) {
          const match =
            ctype === 0
              ? raw[i] === trns[1]
              : raw[i * 3] === trns[1] && raw[i * 3 + 1] === trns[3] && raw[i * 3 + 2] === trns[5];
          alpha[i] = match ? 0 : 255;
        }
      }
    }
  }
  const common = {
    Type: pdfName('XObject'),
    Subtype: pdfName('Image'),
    Width: pdfInt(width),
    Height: pdfInt(height),
    BitsPerComponent: pdfInt(8),
    Filter: pdfName('FlateDecode'),
  };
  const image = pdfStream(
    { ...common, ColorSpace: pdfName(colorChannels === 1 ? 'DeviceGray' : 'DeviceRGB') },
    zlibSync(color),
  );
  const smask = alpha
    ? pdfStream({ ...common, ColorSpace: pdfName('DeviceGray') }, zlibSync(alpha))
    : undefined;
  return smask ? { width, height, image, smask } : { width, height, image };
}

function unfilter(data: Uint8Array, width: number, height: number, bpp: number): Uint8Array {
  const rowLen = width * bpp;
  if (data.length < height * (rowLen + 1)) {
    throw pdfArgumentError(
      'ERR_PDF_IMAGE',
      { zh: 'PNG 图像数据不完整', en: 'PNG image data truncated' },
      'image',
    );
  }
  const out = new Uint8Array(height * rowLen);
  for (let r = 0; r < height; r++) {
    const type = data[r * (rowLen + 1)] as number;
    const src = r * (rowLen + 1) + 1;
    const dst = r * rowLen;
    for (let i = 0; i < rowLen; i++) {
      const x = data[src + i] as number;
      const a = i >= bpp ? (out[dst + i - bpp] as number) : 0;
      const b = r > 0 ? (out[dst - rowLen + i] as number) : 0;
      const c = r > 0 && i >= bpp ? (out[dst - rowLen + i - bpp] as number) : 0;
      let v = x;
      if (type === 1) v = x + a;
      else if (type === 2) v = x + b;
      else if (type === 3) v = x + ((a + b) >> 1);
      else if (type === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      } else if (type !== 0)
        throw pdfArgumentError(
          'ERR_PDF_IMAGE',
          { zh: 'PNG 行过滤类型无效', en: 'invalid PNG row filter' },
          'image',
        );
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}

/** Decodes a PNG or JPEG picture by its signature bytes. */
export function pictureImage(data: Uint8Array): PdfImage {
  if (data[0] === 0xff && data[1] === 0xd8) return jpegImage(data);
  if (data[0] === 0x89 && data[1] === 0x50) return pngImage(data);
  throw pdfArgumentError(
    'ERR_PDF_IMAGE',
    { zh: '印章图片须为 PNG 或 JPEG', en: 'the seal picture must be PNG or JPEG' },
    'image',
  );
}

/** What to draw in a visible signature. */
export interface SignatureAppearance {
  /** A PNG or JPEG picture (a seal image), scaled to fit the rectangle keeping its aspect ratio. */
  readonly image?: Uint8Array;
  /** Lines of text drawn at the bottom of the rectangle (over the picture if both are given). */
  readonly text?: readonly string[];
  /** Text colour as RGB 0–1 (default dark red `[0.8, 0, 0]`). */
  readonly textColor?: readonly [number, number, number];
  /** Font size in points (default fits the rectangle). */
  readonly fontSize?: number;
}

/** Objects making up an appearance: the form XObject last, referring to the earlier ones by number. */
export interface AppearanceObjects {
  readonly objects: { num: number; value: PdfObject }[];
  readonly formNum: number;
}

/**
 * Builds the appearance form XObject for a widget of size `w`×`h`, allocating object numbers from
 * `nextNum()`.
 */
export function buildAppearance(
  w: number,
  h: number,
  appearance: SignatureAppearance | undefined,
  nextNum: () => number,
): AppearanceObjects {
  const objects: { num: number; value: PdfObject }[] = [];
  const xobjects = new Map<string, PdfObject>();
  const fonts = new Map<string, PdfObject>();
  let ops = '';
  if (appearance?.image && w > 0 && h > 0) {
    const img = pictureImage(appearance.image);
    let imageDict = img.image.dict;
    if (img.smask) {
      const sm = nextNum();
      objects.push({ num: sm, value: img.smask });
      const m = new Map(imageDict.entries);
      m.set('SMask', pdfRef(sm));
      imageDict = pdfDict(m);
    }
    const imNum = nextNum();
    objects.push({ num: imNum, value: { ...img.image, dict: imageDict } });
    xobjects.set('Im0', pdfRef(imNum));
    const scale = Math.min(w / img.width, h / img.height);
    const iw = img.width * scale;
    const ih = img.height * scale;
    ops += `q ${fmt(iw)} 0 0 ${fmt(ih)} ${fmt((w - iw) / 2)} ${fmt((h - ih) / 2)} cm /Im0 Do Q\n`;
  }
  const lines = (appearance?.text ?? []).filter((l) => l.length > 0);
  if (lines.length > 0 && w > 0 && h > 0) {
    const cjk = lines.some((l) => /[^\x20-\x7e]/.test(l));
    const longest = Math.max(
      ...lines.map((l) => [...l].reduce((s, ch) => s + (ch.charCodeAt(0) > 0x7e ? 1 : 0.55), 0)),
    );
    const size =
      appearance?.fontSize ??
      Math.max(4, Math.min(14, (w - 4) / Math.max(1, longest), (h - 4) / (lines.length * 1.25)));
    const [r, g, b] = appearance?.textColor ?? [0.8, 0, 0];
    if (cjk) {
      const cid = nextNum();
      objects.push({
        num: cid,
        value: pdfDict({
          Type: pdfName('Font'),
          Subtype: pdfName('CIDFontType0'),
          BaseFont: pdfName('STSong-Light'),
          CIDSystemInfo: pdfDict({ Registry: str('Adobe'), Ordering: str('GB1'), Supplement: pdfInt(2) }),
          FontDescriptor: pdfDict({
            Type: pdfName('FontDescriptor'),
            FontName: pdfName('STSong-Light'),
            Flags: pdfInt(6),
            FontBBox: pdfArray([-25, -254, 1000, 880].map(pdfInt)),
            ItalicAngle: pdfInt(0),
            Ascent: pdfInt(880),
            Descent: pdfInt(-120),
            CapHeight: pdfInt(880),
            StemV: pdfInt(93),
          }),
          DW: pdfInt(1000),
          // CIDs 1–95 of Adobe-GB1 are the half-width ASCII glyphs
          W: pdfArray([pdfInt(1), pdfInt(95), pdfInt(500)]),
        }),
      });
      const f = nextNum();
      objects.push({
        num: f,
        value: pdfDict({
          Type: pdfName('Font'),
          Subtype: pdfName('Type0'),
          BaseFont: pdfName('STSong-Light-UniGB-UCS2-H'),
          Encoding: pdfName('UniGB-UCS2-H'),
          DescendantFonts: pdfArray([pdfRef(cid)]),
        }),
      });
      fonts.set('F1', pdfRef(f));
    } else {
      fonts.set(
        'F1',
        pdfDict({
          Type: pdfName('Font'),
          Subtype: pdfName('Type1'),
          BaseFont: pdfName('Helvetica'),
          Encoding: pdfName('WinAnsiEncoding'),
        }),
      );
    }
    ops += `BT /F1 ${fmt(size)} Tf ${fmt(r)} ${fmt(g)} ${fmt(b)} rg\n`;
    lines.forEach((line, i) => {
      const y = 2 + (lines.length - 1 - i) * size * 1.25 + size * 0.2;
      const text = cjk ? ucs2Hex(line) : asciiLiteral(line);
      ops += `1 0 0 1 2 ${fmt(y)} Tm ${text} Tj\n`;
    });
    ops += 'ET\n';
  }
  const resources = new Map<string, PdfObject>();
  if (xobjects.size > 0) resources.set('XObject', pdfDict(xobjects));
  if (fonts.size > 0) resources.set('Font', pdfDict(fonts));
  const formNum = nextNum();
  objects.push({
    num: formNum,
    value: pdfStream(
      {
        Type: pdfName('XObject'),
        Subtype: pdfName('Form'),
        BBox: pdfArray([pdfInt(0), pdfInt(0), pdfReal(w), pdfReal(h)]),
        Resources: pdfDict(resources),
      },
      new TextEncoder().encode(ops),
    ),
  });
  return { objects, formNum };
}

function str(s: string): PdfObject {
  return { kind: 'string', bytes: new TextEncoder().encode(s), hex: false, start: -1, end: -1 };
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
}

function asciiLiteral(s: string): string {
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

function ucs2Hex(s: string): string {
  let h = '<';
  for (let i = 0; i < s.length; i++) h += s.charCodeAt(i).toString(16).padStart(4, '0');
  return `${h}>`;
}
