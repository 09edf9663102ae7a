/**
 * Signing an OFD document (GB/T 33190-2016 §18; research §3.2), as an append-only change: existing parts
 * are copied byte for byte, and the new signature adds `Sign_N/` with `Signature.xml`, `SignedValue.dat`
 * and optionally `Seal.esl`, updating `Signatures.xml` (and `OFD.xml` for the first signature).
 *
 * - `continue` mode (default): every file is protected except `Signatures.xml`, so later signatures keep
 *   this one valid ("当允许下次继续添加签名时，该文件不会被包含到本次签名的保护文件列表");
 * - `whole` mode: `Signatures.xml` is protected too; adding a later signature breaks this one.
 * - `Type="Seal"`: the value is an `SES_Signature` (layout of the seal); `Type="Sign"`: a GB/T 35275
 *   SignedData (`attached-digest` or `pkcs9` form).
 * - Stamp positions: normal (`page`, box in mm) and riding seal (骑缝章) across all pages on one edge,
 *   each page showing its slice through `Clip`.
 * @module
 */
import { fromUtf8, InvalidArgumentError, toBase64, utf8 } from '@gbkit/core';
import { sm3 } from '@gbkit/crypto';
import {
  escapeXml,
  OfdPackage,
  parseDocumentXml,
  parseOfdEntry,
  parseSignatureList,
  parseSignatureXml,
} from '@gbkit/ofd';
import { decodeSeal } from '../ses/seal.js';
import type { SigningIdentity } from './seal.js';
import { makeSesSignature } from './ses-signature.js';
import { makeSignedData } from './signed-data.js';

/** A stamp on one page: `page` is the 0-based page index; the box is in mm. */
export interface NormalStamp {
  readonly kind?: 'normal';
  readonly page: number;
  readonly x: number;
  readonly y: number;
  /** Default: the seal picture's width (mm). */
  readonly width?: number;
  readonly height?: number;
}

/** A riding seal (骑缝章) over every page (or the given ones) on one edge. */
export interface RidingStamp {
  readonly kind: 'riding';
  /** `right` (default) or `left`. */
  readonly side?: 'right' | 'left';
  /** Top of the stamp (mm from the page top). */
  readonly y: number;
  readonly width?: number;
  readonly height?: number;
  /** 0-based page indexes (default all). */
  readonly pages?: readonly number[];
}

