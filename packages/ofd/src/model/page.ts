/**
 * Page content (GB/T 33190 §8–§14): a page part holds an optional `Area`, `Template` references and
 * `Content` with `Layer`s of graphic objects, drawn in document order:
 * ```
 * <ofd:Page> <ofd:Area><ofd:PhysicalBox/></ofd:Area> <ofd:Template TemplateID ZOrder/>*
 *   <ofd:Content> <ofd:Layer ID Type DrawParam>
 *     <ofd:TextObject ID Boundary Font Size [CTM]> <ofd:FillColor Value/> <ofd:TextCode X Y DeltaX DeltaY>…</ofd:TextCode>* </ofd:TextObject>
 *     <ofd:PathObject ID Boundary LineWidth Stroke Fill> <ofd:StrokeColor/> <ofd:AbbreviatedData>M 0 0 L 1 1</ofd:AbbreviatedData> </ofd:PathObject>
 *     <ofd:ImageObject ID Boundary CTM ResourceID/>   <ofd:CompositeObject ID Boundary ResourceID/>
 *     <ofd:PageBlock ID> …objects… </ofd:PageBlock>
 *   </ofd:Layer>* </ofd:Content> </ofd:Page>
 * ```
 * @module
 */
import type { WarningSink } from '../diagnostics.js';
import { attr, child, childElements, childText, parseOfdXml, textOf, type XmlElement } from '../xml.js';
import { type Box, optNumber, parseBox, parseNumbers } from './common.js';
import { type PageArea, parsePageArea } from './document.js';

/** A colour (`CT_Color`): `Value` components and the optional colour-space resource. */
export interface Color {
  readonly value?: readonly number[];
  readonly colorSpace?: string;
}

/** One `TextCode` run. */
export interface TextCode {
  readonly x?: number;
  readonly y?: number;
  readonly deltaX?: string;
  readonly deltaY?: string;
  readonly text: string;
}

interface ObjectBase {
  readonly id: string;
  readonly boundary?: Box;
  readonly ctm?: readonly number[];
}

/** `TextObject` (§11.2). */
export interface TextObject extends ObjectBase {
  readonly kind: 'text';
  /** Font resource ID. */
  readonly font: string;
  /** Font size in mm. */
  readonly size?: number;
  readonly fillColor?: Color;
  readonly strokeColor?: Color;
  readonly codes: readonly TextCode[];
  /** All `TextCode` texts joined. */
  readonly text: string;
}

/** `ImageObject` (§10). */
export interface ImageObject extends ObjectBase {
  readonly kind: 'image';
  readonly resourceId: string;
}

/** `PathObject` (§9.1). */
export interface PathObject extends ObjectBase {
  readonly kind: 'path';
  readonly lineWidth?: number;
  readonly stroke?: boolean;
  readonly fill?: boolean;
  readonly strokeColor?: Color;
  readonly fillColor?: Color;
  readonly abbreviatedData: string;
}

/** `CompositeObject` (§13). */
export interface CompositeObject extends ObjectBase {
  readonly kind: 'composite';
  readonly resourceId: string;
}

/** `PageBlock` (§14.2): a group of objects. */
export interface PageBlock {
  readonly kind: 'block';
  readonly id: string;
  readonly objects: readonly PageObject[];
}

/** Any graphic object of a layer, in drawing order. */
export type PageObject = TextObject | ImageObject | PathObject | CompositeObject | PageBlock;

/** A `Layer` of the page content. */
export interface Layer {
  readonly id: string;
  readonly type?: string;
  readonly drawParam?: string;
  readonly objects: readonly PageObject[];
}

/** A parsed page or template content part. */
export interface PageContent {
  readonly part: string;
  readonly area?: PageArea;
  readonly templates: readonly { readonly templateId: string; readonly zOrder?: string }[];
  readonly layers: readonly Layer[];
}

function color(el: XmlElement | undefined, part: string): Color | undefined {
  if (!el) return undefined;
  const v = attr(el, 'Value');
  return { value: v ? parseNumbers(v, part, 'Color@Value') : undefined, colorSpace: attr(el, 'ColorSpace') };
}

