/**
 * Fonts for the writer: subsetting a font program to the characters a document uses (so a CJK font of
 * several MB shrinks to a few kB), and the horizontal advances of those characters, read from the
 * font's `cmap`, `hmtx`, `hhea` and `head` tables (OpenType spec), for exact `DeltaX` values.
 *
 * Subsetting uses the optional dependency `subset-font` (HarfBuzz `hb-subset` compiled to WebAssembly
 * and shipped inside the npm package: no download at run time). It is loaded with a dynamic import only
 * when {@link subsetFont} is called, so reading OFD files never needs it.
 *
 * An open-licensed CJK font on npm with whole OTF files: `node-source-han-sans-sc` (Adobe Source Han
 * Sans SC, SIL Open Font License 1.1; about 184 MB, so it is not a dependency of this package):
 * `subsetFont(readFileSync(require.resolve('node-source-han-sans-sc/SourceHanSansSC-Regular.otf')), text)`.
 * @module
 */
import { FormatError, UnsupportedError } from '@gbkit/core';

/**
 * A subset of `font` (TTF or OTF bytes) holding the glyphs of `text`, as an sfnt (TrueType or CFF
 * outlines as in the input). Throws `UnsupportedError(ERR_OFD_SUBSET_UNAVAILABLE)` when the optional
 * dependency `subset-font` is not installed, `FormatError(ERR_OFD_FONT)` when the font is unreadable.
 *
 * @example
 * ```ts
 * import { OfdBuilder, fontAdvances, subsetFont } from '@gbkit/ofd';
 * const text = '关于开展测试工作的通知';
 * const sub = await subsetFont(fontBytes, text);
 * const b = new OfdBuilder();
 * b.addFont({ name: '思源黑体', data: sub, advances: fontAdvances(sub, text) });
 * b.addPage().text(text, { x: 30, y: 30, font: '思源黑体' });
 * ```
 */
export async function subsetFont(font: Uint8Array, text: string): Promise<Uint8Array> {
  type Subset = (
    buf: Uint8Array,
    text: string,
    opts: { targetFormat: 'sfnt' | 'truetype' },
  ) => Promise<Uint8Array>;
  let fn: Subset;
  try {
    const spec = 'subset-font';
    const mod: unknown = await import(/* @vite-ignore */ /* webpackIgnore: true */ spec);
    const candidate: unknown = typeof mod === 'function' ? mod : (mod as { default?: unknown }).default;
    if (typeof candidate !== 'function') throw new TypeError('subset-font has no default export');
    fn = candidate as Subset;
  } catch (e) {
    throw new UnsupportedError(
      'ERR_OFD_SUBSET_UNAVAILABLE',
      {
        zh: '字体子集化需要可选依赖 subset-font',
        en: 'font subsetting needs the optional dependency subset-font',
      },
      { cause: e },
    );
  }
  sfntTables(font); // fail early, with our error, on what is not a font
  const input =
    typeof Buffer !== 'undefined' ? Buffer.from(font.buffer, font.byteOffset, font.byteLength) : font;
  try {
    const out = await fn(input, text, { targetFormat: 'sfnt' });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (e) {
    throw new FormatError(
      'ERR_OFD_FONT',
      { zh: '字体无法子集化', en: 'the font cannot be subset' },
      { cause: e },
    );
  }
}

function fontError(en: string, zh: string): FormatError {
  return new FormatError('ERR_OFD_FONT', { zh: `字体无法读取：${zh}`, en: `unreadable font: ${en}` });
}

/** The table directory of an sfnt (TrueType `00010000`/`true` or CFF `OTTO`). */
function sfntTables(font: Uint8Array): Map<string, { offset: number; length: number }> {
  if (font.length < 12) throw fontError('too short', '太短');
  const dv = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tag = dv.getUint32(0);
  if (tag === 0x74746366)
    throw fontError('font collections (.ttc) are not supported: extract one face', '不支持字体集合（.ttc）');
  if (tag !== 0x00010000 && tag !== 0x4f54544f && tag !== 0x74727565)
    throw fontError('not a TrueType/OpenType font', '不是 TrueType/OpenType 字体');
  const n = dv.getUint16(4);
  if (12 + 16 * n > font.length) throw fontError('table directory out of range', '表目录越界');
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < n; i++) {
    const p = 12 + 16 * i;
    const name = String.fromCharCode(
      font[p] as number,
      font[p + 1] as number,
      font[p + 2] as number,
      font[p + 3] as number,
    );
    const offset = dv.getUint32(p + 8);
    const length = dv.getUint32(p + 12);
    if (offset + length > font.length) throw fontError(`table ${name} out of range`, `表 ${name} 越界`);
    tables.set(name, { offset, length });
  }
  return tables;
}

