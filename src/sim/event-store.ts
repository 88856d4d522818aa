import { EventLayouts, type EventLayout } from './event-layout.js';
import type { EventBody, EventType, SimEvent } from './events.js';

/**
 * An event log as its readers see it: its length, the event at a position, the events in order, a range of them
 * as an array. A plain `readonly SimEvent[]` is one too (a log read from disk, a test's list); the engine's own log
 * is an {@link EventStore}, which builds each event on demand, so a reader that walks the log once never holds it all.
 */
export interface EventLog extends Iterable<SimEvent> {
  /** How many events the log holds. */
  readonly length: number;
  /** The event at `index` (a negative index counts back from the end), or undefined past either end. */
  at(index: number): SimEvent | undefined;
  /** The events from `start` up to (not including) `end`, as a new array; both as Array.prototype.slice reads them. */
  slice(start?: number, end?: number): SimEvent[];
  /** The type of the event at `index` (0 ≤ index < length) without rebuilding it, where the log keeps types apart. */
  typeAt?(index: number): EventType;
  /** The time of the event at `index` (0 ≤ index < length) without rebuilding it, where the log keeps times apart. */
  timeAt?(index: number): number;
}

/** Payload values per chunk of the store's flat run of values: 2^16 (512 KB of references). */
const VALUE_CHUNK_BITS = 16;
const VALUE_CHUNK_SIZE = 1 << VALUE_CHUNK_BITS;
const VALUE_CHUNK_MASK = VALUE_CHUNK_SIZE - 1;

/** Where the values of an event without payload are read from: nowhere, so no chunk need exist. */
const NO_VALUES: readonly unknown[] = [];

/** Events a column grows by at least when it is full. */
const MIN_GROWTH = 1024;

/**
 * The engine's event log kept as columns instead of one object per event (1.7M objects, ~230 MB at full scale, every
 * one promoted out of the young generation): `seq` is implied by the position, `time` sits in a number column, the
 * type and the payload's key order are recorded once per layout (a small integer per event, see event-layout.ts), and
 * the payload's values sit flat in fixed-size chunks, the recorded values themselves (strings and nested arrays shared,
 * not copied). {@link EventStore.at} rebuilds the event with the keys in their recorded order: seq, time, type, then
 * the payload.
 */
export class EventStore implements EventLog {
  private count = 0;
  private times = new Float64Array(MIN_GROWTH);
  private layoutIds = new Uint16Array(MIN_GROWTH);
  // Where each event's values start in the flat run of values; an event's value count is its layout's key count.
  private valueStarts = new Uint32Array(MIN_GROWTH);
  // The flat run of values in chunks of VALUE_CHUNK_SIZE, each allocated at its full size: no array of ~10M entries
  // is copied as it grows (old and new copies both alive) nor left with a third of its capacity unused. An event's
  // values never straddle two chunks (one that does not fit starts the next chunk), so each is read from one array.
  private readonly valueChunks: unknown[][] = [];
  private valueCount = 0;
  private readonly layouts = new EventLayouts();

  /** `firstSeq` is the seq of the first event appended; each later one's is one more. */
  constructor(private readonly firstSeq = 1) {}

  /** How many events the store holds. */
  get length(): number {
    return this.count;
  }

  /**
   * Records one event, `seq` the store's next one, and hands back its layout, whose `build` makes the logged event
   * (keyed seq, time, type, then the payload in the body's order) for a caller that wants it as an object: the engine
   * folds the body itself, so most events are never built until a reader asks.
   */
  append(time: number, body: EventBody): EventLayout {
    const index = this.count;
    if (index === this.times.length) this.grow();
    const layout = this.layouts.of(body);
    const start = this.reserveValues(layout.keys.length);
    layout.copyValues(body, this.valueChunkAt(start), start & VALUE_CHUNK_MASK);
    this.times[index] = time;
    this.layoutIds[index] = layout.id;
    this.valueStarts[index] = start;
    this.count = index + 1;
    return layout;
  }

  /** The event at `index` rebuilt (a new object each call), or undefined past either end; negative counts back. */
  at(index: number): SimEvent | undefined {
    const position = index < 0 ? this.count + index : index;
    if (!Number.isInteger(position) || position < 0 || position >= this.count) return undefined;
    const start = this.valueStarts[position]!;
    const layout = this.layouts.byId(this.layoutIds[position]!);
    return layout.rebuild(this.firstSeq + position, this.times[position]!, this.valueChunkAt(start), start & VALUE_CHUNK_MASK);
  }

  /** The seq of the event at `index` (0 ≤ index < length), without rebuilding it. */
  seqAt(index: number): number {
    return this.firstSeq + index;
  }

  /** The time of the event at `index` (0 ≤ index < length), without rebuilding it. */
  timeAt(index: number): number {
    return this.times[index]!;
  }

  /** The type of the event at `index` (0 ≤ index < length), without rebuilding it. */
  typeAt(index: number): EventType {
    return this.layouts.byId(this.layoutIds[index]!).type;
  }

  /** The events from `start` up to (not including) `end`, rebuilt into a new array, as Array.prototype.slice reads them. */
  slice(start = 0, end = this.count): SimEvent[] {
    const from = clampIndex(start, this.count);
    const to = clampIndex(end, this.count);
    const events: SimEvent[] = [];
    for (let index = from; index < to; index++) events.push(this.at(index)!);
    return events;
  }

  /** Every event in order, each rebuilt as it is reached; events appended during the walk are reached too. */
  *[Symbol.iterator](): Iterator<SimEvent> {
    for (let index = 0; index < this.count; index++) yield this.at(index)!;
  }

  /** The whole log as JSON.stringify writes an array of its events (built all at once: streaming writers walk it instead). */
  toJSON(): SimEvent[] {
    return this.slice();
  }

  // Where `count` more values go: on in the last chunk if they fit there, else from the start of a new one.
  private reserveValues(count: number): number {
    const capacity = this.valueChunks.length * VALUE_CHUNK_SIZE;
    let start = this.valueCount;
    if (start + count > capacity) {
      start = capacity;
      this.valueChunks.push(new Array<unknown>(VALUE_CHUNK_SIZE));
    }
    this.valueCount = start + count;
    return start;
  }

  private valueChunkAt(start: number): unknown[] {
    return this.valueChunks[start >>> VALUE_CHUNK_BITS] ?? (NO_VALUES as unknown[]);
  }

  private grow(): void {
    const capacity = Math.max(MIN_GROWTH, this.times.length * 2);
    this.times = grown(this.times, new Float64Array(capacity));
    this.layoutIds = grown(this.layoutIds, new Uint16Array(capacity));
    this.valueStarts = grown(this.valueStarts, new Uint32Array(capacity));
  }
}

/** `to` with `from`'s contents at its start. */
function grown<T extends Float64Array | Uint32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** A slice bound as Array.prototype.slice reads it: negative counts back from the end, clamped to [0, length]. */
export function clampIndex(bound: number, length: number): number {
  const whole = Math.trunc(bound) || 0;
  return whole < 0 ? Math.max(0, length + whole) : Math.min(whole, length);
}