function bool(s: string | undefined): boolean | undefined {
  return s === undefined ? undefined : s === 'true';
}

function base(el: XmlElement, part: string): ObjectBase {
  const b = attr(el, 'Boundary');
  const c = attr(el, 'CTM');
  return {
    id: attr(el, 'ID') ?? '',
    boundary: b ? parseBox(b, part, `${el.name}@Boundary`) : undefined,
    ctm: c ? parseNumbers(c, part, `${el.name}@CTM`) : undefined,
  };
}

function objects(parent: XmlElement, part: string, diag: WarningSink): PageObject[] {
  const out: PageObject[] = [];
  for (const el of childElements(parent)) {
    switch (el.name) {
      case 'TextObject': {
        const codes = childElements(el, 'TextCode').map((t) => ({
          x: optNumber(attr(t, 'X'), part, 'TextCode@X'),
          y: optNumber(attr(t, 'Y'), part, 'TextCode@Y'),
          deltaX: attr(t, 'DeltaX'),
          deltaY: attr(t, 'DeltaY'),
          text: textOf(t),
        }));
        out.push({
          kind: 'text',
          ...base(el, part),
          font: attr(el, 'Font') ?? '',
          size: optNumber(attr(el, 'Size'), part, 'TextObject@Size'),
          fillColor: color(child(el, 'FillColor'), part),
          strokeColor: color(child(el, 'StrokeColor'), part),
          codes,
          text: codes.map((c) => c.text).join(''),
        });
        break;
      }
      case 'ImageObject':
        out.push({ kind: 'image', ...base(el, part), resourceId: attr(el, 'ResourceID') ?? '' });
        break;
      case 'CompositeObject':
        out.push({ kind: 'composite', ...base(el, part), resourceId: attr(el, 'ResourceID') ?? '' });
        break;
      case 'PathObject':
        out.push({
          kind: 'path',
          ...base(el, part),
          lineWidth: optNumber(attr(el, 'LineWidth'), part, 'PathObject@LineWidth'),
          stroke: bool(attr(el, 'Stroke')),
          fill: bool(attr(el, 'Fill')),
          strokeColor: color(child(el, 'StrokeColor'), part),
          fillColor: color(child(el, 'FillColor'), part),
          abbreviatedData: childText(el, 'AbbreviatedData') ?? '',
        });
        break;
      case 'PageBlock':
        out.push({ kind: 'block', id: attr(el, 'ID') ?? '', objects: objects(el, part, diag) });
        break;
      default:
        diag.warn(
          {
            code: 'OFD_PAGE_UNKNOWN_OBJECT',
            message: {
              zh: `未识别的页面对象 ${el.name}（已跳过）`,
              en: `unrecognised page object ${el.name} (skipped)`,
            },
            part,
            details: { element: el.name },
          },
          true,
        );
    }
  }
  return out;
}

/** Parses a page (or template page) content part, keeping the drawing order. */
export function parsePageContent(bytes: Uint8Array, part: string, diag: WarningSink): PageContent {
  const root = parseOfdXml(bytes, part, ['Page'], diag);
  const area = child(root, 'Area');
  const content = child(root, 'Content');
  return {
    part,
    area: area ? parsePageArea(area, part) : undefined,
    templates: childElements(root, 'Template').map((t) => ({
      templateId: attr(t, 'TemplateID') ?? '',
      zOrder: attr(t, 'ZOrder'),
    })),
    layers: (content ? childElements(content, 'Layer') : []).map((l) => ({
      id: attr(l, 'ID') ?? '',
      type: attr(l, 'Type'),
      drawParam: attr(l, 'DrawParam'),
      objects: objects(l, part, diag),
    })),
  };
}

/** Every object of a page flattened in drawing order (page blocks expanded). */
export function flattenObjects(
  page: PageContent,
): (TextObject | ImageObject | PathObject | CompositeObject)[] {
  const out: (TextObject | ImageObject | PathObject | CompositeObject)[] = [];
  const walk = (list: readonly PageObject[]) => {
    for (const o of list) {
      if (o.kind === 'block') walk(o.objects);
      else out.push(o);
    }
  };
  for (const l of page.layers) walk(l.objects);
  return out;
}
