/**
 * Opening an OFD file: the package, `OFD.xml`, each document's `Document.xml`, its resources,
 * annotations, attachments, custom tags, and its signatures (`Signatures.xml` and every
 * `Signature.xml`). Page contents are parsed on demand ({@link OfdDocument.page}).
 *
 * Only a missing or unreadable `OFD.xml` makes opening fail. A damaged `Document.xml`, resource or
 * signature part is reported (a warning `OFD_PART_UNREADABLE`, or the signature's `error`) so that a
 * verifier can still say what held; in strict mode it is thrown.
 * @module
 */
import { GbkitError } from '@gbkit/core';
import { Diagnostics, type OfdWarning } from './diagnostics.js';
import { type ResolvedLoc, resolveLoc } from './loc.js';
import type { Box } from './model/common.js';
import {
  type Attachment,
  type CustomTag,
  type OfdDocumentXml,
  type PageAnnotationsRef,
  parseAnnotationsList,
  parseAttachments,
  parseCustomTags,
  parseDocumentXml,
  parseResources,
  type Resources,
} from './model/document.js';
import { type DocBody, type OfdEntry, parseOfdEntry } from './model/ofd-entry.js';
import { type PageContent, parsePageContent } from './model/page.js';
import {
  parseSignatureList,
  parseSignatureXml,
  type SignatureList,
  type SignatureListEntry,
  type SignatureXml,
} from './model/signatures.js';
import { collectChunks, OfdPackage, type OpenOptions } from './package.js';
import { resolveLimits } from './zip/limits.js';

/** A signature of a document: its list entry, the parsed `Signature.xml`, or why it could not be read. */
export interface OfdSignature extends SignatureListEntry {
  /** 0-based position in `Signatures.xml`. */
  readonly index: number;
  /** The parsed `Signature.xml` (with its exact bytes), when it could be read. */
  readonly signature?: SignatureXml;
  /** Why `Signature.xml` could not be read (missing part, malformed XML …). */
  readonly error?: GbkitError;
}

/** One document of the file (one `DocBody`) with everything parsed at open. */
export interface OfdDocumentBody {
  /** 0-based position in `OFD.xml`. */
  readonly index: number;
  readonly body: DocBody;
  /** `Document.xml`, undefined when missing or unreadable (reported). */
  readonly document?: OfdDocumentXml;
  /** `PublicRes` then `DocumentRes` parts that could be read. */
  readonly resources: readonly Resources[];
  readonly annotations: readonly PageAnnotationsRef[];
  readonly attachments: readonly Attachment[];
  readonly customTags: readonly CustomTag[];
  /** `Signatures.xml`, when the document has one and it could be read. */
  readonly signatureList?: SignatureList;
  /** Each listed signature, in list order. */
  readonly signatures: readonly OfdSignature[];
}

function asGbkit(e: unknown, part: string): GbkitError {
  if (e instanceof GbkitError) return e;
  return new GbkitError(
    'ERR_OFD_PART_UNREADABLE',
    { zh: `部件无法读取：${part}`, en: `part cannot be read: ${part}` },
    { cause: e, location: { part } },
  );
}

/**
 * An opened OFD file.
 *
 * @example
 * ```ts
 * import { openOfd } from '@gbkit/ofd';
 * import { readFileSync } from 'node:fs';
 * const ofd = openOfd(readFileSync('invoice.ofd'));
 * ofd.docInfo.docId;                                   // '314d31d0…'
 * ofd.signatures.map((s) => [s.id, s.type, s.signature?.references.length]);
 * ofd.page(0).layers[0]?.objects[0];                  // first object drawn on page 1
 * ofd.warnings;                                         // every tolerated deviation
 * ```
 */
export class OfdDocument {
  /** The zip package: raw bytes of any part (`read(path)`), entries, append writer. */
  readonly package: OfdPackage;
  /** The parsed `OFD.xml`. */
  readonly entry: OfdEntry;
  /** Every `DocBody`, parsed. */
  readonly documents: readonly OfdDocumentBody[];
  private readonly diag: Diagnostics;
  private readonly pageCache = new Map<string, PageContent>();

  private constructor(pkg: OfdPackage, diag: Diagnostics) {
    this.package = pkg;
    this.diag = diag;
    this.entry = parseOfdEntry(pkg.read('/OFD.xml'), pkg);
    this.documents = this.entry.docBodies.map((b, i) => this.openBody(b, i));
  }

  /** Opens an OFD file from its bytes. */
  static open(bytes: Uint8Array | ArrayBuffer, options: OpenOptions = {}): OfdDocument {
    const diag = new Diagnostics(options.mode ?? 'lenient');
    const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const pkg = OfdPackage.openWith(b, options, diag);
    return new OfdDocument(pkg, diag);
  }

  /** Opens an OFD file from a stream or async iterable of chunks (collected up to `limits.maxArchiveSize`). */
  static async openStream(
    source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
    options: OpenOptions = {},
  ): Promise<OfdDocument> {
    return OfdDocument.open(
      await collectChunks(source, resolveLimits(options.limits).maxArchiveSize),
      options,
    );
  }

  /** Every tolerated deviation found (package, paths, XML), each with code, message and part. */
  get warnings(): readonly OfdWarning[] {
    return this.diag.warnings;
  }

  /** `DocInfo` of the first document. */
  get docInfo(): DocBody['docInfo'] {
    return (this.documents[0] as OfdDocumentBody).body.docInfo;
  }

