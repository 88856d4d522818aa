/** Identifier of a scheduled timer. */
export type TimerId = number;

interface Timer {
  id: TimerId;
  deadlineMs: number;
  callback: () => void;
}

/**
 * The one simulated clock. It implements XState's `Clock` interface (`setTimeout`/`clearTimeout`), so actors created
 * with `createActor(machine, { clock })` run on simulated time. Unlike XState's `SimulatedClock`, advancing fires
 * timers one deadline at a time, so a timer scheduled by another timer's callback still fires inside the same jump
 * (a rekey chain across a jump of hours fires every rekey, at its own time).
 */
export class SimClock {
  private nowMs = 0;
  private nextId = 1;
  // Min-heap on (deadline, id): equal deadlines fire in scheduling order, which keeps runs deterministic.
  private readonly heap: Timer[] = [];
  private readonly live = new Map<TimerId, Timer>();

  /** Current simulated time in milliseconds since the scenario started. */
  now(): number {
    return this.nowMs;
  }

  /** Number of timers still waiting to fire. */
  get pendingCount(): number {
    return this.live.size;
  }

  /** Schedules `callback` to run `delayMs` after now (negative delays run at now). */
  setTimeout(callback: () => void, delayMs: number): TimerId {
    const timer: Timer = { id: this.nextId++, deadlineMs: this.nowMs + Math.max(0, delayMs), callback };
    this.live.set(timer.id, timer);
    this.push(timer);
    return timer.id;
  }

  /** Cancels a timer; cancelling an unknown or fired timer does nothing. */
  clearTimeout(id: TimerId): void {
    this.live.delete(id);
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
      this.live.delete(timer.id);
      this.nowMs = timer.deadlineMs;
      timer.callback();
    }
    this.nowMs = targetMs;
    return true;
  }

  /** Advances by `deltaMs`; see {@link advanceTo}. */
  advanceBy(deltaMs: number): void {
    this.advanceTo(this.nowMs + deltaMs);
  }

  private dropCancelledHead(): void {
    while (this.heap.length > 0 && !this.live.has(this.heap[0]!.id)) this.pop();
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!isEarlier(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): Timer {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && isEarlier(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && isEarlier(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return top;
  }
}

function isEarlier(a: Timer, b: Timer): boolean {
  return a.deadlineMs < b.deadlineMs || (a.deadlineMs === b.deadlineMs && a.id < b.id);
}
