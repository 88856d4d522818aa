import type { ExpectationKind } from './expectation-kind.js';
import * as kinds from './kinds.js';

/**
 * Every registered expectation kind, sorted by export name. Node lists a module namespace in code-unit order of its
 * export names but a test runner's transform may keep written order; sorting here makes the JSON Schema and the
 * error texts the same everywhere, whatever order kinds.ts lists its exports in.
 */
export const EXPECTATION_KINDS: readonly ExpectationKind[] = Object.entries(kinds)
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([, kind]) => kind);
