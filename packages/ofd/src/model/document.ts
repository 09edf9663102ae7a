/**
 * `Document.xml` (GB/T 33190 §7.5, figure 6, table 5) and the parts it names:
 * ```
 * <ofd:Document>
 *   <ofd:CommonData> MaxUnitID PageArea(PhysicalBox ApplicationBox ContentBox BleedBox)
 *                    PublicRes* DocumentRes* TemplatePage@ID@BaseLoc@ZOrder* DefaultCS </ofd:CommonData>
 *   <ofd:Pages> <ofd:Page ID BaseLoc/>* </ofd:Pages>
 *   <ofd:Outlines/> <ofd:Permissions/> <ofd:Actions/> <ofd:VPreferences/> <ofd:Bookmarks/>
 *   <ofd:Annotations>ST_Loc</ofd:Annotations> <ofd:CustomTags>ST_Loc</ofd:CustomTags>
 *   <ofd:Attachments>ST_Loc</ofd:Attachments> <ofd:Extensions>ST_Loc</ofd:Extensions>
 * </ofd:Document>
 * ```
 * Resources (§7.9, `<ofd:Res BaseLoc>` with Fonts, ColorSpaces, DrawParams, MultiMedias,
 * CompositeGraphicUnits), annotations (§15, `Annotations.xml`: `Page@PageID/FileLoc`), attachments
 * (§20, `Attachments.xml`: `Attachment@ID@Name@Format…/FileLoc`) and custom tags (§16,
 * `CustomTags.xml`: `CustomTag@TypeID/SchemaLoc/FileLoc`) are parsed here too.
 * @module
 */
import { FormatError } from '@gbkit/core';
import { dirOf, type LocContext, type ResolvedLoc, resolveLoc } from '../loc.js';
import { attr, child, childElements, childText, parseOfdXml, textOf, type XmlElement } from '../xml.js';
import { type Box, parseBox } from './common.js';

/** `CT_PageArea`: page boxes in mm. */
export interface PageArea {
  readonly physicalBox: Box;
  readonly applicationBox?: Box;
  readonly contentBox?: Box;
  readonly bleedBox?: Box;
}

/** A `TemplatePage` of `CommonData`. */
export interface TemplatePageRef {
  readonly id: string;
  readonly name?: string;
  readonly zOrder?: string;
  readonly baseLoc?: ResolvedLoc;
}

/** `CommonData` (table 6). */
export interface CommonData {
  readonly maxUnitId?: number;
  readonly pageArea?: PageArea;
  readonly publicRes: readonly ResolvedLoc[];
  readonly documentRes: readonly ResolvedLoc[];
  readonly templatePages: readonly TemplatePageRef[];
  readonly defaultCs?: string;
}

/** One `Pages/Page`: the page object ID (what `StampAnnot@PageRef` points to) and its content part. */
export interface PageRef {
  readonly id: string;
  /** 0-based position in the document. */
  readonly index: number;
  readonly baseLoc?: ResolvedLoc;
}

/** One font resource (`Font`, §11.1). */
export interface FontRes {
  readonly id: string;
  readonly fontName: string;
  readonly familyName?: string;
  readonly charset?: string;
  readonly fontFile?: ResolvedLoc;
}

/** One multimedia resource (`MultiMedia`, §9.2): images, audio, video. */
export interface MultiMediaRes {
  readonly id: string;
  readonly type: string;
  readonly format?: string;
  readonly mediaFile?: ResolvedLoc;
}

/** A parsed resource part (`PublicRes.xml` or `DocumentRes.xml`). */
export interface Resources {
  readonly part: string;
  readonly fonts: readonly FontRes[];
  readonly multiMedias: readonly MultiMediaRes[];
  /** IDs of `DrawParam`, `ColorSpace` and `CompositeGraphicUnit` resources. */
  readonly otherIds: readonly string[];
}

/** The annotations of one page (`Annotations.xml` → `Page@PageID/FileLoc`). */
export interface PageAnnotationsRef {
  readonly pageId: string;
  readonly fileLoc?: ResolvedLoc;
}

