import { isEarlier, TimerHeap, type TimerCallback } from './timer-heap.js';
import { TimerBatch, TimerRun } from './timer-run.js';

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

/** The fewest timers of one burst sorted into the run rather than pushed one by one into the heap. */
const DEFAULT_MIN_RUN = 1024;

/** A burst joins the run only when it is at least this fraction of it: merging copies the run. */
const RUN_SHARE_DIVISOR = 8;

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
  // Every timer is identified by (deadline, order) and fires in that order; equal deadlines fire in scheduling order,
  // which keeps runs deterministic. A new timer waits in `batch` until the clock next looks at its queue; then a
  // burst (204,800 boots scheduled at one instant at full scale) is sorted once into `run`, and a few timers go into
  // `heap`. The next timer is the earlier of the two heads. Both keep flat arrays, not an object per timer: a slot runs
  // `callback(argument)`, and a callback of null marks a slot cancelled by clearScheduled.
  private readonly batch = new TimerBatch();
  private readonly run = new TimerRun();
  private readonly heap = new TimerHeap();
  private readonly minRun: number;

  /** `minRun`: the fewest timers of a burst sorted into a run (default 1,024); tests lower it to reach both paths. */
  constructor(options: { minRun?: number } = {}) {
    this.minRun = options.minRun ?? DEFAULT_MIN_RUN;
  }

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
    this.add(timer.deadlineMs, fireTimer, timer);
    return timer;
  }

  /**
   * Schedules `callback(argument)` to run `delayMs` after now, like {@link setTimeout} but with no handle (only
   * {@link clearScheduled} cancels it): one shared callback with an argument per timer, and no object per timer, when
   * hundreds of thousands are scheduled.
   */
  schedule<A>(callback: (argument: A) => void, argument: A, delayMs: number): void {
    this.add(this.nowMs + Math.max(0, delayMs), callback, argument);
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
    this.clearIn(this.batch.callbacks, this.batch.args, 0, this.batch.size, callback);
    this.clearIn(this.run.callbacks, this.run.args, this.run.head, this.run.end, callback);
    this.clearIn(this.heap.callbacks, this.heap.args, 0, this.heap.size, callback);
  }

  /** Deadline of the earliest pending timer, if any. */
  nextDeadline(): number | undefined {
    const source = this.nextSource();
    if (source === undefined) return undefined;
    return source === this.run ? this.run.keys[2 * this.run.head] : this.heap.keys[0];
  }

  /**
   * Advances to `targetMs`, firing every timer due by then in deadline order, including timers they schedule. Before
   * each timer it asks `mayFire` (default: always): when that says no, the clock stays at the last timer fired and
   * this returns false, so a caller can bound the work one jump does (timers that keep re-arming never end a jump).
   */
  advanceTo(targetMs: number, mayFire: () => boolean = () => true): boolean {
    if (targetMs < this.nowMs) throw new RangeError(`clock cannot go back from ${this.nowMs} ms to ${targetMs} ms`);
    for (;;) {
      const source = this.nextSource();
      if (source === undefined) break;
      const { run, heap } = this;
      const slot = source === run ? run.head : 0;
      const next = source === run ? run.keys[2 * slot]! : heap.keys[0]!;
      if (next > targetMs) break;
      if (!mayFire()) return false;
      const callback = source.callbacks[slot] as (argument: unknown) => void;
      const argument = source.args[slot];
      source.removeHead();
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

  private add(deadline: number, callback: (argument: never) => void, argument: unknown): void {
    this.batch.add(deadline, this.nextOrder++, callback, argument);
    this.pending++;
  }

  // Where the earliest pending timer is, after filing the batch and dropping cancelled heads; undefined when none is.
  private nextSource(): TimerRun | TimerHeap | undefined {
    if (this.batch.size > 0) this.fileBatch();
    const { run, heap } = this;
    while (run.size > 0 && isCancelled(run.callbacks[run.head], run.args[run.head])) run.removeHead();
    while (heap.size > 0 && isCancelled(heap.callbacks[0], heap.args[0])) heap.removeHead();
    if (run.size === 0) return heap.size === 0 ? undefined : heap;
    if (heap.size === 0) return run;
    const { keys } = run;
    return isEarlier(keys[2 * run.head]!, keys[2 * run.head + 1]!, heap.keys[0]!, heap.keys[1]!) ? run : heap;
  }

  // A burst big enough (and not small beside the run it would be merged into) is sorted into the run; else each
  // timer goes into the heap.
  private fileBatch(): void {
    const { batch } = this;
    if (batch.size >= this.minRun && batch.size * RUN_SHARE_DIVISOR >= this.run.size) this.run.absorb(batch);
    else {
      for (let position = 0; position < batch.size; position++) {
        this.heap.push(batch.deadlines[position]!, batch.firstOrder + position, batch.callbacks[position]!, batch.args[position]);
      }
    }
    batch.clear();
  }

  private clearIn(callbacks: (TimerCallback | undefined)[], args: unknown[], from: number, end: number, callback: (argument: never) => void): void {
    for (let slot = from; slot < end; slot++) {
      const runs = callbacks[slot];
      if (runs === fireTimer) {
        const timer = args[slot] as Timer;
        if (timer.callback === (callback as unknown)) this.clearTimeout(timer);
      } else if (runs === callback) {
        callbacks[slot] = null;
        this.pending--;
      }
    }
  }
}

/** True when a pending slot will not fire: cancelled by clearScheduled, or a setTimeout timer cleared. */
function isCancelled(callback: TimerCallback | undefined, argument: unknown): boolean {
  return callback === null || (callback === fireTimer && (argument as Timer).callback === null);
}
