/**
 * PDF signatures with SM2/SM3: a bounded PDF reader, an incremental-update writer, signing
 * (`adbe.pkcs7.detached` with a CMS SignedData in PKCS#7 or GB/T 35275 OIDs) and verification.
 *
 * @module
 */

export * from './appearance.js';
export * from './cms.js';
export { decodeStream } from './filters.js';
export * from './objects.js';
export * from './placeholder.js';
export * from './reader.js';
export { PDF_RULES } from './rules.js';
export * from './sign.js';
export * from './signatures.js';
export * from './verify.js';
export * from './writer.js';
