/**
 * Client of the national / Shandong-style "CertShare" sharing interface (GB/T 36906 as implemented,
 * research §6.1, inferred): HTTP POST JSON, request `{head:{accessId,accessToken},data}`, response
 * `{head:{status,message},data}` with status 0 = success (11 authentication failed, 100 no permission for
 * the type, 103 invalid holder code type), and an optionally SM2-encrypted `data` (GB/T 32918.4 C1C3C2,
 * hex or base64 text; decrypted with `@gbkit/crypto`).
 * @module
 */
import { fromBase64, fromHex, fromUtf8, TransportError } from '@gbkit/core';
import { sm2Decrypt } from '@gbkit/crypto';
import { fetchTransport, parseJsonBody, type Transport } from './transport.js';

/** Status codes seen (research §6.1). */
export const CERTSHARE_STATUS: Readonly<Record<number, string>> = Object.freeze({
  0: '成功',
  11: '身份验证不通过',
  100: '无访问该证的权限',
  103: '持证主体代码类型代码不符合规范',
});

/** The use cause of every query (用证事由, Shandong). */
export interface UseCause {
  readonly certificateSystemName: string;
  /** 0 = called from a service item, 1 = other. */
  readonly certificateCallCategory: '0' | '1';
  readonly certificateMatterName?: string;
  readonly certificateEventCode?: string;
  /** ≤ 200 characters. */
  readonly certificateCopyCause: string;
}

/** Options of {@link CertShareClient}. */
export interface CertShareOptions {
  /** Base URL up to the operation names, e.g. `https://host/main/CertShare/`. */
  readonly baseUrl: string;
  readonly accessId: string;
  readonly accessToken: string;
  readonly transport?: Transport;
  /** SM2 private key to decrypt an encrypted `data` (string) in responses. */
  readonly decryptionKey?: Uint8Array;
  /** Cipher order of encrypted responses (default C1C3C2). */
  readonly cipherOrder?: 'C1C3C2' | 'C1C2C3';
}

/** A licence summary as returned by the queries (national camelCase names). */
export type CertInfo = Record<string, unknown>;

/**
 * The CertShare client.
 *
 * @example
 * ```ts
 * import { CertShareClient } from '@gbkit/e-license';
 * const c = new CertShareClient({ baseUrl: 'http://127.0.0.1:8080/main/CertShare/', accessId: 'app', accessToken: 'secret' });
 * // const list = await c.queryCertInfoByHolderCode({ holderCode: '91350100M000100Y43', holderTypeCode: '001', useCause });
 * ```
 */
export class CertShareClient {
  private readonly transport: Transport;
  constructor(private readonly o: CertShareOptions) {
    this.transport = o.transport ?? fetchTransport;
  }

  /** Calls one operation and returns its (decrypted) `data`. Throws `TransportError(ERR_LIC_SHARE_STATUS)` for status ≠ 0. */
  async call(operation: string, data: Record<string, unknown>): Promise<unknown> {
    const url = this.o.baseUrl.replace(/\/?$/, '/') + operation;
    const res = await this.transport({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json;charset=UTF-8' },
      body: JSON.stringify({ head: { accessId: this.o.accessId, accessToken: this.o.accessToken }, data }),
    });
    const body = parseJsonBody(res, url);
    const head = body.head as { status?: unknown; message?: unknown } | undefined;
    const status = Number(head?.status);
    if (!head || !Number.isInteger(status))
      throw new TransportError(
        'ERR_LIC_SHARE_RESPONSE',
        { zh: '响应缺少 head.status', en: 'the response has no head.status' },
        { details: { url } },
      );
    if (status !== 0) {
      const known = CERTSHARE_STATUS[status];
      throw new TransportError(
        'ERR_LIC_SHARE_STATUS',
        {
          zh: `共享服务返回状态 ${status}：${String(head.message ?? known ?? '')}`,
          en: `the sharing service answered status ${status}: ${String(head.message ?? known ?? '')}`,
        },
        { details: { status, message: head.message, operation } },
      );
    }
    let out = body.data;
    if (typeof out === 'string' && this.o.decryptionKey) {
      const raw = /^[0-9a-fA-F]+$/.test(out) ? fromHex(out) : fromBase64(out);
      try {
        out = JSON.parse(
          fromUtf8(sm2Decrypt(this.o.decryptionKey, raw, { order: this.o.cipherOrder ?? 'C1C3C2' })),
        );
      } catch (e) {
        throw new TransportError(
          'ERR_LIC_SHARE_DECRYPT',
          { zh: '无法解密响应数据', en: 'cannot decrypt the response data' },
          { cause: e },
        );
      }
    }
    return out;
  }

  /** 按持证主体代码查询证照. */
  async queryCertInfoByHolderCode(q: {
    holderCode: string;
    holderTypeCode: string;
    certTypeCode?: string;
    certNo?: string;
    useCause: UseCause;
  }): Promise<CertInfo[]> {
    return (await this.call('queryCertInfoByHolderCode', q)) as CertInfo[];
  }

  /** 按证照二维码（标识）查询. */
  async queryCertInfoByQRcode(q: { qrcode: string; useCause: UseCause }): Promise<CertInfo> {
    return (await this.call('queryCertInfoByQRcode', q)) as CertInfo;
  }

  /** 下载证照文件 (加注件): returns the file bytes. */
  async downloadFile(q: {
    certificateIdentifier: string;
    fileType: 'ofd' | 'png';
    certificateCopyCause: string;
    certificateCopyExpiringTime: string;
  }): Promise<Uint8Array> {
    const d = (await this.call('downloadFile', q)) as { file?: unknown };
    if (typeof d?.file !== 'string')
      throw new TransportError('ERR_LIC_SHARE_RESPONSE', {
        zh: '响应中没有 file（base64）',
        en: 'no file (base64) in the response',
      });
    return fromBase64(d.file);
  }
}
