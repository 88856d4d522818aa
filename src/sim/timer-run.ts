import type { TimerCallback } from './timer-heap.js';

/**
 * The timers scheduled since the clock last looked at its queue, in scheduling order: their orders are consecutive
 * from {@link TimerBatch.firstOrder}, so a stable sort by deadline puts them in (deadline, order) order.
 */
export class TimerBatch {
  /** Deadline of each timer, by position. */
  deadlines = new Float64Array(64);
  /** Callback of each timer (null once cancelled), by position. */
  readonly callbacks: (TimerCallback | undefined)[] = [];
  /** Argument of each timer, by position. */
  readonly args: unknown[] = [];
  /** Timers held. */
  size = 0;
  /** The order of the timer at position 0; position p's is this plus p. */
  firstOrder = 0;

  /** Appends a timer; `order` is one more than the last one's. */
  add(deadline: number, order: number, callback: TimerCallback, argument: unknown): void {
    const position = this.size++;
    if (position === 0) this.firstOrder = order;
    if (position === this.deadlines.length) {
      const deadlines = new Float64Array(2 * position);
      deadlines.set(this.deadlines);
      this.deadlines = deadlines;
    }
    this.deadlines[position] = deadline;
    this.callbacks[position] = callback;
    this.args[position] = argument;
  }

  /** Empties the batch, letting go of its callbacks' arguments (the arrays keep their room for the next burst). */
  clear(): void {
    for (let position = 0; position < this.size; position++) {
      this.callbacks[position] = undefined;
      this.args[position] = undefined;
    }
    this.size = 0;
  }
}

/**
 * Timers in firing order, (deadline, order), read from the front: what a burst of timers scheduled at one instant
 * (204,800 VMs' boots at full scale) becomes, sorted once, instead of each pushed into and popped out of the heap
 * at ~0.6 µs a pop (cache misses across a 200k-slot heap). Reading the front is a walk along flat arrays.
 */
export class TimerRun {
  /** Deadline and order of position `p` at `2p` and `2p + 1`. */
  keys: Float64Array = new Float64Array(0);
  /** Callback of each position (null once cancelled). */
  callbacks: (TimerCallback | undefined)[] = [];
  /** Argument of each position. */
  args: unknown[] = [];
  /** Position of the earliest timer left. */
  head = 0;
  /** One past the last position. */
  end = 0;

  /** Timers left, cancelled ones included. */
  get size(): number {
    return this.end - this.head;
  }

  /** Drops the earliest timer (the run is not empty), letting go of its callback and argument. */
  removeHead(): void {
    this.callbacks[this.head] = undefined;
    this.args[this.head] = undefined;
    if (++this.head === this.end) this.reset([], [], new Float64Array(0), 0);
  }

  /**
   * Merges a batch into the run: the batch sorted by deadline (stably, so by order within a deadline), then the two
   * merged by (deadline, order), a batch timer after a run timer of the same deadline (every run timer is older).
   */
  absorb(batch: TimerBatch): void {
    const { deadlines } = batch;
    const sorted = sortedPositions(deadlines, batch.size);
    const count = this.size + batch.size;
    const keys = new Float64Array(2 * count);
    const callbacks: (TimerCallback | undefined)[] = [];
    const args: unknown[] = [];
    let from = this.head;
    let next = 0;
    for (let out = 0; out < count; out++) {
      const position = next < sorted.length ? sorted[next]! : -1;
      if (from < this.end && (position < 0 || this.keys[2 * from]! <= deadlines[position]!)) {
        keys[2 * out] = this.keys[2 * from]!;
        keys[2 * out + 1] = this.keys[2 * from + 1]!;
        callbacks.push(this.callbacks[from]);
        args.push(this.args[from]);
        from++;
      } else {
        keys[2 * out] = deadlines[position]!;
        keys[2 * out + 1] = batch.firstOrder + position;
        callbacks.push(batch.callbacks[position]);
        args.push(batch.args[position]);
        next++;
      }
    }
    this.reset(callbacks, args, keys, count);
  }

  private reset(callbacks: (TimerCallback | undefined)[], args: unknown[], keys: Float64Array, end: number): void {
    this.callbacks = callbacks;
    this.args = args;
    this.keys = keys;
    this.head = 0;
    this.end = end;
  }
}

/** Digits of the radix sort: 11 bits, so a count array of 2,048 stays in the first-level cache. */
const RADIX = 2048;

/**
 * The positions 0…count−1 of `deadlines` sorted by deadline, positions of equal deadlines in increasing order (a
 * stable sort). Whole-millisecond deadlines (the engine's are) take a least-significant-digit radix sort, two passes
 * for a burst spread over an hour; any other take a comparison sort.
 */
export function sortedPositions(deadlines: Float64Array, count: number): Uint32Array {
  let min = Infinity;
  let max = -Infinity;
  let isWhole = true;
  for (let position = 0; position < count; position++) {
    const deadline = deadlines[position]!;
    if (deadline < min) min = deadline;
    if (deadline > max) max = deadline;
    if (!Number.isSafeInteger(deadline)) isWhole = false;
  }
  if (!isWhole) return Uint32Array.from(Array.from({ length: count }, (_, k) => k).sort((a, b) => deadlines[a]! - deadlines[b]! || a - b));
  let from = new Uint32Array(count);
  for (let position = 0; position < count; position++) from[position] = position;
  let to = new Uint32Array(count);
  const starts = new Uint32Array(RADIX);
  const range = max - min;
  // Each pass is stable (positions of one digit keep their order), so after the last the positions sort by deadline,
  // then by position: the first pass sees them in increasing order.
  for (let divisor = 1; range >= divisor; divisor *= RADIX) {
    starts.fill(0);
    for (let position = 0; position < count; position++) starts[digitOf(deadlines[position]!, min, divisor)]!++;
    let start = 0;
    for (let digit = 0; digit < RADIX; digit++) {
      const digitCount = starts[digit]!;
      starts[digit] = start;
      start += digitCount;
    }
    for (let k = 0; k < count; k++) {
      const position = from[k]!;
      to[starts[digitOf(deadlines[position]!, min, divisor)]!++] = position;
    }
    [from, to] = [to, from];
  }
  return from;
}

function digitOf(deadline: number, min: number, divisor: number): number {
  return Math.floor((deadline - min) / divisor) % RADIX;
}
