// @gbkit/ofd throughput on real files, each figure also given as a ratio against a reference measured in
// the same run: fflate's unzipSync of the whole package (what any reader must at least do) and
// fast-xml-parser (preserveOrder) on the same page content. Imports the BUILT package
// (pnpm --filter @gbkit/ofd... build). Corpus: ../shared/corpus/e-seal (1.ofd, draw_param_ref.ofd).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, measure } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = process.env.GBKIT_CORPUS ?? join(here, '..', '..', 'shared', 'corpus');
const requireOfd = createRequire(join(here, '..', 'packages', 'ofd', 'package.json'));

export default async function ({ quick = false } = {}) {
  const ofd = await import('@gbkit/ofd');
  await ofd.loadNativeInflate();
  const fflate = requireOfd('fflate');
  const { XMLParser } = await import('fast-xml-parser');
  if (!existsSync(join(corpus, 'e-seal', '1.ofd'))) {
    console.log(`!! corpus not found at ${corpus}: ofd bench skipped`);
    return;
  }
  const invoice = new Uint8Array(readFileSync(join(corpus, 'e-seal', '1.ofd')));
  const big = new Uint8Array(readFileSync(join(corpus, 'e-seal', 'draw_param_ref.ofd')));
  const pagePath = '/Doc_0/Pages/Page_1/Content.xml';
  const pageBytes = ofd.OfdPackage.open(big).read(pagePath);
  const pageText = new TextDecoder().decode(pageBytes);
  const fxp = new XMLParser({
    ignoreAttributes: false,
    preserveOrder: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
  });
  const refs = ofd.openOfd(invoice).signatures[0].signature.references.map((r) => r.target.path);
  const sample = () => {
    const b = new ofd.OfdBuilder({ docInfo: { title: '通知', customData: { 文号: '2026-001' } } });
    b.addPage()
      .text('关于开展测试工作的通知', { x: 30, y: 30, size: 6 })
      .line(30, 40, 180, 40)
      .qrCode('https://example.gov.cn/v/1', { x: 160, y: 250 });
    return b.build();
  };
  const opts = quick ? { windows: 3, ms: 300, warmupMs: 200 } : { windows: 7, ms: 600, warmupMs: 400 };
  const rows = [
    ['fflate unzipSync, whole 1.ofd (reference)', () => fflate.unzipSync(invoice)],
    [
      'OfdPackage.open(1.ofd) + read every part',
      () => {
        const p = ofd.OfdPackage.open(invoice);
        for (const x of p.paths()) p.read(x);
      },
    ],
    ['**openOfd(1.ofd): full model incl. signatures**', () => ofd.openOfd(invoice)],
    [
      'openOfd(1.ofd) + read the 13 referenced parts (what a verifier needs)',
      () => {
        const o = ofd.openOfd(invoice);
        for (const r of refs) o.read(r);
      },
    ],
    [
      'OfdPackage.withAdded on 1.ofd (append writer)',
      () => ofd.OfdPackage.open(invoice).withAdded({ '/Doc_0/Signs/Sign_1/x.dat': new Uint8Array(8) }),
    ],
    ['OfdBuilder: one-page notice with QR code', sample],
  ];
  const pageRows = [
    ['fast-xml-parser preserveOrder, 36 KB page (reference)', () => fxp.parse(pageText)],
    [
      'parsePageContent, same page',
      () => ofd.parsePageContent(pageBytes, pagePath, { mode: 'lenient', warn() {} }),
    ],
  ];
  const res = rows.map(([n, f]) => [n, measure(f, opts).median]);
  const pres = pageRows.map(([n, f]) => [n, measure(f, opts).median]);
  console.log(
    `Node ${process.version}; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; 1.ofd = ${invoice.length} bytes, 27 entries.\n`,
  );
  console.log('| operation | ops/s (median) | ratio to reference |');
  console.log('|---|---:|---:|');
  for (const [n, v] of res) console.log(`| ${n} | ${fmt(v)} | ${(v / res[0][1]).toFixed(2)} |`);
  for (const [n, v] of pres) console.log(`| ${n} | ${fmt(v)} | ${(v / pres[0][1]).toFixed(2)} |`);
}

if (import.meta.url === `file://${process.argv[1]}`)
  await (await import('./ofd.bench.mjs')).default({ quick: process.argv.includes('--quick') });
