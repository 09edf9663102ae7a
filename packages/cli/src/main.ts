/**
 * The `gbkit` dispatcher: finds the sub-command by its words, runs it, maps errors to exit codes
 * (0 ok, 1 invalid, 2 indeterminate, 3 usage or unreadable input).
 * @module
 */
import {
  GbkitError,
  getDefaultLocale,
  type Locale,
  localize,
  parseLocale,
  setDefaultLocale,
} from '@gbkit/core';
import { type Command, type CommandIO, EXIT, UsageError } from './command.js';
import { commands } from './commands/index.js';

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  let best: Command | undefined;
  for (const c of commands) {
    if (c.words.every((w, i) => argv[i] === w) && (!best || c.words.length > best.words.length)) best = c;
  }
  return best ? { command: best, rest: argv.slice(best.words.length) } : undefined;
}

function helpText(lang: Locale, prefix: string[] = []): string {
  const list = commands
    .filter((c) => prefix.every((w, i) => c.words[i] === w))
    .map((c) => `  ${c.usage}\n      ${localize(c.summary, lang)}`)
    .join('\n');
  return (
    localize(
      {
        zh: '用法：gbkit <命令> [选项]  （--lang en 输出英文）\n\n命令：',
        en: 'usage: gbkit <command> [options]  (--lang zh|en)\n\ncommands:',
      },
      lang,
    ) +
    '\n' +
    list
  );
}

/** Default IO on the process's streams. */
export function processIO(lang: Locale): CommandIO {
  return {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
    lang,
    cwd: process.cwd(),
  };
}

/**
 * Runs `gbkit` with the given arguments and returns the exit code.
 *
 * @example
 * ```ts
 * import { runCli } from '@gbkit/cli';
 * const code = await runCli(['code', 'check', '91350100M000100Y43']);
 * ```
 */
export async function runCli(argv: string[], io?: Partial<CommandIO>): Promise<number> {
  const args = [...argv];
  let lang: Locale = io?.lang ?? parseLocale(process.env.GBKIT_LANG) ?? getDefaultLocale();
  const li = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (li >= 0) {
    const a = args[li] as string;
    const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[li + 1];
    args.splice(li, a.includes('=') ? 1 : 2);
    const parsed = parseLocale(v);
    if (!parsed) {
      (io?.err ?? ((s: string) => process.stderr.write(s + '\n')))(`--lang takes zh or en, got ${String(v)}`);
      return EXIT.USAGE;
    }
    lang = parsed;
  }
  setDefaultLocale(lang);
  const full: CommandIO = { ...processIO(lang), ...io, lang };
  if (args.length === 0 || args[0] === 'help' || args[0] === '--help' || args[0] === '-h') {
    full.out(helpText(lang, args[0] === 'help' ? args.slice(1) : []));
    return args.length === 0 ? EXIT.USAGE : EXIT.OK;
  }
  const found = findCommand(args);
  if (!found) {
    const near = commands.filter((c) => c.words[0] === args[0]);
    full.err(
      localize(
        { zh: `未知命令：gbkit ${args.join(' ')}`, en: `unknown command: gbkit ${args.join(' ')}` },
        lang,
      ) +
        '\n' +
        (near.length
          ? near.map((c) => `  ${c.usage}`).join('\n')
          : localize(
              { zh: '运行 gbkit help 查看全部命令', en: 'run gbkit help to list the commands' },
              lang,
            )),
    );
    return EXIT.USAGE;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    full.out(`${found.command.usage}\n  ${localize(found.command.summary, lang)}`);
    return EXIT.OK;
  }
  try {
    return await found.command.run(found.rest, full);
  } catch (e) {
    if (e instanceof UsageError) {
      full.err(e.localizedMessage(lang));
      full.err(localize({ zh: '用法：', en: 'usage: ' }, lang) + (e.hint ?? found.command.usage));
      return EXIT.USAGE;
    }
    if (e instanceof GbkitError) {
      full.err(`${e.code}: ${e.localizedMessage(lang)}`);
      return EXIT.USAGE;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && err.code.startsWith('E')) {
      full.err(
        localize({ zh: `无法读取输入：${err.message}`, en: `cannot read input: ${err.message}` }, lang),
      );
      return EXIT.USAGE;
    }
    throw e;
  }
}
