// Platform-token speed of @gbkit/identity (built dist), each as a ratio against a reference in the same run:
// - SM2 token verify (PlatformTokenVerifier.verify: size limits, strict base64url/JSON, kid lookup, SM2 with
//   a cached key, claim checks) against the bare SM2 verify of the same signing input with @gbkit/crypto
//   (raw r‖s, same cached key). Target: ≤ 1.3× the bare cost.
// - SM2 token issue against the bare sm2Sign.
// - ES256 through jose (jwtVerify with an imported key) beside it, and ES256 through our verifier.
// Windows alternate between the measured operations so load drift on the shared machine hits all alike;
// each ratio is the median of per-window ratios. Rates are per CPU second of this process (user + system,
// GC threads included), because wall-clock rates on the loaded 2-core machine mostly measure the other
// processes. The token paths are async and awaited per call.
// Usage: pnpm --filter "@gbkit/identity..." build && node bench/run.mjs identity [--quick]
import { sm2Sign, sm2Verify } from '@gbkit/crypto';
import {
  createJwks,
  decodeCompactJws,
  generatePlatformKey,
  issuePlatformToken,
  PlatformTokenVerifier,
  sm2JwkToPrivateKey,
  sm2JwkToPublicKey,
} from '@gbkit/identity';
import * as jose from 'jose';
import { fmt } from './harness.mjs';

/** Runs each op for `ms` per window, alternating; returns per-op median rates and per-window rates. */
async function alternate(ops, { windows = 7, ms = 500, warmupMs = 300 } = {}) {
  for (const op of ops) {
    const end = performance.now() + warmupMs;
    while (performance.now() < end) await op.fn();
  }
  const rates = ops.map(() => []);
  for (let w = 0; w < windows; w++) {
    for (const [i, op] of ops.entries()) {
      let n = 0;
      const c0 = process.cpuUsage();
      const end = performance.now() + ms;
      do {
        await op.fn();
        n++;
      } while (performance.now() < end);
      const c = process.cpuUsage(c0);
      rates[i].push((n * 1e6) / (c.user + c.system));
    }
  }
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return {
    rates,
    median: rates.map(median),
    medianRatio: (a, b) => median(rates[a].map((r, w) => rates[b][w] / r)),
  };
}

export default async function ({ quick = false } = {}) {
  const win = quick ? { windows: 3, ms: 300, warmupMs: 200 } : { windows: 7, ms: 700, warmupMs: 500 };
  const iss = 'https://platform.example.gov.cn';
  const aud = 'tzsb';
  const claims = {
    sub: 'GDE0000000000000011',
    user_type: 2,
    acr: 'L3',
    amr: ['GW'],
    org_uscc: '91440101MA5CXXXX7X',
    org_name: '广州某某特种设备检测有限公司',
    name: '王五',
  };
  const sm2Key = await generatePlatformKey('SM2', 'sm2-1');
  const esKey = await generatePlatformKey('ES256', 'es-1');
  const verifier = new PlatformTokenVerifier(createJwks([sm2Key.privateJwk, esKey.privateJwk]), {
    issuer: iss,
    audience: aud,
  });
  const sm2Token = await issuePlatformToken(claims, sm2Key, { issuer: iss, audience: aud, ttlSeconds: 3600 });
  const esToken = await issuePlatformToken(claims, esKey, { issuer: iss, audience: aud, ttlSeconds: 3600 });
  const jws = decodeCompactJws(sm2Token);
  const pub = sm2JwkToPublicKey(sm2Key.privateJwk);
  const priv = sm2JwkToPrivateKey(sm2Key.privateJwk);
  const esPublic = await jose.importJWK(createJwks([esKey.privateJwk]).keys[0], 'ES256');

  // sanity: every path really verifies
  if (!sm2Verify(jws.signingInput, jws.signature, pub, { format: 'raw' }).valid)
    throw new Error('bare SM2 verify failed');
  await verifier.verify(sm2Token);
  await verifier.verify(esToken);
  await jose.jwtVerify(esToken, esPublic, { issuer: iss, audience: aud });

  const v = await alternate(
    [
      {
        name: 'bare sm2Verify (cached key, raw r‖s)',
        fn: () => sm2Verify(jws.signingInput, jws.signature, pub, { format: 'raw' }),
      },
      { name: 'SM2 platform token verify', fn: () => verifier.verify(sm2Token) },
      {
        name: 'ES256 jose.jwtVerify',
        fn: () => jose.jwtVerify(esToken, esPublic, { issuer: iss, audience: aud }),
      },
      { name: 'ES256 platform token verify (via jose)', fn: () => verifier.verify(esToken) },
    ],
    win,
  );
  const s = await alternate(
    [
      {
        name: 'bare sm2Sign (raw r‖s)',
        fn: () => sm2Sign(jws.signingInput, priv, { format: 'raw', publicKey: pub }),
      },
      {
        name: 'SM2 platform token issue',
        fn: () => issuePlatformToken(claims, sm2Key, { issuer: iss, audience: aud }),
      },
    ],
    win,
  );

  const cost = (_ref, x) => `${x.toFixed(2)}×`;
  console.log(
    `\nPlatform tokens, ${sm2Token.length}-char SM2 token / ${esToken.length}-char ES256 token; median of ${win.windows} alternating windows × ${win.ms} ms, ops per CPU second.\n`,
  );
  console.log('| operation | ops/s (median) | cost vs reference | reference |');
  console.log('| --- | ---: | ---: | --- |');
  console.log(`| bare \`sm2Verify\`, cached key, raw r‖s | ${fmt(v.median[0])} | 1.00× | — |`);
  const ratio = v.medianRatio(1, 0);
  console.log(
    `| SM2 platform token verify (cached key) | ${fmt(v.median[1])} | ${cost(0, ratio)} ${ratio <= 1.3 ? '✔ ≤ 1.3×' : '✘ > 1.3×'} | bare sm2Verify |`,
  );
  console.log(
    `| ES256 \`jose.jwtVerify\` (imported key) | ${fmt(v.median[2])} | ${cost(0, v.medianRatio(2, 0))} | bare sm2Verify |`,
  );
  console.log(
    `| ES256 platform token verify (through jose) | ${fmt(v.median[3])} | ${cost(0, v.medianRatio(3, 2))} | jose.jwtVerify |`,
  );
  console.log(`| bare \`sm2Sign\`, raw r‖s | ${fmt(s.median[0])} | 1.00× | — |`);
  console.log(
    `| SM2 platform token issue | ${fmt(s.median[1])} | ${cost(0, s.medianRatio(1, 0))} | bare sm2Sign |`,
  );
  console.log('\n"cost" = reference ops/s ÷ operation ops/s, per window, median over windows.');
  return { sm2TokenVerifyCostRatio: ratio };
}
