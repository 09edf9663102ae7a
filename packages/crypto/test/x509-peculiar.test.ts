/**
 * `@gbkit/crypto/x509`: SM2/SM3 plugged into @peculiar/x509 2.x through its extension points (the
 * `diAlgorithm` registry and a WebCrypto-shaped crypto object). Independent oracles: certificates
 * from the real corpus (issued by ofdrw's test CA), certificates made by the openssl CLI, and
 * `openssl verify` on certificates @peculiar/x509 generates; our own path validation both ways.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import * as gbkitCrypto from '@gbkit/crypto';
import {
  createTestPki,
  exportPublicKeySpki,
  issueCertificate,
  parseCertificate,
  parsePkcs12,
  sm2GenerateKeyPair,
  sm2Verify,
  validatePath,
} from '@gbkit/crypto';
import * as gbkitX509 from '@gbkit/crypto/x509';
import {
  createGmCrypto,
  gmCrypto,
  registerSm2,
  Sm2Algorithm,
  Sm2CryptoKey,
  sm2CryptoKeys,
  useSm2,
  x509,
} from '@gbkit/crypto/x509';
import { build, transformSync } from 'esbuild';
import { container } from 'tsyringe';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';
import {
  DISTID,
  HAVE_OPENSSL,
  openssl,
  opensslSm2Pki,
  opensslStatus,
  tempDir,
  write,
} from './pki-openssl.js';

const SM2_SIG = { name: 'SM2', hash: { name: 'SM3' } };
const SM2_KEY = { name: 'SM2', namedCurve: 'SM2' };
const signingAlgorithm = { name: 'SM2', hash: 'SM3' } as unknown as Algorithm;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const enc = new TextEncoder();
const hex = (b: ArrayBuffer | Uint8Array) =>
  Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex');
const day = 86_400_000;
/** An @peculiar/x509 certificate from DER bytes (copied into a plain ArrayBuffer, as its types ask). */
const cert = (der: Uint8Array | undefined) => new x509.X509Certificate(new Uint8Array(der as Uint8Array));

beforeAll(() => {
  registerSm2();
});

describe('the main entry stays free of reflect-metadata', () => {
  it('bundling @gbkit/crypto pulls in no reflect-metadata, tsyringe or @peculiar/x509, and leaves Reflect alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gbkit-x509-'));
    try {
      const r = await build({
        entryPoints: [resolve(root, 'packages/crypto/src/index.ts')],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        outfile: join(dir, 'main.cjs'),
        metafile: true,
        logLevel: 'silent',
        plugins: [
          {
            name: 'gbkit-src',
            setup(b) {
              b.onResolve({ filter: /^@gbkit\/[a-z-]+$/ }, (a) => ({
                path: resolve(root, 'packages', a.path.slice('@gbkit/'.length), 'src/index.ts'),
              }));
            },
          },
        ],
      });
      const inputs = Object.keys(r.metafile.inputs);
      expect(inputs.some((f) => f.includes('packages/crypto/src/sm2/'))).toBe(true);
      expect(inputs.filter((f) => /reflect-metadata|tsyringe|@peculiar|[\\/]x509[\\/]/.test(f))).toEqual([]);
      // a fresh process: importing the main entry must not install the Reflect metadata polyfill
      writeFileSync(
        join(dir, 'probe.mjs'),
        "await import('./main.cjs'); console.log(typeof globalThis.Reflect.getMetadata);",
      );
      expect(
        execFileSync(process.execPath, [join(dir, 'probe.mjs')])
          .toString()
          .trim(),
      ).toBe('undefined');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the x509 entry installs it (its one declared side effect)', () => {
    expect(typeof (Reflect as unknown as { getMetadata?: unknown }).getMetadata).toBe('function');
  });
});

