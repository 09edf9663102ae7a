/*
 * Runs ofd.js (npm ofd.js@1.5.0, an independent OFD reader: its parser is a WebAssembly core shipped in
 * the package) on one file under Node and prints what it read as JSON on stdout.
 *
 * ofd.js is a browser library: it needs `window`, a few `document` members and requestAnimationFrame at
 * load time, which the shim below provides (no rendering is done). Its built-in demo licence is only
 * accepted while the clock is inside its validity window, so the clock seen by this process is moved
 * to OFDJS_CLOCK (default 2025-06-01); nothing else is altered. In demo mode ofd.js replaces the
 * text of text objects with "DEMO" but keeps their count, IDs and pages.
 *
 * usage: node ofdjs-parse.cjs FILE.ofd… → a JSON array, one object per file
 */
'use strict';
const fs = require('node:fs');
const { createRequire } = require('node:module');

const RealDate = Date;
const offset = new RealDate(process.env.OFDJS_CLOCK || '2025-06-01T00:00:00Z').getTime() - RealDate.now();
globalThis.Date = class extends RealDate {
  constructor(...a) {
    if (a.length === 0) super(RealDate.now() + offset);
    else super(...a);
  }
  static now() {
    return RealDate.now() + offset;
  }
};
globalThis.window = globalThis;
globalThis.self = globalThis;
globalThis.requestAnimationFrame = (f) => setTimeout(() => f(Date.now()), 0);
globalThis.cancelAnimationFrame = clearTimeout;
const el = () => ({
  getContext: () => null,
  style: {},
  setAttribute() {},
  appendChild() {},
  classList: { add() {}, remove() {} },
});
globalThis.document = {
  currentScript: { src: '' },
  getElementsByTagName: () => ({}),
  createElement: el,
  addEventListener() {},
  documentElement: { style: {} },
  body: el(),
};
const log = console.log;
console.log = () => {}; // ofd.js logs from inside its core
const ofd = createRequire(`${__dirname}/../../package.json`)('ofd.js');
function parseOne(file) {
  return new Promise((resolve) => {
    const buf = fs.readFileSync(file);
    const timer = setTimeout(() => resolve({ file, ok: false, error: 'timeout' }), 30000);
    ofd.parseOfdDocument({
      ofd: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length),
      success(core) {
        clearTimeout(timer);
        try {
          const pages = ofd.getOFDPageCount(0);
          const sizes = [];
          for (let i = 0; i < pages; i++) {
            const s = ofd.pageSize(0, i);
            sizes.push([s.width, s.height]);
          }
          resolve({
            file,
            ok: true,
            pages,
            sizes,
            textObjects: (ofd.getTextObjects(0) || []).map((t) => ({ pageIndex: t.pageIndex, text: t.text })),
            attachments: (ofd.getAllAttachments(0) || []).map((a) => ({
              name: a.Name,
              format: a.Format,
              loc: a.FileLocAbs,
            })),
            signatures: (core.getAllSignature(0) || []).map((s) => ({ id: s.ID, baseLoc: s.BaseLoc })),
          });
        } catch (e) {
          resolve({ file, ok: false, error: String(e?.stack ? e.stack : e) });
        }
      },
      fail(e) {
        clearTimeout(timer);
        resolve({ file, ok: false, error: String(e) });
      },
    });
  });
}

(async () => {
  const out = [];
  for (const f of process.argv.slice(2)) out.push(await parseOne(f));
  log(JSON.stringify(out));
  process.exit(0);
})();
