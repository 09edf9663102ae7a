/**
 * Signing a PDF with SM2 (ISO 32000-1 §12.8.3.3 `adbe.pkcs7.detached`): a signature field is appended
 * as an incremental update by our own writer (so earlier signatures stay valid), the `/ByteRange` is
 * filled in place, the bytes it covers are signed into a CMS SignedData (SM3 digest, SM2 signature,
 * signed attributes contentType, signingTime, messageDigest, the signer certificate included; PKCS#7
 * or GB/T 35275 OIDs), and the DER is hex-embedded into `/Contents`.
 *
 * @module
 */
import { parseCertificate } from '@gbkit/crypto';
import { makeSesSignature } from '../create/ses-signature.js';
import { decodeSeal } from '../ses/seal.js';
import type { SignatureAppearance } from './appearance.js';
import { type CmsFlavor, signDetachedCms } from './cms.js';
import { pdfArgumentError } from './errors.js';
import {
  byteRangeData,
  embedSignatureContainer,
  type PreparedPdfSignature,
  preparePdfSignature,
  type SignatureFieldOptions,
} from './placeholder.js';
import type { PdfDocument } from './reader.js';

/** Builds the signature container for the signed bytes yourself (an HSM, an SES_Signature …). */
export type PdfContainerBuilder = (
  signedBytes: Uint8Array,
  info: { readonly signingTime: Date; readonly prepared: PreparedPdfSignature },
) => Uint8Array | Promise<Uint8Array>;

/** Options of {@link signPdf}. */
export interface SignPdfOptions extends SignatureFieldOptions {
  /** The signer's SM2 private key (32 bytes). Not needed with `container`. */
  readonly privateKey?: Uint8Array;
  /** The signer's certificate (DER). Not needed with `container`. */
  readonly certificate?: Uint8Array;
  /** Further certificates to include (the issuing chain, DER). */
  readonly chain?: readonly Uint8Array[];
  /** `pkcs7` (default: 1.2.840.113549.1.7.x OIDs) or `gbt35275` (1.2.156.10197.6.1.4.2.x OIDs). */
  readonly cmsFlavor?: CmsFlavor;
  /** SM2 signer ID (default `1234567812345678`). */
  readonly userId?: string;
  /** Build the container yourself instead of the built-in CMS. */
  readonly container?: PdfContainerBuilder;
  /**
   * An electronic seal (`SESeal` DER, e.g. an `.esl` file) whose picture (PNG or JPEG) becomes the
   * visible appearance when `appearance.image` is not given.
   */
  readonly seal?: Uint8Array;
  /**
   * Put a GB/T 38540 `SES_Signature` into `/Contents` instead of a CMS (research §4, variant 3; the
   * PDF binding is inferred: `dataHash` = SM3 of the ByteRange bytes). Needs `seal` (its certList
   * should hold the signer certificate; the signature layout follows the seal's: 2014 or GB/T 38540),
   * `privateKey` and `certificate`. Adobe Reader cannot check such signatures; {@link verifyPdf} can.
   */
  readonly sesSignature?: boolean;
  /** `TBS_Sign.propertyInfo` for `sesSignature` (default the field name). */
  readonly propertyInfo?: string;
}

/**
 * Signs a PDF with SM2 and returns the new file (the original bytes followed by one incremental
 * update). Signing an already signed PDF keeps the earlier signatures valid.
 *
 * @example
 * ```ts
 * import { parsePkcs12 } from '@gbkit/crypto';
 * import { signPdf, verifyPdf } from '@gbkit/e-seal';
 * declare const pdf: Uint8Array, p12: Uint8Array;
 * const id = parsePkcs12(p12, { password: '12345678' });
 * const signed = await signPdf(pdf, {
 *   privateKey: id.privateKey,
 *   certificate: id.certificate!.der,
 *   reason: '同意',
 *   rect: [400, 50, 520, 170],
 *   appearance: { text: ['电子签章'] },
 * });
 * (await verifyPdf(signed, { trustAnchors: [id.certificate!.der] })).indication; // 'TOTAL_PASSED'
 * ```
 */
export async function signPdf(pdf: Uint8Array | PdfDocument, options: SignPdfOptions): Promise<Uint8Array> {
  const signingTime = options.signingTime ?? new Date(Math.floor(Date.now() / 1000) * 1000);
  let appearance: SignatureAppearance | undefined = options.appearance;
  if (options.seal && !appearance?.image) {
    const seal = decodeSeal(options.seal);
    const pic = seal.sealInfo.picture;
    const type = pic.type.toLowerCase();
    if (type === 'png' || type === 'jpg' || type === 'jpeg') {
      appearance = { ...(appearance ?? {}), image: pic.data };
    } else {
      throw pdfArgumentError(
        'ERR_PDF_SEAL_PICTURE',
        {
          zh: `印章图片类型 ${pic.type} 不能直接用作 PDF 外观（需要 PNG 或 JPEG）`,
          en: `seal picture type ${pic.type} cannot be used as a PDF appearance (PNG or JPEG needed)`,
        },
        'seal',
      );
    }
  }
  let container = options.container;
  let contentsSize = options.contentsSize;
  if (!container) {
    const { privateKey, certificate } = options;
    if (!privateKey || !certificate) {
      throw pdfArgumentError(
        'ERR_PDF_SIGNER',
        {
          zh: '需要 privateKey 与 certificate，或 container',
          en: 'privateKey and certificate, or container, are required',
        },
        'privateKey',
      );
    }
    const chain = options.chain ?? [];
    contentsSize ??= 4096 + certificate.length + chain.reduce((n, c) => n + c.length, 0);
    if (options.sesSignature) {
      const sealDer = options.seal;
      if (!sealDer) {
        throw pdfArgumentError(
          'ERR_PDF_SES_SEAL',
          { zh: 'sesSignature 需要 seal', en: 'sesSignature needs seal' },
          'seal',
        );
      }
      decodeSeal(sealDer); // fails early, with a located error, on a malformed seal
      contentsSize = Math.max(contentsSize, 4096 + sealDer.length * 2 + certificate.length);
      container = (data, info) =>
        makeSesSignature({
          seal: sealDer,
          signer: { privateKey, certificate },
          original: data,
          propertyInfo: options.propertyInfo ?? info.prepared.fieldName,
          timeInfo: info.signingTime,
        });
    }
    container ??= (data, info) =>
      signDetachedCms(data, {
        privateKey,
        certificate,
        chain,
        signingTime: info.signingTime,
        flavor: options.cmsFlavor ?? 'pkcs7',
        ...(options.userId !== undefined ? { userId: options.userId } : {}),
      });
  }
  let name = options.name;
  if (name === undefined && options.certificate) {
    const cert = parseCertificate(options.certificate);
    name = cert.subjectName.parts.find((p) => p.name === 'CN')?.value ?? cert.subject;
  }
  const prepared = preparePdfSignature(pdf, {
    ...options,
    ...(name !== undefined ? { name } : {}),
    signingTime,
    ...(appearance ? { appearance } : {}),
    ...(contentsSize !== undefined ? { contentsSize } : {}),
  });
  const der = await container(byteRangeData(prepared.bytes, prepared.byteRange), { signingTime, prepared });
  return embedSignatureContainer(prepared, der);
}
