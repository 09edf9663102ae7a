/**
 * Robustness: structure-aware and random mutations of signed PDFs never crash, hang or throw anything
 * but a typed GbkitError; when verification runs, no mutated file inside a signed range passes.
 */
import { concatBytes, GbkitError } from '@gbkit/core';
import { parsePkcs12 } from '@gbkit/crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';
import { findPdfSignatures, parsePdf, signPdf, verifyPdf } from '../src/pdf/index.js';

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const enc = new TextEncoder();
const latin = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

function mutate(src: Uint8Array, r: () => number): Uint8Array {
  const text = latin(src);
  const pick = Math.floor(r() * 8);
  const at = Math.floor(r() * src.length);
  switch (pick) {
    case 0: {
      const b = Uint8Array.from(src);
      b[at] = Math.floor(r() * 256);
      return b;
    }
    case 1:
      return src.subarray(0, at);
    case 2:
      return concatBytes(
        src.subarray(0, at),
        src.subarray(Math.min(src.length, at + 1 + Math.floor(r() * 64))),
      );
    case 3: {
      // rewrite a number that follows a structural keyword
      const keys = [
        'startxref',
        '/Prev',
        '/ByteRange [',
        '/Size',
        '/Length',
        '/W [',
        '/Index [',
        '/First',
        '/N ',
      ];
      const k = keys[Math.floor(r() * keys.length)] as string;
      const positions: number[] = [];
      for (let i = text.indexOf(k); i >= 0; i = text.indexOf(k, i + 1)) positions.push(i);
      if (!positions.length) return src;
      const p = (positions[Math.floor(r() * positions.length)] as number) + k.length;
      const m = /^\s*\d+/.exec(text.slice(p, p + 20));
      if (!m) return src;
      const values = [
        '0',
        '1',
        '999999999',
        String(Math.floor(r() * src.length)),
        String(p - k.length),
        '-5',
      ];
      return concatBytes(
        src.subarray(0, p),
        enc.encode(` ${values[Math.floor(r() * values.length)]}`),
        src.subarray(p + m[0].length),
      );
    }
    case 4: {
      // delete a keyword
      const kws = ['endobj', 'endstream', 'trailer', 'xref', '>>', '%%EOF', 'obj', 'stream'];
      const k = kws[Math.floor(r() * kws.length)] as string;
      const i = text.indexOf(k, at);
      return i < 0 ? src : concatBytes(src.subarray(0, i), src.subarray(i + k.length));
    }
    case 5: {
      // deep nesting
      const open = '['.repeat(200 + Math.floor(r() * 200));
      return concatBytes(src.subarray(0, at), enc.encode(open), src.subarray(at));
    }
    case 6:
      return concatBytes(
        src,
        enc.encode(
          `\nxref\n0 1\n0000000000 65535 f\r\ntrailer\n<</Size 3 /Root 1 0 R /Prev ${src.length + 1}>>\nstartxref\n${src.length + 1}\n%%EOF\n`,
        ),
      );
    default: {
      const b = Uint8Array.from(src);
      for (let i = 0; i < 16; i++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
      return b;
    }
  }
}

async function run(
  src: Uint8Array,
  seeds: number,
  seed0: number,
  policy: { trustAnchors: Uint8Array[] },
): Promise<{ parsed: number; errors: Record<string, number> }> {
  const r = rng(seed0);
  const errors: Record<string, number> = {};
  let parsed = 0;
  for (let i = 0; i < seeds; i++) {
    const m = mutate(src, r);
    try {
      const doc = parsePdf(m);
      findPdfSignatures(doc);
      for (const n of doc.objectNumbers()) {
        try {
          doc.getObject(n);
        } catch (e) {
          if (!(e instanceof GbkitError)) throw e;
        }
      }
      parsed++;
      // full verification (SM2 included) on every 32nd mutation keeps the run short
      if (i % 32 === 0) {
        const res = await verifyPdf(doc, policy);
        expect(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE']).toContain(res.indication);
      }
    } catch (e) {
      if (!(e instanceof GbkitError))
        throw new Error(
          `mutation ${i} (seed ${seed0}) threw a non-typed error: ${String(e)}\n${(e as Error).stack}`,
        );
      errors[e.code] = (errors[e.code] ?? 0) + 1;
    }
  }
  return { parsed, errors };
}

describeCorpus('PDF fuzz', () => {
  let signed: Uint8Array;
  let cert: Uint8Array;
  let small: Uint8Array;
  beforeAll(async () => {
    const p12 = parsePkcs12(readCorpus('e-seal', 'keys', 'pdf-sign-sm2.p12'), { password: '12345678' });
    cert = p12.certificate?.der as Uint8Array;
    const doc = await PDFDocument.create();
    doc
      .addPage([200, 200])
      .drawText('fuzz', { x: 20, y: 100, font: await doc.embedFont(StandardFonts.Helvetica) });
    const xs = await doc.save({ useObjectStreams: true });
    small = await signPdf(await signPdf(xs, { privateKey: p12.privateKey, certificate: cert }), {
      privateKey: p12.privateKey,
      certificate: cert,
      contentsSize: 2048,
    });
    signed = await signPdf(readCorpus('pdf', 'unsigned-example.pdf'), {
      privateKey: p12.privateKey,
      certificate: cert,
    });
  });

  it('800 mutations of a small signed xref-stream PDF: only typed errors or reports', async () => {
    const r = await run(small, 800, 1, { trustAnchors: [cert] });
    expect(r.parsed).toBeGreaterThan(200);
  });

  it('120 mutations of the signed corpus example: only typed errors or reports', async () => {
    const r = await run(signed, 120, 7, { trustAnchors: [cert] });
    expect(r.parsed).toBeGreaterThan(10);
  });

  it('every single-byte change inside the signed ranges of a small file is detected', async () => {
    const sig = findPdfSignatures(parsePdf(small))[1];
    const [a = 0, b = 0, c = 0, d = 0] = sig?.byteRange ?? [];
    let checked = 0;
    // every 61st byte of both ranges (a full sweep works the same way, it is only slower)
    for (let p = a; p < c + d; p += 61) {
      if (p >= a + b && p < c) continue;
      const m = Uint8Array.from(small);
      m[p] = (m[p] as number) ^ 0x01;
      let res: Awaited<ReturnType<typeof verifyPdf>> | undefined;
      try {
        res = await verifyPdf(m, { trustAnchors: [cert] });
      } catch (e) {
        expect(e).toBeInstanceOf(GbkitError);
        continue;
      }
      const last = res.signatures.find((s) => s.id === sig?.fieldName);
      expect(last?.indication, `byte ${p}`).not.toBe('TOTAL_PASSED');
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });
});
