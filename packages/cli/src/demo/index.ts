/**
 * The steps of `gbkit demo`: the end-to-end scenario, one step per package area, in order. Each area
 * adds its step module here; a step prints what it did and returns whether it succeeded.
 * @module
 */
import type { CommandIO } from '../command.js';
import { codesDemoStep } from './codes.js';
import { cryptoDemoStep } from './crypto.js';
import { eLicenseDemoStep } from './e-license.js';
import { eSealDemoStep } from './e-seal.js';
import { eSealPdfDemoStep } from './e-seal-pdf.js';
import { guideDemoStep } from './guide.js';
import { identityDemoStep } from './identity.js';
import { ofdDemoStep } from './ofd.js';

/** One step of the demo scenario. */
export interface DemoStep {
  readonly title: { zh: string; en: string };
  /** Runs the step in `workDir` (a fresh temporary folder), printing through `io`. */
  run(io: CommandIO, workDir: string): Promise<boolean>;
}

export const demoSteps: DemoStep[] = [
  codesDemoStep,
  cryptoDemoStep,
  ofdDemoStep,
  eSealDemoStep,
  eSealPdfDemoStep,
  eLicenseDemoStep,
  guideDemoStep,
  identityDemoStep,
];
