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
// Timers the heap holds before its key arrays first grow (they double when full).
const INITIAL_CAPACITY = 64;

export class SimClock {
  private nowMs = 0;
  private nextOrder = 1;
  private pending = 0;
  // Min-heap on (deadline, order): equal deadlines fire in scheduling order, which keeps runs deterministic. The keys
  // sit in typed arrays beside the timers, so sifting through 200k pending timers compares contiguous numbers instead
  // of reading a timer object per comparison.
  private deadlines = new Float64Array(INITIAL_CAPACITY);
  private orders = new Float64Array(INITIAL_CAPACITY);
  private readonly heap: (Timer | undefined)[] = [];
  private size = 0;

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
    for (let i = 0; i < this.size; i++) {
      const timer = this.heap[i]!;
      if (timer.callback === (callback as (argument: unknown) => void)) this.clearTimeout(timer);
    }
  }

  /** Deadline of the earliest pending timer, if any. */
  nextDeadline(): number | undefined {
    this.dropCancelledHead();
    return this.size > 0 ? this.deadlines[0] : undefined;
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
    while (this.size > 0 && this.heap[0]!.callback === null) this.pop();
  }

  // Sift with a hole: the moving timer and its keys are written once, where they land.
  private push(timer: Timer): void {
    if (this.size === this.deadlines.length) this.grow();
    const { deadlines, orders, heap } = this;
    const deadline = timer.deadlineMs;
    const order = timer.order;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!isEarlier(deadline, order, deadlines[parent]!, orders[parent]!)) break;
      deadlines[i] = deadlines[parent]!;
      orders[i] = orders[parent]!;
      heap[i] = heap[parent];
      i = parent;
    }
    deadlines[i] = deadline;
    orders[i] = order;
    heap[i] = timer;
  }

  private pop(): Timer {
    const { deadlines, orders, heap } = this;
    const top = heap[0]!;
    const size = --this.size;
    const deadline = deadlines[size]!;
    const order = orders[size]!;
    const last = heap[size];
    heap[size] = undefined;
    if (size === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && isEarlier(deadlines[right]!, orders[right]!, deadlines[left]!, orders[left]!) ? right : left;
      if (!isEarlier(deadlines[child]!, orders[child]!, deadline, order)) break;
      deadlines[i] = deadlines[child]!;
      orders[i] = orders[child]!;
      heap[i] = heap[child];
      i = child;
    }
    deadlines[i] = deadline;
    orders[i] = order;
    heap[i] = last;
    return top;
  }

  private grow(): void {
    const deadlines = new Float64Array(this.deadlines.length * 2);
    deadlines.set(this.deadlines);
    this.deadlines = deadlines;
    const orders = new Float64Array(this.orders.length * 2);
    orders.set(this.orders);
    this.orders = orders;
  }
}

function isEarlier(deadlineA: number, orderA: number, deadlineB: number, orderB: number): boolean {
  return deadlineA < deadlineB || (deadlineA === deadlineB && orderA < orderB);
}
