/**
 * One entry point for any input: sniffs the format (OFD zip, PDF, DER seal or SES_Signature) and calls
 * the matching verifier. PDF verification lives in `src/pdf` and is used when that module exports
 * `verifyPdf(bytes, options): Promise<VerificationResult>`.
 * @module
 */
import { FormatError, UnsupportedError } from '@gbkit/core';
import * as pdf from '../pdf/index.js';
import { children, decodeTlv, TAG } from '../ses/der.js';
import { type VerifyOptions, verifyOfd } from './ofd.js';
import type { VerificationResult, VerifiedFormat } from './result.js';
import { type SesFileOptions, verifySealFile, verifySesSignatureFile } from './standalone.js';

/** Detects the format of an input from its bytes. */
export function sniffFormat(bytes: Uint8Array): VerifiedFormat {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) return 'ofd';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  if (bytes[0] === TAG.SEQUENCE) {
    try {
      const top = children(decodeTlv(bytes, 'input'), 'input');
      const first = top[0];
      if (!first || first.tag !== TAG.SEQUENCE) return 'unknown';
      // SESeal starts with SES_SealInfo whose first element is SES_Header (a SEQUENCE starting with IA5String)
      const inner = children(first, 'input');
      if (inner[0]?.tag === TAG.SEQUENCE && children(inner[0], 'input')[0]?.tag === TAG.IA5_STRING)
        return 'esl';
      if (inner[0]?.tag === TAG.INTEGER) return 'ses-signature';
    } catch {
      return 'unknown';
    }
  }
  // a zip with bytes before it (tolerated by the OFD reader)
  for (let i = 0; i + 4 <= Math.min(bytes.length, 65536); i++) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x03 && bytes[i + 3] === 0x04)
      return 'ofd';
  }
  return 'unknown';
}

type PdfVerifier = (bytes: Uint8Array, options: VerifyOptions) => Promise<VerificationResult>;

/**
 * Verifies any supported input. `.ofd`, `.pdf` (when the PDF module is present), `.esl` seals and raw
 * `SES_Signature` values (with `signatureXml` for binding). Throws `UnsupportedError(ERR_ESEAL_FORMAT)`
 * when the format is not recognised, and the container's typed errors when an OFD/PDF cannot be opened.
 *
 * @example
 * ```ts
 * import { verifyFile } from '@gbkit/e-seal';
 * import { readFileSync } from 'node:fs';
 * const r = await verifyFile(readFileSync('1.ofd'), { file: '1.ofd' });
 * console.log(r.format, r.indication, r.subIndication); // ofd INDETERMINATE NO_CERTIFICATE_CHAIN_FOUND
 * ```
 */
export async function verifyFile(
  bytes: Uint8Array,
  options: SesFileOptions = {},
): Promise<VerificationResult> {
  const format = sniffFormat(bytes);
  switch (format) {
    case 'ofd':
      return verifyOfd(bytes, options);
    case 'esl':
      return verifySealFile(bytes, options);
    case 'ses-signature':
      return verifySesSignatureFile(bytes, options);
    case 'pdf': {
      const v = (pdf as Record<string, unknown>).verifyPdf;
      if (typeof v === 'function') return (v as PdfVerifier)(bytes, options);
      throw new UnsupportedError('ERR_ESEAL_PDF_UNAVAILABLE', {
        zh: '此版本不支持验证 PDF',
        en: 'PDF verification is not available in this build',
      });
    }
    default:
      throw new FormatError(
        'ERR_ESEAL_FORMAT',
        {
          zh: '无法识别的输入：不是 OFD、PDF、印章或签章值',
          en: 'unrecognised input: not an OFD, PDF, seal or signature value',
        },
        options.file ? { location: { file: options.file } } : {},
      );
  }
}
