// oidc-provider 9 ships no type declarations; the tests use this small surface of it.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  // biome-ignore lint/suspicious/noExplicitAny: untyped third-party configuration and context objects
  type Any = any;
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, Any>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, Any>,
      options?: Record<string, Any>,
    ): Promise<void>;
    Grant: Any;
  }
}
