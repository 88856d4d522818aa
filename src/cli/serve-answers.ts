import type { EventLog } from '../sim/index.js';
import type { LiveWorld } from '../viz/index.js';
import { createDiffAnswerer } from './serve-diff.js';
import { createMatrixAnswerer } from './serve-matrix.js';
import { createMomentIndexer } from './serve-moment.js';
import { createReachAnswerer, type ReachWorldLabel } from './serve-reach.js';

/** The questions a page asks about its world: reach, diff and matrix, over one fold of the log shared by all three. */
export type WorldAnswerers = Required<Pick<LiveWorld, 'reach' | 'diff' | 'matrix'>>;

/** Wires the topology engine behind the page's reach, diff and matrix panels for a world whose log `readEvents` reads. */
export function createWorldAnswerers(readEvents: () => EventLog, label: ReachWorldLabel): WorldAnswerers {
  const moments = createMomentIndexer(readEvents);
  return {
    reach: createReachAnswerer(readEvents, label, moments),
    diff: createDiffAnswerer(readEvents, label, moments),
    matrix: createMatrixAnswerer(moments),
  };
}
