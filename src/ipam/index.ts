export * from './prefix.js';
export * from './prefix-format.js';
export * from './prefix-parse.js';
export * from './prefix-predicates.js';
export * from './prefix-sets.js';
export * from './overlaps.js';
export * from './plan.js';
