/**
 * OFD container commands:
 * - `gbkit ofd inspect FILE [--json] [--strict]` opens an OFD file (zip limits, path checks, DTD-free
 *   XML) and prints its document info and custom data, pages, attachments, signatures (type, provider,
 *   method, time, references, stamp positions, signed value) and every tolerated deviation. Exit 0 when
 *   it opened, 3 when it is unreadable (a typed error with its code is printed).
 * @module
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { localize } from '@gbkit/core';
import { type OfdDocument, type OfdSignature, openOfd } from '@gbkit/ofd';
import { type Command, EXIT, parse, UsageError } from '../command.js';

const inspectUsage = 'gbkit ofd inspect FILE [--json] [--strict]';

function signatureJson(s: OfdSignature): Record<string, unknown> {
  const x = s.signature;
  return {
    id: s.id,
    type: s.type,
    ...(s.typeAttr === undefined ? { typeDefaulted: true } : {}),
    baseLoc: s.baseLoc?.path,
    ...(s.relative ? { relative: s.relative } : {}),
    ...(s.error ? { error: { code: s.error.code, message: s.error.text } } : {}),
    ...(x
      ? {
          provider: x.provider,
          signatureMethod: x.signatureMethod,
          signatureDateTime: x.signatureDateTime,
          checkMethod: x.checkMethod,
          references: x.references.map((r) => ({
            fileRef: r.fileRef,
            path: r.target.path,
            exists: r.target.exists,
            checkValue: r.checkValueText,
          })),
          stampAnnots: x.stampAnnots,
          seal: x.seal?.path,
          signedValue: x.signedValue?.path,
          parameters: x.parameters,
        }
      : {}),
  };
}

/** The JSON shape printed by `gbkit ofd inspect --json`. */
export function inspectJson(file: string, ofd: OfdDocument): Record<string, unknown> {
  return {
    file,
    version: ofd.entry.version,
    docType: ofd.entry.docType,
    parts: ofd.package.paths().length,
    ...(ofd.package.prefixLength ? { bytesBeforeZip: ofd.package.prefixLength } : {}),
    documents: ofd.documents.map((d) => ({
      docInfo: d.body.docInfo,
      docRoot: d.body.docRoot?.path,
      maxUnitId: d.document?.commonData.maxUnitId,
      pages: (d.document?.pages ?? []).map((p, k) => {
        let box: { width: number; height: number } | undefined;
        try {
          box = p.baseLoc?.exists ? ofd.pageBox(k, d.index) : undefined;
        } catch {
          box = undefined;
        }
        return {
          id: p.id,
          path: p.baseLoc?.path,
          exists: p.baseLoc?.exists ?? false,
          ...(box ? { width: box.width, height: box.height } : {}),
        };
      }),
      templates: (d.document?.commonData.templatePages ?? []).map((t) => ({
        id: t.id,
        path: t.baseLoc?.path,
        exists: t.baseLoc?.exists ?? false,
      })),
      fonts: d.resources.flatMap((r) =>
        r.fonts.map((f) => ({ id: f.id, name: f.fontName, file: f.fontFile?.path })),
      ),
      images: d.resources.flatMap((r) =>
        r.multiMedias.map((m) => ({
          id: m.id,
          type: m.type,
          format: m.format,
          file: m.mediaFile?.path,
          exists: m.mediaFile?.exists ?? false,
        })),
      ),
      attachments: d.attachments.map((a) => ({
        id: a.id,
        name: a.name,
        format: a.format,
        path: a.fileLoc?.path,
        exists: a.fileLoc?.exists ?? false,
      })),
      customTags: d.customTags.map((t) => ({ typeId: t.typeId, path: t.fileLoc?.path })),
      signatures: d.signatures.map(signatureJson),
    })),
    warnings: ofd.warnings.map((w) => ({
      code: w.code,
      part: w.part,
      message: w.message,
      ...(w.details ? { details: w.details } : {}),
    })),
  };
}

