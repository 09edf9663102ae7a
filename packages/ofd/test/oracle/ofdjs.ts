/**
 * The independent reader used by `ofdjs.test.ts`: npm `ofd.js@0.2.6` (Apache-2.0, DLTech21's original
 * open-source OFD reader; JSZip + its own XML/SES parsers, no licence check and no WebAssembly core) run
 * in Debian Chromium through playwright-core. Its built bundle `ofd.js/lib/ofd.umd.js` is injected into
 * a blank page together with `ofdjs-page.js`, which calls `ofd.parseOfdDocument` and
 * `ofd.renderOfdByScale` and reports pages, page sizes, rendered text, decoded images and stamped
 * signatures. ofd.js is a browser library (it decodes images through `Image`, draws with SVG/DOM), so a
 * real browser is used instead of a Node shim; nothing in it is patched or stubbed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's Chromium, the browser the tests drive. */
export const CHROMIUM = '/usr/bin/chromium';
/** Whether the browser is installed (the ofd.js tests skip loudly without it). */
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

/** One page as ofd.js laid it out. */
export interface OfdJsPage {
  /** The page ID ofd.js used as the `<div>` id. */
  id: string;
  /** Page width and height in mm (ofd.js's CSS px divided by its page scale). */
  width: number;
  height: number;
  /** Text of each rendered text object, in ofd.js's drawing order (seal appearances excluded). */
  texts: string[];
  /** Number of `<image>`/`<canvas>` elements ofd.js drew on the page. */
  images: number;
  /** Number of SVG `<path>` elements ofd.js drew for path objects (seal appearances excluded). */
  paths: number;
}

/** What ofd.js read from one file. */
export interface OfdJsResult {
  ok: boolean;
  error?: string;
  pages: OfdJsPage[];
  /** Multimedia resources ofd.js loaded, with the size the browser decoded for images. */
  media: { id: string; format: string; width?: number; height?: number }[];
  /** Signatures ofd.js placed on pages as stamps (one entry per stamped page). */
  signatures: { id: string; pageId: string; type: string; verified: boolean }[];
}

/** A running Chromium with ofd.js ready to read files. */
export interface OfdJsReader {
  read(bytes: Uint8Array): Promise<OfdJsResult>;
  close(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const requireFromPackage = createRequire(join(here, '..', '..', 'package.json'));

/** Launches Chromium and loads the ofd.js bundle into one blank page. */
export async function launchOfdJs(): Promise<OfdJsReader> {
  const { chromium } = await import('playwright-core');
  const bundle = readFileSync(requireFromPackage.resolve('ofd.js/lib/ofd.umd.js'), 'utf8');
  const glue = readFileSync(join(here, 'ofdjs-page.js'), 'utf8');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage();
  // ofd.js needs nothing from the network: refuse every request that is not inline data
  await page.route(/^(?!data:|blob:|about:)/, (r) => r.abort());
  await page.setContent('<!DOCTYPE html><html><body></body></html>');
  await page.addScriptTag({ content: bundle });
  await page.addScriptTag({ content: glue });
  return {
    // one page serves every file: each call parses from scratch and removes what it rendered
    read: (bytes) =>
      page.evaluate(
        (data) =>
          (
            globalThis as unknown as { gbkitReadWithOfdJs(b64: string): Promise<OfdJsResult> }
          ).gbkitReadWithOfdJs(data),
        Buffer.from(bytes).toString('base64'),
      ),
    close: () => browser.close(),
  };
}
