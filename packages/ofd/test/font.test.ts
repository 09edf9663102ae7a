/**
 * Font subsetting (subset-font: HarfBuzz hb-subset in WebAssembly) and advance widths read from
 * cmap/hmtx, checked against HarfBuzz's own shaping (harfbuzzjs, the engine subset-font ships with) on
 * a real embedded TTF from the corpus (keyword.ofd's Font7.ttf, a CJK font of a Shandong government
 * document).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { flattenObjects, fontAdvances, OfdBuilder, openOfd, subsetFont } from '@gbkit/ofd';
import { expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';

const TEXT = '鲁（2020）泰安市不动产证明第0014777号';

async function harfbuzzAdvances(font: Uint8Array, text: string): Promise<number[]> {
  // harfbuzzjs is the HarfBuzz build that subset-font depends on (ESM only, not exported for require)
  const sf = createRequire(import.meta.url).resolve('subset-font');
  const entry = join(dirname(sf), '..', 'harfbuzzjs', 'dist', 'index.mjs');
  const hb = await import(pathToFileURL(entry).href);
  const blob = new hb.Blob(font);
  const face = new hb.Face(blob, 0);
  const hbFont = new hb.Font(face);
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  hb.shape(hbFont, buffer);
  const upem = face.upem as number;
  return (buffer.getGlyphPositions() as { xAdvance: number }[]).map((g) => g.xAdvance / upem);
}

describeCorpus('font subsetting and advances', () => {
  it('subsets a real CJK TTF to the characters used and embeds it', async () => {
    const ttf = openOfd(readCorpus('e-seal', 'keyword.ofd')).read('/Doc_0/Res/Font7.ttf');
    const sub = await subsetFont(ttf, TEXT);
    expect(sub.length).toBeLessThan(ttf.length / 10);
    // every character of the text is still mapped, and nothing else was needed
    const adv = fontAdvances(sub, TEXT);
    expect(new Set([...TEXT].filter((c) => adv.has(c.codePointAt(0)!)))).toEqual(new Set([...TEXT]));
    expect(fontAdvances(sub, '甲乙丙').size).toBe(0);
    const b = new OfdBuilder();
    b.addFont({ name: 'Sub', data: sub, advances: adv });
    b.addPage().text(TEXT, { x: 10, y: 10, size: 5, font: 'Sub' });
    const ofd = openOfd(b.build());
    const t = flattenObjects(ofd.page(0))[0]!;
    expect(t.kind === 'text' && t.text).toBe(TEXT);
    const dx = t.kind === 'text' ? t.codes[0]!.deltaX!.split(' ').map(Number) : [];
    const chars = [...TEXT];
    expect(dx).toEqual(
      chars.slice(0, -1).map((c) => Math.round(adv.get(c.codePointAt(0)!)! * 5 * 10000) / 10000),
    );
  });

  it('advances agree with HarfBuzz shaping, in the original font and in the subset', async () => {
    const ttf = openOfd(readCorpus('e-seal', 'keyword.ofd')).read('/Doc_0/Res/Font7.ttf');
    for (const font of [ttf, await subsetFont(ttf, TEXT)]) {
      const mine = fontAdvances(font, TEXT);
      const hb = await harfbuzzAdvances(font, TEXT);
      expect(hb).toHaveLength([...TEXT].length);
      expect([...TEXT].map((c) => mine.get(c.codePointAt(0)!))).toEqual(hb);
    }
  });

  it('rejects what is not a font', async () => {
    await expect(subsetFont(new TextEncoder().encode('not a font at all'), 'x')).rejects.toMatchObject({
      code: 'ERR_OFD_FONT',
    });
    expect(() => fontAdvances(new Uint8Array(20), 'x')).toThrow(
      expect.objectContaining({ code: 'ERR_OFD_FONT' }),
    );
  });
});

it('font module loads without the corpus', () => {
  expect(typeof subsetFont).toBe('function');
});
