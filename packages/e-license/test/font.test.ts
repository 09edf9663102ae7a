import { existsSync, readFileSync } from 'node:fs';
import { isGbkitError } from '@gbkit/core';
import {
  issueLicense,
  licenseCharacters,
  prepareLicenseFont,
  TZSB_USE_REGISTRATION,
  validateLicenseFile,
} from '@gbkit/e-license';
import { fontAdvances, openOfd } from '@gbkit/ofd';
import { beforeAll, describe, expect, it } from 'vitest';
import { AT, type Fixture, fixture, SAMPLES, SIGNING_TIME } from './helpers.js';

/** An open-licensed CJK TrueType font from Debian (`fonts-droid-fallback`, Apache-2.0), installed by .ci/run. */
const CJK_FONT = '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf';
/** A Latin-only font (`fonts-dejavu-core`), to show the missing-glyph error. */
const LATIN_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const HAVE_CJK = existsSync(CJK_FONT);
if (!HAVE_CJK)
  console.warn(
    `\n!! SKIPPING embedded-font licence tests: ${CJK_FONT} missing (apt-get install fonts-droid-fallback)\n`,
  );

let fx: Fixture;
beforeAll(async () => {
  fx = await fixture();
});

(HAVE_CJK ? describe : describe.skip)('licences with an embedded font subset', () => {
  const base = () => ({ profile: TZSB_USE_REGISTRATION, data: SAMPLES[TZSB_USE_REGISTRATION.id]!, at: AT });

  it('subsets the font to exactly the characters drawn, embeds it, and still validates', async () => {
    const program = new Uint8Array(readFileSync(CJK_FONT));
    const chars = licenseCharacters(base(), 'Droid Sans Fallback');
    expect(chars).toContain('特');
    expect(chars).toContain('长'); // the holder's name
    // Droid Sans Fallback covers CJK only: its Latin digits and letters are drawn by the viewer's font.
    await expect(prepareLicenseFont(base(), { name: 'Droid Sans Fallback', data: program })).rejects.toThrow(
      /0123/,
    );
    const font = await prepareLicenseFont(
      base(),
      { name: 'Droid Sans Fallback', data: program },
      { allowMissing: true },
    );
    expect(font.data!.length).toBeLessThan(program.length / 10);
    // every Chinese character drawn has a glyph (an advance) in the subset
    const adv = fontAdvances(font.data!, chars);
    const cjk = [...chars].filter((ch) => /\p{Script=Han}/u.test(ch));
    expect(cjk.length).toBeGreaterThan(20);
    for (const ch of cjk) expect(adv.has(ch.codePointAt(0)!), ch).toBe(true);

    const ofd = issueLicense({
      ...base(),
      font,
      signer: fx.pki.signer,
      seal: fx.seal,
      signingTime: SIGNING_TIME,
    });
    const doc = openOfd(ofd);
    const embedded = doc.package.paths().filter((p) => /\/Res\/font_\d+\.(ttf|otf)$/i.test(p));
    expect(embedded).toHaveLength(1);
    expect(doc.read(embedded[0]!)).toEqual(font.data);
    const v = await validateLicenseFile(ofd, { policy: fx.policy, at: AT });
    expect(v.report.ok).toBe(true);
  });

  it('refuses a font that lacks characters the licence draws, naming them', async () => {
    if (!existsSync(LATIN_FONT)) return console.warn(`!! ${LATIN_FONT} missing: missing-glyph case not run`);
    const latin = new Uint8Array(readFileSync(LATIN_FONT));
    const err = await prepareLicenseFont(base(), { name: 'DejaVu Sans', data: latin }).catch(
      (e: unknown) => e,
    );
    expect(isGbkitError(err, 'ERR_LIC_FONT_MISSING_GLYPHS')).toBe(true);
    expect((err as Error).message).toContain('特');
  });
});
