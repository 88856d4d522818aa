import type { SimEvent } from '../sim/index.js';

/**
 * The events the view folds, draws and streams: the engine's catalogue (src/sim/events.ts), already checked against
 * its schemas on the server. Only the types come over, so the page bundle carries no schema code.
 */
export type VizEvent = SimEvent;
