/**
 * `@gbkit/core`: what every gbkit package shares — one error hierarchy with stable codes, messages in
 * 简体中文 and English, one report shape for validators and verifiers, and byte helpers.
 *
 * @packageDocumentation
 */

export * from './bytes.js';
export * from './errors.js';
export * from './locale.js';
export * from './report.js';
