/**
 * The SES ASN.1 layer (GM/T 0031-2014, GB/T 38540-2020, "V5"): decoders that keep the exact signed bytes,
 * and encoders for creation.
 * @module
 */

export * from './cert-list.js';
export * from './der.js';
export * from './extension-datas.js';
export * from './header.js';
export * from './picture-info.js';
export * from './property-info.js';
export * from './seal.js';
export * from './seal-info.js';
export * from './signature.js';
export * from './tbs-sign.js';
export * from './variants.js';
