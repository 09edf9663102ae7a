/**
 * Embedding a font subset in an e-licence OFD. GB/T 36905 expects a licence file to display the same
 * everywhere, which for a layout document means the fonts it draws with travel inside it (GB/T 33190
 * §11.1 `Font/FontFile`). The font program is the agency's choice (its licence must allow embedding);
 * gbkit ships none. This module cuts the program down to exactly the characters the licence draws.
 *
 * @module
 */
import { InvalidArgumentError } from '@gbkit/core';
import { type FontInput, fontAdvances, openOfd, type PageObject, subsetFont } from '@gbkit/ofd';
import { type IssueOptions, renderLicenseOfd } from './issue.js';

/** A full font program to subset (TrueType or OpenType, not a collection). */
export interface LicenseFontProgram {
  /** The name texts refer to (`FontName`), e.g. `思源宋体`. */
  readonly name: string;
  /** The TTF/OTF bytes. */
  readonly data: Uint8Array;
}

function collectText(objects: readonly PageObject[], into: Set<string>): void {
  for (const o of objects) {
    if (o.kind === 'text') for (const ch of o.text) into.add(ch);
    else if (o.kind === 'block') collectText(o.objects, into);
  }
}

/**
 * The characters a licence's pages draw, in code-point order. The licence is rendered once with the
 * font named but not embedded, and the text is read back from the OFD (so titles, labels, values,
 * wrapped lines and the copy watermark are all counted).
 */
export function licenseCharacters(o: Omit<IssueOptions, 'font'>, fontName: string): string {
  const { ofd } = renderLicenseOfd({ ...o, font: { name: fontName } });
  const doc = openOfd(ofd);
  const chars = new Set<string>();
  const pages = doc.documents[0]?.document?.pages.length ?? 0;
  for (let i = 0; i < pages; i++) for (const layer of doc.page(i).layers) collectText(layer.objects, chars);
  return [...chars].sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number)).join('');
}

/**
 * Makes the {@link FontInput} to pass as `IssueOptions.font`: the font program subset to the characters
 * this licence draws (HarfBuzz through the optional dependency `subset-font` of `@gbkit/ofd`), with the
 * subset's advance widths so text is placed with the real glyph widths.
 *
 * @param options.allowMissing - accept a font that lacks some characters the licence draws (e.g. a
 *   CJK-only fallback font without Latin digits); viewers then draw those with a substitute font.
 *   Default `false`.
 * @throws InvalidArgumentError `ERR_LIC_FONT_MISSING_GLYPHS` when the font lacks characters the licence
 *   draws (they could show as boxes) and `allowMissing` is not set, naming them.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { issueLicense, prepareLicenseFont } from '@gbkit/e-license';
 * const base = { profile, data };
 * const font = await prepareLicenseFont(base, { name: 'Droid Sans Fallback', data: readFileSync(ttfPath) });
 * const ofd = issueLicense({ ...base, font, signer, seal });   // the OFD embeds Doc_0/Res/font_1.ttf
 * ```
 */
export async function prepareLicenseFont(
  o: Omit<IssueOptions, 'font'>,
  font: LicenseFontProgram,
  options: { readonly allowMissing?: boolean } = {},
): Promise<FontInput> {
  const text = licenseCharacters(o, font.name);
  const full = fontAdvances(font.data, text);
  const missing = [...text].filter((ch) => !full.has(ch.codePointAt(0) as number) && ch.trim() !== '');
  if (missing.length > 0 && !options.allowMissing) {
    throw new InvalidArgumentError(
      'ERR_LIC_FONT_MISSING_GLYPHS',
      {
        zh: `字体 ${font.name} 缺少证照所需的字符：${missing.join('')}`,
        en: `font ${font.name} lacks characters the licence draws: ${missing.join('')}`,
      },
      { location: { field: 'font' }, details: { missing } },
    );
  }
  const data = await subsetFont(font.data, text);
  return { name: font.name, data, advances: fontAdvances(data, text) };
}
