import type { ExpectationKind } from './expectation-kind.js';
import * as kinds from './kinds.js';

/** Every registered expectation kind, in the stable (alphabetical) order of kinds.ts's exports. */
export const EXPECTATION_KINDS: readonly ExpectationKind[] = Object.values(kinds);
