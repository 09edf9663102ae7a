/**
 * Verification: reports per signature and per document (research §6 order).
 * @module
 */

export { type CertView, checkTrust, readCert, type TrustSubject } from './certs.js';
export { checkSignedData, parseSignedData, type SignedDataCheckInput, type SignedDataParts } from './cms.js';
export { sniffFormat, verifyFile } from './dispatch.js';
export { finishSignature, type VerifyOptions, verifyOfd } from './ofd.js';
export * from './policy.js';
export * from './result.js';
export * from './rules.js';
export { errorText, type Sm2Outcome, sm2Check } from './seal.js';
export { checkSesSignature, type SesCheckInput, type SesFacts, validationTime } from './ses.js';
export { type SesFileOptions, verifySealFile, verifySesSignatureFile } from './standalone.js';
export { checkTimestampToken, type TimestampOutcome } from './timestamp.js';
