import type { EventLog } from '../sim/index.js';
import type { VizEvent } from './event-fields.js';
import type { DiffReply, MatrixReply } from './panel-protocol.js';
import type { ExpectationMark, ReachReply } from './protocol.js';

/**
 * What the viz server needs from a running scenario: the event log, a way to hear new events, and the simulated
 * clock. `vnetsim serve` adapts the engine (src/sim) and the scenario timeline to it; tests use a scripted world.
 */
export interface LiveWorld {
  /** Every event so far, oldest first, seq strictly increasing. */
  readonly events: EventLog;
  /** Calls `listener` after each new event; returns the unsubscribe function. */
  subscribe(listener: (event: VizEvent) => void): () => void;
  /** Current simulated time in ms. */
  now(): number;
  /** Runs the world forward to `timeMs`, firing everything due on the way. */
  advanceTo(timeMs: number): void;
  /** When something is next due (a timer or a timeline step), `undefined` when nothing is left. */
  nextEventTime(): number | undefined;
  /**
   * Answers "can `from` reach `to`" by graph node id on the world as it stood after event `atSeq` (the newest event
   * when absent), or `undefined` when no topology engine is wired in.
   */
  reach?: ((from: string, to: string, atSeq?: number) => ReachReply) | undefined;
  /** The flows gained and lost from the moment after event `fromSeq` to the one after `toSeq`, as `vnetsim diff` says. */
  diff?: ((fromSeq: number, toSeq: number) => DiffReply) | undefined;
  /** Who reaches whom, class to class, after event `atSeq` (the newest when absent), as `vnetsim matrix` says. */
  matrix?: ((atSeq?: number) => MatrixReply) | undefined;
  /** The scenario's expectations checked so far, in the order checked (absent for a recorded log, which has none). */
  expectations?: (() => readonly ExpectationMark[]) | undefined;
}

/** An event with its simulated time, as a checked recorded log (JSONL) or a test script holds it. */
export type TimedEvent = VizEvent;

/** A world that replays a fixed, time-ordered list of events: for `serve` on a recorded log, tests and benchmarks. */
export function createScriptedWorld(script: readonly TimedEvent[]): LiveWorld {
  const events: VizEvent[] = [];
  const listeners = new Set<(event: VizEvent) => void>();
  let next = 0;
  let nowMs = 0;
  return {
    events,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    now: () => nowMs,
    advanceTo(timeMs) {
      while (next < script.length && script[next]!.time <= timeMs) {
        const event = script[next++]!;
        nowMs = Math.max(nowMs, event.time);
        events.push(event);
        for (const listener of listeners) listener(event);
      }
      nowMs = Math.max(nowMs, timeMs);
    },
    nextEventTime: () => script[next]?.time,
  };
}
