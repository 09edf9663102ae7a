/**
 * Test helper: wraps raw SM2 keys into the DER/PEM containers that the `openssl` CLI and Node read
 * (SEC1 ECPrivateKey with the SM2 curve OID, SubjectPublicKeyInfo). Built byte by byte from the ASN.1
 * so the interop tests don't depend on our own key codecs.
 */
import { Buffer } from 'node:buffer';

const SM2_CURVE_OID = '06082a811ccf5501822d'; // 1.2.156.10197.1.301
const SPKI_PREFIX = `3059301306072a8648ce3d0201${SM2_CURVE_OID}034200`;

function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.trim()}\n-----END ${label}-----\n`;
}

/** SubjectPublicKeyInfo DER of a 65-byte public key. */
export function spkiDer(pub65: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from(SPKI_PREFIX, 'hex'), pub65]));
}

/** SEC1 ECPrivateKey DER (RFC 5915) with curve parameters and public key. */
export function sec1Der(priv32: Uint8Array, pub65: Uint8Array): Uint8Array {
  return new Uint8Array(
    Buffer.concat([
      Buffer.from('307702010104 20'.replace(' ', ''), 'hex'),
      priv32,
      Buffer.from(`a00a${SM2_CURVE_OID}a144034200`, 'hex'),
      pub65,
    ]),
  );
}

export const spkiPem = (pub65: Uint8Array): string => pem('PUBLIC KEY', spkiDer(pub65));
export const sec1Pem = (priv32: Uint8Array, pub65: Uint8Array): string =>
  pem('EC PRIVATE KEY', sec1Der(priv32, pub65));
