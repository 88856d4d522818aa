import type { VizEvent } from './event-fields.js';
import { applyEvents, type View } from './view-model.js';

/** Events between kept views: seeking folds at most this many events from the nearest checkpoint. */
export const CHECKPOINT_INTERVAL_EVENTS = 256;

/**
 * The page's time machine: a base view, every event after it, and immutable views kept every
 * CHECKPOINT_INTERVAL_EVENTS so stepping back or scrubbing rebuilds a moment without replaying from zero.
 */
export class ViewHistory {
  private base: View;
  private log: VizEvent[] = [];
  private checkpoints: View[] = [];
  private latestView: View;
  private eventsSinceCheckpoint = 0;

  /** Starts the history at `base` (the `hello` snapshot, or the empty world). */
  constructor(base: View) {
    this.base = base;
    this.latestView = base;
    this.checkpoints = [base];
  }

  /** Seq of the base view: the earliest moment the history can show. */
  get firstSeq(): number {
    return this.base.seq;
  }

  /** Seq of the newest event held. */
  get lastSeq(): number {
    return this.latestView.seq;
  }

  /** Every event after the base, oldest first. */
  get events(): readonly VizEvent[] {
    return this.log;
  }

  /** The view after the newest event. */
  get latest(): View {
    return this.latestView;
  }

  /** Appends a batch, dropping events already held (a resumed stream never applies an event twice); returns how many were new. */
  append(batch: readonly VizEvent[]): number {
    const fresh = batch.filter((event, i) => event.seq > this.latestView.seq && (i === 0 || event.seq > batch[i - 1]!.seq));
    if (fresh.length === 0) return 0;
    this.log.push(...fresh);
    this.latestView = applyEvents(this.latestView, fresh);
    this.eventsSinceCheckpoint += fresh.length;
    if (this.eventsSinceCheckpoint >= CHECKPOINT_INTERVAL_EVENTS) {
      this.checkpoints.push(this.latestView);
      this.eventsSinceCheckpoint = 0;
    }
    return fresh.length;
  }

  /** Forgets everything and restarts from a fresh snapshot (a slow client switched to the current state). */
  reset(base: View): void {
    this.base = base;
    this.latestView = base;
    this.log = [];
    this.checkpoints = [base];
    this.eventsSinceCheckpoint = 0;
  }

  /** The view right after event `seq`, clamped to the held range. */
  viewAt(seq: number): View {
    if (seq >= this.latestView.seq) return this.latestView;
    if (seq <= this.base.seq) return this.base;
    const checkpoint = this.checkpoints[upperBound(this.checkpoints, seq, (v) => v.seq) - 1] ?? this.base;
    const from = upperBound(this.log, checkpoint.seq, (e) => e.seq);
    const to = upperBound(this.log, seq, (e) => e.seq);
    return applyEvents(checkpoint, this.log.slice(from, to));
  }

  /** Seq of the event just before `seq` (the step-back target), or the base seq. */
  previousSeq(seq: number): number {
    const index = upperBound(this.log, seq - 1, (e) => e.seq) - 1;
    return index >= 0 ? this.log[index]!.seq : this.base.seq;
  }

  /** Seq of the event just after `seq` (the step-forward target), or `undefined` at the end of the log. */
  nextSeq(seq: number): number | undefined {
    return this.log[upperBound(this.log, seq, (e) => e.seq)]?.seq;
  }
}

/** Index of the first item whose key is greater than `key` (items sorted by key). */
export function upperBound<T>(items: readonly T[], key: number, keyOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(items[mid]!) <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
