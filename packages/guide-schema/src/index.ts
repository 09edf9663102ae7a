export * from './code-tables.js';
export * from './profiles.js';
export * from './fields.js';
export * from './model.js';
export * from './json-schema.js';
export * from './item-code.js';
export * from './time-limit.js';
export * from './rules.js';
