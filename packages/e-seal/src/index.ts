/**
 * `@gbkit/e-seal`: electronic seals (电子印章) and signatures (电子签章) — GM/T 0031-2014, GB/T 38540-2020
 * and the "V5" variant — on OFD (GB/T 33190 §18, GM/T 0099) and PDF. Decode with the exact signed bytes
 * kept, verify in the order of the standard returning a report (not a boolean), and create seals and
 * signed documents.
 *
 * @packageDocumentation
 */

export * from './create/index.js';
export * from './pdf/index.js';
export * from './ses/index.js';
export * from './verify/index.js';
