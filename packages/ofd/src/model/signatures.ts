/**
 * The signature list and the signature descriptions (GB/T 33190 §18; GM/T 0099-2020 adds
 * `Relative`, `ProtocolVer`, `Seal/ImageLoc`, `Parameters`).
 *
 * `Signatures.xml` (§18.1, figure 85, table 66):
 * ```
 * <ofd:Signatures> <ofd:MaxSignId>s002</ofd:MaxSignId>
 *   <ofd:Signature ID Type="Seal|Sign" BaseLoc [Relative]/>*  </ofd:Signatures>
 * ```
 * `Signature.xml` (§18.2, figure 86, tables 67–69), children in any order:
 * ```
 * <ofd:Signature>
 *   <ofd:SignedInfo>
 *     <ofd:Provider ProviderName Company Version [ProtocolVer]/>
 *     <ofd:SignatureMethod>OID</ofd:SignatureMethod> <ofd:SignatureDateTime>…</ofd:SignatureDateTime>
 *     <ofd:References CheckMethod> <ofd:Reference FileRef><ofd:CheckValue>base64</ofd:CheckValue></ofd:Reference>* </ofd:References>
 *     <ofd:StampAnnot ID PageRef Boundary [Clip]/>*
 *     <ofd:Seal><ofd:BaseLoc>ST_Loc</ofd:BaseLoc></ofd:Seal>   0..1
 *     <ofd:Parameters><ofd:Parameter Name>…</ofd:Parameter>*</ofd:Parameters>  0..1 (GM/T 0099)
 *   </ofd:SignedInfo>
 *   <ofd:SignedValue>ST_Loc</ofd:SignedValue>
 * </ofd:Signature>
 * ```
 * The exact bytes of `Signature.xml` are kept in {@link SignatureXml.bytes}: they are what the
 * signature value covers (`TBS_Sign.dataHash` = SM3 of them); never re-serialise them.
 * @module
 */
import { FormatError, fromBase64 } from '@gbkit/core';
import { type LocContext, type ResolvedLoc, resolveLoc } from '../loc.js';
import { attr, child, childElements, childText, parseOfdXml, textOf } from '../xml.js';
import { type Box, parseBox } from './common.js';

/** `Seal` (electronic seal, SES_Signature value) or `Sign` (plain digital signature). */
export type SignatureType = 'Seal' | 'Sign';

/** One `Signature` entry of `Signatures.xml`. */
export interface SignatureListEntry {
  readonly id: string;
  /** The type; `Seal` when the attribute is absent (the standard default). */
  readonly type: SignatureType;
  /** The `Type` attribute as written, undefined when absent. */
  readonly typeAttr?: string;
  /** `BaseLoc` resolved against the folder of `Signatures.xml`. */
  readonly baseLoc?: ResolvedLoc;
  /** `Relative` (GM/T 0099): the ID of the signature this one builds on. */
  readonly relative?: string;
}

/** The parsed `Signatures.xml`. */
export interface SignatureList {
  readonly part: string;
  readonly maxSignId?: string;
  readonly signatures: readonly SignatureListEntry[];
}

/** `Provider` of a signature. */
export interface SignatureProvider {
  readonly providerName: string;
  readonly company?: string;
  readonly version?: string;
  readonly protocolVer?: string;
}

/** One `Reference`: a protected file and its digest. */
export interface SignatureReference {
  /** `FileRef` as written (the standard wants an absolute path). */
  readonly fileRef: string;
  /** `FileRef` resolved to a part path. */
  readonly target: ResolvedLoc;
  /** `CheckValue` text as written (trimmed). */
  readonly checkValueText: string;
  /** `CheckValue` decoded from base64; undefined when it is not base64 (reported as a warning). */
  readonly checkValue?: Uint8Array;
}

/** One `StampAnnot`: where the seal appears. `pageRef` is a page object ID, not an index. */
export interface StampAnnot {
  readonly id: string;
  readonly pageRef: string;
  readonly boundary?: Box;
  readonly clip?: Box;
}

/** The parsed `Signature.xml`. */
export interface SignatureXml {
  readonly part: string;
  /** The exact bytes of the part (what the signature value covers). */
  readonly bytes: Uint8Array;
  readonly provider?: SignatureProvider;
  readonly signatureMethod?: string;
  readonly signatureDateTime?: string;
  /** `References@CheckMethod` as written (e.g. `1.2.156.10197.1.401`, `SM3`); undefined when absent. */
  readonly checkMethod?: string;
  readonly references: readonly SignatureReference[];
  readonly stampAnnots: readonly StampAnnot[];
  /** `Seal/BaseLoc`: the optional copy of the seal (`Seal.esl`). */
  readonly seal?: ResolvedLoc;
  /** `Parameters/Parameter` (GM/T 0099), name/value pairs. */
  readonly parameters: readonly { readonly name: string; readonly value: string }[];
  /** `SignedValue`: the signature value file (`SignedValue.dat`). */
  readonly signedValue?: ResolvedLoc;
}

/** Plain base64: only the alphabet, then at most two `=`, a multiple of four characters, not empty. */
function isPlainBase64(t: string): boolean {
  const n = t.length;
  if (n === 0 || n % 4 !== 0) return false;
  let i = 0;
  for (; i < n; i++) {
    const c = t.charCodeAt(i);
    if (
      !(
        (c >= 0x41 && c <= 0x5a) ||
        (c >= 0x61 && c <= 0x7a) ||
        (c >= 0x30 && c <= 0x39) ||
        c === 0x2b ||
        c === 0x2f
      )
    )
      break;
  }
  if (i < n && t.charCodeAt(i) === 0x3d) i++;
  if (i < n && t.charCodeAt(i) === 0x3d) i++;
  return i === n;
}

