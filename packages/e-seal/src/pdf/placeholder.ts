/**
 * Adding a signature field to a PDF as an incremental update (ISO 32000-1 §12.8 digital signatures,
 * §12.7.4.5 signature fields, §12.5.6.19 widget annotations): a signature dictionary with a
 * fixed-width `/ByteRange` and a zero-filled `/Contents` placeholder, a widget annotation that is also
 * the field (with an optional visible appearance), the page's `/Annots` and the `/AcroForm` (`/Fields`,
 * `/SigFlags 3`) rewritten as new object versions. The `/ByteRange` is then filled in place, so that
 * the only bytes left for the signature are those of `/Contents`.
 *
 * @module
 */
import { UnsupportedError } from '@gbkit/core';
import { buildAppearance, type SignatureAppearance } from './appearance.js';
import { pdfArgumentError, pdfFormatError } from './errors.js';
import {
  decodeTextString,
  isArray,
  isDict,
  isRef,
  numberOf,
  type PdfDict,
  type PdfObject,
  type PdfRef,
  pdfArray,
  pdfDict,
  pdfInt,
  pdfName,
  pdfReal,
  pdfRef,
  pdfString,
  stringOf,
} from './objects.js';
import { type PdfDocument, parsePdf } from './reader.js';
import { serializeObject, type UpdateObject, writeIncrementalUpdate } from './writer.js';

/** Options for the signature field and dictionary. */
export interface SignatureFieldOptions {
  /** Field name `/T` (default `Signature1`, `Signature2` … the first unused). */
  readonly fieldName?: string;
  /** `/Filter` (default `Adobe.PPKLite`). */
  readonly filter?: string;
  /** `/SubFilter` (default `adbe.pkcs7.detached`). */
  readonly subFilter?: string;
  /** `/Name`: the signer's name. */
  readonly name?: string;
  readonly reason?: string;
  readonly location?: string;
  readonly contactInfo?: string;
  /** `/M`, the claimed signing time (default now). */
  readonly signingTime?: Date;
  /** 0-based page index for the widget (default 0). */
  readonly page?: number;
  /** Widget rectangle `[x1, y1, x2, y2]` in page units; omitted or zero-sized = invisible signature. */
  readonly rect?: readonly [number, number, number, number];
  /** What a visible signature shows. */
  readonly appearance?: SignatureAppearance;
  /** Bytes reserved for the signature container in `/Contents` (default 8,192). */
  readonly contentsSize?: number;
  /** Write the update's cross-reference as a stream (default: same kind as the previous section). */
  readonly xrefStream?: boolean;
  /**
   * Make this a certification signature (ISO 32000-1 §12.8.2.2 DocMDP) allowing later: 1 = no change,
   * 2 = form filling and signing, 3 = also annotations. Only the first signature of a document can certify.
   */
  readonly certify?: 1 | 2 | 3;
}

/** A PDF with a signature placeholder, ready to receive the signature container. */
export interface PreparedPdfSignature {
  /** The whole file with `/ByteRange` filled and `/Contents` zero-filled. */
  readonly bytes: Uint8Array;
  /** `[offset1, length1, offset2, length2]`. */
  readonly byteRange: readonly [number, number, number, number];
  /** Offset of `<` of `/Contents`. */
  readonly contentsStart: number;
  /** Offset just after `>` of `/Contents`. */
  readonly contentsEnd: number;
  /** Bytes reserved for the DER container. */
  readonly contentsSize: number;
  readonly fieldName: string;
  /** Object number of the signature dictionary. */
  readonly signatureObject: number;
}

