import {
  applyEvent, countEventsThroughSeq, createWorld, eventLogWindow, LiveTopology, replayEvents, toTopologyIndex, type EventLog,
} from '../sim/index.js';
import type { TopologyIndex } from '../topology/index.js';

/** A moment of the log as the page names it: the last event shown (0 before any) and its simulated time. */
export interface Moment {
  atSeq: number;
  atMs: number;
}

/** The topology index as it stood at a moment, with that moment and how many events it took. */
export interface IndexedMoment extends Moment {
  index: TopologyIndex;
  /** Events of the log visible at the moment (a prefix of the log). */
  count: number;
}

/** Finds the world's topology at any moment of its log. */
export interface MomentIndexer {
  /**
   * The index after event `atSeq` (the newest event when absent). Shared with later calls and changed in place by
   * them: use it before asking again.
   */
  indexAt(atSeq: number | undefined): IndexedMoment;
  /** An index of its own at `atSeq`, which no later call touches (a diff holds two moments at once). */
  ownIndexAt(atSeq: number | undefined): IndexedMoment;
}

/** A world folded up to some event, with the topology that follows it. */
interface FoldedWorld {
  readonly world: ReturnType<typeof createWorld>;
  readonly live: LiveTopology;
  folded: number;
}

/**
 * Folds the log for the page's questions about a moment. The live end follows the log in place (LiveTopology); an
 * earlier moment is folded from the start once and kept until the page asks about an even earlier one, so scrubbing
 * forward through the past, or asking several questions about one moment, folds each event once.
 */
export function createMomentIndexer(readEvents: () => EventLog): MomentIndexer {
  const newFold = (): FoldedWorld => {
    const world = createWorld();
    return { world, live: new LiveTopology(world), folded: 0 };
  };
  // Both live worlds only append to their log, so the live end is folded forward from the last question.
  const liveEnd = newFold();
  let past: FoldedWorld | undefined;
  const foldTo = (target: FoldedWorld, events: EventLog, count: number): TopologyIndex => {
    for (; target.folded < count; target.folded++) applyEvent(target.world, events.at(target.folded)!);
    return target.live.indexAt(count === events.length ? events : eventLogWindow(events, 0, count));
  };
  const momentOf = (events: EventLog, count: number): Moment => {
    const last = count === 0 ? undefined : events.at(count - 1);
    return { atSeq: last?.seq ?? 0, atMs: last?.time ?? 0 };
  };
  return {
    indexAt(atSeq) {
      const events = readEvents();
      const count = atSeq === undefined ? events.length : countEventsThroughSeq(events, atSeq);
      if (count === events.length || count >= liveEnd.folded) return { index: foldTo(liveEnd, events, count), count, ...momentOf(events, count) };
      if (past === undefined || past.folded > count) past = newFold();
      return { index: foldTo(past, events, count), count, ...momentOf(events, count) };
    },
    ownIndexAt(atSeq) {
      const events = readEvents();
      const count = atSeq === undefined ? events.length : countEventsThroughSeq(events, atSeq);
      const index = toTopologyIndex(replayEvents(eventLogWindow(events, 0, count)));
      return { index, count, ...momentOf(events, count) };
    },
  };
}
