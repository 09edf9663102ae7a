/**
 * The injectable HTTP transport of the sharing clients: a function from a request to a response. The
 * default uses `globalThis.fetch` (browsers, Node ≥ 18); tests and integrators pass their own.
 * @module
 */
import { TransportError } from '@gbkit/core';

/** An HTTP request. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** An HTTP response (body as text). */
export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/** A transport. */
export type Transport = (req: HttpRequest) => Promise<HttpResponse>;

/** The default transport: `fetch`. Network failures become `TransportError(ERR_LIC_SHARE_NETWORK)`. */
export const fetchTransport: Transport = async (req) => {
  const f = globalThis.fetch;
  if (!f)
    throw new TransportError('ERR_LIC_SHARE_NO_FETCH', {
      zh: '运行环境没有 fetch，请传入 transport',
      en: 'no fetch in this runtime: pass a transport',
    });
  try {
    const res = await f(req.url, {
      method: req.method,
      headers: req.headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
    });
    return { status: res.status, body: await res.text() };
  } catch (e) {
    throw new TransportError(
      'ERR_LIC_SHARE_NETWORK',
      { zh: `网络请求失败：${req.url}`, en: `network request failed: ${req.url}` },
      { cause: e },
    );
  }
};

/** Parses a JSON response body or throws `TransportError(ERR_LIC_SHARE_RESPONSE)`. */
export function parseJsonBody(res: HttpResponse, url: string): Record<string, unknown> {
  try {
    const v = JSON.parse(res.body) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new TransportError(
    'ERR_LIC_SHARE_RESPONSE',
    {
      zh: `服务返回的不是 JSON 对象（HTTP ${res.status}）：${url}`,
      en: `the service did not answer a JSON object (HTTP ${res.status}): ${url}`,
    },
    { details: { status: res.status } },
  );
}
