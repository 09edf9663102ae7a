/** Test helper: the `openssl` CLI as an independent oracle (SM2 only with distid). Skips loudly when absent. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DISTID = 'distid:1234567812345678';

function detect(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

export const HAVE_OPENSSL = detect();
if (!HAVE_OPENSSL) console.warn('\n!! SKIPPING openssl oracle tests: `openssl` not found on PATH\n');

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'gbkit-pki-'));
}

/** Runs openssl in `cwd`; returns stdout. Throws with stderr on failure. */
export function openssl(args: string[], cwd: string, input?: Uint8Array): Buffer {
  try {
    return execFileSync('openssl', args, {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(input ? { input } : {}),
    });
  } catch (e) {
    const err = e as { stderr?: Buffer; stdout?: Buffer; status?: number };
    throw new Error(
      `openssl ${args.join(' ')} failed (${err.status}): ${err.stderr?.toString() ?? ''}${err.stdout?.toString() ?? ''}`,
    );
  }
}

/** Like {@link openssl} but returns the exit status and output instead of throwing. */
export function opensslStatus(args: string[], cwd: string): { status: number; output: string } {
  try {
    const out = execFileSync('openssl', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    return { status: 0, output: out.toString() };
  } catch (e) {
    const err = e as { stderr?: Buffer; stdout?: Buffer; status?: number };
    return {
      status: err.status ?? 1,
      output: `${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}`,
    };
  }
}

export const write = (dir: string, name: string, data: Uint8Array | string): string => {
  writeFileSync(join(dir, name), data);
  return join(dir, name);
};
export const read = (dir: string, name: string): Uint8Array => new Uint8Array(readFileSync(join(dir, name)));

/**
 * An openssl-made SM2 CA and leaf signed with distid 1234567812345678, written to `dir`: `ca.key`, `ca.pem`
 * (CA:TRUE, keyCertSign + cRLSign), `leaf.key`, `leaf.csr`, `leaf.ext` and `leaf.pem` (issued from the CSR,
 * whose own signature openssl checks with the same distid).
 */
export function opensslSm2Pki(
  dir: string,
  options: { caSubject: string; leafSubject: string; leafExt: string; days: number },
): void {
  const days = String(options.days);
  openssl(['genpkey', '-algorithm', 'SM2', '-out', 'ca.key'], dir);
  openssl(['genpkey', '-algorithm', 'SM2', '-out', 'leaf.key'], dir);
  openssl(
    [
      ...['req', '-x509', '-new', '-key', 'ca.key', '-sm3', '-sigopt', DISTID, '-subj', options.caSubject],
      ...['-days', days, '-addext', 'basicConstraints=critical,CA:TRUE'],
      ...['-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', 'ca.pem'],
    ],
    dir,
  );
  openssl(
    [
      'req',
      '-new',
      '-key',
      'leaf.key',
      '-sm3',
      '-sigopt',
      DISTID,
      '-subj',
      options.leafSubject,
      '-out',
      'leaf.csr',
    ],
    dir,
  );
  write(dir, 'leaf.ext', options.leafExt);
  openssl(
    [
      ...['x509', '-req', '-in', 'leaf.csr', '-vfyopt', DISTID, '-CA', 'ca.pem', '-CAkey', 'ca.key'],
      ...[
        '-CAcreateserial',
        '-sm3',
        '-sigopt',
        DISTID,
        '-days',
        days,
        '-extfile',
        'leaf.ext',
        '-out',
        'leaf.pem',
      ],
    ],
    dir,
  );
}
