/**
 * Stream filters needed to read PDF structure (ISO 32000-1 §7.4): `FlateDecode` with the PNG and TIFF
 * predictors of §7.4.4.4 (cross-reference and object streams use them). Decoding is bounded by a
 * maximum output size against decompression bombs.
 *
 * @module
 */
import { Unzlib } from 'fflate';
import { pdfFormatError, pdfLimitError } from './errors.js';
import { isArray, isDict, nameOf, numberOf, type PdfObject, type PdfStream } from './objects.js';

/** Largest decoded stream the structure reader accepts (bytes). */
export const MAX_DECODED_STREAM = 64 * 1024 * 1024;

/** Decodes a stream's data through its `/Filter` chain (FlateDecode only; others are rejected). */
export function decodeStream(stream: PdfStream, maxSize = MAX_DECODED_STREAM): Uint8Array {
  const f = stream.dict.entries.get('Filter');
  const filters = f === undefined || f === null ? [] : isArray(f) ? f.items.map(nameOf) : [nameOf(f)];
  const p = stream.dict.entries.get('DecodeParms');
  const parms: (PdfObject | undefined)[] = isArray(p) ? p.items : [p];
  let data = stream.data;
  filters.forEach((name, i) => {
    if (name !== 'FlateDecode' && name !== 'Fl') {
      throw pdfFormatError(
        'ERR_PDF_FILTER',
        { zh: `不支持的流过滤器 ${name ?? '?'}`, en: `unsupported stream filter ${name ?? '?'}` },
        stream.dataStart,
      );
    }
    data = inflateBounded(data, maxSize, stream.dataStart);
    data = applyPredictor(data, parms[i], stream.dataStart);
  });
  return data;
}

/**
 * zlib inflation that stops as soon as the output exceeds `maxSize` (input is fed in 16 KiB chunks, so
 * a decompression bomb never allocates much more than the limit).
 */
export function inflateBounded(input: Uint8Array, maxSize: number, offset = 0): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const z = new Unzlib((chunk) => {
    total += chunk.length;
    if (total > maxSize) over = true;
    else chunks.push(chunk);
  });
  try {
    const step = 16 * 1024;
    for (let i = 0; i < input.length && !over; i += step) {
      z.push(input.subarray(i, Math.min(input.length, i + step)), i + step >= input.length);
    }
  } catch (e) {
    throw pdfFormatError(
      'ERR_PDF_FLATE',
      { zh: 'Flate 数据解压失败', en: 'Flate data could not be inflated' },
      offset,
      {
        cause: String(e),
      },
    );
  }
  if (over) throw pdfLimitError('decoded stream size', maxSize, offset);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function applyPredictor(data: Uint8Array, parms: PdfObject | undefined, offset: number): Uint8Array {
  if (!isDict(parms)) return data;
  const predictor = numberOf(parms.entries.get('Predictor')) ?? 1;
  if (predictor === 1) return data;
  const colors = numberOf(parms.entries.get('Colors')) ?? 1;
  const bpc = numberOf(parms.entries.get('BitsPerComponent')) ?? 8;
  const columns = numberOf(parms.entries.get('Columns')) ?? 1;
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLen = Math.ceil((colors * bpc * columns) / 8);
  if (rowLen <= 0 || rowLen > 1 << 20) {
    throw pdfFormatError(
      'ERR_PDF_PREDICTOR',
      { zh: '预测器参数无效', en: 'invalid predictor parameters' },
      offset,
    );
  }
  if (predictor === 2) {
    if (bpc !== 8)
      throw pdfFormatError(
        'ERR_PDF_PREDICTOR',
        { zh: '不支持的 TIFF 预测器位深', en: 'unsupported TIFF predictor depth' },
        offset,
      );
    const out = Uint8Array.from(data);
    for (let r = 0; r + rowLen <= out.length; r += rowLen) {
      for (let i = bpp; i < rowLen; i++)
        out[r + i] = ((out[r + i] as number) + (out[r + i - bpp] as number)) & 0xff;
    }
    return out;
  }
  if (predictor < 10) {
    throw pdfFormatError(
      'ERR_PDF_PREDICTOR',
      { zh: `不支持的预测器 ${predictor}`, en: `unsupported predictor ${predictor}` },
      offset,
    );
  }
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  const prev = new Uint8Array(rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)] as number;
    const src = data.subarray(r * (rowLen + 1) + 1, (r + 1) * (rowLen + 1));
    const row = out.subarray(r * rowLen, (r + 1) * rowLen);
    for (let i = 0; i < rowLen; i++) {
      const x = src[i] as number;
      const a = i >= bpp ? (row[i - bpp] as number) : 0;
      const up = prev[i] as number;
      const c = i >= bpp ? (prev[i - bpp] as number) : 0;
      let v: number;
      switch (type) {
        case 0:
          v = x;
          break;
        case 1:
          v = x + a;
          break;
        case 2:
          v = x + up;
          break;
        case 3:
          v = x + ((a + up) >> 1);
          break;
        case 4: {
          const p = a + up - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? up : c);
          break;
        }
        default:
          throw pdfFormatError(
            'ERR_PDF_PREDICTOR',
            { zh: `PNG 行过滤类型 ${type} 无效`, en: `invalid PNG row filter ${type}` },
            offset,
          );
      }
      row[i] = v & 0xff;
    }
    prev.set(row);
  }
  return out;
}