  /** Signatures of every document, in order. */
  get signatures(): readonly OfdSignature[] {
    return this.documents.flatMap((d) => d.signatures);
  }

  /** The exact bytes of a part (absolute path), inflated on demand. */
  read(path: string): Uint8Array {
    return this.package.read(path);
  }

  /** Resolves an `ST_Loc` written in part `from` (tolerances reported as warnings). */
  resolve(loc: string, from: string): ResolvedLoc {
    return resolveLoc(loc, from, this.package);
  }

  /** Parses the content of page `pageIndex` (0-based) of document `docIndex`, cached. */
  page(pageIndex: number, docIndex = 0): PageContent {
    const doc = this.documents[docIndex]?.document;
    const ref = doc?.pages[pageIndex];
    if (!ref?.baseLoc) {
      throw new GbkitError(
        'ERR_OFD_PAGE_MISSING',
        { zh: `没有第 ${pageIndex + 1} 页`, en: `no page ${pageIndex + 1}` },
        { location: { part: doc?.part } },
      );
    }
    return this.content(ref.baseLoc.path);
  }

  /**
   * The physical box of a page in mm: the page's own `Area/PhysicalBox`, else the document's
   * `CommonData/PageArea/PhysicalBox` (GB/T 33190 §7.7: page area overrides the document default).
   */
  pageBox(pageIndex: number, docIndex = 0): Box | undefined {
    const own = this.page(pageIndex, docIndex).area?.physicalBox;
    return own ?? this.documents[docIndex]?.document?.commonData.pageArea?.physicalBox;
  }

  /** Parses a page or template content part by path, cached. */
  content(path: string): PageContent {
    const hit = this.pageCache.get(path);
    if (hit) return hit;
    const page = parsePageContent(this.package.read(path), path, this.diag);
    this.pageCache.set(path, page);
    return page;
  }

  private tryPart<T>(
    loc: ResolvedLoc | undefined,
    parse: (bytes: Uint8Array, part: string) => T,
  ): T | undefined {
    if (!loc?.exists) return undefined;
    try {
      return parse(this.package.read(loc.path), loc.path);
    } catch (e) {
      if (this.diag.mode === 'strict') throw e;
      const err = asGbkit(e, loc.path);
      this.diag.warn(
        {
          code: 'OFD_PART_UNREADABLE',
          message: {
            zh: `部件无法解析（${err.code}）：${err.text.zh}`,
            en: `part cannot be parsed (${err.code}): ${err.text.en}`,
          },
          part: loc.path,
          details: { error: err.code },
        },
        true,
      );
      return undefined;
    }
  }

  private openBody(body: DocBody, index: number): OfdDocumentBody {
    const pkg = this.package;
    const document = this.tryPart(body.docRoot, (b, p) => parseDocumentXml(b, p, pkg));
    const resources: Resources[] = [];
    for (const loc of [
      ...(document?.commonData.publicRes ?? []),
      ...(document?.commonData.documentRes ?? []),
    ]) {
      const r = this.tryPart(loc, (b, p) => parseResources(b, p, pkg));
      if (r) resources.push(r);
    }
    const annotations = this.tryPart(document?.annotations, (b, p) => parseAnnotationsList(b, p, pkg)) ?? [];
    const attachments = this.tryPart(document?.attachments, (b, p) => parseAttachments(b, p, pkg)) ?? [];
    const customTags = this.tryPart(document?.customTags, (b, p) => parseCustomTags(b, p, pkg)) ?? [];
    const signatureList = this.tryPart(body.signatures, (b, p) => parseSignatureList(b, p, pkg));
    const signatures = (signatureList?.signatures ?? []).map((entry, i): OfdSignature => {
      if (!entry.baseLoc?.exists) {
        const path = entry.baseLoc?.path ?? '';
        return {
          ...entry,
          index: i,
          error: new GbkitError(
            'ERR_OFD_SIGNATURE_MISSING',
            {
              zh: `签名 ${entry.id} 的 Signature.xml 不存在：${path}`,
              en: `Signature.xml of signature ${entry.id} is missing: ${path}`,
            },
            { location: { part: path || signatureList?.part } },
          ),
        };
      }
      const path = entry.baseLoc.path;
      try {
        return { ...entry, index: i, signature: parseSignatureXml(pkg.read(path), path, pkg) };
      } catch (e) {
        if (this.diag.mode === 'strict') throw e;
        return { ...entry, index: i, error: asGbkit(e, path) };
      }
    });
    return {
      index,
      body,
      document,
      resources,
      annotations,
      attachments,
      customTags,
      signatureList,
      signatures,
    };
  }
}

/**
 * Opens an OFD file from bytes: checks the zip and limits, parses `OFD.xml`, the documents and their
 * signatures. Throws `FormatError`, `LimitExceededError` or `UnsupportedError` (see README for codes).
 *
 * @example
 * ```ts
 * import { openOfd } from '@gbkit/ofd';
 * const ofd = openOfd(bytes, { limits: { maxEntries: 1000 } });
 * for (const s of ofd.signatures) console.log(s.id, s.type, s.signature?.signedValue?.path);
 * ```
 */
export function openOfd(bytes: Uint8Array | ArrayBuffer, options: OpenOptions = {}): OfdDocument {
  return OfdDocument.open(bytes, options);
}

/** {@link openOfd} for a stream or async iterable of chunks. */
export function openOfdStream(
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  options: OpenOptions = {},
): Promise<OfdDocument> {
  return OfdDocument.openStream(source, options);
}
