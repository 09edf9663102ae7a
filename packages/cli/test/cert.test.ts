import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPki } from '@gbkit/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, describeCorpus } from '../../../test-utils/corpus.js';
import { runCli } from '../src/main.js';

const dir = mkdtempSync(join(tmpdir(), 'gbkit-cli-cert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = async (args: string[], lang: 'zh' | 'en' = 'en') => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), lang, cwd: dir });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

let signerSerial = '';
beforeAll(async () => {
  const pki = await createTestPki({ notBefore: new Date('2026-01-01T00:00:00Z') });
  writeFileSync(join(dir, 'ca.pem'), pki.ca.certificatePem);
  writeFileSync(join(dir, 'signer.pem'), pki.signer.certificatePem);
  writeFileSync(join(dir, 'signer.der'), pki.signer.certificate.der);
  writeFileSync(join(dir, 'maker.pem'), pki.sealMaker.certificatePem);
  writeFileSync(
    join(dir, 'crl.pem'),
    pki
      .issueCrl({
        thisUpdate: new Date('2026-02-01T00:00:00Z'),
        nextUpdate: new Date('2027-02-01T00:00:00Z'),
        revoked: [{ serialNumber: pki.signer.certificate.serialNumber }],
      })
      .toPem(),
  );
  const other = await createTestPki({ organization: 'Other' });
  writeFileSync(join(dir, 'other-ca.pem'), other.ca.certificatePem);
  signerSerial = pki.signer.certificate.serialNumber;
});

describe('gbkit cert inspect', () => {
  it('prints the fields of a PEM and a DER certificate, in English and Chinese', async () => {
    const r = await cli(['cert', 'inspect', 'signer.pem']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Subject            C=CN, O=gbkit Test, CN=gbkit Test Signer');
    expect(r.out).toContain('Issuer             C=CN, O=gbkit Test, CN=gbkit Test Root CA');
    expect(r.out).toContain(`Serial             ${signerSerial}`);
    expect(r.out).toContain('Key algorithm      SM2');
    expect(r.out).toContain('SM2-with-SM3 (1.2.156.10197.1.501)');
    expect(r.out).toContain('Key usage          digitalSignature, nonRepudiation (critical)');
    const zh = await cli(['cert', 'inspect', 'signer.der'], 'zh');
    expect(zh.out).toContain('主体');
    expect(zh.out).toContain('密钥用途');
  });

  it('--json', async () => {
    const r = await cli(['cert', 'inspect', 'ca.pem', '--json']);
    const j = JSON.parse(r.out);
    expect(j.subject).toBe('C=CN, O=gbkit Test, CN=gbkit Test Root CA');
    expect(j.basicConstraints).toEqual({ ca: true, critical: true });
    expect(j.notBefore).toBe('2026-01-01T00:00:00.000Z');
  });

  it('usage errors exit 3', async () => {
    expect((await cli(['cert', 'inspect'])).code).toBe(3);
    const r = await cli(['cert', 'inspect', 'nope.pem']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('nope.pem');
  });
});

describeCorpus('gbkit cert inspect on PKCS#12', () => {
  it('reads USER.p12 with --password, and a wrong password is an error', async () => {
    const r = await cli([
      'cert',
      'inspect',
      corpusPath('e-seal', 'keys', 'USER.p12'),
      '--password',
      '777777',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).subject).toBe('C=CN, O=OFD R&W, ST=Zhejiang, L=Hangzhou, CN=Test Certificate');
    const bad = await cli(['cert', 'inspect', corpusPath('e-seal', 'keys', 'USER.p12'), '--password', 'x']);
    expect(bad.code).toBe(3);
    expect(bad.err).toContain('ERR_PKCS12_MAC');
  });

  it('verify: the ofdrw root is rejected strictly and accepted with --relaxed', async () => {
    const { parsePkcs12 } = await import('@gbkit/crypto');
    const { readFileSync } = await import('node:fs');
    const p12 = parsePkcs12(new Uint8Array(readFileSync(corpusPath('e-seal', 'keys', 'ROOT.p12'))), {
      password: '123456',
    });
    writeFileSync(join(dir, 'ofdrw-root.pem'), p12.certificate?.toPem() ?? '');
    const args = [
      'cert',
      'verify',
      corpusPath('e-seal', 'keys', 'sign_cert.pem'),
      '--trust',
      'ofdrw-root.pem',
      '--at',
      '2022-01-01T00:00:00Z',
    ];
    const strict = await cli(args);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('ERR_PATH_KEY_CERT_SIGN');
    const relaxed = await cli([...args, '--relaxed']);
    expect(relaxed.code).toBe(0);
    expect(relaxed.out).toContain('(tolerated)');
  });
});

describe('gbkit cert verify', () => {
  it('valid (0), expired (1), untrusted (2), revoked (1), usage (3)', async () => {
    const ok = await cli([
      'cert',
      'verify',
      'signer.pem',
      '--trust',
      'ca.pem',
      '--at',
      '2026-06-01T00:00:00Z',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^valid \(valid\)/);
    const late = await cli([
      'cert',
      'verify',
      'signer.pem',
      '--trust',
      'ca.pem',
      '--at',
      '2030-01-01',
      '--json',
    ]);
    expect(late.code).toBe(1);
    expect(JSON.parse(late.out).problems[0].code).toBe('ERR_PATH_EXPIRED');
    expect((await cli(['cert', 'verify', 'signer.pem', '--trust', 'other-ca.pem'])).code).toBe(2);
    const revoked = await cli([
      'cert',
      'verify',
      'signer.pem',
      '--trust',
      'ca.pem',
      '--crl',
      'crl.pem',
      '--at',
      '2026-06-01T00:00:00Z',
    ]);
    expect(revoked.code).toBe(1);
    expect(revoked.out).toContain('ERR_PATH_REVOKED');
    expect(
      (
        await cli([
          'cert',
          'verify',
          'maker.pem',
          '--trust',
          'ca.pem',
          '--crl',
          'crl.pem',
          '--at',
          '2026-06-01T00:00:00Z',
        ])
      ).code,
    ).toBe(0);
    // Another SM2 user ID makes every certificate signature fail.
    const otherId = await cli([
      'cert',
      'verify',
      'signer.pem',
      '--trust',
      'ca.pem',
      '--at',
      '2026-06-01T00:00:00Z',
      '--id',
      '',
    ]);
    expect(otherId.code).toBe(1);
    expect(otherId.out).toContain('ERR_PATH_SIGNATURE');
    expect((await cli(['cert', 'verify', 'signer.pem'])).code).toBe(3);
    expect((await cli(['cert', 'verify', 'signer.pem', '--trust', 'ca.pem', '--at', 'yesterday'])).code).toBe(
      3,
    );
  });

  it('agrees with openssl verify -vfyopt distid on the same files', async () => {
    let have = true;
    try {
      execFileSync('openssl', ['version'], { stdio: 'pipe' });
    } catch {
      have = false;
    }
    if (!have) {
      console.warn('!! SKIPPED: openssl not on PATH');
      return;
    }
    const out = execFileSync(
      'openssl',
      ['verify', '-vfyopt', 'distid:1234567812345678', '-CAfile', 'ca.pem', 'signer.pem'],
      { cwd: dir },
    ).toString();
    expect(out).toContain('OK');
  });
});
