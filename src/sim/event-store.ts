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

/** One layout of a logged event: its type and its payload's keys in the order they were recorded. */
interface Shape {
  readonly type: EventType;
  readonly keys: readonly string[];
}

/** The keys every event starts with: seq, time, type. */
const ENVELOPE_KEY_COUNT = 3;

/** Payload values per chunk of the store's flat run of values: 2^16 (512 KB of references). */
const VALUE_CHUNK_BITS = 16;
const VALUE_CHUNK_SIZE = 1 << VALUE_CHUNK_BITS;
const VALUE_CHUNK_MASK = VALUE_CHUNK_SIZE - 1;

/** Events a column grows by at least when it is full. */
const MIN_GROWTH = 1024;

/**
 * The engine's event log kept as columns instead of one object per event (1.7M objects, ~230 MB at full scale, every
 * one promoted out of the young generation): `seq` is implied by the position, `time` sits in a number column, the
 * type and the payload's key order are recorded once per layout (a small integer per event), and the payload's
 * values sit flat in fixed-size chunks, the recorded values themselves (strings and nested arrays shared, not copied).
 * {@link EventStore.at} rebuilds the event with the keys in their recorded order: seq, time, type, then the payload.
 */
export class EventStore implements EventLog {
  private count = 0;
  private times = new Float64Array(MIN_GROWTH);
  private shapeIds = new Uint16Array(MIN_GROWTH);
  // Where each event's values start in the flat run of values; an event's value count is its shape's key count.
  private valueStarts = new Uint32Array(MIN_GROWTH);
  // The flat run of values in chunks of VALUE_CHUNK_SIZE, each allocated at its full size: no array of ~10M entries
  // is copied as it grows (old and new copies both alive) nor left with a third of its capacity unused.
  private readonly valueChunks: unknown[][] = [];
  private valueCount = 0;
  private readonly shapes: Shape[] = [];
  // The layouts seen per type, the most recently recorded first: a type's events nearly always share one.
  private readonly shapesByType = new Map<string, number[]>();

  /** `firstSeq` is the seq of the first event appended; each later one's is one more. */
  constructor(private readonly firstSeq = 1) {}

  /** How many events the store holds. */
  get length(): number {
    return this.count;
  }

  /**
   * Records one event, `seq` the store's next one, and returns it as a new plain object, keyed seq, time, type, then
   * the body's payload keys in the body's order: the object the engine folds and hands to its listeners.
   */
  append(time: number, body: EventBody): SimEvent {
    const index = this.count;
    if (index === this.times.length) this.grow();
    const event: Record<string, unknown> = { seq: this.firstSeq + index, time, type: body.type };
    const start = this.valueCount;
    // The keys are checked against the type's latest layout as they are copied: no key list is built per event.
    const latest = this.shapesByType.get(body.type)?.[0];
    const expected = latest === undefined ? undefined : this.shapes[latest]!.keys;
    let keyCount = 0;
    let isLatest = expected !== undefined;
    for (const key in body) {
      if (key === 'type') continue;
      const value = body[key as keyof EventBody];
      event[key] = value;
      this.pushValue(value);
      if (isLatest && expected![keyCount] !== key) isLatest = false;
      keyCount++;
    }
    this.times[index] = time;
    this.shapeIds[index] = isLatest && keyCount === expected!.length ? latest! : this.shapeIdOf(body.type, Object.keys(event).slice(ENVELOPE_KEY_COUNT));
    this.valueStarts[index] = start;
    this.count = index + 1;
    return event as SimEvent;
  }

  /** The event at `index` rebuilt (a new object each call), or undefined past either end; negative counts back. */
  at(index: number): SimEvent | undefined {
    const position = index < 0 ? this.count + index : index;
    if (!Number.isInteger(position) || position < 0 || position >= this.count) return undefined;
    const shape = this.shapes[this.shapeIds[position]!]!;
    const event: Record<string, unknown> = { seq: this.firstSeq + position, time: this.times[position], type: shape.type };
    const start = this.valueStarts[position]!;
    const { keys } = shape;
    for (let k = 0; k < keys.length; k++) {
      const at = start + k;
      event[keys[k]!] = this.valueChunks[at >>> VALUE_CHUNK_BITS]![at & VALUE_CHUNK_MASK];
    }
    return event as SimEvent;
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
    return this.shapes[this.shapeIds[index]!]!.type;
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

  private pushValue(value: unknown): void {
    const at = this.valueCount++;
    const offset = at & VALUE_CHUNK_MASK;
    if (offset === 0) this.valueChunks.push(new Array<unknown>(VALUE_CHUNK_SIZE));
    this.valueChunks[at >>> VALUE_CHUNK_BITS]![offset] = value;
  }

  private shapeIdOf(type: EventType, keys: readonly string[]): number {
    let ids = this.shapesByType.get(type);
    if (ids === undefined) {
      ids = [];
      this.shapesByType.set(type, ids);
    }
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (!hasKeys(this.shapes[id]!, keys)) continue;
      if (i > 0) ids.copyWithin(1, 0, i)[0] = id;
      return id;
    }
    const id = this.shapes.length;
    if (id > 0xffff) throw new Error('the event store holds more event layouts than it can number (65,536)');
    this.shapes.push({ type, keys });
    ids.unshift(id);
    return id;
  }

  private grow(): void {
    const capacity = Math.max(MIN_GROWTH, this.times.length * 2);
    this.times = grown(this.times, new Float64Array(capacity));
    this.shapeIds = grown(this.shapeIds, new Uint16Array(capacity));
    this.valueStarts = grown(this.valueStarts, new Uint32Array(capacity));
  }
}

/** `to` with `from`'s contents at its start. */
function grown<T extends Float64Array | Uint32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** True when `shape` has exactly `keys`, in that order. */
function hasKeys(shape: Shape, keys: readonly string[]): boolean {
  if (shape.keys.length !== keys.length) return false;
  for (let k = 0; k < keys.length; k++) if (shape.keys[k] !== keys[k]) return false;
  return true;
}

/** A slice bound as Array.prototype.slice reads it: negative counts back from the end, clamped to [0, length]. */
export function clampIndex(bound: number, length: number): number {
  const whole = Math.trunc(bound) || 0;
  return whole < 0 ? Math.max(0, length + whole) : Math.min(whole, length);
}

/**
 * The logged event of `body` as a new object keyed seq, time, type, then the payload's keys in the body's order
 * (formatEventLine's fast path and the JSON output rely on that order), for an event no store keeps. Built key by key
 * rather than with a spread after two fixed keys, which V8 cannot clone in one step.
 */
export function withEnvelope(seq: number, time: number, body: EventBody): SimEvent {
  const event: Record<string, unknown> = { seq, time, type: body.type };
  for (const key in body) if (key !== 'type') event[key] = body[key as keyof EventBody];
  return event as SimEvent;
}