/** Formats a date as a PDF date string `D:YYYYMMDDHHmmSS+00'00'` (§7.9.4), in UTC. */
export function pdfDate(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}+00'00'`;
}

/** Parses a PDF date string (§7.9.4); undefined when it is not one. */
export function parsePdfDate(s: string): Date | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?'?$/.exec(
    s.trim(),
  );
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', tz, th = '00', tm = '00'] = m;
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  if (tz === '+' || tz === '-') {
    const off = (Number(th) * 60 + Number(tm)) * 60_000;
    t += tz === '+' ? -off : off;
  }
  return Number.isNaN(t) ? undefined : new Date(t);
}

const BR_WIDTH = 10;

/**
 * Appends a signature field with a placeholder to `pdf` and fills its `/ByteRange`.
 *
 * @example
 * ```ts
 * import { preparePdfSignature } from '@gbkit/e-seal';
 * declare const pdf: Uint8Array;
 * const prepared = preparePdfSignature(pdf, { name: '张三', reason: '审核' });
 * prepared.byteRange; // [0, a, b, c] around /Contents
 * ```
 */
export function preparePdfSignature(
  pdf: Uint8Array | PdfDocument,
  options: SignatureFieldOptions = {},
): PreparedPdfSignature {
  const doc = pdf instanceof Uint8Array ? parsePdf(pdf) : pdf;
  if (doc.trailer.entries.has('Encrypt')) {
    throw new UnsupportedError('ERR_PDF_ENCRYPTED', {
      zh: '不支持对加密的 PDF 签名',
      en: 'signing encrypted PDFs is not supported',
    });
  }
  if (doc.warnings.some((w) => w.includes('rebuilt'))) {
    throw pdfFormatError('ERR_PDF_XREF_BROKEN', {
      zh: 'PDF 的交叉引用表已损坏，不能以增量更新方式签名',
      en: 'the PDF cross-reference is broken; it cannot be signed by incremental update',
    });
  }
  const mdp = docMdpPermission(doc);
  if (mdp === 1) {
    throw new UnsupportedError('ERR_PDF_DOCMDP', {
      zh: '文档已被认证签名锁定（DocMDP /P 1），不允许任何修改，包括再签名',
      en: 'the document is certified with DocMDP /P 1: no change is permitted, not even another signature',
    });
  }
  const contentsSize = options.contentsSize ?? 8192;
  if (!Number.isInteger(contentsSize) || contentsSize < 256 || contentsSize > 1 << 22) {
    throw pdfArgumentError(
      'ERR_PDF_CONTENTS_SIZE',
      {
        zh: 'contentsSize 须为 256 到 4 MiB 的整数',
        en: 'contentsSize must be an integer from 256 to 4 MiB',
      },
      'contentsSize',
    );
  }
  const pages = doc.pageRefs();
  const pageIndex = options.page ?? 0;
  const pageRef = pages[pageIndex];
  if (!pageRef) {
    throw pdfArgumentError(
      'ERR_PDF_PAGE',
      {
        zh: `页码 ${pageIndex} 不存在（共 ${pages.length} 页）`,
        en: `page ${pageIndex} does not exist (${pages.length} pages)`,
      },
      'page',
    );
  }
  const page = doc.getObject(pageRef.num);
  if (!isDict(page))
    throw pdfFormatError('ERR_PDF_PAGE', { zh: '页面对象不是字典', en: 'page object is not a dictionary' });

  let next = doc.size;
  const nextNum = (): number => next++;
  const updates: UpdateObject[] = [];

  // AcroForm and existing field names
  const catalogRef = doc.trailer.entries.get('Root') as PdfRef;
  const catalog = doc.catalog;
  const acroEntry = catalog.entries.get('AcroForm');
  const acro = doc.resolve(acroEntry);
  const fieldsObj = isDict(acro) ? doc.resolve(acro.entries.get('Fields')) : null;
  const fields: PdfObject[] = isArray(fieldsObj) ? [...fieldsObj.items] : [];
  if (options.certify !== undefined && (mdp !== undefined || hasSignedField(doc, fields))) {
    throw pdfArgumentError(
      'ERR_PDF_CERTIFY',
      {
        zh: '只有文档的第一个签名可以是认证签名',
        en: 'only the first signature of a document can certify it',
      },
      'certify',
    );
  }
  const names = new Set<string>();
  for (const f of fields) {
    const fd = doc.resolve(f);
    const t = isDict(fd) ? stringOf(fd.entries.get('T')) : undefined;
    if (t) names.add(decodeTextString(t.bytes));
  }
  let fieldName = options.fieldName;
  if (fieldName === undefined) {
    for (let i = 1; ; i++) {
      if (!names.has(`Signature${i}`)) {
        fieldName = `Signature${i}`;
        break;
      }
    }
  } else if (names.has(fieldName) || fieldName.includes('.') || fieldName.length === 0) {
    throw pdfArgumentError(
      'ERR_PDF_FIELD_NAME',
      {
        zh: `字段名 “${fieldName}” 已存在或无效`,
        en: `field name "${fieldName}" exists already or is invalid`,
      },
      'fieldName',
    );
  }

  const sigNum = nextNum();
  const widgetNum = nextNum();
  const rect = options.rect ?? [0, 0, 0, 0];
  const w = Math.abs(rect[2] - rect[0]);
  const h = Math.abs(rect[3] - rect[1]);
  const ap = buildAppearance(w, h, options.appearance, nextNum);
  for (const o of ap.objects) updates.push(o);

  // signature dictionary, serialised by hand so that the placeholder offsets are known
  const signingTime = options.signingTime ?? new Date();
  const extra = pdfDict({
    M: pdfString(pdfDate(signingTime)),
    Name: options.name !== undefined ? pdfString(options.name) : undefined,
    Reason: options.reason !== undefined ? pdfString(options.reason) : undefined,
    Location: options.location !== undefined ? pdfString(options.location) : undefined,
    ContactInfo: options.contactInfo !== undefined ? pdfString(options.contactInfo) : undefined,
    Reference:
      options.certify !== undefined
        ? pdfArray([
            pdfDict({
              Type: pdfName('SigRef'),
              TransformMethod: pdfName('DocMDP'),
              TransformParams: pdfDict({
                Type: pdfName('TransformParams'),
                P: pdfInt(options.certify),
                V: pdfName('1.2'),
              }),
            }),
          ])
        : undefined,
  });
  const extraBytes = serializeObject(extra);
  const head = `<</Type /Sig\n/Filter ${nameText(options.filter ?? 'Adobe.PPKLite')}\n/SubFilter ${nameText(options.subFilter ?? 'adbe.pkcs7.detached')}\n/ByteRange [0 ${'0'.repeat(BR_WIDTH)} ${'0'.repeat(BR_WIDTH)} ${'0'.repeat(BR_WIDTH)}]\n/Contents <`;
  const tail = '>\n';
  const enc = new TextEncoder();
  const headBytes = enc.encode(head);
  const sigBody = new Uint8Array(headBytes.length + contentsSize * 2 + tail.length + extraBytes.length - 2);
  sigBody.set(headBytes, 0);
  sigBody.fill(0x30, headBytes.length, headBytes.length + contentsSize * 2);
  sigBody.set(enc.encode(tail), headBytes.length + contentsSize * 2);
  // the rest of the dictionary: the entries of `extra` without its own "<<"
  sigBody.set(extraBytes.subarray(2), headBytes.length + contentsSize * 2 + tail.length);
  updates.unshift({ num: sigNum, value: sigBody });

  updates.push({
    num: widgetNum,
    value: pdfDict({
      Type: pdfName('Annot'),
      Subtype: pdfName('Widget'),
      FT: pdfName('Sig'),
      T: pdfString(fieldName),
      V: pdfRef(sigNum),
      P: pageRef,
      Rect: pdfArray(rect.map((v) => pdfReal(v))),
      F: pdfInt(132),
      AP: pdfDict({ N: pdfRef(ap.formNum) }),
    }),
  });

  // page /Annots
  const annotsEntry = page.entries.get('Annots');
  const annots = doc.resolve(annotsEntry);
  const annotItems = isArray(annots) ? [...annots.items, pdfRef(widgetNum)] : [pdfRef(widgetNum)];
  if (isRef(annotsEntry) && isArray(annots)) {
    updates.push({ num: annotsEntry.num, gen: annotsEntry.gen, value: pdfArray(annotItems) });
  } else {
    updates.push({
      num: pageRef.num,
      gen: pageRef.gen,
      value: withEntry(page, 'Annots', pdfArray(annotItems)),
    });
  }

  // AcroForm (and, for a certification signature, /Perms in the catalog)
  const newFields = pdfArray([...fields, pdfRef(widgetNum)]);
  const catalogChanges: Record<string, PdfObject> = {};
  if (options.certify !== undefined) catalogChanges.Perms = pdfDict({ DocMDP: pdfRef(sigNum) });
  if (isRef(acroEntry) && isDict(acro)) {
    updates.push({
      num: acroEntry.num,
      gen: acroEntry.gen,
      value: withEntries(acro, { Fields: newFields, SigFlags: pdfInt(3) }),
    });
  } else {
    const acroNum = nextNum();
    const base = isDict(acro) ? acro : pdfDict({});
    updates.push({ num: acroNum, value: withEntries(base, { Fields: newFields, SigFlags: pdfInt(3) }) });
    catalogChanges.AcroForm = pdfRef(acroNum);
  }
  if (Object.keys(catalogChanges).length > 0) {
    if (catalogRef.num === pageRef.num)
      throw pdfFormatError('ERR_PDF_STRUCTURE', {
        zh: '目录与页面是同一对象',
        en: 'catalog and page are the same object',
      });
    updates.push({ num: catalogRef.num, gen: catalogRef.gen, value: withEntries(catalog, catalogChanges) });
  }

  const up = writeIncrementalUpdate(
    doc,
    updates,
    options.xrefStream !== undefined ? { xrefStream: options.xrefStream } : {},
  );
  const bytes = up.bytes;
  const body = up.bodyOffsets.get(sigNum) as number;
  const brAt = body + head.indexOf('/ByteRange [0 ') + '/ByteRange [0 '.length;
  const contentsStart = body + headBytes.length - 1;
  const contentsEnd = contentsStart + 2 + contentsSize * 2;
  const byteRange: [number, number, number, number] = [
    0,
    contentsStart,
    contentsEnd,
    bytes.length - contentsEnd,
  ];
  const brText = `${pad(byteRange[1])} ${pad(byteRange[2])} ${pad(byteRange[3])}`;
  bytes.set(enc.encode(brText), brAt);
  return { bytes, byteRange, contentsStart, contentsEnd, contentsSize, fieldName, signatureObject: sigNum };
}

/**
 * The DocMDP permission of a certified document (ISO 32000-1 §12.8.2.2: `/Perms /DocMDP` → signature
 * dictionary → `/Reference` → `/TransformParams /P`, default 2), or undefined when it is not certified.
 */
export function docMdpPermission(doc: PdfDocument): number | undefined {
  try {
    const perms = doc.resolve(doc.catalog.entries.get('Perms'));
    if (!isDict(perms)) return undefined;
    const sig = doc.resolve(perms.entries.get('DocMDP'));
    if (!isDict(sig)) return undefined;
    const refs = doc.resolve(sig.entries.get('Reference'));
    if (isArray(refs)) {
      for (const r of refs.items) {
        const rd = doc.resolve(r);
        if (!isDict(rd)) continue;
        const tp = doc.resolve(rd.entries.get('TransformParams'));
        if (isDict(tp)) return numberOf(doc.resolve(tp.entries.get('P'))) ?? 2;
      }
    }
    return 2;
  } catch {
    return undefined;
  }
}

function hasSignedField(doc: PdfDocument, fields: readonly PdfObject[]): boolean {
  return fields.some((f) => {
    const d = doc.resolve(f);
    return (
      isDict(d) &&
      d.entries.has('V') &&
      (d.entries.get('FT') as { value?: string } | undefined)?.value === 'Sig'
    );
  });
}

function pad(n: number): string {
  const s = String(n);
  if (s.length > BR_WIDTH)
    throw pdfArgumentError('ERR_PDF_TOO_LARGE', { zh: '文件过大', en: 'file too large' });
  return s.padEnd(BR_WIDTH, ' ');
}

function nameText(n: string): string {
  return new TextDecoder('latin1').decode(serializeObject(pdfName(n)));
}

function withEntry(d: PdfDict, key: string, value: PdfObject): PdfDict {
  const m = new Map(d.entries);
  m.set(key, value);
  return pdfDict(m);
}

function withEntries(d: PdfDict, values: Record<string, PdfObject>): PdfDict {
  const m = new Map(d.entries);
  for (const [k, v] of Object.entries(values)) m.set(k, v);
  return pdfDict(m);
}

/** The bytes a signature over `prepared` covers: the file without the `/Contents` hex string. */
export function byteRangeData(bytes: Uint8Array, byteRange: readonly number[]): Uint8Array {
  const [a = 0, b = 0, c = 0, d = 0] = byteRange;
  const out = new Uint8Array(b + d);
  out.set(bytes.subarray(a, a + b), 0);
  out.set(bytes.subarray(c, c + d), b);
  return out;
}

/**
 * Writes a DER signature container into the prepared `/Contents` (hex, zero-padded). Throws
 * `ERR_PDF_CONTENTS_TOO_SMALL` when it does not fit.
 */
export function embedSignatureContainer(prepared: PreparedPdfSignature, der: Uint8Array): Uint8Array {
  if (der.length > prepared.contentsSize) {
    throw pdfArgumentError(
      'ERR_PDF_CONTENTS_TOO_SMALL',
      {
        zh: `签名容器 ${der.length} 字节，超过预留的 ${prepared.contentsSize} 字节；请增大 contentsSize`,
        en: `signature container of ${der.length} bytes exceeds the ${prepared.contentsSize} bytes reserved; raise contentsSize`,
      },
      'contentsSize',
    );
  }
  const out = Uint8Array.from(prepared.bytes);
  const hex = new TextEncoder().encode(Array.from(der, (b) => b.toString(16).padStart(2, '0')).join(''));
  out.set(hex, prepared.contentsStart + 1);
  return out;
}

/** Reads the numbers of a `/ByteRange` array (helper shared with the verifier). */
export function byteRangeOf(d: PdfDict): number[] | undefined {
  const br = d.entries.get('ByteRange');
  if (!isArray(br)) return undefined;
  const nums = br.items.map((x) => numberOf(x));
  return nums.every((n): n is number => n !== undefined && Number.isInteger(n) && n >= 0) ? nums : undefined;
}