describe('registration', () => {
  it('registerSm2 is idempotent and adds exactly one Sm2Algorithm to the diAlgorithm registry', () => {
    expect(registerSm2()).toBe(false); // beforeAll registered it
    expect(registerSm2({ container })).toBe(false);
    const sm2 = container.resolveAll<object>(x509.diAlgorithm).filter((a) => a instanceof Sm2Algorithm);
    expect(sm2).toHaveLength(1);
  });

  it('registers into a separate container once', () => {
    const child = container.createChildContainer();
    child.register(x509.diAlgorithm, { useValue: new x509.EcAlgorithm() });
    expect(registerSm2({ container: child })).toBe(true);
    expect(registerSm2({ container: child })).toBe(false);
  });

  it('Sm2Algorithm maps both ways and leaves other algorithms to the next provider', () => {
    const alg = new Sm2Algorithm();
    expect(alg.toAsnAlgorithm({ name: 'SM2', hash: { name: 'SM3' } } as Algorithm)?.algorithm).toBe(
      '1.2.156.10197.1.501',
    );
    const key = alg.toAsnAlgorithm({ name: 'SM2' });
    expect(key?.algorithm).toBe('1.2.840.10045.2.1');
    expect(hex(key?.parameters as ArrayBuffer)).toBe('06082a811ccf5501822d');
    expect(alg.toAsnAlgorithm({ name: 'ECDSA', hash: 'SHA-256' } as Algorithm)).toBeNull();
    expect(alg.toAsnAlgorithm({ name: 'SM2', hash: 'SHA-256' } as Algorithm)).toBeNull();
    expect(alg.toWebAlgorithm(key as NonNullable<typeof key>)).toEqual(SM2_KEY);
    const provider = new x509.AlgorithmProvider();
    expect(provider.toWebAlgorithm(provider.toAsnAlgorithm(signingAlgorithm))).toEqual(SM2_SIG);
    // P-256 still goes to the built-in EcAlgorithm
    expect(
      provider.toWebAlgorithm(provider.toAsnAlgorithm({ name: 'ECDSA', namedCurve: 'P-256' } as Algorithm)),
    ).toEqual({ name: 'ECDSA', namedCurve: 'P-256' });
  });
});

