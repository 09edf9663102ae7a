/**
 * `@gbkit/e-license`: electronic licences and certificates (电子证照, GB/T 36901–36906) — identifiers
 * (GB/T 36904), metadata (GB/T 36903), catalogue records (GB/T 36902), declarative type profiles, issuing
 * sealed OFD licence files (GB/T 36905) and validating them end to end, annotated copies (加注件) and
 * lifecycle. Browser-safe.
 *
 * @packageDocumentation
 */

export * from './catalogue.js';
export * from './checks.js';
export * from './copy.js';
export * from './dates.js';
export * from './font.js';
export * from './holder.js';
export * from './identifier.js';
export * from './issue.js';
export * from './layout.js';
export * from './metadata.js';
export * from './pdf.js';
export * from './profile.js';
export * from './profiles/index.js';
export * from './rules.js';
export * from './serialize.js';
export * from './share/certshare.js';
export * from './share/guangdong.js';
export * from './share/transport.js';
export * from './validate.js';
