/**
 * `@gbkit/cli`: the `gbkit` command. Programmatic entry: {@link runCli}.
 * @packageDocumentation
 */
export { runCli, processIO } from './main.js';
export type { Command, CommandIO } from './command.js';
export { EXIT, UsageError } from './command.js';
export { commands } from './commands/index.js';
export { demoSteps, type DemoStep } from './demo/index.js';
