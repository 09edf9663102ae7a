/**
 * Finding the signatures of a PDF (ISO 32000-1 §12.7.4.5 signature fields, §12.8.1 Table 252 signature
 * dictionary): the `/AcroForm` field tree is walked (bounded, cycle-safe, `/FT` inherited through
 * `/Kids`), and for every field of type `/Sig` with a value the signature dictionary is read with the
 * byte offsets of its `/Contents` string, which is what `/ByteRange` must leave out.
 *
 * @module
 */

import {
  decodeTextString,
  isArray,
  isDict,
  isRef,
  nameOf,
  numberOf,
  type PdfDict,
  type PdfObject,
  stringOf,
} from './objects.js';
import { parsePdfDate } from './placeholder.js';
import type { PdfDocument } from './reader.js';

/** One signature field with its signature dictionary. */
export interface PdfSignatureInfo {
  /** Fully qualified field name (`parent.child`). */
  readonly fieldName: string;
  /** Object number of the signature dictionary (undefined when it is a direct object of the field). */
  readonly objectNumber?: number;
  /** Where the signature dictionary lives: `file` (a top-level object), `object-stream` or `direct`. */
  readonly storage: 'file' | 'object-stream' | 'direct';
  readonly dict: PdfDict;
  /** `/Type` (should be `Sig`; `DocTimeStamp` for document timestamps). */
  readonly type?: string;
  readonly filter?: string;
  readonly subFilter?: string;
  /** `/ByteRange` numbers when they are all non-negative integers. */
  readonly byteRange?: readonly number[];
  /** The raw `/Contents` bytes (hex-decoded, trailing zero padding included). */
  readonly contents?: Uint8Array;
  /** Offsets of the `/Contents` string in the file: `<` and just after `>`. */
  readonly contentsStart?: number;
  readonly contentsEnd?: number;
  readonly contentsHex?: boolean;
  readonly name?: string;
  readonly reason?: string;
  readonly location?: string;
  readonly contactInfo?: string;
  /** `/M` as written, and parsed. */
  readonly m?: string;
  readonly signingTime?: Date;
}

/** Lists the signature fields with values, in field-tree order. */
export function findPdfSignatures(doc: PdfDocument): PdfSignatureInfo[] {
  return walkSignatureFields(doc).signed;
}

/** Names of signature fields that carry no signature yet (`/FT /Sig` without `/V`). */
export function findEmptySignatureFields(doc: PdfDocument): string[] {
  return walkSignatureFields(doc).empty;
}

function walkSignatureFields(doc: PdfDocument): { signed: PdfSignatureInfo[]; empty: string[] } {
  const out: PdfSignatureInfo[] = [];
  const empty: string[] = [];
  let acro: PdfObject;
  try {
    acro = doc.resolve(doc.catalog.entries.get('AcroForm'));
  } catch {
    return { signed: out, empty };
  }
  if (!isDict(acro)) return { signed: out, empty };
  const fields = doc.resolve(acro.entries.get('Fields'));
  if (!isArray(fields)) return { signed: out, empty };
  const seen = new Set<number>();
  let visited = 0;
  const walk = (f: PdfObject, parentName: string, inheritedFt: string | undefined, depth: number): void => {
    if (depth > 32 || ++visited > 100_000) return;
    if (isRef(f)) {
      if (seen.has(f.num)) return;
      seen.add(f.num);
    }
    const d = doc.resolve(f);
    if (!isDict(d)) return;
    const t = stringOf(d.entries.get('T'));
    const part = t ? decodeTextString(t.bytes) : '';
    const name = part ? (parentName ? `${parentName}.${part}` : part) : parentName;
    const ft = nameOf(d.entries.get('FT')) ?? inheritedFt;
    const kids = doc.resolve(d.entries.get('Kids'));
    const vEntry = d.entries.get('V');
    if (ft === 'Sig' && vEntry !== undefined) {
      const v = doc.resolve(vEntry);
      if (isDict(v)) out.push(describe(doc, name, vEntry, v));
    } else if (ft === 'Sig' && !isArray(kids) && nameOf(d.entries.get('FT')) === 'Sig') empty.push(name);
    if (isArray(kids)) for (const k of kids.items) walk(k, name, ft, depth + 1);
  };
  for (const f of fields.items) walk(f, '', undefined, 0);
  return { signed: out, empty };
}

function describe(doc: PdfDocument, fieldName: string, vEntry: PdfObject, v: PdfDict): PdfSignatureInfo {
  const text = (k: string): string | undefined => {
    const s = stringOf(v.entries.get(k));
    return s ? decodeTextString(s.bytes) : undefined;
  };
  const br = v.entries.get('ByteRange');
  const brNums = isArray(br) ? br.items.map((x) => numberOf(x)) : undefined;
  const byteRange = brNums?.every((n): n is number => n !== undefined && Number.isInteger(n) && n >= 0)
    ? brNums
    : undefined;
  const contents = stringOf(v.entries.get('Contents'));
  const objectNumber = isRef(vEntry) ? vEntry.num : undefined;
  const entry = objectNumber !== undefined ? doc.entry(objectNumber) : undefined;
  const storage = objectNumber === undefined ? 'direct' : entry?.type === 2 ? 'object-stream' : 'file';
  const m = text('M');
  const signingTime = m ? parsePdfDate(m) : undefined;
  const info: PdfSignatureInfo = {
    fieldName,
    storage,
    dict: v,
    ...(objectNumber !== undefined ? { objectNumber } : {}),
    ...opt('type', nameOf(v.entries.get('Type'))),
    ...opt('filter', nameOf(v.entries.get('Filter'))),
    ...opt('subFilter', nameOf(v.entries.get('SubFilter'))),
    ...(byteRange ? { byteRange } : {}),
    ...(contents
      ? {
          contents: contents.bytes,
          contentsHex: contents.hex,
          ...(storage === 'file' ? { contentsStart: contents.start, contentsEnd: contents.end } : {}),
        }
      : {}),
    ...opt('name', text('Name')),
    ...opt('reason', text('Reason')),
    ...opt('location', text('Location')),
    ...opt('contactInfo', text('ContactInfo')),
    ...opt('m', m),
    ...(signingTime ? { signingTime } : {}),
  };
  return info;
}

function opt<K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: V };
}
