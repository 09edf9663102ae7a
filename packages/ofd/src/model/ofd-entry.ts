/**
 * `OFD.xml`, the package entry (GB/T 33190 §7.4, figure 5, table 3):
 * ```
 * <ofd:OFD Version="1.0" DocType="OFD">
 *   <ofd:DocBody>                       1..n
 *     <ofd:DocInfo> DocID Title Author Subject Abstract CreationDate ModDate DocUsage Cover
 *                   Keywords/Keyword* Creator CreatorVersion CustomDatas/CustomData@Name* </ofd:DocInfo>
 *     <ofd:DocRoot>ST_Loc</ofd:DocRoot>
 *     <ofd:Versions>…</ofd:Versions>    0..1
 *     <ofd:Signatures>ST_Loc</ofd:Signatures> 0..1
 *   </ofd:DocBody>
 * </ofd:OFD>
 * ```
 * @module
 */
import { FormatError } from '@gbkit/core';
import type { ResolvedLoc } from '../loc.js';
import { type LocContext, resolveLoc } from '../loc.js';
import { attr, child, childElements, childText, parseOfdXml, textOf, type XmlElement } from '../xml.js';

/** One `CustomData` of `DocInfo`: a name/value pair. */
export interface CustomData {
  readonly name: string;
  readonly value: string;
}

/** `DocInfo` (GB/T 33190 table 4). Every member is optional in the standard except `DocID` in practice. */
export interface DocInfo {
  readonly docId?: string;
  readonly title?: string;
  readonly author?: string;
  readonly subject?: string;
  readonly abstract?: string;
  readonly creationDate?: string;
  readonly modDate?: string;
  readonly docUsage?: string;
  readonly cover?: string;
  readonly keywords: readonly string[];
  readonly creator?: string;
  readonly creatorVersion?: string;
  /** `CustomDatas/CustomData` in document order (names may repeat). */
  readonly customDatas: readonly CustomData[];
}

/** One `DocBody`: the document's info, its root `Document.xml` and its signature list. */
export interface DocBody {
  readonly docInfo: DocInfo;
  /** `DocRoot` resolved against `/` (undefined when missing, which is reported). */
  readonly docRoot?: ResolvedLoc;
  /** `Signatures` resolved against `/`, when the document is signed. */
  readonly signatures?: ResolvedLoc;
}

/** The parsed `OFD.xml`. */
export interface OfdEntry {
  /** Always `/OFD.xml`. */
  readonly part: string;
  readonly version?: string;
  readonly docType?: string;
  readonly docBodies: readonly DocBody[];
}

function listOf(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? childElements(el, name) : [];
}

/** Parses `OFD.xml` (bytes) into an {@link OfdEntry}. */
export function parseOfdEntry(bytes: Uint8Array, ctx: LocContext, part = '/OFD.xml'): OfdEntry {
  const root = parseOfdXml(bytes, part, ['OFD'], ctx.diag);
  const bodies = childElements(root, 'DocBody');
  if (bodies.length === 0) {
    throw new FormatError(
      'ERR_OFD_NO_DOCBODY',
      { zh: 'OFD.xml 中没有 DocBody', en: 'OFD.xml has no DocBody' },
      { location: { part } },
    );
  }
  const docBodies = bodies.map((b): DocBody => {
    const info = child(b, 'DocInfo');
    const docInfo: DocInfo = info
      ? {
          docId: childText(info, 'DocID'),
          title: childText(info, 'Title'),
          author: childText(info, 'Author'),
          subject: childText(info, 'Subject'),
          abstract: childText(info, 'Abstract'),
          creationDate: childText(info, 'CreationDate'),
          modDate: childText(info, 'ModDate'),
          docUsage: childText(info, 'DocUsage'),
          cover: childText(info, 'Cover'),
          keywords: listOf(child(info, 'Keywords'), 'Keyword').map((k) => textOf(k).trim()),
          creator: childText(info, 'Creator'),
          creatorVersion: childText(info, 'CreatorVersion'),
          customDatas: listOf(child(info, 'CustomDatas'), 'CustomData').map((c) => ({
            name: attr(c, 'Name') ?? '',
            value: textOf(c),
          })),
        }
      : { keywords: [], customDatas: [] };
    if (!info) {
      ctx.diag.warn(
        {
          code: 'OFD_NO_DOCINFO',
          message: { zh: 'DocBody 缺少 DocInfo', en: 'DocBody has no DocInfo' },
          part,
        },
        true,
      );
    }
    const rootLoc = childText(b, 'DocRoot');
    const sigLoc = childText(b, 'Signatures');
    if (!rootLoc) {
      ctx.diag.warn(
        {
          code: 'OFD_NO_DOCROOT',
          message: { zh: 'DocBody 缺少 DocRoot', en: 'DocBody has no DocRoot' },
          part,
        },
        true,
      );
    }
    return {
      docInfo,
      docRoot: rootLoc ? resolveLoc(rootLoc, part, ctx, 'DocRoot') : undefined,
      signatures: sigLoc ? resolveLoc(sigLoc, part, ctx, 'Signatures') : undefined,
    };
  });
  return { part, version: attr(root, 'Version'), docType: attr(root, 'DocType'), docBodies };
}
