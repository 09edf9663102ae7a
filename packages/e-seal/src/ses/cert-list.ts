/**
 * `SES_CertList` — GB/T 38540-2020 (selected by `certListType`), and the 2014 `certList`:
 * ```
 * SES_CertList ::= CHOICE { certs CertInfoList, certDigestList CertDigestList }
 * CertInfoList   ::= SEQUENCE OF OCTET STRING         -- certListType 1: DER certificates
 * CertDigestList ::= SEQUENCE OF CertDigestObj        -- certListType 2
 * CertDigestObj  ::= SEQUENCE { type PrintableString, value OCTET STRING }
 * -- GM/T 0031-2014: certList SEQUENCE OF cert (OCTET STRING); the text also defines certID ::= IA5String
 * ```
 * @module
 */
import {
  children,
  type DerContext,
  derOctets,
  derPrintable,
  derSeq,
  expectTag,
  readString,
  TAG,
  type Tlv,
} from './der.js';
import type { VariantLog } from './variants.js';

/** One `CertDigestObj`. */
export interface CertDigest {
  /** Names the hash algorithm (e.g. `SM3`; the naming is not fixed by the standard [U]). */
  readonly type: string;
  readonly value: Uint8Array;
}

/** A decoded certificate list. */
export interface SesCertList {
  /** 1 = certificates, 2 = digests; 2014 has no type and holds certificates (or IDs). */
  readonly kind: 'certs' | 'digests';
  /** DER certificates (kind `certs`). */
  readonly certs: readonly Uint8Array[];
  /** Certificate IDs (IA5String entries seen in 2014 seals; not checkable). */
  readonly ids: readonly string[];
  readonly digests: readonly CertDigest[];
}

/** Decodes a certificate list given the `certListType` (undefined for the 2014 layout). */
export function decodeCertList(
  t: Tlv,
  certListType: number | undefined,
  log: VariantLog,
  ctx?: DerContext,
): SesCertList {
  const f = 'SES_CertList';
  expectTag(t, TAG.SEQUENCE, f, ctx);
  const items = children(t, f, ctx);
  if (certListType === 2) {
    const digests = items.map((d) => {
      expectTag(d, TAG.SEQUENCE, `${f}.CertDigestObj`, ctx);
      const [ty, v] = children(d, `${f}.CertDigestObj`, ctx);
      if (!ty) expectTag(ty, TAG.PRINTABLE_STRING, `${f}.CertDigestObj.type`, ctx, d.offset);
      return {
        type: readString(ty as Tlv),
        value: expectTag(v, TAG.OCTET_STRING, `${f}.CertDigestObj.value`, ctx, d.offset).content,
      };
    });
    return { kind: 'digests', certs: [], ids: [], digests };
  }
  const certs: Uint8Array[] = [];
  const ids: string[] = [];
  for (const c of items) {
    if (c.tag === TAG.OCTET_STRING) certs.push(c.content);
    else if (c.tag === TAG.IA5_STRING || c.tag === TAG.PRINTABLE_STRING || c.tag === TAG.UTF8_STRING) {
      ids.push(readString(c));
      log.add(
        'CERTLIST-IA5-ID',
        `${f}[${certs.length + ids.length - 1}]`,
        `证书列表项是证书标识 ${JSON.stringify(readString(c))} 而不是证书`,
        `certList entry is a certificate ID ${JSON.stringify(readString(c))}, not a certificate`,
      );
    } else if (c.tag === TAG.SEQUENCE) {
      certs.push(c.bytes); // a bare Certificate SEQUENCE
    } else expectTag(c, TAG.OCTET_STRING, `${f}[]`, ctx);
  }
  return { kind: 'certs', certs, ids, digests: [] };
}

/** Encodes a certificate list (kind `certs`: OCTET STRINGs; `digests`: CertDigestObj). */
export function encodeCertList(list: Pick<SesCertList, 'kind' | 'certs' | 'digests'>): Uint8Array {
  return list.kind === 'digests'
    ? derSeq(...list.digests.map((d) => derSeq(derPrintable(d.type), derOctets(d.value))))
    : derSeq(...list.certs.map((c) => derOctets(c)));
}
