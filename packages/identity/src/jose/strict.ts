/**
 * Strict decoding for JOSE inputs: canonical unpadded base64url (RFC 7515 §2, RFC 4648 §5) and JSON
 * objects without duplicate member names (RFC 7515 §5.2 step 4 and RFC 7519 §7.2 step 4 allow rejecting
 * them; gbkit does, because two parsers may pick different values of a duplicated `alg` or `sub`).
 * @module
 */
import { fromBase64 } from '@gbkit/core';

const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64U_RE = /^[A-Za-z0-9_-]*$/;

import { malformed } from './errors.js';

/**
 * Decodes canonical base64url: only `A–Z a–z 0–9 - _`, no padding, no length ≡ 1 (mod 4), and zero
 * unused trailing bits (so one byte string has exactly one encoding).
 * @throws FormatError `ERR_JWS_INVALID` naming `field`.
 */
export function decodeB64u(text: string, field: string): Uint8Array {
  if (typeof text !== 'string' || !B64U_RE.test(text) || text.length % 4 === 1) {
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
  // native on Node (inside fromBase64); the input is already validated
  return fromBase64(text, { url: true, strict: true });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

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
  // JSON.parse keeps one member per name, so the text has a duplicate exactly when it holds more member names
  // than the parsed objects hold keys. Counting both is cheap; only then does the slower scan name the member.
  if (text.indexOf('{') >= 0 && countNames(text) !== countKeys(value)) findDuplicate(text, field, code);
  return value;
}

/** Index of the closing quote of the string that opens at `i` (the text is well-formed JSON). */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const d = text.charCodeAt(j);
    if (d === 0x5c) j += 2;
    else if (d === 0x22) return j;
    else j++;
  }
}

/** Member names in well-formed JSON text: strings right after `{` or after `,` inside an object. */
function countNames(text: string): number {
  const inObject: boolean[] = [];
  let expectName = false;
  let names = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      if (expectName) {
        names++;
        expectName = false;
      }
      i = stringEnd(text, i);
    } else if (c === 0x7b) {
      inObject.push(true);
      expectName = true;
    } else if (c === 0x5b) {
      inObject.push(false);
    } else if (c === 0x7d || c === 0x5d) {
      inObject.pop();
    } else if (c === 0x2c) {
      expectName = inObject[inObject.length - 1] === true;
    }
  }
  return names;
}

/** Own keys of every object in a parsed JSON value. */
function countKeys(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let keys = 0;
  if (Array.isArray(value)) {
    for (const v of value) keys += countKeys(v);
    return keys;
  }
  for (const k in value) {
    keys++;
    keys += countKeys((value as Record<string, unknown>)[k]);
  }
  return keys;
}

/** Throws for the first duplicate member name (compared after unescaping) of well-formed JSON text. */
function findDuplicate(text: string, field: string, code: 'ERR_JWS_INVALID' | 'ERR_JWT_INVALID'): void {
  const stack: (Set<string> | null)[] = [];
  let expectName = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const j = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (expectName && top) {
        const raw = text.slice(i, j + 1);
        const name = raw.indexOf('\\') >= 0 ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (top.has(name)) {
          throw malformed(
            code,
            { zh: `${field} 中成员名“${name}”重复`, en: `${field} has a duplicate member name "${name}"` },
            field,
          );
        }
        top.add(name);
        expectName = false;
      }
      i = j;
    } else if (c === 0x7b) {
      stack.push(new Set());
      expectName = true;
    } else if (c === 0x5b) {
      stack.push(null);
      expectName = false;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      expectName = stack[stack.length - 1] != null;
    }
  }
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
