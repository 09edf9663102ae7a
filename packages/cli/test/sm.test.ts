import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '@gbkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { cryptoDemoStep } from '../src/demo/crypto.js';
import { runCli } from '../src/main.js';

const dir = mkdtempSync(join(tmpdir(), 'gbkit-cli-sm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(lang: 'zh' | 'en' = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), lang, cwd: dir },
    out,
    err,
  };
}
const cli = async (args: string[], lang: 'zh' | 'en' = 'en') => {
  const c = capture(lang);
  const code = await runCli(args, c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
};

const HAVE_OPENSSL = (() => {
  try {
    return /OpenSSL 3/.test(execFileSync('openssl', ['version'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
})();
if (!HAVE_OPENSSL)
  console.warn('SKIPPED (partly): gbkit sm2 tests against the openssl CLI need OpenSSL 3 on PATH');
const ossl = (args: string[]) =>
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
const ID = 'distid:1234567812345678';

writeFileSync(join(dir, 'abc.txt'), 'abc');
writeFileSync(
  join(dir, 'doc.bin'),
  new Uint8Array(3000).map((_, i) => (i * 13) & 0xff),
);

describe('gbkit sm3', () => {
  it('prints "<hex>  <file>" like sha256sum (GB/T 32905 example)', async () => {
    const r = await cli(['sm3', 'abc.txt', 'doc.bin']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0  abc.txt');
    if (HAVE_OPENSSL) {
      const ref = ossl(['dgst', '-sm3', '-r', 'doc.bin']).toString().split(' ')[0];
      expect(lines[1]).toBe(`${ref}  doc.bin`);
    }
  });

  it('missing file → exit 1 with a message; no file → usage exit 3', async () => {
    const r = await cli(['sm3', 'abc.txt', 'nope.txt']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('nope.txt');
    expect((await cli(['sm3'])).code).toBe(3);
  });
});

describe('gbkit sm2 keygen / sign / verify', () => {
  it('keygen, sign (DER and --raw), verify; tampered input exits 1', async () => {
    expect((await cli(['sm2', 'keygen', '--out', 'k.pem', '--pub', 'k.pub'])).code).toBe(0);
    expect(readFileSync(join(dir, 'k.pem'), 'utf8')).toContain('BEGIN PRIVATE KEY');
    const s = await cli(['sm2', 'sign', '--key', 'k.pem', '--in', 'doc.bin', '--out', 'doc.sig']);
    expect(s.code).toBe(0);
    expect(readFileSync(join(dir, 'doc.sig'))[0]).toBe(0x30);
    const v = await cli(['sm2', 'verify', '--pub', 'k.pub', '--in', 'doc.bin', '--sig', 'doc.sig']);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/^valid: SM2 signature \(DER, user ID 1234567812345678\)/);

    expect(
      (await cli(['sm2', 'sign', '--key', 'k.pem', '--in', 'doc.bin', '--out', 'doc.raw', '--raw'])).code,
    ).toBe(0);
    expect(readFileSync(join(dir, 'doc.raw')).length).toBe(64);
    expect((await cli(['sm2', 'verify', '--pub', 'k.pub', '--in', 'doc.bin', '--sig', 'doc.raw'])).code).toBe(
      0,
    );

    // hex text of the signature is accepted too
    writeFileSync(join(dir, 'doc.hex'), `${toHex(new Uint8Array(readFileSync(join(dir, 'doc.sig'))))}\n`);
    expect((await cli(['sm2', 'verify', '--pub', 'k.pub', '--in', 'doc.bin', '--sig', 'doc.hex'])).code).toBe(
      0,
    );

    writeFileSync(join(dir, 'doc2.bin'), 'tampered');
    const bad = await cli([
      'sm2',
      'verify',
      '--pub',
      'k.pub',
      '--in',
      'doc2.bin',
      '--sig',
      'doc.sig',
      '--json',
    ]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({
      valid: false,
      reason: 'ERR_SM2_SIGNATURE_MISMATCH',
      format: 'der',
    });

    const otherId = await cli([
      'sm2',
      'verify',
      '--pub',
      'k.pub',
      '--in',
      'doc.bin',
      '--sig',
      'doc.sig',
      '--id',
      'x',
    ]);
    expect(otherId.code).toBe(1);
    expect(
      (await cli(['sm2', 'sign', '--key', 'k.pem', '--in', 'doc.bin', '--out', 'id.sig', '--id', 'ALICE']))
        .code,
    ).toBe(0);
    expect(
      (await cli(['sm2', 'verify', '--pub', 'k.pub', '--in', 'doc.bin', '--sig', 'id.sig', '--id', 'ALICE']))
        .code,
    ).toBe(0);
  });

  it('usage errors exit 3 and say what to type', async () => {
    const r = await cli(['sm2', 'verify', '--in', 'doc.bin', '--sig', 'doc.sig']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('gbkit sm2 verify --pub KEY|--cert CERT');
    expect((await cli(['sm2', 'sign', '--key', 'k.pem'])).code).toBe(3);
    expect(
      (await cli(['sm2', 'sign', '--key', 'missing.pem', '--in', 'doc.bin', '--out', 'x.sig'])).code,
    ).toBe(3);
  });

  it.skipIf(!HAVE_OPENSSL)(
    'interop with openssl: its key, its certificate, signatures both ways',
    async () => {
      ossl(['genpkey', '-algorithm', 'SM2', '-out', 'o.pem']);
      ossl(['pkey', '-in', 'o.pem', '-pubout', '-out', 'o.pub']);
      ossl(['pkey', '-in', 'o.pem', '-outform', 'DER', '-out', 'o.der']);
      ossl([
        'req',
        '-x509',
        '-new',
        '-key',
        'o.pem',
        '-sm3',
        '-sigopt',
        ID,
        '-subj',
        '/CN=gbkit CLI test signer',
        '-days',
        '30',
        '-out',
        'o.crt',
      ]);
      // openssl signs (standard ID) → gbkit verifies with the public key and with the certificate
      ossl(['dgst', '-sm3', '-sign', 'o.pem', '-sigopt', ID, '-out', 'o.sig', 'doc.bin']);
      expect((await cli(['sm2', 'verify', '--pub', 'o.pub', '--in', 'doc.bin', '--sig', 'o.sig'])).code).toBe(
        0,
      );
      const vc = await cli(['sm2', 'verify', '--cert', 'o.crt', '--in', 'doc.bin', '--sig', 'o.sig']);
      expect(vc.code).toBe(0);
      expect(vc.out).toContain('gbkit CLI test signer');
      // gbkit signs with openssl's DER key → openssl verifies with distid
      expect((await cli(['sm2', 'sign', '--key', 'o.der', '--in', 'doc.bin', '--out', 'g.sig'])).code).toBe(
        0,
      );
      const ok = ossl([
        'pkeyutl',
        '-verify',
        '-rawin',
        '-digest',
        'sm3',
        '-pubin',
        '-inkey',
        'o.pub',
        '-in',
        'doc.bin',
        '-sigfile',
        'g.sig',
        '-pkeyopt',
        ID,
      ]);
      expect(ok.toString()).toContain('Signature Verified Successfully');
      // an openssl signature without distid (empty ID) is rejected by default
      ossl([
        'pkeyutl',
        '-sign',
        '-rawin',
        '-digest',
        'sm3',
        '-inkey',
        'o.pem',
        '-in',
        'doc.bin',
        '-out',
        'e.sig',
      ]);
      expect(
        (await cli(['sm2', 'verify', '--cert', 'o.crt', '--in', 'doc.bin', '--sig', 'e.sig'])).code,
      ).toBe(1);
      expect(
        (await cli(['sm2', 'verify', '--cert', 'o.crt', '--in', 'doc.bin', '--sig', 'e.sig', '--id', '']))
          .code,
      ).toBe(0);
    },
  );
});

describe('gbkit demo: crypto step', () => {
  it('hashes, generates a key, signs and verifies, and shows the failures it should', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const c = capture(lang);
      expect(await cryptoDemoStep.run(c.io, dir)).toBe(true);
      const text = c.out.join('\n');
      expect(text).toContain('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
      expect(text).toContain('ERR_SM2_SIGNATURE_MISMATCH');
      if (lang === 'en') console.log(text);
    }
  });
});
