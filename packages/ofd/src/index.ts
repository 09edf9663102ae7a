/**
 * `@gbkit/ofd`: the OFD container of GB/T 33190-2016 — open a package safely (zip limits, path checks,
 * DTD-free namespace-agnostic XML), a typed model of `OFD.xml`, `Document.xml`, pages, resources,
 * attachments and signatures with the exact bytes of every part, `ST_Loc` resolution that reports
 * every tolerance, a deterministic writer and an append-mode writer for adding signatures.
 *
 * @packageDocumentation
 */
export * from './diagnostics.js';
export * from './document.js';
export * from './loc.js';
export * from './model/common.js';
export * from './model/document.js';
export * from './model/ofd-entry.js';
export * from './model/page.js';
export * from './model/signatures.js';
export * from './package.js';
export * from './write/builder.js';
export * from './write/font.js';
export * from './write/qr.js';
export * from './xml.js';
export { crc32 } from './zip/crc32.js';
export * from './zip/limits.js';
export { hasNativeInflate, loadNativeInflate } from './zip/native.js';
export {
  type InflateOptions,
  inflateEntry,
  readZipDirectory,
  type ZipDirectory,
  type ZipEntry,
} from './zip/read.js';
export * from './zip/write.js';