/**
 * Whether `t` is base64 text: the alphabet and whitespace, at most two `=` at the end (then only
 * whitespace), a multiple of four characters besides whitespace, not empty.
 */
function isBase64Text(t: string): boolean {
  if (isPlainBase64(t)) return true;
  return t !== '' && /^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(t) && t.replace(/\s/g, '').length % 4 === 0;
}

/** Parses `Signatures.xml`. */
export function parseSignatureList(bytes: Uint8Array, part: string, ctx: LocContext): SignatureList {
  const root = parseOfdXml(bytes, part, ['Signatures'], ctx.diag);
  const signatures = childElements(root, 'Signature').map((s): SignatureListEntry => {
    const typeAttr = attr(s, 'Type');
    let type: SignatureType = 'Seal';
    if (typeAttr === 'Sign') type = 'Sign';
    else if (typeAttr !== undefined && typeAttr !== 'Seal') {
      ctx.diag.warn({
        code: 'OFD_SIGNATURE_TYPE',
        message: {
          zh: `未知的签名类型 "${typeAttr}"，按 Seal 处理`,
          en: `unknown signature Type "${typeAttr}", treated as Seal`,
        },
        part,
        details: { type: typeAttr },
      });
    }
    const b = attr(s, 'BaseLoc');
    return {
      id: attr(s, 'ID') ?? '',
      type,
      typeAttr,
      baseLoc: b ? resolveLoc(b, part, ctx, 'Signature@BaseLoc') : undefined,
      relative: attr(s, 'Relative'),
    };
  });
  return { part, maxSignId: childText(root, 'MaxSignId'), signatures };
}

/** Parses one `Signature.xml` (keeping its exact bytes). */
export function parseSignatureXml(bytes: Uint8Array, part: string, ctx: LocContext): SignatureXml {
  const root = parseOfdXml(bytes, part, ['Signature'], ctx.diag);
  const si = child(root, 'SignedInfo');
  if (!si) {
    throw new FormatError(
      'ERR_OFD_NO_SIGNEDINFO',
      { zh: 'Signature.xml 缺少 SignedInfo', en: 'Signature.xml has no SignedInfo' },
      { location: { part } },
    );
  }
  const prov = child(si, 'Provider');
  const refs = child(si, 'References');
  const references = (refs ? childElements(refs, 'Reference') : []).map((r): SignatureReference => {
    const fileRef = attr(r, 'FileRef') ?? '';
    const trimmed = fileRef.trim();
    // absolute: starts with "/" (or "\\", read as "/")
    const lead = trimmed.charCodeAt(0);
    if (trimmed !== '' && lead !== 0x2f && lead !== 0x5c) {
      ctx.diag.warn({
        code: 'OFD_FILEREF_RELATIVE',
        message: {
          zh: `Reference@FileRef 应为绝对路径：${fileRef}`,
          en: `Reference@FileRef should be absolute: ${fileRef}`,
        },
        part,
        details: { fileRef },
      });
    }
    const target: ResolvedLoc =
      trimmed === ''
        ? { loc: fileRef, path: '', exists: false }
        : resolveLoc(fileRef, part, ctx, 'Reference@FileRef');
    const cvEl = child(r, 'CheckValue');
    const checkValueText = cvEl ? textOf(cvEl).trim() : '';
    let checkValue: Uint8Array | undefined;
    if (isBase64Text(checkValueText)) {
      checkValue = fromBase64(checkValueText);
    } else {
      ctx.diag.warn(
        {
          code: 'OFD_CHECKVALUE_BASE64',
          message: { zh: `CheckValue 不是 base64：${fileRef}`, en: `CheckValue is not base64: ${fileRef}` },
          part,
          details: { fileRef, checkValue: checkValueText },
        },
        true,
      );
    }
    return { fileRef, target, checkValueText, checkValue };
  });
  const stampAnnots = childElements(si, 'StampAnnot').map((s): StampAnnot => {
    const b = attr(s, 'Boundary');
    const c = attr(s, 'Clip');
    return {
      id: attr(s, 'ID') ?? '',
      pageRef: attr(s, 'PageRef') ?? '',
      boundary: b ? parseBox(b, part, 'StampAnnot@Boundary') : undefined,
      clip: c ? parseBox(c, part, 'StampAnnot@Clip') : undefined,
    };
  });
  const sealEl = child(si, 'Seal');
  const sealLoc = sealEl ? childText(sealEl, 'BaseLoc') : undefined;
  const params = child(si, 'Parameters');
  const sv = childText(root, 'SignedValue');
  if (!sv) {
    ctx.diag.warn(
      {
        code: 'OFD_NO_SIGNEDVALUE',
        message: { zh: 'Signature.xml 缺少 SignedValue', en: 'Signature.xml has no SignedValue' },
        part,
      },
      true,
    );
  }
  return {
    part,
    bytes,
    provider: prov
      ? {
          providerName: attr(prov, 'ProviderName') ?? '',
          company: attr(prov, 'Company'),
          version: attr(prov, 'Version'),
          protocolVer: attr(prov, 'ProtocolVer'),
        }
      : undefined,
    signatureMethod: childText(si, 'SignatureMethod'),
    signatureDateTime: childText(si, 'SignatureDateTime'),
    checkMethod: refs ? attr(refs, 'CheckMethod') : undefined,
    references,
    stampAnnots,
    seal: sealLoc ? resolveLoc(sealLoc, part, ctx, 'Seal/BaseLoc') : undefined,
    parameters: (params ? childElements(params, 'Parameter') : []).map((p) => ({
      name: attr(p, 'Name') ?? '',
      value: textOf(p),
    })),
    signedValue: sv ? resolveLoc(sv, part, ctx, 'SignedValue') : undefined,
  };
}
