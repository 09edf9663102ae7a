// SM2 / SM3 speed of @gbkit/crypto (built dist) against OpenSSL measured in the same run:
// `openssl speed sm2` (sign/s, verify/s) and `openssl speed -evp sm3` (bytes/s at 1 KiB and 16 KiB blocks).
// Rates are per CPU second on both sides (openssl speed's default divisor is user CPU time).
// OpenSSL runs twice (before and after our measurements) and the mean is the reference, so load drift on
// a shared machine shows up as the spread between the two runs.
// Usage: pnpm --filter "@gbkit/crypto..." build && node bench/run.mjs crypto [--quick]
import { createHash } from 'node:crypto';
import { sm2ClearPublicKeyCache, sm2GenerateKeyPair, sm2Sign, sm2Verify, sm3, sm3Pure } from '@gbkit/crypto';
import { fmt, opensslSpeed } from './harness.mjs';

/**
 * Like harness `measure`, but the divisor is this process's CPU time (user + system), because
 * `openssl speed` divides by its user CPU time too: on a shared, loaded machine wall-clock rates of a
 * JS loop and OpenSSL's CPU-time rates are not comparable. CPU time of Node's GC threads is included,
 * which only makes our figures more conservative.
 */
function measure(fn, { windows = 7, ms = 500, warmupMs = 300 } = {}) {
  const end0 = performance.now() + warmupMs;
  while (performance.now() < end0) fn();
  const rates = [];
  for (let w = 0; w < windows; w++) {
    let n = 0;
    const c0 = process.cpuUsage();
    const end = performance.now() + ms;
    do {
      fn();
      n++;
    } while (performance.now() < end);
    const c = process.cpuUsage(c0);
    rates.push((n * 1e6) / (c.user + c.system));
  }
  rates.sort((a, b) => a - b);
  return { median: rates[Math.floor(rates.length / 2)], min: rates[0], max: rates[rates.length - 1] };
}

function parseSm2(out) {
  // " 256 bits SM2 (CurveSM2)   0.0006s   0.0005s   1807.9   2031.4"
  const m = out.match(/SM2 \(CurveSM2\)\s+\S+\s+\S+\s+([\d.]+)\s+([\d.]+)/);
  return m ? { sign: Number(m[1]), verify: Number(m[2]) } : undefined;
}
function parseSm3(out) {
  // "sm3   32010.72k 80432.97k 173110.29k 208185.44k 226835.17k 196453.43k" (1000s of bytes/s)
  const line = out.split('\n').find((l) => /^sm3\s/.test(l));
  if (!line) return undefined;
  const v = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map((x) => Number.parseFloat(x) * 1000);
  return { k1: v[3] / 2 ** 20, k16: v[5] / 2 ** 20 }; // MiB/s
}

