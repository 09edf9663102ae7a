/**
 * Signature verification over signed bytes (a `TBSCertificate`, a `TBSCertList`, CMS signed
 * attributes) for the algorithms certificates use: SM2-with-SM3 (`1.2.156.10197.1.501`, and the
 * GB/T 35275 `1.2.156.10197.1.301.1`) with a configurable user ID, ECDSA with SHA-2 and RSA PKCS#1
 * v1.5 with SHA-2 through WebCrypto (`globalThis.crypto.subtle`, in Node and browsers).
 * @module
 */
import type { LocalizedText } from '@gbkit/core';
import { sm2Verify } from '../sm2/index.js';
import { children, readTlv, TAG } from './der.js';
import { parseSpki, type SpkiInfo } from './keys.js';
import { OID } from './oids.js';

/** The outcome of a signature check. Never thrown: a bad signature is `{ valid: false, reason }`. */
export interface SignatureCheck {
  readonly valid: boolean;
  /**
   * Stable reason when invalid: the SM2 codes of `sm2Verify` (`ERR_SM2_SIGNATURE_MISMATCH`, …),
   * `ERR_SIG_KEY_ALGORITHM` (key does not fit the algorithm), `ERR_SIG_UNSUPPORTED_ALGORITHM`,
   * `ERR_SIG_MALFORMED`, `ERR_SIG_MISMATCH` (ECDSA/RSA).
   */
  readonly reason?: string;
  readonly message?: LocalizedText;
  /** SM2 only: whether the signature was DER or raw 64-byte r‖s. */
  readonly format?: 'der' | 'raw';
}

/** The OIDs that mean "SM2 signature with SM3". */
export const SM2_SIGNATURE_OIDS: readonly string[] = [OID.sm2WithSm3, OID.sm2Sign, OID.sm2Curve];

const WEB_ALGS: Record<string, { kind: 'ecdsa' | 'rsa'; hash: string }> = {
  [OID.ecdsaWithSha256]: { kind: 'ecdsa', hash: 'SHA-256' },
  [OID.ecdsaWithSha384]: { kind: 'ecdsa', hash: 'SHA-384' },
  [OID.ecdsaWithSha512]: { kind: 'ecdsa', hash: 'SHA-512' },
  [OID.sha256WithRsa]: { kind: 'rsa', hash: 'SHA-256' },
  [OID.sha384WithRsa]: { kind: 'rsa', hash: 'SHA-384' },
  [OID.sha512WithRsa]: { kind: 'rsa', hash: 'SHA-512' },
  [OID.sha1WithRsa]: { kind: 'rsa', hash: 'SHA-1' },
};

const bad = (reason: string, zh: string, en: string): SignatureCheck => ({
  valid: false,
  reason,
  message: { zh, en },
});

function toKeyInfo(key: Uint8Array | SpkiInfo): SpkiInfo | Uint8Array {
  if (!(key instanceof Uint8Array)) return key;
  if (
    (key.length === 65 && key[0] === 0x04) ||
    key.length === 64 ||
    (key.length === 33 && (key[0] === 2 || key[0] === 3))
  ) {
    return key;
  }
  return parseSpki(key);
}

/** DER ECDSA-Sig-Value → fixed-size r‖s for WebCrypto. */
function ecdsaDerToP1363(sig: Uint8Array, size: number): Uint8Array | undefined {
  try {
    const [r, s] = children(readTlv(sig, 0));
    if (!r || !s || r.tag !== TAG.INTEGER || s.tag !== TAG.INTEGER) return undefined;
    const out = new Uint8Array(2 * size);
    const put = (v: Uint8Array, at: number) => {
      let b = v;
      while (b.length > size && b[0] === 0) b = b.subarray(1);
      if (b.length > size) throw new Error('too long');
      out.set(b, at + size - b.length);
    };
    put(r.value, 0);
    put(s.value, size);
    return out;
  } catch {
    return undefined;
  }
}

const ab = (u: Uint8Array): ArrayBuffer => u.slice().buffer as ArrayBuffer;

