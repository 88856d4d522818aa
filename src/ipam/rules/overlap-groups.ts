import { prefixFirst4, prefixLast4, makePrefix4 } from '../prefix.js';
import type { Prefix4 } from '../prefix.js';
import type { Prefix4Entry } from './plan-index.js';

/*
 * Prefixes are laminar: two of them are either disjoint or one contains the other. So the overlap graph's connected
 * components come out of one sort and one sweep (n log n), and the entries overlapping one prefix are its ancestors
 * (at most 33 exact lookups) plus the entries starting inside it (a binary-searched range). Neither ever enumerates
 * all pairs, which for 20,000 VNets sharing one prefix would be 200 million.
 */

/**
 * The groups of entries that overlap one another directly or through a chain (the overlap graph's components), each
 * with at least two entries, each in input order, groups ordered by their first entry's input position.
 */
export function groupOverlaps<T extends Prefix4Entry>(entries: readonly T[]): T[][] {
  const order = entries.map((_, i) => i);
  order.sort((a, b) => firstOf(entries, a) - firstOf(entries, b));
  const groups: number[][] = [];
  let current: number[] = [];
  let reach = -1;
  for (const i of order) {
    const entry = entries[i] as T;
    if (prefixFirst4(entry.prefix) > reach && current.length > 0) {
      if (current.length > 1) groups.push(current);
      current = [];
    }
    current.push(i);
    reach = Math.max(reach, prefixLast4(entry.prefix));
  }
  if (current.length > 1) groups.push(current);
  return groups
    .map((group) => group.sort((a, b) => a - b))
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))
    .map((group) => group.map((i) => entries[i] as T));
}

function firstOf(entries: readonly Prefix4Entry[], i: number): number {
  return prefixFirst4((entries[i] as Prefix4Entry).prefix);
}

/** Answers "which entries overlap this prefix?" in time proportional to the answer (plus a log and 33 lookups). */
export class OverlapLookup<T extends Prefix4Entry> {
  private readonly byBlock = new Map<string, T[]>();
  private readonly sorted: T[];
  private readonly firsts: number[];

  constructor(entries: readonly T[]) {
    for (const entry of entries) {
      const key = blockKey(entry.prefix);
      const list = this.byBlock.get(key) ?? [];
      list.push(entry);
      this.byBlock.set(key, list);
    }
    this.sorted = [...entries].sort((a, b) => prefixFirst4(a.prefix) - prefixFirst4(b.prefix));
    this.firsts = this.sorted.map((entry) => prefixFirst4(entry.prefix));
  }

  /** Every entry that shares an address with `prefix`, each once. */
  overlapping(prefix: Prefix4): T[] {
    const found: T[] = [];
    // entries containing the prefix: the same or a shorter block over its network address
    for (let length = 0; length <= prefix.length; length++) {
      for (const entry of this.byBlock.get(blockKey(makePrefix4(prefix.network, length))) ?? []) found.push(entry);
    }
    // entries strictly inside it: they start within it and are longer
    const first = prefixFirst4(prefix);
    const last = prefixLast4(prefix);
    for (let i = lowerBound(this.firsts, first); i < this.sorted.length && (this.firsts[i] ?? 0) <= last; i++) {
      const entry = this.sorted[i] as T;
      if (entry.prefix.length > prefix.length) found.push(entry);
    }
    return found;
  }
}

function blockKey(prefix: Prefix4): string {
  return `${prefix.network}/${prefix.length}`;
}

function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
