/**
 * The shape of a `gbkit` sub-command and the helpers every command uses: argument parsing that
 * turns mistakes into exit code 3 with a hint of what to type instead.
 * @module
 */
import { parseArgs } from 'node:util';
import { GbkitError, type Locale, type LocalizedText, localize } from '@gbkit/core';

/** Where a command writes, and in which language. Tests pass their own. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  readonly lang: Locale;
  readonly cwd: string;
}

/** A sub-command: `words` are what the user types after `gbkit` (e.g. `['code', 'check']`). */
export interface Command {
  readonly words: readonly string[];
  readonly summary: LocalizedText;
  /** Usage line(s) shown by `gbkit help` and on usage errors. */
  readonly usage: string;
  run(args: string[], io: CommandIO): Promise<number> | number;
}

/** Exit codes shared by every command. */
export const EXIT = { OK: 0, INVALID: 1, INDETERMINATE: 2, USAGE: 3 } as const;

/** A usage mistake: exit 3, with what to type instead. */
export class UsageError extends GbkitError {
  constructor(
    text: LocalizedText,
    readonly hint?: string,
  ) {
    super('ERR_CLI_USAGE', text);
  }
}

/** One option declaration for {@link parse}. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
}

/** The parsed values of a set of {@link OptionSpec}s. */
export type OptionValues<T extends Record<string, OptionSpec>> = {
  [K in keyof T]?: T[K]['type'] extends 'boolean'
    ? T[K]['multiple'] extends true
      ? boolean[]
      : boolean
    : T[K]['multiple'] extends true
      ? string[]
      : string;
};

/** `node:util.parseArgs` with errors turned into {@link UsageError}s naming the usage. */
export function parse<T extends Record<string, OptionSpec>>(
  args: string[],
  options: T,
  usage: string,
  allowPositionals = true,
): { values: OptionValues<T>; positionals: string[] } {
  try {
    const r = parseArgs({ args, options, allowPositionals, strict: true });
    return { values: r.values as OptionValues<T>, positionals: r.positionals };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new UsageError({ zh: `参数错误：${msg}`, en: `bad arguments: ${msg}` }, usage);
  }
}

/** Throws a {@link UsageError} when a required option is missing. */
export function required<V>(value: V | undefined, name: string, usage: string): V {
  if (value === undefined || value === '') {
    throw new UsageError({ zh: `缺少必需的选项 ${name}`, en: `missing required option ${name}` }, usage);
  }
  return value;
}

/** Prints a localized line. */
export function say(io: CommandIO, text: LocalizedText): void {
  io.out(localize(text, io.lang));
}
