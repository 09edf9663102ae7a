/**
 * Every `gbkit` sub-command. Each area keeps its commands in its own module and adds one line here.
 * @module
 */
import type { Command } from '../command.js';
import { certCommands } from './cert.js';
import { codeCommands } from './code.js';
import { demoCommand } from './demo.js';
import { guideCommands } from './guide.js';
import { licenseCommands } from './license.js';
import { ofdCommands } from './ofd.js';
import { sealCommands } from './seal.js';
import { smCommands } from './sm.js';
import { tokenCommands } from './token.js';

export const commands: Command[] = [
  demoCommand,
  ...sealCommands,
  ...codeCommands,
  ...ofdCommands,
  ...guideCommands,
  ...smCommands,
  ...certCommands,
  ...tokenCommands,
  ...licenseCommands,
];
