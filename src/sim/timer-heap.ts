/** What a pending timer runs: `callback(argument)`; null marks a timer cancelled where it sits. */
export type TimerCallback = ((argument: never) => void) | null;

// Timers the heap holds before its key array first grows (it doubles when full).
const INITIAL_CAPACITY = 64;

/** Children per heap node: a 4-ary heap is half as deep as a binary one, and a node's children share a cache line or two. */
const ARITY = 4;

/**
 * A min-heap of timers on (deadline, order), kept as flat arrays, not one object per timer: a slot's deadline and
 * order sit side by side in `keys` (one comparison reads one cache line), its callback and argument in their own
 * arrays. The clock keeps here the timers scheduled a few at a time; a burst goes to a sorted run (timer-run.ts).
 */
export class TimerHeap {
  /** Deadline and order of slot `s` at `2s` and `2s + 1`; slot 0 is the earliest. */
  keys = new Float64Array(2 * INITIAL_CAPACITY);
  /** The callback of each slot (null once cancelled where it sits). */
  readonly callbacks: (TimerCallback | undefined)[] = [];
  /** The argument of each slot. */
  readonly args: unknown[] = [];
  /** Timers held, cancelled ones included. */
  size = 0;

  // Sift with a hole: the moving timer is written once, where it lands.
  /** Adds a timer. */
  push(deadline: number, order: number, callback: TimerCallback, argument: unknown): void {
    if (2 * this.size === this.keys.length) this.grow();
    const { keys } = this;
    let slot = this.size++;
    while (slot > 0) {
      const parent = (slot - 1) >> 2;
      if (!isEarlier(deadline, order, keys[2 * parent]!, keys[2 * parent + 1]!)) break;
      this.move(parent, slot);
      slot = parent;
    }
    this.place(slot, deadline, order, callback, argument);
  }

  // The last timer sifts down from the root through the earliest child of each node.
  /** Removes the earliest timer (the heap is not empty). */
  removeHead(): void {
    const { keys, callbacks, args } = this;
    const size = --this.size;
    const deadline = keys[2 * size]!;
    const order = keys[2 * size + 1]!;
    const callback = callbacks[size];
    const argument = args[size];
    callbacks[size] = undefined;
    args[size] = undefined;
    if (size === 0) return;
    let slot = 0;
    for (;;) {
      const first = ARITY * slot + 1;
      if (first >= size) break;
      const end = Math.min(first + ARITY, size);
      let child = first;
      for (let other = first + 1; other < end; other++) {
        if (isEarlier(keys[2 * other]!, keys[2 * other + 1]!, keys[2 * child]!, keys[2 * child + 1]!)) child = other;
      }
      if (!isEarlier(keys[2 * child]!, keys[2 * child + 1]!, deadline, order)) break;
      this.move(child, slot);
      slot = child;
    }
    this.place(slot, deadline, order, callback, argument);
  }

  private move(from: number, to: number): void {
    this.keys[2 * to] = this.keys[2 * from]!;
    this.keys[2 * to + 1] = this.keys[2 * from + 1]!;
    this.callbacks[to] = this.callbacks[from];
    this.args[to] = this.args[from];
  }

  private place(slot: number, deadline: number, order: number, callback: TimerCallback | undefined, argument: unknown): void {
    this.keys[2 * slot] = deadline;
    this.keys[2 * slot + 1] = order;
    this.callbacks[slot] = callback;
    this.args[slot] = argument;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
  }
}

/** True when timer A fires before timer B: an earlier deadline, or the same deadline and an earlier order. */
export function isEarlier(deadlineA: number, orderA: number, deadlineB: number, orderB: number): boolean {
  return deadlineA < deadlineB || (deadlineA === deadlineB && orderA < orderB);
}
