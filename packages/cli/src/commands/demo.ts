import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localize } from '@gbkit/core';
import { type Command, EXIT, parse } from '../command.js';
import { demoSteps } from '../demo/index.js';

const usage = 'gbkit demo [--keep] [--out DIR]';

/** `gbkit demo`: runs the end-to-end scenario over every package and says what each step showed. */
export const demoCommand: Command = {
  words: ['demo'],
  summary: { zh: '运行端到端演示场景', en: 'run the end-to-end demo scenario' },
  usage,
  async run(args, io) {
    const { values } = parse(args, { keep: { type: 'boolean' }, out: { type: 'string' } }, usage, false);
    const dir = values.out ?? mkdtempSync(join(tmpdir(), 'gbkit-demo-'));
    mkdirSync(dir, { recursive: true });
    let failed = 0;
    io.out(localize({ zh: `gbkit 演示（工作目录 ${dir}）`, en: `gbkit demo (working in ${dir})` }, io.lang));
    for (const [i, step] of demoSteps.entries()) {
      io.out(`\n== ${i + 1}. ${localize(step.title, io.lang)}`);
      try {
        if (!(await step.run(io, dir))) failed++;
      } catch (e) {
        failed++;
        io.err(`!! ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    io.out(
      localize(
        failed === 0
          ? {
              zh: `\n全部 ${demoSteps.length} 个步骤成功。`,
              en: `\nAll ${demoSteps.length} steps succeeded.`,
            }
          : { zh: `\n${failed} 个步骤失败。`, en: `\n${failed} step(s) failed.` },
        io.lang,
      ),
    );
    if (!values.keep && !values.out) rmSync(dir, { recursive: true, force: true });
    return failed === 0 ? EXIT.OK : EXIT.INVALID;
  },
};
