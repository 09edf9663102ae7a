/**
 * PEM (RFC 7468) armour: `-----BEGIN LABEL-----` / base64 / `-----END LABEL-----`, and the
 * "PEM or DER" input rule every PKI function follows (bytes that start with `-----BEGIN` or a string
 * are PEM, anything else is DER).
 * @module
 */
import { FormatError, fromBase64, fromUtf8, toBase64 } from '@gbkit/core';

/** One PEM block. */
export interface PemBlock {
  /** The label, e.g. `CERTIFICATE`, `PRIVATE KEY`, `EC PRIVATE KEY`. */
  readonly label: string;
  /** The decoded DER bytes. */
  readonly der: Uint8Array;
  /** RFC 1421 headers (`Proc-Type`, `DEK-Info`) when present. */
  readonly headers: Readonly<Record<string, string>>;
}

const BLOCK = /-----BEGIN ([A-Z0-9 #_-]+)-----([\s\S]*?)-----END \1-----/g;

/**
 * Decodes every PEM block in a text.
 *
 * @example
 * ```ts
 * import { decodePem, encodePem } from '@gbkit/crypto';
 * const blocks = decodePem(encodePem('CERTIFICATE', new Uint8Array([0x30, 0x00])));
 * console.log(blocks[0]?.label); // CERTIFICATE
 * ```
 */
export function decodePem(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const label = m[1] as string;
    const body = m[2] as string;
    const headers: Record<string, string> = {};
    const lines = body.split(/\r?\n/);
    const b64: string[] = [];
    for (const line of lines) {
      const h = /^([A-Za-z-]+):\s*(.*)$/.exec(line.trim());
      if (h) headers[h[1] as string] = h[2] as string;
      else b64.push(line.trim());
    }
    let der: Uint8Array;
    try {
      der = fromBase64(b64.join(''));
    } catch (cause) {
      throw new FormatError(
        'ERR_PEM_BASE64',
        { zh: `PEM 块 ${label} 的 Base64 无效`, en: `PEM block ${label}: invalid base64` },
        { cause, location: { field: label } },
      );
    }
    out.push({ label, der, headers });
  }
  return out;
}

/** Encodes DER as a PEM block with 64-character lines. */
export function encodePem(label: string, der: Uint8Array): string {
  const b64 = toBase64(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Whether bytes look like PEM text. */
export function isPemBytes(b: Uint8Array): boolean {
  let i = 0;
  while (
    i < b.length &&
    (b[i] === 0x20 ||
      b[i] === 0x0a ||
      b[i] === 0x0d ||
      b[i] === 0x09 ||
      b[i] === 0xef ||
      b[i] === 0xbb ||
      b[i] === 0xbf)
  )
    i++;
  return b[i] === 0x2d && b[i + 1] === 0x2d;
}

/**
 * Normalises a PEM-or-DER input: returns the PEM blocks when the input is PEM text (string, or bytes
 * starting with `-----`), or a single unlabelled block when it is DER.
 */
export function pemOrDer(input: Uint8Array | string, what: string): PemBlock[] {
  if (typeof input === 'string' || isPemBytes(input)) {
    const text = typeof input === 'string' ? input : fromUtf8(input);
    const blocks = decodePem(text);
    if (blocks.length === 0) {
      // A string that is not PEM may be bare base64 DER.
      if (typeof input === 'string' && /^[A-Za-z0-9+/=\s]+$/.test(input) && input.trim().length > 0) {
        return [{ label: '', der: fromBase64(input.replace(/\s+/g, '')), headers: {} }];
      }
      throw new FormatError('ERR_PEM_NO_BLOCK', {
        zh: `${what}：未找到 PEM 块`,
        en: `${what}: no PEM block found`,
      });
    }
    return blocks;
  }
  return [{ label: '', der: input, headers: {} }];
}
