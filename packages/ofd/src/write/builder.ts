/**
 * A builder for new OFD documents (GB/T 33190), written deterministically: the same calls give the
 * same bytes (IDs allocated in call order, fixed zip timestamps, fixed entry order, a DocID derived
 * from the content when none is given). Units are millimetres, the origin is the top-left corner of
 * the page, pages default to A4 (210 × 297 mm).
 *
 * Package layout written:
 * ```
 * OFD.xml                         DocBody: DocInfo (+CustomDatas), DocRoot
 * Doc_0/Document.xml              CommonData (MaxUnitID, PageArea, PublicRes, DocumentRes), Pages, Attachments
 * Doc_0/PublicRes.xml             Fonts (FontFile when a font program is embedded)
 * Doc_0/DocumentRes.xml           MultiMedias (images)
 * Doc_0/Pages/Page_N/Content.xml  one Layer: TextObject / ImageObject / PathObject in call order
 * Doc_0/Res/…                     font programs and images
 * Doc_0/Attachs/Attachments.xml + the attached files
 * ```
 * @module
 */
import { InvalidArgumentError, toHex, utf8 } from '@gbkit/core';
import { sm3 } from '@gbkit/crypto';
import { type Box, fmtBox, fmtNum } from '../model/common.js';
import type { CustomData } from '../model/ofd-entry.js';
import { escapeXml } from '../xml.js';
import { writeZip, type ZipWriteEntry } from '../zip/write.js';
import { type QrErrorCorrection, qrMatrix, qrPathData } from './qr.js';

/** An RGB colour, each component 0–255. */
export type Rgb = readonly [number, number, number];

/** `DocInfo` to write. Dates are written as given (the standard uses `xs:date`, e.g. `2026-11-30`). */
export interface DocInfoInput {
  /** Default: 32 hex digits of SM3 over the document's content, so equal input gives equal IDs. */
  readonly docId?: string;
  readonly title?: string;
  readonly author?: string;
  readonly subject?: string;
  readonly abstract?: string;
  readonly creationDate?: string;
  readonly modDate?: string;
  readonly docUsage?: string;
  readonly keywords?: readonly string[];
  /** Default `gbkit`. */
  readonly creator?: string;
  readonly creatorVersion?: string;
  /** `CustomDatas`: a record (written in key order as given) or a list of name/value pairs. */
  readonly customData?: Readonly<Record<string, string>> | readonly CustomData[];
}

/** Options of {@link OfdBuilder}. */
export interface OfdBuilderOptions {
  readonly docInfo?: DocInfoInput;
  /** Default page size in mm (A4 when absent). */
  readonly pageSize?: { readonly width: number; readonly height: number };
  /** Timestamp stored in the zip entries (default 1980-01-01 00:00, so output does not depend on the clock). */
  readonly zipDate?: Date;
  /** OFD `Version` attribute (default `1.1`). */
  readonly version?: string;
}

/** Text options. */
export interface TextOptions {
  /** Left edge of the text box in mm. */
  readonly x: number;
  /** Top edge of the text box in mm. */
  readonly y: number;
  /** Font size in mm (default 4.2333 mm = 12 pt). */
  readonly size?: number;
  /** Font name (a `Font@FontName` in PublicRes; default `宋体`). Register a font program with {@link OfdBuilder.addFont}. */
  readonly font?: string;
  /** Fill colour (default black). */
  readonly color?: Rgb;
  /** Line height as a multiple of the size, for multi-line text (default 1.25). */
  readonly lineHeight?: number;
}

/** Stroke/fill options of paths. */
export interface PathOptions {
  /** Line width in mm (default 0.353 = 1 pt). */
  readonly lineWidth?: number;
  /** Stroke colour (default black); `null` for no stroke. */
  readonly stroke?: Rgb | null;
  /** Fill colour; absent or `null` for no fill. */
  readonly fill?: Rgb | null;
}

