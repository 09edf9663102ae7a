/**
 * `@gbkit/e-license/server` (Node only): a runnable reference sharing server for both interface styles of
 * research §6 — the national CertShare style under `/main/CertShare/` and the Guangdong style under
 * `/license-app/v1/` — on `node:http` bound to 127.0.0.1, backed by SQLite (better-sqlite3). Used by the
 * tests and by `examples/e-license`. Not a production service: no rate limits, tokens live in memory-backed
 * tables, access is by one configured credential per style.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toBase64, toHex, utf8 } from '@gbkit/core';
import { sm2Encrypt } from '@gbkit/crypto';
import type { SigningIdentity } from '@gbkit/e-seal';
import Database from 'better-sqlite3';
import { makeAnnotatedCopy, readLicenseMetadata } from '../copy.js';
import { holderCodeType } from '../holder.js';
import type { LicenseMetadata } from '../metadata.js';
import { metadataToJson } from '../serialize.js';

/** Options of {@link startReferenceServer}. */
export interface ReferenceServerOptions {
  /** SQLite file (default `:memory:`). */
  readonly database?: string;
  /** Port (default 0: any free port). */
  readonly port?: number;
  /** CertShare credentials and the type codes this caller may read (default all). */
  readonly certShare?: {
    readonly accessId: string;
    readonly accessToken: string;
    readonly allowedTypeCodes?: readonly string[];
    readonly encryptFor?: Uint8Array;
  };
  /** Guangdong credentials. */
  readonly guangdong?: {
    readonly appKey: string;
    readonly appSecret: string;
    readonly account: string;
    readonly password: string;
    readonly division?: string;
  };
  /** When given, `downloadFile` returns a re-sealed 加注件 instead of the stored file. */
  readonly copier?: { readonly signer: SigningIdentity; readonly seal: Uint8Array; readonly creator: string };
}

/** A running server. */
export interface ReferenceServer {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** Stores an issued licence file (its metadata is read from the file). Returns the metadata. */
  addLicense(ofd: Uint8Array): LicenseMetadata;
  /** Changes the status code of a stored licence. */
  setStatus(identifier: string, status: string): void;
  close(): Promise<void>;
}

const token = () => toHex(randomBytes(16));

/**
 * Starts the reference server.
 *
 * @example
 * ```ts
 * import { startReferenceServer } from '@gbkit/e-license/server';
 * const srv = await startReferenceServer({ certShare: { accessId: 'app', accessToken: 'secret' } });
 * // srv.addLicense(ofdBytes); … await srv.close();
 * ```
 */
