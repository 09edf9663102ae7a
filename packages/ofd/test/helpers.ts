import { utf8 } from '@gbkit/core';
import { OfdBuilder, writeZip } from '@gbkit/ofd';

export const NS = 'http://www.ofdspec.org/2016';

/** A minimal OFD whose parts are given as strings (or bytes); `OFD.xml` etc. default to a one-page document. */
export function makeOfd(
  overrides: Record<string, string | Uint8Array | null> = {},
  prefix = 'ofd',
): Uint8Array {
  const p = prefix ? `${prefix}:` : '';
  const xmlns = prefix ? `xmlns:${prefix}="${NS}"` : `xmlns="${NS}"`;
  const parts: Record<string, string | Uint8Array | null> = {
    'OFD.xml': `<?xml version="1.0" encoding="UTF-8"?><${p}OFD ${xmlns} Version="1.1" DocType="OFD"><${p}DocBody><${p}DocInfo><${p}DocID>abc</${p}DocID><${p}Title>T &amp; &#x4e2d;</${p}Title><${p}CustomDatas><${p}CustomData Name="k">v</${p}CustomData></${p}CustomDatas></${p}DocInfo><${p}DocRoot>Doc_0/Document.xml</${p}DocRoot></${p}DocBody></${p}OFD>`,
    'Doc_0/Document.xml': `<?xml version="1.0" encoding="UTF-8"?><${p}Document ${xmlns}><${p}CommonData><${p}MaxUnitID>5</${p}MaxUnitID><${p}PageArea><${p}PhysicalBox>0 0 210 297</${p}PhysicalBox></${p}PageArea></${p}CommonData><${p}Pages><${p}Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></${p}Pages></${p}Document>`,
    'Doc_0/Pages/Page_0/Content.xml': `<?xml version="1.0" encoding="UTF-8"?><${p}Page ${xmlns}><${p}Content><${p}Layer ID="2"><${p}PathObject ID="3" Boundary="0 0 10 10"><${p}AbbreviatedData>M 0 0 L 10 10</${p}AbbreviatedData></${p}PathObject><${p}TextObject ID="4" Boundary="0 0 50 10" Font="9" Size="5"><${p}TextCode X="0" Y="4">你好</${p}TextCode></${p}TextObject></${p}Layer></${p}Content></${p}Page>`,
    ...overrides,
  };
  return writeZip(
    Object.entries(parts)
      .filter((e): e is [string, string | Uint8Array] => e[1] !== null)
      .map(([name, v]) => ({ name, data: typeof v === 'string' ? utf8(v) : v })),
  );
}

// a 1×1 PNG and a tiny JPEG header are enough for the package (readers decode them lazily)
export const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

export function sampleDocument(): Uint8Array {
  const b = new OfdBuilder({
    docInfo: {
      title: '测试通知',
      author: '办公室',
      creationDate: '2026-11-30',
      customData: { 文号: '2026-001', 密级: '公开' },
    },
  });
  b.addPage()
    .text('关于开展测试工作的通知', { x: 30, y: 25, size: 6 })
    .text('第一行\n第二行 with ASCII', { x: 30, y: 40, font: '黑体', color: [200, 0, 0] })
    .line(30, 35, 180, 35, { lineWidth: 0.5 })
    .rect(30, 60, 40, 20, { fill: [230, 230, 230] })
    .image(PNG, { x: 100, y: 60, width: 20, height: 20 })
    .qrCode('https://example.gov.cn/verify?id=甲-001', { x: 160, y: 250, size: 25 });
  b.addPage({ width: 297, height: 210 }).text('横向第二页', { x: 10, y: 10 });
  b.addAttachment({ name: 'data.xml', data: utf8('<data>1</data>') });
  return b.build();
}