/** Where and how big an image is drawn (mm). */
export interface ImageOptions {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** QR code options. */
export interface QrOptions {
  readonly x: number;
  readonly y: number;
  /** Side of the square in mm (default 20). */
  readonly size?: number;
  /** Error correction (default `M`). */
  readonly ecLevel?: QrErrorCorrection;
  /** Quiet zone in modules (default 0: the page already has white around it). */
  readonly margin?: number;
  readonly color?: Rgb;
}

/** An attachment to embed. */
export interface AttachmentInput {
  /** Name shown to users (`Attachment@Name`). */
  readonly name: string;
  readonly data: Uint8Array;
  /** `Format` (e.g. `xml`, `pdf`); default: the file extension of `fileName` or `name`. */
  readonly format?: string;
  /** File name inside `Doc_0/Attachs/` (default: `name`, made safe). */
  readonly fileName?: string;
  readonly creationDate?: string;
  /** Default false. */
  readonly visible?: boolean;
  readonly usage?: string;
}

/** A font to declare, optionally with its program (TTF/OTF bytes) to embed. */
export interface FontInput {
  /** `FontName`, the name texts refer to. */
  readonly name: string;
  readonly familyName?: string;
  /** The font program; embedded as `Doc_0/Res/font_N.ttf|otf`. */
  readonly data?: Uint8Array;
  /**
   * Advance widths in em units (1 = the font size) for the code points this font draws, used for
   * `DeltaX`; characters not listed use 1 em for CJK/full-width and 0.5 em otherwise.
   */
  readonly advances?: ReadonlyMap<number, number>;
}

type Obj =
  | { kind: 'text'; text: string; o: TextOptions }
  | { kind: 'image'; media: number; o: ImageOptions }
  | { kind: 'path'; data: string; box: Box; o: PathOptions; fillRule?: string };

interface PageDef {
  width: number;
  height: number;
  objects: Obj[];
}

function rgb(c: Rgb): string {
  for (const v of c) {
    if (!Number.isInteger(v) || v < 0 || v > 255) {
      throw new InvalidArgumentError('ERR_OFD_COLOR', {
        zh: `颜色分量应为 0–255 的整数：${v}`,
        en: `colour components must be integers 0–255: ${v}`,
      });
    }
  }
  return `${c[0]} ${c[1]} ${c[2]}`;
}

function finite(name: string, ...values: number[]): void {
  for (const v of values) {
    if (!Number.isFinite(v)) {
      throw new InvalidArgumentError(
        'ERR_OFD_NUMBER',
        { zh: `${name} 不是有限数：${v}`, en: `${name} is not a finite number: ${v}` },
        { location: { field: name } },
      );
    }
  }
}

/** Image format from magic bytes: `PNG`, `JPEG`, or throws `InvalidArgumentError(ERR_OFD_IMAGE_FORMAT)`. */
export function detectImageFormat(data: Uint8Array): 'PNG' | 'JPEG' {
  if (data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'PNG';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'JPEG';
  throw new InvalidArgumentError('ERR_OFD_IMAGE_FORMAT', {
    zh: '图像应为 PNG 或 JPEG',
    en: 'images must be PNG or JPEG',
  });
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp >= 0x20000
  );
}

/** One page being built. Methods return the page for chaining. */
export class PageBuilder {
  /** @internal */
  constructor(
    private readonly def: PageDef,
    private readonly owner: OfdBuilder,
  ) {}

  /** Page width in mm. */
  get width(): number {
    return this.def.width;
  }

  /** Page height in mm. */
  get height(): number {
    return this.def.height;
  }

  /** Draws text (a `TextObject`; `\n` starts a new line). */
  text(text: string, options: TextOptions): this {
    finite('x/y', options.x, options.y, options.size ?? 1);
    if ((options.size ?? 1) <= 0)
      throw new InvalidArgumentError('ERR_OFD_NUMBER', { zh: '字号必须为正', en: 'size must be positive' });
    this.owner.useFont(options.font ?? '宋体');
    this.def.objects.push({ kind: 'text', text, o: options });
    return this;
  }