describe('gmCrypto: a WebCrypto-shaped object with SM2/SM3', () => {
  it('SM3 digest (GB/T 32905 example 1) and fallback to WebCrypto for SHA-256', async () => {
    expect(hex(await gmCrypto.subtle.digest('SM3', enc.encode('abc')))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(hex(await gmCrypto.subtle.digest('SHA-256', enc.encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(gmCrypto.getRandomValues(new Uint8Array(16))).toHaveLength(16);
  });

  it('signatures are DER SM3withSM2 with user ID 1234567812345678 that sm2Verify accepts', async () => {
    const pair = sm2GenerateKeyPair();
    const keys = sm2CryptoKeys(pair);
    const data = enc.encode('gbkit');
    const sig = new Uint8Array(await gmCrypto.subtle.sign(signingAlgorithm, keys.privateKey, data));
    expect(sig[0]).toBe(0x30);
    expect(sm2Verify(data, sig, pair.publicKey, { userId: '1234567812345678', format: 'der' }).valid).toBe(
      true,
    );
    expect(await gmCrypto.subtle.verify({ name: 'SM2' }, keys.publicKey, sig, data)).toBe(true);
    expect(await gmCrypto.subtle.verify({ name: 'SM2' }, keys.publicKey, sig, enc.encode('gbkiT'))).toBe(
      false,
    );
    // user ID: per call, per key and per crypto object
    const alice = { name: 'SM2', userId: 'alice' } as Algorithm;
    const sigA = await gmCrypto.subtle.sign(alice, keys.privateKey, data);
    expect(await gmCrypto.subtle.verify({ name: 'SM2' }, keys.publicKey, sigA, data)).toBe(false);
    expect(await gmCrypto.subtle.verify(alice, keys.publicKey, sigA, data)).toBe(true);
    expect(
      await createGmCrypto({ userId: 'alice' }).subtle.verify({ name: 'SM2' }, keys.publicKey, sigA, data),
    ).toBe(true);
    expect(
      await gmCrypto.subtle.verify(
        { name: 'SM2' },
        sm2CryptoKeys(pair, { userId: 'alice' }).publicKey,
        sigA,
        data,
      ),
    ).toBe(true);
    // raw r‖s on request
    const raw = createGmCrypto({ signatureFormat: 'raw' });
    const sigR = new Uint8Array(await raw.subtle.sign({ name: 'SM2' }, keys.privateKey, data));
    expect(sigR).toHaveLength(64);
    expect(await raw.subtle.verify({ name: 'SM2' }, keys.publicKey, sigR, data)).toBe(true);
    expect(sm2Verify(data, sigR, pair.publicKey, { format: 'raw' }).valid).toBe(true);
  });

  it('generateKey, importKey and exportKey (spki, raw, pkcs8) round-trip with @gbkit/crypto encodings', async () => {
    const { privateKey, publicKey } = (await gmCrypto.subtle.generateKey(SM2_KEY, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    expect(privateKey).toBeInstanceOf(Sm2CryptoKey);
    expect([privateKey.type, privateKey.usages, publicKey.type, publicKey.usages]).toEqual([
      'private',
      ['sign'],
      'public',
      ['verify'],
    ]);
    expect(Object.prototype.toString.call(publicKey)).toBe('[object CryptoKey]');
    const spki = new Uint8Array((await gmCrypto.subtle.exportKey('spki', publicKey)) as ArrayBuffer);
    const point = new Uint8Array((await gmCrypto.subtle.exportKey('raw', publicKey)) as ArrayBuffer);
    expect(hex(spki)).toBe(hex(exportPublicKeySpki(point)));
    const pkcs8 = (await gmCrypto.subtle.exportKey('pkcs8', privateKey)) as ArrayBuffer;
    const priv2 = await gmCrypto.subtle.importKey('pkcs8', pkcs8, { name: 'SM2' }, false, ['sign']);
    const pub2 = await gmCrypto.subtle.importKey('spki', spki, { name: 'SM2' }, true, ['verify']);
    const pub3 = await gmCrypto.subtle.importKey('raw', point, { name: 'SM2' }, true, ['verify']);
    const data = enc.encode('round trip');
    const sig = await gmCrypto.subtle.sign(signingAlgorithm, priv2, data);
    expect(await gmCrypto.subtle.verify(signingAlgorithm, pub2, sig, data)).toBe(true);
    expect(await gmCrypto.subtle.verify(signingAlgorithm, pub3, sig, data)).toBe(true);
    await expect(gmCrypto.subtle.exportKey('pkcs8', priv2)).rejects.toMatchObject({
      code: 'ERR_GMCRYPTO_NOT_EXTRACTABLE',
    });
  });

  it('rejects what SM2 cannot do, with stable codes; other algorithms still work', async () => {
    const keys = sm2CryptoKeys(sm2GenerateKeyPair());
    const data = enc.encode('x');
    await expect(
      gmCrypto.subtle.sign({ name: 'SM2', hash: 'SHA-256' } as Algorithm, keys.privateKey, data),
    ).rejects.toMatchObject({ code: 'ERR_GMCRYPTO_HASH' });
    await expect(gmCrypto.subtle.sign({ name: 'SM2' }, keys.publicKey, data)).rejects.toMatchObject({
      code: 'ERR_GMCRYPTO_KEY_USAGE',
    });
    const p256 = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const p256spki = await crypto.subtle.exportKey('spki', p256.publicKey);
    await expect(
      gmCrypto.subtle.importKey('spki', p256spki, { name: 'SM2' }, true, ['verify']),
    ).rejects.toMatchObject({
      code: 'ERR_GMCRYPTO_NOT_SM2',
    });
    await expect(gmCrypto.subtle.sign({ name: 'SM2' }, p256.privateKey, data)).rejects.toMatchObject({
      code: 'ERR_GMCRYPTO_KEY',
    });
    await expect(
      gmCrypto.subtle.importKey('jwk', {}, { name: 'SM2' }, true, ['verify']),
    ).rejects.toMatchObject({
      code: 'ERR_GMCRYPTO_UNSUPPORTED',
    });
    expect(() =>
      sm2CryptoKeys({ ...sm2GenerateKeyPair(), publicKey: sm2GenerateKeyPair().publicKey }),
    ).toThrow(expect.objectContaining({ code: 'ERR_GMCRYPTO_KEY_MISMATCH' }));
    // ECDSA through the same object goes to WebCrypto
    const alg = { name: 'ECDSA', hash: 'SHA-256' };
    const sig = await gmCrypto.subtle.sign(alg, p256.privateKey, data);
    expect(await gmCrypto.subtle.verify(alg, p256.publicKey, sig, data)).toBe(true);
  });
});

describeCorpus('real SM2 certificates (e-seal corpus, ofdrw test CA)', () => {
  const rootP12 = () => parsePkcs12(readCorpus('e-seal', 'keys', 'ROOT.p12'), { password: '123456' });

  it('parses sign_cert.pem and the ROOT and USER certificates with SM2/SM3 algorithms', () => {
    const leaf = cert(readCorpus('e-seal', 'keys', 'sign_cert.pem'));
    const ours = parseCertificate(readCorpus('e-seal', 'keys', 'sign_cert.pem'));
    expect(leaf.signatureAlgorithm).toEqual(SM2_SIG);
    expect(leaf.publicKey.algorithm).toEqual(SM2_KEY);
    expect(leaf.serialNumber.toLowerCase()).toBe(ours.serialNumber.toLowerCase());
    expect(leaf.notBefore.getTime()).toBe(ours.notBefore.getTime());
    expect(leaf.notAfter.toISOString().slice(0, 10)).toBe('2023-07-29');
    expect(leaf.issuer).toContain('OFD Reader and WriterROOT Certificate');
    const root = cert(rootP12().certificate?.der);
    expect(root.signatureAlgorithm).toEqual(SM2_SIG);
    expect(root.subject).toBe(leaf.issuer);
    const user = parsePkcs12(readCorpus('e-seal', 'keys', 'USER.p12'), { password: '777777' });
    const userCert = cert(user.certificate?.der);
    expect(userCert.signatureAlgorithm).toEqual(SM2_SIG);
    expect(userCert.extensions.length).toBeGreaterThan(0);
  });

  it('verifies their signatures against the root, rejects a wrong key, and builds the chain', async () => {
    const leaf = cert(readCorpus('e-seal', 'keys', 'sign_cert.pem'));
    const root = cert(rootP12().certificate?.der);
    const user = cert(
      parsePkcs12(readCorpus('e-seal', 'keys', 'USER.p12'), { password: '777777' }).certificate?.der,
    );
    expect(await leaf.verify({ publicKey: root.publicKey, signatureOnly: true }, gmCrypto)).toBe(true);
    expect(await user.verify({ publicKey: root, signatureOnly: true }, gmCrypto)).toBe(true);
    expect(await root.verify({ signatureOnly: true }, gmCrypto)).toBe(true); // self-signed
    expect(await leaf.verify({ publicKey: user.publicKey, signatureOnly: true }, gmCrypto)).toBe(false);
    // the leaf expired in 2023: the full check (with dates) is false now, true inside its validity
    expect(await leaf.verify({ publicKey: root.publicKey }, gmCrypto)).toBe(false);
    expect(
      await leaf.verify({ publicKey: root.publicKey, date: new Date('2022-01-01T00:00:00Z') }, gmCrypto),
    ).toBe(true);
    const chain = await new x509.X509ChainBuilder({ certificates: [user, root] }).build(leaf, gmCrypto);
    expect(chain.map((c) => c.subject)).toEqual([leaf.subject, root.subject]);
  });
});

/** An openssl-made SM2 CA and leaf (distid 1234567812345678). */
function opensslPki(dir: string): void {
  opensslSm2Pki(dir, {
    caSubject: '/C=CN/O=OpenSSL/CN=SM2 CA',
    leafSubject: '/C=CN/CN=SM2 Seal',
    leafExt:
      'keyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
    days: 30,
  });
}

describe.skipIf(!HAVE_OPENSSL)('openssl-made certificates through @peculiar/x509', () => {
  it('parses, verifies (right key true, wrong key false) and chains leaf ← CA', async () => {
    const dir = tempDir();
    opensslPki(dir);
    const ca = new x509.X509Certificate(readFileSync(join(dir, 'ca.pem'), 'utf8'));
    const leaf = new x509.X509Certificate(readFileSync(join(dir, 'leaf.pem'), 'utf8'));
    expect(leaf.signatureAlgorithm).toEqual(SM2_SIG);
    expect(ca.publicKey.algorithm).toEqual(SM2_KEY);
    expect(await leaf.verify({ publicKey: ca.publicKey }, gmCrypto)).toBe(true);
    expect(await ca.verify({}, gmCrypto)).toBe(true);
    expect(await leaf.verify({ publicKey: leaf.publicKey, signatureOnly: true }, gmCrypto)).toBe(false);
    const other = sm2CryptoKeys(sm2GenerateKeyPair()).publicKey;
    expect(await leaf.verify({ publicKey: other, signatureOnly: true }, gmCrypto)).toBe(false);
    // another user ID does not verify: the ID really is part of the check
    expect(await leaf.verify({ publicKey: ca.publicKey }, createGmCrypto({ userId: 'other' }))).toBe(false);
    const chain = await new x509.X509ChainBuilder({ certificates: [ca] }).build(leaf, gmCrypto);
    expect(chain.map((c) => c.subject)).toEqual(['C=CN, CN=SM2 Seal', 'C=CN, O=OpenSSL, CN=SM2 CA']);
    expect(await ca.isSelfSigned(gmCrypto)).toBe(true);
    expect(await leaf.isSelfSigned(gmCrypto)).toBe(false);
  });

  it('a CSR made by openssl verifies through @peculiar/x509', async () => {
    const dir = tempDir();
    opensslPki(dir);
    const csr = new x509.Pkcs10CertificateRequest(readFileSync(join(dir, 'leaf.csr'), 'utf8'));
    expect(csr.signatureAlgorithm).toEqual(SM2_SIG);
    expect(await csr.verify(gmCrypto)).toBe(true);
  });
});

describe('certificates generated by @peculiar/x509 with SM2', () => {
  async function generate() {
    const caKeys = sm2CryptoKeys(sm2GenerateKeyPair());
    const leafPair = sm2GenerateKeyPair();
    const leafKeys = sm2CryptoKeys(leafPair);
    const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    const ca = await x509.X509CertificateGenerator.createSelfSigned(
      {
        serialNumber: '01',
        name: 'C=CN, O=gbkit x509, CN=Peculiar SM2 Root',
        notBefore,
        notAfter: new Date(notBefore.getTime() + 30 * day),
        keys: caKeys,
        signingAlgorithm,
        extensions: [
          new x509.BasicConstraintsExtension(true, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
          await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, gmCrypto),
        ],
      },
      gmCrypto,
    );
    const leaf = await x509.X509CertificateGenerator.create(
      {
        serialNumber: '0a1b',
        subject: 'C=CN, O=gbkit x509, CN=Peculiar SM2 Seal',
        issuer: ca.subject,
        notBefore,
        notAfter: new Date(notBefore.getTime() + 10 * day),
        publicKey: leafKeys.publicKey,
        signingKey: caKeys.privateKey,
        signingAlgorithm,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(
            x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
            true,
          ),
          await x509.AuthorityKeyIdentifierExtension.create(ca, false, gmCrypto),
        ],
      },
      gmCrypto,
    );
    return { ca, leaf, leafPair };
  }

  it('makes a CA and a leaf that @peculiar/x509 and @gbkit/crypto both verify, and our path validation accepts', async () => {
    const { ca, leaf, leafPair } = await generate();
    expect(leaf.signatureAlgorithm).toEqual(SM2_SIG);
    expect(await leaf.verify({ publicKey: ca.publicKey }, gmCrypto)).toBe(true);
    expect(await ca.isSelfSigned(gmCrypto)).toBe(true);
    const ourCa = parseCertificate(ca.toString('pem'));
    const ourLeaf = parseCertificate(new Uint8Array(leaf.rawData));
    expect(ourLeaf.signatureAlgorithm).toBe('1.2.156.10197.1.501');
    expect(hex(ourLeaf.publicKey)).toBe(hex(leafPair.publicKey));
    expect(ourLeaf.serialNumber.toLowerCase()).toBe('0a1b');
    expect(ourCa.basicConstraints?.ca).toBe(true);
    expect((await ourLeaf.verifySignature(ourCa)).valid).toBe(true);
    const path = await validatePath(ourLeaf, { trustAnchors: [ourCa] });
    expect(path.problems).toEqual([]);
    expect(path.status).toBe('valid');
    // a leaf signed under another user ID is rejected by our validation (default ID)
    const otherId = await x509.X509CertificateGenerator.create(
      {
        serialNumber: '02',
        subject: 'CN=Other ID',
        issuer: ca.subject,
        notBefore: ca.notBefore,
        notAfter: leaf.notAfter,
        publicKey: leaf.publicKey,
        signingKey: sm2CryptoKeys(sm2GenerateKeyPair()).privateKey,
        signingAlgorithm,
      },
      gmCrypto,
    );
    expect(
      (await validatePath(parseCertificate(new Uint8Array(otherId.rawData)), { trustAnchors: [ourCa] }))
        .valid,
    ).toBe(false);
  });

  it.skipIf(!HAVE_OPENSSL)('openssl verify -vfyopt distid accepts them', async () => {
    const { ca, leaf } = await generate();
    const dir = tempDir();
    write(dir, 'ca.pem', ca.toString('pem'));
    write(dir, 'leaf.pem', leaf.toString('pem'));
    const ok = opensslStatus(['verify', '-vfyopt', DISTID, '-CAfile', 'ca.pem', 'leaf.pem'], dir);
    expect(ok.output).toContain('leaf.pem: OK');
    expect(ok.status).toBe(0);
    // and openssl reads the algorithms as SM2/SM3
    expect(openssl(['x509', '-in', 'leaf.pem', '-noout', '-text'], dir).toString()).toMatch(
      /Signature Algorithm: SM2-with-SM3/,
    );
    // control: a wrong user ID makes openssl reject it
    const bad = opensslStatus(['verify', '-vfyopt', 'distid:0000', '-CAfile', 'ca.pem', 'leaf.pem'], dir);
    expect(bad.status).not.toBe(0);
  });

  it.skipIf(!HAVE_OPENSSL)(
    'a CSR from Pkcs10CertificateRequestGenerator passes openssl req -verify',
    async () => {
      const keys = sm2CryptoKeys(sm2GenerateKeyPair());
      const csr = await x509.Pkcs10CertificateRequestGenerator.create(
        { name: 'C=CN, CN=CSR Subject', keys, signingAlgorithm },
        gmCrypto,
      );
      expect(await csr.verify(gmCrypto)).toBe(true);
      const dir = tempDir();
      write(dir, 'req.pem', csr.toString('pem'));
      // openssl reports the request check on stderr and exits 0 either way
      const check = (distid: string) =>
        spawnSync('openssl', ['req', '-in', 'req.pem', '-verify', '-vfyopt', distid, '-noout'], {
          cwd: dir,
        }).stderr.toString();
      expect(check(DISTID)).toContain('self-signature verify OK');
      expect(check('distid:0000')).toContain('self-signature verify failure');
    },
  );
});

describe('certificates issued by @gbkit/crypto (pki/issue.ts) through the adapter', () => {
  it('verify and chain in @peculiar/x509', async () => {
    const pki = await createTestPki();
    const ca = cert(pki.ca.certificate.der);
    const signer = new x509.X509Certificate(pki.signer.certificatePem);
    const maker = cert(pki.sealMaker.certificate.der);
    expect(signer.signatureAlgorithm).toEqual(SM2_SIG);
    expect(await signer.verify({ publicKey: ca.publicKey }, gmCrypto)).toBe(true);
    expect(await signer.verify({ publicKey: maker.publicKey, signatureOnly: true }, gmCrypto)).toBe(false);
    const chain = await new x509.X509ChainBuilder({ certificates: [maker, ca] }).build(signer, gmCrypto);
    expect(chain.map((c) => c.serialNumber)).toEqual([signer.serialNumber, ca.serialNumber]);
    // extensions written by issue.ts read back through @peculiar/x509
    const bc = ca.getExtension(x509.BasicConstraintsExtension);
    expect(bc?.ca).toBe(true);
    const ku = signer.getExtension(x509.KeyUsagesExtension);
    expect(ku?.usages).toBe(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
  });

  it('a certificate issued with another user ID verifies only with that ID', async () => {
    const caKey = sm2GenerateKeyPair();
    const caCert = issueCertificate({
      subject: 'CN=ID Root',
      publicKey: caKey.publicKey,
      issuerKey: caKey,
      ca: true,
    });
    const leafCert = issueCertificate({
      subject: 'CN=ID Leaf',
      publicKey: sm2GenerateKeyPair().publicKey,
      issuer: caCert,
      issuerKey: caKey,
      userId: 'issuer@example.cn',
    });
    const ca = cert(caCert.der);
    const leaf = cert(leafCert.der);
    expect(await leaf.verify({ publicKey: ca.publicKey }, gmCrypto)).toBe(false);
    expect(
      await leaf.verify({ publicKey: ca.publicKey }, createGmCrypto({ userId: 'issuer@example.cn' })),
    ).toBe(true);
  });
});

describe('useSm2: the default crypto provider', () => {
  it('after useSm2(), verify and chain building need no crypto argument', async () => {
    const before = x509.cryptoProvider.get();
    try {
      const installed = useSm2();
      expect(installed).toBe(gmCrypto);
      expect(x509.cryptoProvider.get()).toBe(gmCrypto);
      expect(useSm2()).toBe(gmCrypto); // idempotent
      const pki = await createTestPki();
      const ca = cert(pki.ca.certificate.der);
      const signer = cert(pki.signer.certificate.der);
      expect(await signer.verify({ publicKey: ca.publicKey })).toBe(true);
      expect((await new x509.X509ChainBuilder({ certificates: [ca] }).build(signer)).length).toBe(2);
      const custom = useSm2({ userId: 'x' });
      expect(custom).not.toBe(gmCrypto);
      expect(await signer.verify({ publicKey: ca.publicKey })).toBe(false);
    } finally {
      x509.cryptoProvider.set(before);
    }
  });
});

describe('TSDoc @example blocks of src/x509 run and print what they say', () => {
  const dir = resolve(root, 'packages/crypto/src/x509');
  const examples = readdirSync(dir).flatMap((f) =>
    [
      ...readFileSync(join(dir, f), 'utf8').matchAll(/@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g),
    ].map((m) => ({
      file: f,
      code: (m[1] as string)
        .split('\n')
        .map((l) => l.replace(/^\s*\* ?/, ''))
        .join('\n'),
    })),
  );
  const modules: Record<string, unknown> = { '@gbkit/crypto': gbkitCrypto, '@gbkit/crypto/x509': gbkitX509 };
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...a: string[]
  ) => (...a: unknown[]) => Promise<void>;

  it('found one per export', () => expect(examples.length).toBeGreaterThanOrEqual(9));
  for (const ex of examples) {
    it(`${ex.file}: ${ex.code.split('\n').find((l) => !l.startsWith('import'))}`, async () => {
      const want: (string | undefined)[] = [];
      const lines = ex.code.split('\n').map((line) => {
        const imp = line.match(/^import \{([^}]*)\} from '([^']+)';$/);
        if (imp) {
          expect(Object.keys(modules)).toContain(imp[2]);
          return `const {${imp[1]}} = __modules[${JSON.stringify(imp[2])}];`;
        }
        const log = line.match(/^(.*console\.log\(.*\);)\s*\/\/ (.*)$/);
        if (log) want.push((log[2] as string).trim());
        else if (/console\.log\(/.test(line)) want.push(undefined);
        return log ? (log[1] as string) : line;
      });
      const js = transformSync(lines.join('\n'), { loader: 'ts', format: 'esm' }).code;
      const got: string[] = [];
      const log = (...a: unknown[]) =>
        got.push(a.map((x) => (typeof x === 'string' ? x : inspect(x))).join(' '));
      const before = x509.cryptoProvider.get();
      try {
        await new AsyncFunction('__modules', 'console', js)(modules, { log });
      } finally {
        x509.cryptoProvider.set(before);
      }
      expect(got.length).toBe(want.length);
      want.forEach((w, i) => {
        if (w !== undefined) expect(got[i]).toBe(w);
      });
    });
  }
});
