import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  escapeHtml,
  FULL_SECTIONS,
  flowChartSvg,
  ImplementationItemSchema,
  renderGuideHtml,
  SHORT_SECTIONS,
} from '@gbkit/guide-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_FILES, loadExample } from './helpers.js';

const load = (n: keyof typeof EXAMPLE_FILES) => ImplementationItemSchema.parse(loadExample(n));

describe('HTML rendering', () => {
  it.each(Object.keys(EXAMPLE_FILES))('%s renders a full and a short self-contained page', (name) => {
    const g = load(name as keyof typeof EXAMPLE_FILES);
    const html = renderGuideHtml(g);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    for (const s of FULL_SECTIONS) expect(html).toContain(`data-section="${s}"`);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain('@page{size:A4');
    expect(html).toContain('<svg');
    expect(html).toContain(escapeHtml(g.taskName));
    for (const m of g.materials ?? []) expect(html).toContain(escapeHtml(m.materialName));
    for (const s of g.situations ?? []) expect(html).toContain(escapeHtml(s.conditionName));
    const short = renderGuideHtml(g, { short: true });
    for (const s of SHORT_SECTIONS) expect(short).toContain(`data-section="${s}"`);
    expect(short).toContain('简版办事指南');
    expect(short.length).toBeLessThan(html.length);
  });
  it('escapes every text value', () => {
    const g = load('useRegistration');
    const evil = '<script>alert("x")</script>&\'';
    const html = renderGuideHtml({
      ...g,
      taskName: evil,
      acceptCondition: evil,
      materials: g.materials?.map((m) => ({ ...m, materialName: evil, remark: evil })),
      steps: g.steps?.map((s) => ({ ...s, stepName: evil, actor: evil })),
      faq: [{ question: evil, answer: evil, orderNum: 1 }],
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(renderGuideHtml({ ...g, taskName: evil }, { short: true })).not.toContain('<script>');
  });
  it('draws one box per step in order, special steps dashed', () => {
    const g = load('periodicInspection');
    const svg = flowChartSvg(g.steps ?? []);
    expect(svg.match(/<g class="step">/g)?.length).toBe(5);
    expect(svg.match(/stroke-dasharray/g)?.length).toBe(1);
    expect(svg.indexOf('提出定期检验申请')).toBeLessThan(svg.indexOf('整改与复检'));
    expect(svg).toMatch(/viewBox="0 0 640 \d+"/);
  });
});

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM)
  console.warn(
    `!! SKIPPING the Chromium rendering checks: ${CHROMIUM} is missing (apt-get install -y chromium)`,
  );

// A4 is 210 mm wide; the page CSS uses 15 mm margins, so the printable width is 180 mm = 680.3 px at 96 dpi.
const PRINT_WIDTH_PX = (180 / 25.4) * 96;

describe.skipIf(!HAVE_CHROMIUM)('in Chromium (playwright-core)', () => {
  let browser: import('playwright-core').Browser;
  const outDir = mkdtempSync(join(tmpdir(), 'gbkit-guide-render-'));
  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
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
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const name of Object.keys(EXAMPLE_FILES) as (keyof typeof EXAMPLE_FILES)[]) {
    for (const short of [false, true]) {
      it(`${name}${short ? ' (简版)' : ''}: sections present, nothing wider than the A4 print area`, async () => {
        const html = renderGuideHtml(load(name), { short });
        const page = await browser.newPage({ viewport: { width: Math.floor(PRINT_WIDTH_PX), height: 1123 } });
        try {
          const requests: string[] = [];
          page.on('request', (r) => {
            if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
          });
          await page.setContent(html, { waitUntil: 'load' });
          await page.emulateMedia({ media: 'print' });
          const result = await page.evaluate((limit) => {
            const sections = Array.from(document.querySelectorAll('section[data-section]')).map((s) =>
              s.getAttribute('data-section'),
            );
            const over: string[] = [];
            for (const el of Array.from(document.querySelectorAll('body *'))) {
              const r = el.getBoundingClientRect();
              if (el.scrollWidth > limit + 1 || r.right > limit + 1 || r.left < -1)
                over.push(`${el.tagName}.${el.className} ${Math.round(r.right)} ${el.scrollWidth}`);
            }
            return {
              sections,
              over,
              docWidth: document.documentElement.scrollWidth,
              svg: document.querySelectorAll('svg g.step').length,
            };
          }, PRINT_WIDTH_PX);
          expect(result.sections).toEqual([...(short ? SHORT_SECTIONS : FULL_SECTIONS)]);
          expect(result.over).toEqual([]);
          expect(result.docWidth).toBeLessThanOrEqual(Math.ceil(PRINT_WIDTH_PX));
          if (!short) expect(result.svg).toBe(load(name).steps?.length ?? 0);
          expect(requests).toEqual([]);
          const shot = join(outDir, `${name}${short ? '-short' : ''}.png`);
          await page.screenshot({ path: shot, fullPage: true });
          expect(existsSync(shot)).toBe(true);
          if (!short && name === 'useRegistration') {
            const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
            writeFileSync(join(outDir, `${name}.pdf`), pdf);
            expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
          }
        } finally {
          await page.close();
        }
      });
    }
  }
  it('the overflow check itself catches a too-wide element (negative control)', async () => {
    const page = await browser.newPage({ viewport: { width: Math.floor(PRINT_WIDTH_PX), height: 600 } });
    try {
      const html = renderGuideHtml(load('periodicInspection')).replace(
        '<footer>',
        '<div style="width:200mm">x</div><footer>',
      );
      await page.setContent(html);
      await page.emulateMedia({ media: 'print' });
      const wide = await page.evaluate(
        (limit) =>
          Array.from(document.querySelectorAll('body *')).filter(
            (el) => el.getBoundingClientRect().right > limit + 1,
          ).length,
        PRINT_WIDTH_PX,
      );
      expect(wide).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
  afterAll(() => {
    console.info(`guide screenshots: ${outDir}`);
  });
});