  /** Draws a PNG or JPEG image (an `ImageObject` with a `MultiMedia` resource). */
  image(data: Uint8Array, options: ImageOptions): this {
    finite('x/y/width/height', options.x, options.y, options.width, options.height);
    const media = this.owner.addMedia(data);
    this.def.objects.push({ kind: 'image', media, o: options });
    return this;
  }

  /** Draws a straight line from (x1, y1) to (x2, y2). */
  line(x1: number, y1: number, x2: number, y2: number, options: PathOptions = {}): this {
    finite('line', x1, y1, x2, y2);
    const lw = options.lineWidth ?? 0.353;
    const bx = Math.min(x1, x2) - lw / 2;
    const by = Math.min(y1, y2) - lw / 2;
    const box = { x: bx, y: by, width: Math.abs(x2 - x1) + lw, height: Math.abs(y2 - y1) + lw };
    const data = `M ${fmtNum(x1 - bx)} ${fmtNum(y1 - by)} L ${fmtNum(x2 - bx)} ${fmtNum(y2 - by)}`;
    this.def.objects.push({ kind: 'path', data, box, o: { ...options, fill: null } });
    return this;
  }

  /** Draws a rectangle (stroked by default; give `fill` to fill it, `stroke: null` for no outline). */
  rect(x: number, y: number, width: number, height: number, options: PathOptions = {}): this {
    finite('rect', x, y, width, height);
    const data = `M 0 0 L ${fmtNum(width)} 0 L ${fmtNum(width)} ${fmtNum(height)} L 0 ${fmtNum(height)} C`;
    this.def.objects.push({ kind: 'path', data, box: { x, y, width, height }, o: options });
    return this;
  }

  /** Draws a path given as `AbbreviatedData` relative to `box` (GB/T 33190 table 37). */
  path(abbreviatedData: string, box: Box, options: PathOptions = {}): this {
    finite('box', box.x, box.y, box.width, box.height);
    this.def.objects.push({ kind: 'path', data: abbreviatedData, box, o: options });
    return this;
  }

  /** Draws a QR code of `text` as filled vector paths. */
  qrCode(text: string, options: QrOptions): this {
    const size = options.size ?? 20;
    finite('qr', options.x, options.y, size);
    const data = qrPathData(qrMatrix(text, options.ecLevel ?? 'M'), size, options.margin ?? 0);
    this.def.objects.push({
      kind: 'path',
      data,
      box: { x: options.x, y: options.y, width: size, height: size },
      o: { stroke: null, fill: options.color ?? [0, 0, 0] },
    });
    return this;
  }
}

/**
 * Builds an OFD document.
 *
 * @example
 * ```ts
 * import { OfdBuilder, openOfd } from '@gbkit/ofd';
 * const b = new OfdBuilder({ docInfo: { title: '通知', author: '办公室', customData: { 文号: '2026-001' } } });
 * b.addPage().text('关于开展测试工作的通知', { x: 30, y: 30, size: 6 }).line(30, 40, 180, 40).qrCode('https://example.gov.cn/v/1', { x: 160, y: 250 });
 * const bytes = b.build();
 * openOfd(bytes).docInfo.title; // '通知'
 * ```
 */
export class OfdBuilder {
  private readonly pages: PageDef[] = [];
  private readonly fonts = new Map<string, FontInput>();
  private readonly media: { data: Uint8Array; format: 'PNG' | 'JPEG' }[] = [];
  private readonly attachments: AttachmentInput[] = [];

  constructor(private readonly options: OfdBuilderOptions = {}) {
    const s = options.pageSize;
    if (s) finite('pageSize', s.width, s.height);
  }

  /** Adds a page (default size from the options, A4 otherwise). */
  addPage(size?: { width: number; height: number }): PageBuilder {
    const w = size?.width ?? this.options.pageSize?.width ?? 210;
    const h = size?.height ?? this.options.pageSize?.height ?? 297;
    finite('page size', w, h);
    const def: PageDef = { width: w, height: h, objects: [] };
    this.pages.push(def);
    return new PageBuilder(def, this);
  }