/** Options of {@link signOfd}. */
export interface SignOfdOptions {
  readonly signer: SigningIdentity;
  /** DER seal; required for `type: 'Seal'`. */
  readonly seal?: Uint8Array;
  /** `Seal` (default: an electronic seal) or `Sign` (a plain digital signature). */
  readonly type?: 'Seal' | 'Sign';
  /** For `Sign`: `attached-digest` (default) or `pkcs9`. */
  readonly signForm?: 'attached-digest' | 'pkcs9';
  /** `continue` (default) or `whole`. */
  readonly mode?: 'continue' | 'whole';
  readonly stamps?: readonly (NormalStamp | RidingStamp)[];
  /** Write `Sign_N/Seal.esl` and reference it from `Seal/BaseLoc` (default true for Seal). */
  readonly includeSealFile?: boolean;
  /** Signing time (default now). */
  readonly signingTime?: Date;
  /** Allow signing although an earlier signature protects `Signatures.xml` (it will then fail). Default false. */
  readonly allowBreakingEarlierSignatures?: boolean;
  /** `Provider` attributes. */
  readonly provider?: { readonly name?: string; readonly company?: string; readonly version?: string };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
function dateTime(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}
const num = (n: number): string => String(Math.round(n * 1000) / 1000);

/**
 * Signs an OFD and returns the new package bytes (the input is not modified).
 *
 * @example
 * ```ts
 * import { signOfd, verifyOfd } from '@gbkit/e-seal';
 * // const signed = signOfd(ofdBytes, { seal: esl, signer: { privateKey, certificate }, stamps: [{ page: 0, x: 100, y: 200 }] });
 * // (await verifyOfd(signed)).signatures[0].checks.integrity.status === 'passed'
 * ```
 */
export function signOfd(ofd: Uint8Array, o: SignOfdOptions): Uint8Array {
  const type = o.type ?? 'Seal';
  if (type === 'Seal' && !o.seal)
    throw new InvalidArgumentError('ERR_ESEAL_SIGN_OPTIONS', {
      zh: '电子签章需要印章（seal）',
      en: 'a Seal signature needs a seal',
    });
  const seal = o.seal ? decodeSeal(o.seal) : undefined;
  const when = o.signingTime ?? new Date();
  const pkg = OfdPackage.open(ofd);
  const entry = parseOfdEntry(pkg.read('/OFD.xml'), pkg);
  const body = entry.docBodies[0];
  const docRoot = body?.docRoot;
  if (!body || !docRoot?.exists)
    throw new InvalidArgumentError('ERR_ESEAL_SIGN_NO_DOC', {
      zh: 'OFD 中没有文档（DocRoot）',
      en: 'the OFD has no document (DocRoot)',
    });
  const docDir = docRoot.path.slice(0, docRoot.path.lastIndexOf('/') + 1);
  const doc = parseDocumentXml(pkg.read(docRoot.path), docRoot.path, pkg);

  const add = new Map<string, Uint8Array>();
  const replace = new Map<string, Uint8Array>();
  let listPath: string;
  let listText: string | undefined;
  let nextIndex = 0;
  let nextId = 1;
  let idStyle: 's' | 'n' = 's';
  if (body.signatures?.exists) {
    listPath = body.signatures.path;
    const listBytes = pkg.read(listPath);
    listText = fromUtf8(listBytes);
    const list = parseSignatureList(listBytes, listPath, pkg);
    for (const s of list.signatures) {
      const m = /(\d+)$/.exec(s.id);
      if (m) nextId = Math.max(nextId, Number(m[1]) + 1);
      if (/^\d+$/.test(s.id)) idStyle = 'n';
      const dir = /Sign_(\d+)\//.exec(s.baseLoc?.path ?? '');
      if (dir) nextIndex = Math.max(nextIndex, Number(dir[1]) + 1);
      if (s.baseLoc?.exists) {
        const sx = parseSignatureXml(pkg.read(s.baseLoc.path), s.baseLoc.path, pkg);
        if (sx.references.some((r) => r.target.path === listPath) && !o.allowBreakingEarlierSignatures) {
          throw new InvalidArgumentError('ERR_ESEAL_SIGN_LIST_PROTECTED', {
            zh: `签名 ${s.id} 保护了 Signatures.xml（整体保护），继续签章会使其失效`,
            en: `signature ${s.id} protects Signatures.xml (whole-protect): adding a signature would break it`,
          });
        }
      }
    }
    const m = /<(?:\w+:)?MaxSignId>\s*([^<]*?)\s*</.exec(listText);
    if (m?.[1]) {
      const k = /(\d+)$/.exec(m[1]);
      if (k) nextId = Math.max(nextId, Number(k[1]) + 1);
    }
  } else {
    listPath = `${docDir}Signs/Signatures.xml`;
  }
  while (pkg.has(`${docDir}Signs/Sign_${nextIndex}/Signature.xml`)) nextIndex++;
  const signDir = `${docDir}Signs/Sign_${nextIndex}/`;
  const id = idStyle === 's' ? `s${pad(nextId, 3)}` : String(nextId);
  const sigPath = `${signDir}Signature.xml`;
  const valuePath = `${signDir}SignedValue.dat`;
  const sealPath = `${signDir}Seal.esl`;
  const includeSeal = type === 'Seal' && (o.includeSealFile ?? true);
  if (includeSeal && seal) add.set(sealPath, seal.raw.slice());

  // Signatures.xml (new or appended), OFD.xml for the first signature
  const newEntry = `<ofd:Signature ID="${id}" Type="${type}" BaseLoc="${sigPath}"/>`;
  if (listText !== undefined) {
    const prefix = /<(\w+:)?Signatures[\s>]/.exec(listText)?.[1] ?? '';
    const entryText = prefix === 'ofd:' ? newEntry : newEntry.replace(/ofd:/g, prefix);
    let t = listText.replace(new RegExp(`</${prefix}Signatures>\\s*$`), `${entryText}</${prefix}Signatures>`);
    if (/<(?:\w+:)?MaxSignId>/.test(t)) t = t.replace(/(<(?:\w+:)?MaxSignId>)[^<]*(<)/, `$1${id}$2`);
    else
      t = t.replace(
        new RegExp(`(<${prefix}Signatures[^>]*>)`),
        `$1<${prefix}MaxSignId>${id}</${prefix}MaxSignId>`,
      );
    replace.set(listPath, utf8(t));
  } else {
    add.set(
      listPath,
      utf8(
        `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Signatures xmlns:ofd="http://www.ofdspec.org/2016"><ofd:MaxSignId>${id}</ofd:MaxSignId>${newEntry}</ofd:Signatures>`,
      ),
    );
    const ofdText = fromUtf8(pkg.read('/OFD.xml'));
    const prefix = /<(\w+:)?DocBody[\s>]/.exec(ofdText)?.[1] ?? '';
    const i = ofdText.indexOf(`</${prefix}DocBody>`);
    if (i < 0)
      throw new InvalidArgumentError('ERR_ESEAL_SIGN_NO_DOC', {
        zh: 'OFD.xml 中没有 DocBody',
        en: 'OFD.xml has no DocBody',
      });
    replace.set(
      '/OFD.xml',
      utf8(`${ofdText.slice(0, i)}<${prefix}Signatures>${listPath}</${prefix}Signatures>${ofdText.slice(i)}`),
    );
  }

  // protected files: the package as it will be, minus this signature's own files (and Signatures.xml in continue mode)
  const mode = o.mode ?? 'continue';
  const finalParts = new Map<string, Uint8Array>();
  for (const p of pkg.paths()) finalParts.set(p, replace.get(p) ?? pkg.read(p));
  for (const [p, b] of add) finalParts.set(p, b);
  const refs = [...finalParts.keys()]
    .filter((p) => p !== sigPath && p !== valuePath && (mode === 'whole' || p !== listPath))
    .sort();

  // stamps
  const pageW = doc.commonData.pageArea?.physicalBox.width ?? 210;
  const pictureW = seal?.sealInfo.picture.width || 40;
  const pictureH = seal?.sealInfo.picture.height || 40;
  const annots: string[] = [];
  let annotNo = 1;
  for (const st of o.stamps ?? []) {
    const w = st.width ?? pictureW;
    const h = st.height ?? pictureH;
    if (st.kind === 'riding') {
      const pages = st.pages ?? doc.pages.map((p) => p.index);
      const n = pages.length;
      const slice = w / n;
      pages.forEach((pi, k) => {
        const page = doc.pages[pi];
        if (!page)
          throw new InvalidArgumentError('ERR_ESEAL_SIGN_PAGE', {
            zh: `没有第 ${pi} 页`,
            en: `no page ${pi}`,
          });
        const x = (st.side ?? 'right') === 'right' ? pageW - slice - k * slice : -k * slice;
        annots.push(
          `<ofd:StampAnnot ID="${id}-${annotNo++}" PageRef="${page.id}" Boundary="${num(x)} ${num(st.y)} ${num(w)} ${num(h)}" Clip="${num(k * slice)} 0 ${num(slice)} ${num(h)}"/>`,
        );
      });
    } else {
      const page = doc.pages[st.page];
      if (!page)
        throw new InvalidArgumentError('ERR_ESEAL_SIGN_PAGE', {
          zh: `没有第 ${st.page} 页`,
          en: `no page ${st.page}`,
        });
      annots.push(
        `<ofd:StampAnnot ID="${id}-${annotNo++}" PageRef="${page.id}" Boundary="${num(st.x)} ${num(st.y)} ${num(w)} ${num(h)}"/>`,
      );
    }
  }
  const prov = o.provider ?? {};
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<ofd:Signature xmlns:ofd="http://www.ofdspec.org/2016"><ofd:SignedInfo>' +
    `<ofd:Provider ProviderName="${escapeXml(prov.name ?? 'gbkit')}" Company="${escapeXml(prov.company ?? 'gbkit')}" Version="${escapeXml(prov.version ?? '0.1.0')}"/>` +
    '<ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod>' +
    `<ofd:SignatureDateTime>${dateTime(when)}</ofd:SignatureDateTime>` +
    '<ofd:References CheckMethod="1.2.156.10197.1.401">' +
    refs
      .map(
        (p) =>
          `<ofd:Reference FileRef="${escapeXml(p)}"><ofd:CheckValue>${toBase64(sm3(finalParts.get(p) as Uint8Array))}</ofd:CheckValue></ofd:Reference>`,
      )
      .join('') +
    '</ofd:References>' +
    annots.join('') +
    (includeSeal ? `<ofd:Seal><ofd:BaseLoc>${sealPath}</ofd:BaseLoc></ofd:Seal>` : '') +
    `</ofd:SignedInfo><ofd:SignedValue>${valuePath}</ofd:SignedValue></ofd:Signature>`;
  const xmlBytes = utf8(xml);
  const value =
    type === 'Seal'
      ? makeSesSignature({
          seal: seal?.raw as Uint8Array,
          signer: o.signer,
          original: xmlBytes,
          propertyInfo: sigPath,
          timeInfo: when,
        })
      : makeSignedData({
          signer: o.signer,
          original: xmlBytes,
          form: o.signForm ?? 'attached-digest',
          signingTime: when,
        });
  add.set(sigPath, xmlBytes);
  add.set(valuePath, value);
  return pkg.withChanges({ add, replace }).bytes;
}
