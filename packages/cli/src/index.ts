/**
 * `@gbkit/cli`: the `gbkit` command. Programmatic entry: {@link runCli}.
 * @packageDocumentation
 */

export type { Command, CommandIO } from './command.js';
export { EXIT, UsageError } from './command.js';
export { commands } from './commands/index.js';
export { type DemoStep, demoSteps } from './demo/index.js';
export { processIO, runCli } from './main.js';