/** One attachment (`Attachment`, §20 table 72). */
export interface Attachment {
  readonly id: string;
  readonly name: string;
  readonly format?: string;
  readonly creationDate?: string;
  readonly modDate?: string;
  readonly size?: string;
  readonly visible?: string;
  readonly usage?: string;
  readonly fileLoc?: ResolvedLoc;
}

/** One custom tag (`CustomTag`, §16). */
export interface CustomTag {
  readonly typeId?: string;
  readonly schemaLoc?: ResolvedLoc;
  readonly fileLoc?: ResolvedLoc;
}

/** The parsed `Document.xml` with the parts it references. */
export interface OfdDocumentXml {
  readonly part: string;
  readonly commonData: CommonData;
  readonly pages: readonly PageRef[];
  readonly annotations?: ResolvedLoc;
  readonly attachments?: ResolvedLoc;
  readonly customTags?: ResolvedLoc;
  readonly extensions?: ResolvedLoc;
}

function boxOpt(el: XmlElement, name: string, part: string): Box | undefined {
  const t = childText(el, name);
  return t ? parseBox(t, part, name) : undefined;
}

/** Parses a `CT_PageArea` element. */
export function parsePageArea(el: XmlElement, part: string): PageArea {
  const physical = boxOpt(el, 'PhysicalBox', part);
  if (!physical) {
    throw new FormatError(
      'ERR_OFD_PAGEAREA',
      { zh: 'PageArea 缺少 PhysicalBox', en: 'PageArea has no PhysicalBox' },
      { location: { part } },
    );
  }
  return {
    physicalBox: physical,
    applicationBox: boxOpt(el, 'ApplicationBox', part),
    contentBox: boxOpt(el, 'ContentBox', part),
    bleedBox: boxOpt(el, 'BleedBox', part),
  };
}

function locOf(el: XmlElement, name: string, part: string, ctx: LocContext): ResolvedLoc | undefined {
  const t = childText(el, name);
  return t ? resolveLoc(t, part, ctx, name) : undefined;
}

/** Parses `Document.xml`. */
export function parseDocumentXml(bytes: Uint8Array, part: string, ctx: LocContext): OfdDocumentXml {
  const root = parseOfdXml(bytes, part, ['Document'], ctx.diag);
  const cd = child(root, 'CommonData');
  if (!cd) {
    throw new FormatError(
      'ERR_OFD_NO_COMMONDATA',
      { zh: 'Document.xml 缺少 CommonData', en: 'Document.xml has no CommonData' },
      { location: { part } },
    );
  }
  const maxUnit = childText(cd, 'MaxUnitID');
  const pa = child(cd, 'PageArea');
  const commonData: CommonData = {
    maxUnitId: maxUnit !== undefined && /^\d+$/.test(maxUnit) ? Number(maxUnit) : undefined,
    pageArea: pa ? parsePageArea(pa, part) : undefined,
    publicRes: childElements(cd, 'PublicRes').map((e) =>
      resolveLoc(textOf(e).trim(), part, ctx, 'PublicRes'),
    ),
    documentRes: childElements(cd, 'DocumentRes').map((e) =>
      resolveLoc(textOf(e).trim(), part, ctx, 'DocumentRes'),
    ),
    templatePages: childElements(cd, 'TemplatePage').map((t) => {
      const b = attr(t, 'BaseLoc');
      return {
        id: attr(t, 'ID') ?? '',
        name: attr(t, 'Name'),
        zOrder: attr(t, 'ZOrder'),
        baseLoc: b ? resolveLoc(b, part, ctx, 'TemplatePage@BaseLoc') : undefined,
      };
    }),
    defaultCs: childText(cd, 'DefaultCS'),
  };
  const pagesEl = child(root, 'Pages');
  const pages = (pagesEl ? childElements(pagesEl, 'Page') : []).map((p, index): PageRef => {
    const b = attr(p, 'BaseLoc');
    return {
      id: attr(p, 'ID') ?? '',
      index,
      baseLoc: b ? resolveLoc(b, part, ctx, 'Page@BaseLoc') : undefined,
    };
  });
  return {
    part,
    commonData,
    pages,
    annotations: locOf(root, 'Annotations', part, ctx),
    attachments: locOf(root, 'Attachments', part, ctx),
    customTags: locOf(root, 'CustomTags', part, ctx),
    extensions: locOf(root, 'Extensions', part, ctx),
  };
}

