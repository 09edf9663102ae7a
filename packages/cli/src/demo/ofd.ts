/**
 * Demo step for `@gbkit/ofd`: builds a one-page OFD notice (text, a rule, a QR code, custom data, an
 * attachment), writes it atomically, opens it again with the safe reader, shows that a second build
 * gives the same bytes, and appends a part with the append writer while every original entry keeps
 * its stored bytes (what adding a signature needs).
 * @module
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { equalBytes, utf8 } from '@gbkit/core';
import { OfdBuilder, OfdPackage, openOfd } from '@gbkit/ofd';
import type { DemoStep } from './index.js';

function buildNotice(): Uint8Array {
  const b = new OfdBuilder({
    docInfo: {
      title: '关于开展电子证照互认试点的通知',
      author: '示例市政务服务管理局',
      creationDate: '2026-11-30',
      customData: { 文号: '示政服〔2026〕1号', 密级: '公开' },
    },
  });
  b.addPage()
    .text('示例市政务服务管理局', { x: 60, y: 30, size: 7, color: [200, 0, 0] })
    .line(25, 45, 185, 45, { lineWidth: 0.6, stroke: [200, 0, 0] })
    .text('关于开展电子证照互认试点的通知', { x: 45, y: 55, size: 6 })
    .text('各有关单位：\n现就电子证照互认试点工作通知如下。', { x: 25, y: 75, size: 4.2333 })
    .qrCode('https://zwfw.example.gov.cn/verify?doc=2026-1', { x: 160, y: 250, size: 25 });
  b.addAttachment({
    name: '试点名单.xml',
    fileName: 'list.xml',
    data: utf8('<名单><单位>示例市公安局</单位></名单>'),
  });
  return b.build();
}

/** Build, write, read back and append to an OFD document. */
export const ofdDemoStep: DemoStep = {
  title: {
    zh: 'OFD 容器：生成、读取与追加写入（@gbkit/ofd）',
    en: 'OFD container: build, read and append (@gbkit/ofd)',
  },
  async run(io, workDir) {
    const zh = io.lang === 'zh';
    const bytes = buildNotice();
    const file = join(workDir, 'notice.ofd');
    writeFileSync(`${file}.tmp`, bytes);
    renameSync(`${file}.tmp`, file);
    const same = equalBytes(bytes, buildNotice());
    io.out(
      zh
        ? `  生成 ${file}（${bytes.length} 字节）；再次生成字节${same ? '完全相同' : '不同！'}`
        : `  wrote ${file} (${bytes.length} bytes); a second build is ${same ? 'byte-identical' : 'DIFFERENT!'}`,
    );
    const ofd = openOfd(new Uint8Array(readFileSync(file)));
    const info = ofd.docInfo;
    io.out(
      zh
        ? `  读取：标题「${info.title}」，文档标识 ${info.docId}，${ofd.documents[0]?.document?.pages.length} 页，告警 ${ofd.warnings.length} 条`
        : `  read: title "${info.title}", DocID ${info.docId}, ${ofd.documents[0]?.document?.pages.length} page(s), ${ofd.warnings.length} warning(s)`,
    );
    for (const c of info.customDatas) io.out(`    ${c.name} = ${c.value}`);
    const texts = ofd
      .page(0)
      .layers.flatMap((l) => l.objects)
      .filter((o) => o.kind === 'text').length;
    io.out(
      zh
        ? `  第 1 页对象：${texts} 个文字对象，附件 ${ofd.documents[0]?.attachments.map((a) => a.name).join('、')}`
        : `  page 1: ${texts} text objects; attachment ${ofd.documents[0]?.attachments.map((a) => a.name).join(', ')}`,
    );
    const pkg = OfdPackage.open(bytes);
    const next = pkg.withAdded({ '/Doc_0/Signs/Sign_0/Note.txt': utf8('appended later') });
    let kept = 0;
    for (const e of pkg.entries) {
      const n = next.entry(e.path);
      if (
        n &&
        equalBytes(
          next.bytes.subarray(n.localHeaderOffset, n.localRecordEnd),
          pkg.bytes.subarray(e.localHeaderOffset, e.localRecordEnd),
        )
      )
        kept++;
    }
    io.out(
      zh
        ? `  追加写入一个部件：原有 ${pkg.entries.length} 个条目中 ${kept} 个的存储字节保持不变`
        : `  appended one part: ${kept} of ${pkg.entries.length} original entries keep their stored bytes`,
    );
    return same && ofd.warnings.length === 0 && kept === pkg.entries.length;
  },
};