  /** Declares a font, optionally embedding its program; texts refer to it by `name`. */
  addFont(font: FontInput): this {
    this.fonts.set(font.name, font);
    return this;
  }

  /** Adds an attachment (`Doc_0/Attachs/…`, listed in `Attachments.xml`). */
  addAttachment(att: AttachmentInput): this {
    this.attachments.push(att);
    return this;
  }

  /** @internal */
  useFont(name: string): void {
    if (!this.fonts.has(name)) this.fonts.set(name, { name });
  }

  /** @internal */
  addMedia(data: Uint8Array): number {
    const format = detectImageFormat(data);
    this.media.push({ data, format });
    return this.media.length - 1;
  }

  /** Writes the package; the same builder calls always give the same bytes. */
  build(): Uint8Array {
    if (this.pages.length === 0) {
      throw new InvalidArgumentError('ERR_OFD_NO_PAGES', {
        zh: '文档至少需要一页',
        en: 'a document needs at least one page',
      });
    }
    const X = 'xmlns:ofd="http://www.ofdspec.org/2016"';
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
    let next = 1;
    const id = () => next++;
    const files: ZipWriteEntry[] = [];
    const defaultW = this.options.pageSize?.width ?? 210;
    const defaultH = this.options.pageSize?.height ?? 297;

    // resources: fonts then images
    const fontIds = new Map<string, number>();
    let fontXml = '';
    let fontNo = 0;
    for (const f of this.fonts.values()) {
      const fid = id();
      fontIds.set(f.name, fid);
      let file = '';
      if (f.data) {
        const otf = f.data[0] === 0x4f && f.data[1] === 0x54 && f.data[2] === 0x54 && f.data[3] === 0x4f;
        const name = `font_${fontNo++}.${otf ? 'otf' : 'ttf'}`;
        files.push({ name: `Doc_0/Res/${name}`, data: f.data });
        file = `<ofd:FontFile>${name}</ofd:FontFile>`;
      }
      fontXml += `<ofd:Font ID="${fid}" FontName="${escapeXml(f.name)}" FamilyName="${escapeXml(f.familyName ?? f.name)}">${file}</ofd:Font>`;
    }
    const mediaIds: number[] = [];
    let mediaXml = '';
    this.media.forEach((m, i) => {
      const mid = id();
      mediaIds.push(mid);
      const name = `image_${i}.${m.format === 'PNG' ? 'png' : 'jpg'}`;
      files.push({ name: `Doc_0/Res/${name}`, data: m.data, compress: false });
      mediaXml += `<ofd:MultiMedia ID="${mid}" Type="Image" Format="${m.format}"><ofd:MediaFile>${name}</ofd:MediaFile></ofd:MultiMedia>`;
    });

    // pages
    const pageEntries: ZipWriteEntry[] = [];
    const pageRefs: string[] = [];
    this.pages.forEach((p, i) => {
      const pid = id();
      const lid = id();
      let body = '';
      for (const o of p.objects) body += this.objectXml(o, id(), fontIds, mediaIds);
      const area =
        p.width !== defaultW || p.height !== defaultH
          ? `<ofd:Area><ofd:PhysicalBox>0 0 ${fmtNum(p.width)} ${fmtNum(p.height)}</ofd:PhysicalBox></ofd:Area>`
          : '';
      const xml = `${head}<ofd:Page ${X}>${area}<ofd:Content><ofd:Layer ID="${lid}">${body}</ofd:Layer></ofd:Content></ofd:Page>`;
      pageEntries.push({ name: `Doc_0/Pages/Page_${i}/Content.xml`, data: utf8(xml) });
      pageRefs.push(`<ofd:Page ID="${pid}" BaseLoc="Pages/Page_${i}/Content.xml"/>`);
    });

    // attachments
    const attEntries: ZipWriteEntry[] = [];
    let attXml = '';
    const usedNames = new Set<string>();
    for (const a of this.attachments) {
      let file =
        (a.fileName ?? a.name).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_') ||
        'attachment';
      if (usedNames.has(file.toLowerCase())) {
        let k = 1;
        while (usedNames.has(`${k}_${file}`.toLowerCase())) k++;
        file = `${k}_${file}`;
      }
      usedNames.add(file.toLowerCase());
      const ext = /\.([A-Za-z0-9]+)$/.exec(file)?.[1];
      const format = a.format ?? ext ?? '';
      attEntries.push({ name: `Doc_0/Attachs/${file}`, data: a.data });
      attXml +=
        `<ofd:Attachment ID="${id()}" Name="${escapeXml(a.name)}"${format ? ` Format="${escapeXml(format)}"` : ''}` +
        `${a.creationDate ? ` CreationDate="${escapeXml(a.creationDate)}"` : ''} Size="${fmtNum(a.data.length / 1024)}" Visible="${a.visible ? 'true' : 'false'}"` +
        `${a.usage ? ` Usage="${escapeXml(a.usage)}"` : ''}><ofd:FileLoc>${escapeXml(file)}</ofd:FileLoc></ofd:Attachment>`;
    }

    const docXml =
      `${head}<ofd:Document ${X}><ofd:CommonData><ofd:MaxUnitID>${next - 1}</ofd:MaxUnitID>` +
      `<ofd:PageArea><ofd:PhysicalBox>0 0 ${fmtNum(defaultW)} ${fmtNum(defaultH)}</ofd:PhysicalBox></ofd:PageArea>` +
      `<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>${mediaXml ? '<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>' : ''}</ofd:CommonData>` +
      `<ofd:Pages>${pageRefs.join('')}</ofd:Pages>${attXml ? '<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>' : ''}</ofd:Document>`;
    const publicRes = `${head}<ofd:Res ${X} BaseLoc="Res">${fontXml ? `<ofd:Fonts>${fontXml}</ofd:Fonts>` : ''}</ofd:Res>`;
    const documentRes = mediaXml
      ? `${head}<ofd:Res ${X} BaseLoc="Res"><ofd:MultiMedias>${mediaXml}</ofd:MultiMedias></ofd:Res>`
      : undefined;

    const content: ZipWriteEntry[] = [
      { name: 'Doc_0/Document.xml', data: utf8(docXml) },
      { name: 'Doc_0/PublicRes.xml', data: utf8(publicRes) },
      ...(documentRes ? [{ name: 'Doc_0/DocumentRes.xml', data: utf8(documentRes) }] : []),
      ...pageEntries,
      ...files,
      ...(attXml
        ? [
            {
              name: 'Doc_0/Attachs/Attachments.xml',
              data: utf8(`${head}<ofd:Attachments ${X}>${attXml}</ofd:Attachments>`),
            },
            ...attEntries,
          ]
        : []),
    ];
    const ofdXml = this.ofdXml(content, head, X);
    return writeZip([{ name: 'OFD.xml', data: utf8(ofdXml) }, ...content], { date: this.options.zipDate });
  }

