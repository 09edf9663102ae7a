/**
 * Keys and certificates with SM algorithms: PEM/DER, SPKI/PKCS#8/SEC1, PKCS#12, X.509 parsing,
 * path validation, CRLs, CMS SignedData and test-PKI issuing.
 * @module
 */

export * from './certificate.js';
export * from './cms.js';
export * from './crl.js';
export * from './engine.js';
export * from './import.js';
export * from './issue.js';
export * from './keys.js';
export * from './name.js';
export { OID as PKI_OID } from './oids.js';
export * from './path.js';
export { MAX_PBE_ITERATIONS, type PbeWriteOptions } from './pbe.js';
export * from './pem.js';
export {
  type ExportPkcs12Options,
  exportPkcs12,
  type Pkcs12BagAttributes,
  type Pkcs12Certificate,
  type Pkcs12Contents,
  type Pkcs12Key,
  type Pkcs12Options,
  parsePkcs12,
} from './pkcs12.js';
export * from './verify.js';
