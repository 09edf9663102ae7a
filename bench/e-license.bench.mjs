// @gbkit/e-license throughput. Imports the BUILT packages (pnpm --filter @gbkit/e-license... build).
// - metadata validation of canonical records: the ajv-compiled JSON Schema against the zod schema (each is
//   the other's reference);
// - identifier parse + check of valid identifiers (validateIdentifier and parseIdentifier: structure, USCC
//   type and issuer codes, MOD 37,36) against a minimal reference (split + regex + the bare MOD 37,36 loop,
//   no USCC checks, no reasons);
// - issuing one sealed OFD licence (render + CustomDatas + seal) against signOfd alone on the same
//   unsigned OFD (the cost of the licence layer on top of sealing).
import { fmt, measure } from './harness.mjs';

const lic = await import('@gbkit/e-license');
const { createTestPki } = await import('@gbkit/crypto');
const { makeSeal, signOfd } = await import('@gbkit/e-seal');

const IDS = [
  '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U',
  '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F',
  '1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0',
  '1.2.156.3005.2.11100000000013338W001.114400000069500070.2024000001.001.I',
];
const A36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
function refId(id) {
  const p = id.split('.');
  if (p.length !== 10 || !/^[0-9A-Z]+$/.test(p[5] + p[6] + p[7] + p[8])) return false;
  let q = 36;
  for (const c of p[5] + p[6] + p[7] + p[8]) {
    let s = (q + A36.indexOf(c)) % 36;
    if (s === 0) s = 36;
    q = (2 * s) % 37;
  }
  return A36[(37 - q) % 36] === p[9];
}

/**
 * Operations per CPU-second of this process (best of `rounds` batches of `n` calls, no clock read per
 * call): on a shared machine the wall clock mostly counts waiting for a core.
 */
function perCpuSecond(fn, { n = 500_000, rounds = 5 } = {}) {
  for (let k = 0; k < n / 5; k++) fn();
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    for (let k = 0; k < n; k++) fn();
    const c = process.cpuUsage(c0);
    best = Math.max(best, n / ((c.user + c.system) / 1e6));
  }
  return best;
}

const profile = lic.JZSG_SPECIAL_OPERATIONS;
const data = {
  serial: '2430599',
  number: '吉A042024000123',
  issuerName: '吉林省住房和城乡建设厅',
  issuerCode: '11220000013544541J',
  issueDate: '2026-01-05',
  holders: [{ name: '李四', code: '11010519491231002X', typeCode: '111' }],
  surface: { XB: '2', CSRQ: '1949-12-31', CZLB: '01', PZRQ: '2020-01-05', QYMC: '吉林某建设集团有限公司' },
};

export default async function ({ quick } = {}) {
  const opts = quick ? { windows: 3, ms: 200, warmupMs: 100 } : {};
  const rows = [];
  let i = 0;
  // records: canonical metadata, 4 variants
  const base = lic.completeLicenseData(profile, data);
  const records = [0, 1, 2, 3].map((k) => ({ ...base, number: `${base.number}${k}` }));
  const ajvCheck = await lic.metadataSchemaValidator();
  const ajv = measure(() => ajvCheck(records[i++ & 3]).valid, opts).median;
  const zod = measure(() => lic.checkMetadataShape(records[i++ & 3]).valid, opts).median;
  rows.push(
    `| metadata validation, ajv (compiled JSON Schema) | ${fmt(ajv)} records/s | zod schema: ${fmt(zod)} records/s | ${(ajv / zod).toFixed(2)}× |`,
  );
  // every identifier of IDS is valid: the measured path is parse + check of a valid identifier
  for (const id of IDS)
    if (!lic.validateIdentifier(id).valid || !refId(id)) throw new Error(`bench identifier not valid: ${id}`);
  const idRef = measure(() => refId(IDS[i++ & 3]), opts).median;
  const idOurs = measure(() => lic.validateIdentifier(IDS[i++ & 3]).valid, opts).median;
  const idParse = measure(() => lic.parseIdentifier(IDS[i++ & 3]).serial, opts).median;
  rows.push(
    `| identifier parse + check, valid (validateIdentifier: segments + all checks) | ${fmt(idOurs)} /s | split + regex + MOD 37,36 loop: ${fmt(idRef)} /s | ${(idOurs / idRef).toFixed(2)}× |`,
  );
  rows.push(
    `| identifier parse + check, valid (parseIdentifier: segments or throw) | ${fmt(idParse)} /s | same reference | ${(idParse / idRef).toFixed(2)}× |`,
  );
  const cn = quick ? { n: 100_000, rounds: 3 } : {};
  const cpuRef = perCpuSecond(() => refId(IDS[i++ & 3]), cn);
  const cpuOurs = perCpuSecond(() => lic.validateIdentifier(IDS[i++ & 3]).valid, cn);
  const cpuParse = perCpuSecond(() => lic.parseIdentifier(IDS[i++ & 3]).serial, cn);
  rows.push(
    `| identifier parse + check per CPU-second (validateIdentifier / parseIdentifier) | ${fmt(cpuOurs)} / ${fmt(cpuParse)} per CPU-s | reference: ${fmt(cpuRef)} per CPU-s | ${(cpuOurs / cpuRef).toFixed(2)}× / ${(cpuParse / cpuRef).toFixed(2)}× |`,
  );

  const pki = await createTestPki({ organization: 'gbkit bench' });
  const now = Date.now();
  const seal = makeSeal({
    maker: pki.sealMaker,
    signerCertificates: [pki.signer.certificate],
    esID: '1',
    name: '基准测试章',
    validStart: new Date(now - 60_000),
    validEnd: new Date(now + 86_400_000),
    picture: { type: 'PNG', data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), width: 40, height: 40 },
  });
  const iopts = quick ? { windows: 3, ms: 300, warmupMs: 200 } : { windows: 9, ms: 600, warmupMs: 500 };
  const issue = measure(() => lic.issueLicense({ profile, data, signer: pki.signer, seal }), iopts);
  const unsigned = lic.renderLicenseOfd({ profile, data }).ofd;
  const signOnly = measure(
    () => signOfd(unsigned, { signer: pki.signer, seal, stamps: [{ page: 0, x: 128, y: 232 }] }),
    iopts,
  );
  rows.push(
    `| issue one sealed OFD licence (issueLicense) | ${(1000 / issue.median).toFixed(2)} ms median (${fmt(issue.median)} /s) | signOfd alone on the same OFD: ${(1000 / signOnly.median).toFixed(2)} ms | ${(signOnly.median / issue.median).toFixed(2)}× of signOfd's rate |`,
  );
  const os = await import('node:os');
  console.log(
    `Node ${process.version}; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores\n`,
  );
  console.log('| operation | ours | reference (same run) | ratio |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(r);
}
