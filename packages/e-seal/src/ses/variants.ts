/**
 * The non-standard encodings the SES decoder tolerates (research §1, §2), each reported so that nothing
 * non-standard ever passes silently. Every decoded structure carries the list of variants it used.
 * @module
 */
import type { LocalizedText } from '@gbkit/core';

/** Stable codes of the tolerated variants. */
export type SesVariantCode =
  | 'SIGNATURE-RAW-RS'
  | 'SIGNATURE-NONSTANDARD'
  | 'CERTLIST-IA5-ID'
  | 'TIMEINFO-TEXT'
  | 'TIMEINFO-DER-IN-BITSTRING'
  | 'TIMEINFO-OCTET-STRING'
  | 'TIMEINFO-NO-ZONE'
  | 'DATAHASH-OCTET-STRING'
  | 'TIME-GENERALIZED-FOR-UTC'
  | 'TIME-UTC-FOR-GENERALIZED'
  | 'EXTDATAS-TAGGED'
  | 'EXTDATAS-UNTAGGED'
  | 'EXTDATAS-IN-OCTET-STRING'
  | 'TIMESTAMP-UNTAGGED'
  | 'TIMESTAMP-IMPLICIT'
  | 'SIGNINFO-IN-BITSTRING'
  | 'PICTURE-OFD'
  | 'HEADER-ID'
  | 'HEADER-VERSION'
  | 'VERSION-MISMATCH';

/** One tolerated deviation: what, where, and a message in both languages. */
export interface SesVariant {
  readonly code: SesVariantCode;
  /** The ASN.1 field, e.g. `TBS_Sign.timeInfo`. */
  readonly field: string;
  readonly message: LocalizedText;
}

/** Collects variants while decoding. */
export class VariantLog {
  readonly list: SesVariant[] = [];
  add(code: SesVariantCode, field: string, zh: string, en: string): void {
    this.list.push({ code, field, message: { zh, en } });
  }
}

/** Whether a signature value looks like a raw 64-byte r‖s rather than a DER SEQUENCE. */
export function isRawRs(sig: Uint8Array): boolean {
  return sig.length === 64 && !(sig[0] === 0x30 && (sig[1] as number) + 2 === sig.length);
}

/** Logs `SIGNATURE-RAW-RS` when a signature value is raw r‖s. */
export function noteSig(sig: Uint8Array, field: string, log: VariantLog): void {
  if (isRawRs(sig))
    log.add(
      'SIGNATURE-RAW-RS',
      field,
      '签名值是 64 字节 r‖s 而不是 DER SM2Signature',
      'signature value is raw 64-byte r‖s, not a DER SM2Signature',
    );
}
