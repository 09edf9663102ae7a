/**
 * A request handler for `node:http` (and anything with the same `req`/`res` shape: Express, Connect)
 * that serves the platform's public JWKS with cache headers: `Content-Type: application/jwk-set+json`,
 * `Cache-Control: public, max-age=…`, a strong `ETag` (SM3 of the body) and `304 Not Modified` on a
 * matching `If-None-Match`. Only GET and HEAD are allowed.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toHex, utf8 } from '@gbkit/core';
import { sm3 } from '@gbkit/crypto';
import { createJwks, type Jwks } from './jose/jwk.js';

/** Options of {@link createJwksHandler}. */
export interface JwksHandlerOptions {
  /** `max-age` in seconds (default 300). Keep it below the key-rotation overlap. */
  readonly maxAgeSeconds?: number;
}

/**
 * Makes the handler. `source` is called on every request, so a rotated key store is served at once.
 * Private members are stripped even if `source` returns private keys.
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * const store = new PlatformKeyStore([await generatePlatformKey('SM2', 'k1')]);
 * const jwks = createJwksHandler(() => store.jwks());
 * createServer((req, res) => (req.url === '/.well-known/jwks.json' ? jwks(req, res) : res.end())).listen(8080);
 * ```
 */
export function createJwksHandler(
  source: () => Jwks | Promise<Jwks>,
  options: JwksHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const maxAge = options.maxAgeSeconds ?? 300;
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    let body: string;
    try {
      body = JSON.stringify(createJwks((await source()).keys));
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('JWKS unavailable');
      return;
    }
    const bytes = utf8(body);
    const etag = `"${toHex(sm3(bytes)).slice(0, 32)}"`;
    const headers = {
      'cache-control': `public, max-age=${maxAge}`,
      etag,
      'x-content-type-options': 'nosniff',
    };
    const inm = req.headers['if-none-match'];
    if (typeof inm === 'string' && inm.split(',').some((t) => t.trim() === etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': 'application/jwk-set+json',
      'content-length': String(bytes.length),
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };
}