/**
 * Verifies `signature` over `data` with algorithm `algorithmOid` and the signer's key (65-byte SM2
 * point, SPKI DER or decoded SPKI). SM2 uses `userId` (default `1234567812345678`).
 */
export async function verifySignedBytes(
  data: Uint8Array,
  signature: Uint8Array,
  algorithmOid: string,
  key: Uint8Array | SpkiInfo,
  userId?: string | Uint8Array,
): Promise<SignatureCheck> {
  let info: SpkiInfo | Uint8Array;
  try {
    info = toKeyInfo(key);
  } catch {
    return bad('ERR_SIG_KEY_ALGORITHM', '签名者公钥无法解析', 'the signer public key cannot be decoded');
  }
  if (SM2_SIGNATURE_OIDS.includes(algorithmOid)) {
    const pub = info instanceof Uint8Array ? info : info.isSm2 ? info.publicKey : undefined;
    if (!pub) {
      return bad(
        'ERR_SIG_KEY_ALGORITHM',
        '签名算法为 SM2，但公钥不是 SM2 公钥',
        'SM2 signature but the key is not an SM2 key',
      );
    }
    const r = sm2Verify(data, signature, pub, userId === undefined ? {} : { userId });
    return {
      valid: r.valid,
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.message ? { message: r.message } : {}),
      ...(r.format ? { format: r.format } : {}),
    };
  }
  const web = WEB_ALGS[algorithmOid];
  if (!web) {
    return bad(
      'ERR_SIG_UNSUPPORTED_ALGORITHM',
      `不支持的签名算法 ${algorithmOid}`,
      `unsupported signature algorithm ${algorithmOid}`,
    );
  }
  if (info instanceof Uint8Array) {
    return bad('ERR_SIG_KEY_ALGORITHM', '公钥与签名算法不符', 'the key does not fit the signature algorithm');
  }
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    return bad('ERR_SIG_UNSUPPORTED_ALGORITHM', '运行环境没有 WebCrypto', 'this runtime has no WebCrypto');
  }
  try {
    if (web.kind === 'ecdsa') {
      const curve =
        info.namedCurve === OID.prime256v1
          ? 'P-256'
          : info.namedCurve === OID.secp384r1
            ? 'P-384'
            : info.namedCurve === '1.3.132.0.35'
              ? 'P-521'
              : undefined;
      if (info.algorithm !== OID.ecPublicKey || !curve) {
        return bad(
          'ERR_SIG_KEY_ALGORITHM',
          '公钥与签名算法不符',
          'the key does not fit the signature algorithm',
        );
      }
      const size = curve === 'P-256' ? 32 : curve === 'P-384' ? 48 : 66;
      const raw = ecdsaDerToP1363(signature, size);
      if (!raw) return bad('ERR_SIG_MALFORMED', 'ECDSA 签名格式错误', 'malformed ECDSA signature');
      const k = await subtle.importKey('spki', ab(info.der), { name: 'ECDSA', namedCurve: curve }, false, [
        'verify',
      ]);
      const ok = await subtle.verify({ name: 'ECDSA', hash: web.hash }, k, ab(raw), ab(data));
      return ok ? { valid: true } : bad('ERR_SIG_MISMATCH', '签名不匹配', 'signature does not match');
    }
    if (info.algorithm !== OID.rsaEncryption) {
      return bad(
        'ERR_SIG_KEY_ALGORITHM',
        '公钥与签名算法不符',
        'the key does not fit the signature algorithm',
      );
    }
    const k = await subtle.importKey(
      'spki',
      ab(info.der),
      { name: 'RSASSA-PKCS1-v1_5', hash: web.hash },
      false,
      ['verify'],
    );
    const ok = await subtle.verify('RSASSA-PKCS1-v1_5', k, ab(signature), ab(data));
    return ok ? { valid: true } : bad('ERR_SIG_MISMATCH', '签名不匹配', 'signature does not match');
  } catch (e) {
    return bad('ERR_SIG_MALFORMED', `签名校验出错：${String(e)}`, `signature check failed: ${String(e)}`);
  }
}