  private ofdXml(content: ZipWriteEntry[], head: string, X: string): string {
    const info = this.options.docInfo ?? {};
    let docId = info.docId;
    if (!docId) {
      const parts: Uint8Array[] = [];
      for (const c of content) parts.push(utf8(c.name), c.data);
      parts.push(utf8(JSON.stringify(info)));
      let n = 0;
      for (const p of parts) n += p.length + 4;
      const all = new Uint8Array(n);
      let o = 0;
      for (const p of parts) {
        new DataView(all.buffer).setUint32(o, p.length);
        all.set(p, o + 4);
        o += p.length + 4;
      }
      docId = toHex(sm3(all).subarray(0, 16));
    }
    const el = (name: string, v?: string) =>
      v === undefined ? '' : `<ofd:${name}>${escapeXml(v)}</ofd:${name}>`;
    const cd = info.customData;
    const pairs: CustomData[] = !cd
      ? []
      : Array.isArray(cd)
        ? (cd as CustomData[])
        : Object.entries(cd).map(([name, value]) => ({ name, value }));
    const custom = pairs.length
      ? `<ofd:CustomDatas>${pairs.map((p) => `<ofd:CustomData Name="${escapeXml(p.name)}">${escapeXml(p.value)}</ofd:CustomData>`).join('')}</ofd:CustomDatas>`
      : '';
    const keywords = info.keywords?.length
      ? `<ofd:Keywords>${info.keywords.map((k) => el('Keyword', k)).join('')}</ofd:Keywords>`
      : '';
    return (
      `${head}<ofd:OFD ${X} Version="${escapeXml(this.options.version ?? '1.1')}" DocType="OFD"><ofd:DocBody><ofd:DocInfo>` +
      el('DocID', docId) +
      el('Title', info.title) +
      el('Author', info.author) +
      el('Subject', info.subject) +
      el('Abstract', info.abstract) +
      el('CreationDate', info.creationDate) +
      el('ModDate', info.modDate) +
      el('DocUsage', info.docUsage) +
      keywords +
      el('Creator', info.creator ?? 'gbkit') +
      el('CreatorVersion', info.creatorVersion) +
      custom +
      '</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'
    );
  }

