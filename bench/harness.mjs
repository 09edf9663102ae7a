// Shared timing harness for bench/*.bench.mjs: median ops/s over several timed windows after a warm-up.
import { execFileSync } from 'node:child_process';

/** Runs fn repeatedly; returns { median, min, max } in ops/s over `windows` windows of `ms` milliseconds. */
export function measure(fn, { windows = 7, ms = 500, warmupMs = 300 } = {}) {
  const end0 = performance.now() + warmupMs;
  while (performance.now() < end0) fn();
  const rates = [];
  for (let w = 0; w < windows; w++) {
    let n = 0;
    const t0 = performance.now();
    const end = t0 + ms;
    let t = t0;
    while (t < end) {
      fn();
      n++;
      t = performance.now();
    }
    rates.push((n * 1000) / (t - t0));
  }
  rates.sort((a, b) => a - b);
  return { median: rates[Math.floor(rates.length / 2)], min: rates[0], max: rates[rates.length - 1] };
}

/** Runs `openssl speed` and returns its stdout (empty string when openssl is missing). */
export function opensslSpeed(args) {
  try {
    return execFileSync('openssl', ['speed', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch {
    return '';
  }
}

export const fmt = (x) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(2));
