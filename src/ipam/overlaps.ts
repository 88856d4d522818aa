import { compareWords6 } from './address-arith.js';
import type { Prefix } from './prefix.js';
import { containsPrefix } from './prefix-predicates.js';

/** A prefix with the caller's key, as given to findOverlaps. */
export interface KeyedPrefix<K> {
  prefix: Prefix;
  key: K;
}

/**
 * Every pair of overlapping prefixes, each pair once with the earlier item first, ordered by the earlier item's
 * position then the later's. O(n log n + pairs): one sort, then a sweep with a stack.
 */
export function findOverlaps<K>(items: readonly KeyedPrefix<K>[]): Array<[K, K]> {
  const order = sortForSweep(items);
  const pairs: number[] = [];
  // Two prefixes are nested or disjoint, so the prefixes covering the sweep position form a chain: a stack. In
  // (family, first address, shorter length) order, an item overlaps exactly the stacked prefixes that contain it.
  const stack: number[] = [];
  for (let n = 0; n < order.length; n++) {
    const index = order[n] as number;
    const prefix = (items[index] as KeyedPrefix<K>).prefix;
    while (stack.length > 0 && !containsPrefix((items[stack[stack.length - 1] as number] as KeyedPrefix<K>).prefix, prefix)) {
      stack.pop();
    }
    for (const outer of stack) pairs.push(outer < index ? outer : index, outer < index ? index : outer);
    stack.push(index);
  }
  return orderPairs(pairs).map(([i, j]) => [(items[i] as KeyedPrefix<K>).key, (items[j] as KeyedPrefix<K>).key]);
}

/** Item positions sorted by family, first address, then length (containers before what they contain), then position. */
function sortForSweep<K>(items: readonly KeyedPrefix<K>[]): Uint32Array {
  const order = new Uint32Array(items.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((i, j) => {
    const a = (items[i] as KeyedPrefix<K>).prefix;
    const b = (items[j] as KeyedPrefix<K>).prefix;
    if (a.family !== b.family) return a.family - b.family;
    const byAddress = a.family === 4 ? a.network - (b as typeof a).network : compareWords6(a.words, (b as typeof a).words);
    return byAddress || a.length - b.length || i - j;
  });
}

/** Turns a flat list of (earlier, later) positions into pairs sorted by earlier then later position. */
function orderPairs(flat: readonly number[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let n = 0; n < flat.length; n += 2) pairs.push([flat[n] as number, flat[n + 1] as number]);
  return pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}