  private objectXml(o: Obj, oid: number, fontIds: Map<string, number>, mediaIds: number[]): string {
    if (o.kind === 'image') {
      const { x, y, width, height } = o.o;
      return `<ofd:ImageObject ID="${oid}" Boundary="${fmtBox({ x, y, width, height })}" CTM="${fmtNum(width)} 0 0 ${fmtNum(height)} 0 0" ResourceID="${mediaIds[o.media]}"/>`;
    }
    if (o.kind === 'path') {
      const stroke = o.o.stroke === undefined ? ([0, 0, 0] as const) : o.o.stroke;
      const fill = o.o.fill ?? null;
      return (
        `<ofd:PathObject ID="${oid}" Boundary="${fmtBox(o.box)}" LineWidth="${fmtNum(o.o.lineWidth ?? 0.353)}"` +
        `${stroke ? '' : ' Stroke="false"'}${fill ? ' Fill="true"' : ''}>` +
        `${fill ? `<ofd:FillColor Value="${rgb(fill)}"/>` : ''}${stroke ? `<ofd:StrokeColor Value="${rgb(stroke)}"/>` : ''}` +
        `<ofd:AbbreviatedData>${escapeXml(o.data)}</ofd:AbbreviatedData></ofd:PathObject>`
      );
    }
    const size = o.o.size ?? 4.2333;
    const fontName = o.o.font ?? '宋体';
    const font = this.fonts.get(fontName);
    const lh = size * (o.o.lineHeight ?? 1.25);
    const lines = o.text.split('\n');
    let width = 0;
    let codes = '';
    lines.forEach((line, i) => {
      const cps = [...line];
      const adv = cps.map((ch) => {
        const cp = ch.codePointAt(0) as number;
        return (font?.advances?.get(cp) ?? (isWide(cp) ? 1 : 0.5)) * size;
      });
      width = Math.max(
        width,
        adv.reduce((a, b) => a + b, 0),
      );
      if (cps.length === 0) return;
      const dx = adv.slice(0, -1).map(fmtNum).join(' ');
      codes += `<ofd:TextCode X="0" Y="${fmtNum(size * 0.88 + i * lh)}"${dx ? ` DeltaX="${dx}"` : ''}>${escapeXml(line)}</ofd:TextCode>`;
    });
    const height = size * 1.2 + (lines.length - 1) * lh;
    return (
      `<ofd:TextObject ID="${oid}" Boundary="${fmtBox({ x: o.o.x, y: o.o.y, width: Math.max(width, 0.01), height })}" Font="${fontIds.get(fontName)}" Size="${fmtNum(size)}">` +
      `<ofd:FillColor Value="${rgb(o.o.color ?? [0, 0, 0])}"/>${codes}</ofd:TextObject>`
    );
  }
}