export async function startReferenceServer(o: ReferenceServerOptions = {}): Promise<ReferenceServer> {
  const db = new Database(o.database ?? ':memory:');
  db.exec(`
    CREATE TABLE IF NOT EXISTS licenses (identifier TEXT PRIMARY KEY, type_code TEXT NOT NULL, number TEXT NOT NULL, status TEXT, metadata TEXT NOT NULL, file BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS holders (identifier TEXT NOT NULL, code TEXT NOT NULL, type_code TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS holders_code ON holders(code, type_code);
    CREATE TABLE IF NOT EXISTS gd_tokens (token TEXT PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS gd_licenses (license_code TEXT PRIMARY KEY, item_code TEXT NOT NULL, data TEXT NOT NULL, identifier TEXT);
  `);
  const q = {
    insert: db.prepare('INSERT OR REPLACE INTO licenses VALUES (?, ?, ?, ?, ?, ?)'),
    delHolders: db.prepare('DELETE FROM holders WHERE identifier = ?'),
    insHolder: db.prepare('INSERT INTO holders VALUES (?, ?, ?)'),
    byHolder: db.prepare(
      'SELECT l.metadata, l.status FROM licenses l JOIN holders h ON h.identifier = l.identifier WHERE h.code = ? AND h.type_code = ? ORDER BY l.identifier',
    ),
    byId: db.prepare('SELECT metadata, status, file FROM licenses WHERE identifier = ?'),
    setStatus: db.prepare('UPDATE licenses SET status = ? WHERE identifier = ?'),
    tokIns: db.prepare('INSERT INTO gd_tokens VALUES (?, ?, ?)'),
    tokGet: db.prepare('SELECT subject FROM gd_tokens WHERE token = ? AND kind = ?'),
    tokDel: db.prepare('DELETE FROM gd_tokens WHERE token = ?'),
    gdIns: db.prepare('INSERT INTO gd_licenses VALUES (?, ?, ?, ?)'),
    gdGet: db.prepare('SELECT item_code, data, identifier FROM gd_licenses WHERE license_code = ?'),
    gdCount: db.prepare('SELECT COUNT(*) AS n FROM gd_licenses'),
  };
  type Row = { metadata: string; status: string | null; file?: Buffer };
  const withStatus = (r: Row): Record<string, unknown> => ({
    ...(JSON.parse(r.metadata) as Record<string, unknown>),
    ...(r.status ? { certificateStatus: r.status } : {}),
  });

  const addLicense = (ofd: Uint8Array): LicenseMetadata => {
    const m = readLicenseMetadata(ofd);
    db.transaction(() => {
      q.insert.run(
        m.identifier,
        m.typeCode,
        m.number,
        m.status ?? null,
        JSON.stringify(metadataToJson(m)),
        Buffer.from(ofd),
      );
      q.delHolders.run(m.identifier);
      for (const h of m.holders) q.insHolder.run(m.identifier, h.code, h.typeCode);
    })();
    return m;
  };

  const cs = o.certShare;
  const certShare = (op: string, body: Record<string, unknown>, trusted: boolean): unknown => {
    const head = (body.head ?? {}) as Record<string, unknown>;
    const data = (body.data ?? {}) as Record<string, unknown>;
    const reply = (status: number, message: string, d?: unknown) => ({
      head: { status, message },
      ...(d !== undefined ? { data: d } : {}),
    });
    if (!cs || head.accessId !== cs.accessId || head.accessToken !== cs.accessToken)
      return reply(11, '身份验证不通过');
    const allowed = (typeCode: unknown) =>
      !cs.allowedTypeCodes || cs.allowedTypeCodes.includes(String(typeCode));
    const useCause = data.useCause as Record<string, unknown> | undefined;
    if (
      op !== 'downloadFile' &&
      (typeof useCause?.certificateCopyCause !== 'string' ||
        useCause.certificateCopyCause.length === 0 ||
        useCause.certificateCopyCause.length > 200)
    )
      return reply(400, '用证事由缺失或超过 200 字');
    let out: unknown;
    switch (op) {
      case 'queryCertInfoByHolderCode': {
        if (!holderCodeType(String(data.holderTypeCode))) return reply(103, '持证主体代码类型代码不符合规范');
        if (data.certTypeCode !== undefined && !allowed(data.certTypeCode))
          return reply(100, '无访问该证的权限');
        out = (q.byHolder.all(String(data.holderCode), String(data.holderTypeCode)) as Row[])
          .map(withStatus)
          .filter(
            (r) =>
              allowed(r.certificateTypeCode) &&
              (data.certTypeCode === undefined || r.certificateTypeCode === data.certTypeCode) &&
              (data.certNo === undefined || r.certificateNumber === data.certNo),
          );
        break;
      }
      case 'queryCertInfoByQRcode': {
        const r = q.byId.get(String(data.qrcode)) as Row | undefined;
        if (!r) return reply(404, '证照不存在');
        const m = withStatus(r);
        if (!allowed(m.certificateTypeCode)) return reply(100, '无访问该证的权限');
        out = m;
        break;
      }
      case 'downloadFile': {
        const r = q.byId.get(String(data.certificateIdentifier)) as Row | undefined;
        if (!r?.file) return reply(404, '证照不存在');
        if (!allowed(withStatus(r).certificateTypeCode)) return reply(100, '无访问该证的权限');
        if (data.fileType !== 'ofd') return reply(400, '仅支持 ofd');
        let file: Uint8Array = new Uint8Array(r.file);
        if (o.copier) {
          file = makeAnnotatedCopy(file, {
            purpose: String(data.certificateCopyCause ?? ''),
            creator: o.copier.creator,
            expires: String(data.certificateCopyExpiringTime ?? ''),
            signer: o.copier.signer,
            seal: o.copier.seal,
          });
        }
        out = { file: toBase64(file) };
        break;
      }
      default:
        return reply(404, `未知操作 ${op}`);
    }
    if (cs.encryptFor && !trusted)
      return reply(0, '成功', toHex(sm2Encrypt(cs.encryptFor, utf8(JSON.stringify(out)))));
    return reply(0, '成功', out);
  };

  const gd = o.guangdong;
  const guangdong = (path: string, body: Record<string, unknown>, query: URLSearchParams): unknown => {
    const ok = (data: unknown) => ({
      ack_code: 'SUCCESS',
      errors: [],
      data,
      timestamp: new Date().toISOString(),
      response_id: token(),
    });
    const fail = (code: string, message: string) => ({
      ack_code: 'FAILURE',
      errors: [{ code, message }],
      timestamp: new Date().toISOString(),
      response_id: token(),
    });
    if (!gd) return fail('NOT_CONFIGURED', '未配置');
    if (path === 'security/login') {
      if (
        body.app_key !== gd.appKey ||
        body.app_secret !== gd.appSecret ||
        body.account !== gd.account ||
        body.password !== gd.password
      )
        return fail('AUTH_FAILED', '认证失败');
      const t = token();
      q.tokIns.run(t, 'access', gd.account);
      return ok({ access_token: t, expires_in: 7200 });
    }
    const at = query.get('access_token');
    if (!at || !q.tokGet.get(at, 'access')) return fail('INVALID_TOKEN', 'access_token 无效');
    if (path === 'security/logout') {
      q.tokDel.run(at);
      return ok({});
    }
    const create = /^license\/([^/]+)\/create$/.exec(path);
    if (create) {
      const fields = body.data_fields;
      if (!fields || typeof fields !== 'object') return fail('INVALID_PARAM', '缺少 data_fields');
      const n = (q.gdCount.get() as { n: number }).n + 1;
      const code = `${gd.division ?? '440100'}${new Date().getUTCFullYear()}${String(n).padStart(6, '0')}${toHex(randomBytes(1)).toUpperCase()}`;
      const identifier = typeof body.certificate_identifier === 'string' ? body.certificate_identifier : null;
      q.gdIns.run(code, decodeURIComponent(create[1]!), JSON.stringify(fields), identifier);
      const auth = token();
      q.tokIns.run(auth, 'auth', code);
      return ok({ license_code: code, auth_code: auth });
    }
    if (path === 'license/token') {
      const subj = q.tokGet.get(String(body.auth_code), 'auth') as { subject: string } | undefined;
      if (!subj) return fail('INVALID_AUTH_CODE', '用证码无效');
      const t = token();
      q.tokIns.run(t, 'license', subj.subject);
      return ok({ license_access_token: t });
    }
    const subj = q.tokGet.get(String(body.license_access_token), 'license') as
      | { subject: string }
      | undefined;
    if (!subj) return fail('INVALID_LICENSE_TOKEN', 'license_access_token 无效');
    const row = q.gdGet.get(subj.subject) as
      | { item_code: string; data: string; identifier: string | null }
      | undefined;
    if (!row) return fail('NOT_FOUND', '证照不存在');
    if (path === 'license/get_license')
      return ok({
        license_code: subj.subject,
        license_item_code: row.item_code,
        data_fields: JSON.parse(row.data),
      });
    if (path === 'license/archive') {
      const f = row.identifier ? (q.byId.get(row.identifier) as Row | undefined) : undefined;
      if (!f?.file) return fail('NO_FILE', '没有归档文件');
      return ok({ file_type: 'ofd', file_data: toBase64(new Uint8Array(f.file)) });
    }
    return fail('NOT_FOUND', `未知接口 ${path}`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > 1 << 20) {
        res.writeHead(413).end();
        return;
      }
      chunks.push(c as Buffer);
    }
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: Record<string, unknown> = {};
    try {
      body = chunks.length
        ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
        : {};
    } catch {
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ head: { status: 400, message: 'JSON 无法解析' } }));
      return;
    }
    let out: unknown;
    try {
      if (u.pathname.startsWith('/main/CertShare/'))
        out = certShare(
          u.pathname.slice('/main/CertShare/'.length),
          body,
          req.headers['x-trusted-local'] === '1',
        );
      else if (u.pathname.startsWith('/license-app/v1/'))
        out = guangdong(u.pathname.slice('/license-app/v1/'.length), body, u.searchParams);
      else {
        res.writeHead(404).end();
        return;
      }
    } catch (e) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          head: { status: 500, message: (e as Error).message },
          ack_code: 'FAILURE',
          errors: [{ code: 'INTERNAL', message: (e as Error).message }],
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' }).end(JSON.stringify(out));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    addLicense,
    setStatus: (id, status) => {
      q.setStatus.run(status, id);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => {
          db.close();
          if (e) reject(e);
          else resolve();
        });
        server.closeAllConnections?.();
      }),
  };
}
