/*
 * Runs inside Chromium after the ofd.js 0.2.6 bundle (`ofd.js/lib/ofd.umd.js`, global `ofd`) has been
 * loaded into the page. Defines `gbkitReadWithOfdJs(base64)`, which lets ofd.js parse one OFD
 * (`ofd.parseOfdDocument`) and lay its pages out (`ofd.renderOfdByScale`), then reports what ofd.js
 * produced:
 *
 * - pages: the page `<div>`s ofd.js made, their size (CSS px divided by ofd.js's page scale, i.e. mm,
 *   taken from ofd.js's own PhysicalBox/ApplicationBox/ContentBox choice) and, per page, the text of
 *   every rendered text object (the `<text>` children of one ofd.js text `<svg>` joined), leaving out
 *   what ofd.js draws inside seal appearances, and how many images and SVG paths it drew;
 * - media: every multimedia resource ofd.js loaded, with the pixel size the browser decoded (ofd.js waits
 *   for each image's `onload`, so an image the browser cannot decode never finishes the parse);
 * - signatures: the signatures ofd.js attached to pages as stamp annotations (it only keeps those whose
 *   seal image it could read), with ofd.js's own verification flag.
 *
 * Attachments are not read by ofd.js 0.2.6 at all, so there is nothing to report for them.
 */
(() => {
  const fromBase64 = (b64) => {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  };

  const parse = (bytes, timeoutMs) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`ofd.js did not finish within ${timeoutMs} ms (an image that never loads?)`)),
        timeoutMs,
      );
      window.ofd.parseOfdDocument({
        ofd: bytes.buffer,
        success: (docs) => {
          clearTimeout(timer);
          resolve(docs);
        },
        fail: (e) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      });
    });

  window.gbkitReadWithOfdJs = async (b64, timeoutMs = 20000) => {
    let docs;
    try {
      docs = await parse(fromBase64(b64), timeoutMs);
    } catch (e) {
      return { ok: false, error: String(e?.stack ?? e), pages: [], media: [], signatures: [] };
    }
    const doc = docs[0];
    window.ofd.setPageScale(4);
    const scale = Number(window.ofd.getPageScale());
    const host = document.createElement('div');
    document.body.appendChild(host);
    try {
      const divs = window.ofd.renderOfdByScale(doc);
      for (const d of divs) host.appendChild(d);
      const pages = divs.map((d) => ({
        id: d.id,
        width: Number.parseFloat(d.style.width) / scale,
        height: Number.parseFloat(d.style.height) / scale,
        texts: Array.from(d.querySelectorAll('svg'))
          .filter((s) => s.querySelector(':scope > text') && !s.closest('[name=seal_img_div]'))
          .map((s) =>
            Array.from(s.querySelectorAll(':scope > text'))
              .map((t) => t.textContent)
              .join(''),
          ),
        images: d.querySelectorAll('image, canvas').length,
        paths: Array.from(d.querySelectorAll('path')).filter((e) => !e.closest('[name=seal_img_div]')).length,
      }));
      // images are stored as { format: 'png', img: { img: dataUrl, width, height } } (size from the
      // browser's decode) or { format: 'gbig2', img: pixels, width, height }; other media as a path
      const media = Object.entries(doc.multiMediaResObj || {}).map(([id, m]) => {
        if (typeof m !== 'object') return { id, format: 'file' };
        const decoded = m.format === 'gbig2' ? m : m.img;
        return { id, format: m.format, width: decoded?.width, height: decoded?.height };
      });
      const signatures = [];
      for (const [pageId, stamps] of Object.entries(doc.stampAnnot || {}))
        for (const s of stamps)
          signatures.push({
            id: String(s.stamp.signedInfo.signatureID),
            pageId,
            type: s.type,
            verified: s.stamp.signedInfo.VerifyRet === true,
          });
      return { ok: true, pages, media, signatures };
    } catch (e) {
      return { ok: false, error: String(e?.stack ?? e), pages: [], media: [], signatures: [] };
    } finally {
      host.remove();
    }
  };
})();
