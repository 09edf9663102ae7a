/**
 * `@gbkit/identity/node`: the server-side half — login adapters (Guangdong tyrz, standard OpenID Connect)
 * and the JWKS endpoint handler for `node:http`. Token verification stays in the browser-safe main entry.
 * @packageDocumentation
 */
export * from './adapters/login.js';
export * from './adapters/oidc.js';
export * from './adapters/tyrz.js';
export * from './index.js';
export * from './jwks-handler.js';