export default async function ({ quick = false } = {}) {
  const secs = quick ? '1' : '3';
  const win = quick ? { windows: 3, ms: 300, warmupMs: 200 } : { windows: 7, ms: 700, warmupMs: 500 };

  const o1 = parseSm2(opensslSpeed(['-seconds', secs, 'sm2']));
  const s1 = parseSm3(opensslSpeed(['-seconds', secs, '-evp', 'sm3']));

  const msg = new Uint8Array(1024).map((_, i) => i & 0xff);
  const kp = sm2GenerateKeyPair();
  const sig = sm2Sign(msg, kp.privateKey);
  // fresh keys: a pool of distinct keys, verified with the cache off (decode + Z + wNAF every time)
  const pool = Array.from({ length: 64 }, () => {
    const k = sm2GenerateKeyPair();
    return { pub: k.publicKey, sig: sm2Sign(msg, k.privateKey) };
  });
  let pi = 0;
  sm2ClearPublicKeyCache();
  for (let i = 0; i < 3; i++) sm2Verify(msg, sig, kp.publicKey); // the key is now "seen before": table built
  const ours = {
    sign: measure(() => sm2Sign(msg, kp.privateKey, { publicKey: kp.publicKey }), win),
    verifyCached: measure(() => {
      if (!sm2Verify(msg, sig, kp.publicKey).valid) throw new Error('verify failed');
    }, win),
    verifyFresh: measure(() => {
      const p = pool[pi++ & 63];
      if (!sm2Verify(msg, p.sig, p.pub, { cache: false }).valid) throw new Error('verify failed');
    }, win),
  };
  const k1 = new Uint8Array(1024).fill(0x61);
  const k16 = new Uint8Array(16384).fill(0x61);
  const m1 = new Uint8Array(1 << 20).fill(0x61);
  const mib = (r, size) => ({
    median: (r.median * size) / 2 ** 20,
    min: (r.min * size) / 2 ** 20,
    max: (r.max * size) / 2 ** 20,
  });
  const hashes = {
    nodeK1: mib(
      measure(() => createHash('sm3').update(k1).digest(), win),
      1024,
    ),
    oursK1: mib(
      measure(() => sm3(k1), win),
      1024,
    ),
    pureK1: mib(
      measure(() => sm3Pure(k1), win),
      1024,
    ),
    nodeK16: mib(
      measure(() => createHash('sm3').update(k16).digest(), win),
      16384,
    ),
    oursK16: mib(
      measure(() => sm3(k16), win),
      16384,
    ),
    pureK16: mib(
      measure(() => sm3Pure(k16), win),
      16384,
    ),
    oursM1: mib(
      measure(() => sm3(m1), { ...win, ms: win.ms * 2 }),
      1 << 20,
    ),
    pureM1: mib(
      measure(() => sm3Pure(m1), { ...win, ms: win.ms * 2 }),
      1 << 20,
    ),
  };

  const o2 = parseSm2(opensslSpeed(['-seconds', secs, 'sm2']));
  const s2 = parseSm3(opensslSpeed(['-seconds', secs, '-evp', 'sm3']));

  console.log(`node ${process.version}, OpenSSL ${process.versions.openssl}${quick ? ' (quick)' : ''}`);
  if (!o1 || !o2 || !s1 || !s2) {
    console.log('openssl CLI not found: absolute figures only');
  }
  const mean = (a, b, k) => (a && b ? (a[k] + b[k]) / 2 : undefined);
  const ref = {
    sign: mean(o1, o2, 'sign'),
    verify: mean(o1, o2, 'verify'),
    k1: mean(s1, s2, 'k1'),
    k16: mean(s1, s2, 'k16'),
  };
  const ratio = (x, r) => (r ? `${(x / r).toFixed(2)}×` : 'n/a');
  const range = (r) => `${fmt(r.min)}–${fmt(r.max)}`;
  const runs = (a, b, k, f = fmt) => (a && b ? `${f(a[k])} / ${f(b[k])}` : 'n/a');

  console.log('\nSM2, 1 KiB message, every op includes Z and e = SM3(Z ‖ M), DER signatures');
  console.log('| operation | ours ops/s (median) | min–max | OpenSSL ops/s (two runs) | ratio | target |');
  console.log('| --- | ---: | --- | ---: | ---: | ---: |');
  const row = (name, r, refKey, target) =>
    console.log(
      `| ${name} | ${fmt(r.median)} | ${range(r)} | ${runs(o1, o2, refKey)} | ${ratio(r.median, ref[refKey])} | ≥ ${target}× ${ref[refKey] ? (r.median / ref[refKey] >= target ? '✔' : '✘ not met') : ''} |`,
    );
  row('sign', ours.sign, 'sign', 0.8);
  row('verify, key seen before (cached table)', ours.verifyCached, 'verify', 1.0);
  row('verify, fresh key (no cache)', ours.verifyFresh, 'verify', 0.5);

  console.log('\nSM3, MiB/s');
  console.log(
    '| input | implementation | MiB/s (median) | min–max | vs OpenSSL speed | vs node createHash |',
  );
  console.log('| --- | --- | ---: | --- | ---: | ---: |');
  const hrow = (size, name, r, refKey, node) =>
    console.log(
      `| ${size} | ${name} | ${fmt(r.median)} | ${range(r)} | ${ratio(r.median, ref[refKey])} | ${node ? ratio(r.median, node.median) : ''} |`,
    );
  console.log(`| 1 KiB | openssl speed -evp sm3 (two runs) | ${runs(s1, s2, 'k1')} | | 1.00× | |`);
  hrow('1 KiB', 'node createHash("sm3")', hashes.nodeK1, 'k1', hashes.nodeK1);
  hrow('1 KiB', 'ours sm3() (TS < 4 KiB, native ≥ 4 KiB)', hashes.oursK1, 'k1', hashes.nodeK1);
  hrow('1 KiB', 'ours sm3Pure() (TypeScript)', hashes.pureK1, 'k1', hashes.nodeK1);
  console.log(`| 16 KiB | openssl speed -evp sm3 (two runs) | ${runs(s1, s2, 'k16')} | | 1.00× | |`);
  hrow('16 KiB', 'node createHash("sm3")', hashes.nodeK16, 'k16', hashes.nodeK16);
  hrow('16 KiB', 'ours sm3() (TS < 4 KiB, native ≥ 4 KiB)', hashes.oursK16, 'k16', hashes.nodeK16);
  hrow('16 KiB', 'ours sm3Pure() (TypeScript)', hashes.pureK16, 'k16', hashes.nodeK16);
  hrow('1 MiB', 'ours sm3() (TS < 4 KiB, native ≥ 4 KiB)', hashes.oursM1, 'k16');
  hrow('1 MiB', 'ours sm3Pure() (TypeScript)', hashes.pureM1, 'k16');
}