/** `gbkit ofd inspect FILE`: document info, pages, signatures and warnings of an OFD file. */
export const ofdInspectCommand: Command = {
  words: ['ofd', 'inspect'],
  summary: {
    zh: '查看 OFD 文件的文档信息、页面、签名和告警',
    en: 'show the document info, pages, signatures and warnings of an OFD file',
  },
  usage: inspectUsage,
  run(args, io) {
    const { values, positionals } = parse(
      args,
      { json: { type: 'boolean' }, strict: { type: 'boolean' } },
      inspectUsage,
    );
    if (positionals.length !== 1) {
      throw new UsageError({ zh: '需要一个 OFD 文件', en: 'one OFD file is required' }, inspectUsage);
    }
    const file = positionals[0] as string;
    const bytes = new Uint8Array(readFileSync(resolve(io.cwd, file)));
    const ofd = openOfd(bytes, { mode: values.strict ? 'strict' : 'lenient' });
    const j = inspectJson(file, ofd);
    if (values.json) {
      io.out(JSON.stringify(j, null, 2));
      return EXIT.OK;
    }
    const L = (zh: string, en: string) => localize({ zh, en }, io.lang);
    const out = io.out;
    out(
      `${L('文件', 'File')}: ${file}  (OFD ${ofd.entry.version ?? '?'}, ${ofd.package.paths().length} ${L('个部件', 'parts')})`,
    );
    if (ofd.package.prefixLength)
      out(`  ${L('zip 之前的字节', 'bytes before the zip')}: ${ofd.package.prefixLength}`);
    for (const d of ofd.documents) {
      const i = d.body.docInfo;
      out(`\n${L('文档', 'Document')} ${d.index + 1}: ${d.body.docRoot?.path ?? '-'}`);
      const row = (zh: string, en: string, v?: string) => {
        if (v !== undefined && v !== '') out(`  ${L(zh, en)}: ${v}`);
      };
      row('文档标识', 'DocID', i.docId);
      row('标题', 'Title', i.title);
      row('作者', 'Author', i.author);
      row('创建日期', 'Created', i.creationDate);
      row('创建者', 'Creator', [i.creator, i.creatorVersion].filter(Boolean).join(' '));
      for (const c of i.customDatas) out(`  ${L('自定义数据', 'Custom data')}: ${c.name} = ${c.value}`);
      const pages =
        (
          j.documents as {
            pages: { id: string; path?: string; exists: boolean; width?: number; height?: number }[];
          }[]
        )[d.index]?.pages ?? [];
      out(`  ${L('页数', 'Pages')}: ${pages.length}`);
      pages.forEach((p, k) => {
        out(
          `    ${k + 1}. ID ${p.id}  ${p.path ?? '-'}${p.exists ? '' : L('（缺失）', ' (missing)')}${p.width !== undefined ? `  ${p.width}×${p.height} mm` : ''}`,
        );
      });
      for (const a of d.attachments)
        out(`  ${L('附件', 'Attachment')}: ${a.name} (${a.format ?? '?'}) ${a.fileLoc?.path ?? ''}`);
      if (d.signatures.length === 0) out(`  ${L('签名：无', 'Signatures: none')}`);
      for (const s of d.signatures) {
        out(
          `  ${L('签名', 'Signature')} ${s.id} [${s.type}${s.typeAttr === undefined ? L('，缺省', ', defaulted') : ''}] ${s.baseLoc?.path ?? ''}`,
        );
        if (s.error) {
          out(`    ✘ ${s.error.code}: ${s.error.localizedMessage(io.lang)}`);
          continue;
        }
        const x = s.signature;
        if (!x) continue;
        if (x.provider)
          out(
            `    ${L('提供者', 'Provider')}: ${x.provider.providerName} ${x.provider.company ?? ''} ${x.provider.version ?? ''}`.trimEnd(),
          );
        if (x.signatureMethod) out(`    ${L('签名算法', 'Method')}: ${x.signatureMethod}`);
        if (x.signatureDateTime) out(`    ${L('签名时间', 'Time')}: ${x.signatureDateTime}`);
        out(
          `    ${L('保护文件', 'References')}: ${x.references.length} (${x.checkMethod ?? L('未给出摘要算法', 'no CheckMethod')})`,
        );
        for (const a of x.stampAnnots) {
          const b = a.boundary;
          out(
            `    ${L('签章位置', 'Stamp')}: ${L('页', 'page')} ${a.pageRef}${b ? ` @ ${b.x},${b.y} ${b.width}×${b.height} mm` : ''}${a.clip ? ` clip ${a.clip.x},${a.clip.y} ${a.clip.width}×${a.clip.height}` : ''}`,
          );
        }
        if (x.seal) out(`    ${L('印章', 'Seal')}: ${x.seal.path}`);
        out(`    ${L('签名值', 'Signed value')}: ${x.signedValue?.path ?? '-'}`);
      }
    }
    out(`\n${L('告警', 'Warnings')}: ${ofd.warnings.length === 0 ? L('无', 'none') : ofd.warnings.length}`);
    for (const w of ofd.warnings)
      out(`  ! ${w.code}${w.part ? ` (${w.part})` : ''}: ${localize(w.message, io.lang)}`);
    return EXIT.OK;
  },
};

/** Every `gbkit ofd …` command. */
export const ofdCommands: Command[] = [ofdInspectCommand];
