// @gbkit/codes throughput, each figure a ratio against a minimal reference check (regex + weighted sum,
// no reasons, no decoding) measured in the same run: the ratio is what the precise reasons, the
// decoding and the division lookup cost. Imports the BUILT package (pnpm --filter @gbkit/codes build).
import { fmt, measure } from './harness.mjs';

const t0 = performance.now();
const codes = await import('@gbkit/codes');
const importMs = performance.now() - t0;
const t1 = performance.now();
codes.lookupDivision('440113'); // first lookup parses the bundled table
const tableMs = performance.now() - t1;

const USCC = ['91350100M000100Y43', '9135052155323005XL', '11100000000013338W', '914403000000004570'];
const IDS = ['11010519491231002X', '110101197608056896', '440524188001010014', '110105194912310021'];
const LIC = '11100000000013338W01111430000006122244L20230000403001';

const A31 = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const W31 = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function refUscc(v) {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v)) return false;
  let s = 0;
  for (let i = 0; i < 17; i++) s += A31.indexOf(v[i]) * W31[i];
  return A31[(31 - (s % 31)) % 31] === v[17];
}
const W11 = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function refId(v) {
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(v[i]) * W11[i];
  return '10X98765432'[s % 11] === v[17];
}
const A36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
function ref3736(body) {
  let p = 36;
  for (const c of body) {
    let s = (p + A36.indexOf(c)) % 36;
    if (s === 0) s = 36;
    p = (2 * s) % 37;
  }
  return A36[(37 - p) % 36];
}

export default async function ({ quick } = {}) {
  const opts = quick ? { windows: 3, ms: 200, warmupMs: 100 } : {};
  let i = 0;
  const rows = [];
  const pair = (name, ours, ref) => {
    const o = measure(ours, opts).median;
    const r = measure(ref, opts).median;
    rows.push(`| ${name} | ${fmt(o)} | ${fmt(r)} | ${(o / r).toFixed(2)}× |`);
  };
  pair(
    'validateUscc (full reasons + decoding)',
    () => codes.validateUscc(USCC[i++ & 3]),
    () => refUscc(USCC[i++ & 3]),
  );
  pair(
    'validateCitizenId (date, division, reasons)',
    () => codes.validateCitizenId(IDS[i++ & 3], { referenceDate: '2026-11-30' }),
    () => refId(IDS[i++ & 3]),
  );
  pair(
    'detectCode (mixed kinds)',
    () => codes.detectCode(i++ & 1 ? USCC[i & 3] : IDS[i & 3], { referenceDate: '2026-11-30' }),
    () => (i++ & 1 ? refUscc(USCC[i & 3]) : refId(IDS[i & 3])),
  );
  pair(
    'computeMod37_36 (53-char e-licence body)',
    () => codes.computeMod37_36(LIC),
    () => ref3736(LIC),
  );
  // a flat string, as read from a file (a concatenation would be a rope, flattened on first access)
  const LICV = '11100000000013338W01111430000006122244L20230000403001U';
  if (ref3736(LIC) !== LICV[LIC.length] || LICV.length !== LIC.length + 1)
    throw new Error('bench value: wrong check character');
  pair(
    'isValidMod37_36 (same body + check character)',
    () => codes.isValidMod37_36(LICV),
    () => ref3736(LIC) === LICV[LIC.length],
  );
  pair(
    'iso7064Check(MOD_37_36, …) (same, with details)',
    () => codes.iso7064Check(codes.MOD_37_36, LICV).valid,
    () => ref3736(LIC) === LICV[LIC.length],
  );
  console.log('| operation | ours (ops/s) | minimal reference (ops/s) | ratio |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(
    `\nimport of @gbkit/codes: ${importMs.toFixed(1)} ms; first division lookup (parses the ${codes.DIVISION_TABLE_SOURCE.entries}-entry table): ${tableMs.toFixed(1)} ms`,
  );
}