/** Glyph ID of a code point through a `cmap` subtable (formats 4 and 12). */
function glyphLookup(dv: DataView, cmap: { offset: number; length: number }): (cp: number) => number {
  const base = cmap.offset;
  const num = dv.getUint16(base + 2);
  let best: { format: number; offset: number; rank: number } | undefined;
  for (let i = 0; i < num; i++) {
    const r = base + 4 + 8 * i;
    const platform = dv.getUint16(r);
    const encoding = dv.getUint16(r + 2);
    const off = base + dv.getUint32(r + 4);
    if (off + 4 > dv.byteLength) continue;
    const format = dv.getUint16(off);
    const rank =
      format === 12 && (platform === 3 || platform === 0)
        ? 3
        : format === 4 && ((platform === 3 && (encoding === 1 || encoding === 10)) || platform === 0)
          ? 2
          : 0;
    if (rank > 0 && (!best || rank > best.rank)) best = { format, offset: off, rank };
  }
  if (!best) throw fontError('no Unicode cmap (format 4 or 12)', '没有 Unicode cmap');
  const o = best.offset;
  if (best.format === 12) {
    const groups = dv.getUint32(o + 12);
    return (cp) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const g = o + 16 + 12 * mid;
        const start = dv.getUint32(g);
        const end = dv.getUint32(g + 4);
        if (cp < start) hi = mid - 1;
        else if (cp > end) lo = mid + 1;
        else return dv.getUint32(g + 8) + (cp - start);
      }
      return 0;
    };
  }
  const segX2 = dv.getUint16(o + 6);
  const ends = o + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let s = 0; s < segX2; s += 2) {
      if (cp > dv.getUint16(ends + s)) continue;
      const start = dv.getUint16(starts + s);
      if (cp < start) return 0;
      const delta = dv.getInt16(deltas + s);
      const ro = dv.getUint16(ranges + s);
      if (ro === 0) return (cp + delta) & 0xffff;
      const gp = ranges + s + ro + 2 * (cp - start);
      const g = dv.getUint16(gp);
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
}

/**
 * Horizontal advances of the characters of `text` in `font`, in em (advance ÷ unitsPerEm), for
 * {@link FontInput.advances}. Characters the font lacks are left out (the writer then uses its default
 * of 1 em for CJK/full-width and 0.5 em otherwise).
 */
export function fontAdvances(font: Uint8Array, text: string): Map<number, number> {
  const tables = sfntTables(font);
  const need = (t: string) => {
    const x = tables.get(t);
    if (!x) throw fontError(`no ${t} table`, `缺少 ${t} 表`);
    return x;
  };
  const dv = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const unitsPerEm = dv.getUint16(need('head').offset + 18);
  const nMetrics = dv.getUint16(need('hhea').offset + 34);
  const hmtx = need('hmtx');
  if (unitsPerEm === 0 || nMetrics === 0 || nMetrics * 4 > hmtx.length)
    throw fontError('bad head/hhea/hmtx', 'head/hhea/hmtx 表无效');
  const glyph = glyphLookup(dv, need('cmap'));
  const out = new Map<number, number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (out.has(cp)) continue;
    const g = glyph(cp);
    if (g === 0) continue;
    const adv = dv.getUint16(hmtx.offset + 4 * Math.min(g, nMetrics - 1));
    out.set(cp, adv / unitsPerEm);
  }
  return out;
}
