/**
 * Strict decoding for JOSE inputs: canonical unpadded base64url (RFC 7515 §2, RFC 4648 §5) and JSON
 * objects without duplicate member names (RFC 7515 §5.2 step 4 and RFC 7519 §7.2 step 4 allow rejecting
 * them; gbkit does, because two parsers may pick different values of a duplicated `alg` or `sub`).
 * @module
 */
import { fromBase64 } from '@gbkit/core';

const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

import { malformed } from './errors.js';

/**
 * Decodes canonical base64url: only `A–Z a–z 0–9 - _`, no padding, no length ≡ 1 (mod 4), and zero
 * unused trailing bits (so one byte string has exactly one encoding).
 * @throws FormatError `ERR_JWS_INVALID` naming `field`.
 */
export function decodeB64u(text: string, field: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(text, { url: true, strict: true });
  } catch {
    throw malformed(
      'ERR_JWS_INVALID',
      { zh: `${field} 不是合法的 base64url`, en: `${field} is not valid base64url` },
      field,
    );
  }
  // Canonical: the unused low bits of the last character must be zero (2 chars → 4 bits, 3 chars → 2 bits).
  const rest = text.length % 4;
  const last = rest === 0 ? -1 : B64U.indexOf(text[text.length - 1] as string);
  if ((rest === 2 && (last & 0x0f) !== 0) || (rest === 3 && (last & 0x03) !== 0)) {
    throw malformed(
      'ERR_JWS_INVALID',
      { zh: `${field} 的 base64url 编码不规范`, en: `${field} is not canonical base64url` },
      field,
    );
  }
  return bytes;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Parses JSON text and rejects duplicate member names in any object (compared after unescaping).
 * @throws FormatError `code` naming `field`.
 * @example
 * ```ts
 * parseJsonStrict('{"a":1}', 'payload', 'ERR_JWT_INVALID'); // { a: 1 }
 * // parseJsonStrict('{"a":1,"a":2}', 'payload', 'ERR_JWT_INVALID') throws
 * ```
 */
export function parseJsonStrict(
  text: string,
  field: string,
  code: 'ERR_JWS_INVALID' | 'ERR_JWT_INVALID',
): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw malformed(code, { zh: `${field} 不是合法的 JSON`, en: `${field} is not valid JSON` }, field);
  }
  // JSON.parse accepted it, so the text is well-formed; walk it once to find duplicate names.
  if (text.indexOf('{') >= 0) {
    let i = 0;
    const n = text.length;
    const skipWs = () => {
      while (i < n && WS.has(text.charCodeAt(i))) i++;
    };
    const readString = (decode: boolean): string => {
      const start = i;
      let escaped = false;
      i++; // opening quote
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 0x5c) {
          escaped = true;
          i += 2;
        } else if (c === 0x22) break;
        else i++;
      }
      i++;
      if (!decode) return '';
      return escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1);
    };
    const walk = (): void => {
      skipWs();
      const c = text[i];
      if (c === '{') {
        i++;
        const seen = new Set<string>();
        skipWs();
        if (text[i] === '}') {
          i++;
          return;
        }
        for (;;) {
          skipWs();
          const key = readString(true);
          if (seen.has(key)) {
            throw malformed(
              code,
              { zh: `${field} 中成员名“${key}”重复`, en: `${field} has a duplicate member name "${key}"` },
              field,
            );
          }
          seen.add(key);
          skipWs();
          i++; // colon
          walk();
          skipWs();
          if (text[i] === ',') {
            i++;
            continue;
          }
          i++; // closing brace
          return;
        }
      }
      if (c === '[') {
        i++;
        skipWs();
        if (text[i] === ']') {
          i++;
          return;
        }
        for (;;) {
          walk();
          skipWs();
          if (text[i] === ',') {
            i++;
            continue;
          }
          i++;
          return;
        }
      }
      if (c === '"') {
        readString(false);
        return;
      }
      while (i < n && !WS.has(text.charCodeAt(i)) && text[i] !== ',' && text[i] !== '}' && text[i] !== ']')
        i++;
    };
    walk();
  }
  return value;
}

/** Decodes a base64url segment holding a JSON object (header or claims). */
export function decodeJsonSegment(
  b64: string,
  field: string,
  code: 'ERR_JWS_INVALID' | 'ERR_JWT_INVALID',
): Record<string, unknown> {
  const bytes = decodeB64u(b64, field);
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw malformed(code, { zh: `${field} 不是合法的 UTF-8`, en: `${field} is not valid UTF-8` }, field);
  }
  const v = parseJsonStrict(text, field, code);
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    throw malformed(code, { zh: `${field} 必须是 JSON 对象`, en: `${field} must be a JSON object` }, field);
  }
  return v as Record<string, unknown>;
}
