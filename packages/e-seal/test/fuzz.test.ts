/**
 * Bad input: ≥ 10,000 mutations of corpus files — random (flip, truncate, insert, splice) and
 * structure-aware (DER: change a TLV's tag, length or contents; OFD: mutate one part inside the zip) —
 * never crash, hang or blow the heap. Every outcome is a result (failed checks) or a typed GbkitError.
 */
import { GbkitError } from '@gbkit/core';
import { decodeSeal, decodeSesSignature, parseSignedData, verifyFile } from '@gbkit/e-seal';
import { OfdPackage } from '@gbkit/ofd';
import { expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';

/** Deterministic PRNG (mulberry32) so a failure can be replayed from its case number. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Offsets of every TLV header in a DER tree (best effort; stops at the first malformed length). */
function tlvOffsets(b: Uint8Array): number[] {
  const out: number[] = [];
  const walk = (start: number, end: number, depth: number) => {
    let p = start;
    while (p + 2 <= end && depth < 40) {
      out.push(p);
      const tag = b[p] as number;
      let len = b[p + 1] as number;
      let h = 2;
      if (len & 0x80) {
        const n = len & 0x7f;
        if (n === 0 || n > 3 || p + 2 + n > end) return;
        len = 0;
        for (let i = 0; i < n; i++) len = len * 256 + (b[p + 2 + i] as number);
        h = 2 + n;
      }
      if (p + h + len > end) return;
      if (tag & 0x20) walk(p + h, p + h + len, depth + 1);
      p += h + len;
    }
  };
  walk(0, b.length, 0);
  return out;
}

function mutateBytes(input: Uint8Array, r: () => number, structured: boolean): Uint8Array {
  const b = input.slice();
  const pick = (n: number) => Math.floor(r() * n);
  if (structured) {
    const offs = tlvOffsets(b);
    const at = offs[pick(offs.length)] ?? 0;
    switch (pick(5)) {
      case 0: // tag
        b[at] = [0x02, 0x03, 0x04, 0x06, 0x0c, 0x16, 0x17, 0x18, 0x30, 0x31, 0xa0, 0x80, 0x1f][
          pick(13)
        ] as number;
        return b;
      case 1: // short length
        b[at + 1] = pick(256);
        return b;
      case 2: // long-form length bytes
        b[at + 1] = 0x80 | (1 + pick(4));
        return b;
      case 3: // cut after the header
        return b.subarray(0, Math.min(b.length, at + 2 + pick(8)));
      default: {
        // overwrite the contents with random bytes
        const n = 1 + pick(16);
        for (let i = 0; i < n && at + 2 + i < b.length; i++) b[at + 2 + i] = pick(256);
        return b;
      }
    }
  }
  switch (pick(4)) {
    case 0: {
      const n = 1 + pick(8);
      for (let i = 0; i < n; i++) {
        const k = pick(b.length);
        b[k] = (b[k] as number) ^ (1 << pick(8));
      }
      return b;
    }
    case 1:
      return b.subarray(0, pick(b.length));
    case 2: {
      const k = pick(b.length);
      const ins = Uint8Array.from({ length: 1 + pick(32) }, () => pick(256));
      const out = new Uint8Array(b.length + ins.length);
      out.set(b.subarray(0, k));
      out.set(ins, k);
      out.set(b.subarray(k), k + ins.length);
      return out;
    }
    default: {
      const a = pick(b.length);
      const c = pick(b.length);
      b.copyWithin(a, c, Math.min(b.length, c + 1 + pick(64)));
      return b;
    }
  }
}

function expectTyped(e: unknown, where: string): void {
  if (!(e instanceof GbkitError)) throw new Error(`${where}: untyped ${(e as Error)?.stack ?? String(e)}`);
  expect(e.code).toMatch(/^ERR_/);
}

describeCorpus('fuzz: mutated corpus files never crash, hang or run away', () => {
  it('≥ 10,000 mutations: DER decoders, full verification of seals/values, OFD parts', async () => {
    const der = ['UserV1.esl', 'UserV4.esl', 'UserV5_ts.esl', 'SignedValueV4.dat', 'SignedValueV5.dat'].map(
      (f) => readCorpus('e-seal', f),
    );
    const xml = readCorpus('e-seal', 'Signature.xml');
    const ofds = ['DigitalSign.ofd', 'hello-integrity.ofd', '1.ofd', 'allprotected.ofd'].map((f) =>
      OfdPackage.open(readCorpus('e-seal', f)),
    );
    const r = rng(20261130);
    const heap0 = process.memoryUsage().heapUsed;
    let cases = 0;
    let slowest = 0;
    const decoders = [decodeSeal, decodeSesSignature, parseSignedData];
    // 1. decoders on structure-aware and random mutations (cheap)
    for (let i = 0; i < 8000; i++, cases++) {
      const m = mutateBytes(der[i % der.length] as Uint8Array, r, i % 2 === 0);
      for (const d of decoders) {
        try {
          d(m);
        } catch (e) {
          expectTyped(e, `decoder case ${i}`);
        }
      }
    }
    // 2. full verification of mutated seals and values (never throws: failures are checks)
    for (let i = 0; i < 1200; i++, cases++) {
      const m = mutateBytes(der[i % der.length] as Uint8Array, r, i % 3 !== 0);
      const t = performance.now();
      try {
        const res = await verifyFile(m, { signatureXml: xml });
        expect(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE']).toContain(res.indication);
      } catch (e) {
        expectTyped(e, `verify case ${i}`);
      }
      slowest = Math.max(slowest, performance.now() - t);
    }
    // 3. OFD: mutate one part (XML or DER) inside the package, or the zip bytes themselves
    for (let i = 0; i < 1000; i++, cases++) {
      const pkg = ofds[i % ofds.length] as OfdPackage;
      let bytes: Uint8Array;
      if (i % 4 === 3) bytes = mutateBytes(pkg.bytes, r, false);
      else {
        const paths = pkg.paths();
        const p = paths[Math.floor(r() * paths.length)] as string;
        const part = pkg.read(p);
        bytes = pkg.withReplaced(
          { [p]: mutateBytes(part, r, p.endsWith('.dat') || p.endsWith('.esl')) },
          { level: 0 },
        ).bytes;
      }
      const t = performance.now();
      try {
        const res = await verifyFile(bytes);
        expect(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE']).toContain(res.indication);
      } catch (e) {
        expectTyped(e, `ofd case ${i}`);
      }
      slowest = Math.max(slowest, performance.now() - t);
    }
    expect(cases).toBeGreaterThanOrEqual(10_000);
    expect(slowest).toBeLessThan(5000); // no hang: every case well under 5 s even on a loaded machine
    expect(process.memoryUsage().heapUsed - heap0).toBeLessThan(512 * 1024 * 1024);
  }, 120_000);
});
