/**
 * Creation: seals, signature values, SignedData, signed OFD documents.
 * @module
 */

export * from './ofd-sign.js';
export * from './seal.js';
export * from './ses-signature.js';
export * from './signed-data.js';
export * from './timestamp.js';
