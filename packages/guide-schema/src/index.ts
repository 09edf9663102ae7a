/**
 * `@gbkit/guide-schema`: the service-item and service-guide (办事指南) model — zod models and published JSON
 * Schemas for the 基本目录, 实施清单 and 业务办理项, the field table with the national exchange names, GB/T 39046
 * code tables, item codes, validation rules (一次性告知), exchange-row conversion, HTML rendering and
 * CPSV-AP / schema.org exports. Browser-safe.
 *
 * @example
 * ```ts
 * import { parseItemCode, validateGuide } from '@gbkit/guide-schema';
 * parseItemCode('11440100007482575H3440118009000').level; // '3'
 * validateGuide({}).ok; // false, with every missing element listed
 * ```
 *
 * @packageDocumentation
 */
export * from './anchors.js';
export * from './code-tables.js';
export * from './exchange.js';
export * from './fields.js';
export * from './item-code.js';
export * from './json-schema.js';
export * from './model.js';
export * from './profiles.js';
export * from './render.js';
export * from './rules.js';
export * from './time-limit.js';
