import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guideDemoStep } from '../src/demo/guide.js';
import { runCli } from '../src/main.js';

const EX = resolve(__dirname, '..', '..', '..', 'examples', 'guides');
const REG = join(EX, 'special-equipment-use-registration.json');
const PERIODIC = join(EX, 'elevator-periodic-inspection.json');
const INSTALL = join(EX, 'elevator-installation-supervision.json');

function capture(lang: 'zh' | 'en' = 'zh', cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), lang, cwd }, out, err };
}

describe('gbkit guide validate', () => {
  it('exits 0 for the three example guides', async () => {
    const c = capture();
    expect(await runCli(['guide', 'validate', REG, PERIODIC, INSTALL], c.io)).toBe(0);
    expect(c.out.filter((l) => l.startsWith('✔'))).toHaveLength(3);
  });
  it('exits 1 and lists every problem (zh), or JSON with --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gbkit-guide-cli-'));
    const g = JSON.parse(readFileSync(REG, 'utf8'));
    g.promiseDay = 30;
    g.isFee = true;
    delete g.linkWay;
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(g));
    const c = capture('zh');
    expect(await runCli(['guide', 'validate', REG, bad], c.io)).toBe(1);
    const text = c.out.join('\n');
    expect(text).toContain('✘');
    expect(text).toContain('GUIDE-TIME-PROMISE');
    expect(text).toContain('GUIDE-FEE-ITEMS');
    expect(text).toContain('咨询方式（linkWay）');
    const j = capture('en');
    expect(await runCli(['guide', 'validate', '--json', bad], j.io)).toBe(1);
    const report = JSON.parse(j.out[0] as string);
    expect(report.ok).toBe(false);
    expect(report.counts.failed).toBe(3);
  });
  it('accepts a national exchange bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gbkit-guide-cli-'));
    const c = capture('en', dir);
    expect(await runCli(['guide', 'export', PERIODIC, '--to', 'exchange', '--out', 'rows.json'], c.io)).toBe(
      0,
    );
    const v = capture('en', dir);
    expect(await runCli(['guide', 'validate', 'rows.json'], v.io)).toBe(0);
  });
  it('usage errors exit 3', async () => {
    expect(await runCli(['guide', 'validate'], capture().io)).toBe(3);
    expect(await runCli(['guide', 'render', REG], capture().io)).toBe(3);
    expect(await runCli(['guide', 'export', REG, '--to', 'rdf'], capture().io)).toBe(3);
    expect(await runCli(['guide', 'validate', '/nonexistent/x.json'], capture().io)).toBe(3);
  });
});

describe('gbkit guide render / export', () => {
  it('renders full and short pages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gbkit-guide-cli-'));
    const c = capture('zh', dir);
    expect(await runCli(['guide', 'render', INSTALL, '--out', 'page.html'], c.io)).toBe(0);
    expect(await runCli(['guide', 'render', INSTALL, '--out', 'short.html', '--short'], c.io)).toBe(0);
    const page = readFileSync(join(dir, 'page.html'), 'utf8');
    expect(page).toContain('电梯安装监督检验');
    expect(page).toContain('<svg');
    expect(readFileSync(join(dir, 'short.html'), 'utf8')).toContain('简版办事指南');
  });
  it('exports CPSV-AP and schema.org JSON-LD to stdout', async () => {
    const c = capture('en');
    expect(await runCli(['guide', 'export', REG, '--to', 'cpsv'], c.io)).toBe(0);
    expect(JSON.parse(c.out.join('\n'))['@type']).toBe('cpsv:PublicService');
    const s = capture('en');
    expect(await runCli(['guide', 'export', REG, '--to', 'schema-org'], s.io)).toBe(0);
    expect(JSON.parse(s.out.join('\n'))['@type']).toBe('GovernmentService');
  });
  it('refuses to render a malformed guide (exit 3, names the problem)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gbkit-guide-cli-'));
    writeFileSync(join(dir, 'x.json'), JSON.stringify({ taskName: 'x' }));
    const c = capture('zh', dir);
    expect(await runCli(['guide', 'render', 'x.json', '--out', 'x.html'], c.io)).toBe(3);
    expect(c.err.join('\n')).toContain('ERR_GUIDE_INVALID');
    expect(existsSync(join(dir, 'x.html'))).toBe(false);
  });
});

describe('gbkit guide code check', () => {
  it('checks the Guangdong examples and rejects a corrupted one', async () => {
    const c = capture('en');
    expect(
      await runCli(
        [
          'guide',
          'code',
          'check',
          '11440100007482575H3440118009000',
          '114403006939513773344201505200802',
          '--split',
        ],
        c.io,
      ),
    ).toBe(0);
    expect(c.out.join('\n')).toContain('GUIDE-CODE-CATALOG');
    const b = capture('zh');
    expect(await runCli(['guide', 'code', 'check', '11440100007482575J3440118009000'], b.io)).toBe(1);
    expect(b.out.join('\n')).toContain('GUIDE-CODE-USCC');
  });
});

describe('demo step', () => {
  it('validates, shows the one-time notice and writes the pages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gbkit-guide-demo-'));
    const c = capture('zh');
    expect(await guideDemoStep.run(c.io, dir)).toBe(true);
    expect(existsSync(join(dir, 'guide-use-registration.html'))).toBe(true);
    expect(existsSync(join(dir, 'guide-use-registration-short.html'))).toBe(true);
    expect(c.out.join('\n')).toContain('GUIDE-TIME-PROMISE');
  });
});
