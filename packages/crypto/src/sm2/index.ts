/**
 * SM2 (GB/T 32918): keys, the Z value, signatures (DER and raw r‖s), encryption, and the per-key cache.
 * @module
 */

export {
  sm2ClearPublicKeyCache,
  sm2PublicKeyCacheStats,
  sm2SetPublicKeyCacheSize,
  sm2SetPublicKeyTableThreshold,
} from './cache.js';
export { SM2_CURVE } from './curve.js';
export { sm2DerToRaw, sm2RawToDer } from './der.js';
export {
  type Sm2CipherOrder,
  type Sm2EncryptionOptions,
  sm2Decrypt,
  sm2Encrypt,
  sm2Kdf,
} from './encryption.js';
export {
  type Sm2KeyPair,
  sm2CompressPublicKey,
  sm2GenerateKeyPair,
  sm2GetPublicKey,
  sm2NormalizePublicKey,
} from './keys.js';
export {
  type Sm2SignatureFormat,
  type Sm2SignOptions,
  type Sm2VerifyOptions,
  type Sm2VerifyReason,
  type Sm2VerifyResult,
  sm2Sign,
  sm2SignDigest,
  sm2Verify,
  sm2VerifyDigest,
} from './signature.js';
export { SM2_DEFAULT_USER_ID, sm2Z } from './z.js';
