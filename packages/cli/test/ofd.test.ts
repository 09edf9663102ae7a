import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatBytes, utf8 } from '@gbkit/core';
import { OfdBuilder, writeZip } from '@gbkit/ofd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, HAVE_CORPUS } from '../../../test-utils/corpus.js';
import { ofdDemoStep } from '../src/demo/ofd.js';
import { runCli } from '../src/main.js';

const dir = mkdtempSync(join(tmpdir(), 'gbkit-cli-ofd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = async (args: string[], lang: 'zh' | 'en' = 'en') => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), lang, cwd: dir });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

beforeAll(() => {
  const b = new OfdBuilder({ docInfo: { title: '测试文档', author: 'gbkit', customData: { 编号: 'A-1' } } });
  b.addPage().text('你好', { x: 10, y: 10 });
  b.addPage({ width: 297, height: 210 }).text('第二页', { x: 10, y: 10 });
  b.addAttachment({ name: 'a.xml', data: utf8('<a/>') });
  const bytes = b.build();
  writeFileSync(join(dir, 'ours.ofd'), bytes);
  writeFileSync(join(dir, 'prefixed.ofd'), concatBytes(utf8('JUNK'), bytes));
  writeFileSync(join(dir, 'evil.ofd'), writeZip([{ name: '../../etc/passwd', data: utf8('x') }]));
  writeFileSync(join(dir, 'text.txt'), 'not an ofd');
});

describe('gbkit ofd inspect', () => {
  it('prints document info, pages, attachments and "no signatures" (zh default)', async () => {
    const r = await cli(['ofd', 'inspect', 'ours.ofd'], 'zh');
    expect(r.code).toBe(0);
    expect(r.out).toContain('标题: 测试文档');
    expect(r.out).toContain('自定义数据: 编号 = A-1');
    expect(r.out).toContain('页数: 2');
    expect(r.out).toContain('297×210 mm');
    expect(r.out).toContain('签名：无');
    expect(r.out).toContain('告警: 无');
  });

  it('--json gives the model; bytes before the zip are reported as a warning with the offset', async () => {
    const r = await cli(['ofd', 'inspect', 'prefixed.ofd', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.bytesBeforeZip).toBe(4);
    expect(j.documents[0].docInfo.title).toBe('测试文档');
    expect(j.documents[0].pages.map((p: { width: number }) => p.width)).toEqual([210, 297]);
    expect(j.documents[0].attachments[0].name).toBe('a.xml');
    expect(j.warnings).toEqual([expect.objectContaining({ code: 'OFD_ZIP_PREFIX', details: { offset: 4 } })]);
  });

  it('--strict turns tolerated deviations into errors (exit 3)', async () => {
    const r = await cli(['ofd', 'inspect', 'prefixed.ofd', '--strict']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('ERR_OFD_ZIP_PREFIX');
  });

  it('unsafe or unreadable input: exit 3 with the error code', async () => {
    expect((await cli(['ofd', 'inspect', 'evil.ofd'])).err).toContain('ERR_OFD_ZIP_PATH_TRAVERSAL');
    const t = await cli(['ofd', 'inspect', 'text.txt']);
    expect(t.code).toBe(3);
    expect(t.err).toContain('ERR_OFD_ZIP_NO_EOCD');
    expect((await cli(['ofd', 'inspect', 'missing.ofd'])).code).toBe(3);
    expect((await cli(['ofd', 'inspect'])).code).toBe(3);
  });

  (HAVE_CORPUS ? it : it.skip)(
    'a real sealed invoice: signature, references, stamp and signed value',
    async () => {
      const r = await cli(['ofd', 'inspect', corpusPath('e-seal', '1.ofd')]);
      expect(r.code).toBe(0);
      expect(r.out).toContain('Signature 2 [Seal, defaulted] /Doc_0/Signs/Sign_0/Signature.xml');
      expect(r.out).toContain('References: 13 (1.2.156.10197.1.401)');
      expect(r.out).toContain('Stamp: page 1 @ 90,8 30×20 mm');
      expect(r.out).toContain('Signed value: /Doc_0/Signs/Sign_0/SignedValue.dat');
      const j = JSON.parse(
        (await cli(['ofd', 'inspect', corpusPath('e-seal', 'keyword.ofd'), '--json'])).out,
      );
      expect(j.documents[0].signatures.map((s: { id: string; type: string }) => [s.id, s.type])).toEqual([
        ['2', 'Seal'],
        ['4', 'Sign'],
      ]);
      expect(j.warnings.map((w: { code: string }) => w.code)).toContain('OFD_XML_NAMESPACE');
    },
  );
});

describe('demo step', () => {
  it('builds, reads back and appends', async () => {
    const out: string[] = [];
    const ok = await ofdDemoStep.run(
      { out: (s) => out.push(s), err: (s) => out.push(s), lang: 'en', cwd: dir },
      dir,
    );
    expect(out.join('\n')).toContain('byte-identical');
    expect(ok).toBe(true);
  });
});
