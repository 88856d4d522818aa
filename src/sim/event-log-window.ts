import { clampIndex, type EventLog } from './event-store.js';
import type { EventType, SimEvent } from './events.js';

/**
 * A contiguous run of another log's events, read through it: a moment's prefix of the engine's log, or the events
 * between two moments, without rebuilding or copying the events it spans.
 */
class EventLogWindow implements EventLog {
  readonly length: number;

  constructor(private readonly log: EventLog, private readonly start: number, end: number) {
    this.length = Math.max(0, end - start);
  }

  at(index: number): SimEvent | undefined {
    const position = index < 0 ? this.length + index : index;
    return position < 0 || position >= this.length ? undefined : this.log.at(this.start + position);
  }

  slice(start = 0, end = this.length): SimEvent[] {
    const from = clampIndex(start, this.length);
    const to = clampIndex(end, this.length);
    return from >= to ? [] : this.log.slice(this.start + from, this.start + to);
  }

  typeAt(index: number): EventType {
    return eventTypeAt(this.log, this.start + index);
  }

  timeAt(index: number): number {
    return eventTimeAt(this.log, this.start + index);
  }

  *[Symbol.iterator](): Iterator<SimEvent> {
    for (let index = 0; index < this.length; index++) yield this.log.at(this.start + index)!;
  }

  toJSON(): SimEvent[] {
    return this.slice();
  }
}

/** The events of `log` from index `start` up to (not including) `end`, as a log read through `log` (no copy). */
export function eventLogWindow(log: EventLog, start: number, end: number = log.length): EventLog {
  const from = clampIndex(start, log.length);
  return new EventLogWindow(log, from, Math.max(from, clampIndex(end, log.length)));
}

/** The type of the event at `index` (0 ≤ index < length), read without rebuilding the event where the log allows. */
export function eventTypeAt(log: EventLog, index: number): EventType {
  return log.typeAt === undefined ? log.at(index)!.type : log.typeAt(index);
}

/** The time of the event at `index` (0 ≤ index < length), read without rebuilding the event where the log allows. */
export function eventTimeAt(log: EventLog, index: number): number {
  return log.timeAt === undefined ? log.at(index)!.time : log.timeAt(index);
}

/** How many of the log's first events happened before `timeMs` (times never go back, so a binary search). */
export function countEventsBeforeTime(log: EventLog, timeMs: number): number {
  return countWhile(log.length, (index) => eventTimeAt(log, index) < timeMs);
}

/** How many of the log's first events happened at or before `timeMs` (times never go back, so a binary search). */
export function countEventsThroughTime(log: EventLog, timeMs: number): number {
  return countWhile(log.length, (index) => eventTimeAt(log, index) <= timeMs);
}

/** How many of the log's first events have a seq of at most `seq` (seqs only go up, so a binary search). */
export function countEventsThroughSeq(log: EventLog, seq: number): number {
  return countWhile(log.length, (index) => log.at(index)!.seq <= seq);
}

/** The length of the longest prefix of `0 … length-1` whose indexes pass `holds`, a test that fails from some index on. */
function countWhile(length: number, holds: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (holds(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}
