/**
 * Handle of a scheduled timer, for clearTimeout. The handle is the timer itself: cancelling marks it, so the clock
 * keeps no id → timer map (a 200k-VM run has as many follow-ups pending at once).
 */
export interface TimerId {
  readonly deadlineMs: number;
}

interface Timer<A = unknown> extends TimerId {
  // Scheduling order, which breaks ties between equal deadlines.
  readonly order: number;
  // null once the timer fired or was cancelled: the heap drops such timers lazily.
  callback: ((argument: A) => void) | null;
  readonly argument: A;
}

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
  // Min-heap on (deadline, order): equal deadlines fire in scheduling order, which keeps runs deterministic.
  private readonly heap: Timer[] = [];

  /** Current simulated time in milliseconds since the scenario started. */
  now(): number {
    return this.nowMs;
  }

  /** Number of timers still waiting to fire. */
  get pendingCount(): number {
    return this.pending;
  }

  /** Schedules `callback` to run `delayMs` after now (negative delays run at now). */
  setTimeout(callback: () => void, delayMs: number): TimerId {
    return this.schedule(callback, undefined, delayMs);
  }

  /**
   * Schedules `callback(argument)` to run `delayMs` after now, like {@link setTimeout}; one shared callback with an
   * argument per timer spares a closure per timer when thousands are scheduled.
   */
  schedule<A>(callback: (argument: A) => void, argument: A, delayMs: number): TimerId {
    const timer: Timer<A> = { deadlineMs: this.nowMs + Math.max(0, delayMs), order: this.nextOrder++, callback, argument };
    this.pending++;
    this.push(timer as Timer);
    return timer;
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
    for (const timer of this.heap) if (timer.callback === (callback as (argument: unknown) => void)) this.clearTimeout(timer);
  }

  /** Deadline of the earliest pending timer, if any. */
  nextDeadline(): number | undefined {
    this.dropCancelledHead();
    return this.heap[0]?.deadlineMs;
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
      const timer = this.pop();
      const callback = timer.callback!;
      timer.callback = null;
      this.pending--;
      this.nowMs = timer.deadlineMs;
      callback(timer.argument);
    }
    this.nowMs = targetMs;
    return true;
  }

  /** Advances by `deltaMs`; see {@link advanceTo}. */
  advanceBy(deltaMs: number): void {
    this.advanceTo(this.nowMs + deltaMs);
  }

  private dropCancelledHead(): void {
    while (this.heap.length > 0 && this.heap[0]!.callback === null) this.pop();
  }

  // Sift with a hole: the moving timer is written once, where it lands.
  private push(timer: Timer): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent]!;
      if (!isEarlier(timer, above)) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = timer;
  }

  private pop(): Timer {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    const size = heap.length;
    if (size === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && isEarlier(heap[right]!, heap[left]!) ? right : left;
      const below = heap[child]!;
      if (!isEarlier(below, last)) break;
      heap[i] = below;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

function isEarlier(a: Timer, b: Timer): boolean {
  return a.deadlineMs < b.deadlineMs || (a.deadlineMs === b.deadlineMs && a.order < b.order);
}
