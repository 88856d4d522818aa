/**
 * Handle of a scheduled timer, for clearTimeout. The handle is the timer itself: cancelling marks it, so the clock
 * keeps no id → timer map (a 200k-VM run has as many follow-ups pending at once).
 */
export interface TimerId {
  readonly deadlineMs: number;
}

// A setTimeout timer: its callback, null once it fired or was cancelled (the heap drops such timers lazily).
interface Timer extends TimerId {
  callback: (() => void) | null;
}

/** What the heap runs for a setTimeout timer: its callback, cleared first so cancelling a fired timer does nothing. */
function fireTimer(timer: Timer): void {
  const callback = timer.callback!;
  timer.callback = null;
  callback();
}

// Timers the heap holds before its key array first grows (it doubles when full).
const INITIAL_CAPACITY = 64;

/** Children per heap node: a 4-ary heap is half as deep as a binary one, and a node's children share a cache line or two. */
const ARITY = 4;

/**
 * The one simulated clock. It implements XState's `Clock` interface (`setTimeout`/`clearTimeout`), so actors created
 * with `createActor(machine, { clock })` run on simulated time. Unlike XState's `SimulatedClock`, advancing fires
 * timers one deadline at a time, so a timer scheduled by another timer's callback still fires inside the same jump
 * (a rekey chain across a jump of hours fires every rekey, at its own time).
 */
export class SimClock {
  private nowMs = 0;
  private nextOrder = 1;
  private pending = 0;
  // Min-heap on (deadline, order): equal deadlines fire in scheduling order, which keeps runs deterministic. A 200k-VM
  // run has 200k follow-ups pending at once, so the heap is kept as flat arrays, not one object per timer: a slot's
  // deadline and order sit side by side in `keys` (one comparison reads one cache line), and it runs
  // `callbacks[slot](args[slot])`; a callback of null marks a slot cancelled by clearScheduled.
  private keys = new Float64Array(2 * INITIAL_CAPACITY);
  private readonly callbacks: (((argument: never) => void) | null | undefined)[] = [];
  private readonly args: unknown[] = [];
  private size = 0;

  /** Current simulated time in milliseconds since the scenario started. */
  now(): number {
    return this.nowMs;
  }

  /** Number of timers still waiting to fire. */
  get pendingCount(): number {
    return this.pending;
  }

  /** Schedules `callback` to run `delayMs` after now (negative delays run at now); the handle cancels it. */
  setTimeout(callback: () => void, delayMs: number): TimerId {
    const timer: Timer = { deadlineMs: this.nowMs + Math.max(0, delayMs), callback };
    this.push(timer.deadlineMs, fireTimer, timer);
    return timer;
  }

  /**
   * Schedules `callback(argument)` to run `delayMs` after now, like {@link setTimeout} but with no handle (only
   * {@link clearScheduled} cancels it): one shared callback with an argument per timer, and no object per timer, when
   * hundreds of thousands are scheduled.
   */
  schedule<A>(callback: (argument: A) => void, argument: A, delayMs: number): void {
    this.push(this.nowMs + Math.max(0, delayMs), callback, argument);
  }

  /** Cancels a timer; cancelling an unknown or fired timer does nothing. */
  clearTimeout(id: TimerId): void {
    // XState's Clock interface types ids as `any`: anything that is not a pending timer of this clock is ignored.
    const timer = id as Timer | undefined;
    if (typeof timer !== 'object' || timer === null || typeof timer.callback !== 'function') return;
    timer.callback = null;
    this.pending--;
  }

  /** Cancels every pending timer that would call `callback` (an owner's timers, when it stops). */
  clearScheduled<A>(callback: (argument: A) => void): void {
    for (let slot = 0; slot < this.size; slot++) {
      const runs = this.callbacks[slot];
      if (runs === fireTimer) {
        const timer = this.args[slot] as Timer;
        if (timer.callback === (callback as unknown)) this.clearTimeout(timer);
      } else if (runs === (callback as unknown)) {
        this.callbacks[slot] = null;
        this.pending--;
      }
    }
  }

  /** Deadline of the earliest pending timer, if any. */
  nextDeadline(): number | undefined {
    this.dropCancelledHead();
    return this.size > 0 ? this.keys[0] : undefined;
  }

  /**
   * Advances to `targetMs`, firing every timer due by then in deadline order, including timers they schedule. Before
   * each timer it asks `mayFire` (default: always): when that says no, the clock stays at the last timer fired and
   * this returns false, so a caller can bound the work one jump does (timers that keep re-arming never end a jump).
   */
  advanceTo(targetMs: number, mayFire: () => boolean = () => true): boolean {
    if (targetMs < this.nowMs) throw new RangeError(`clock cannot go back from ${this.nowMs} ms to ${targetMs} ms`);
    for (;;) {
      const next = this.nextDeadline();
      if (next === undefined || next > targetMs) break;
      if (!mayFire()) return false;
      const callback = this.callbacks[0] as (argument: unknown) => void;
      const argument = this.args[0];
      this.pop();
      this.pending--;
      this.nowMs = next;
      callback(argument);
    }
    this.nowMs = targetMs;
    return true;
  }

  /** Advances by `deltaMs`; see {@link advanceTo}. */
  advanceBy(deltaMs: number): void {
    this.advanceTo(this.nowMs + deltaMs);
  }

  private dropCancelledHead(): void {
    while (this.size > 0 && this.isCancelled(0)) this.pop();
  }

  private isCancelled(slot: number): boolean {
    const runs = this.callbacks[slot];
    return runs === null || (runs === fireTimer && (this.args[slot] as Timer).callback === null);
  }

  // Sift with a hole: the moving timer is written once, where it lands.
  private push(deadline: number, callback: (argument: never) => void, argument: unknown): void {
    if (2 * this.size === this.keys.length) this.grow();
    const { keys } = this;
    const order = this.nextOrder++;
    this.pending++;
    let slot = this.size++;
    while (slot > 0) {
      const parent = (slot - 1) >> 2;
      if (!isEarlier(deadline, order, keys[2 * parent]!, keys[2 * parent + 1]!)) break;
      this.move(parent, slot);
      slot = parent;
    }
    this.place(slot, deadline, order, callback, argument);
  }

  // Removes the head: the last timer sifts down from the root through the earliest child of each node.
  private pop(): void {
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

  private place(slot: number, deadline: number, order: number, callback: ((argument: never) => void) | null | undefined, argument: unknown): void {
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

function isEarlier(deadlineA: number, orderA: number, deadlineB: number, orderB: number): boolean {
  return deadlineA < deadlineB || (deadlineA === deadlineB && orderA < orderB);
}
