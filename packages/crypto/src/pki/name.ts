/**
 * X.501 distinguished names (RFC 5280 §4.1.2.4) as strings and parts.
 *
 * ```asn1
 * Name ::= SEQUENCE OF RelativeDistinguishedName
 * RelativeDistinguishedName ::= SET OF AttributeTypeAndValue
 * AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value DirectoryString / IA5String … }
 * ```
 * @module
 */
import { equalBytes, InvalidArgumentError, utf8 } from '@gbkit/core';
import { children, decodeString, oid, readOid, readTlv, seq, setOf, TAG, type Tlv, tlv } from './der.js';
import { NAME_ATTRIBUTES } from './oids.js';

/** One attribute of a name, in encoding order. */
export interface NamePart {
  /** The attribute type OID, e.g. `2.5.4.3`. */
  readonly type: string;
  /** The short name (`CN`, `O`, `OU`, `C`, `E` …) or the OID when unknown. */
  readonly name: string;
  /** The decoded value. */
  readonly value: string;
}

/** A decoded distinguished name. */
export interface DistinguishedName {
  /**
   * The name as text in encoding order (as `openssl x509 -nameopt oneline`, e.g.
   * `C=CN, O=Test, CN=Seal Maker`); `,`, `+`, `"`, `\`, `<`, `>`, `;` and `=` in values are escaped with `\`.
   */
  readonly text: string;
  /** The attributes in encoding order (multi-valued RDNs flattened). */
  readonly parts: readonly NamePart[];
  /** The DER encoding (the exact bytes from the certificate). */
  readonly der: Uint8Array;
}

const escapeValue = (v: string) => v.replace(/([,+"\\<>;=])/g, '\\$1');

/** Decodes a Name element. */
export function decodeName(t: Tlv): DistinguishedName {
  const parts: NamePart[] = [];
  const rdnTexts: string[] = [];
  for (const rdn of children(t, 'Name')) {
    const inRdn: string[] = [];
    for (const atv of children(rdn, 'Name.RDN')) {
      const [type, value] = children(atv, 'Name.AttributeTypeAndValue');
      const oidStr = readOid(type, 'Name.type');
      const name = NAME_ATTRIBUTES[oidStr] ?? oidStr;
      const v = value ? decodeString(value) : '';
      parts.push({ type: oidStr, name, value: v });
      inRdn.push(`${name}=${escapeValue(v)}`);
    }
    rdnTexts.push(inRdn.join(' + '));
  }
  return { text: rdnTexts.join(', '), parts, der: t.raw };
}

/** Decodes a Name from its DER. */
export function parseName(der: Uint8Array): DistinguishedName {
  return decodeName(readTlv(der, 0, 'Name'));
}

const SHORT_TO_OID: Record<string, string> = Object.fromEntries(
  Object.entries(NAME_ATTRIBUTES).map(([k, v]) => [v.toUpperCase(), k]),
);

/** Input to {@link encodeName}: `"C=CN, O=Test, CN=Seal"` or a list of `{type|name, value}`. */
export type NameInput =
  | string
  | readonly { readonly type?: string; readonly name?: string; readonly value: string }[];

function splitDn(s: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  let cur = '';
  const pushCur = () => {
    const i = cur.indexOf('=');
    if (i > 0) out.push({ name: cur.slice(0, i).trim(), value: cur.slice(i + 1).trim() });
    cur = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\' && i + 1 < s.length) {
      cur += s[i + 1];
      i++;
    } else if (c === ',' || c === '/') {
      if (c === '/' && cur === '') continue;
      pushCur();
    } else cur += c;
  }
  pushCur();
  return out;
}

/**
 * Encodes a distinguished name (one attribute per RDN, in the order given). `C` and `serialNumber`
 * are PrintableString, `E` IA5String, everything else UTF8String (RFC 5280 §4.1.2.6).
 */
export function encodeName(input: NameInput): Uint8Array {
  const items = typeof input === 'string' ? splitDn(input) : input;
  const rdns = items.map((it) => {
    const name = 'name' in it && it.name ? it.name : undefined;
    const type = ('type' in it && it.type) || (name ? (SHORT_TO_OID[name.toUpperCase()] ?? name) : '2.5.4.3');
    if (!/^\d+(\.\d+)+$/.test(type)) {
      throw new InvalidArgumentError(
        'ERR_NAME_ATTRIBUTE',
        { zh: `未知的名称属性 ${type}`, en: `unknown name attribute ${type}` },
        { location: { field: 'subject' } },
      );
    }
    const valueTag =
      type === '2.5.4.6' || type === '2.5.4.5'
        ? TAG.PRINTABLE_STRING
        : type === '1.2.840.113549.1.9.1'
          ? TAG.IA5_STRING
          : TAG.UTF8_STRING;
    return setOf(seq(oid(type), tlv(valueTag, utf8(it.value))));
  });
  return seq(...rdns);
}

/**
 * Whether two names match for path building (RFC 5280 §7.1, simplified): equal DER, or equal
 * attribute lists after case-folding and whitespace normalisation.
 */
export function namesEqual(a: DistinguishedName, b: DistinguishedName): boolean {
  if (equalBytes(a.der, b.der)) return true;
  if (a.parts.length !== b.parts.length) return false;
  const norm = (v: string) => v.trim().replace(/\s+/g, ' ').toLowerCase();
  return a.parts.every((p, i) => {
    const q = b.parts[i] as NamePart;
    return p.type === q.type && norm(p.value) === norm(q.value);
  });
}