/**
 * Parses a resource part. Files named inside are resolved against the folder given by the root's
 * `BaseLoc` attribute (itself relative to the resource part's folder).
 */
export function parseResources(bytes: Uint8Array, part: string, ctx: LocContext): Resources {
  const root = parseOfdXml(bytes, part, ['Res'], ctx.diag);
  const base = attr(root, 'BaseLoc');
  // a pseudo part inside the BaseLoc folder, so that relative file names resolve against it
  const basePart = base ? `${resolveBase(base, part)}_` : part;
  const fonts: FontRes[] = [];
  const media: MultiMediaRes[] = [];
  const other: string[] = [];
  for (const group of childElements(root)) {
    for (const r of childElements(group)) {
      const id = attr(r, 'ID') ?? '';
      if (r.name === 'Font') {
        const f = childText(r, 'FontFile');
        fonts.push({
          id,
          fontName: attr(r, 'FontName') ?? '',
          familyName: attr(r, 'FamilyName'),
          charset: attr(r, 'Charset'),
          fontFile: f ? resolveLoc(f, basePart, ctxFor(ctx, part), 'FontFile') : undefined,
        });
      } else if (r.name === 'MultiMedia') {
        const f = childText(r, 'MediaFile');
        media.push({
          id,
          type: attr(r, 'Type') ?? '',
          format: attr(r, 'Format'),
          mediaFile: f ? resolveLoc(f, basePart, ctxFor(ctx, part), 'MediaFile') : undefined,
        });
      } else if (id) other.push(id);
    }
  }
  return { part, fonts, multiMedias: media, otherIds: other };
}

function resolveBase(base: string, part: string): string {
  const b = base.replace(/\\/g, '/');
  const folder = b.startsWith('/') ? b : dirOf(part) + b;
  return folder.endsWith('/') ? folder : `${folder}/`;
}

/** Warnings raised while resolving files inside a resource are attributed to the resource part. */
function ctxFor(ctx: LocContext, part: string): LocContext {
  return {
    has: (p) => ctx.has(p),
    findCaseInsensitive: (p) => ctx.findCaseInsensitive(p),
    diag: { mode: ctx.diag.mode, warn: (w, always) => ctx.diag.warn({ ...w, part }, always) },
  };
}

/** Parses `Annotations.xml` (the list of per-page annotation parts). */
export function parseAnnotationsList(bytes: Uint8Array, part: string, ctx: LocContext): PageAnnotationsRef[] {
  const root = parseOfdXml(bytes, part, ['Annotations'], ctx.diag);
  return childElements(root, 'Page').map((p) => ({
    pageId: attr(p, 'PageID') ?? '',
    fileLoc: locOf(p, 'FileLoc', part, ctx),
  }));
}

/** Parses `Attachments.xml`. */
export function parseAttachments(bytes: Uint8Array, part: string, ctx: LocContext): Attachment[] {
  const root = parseOfdXml(bytes, part, ['Attachments'], ctx.diag);
  return childElements(root, 'Attachment').map((a) => ({
    id: attr(a, 'ID') ?? '',
    name: attr(a, 'Name') ?? '',
    format: attr(a, 'Format'),
    creationDate: attr(a, 'CreationDate'),
    modDate: attr(a, 'ModDate'),
    size: attr(a, 'Size'),
    visible: attr(a, 'Visible'),
    usage: attr(a, 'Usage'),
    fileLoc: locOf(a, 'FileLoc', part, ctx),
  }));
}

/** Parses `CustomTags.xml`. */
export function parseCustomTags(bytes: Uint8Array, part: string, ctx: LocContext): CustomTag[] {
  const root = parseOfdXml(bytes, part, ['CustomTags'], ctx.diag);
  return childElements(root, 'CustomTag').map((t) => ({
    typeId: attr(t, 'TypeID'),
    schemaLoc: locOf(t, 'SchemaLoc', part, ctx),
    fileLoc: locOf(t, 'FileLoc', part, ctx),
  }));
}
