import { ARITH4 } from './address-arith.js';
import { prefixesToRanges, rangesToPrefixes, subtractRanges } from './interval-set.js';
import { IpamUsageError } from './ipam-usage-error.js';
import { ChurnMap } from './churn-map.js';
import { MinHeap } from './min-heap.js';
import { IPV4_BITS, MASK4, makePrefix4, type Prefix4 } from './prefix.js';

/** How a free block is chosen: the lowest address that fits, or the smallest free block that fits (less fragmentation). */
export type FitStrategy = 'first-fit' | 'best-fit';

/** Options for nextFreePrefixes. */
export interface NextFreeOptions {
  /** How many distinct prefixes to return (default 1); fewer come back when the space runs out. */
  count?: number | undefined;
  /** Default 'first-fit'. */
  strategy?: FitStrategy | undefined;
}

// Free space is held as its maximal aligned free blocks (the minimal CIDR list of the free set), bucketed by prefix
// length. Every aligned free block lies inside exactly one stored block, so a /L fits iff some bucket 0..L is
// non-empty, and the answer is that bucket's lowest block: at most 33 heap peeks per query, whatever the
// fragmentation (a linear scan of a fragmented /8 costs tens of µs; see reference/ipam.md §0.6).

/** Indexed free IPv4 space for repeated next-free queries and allocations inside one address space. */
export class FreeSpaceIndex {
  private readonly buckets: MinHeap[];
  private readonly liveCounts: Int32Array;
  /** Start address → prefix length of each stored free block; stale heap entries are those not matching it. */
  private readonly blockLengthAt: ChurnMap;
  /** Network → length of each prefix taken through allocate/allocatePrefix, the only ones release accepts. */
  private readonly allocatedLengthAt: ChurnMap;
  private freeCount: number;

  /** Indexes `space` minus `used`; overlaps inside either list are fine and `used` outside the space is ignored. */
  constructor(space: readonly Prefix4[], used: readonly Prefix4[] = []) {
    this.buckets = Array.from({ length: IPV4_BITS + 1 }, () => new MinHeap());
    this.liveCounts = new Int32Array(IPV4_BITS + 1);
    this.blockLengthAt = new ChurnMap();
    this.allocatedLengthAt = new ChurnMap();
    this.freeCount = 0;
    const free = subtractRanges(prefixesToRanges(space, ARITH4), prefixesToRanges(used, ARITH4), ARITH4);
    for (const block of rangesToPrefixes(free, ARITH4)) {
      this.addBlock(block.network, block.length);
      this.freeCount += 2 ** (IPV4_BITS - block.length);
    }
  }

  /** Number of free addresses left. */
  get freeAddressCount(): number {
    return this.freeCount;
  }

  /** The prefix `allocate` would return, without taking it. */
  findFree(length: number, strategy: FitStrategy = 'first-fit'): Prefix4 | undefined {
    const start = this.findBlockStart(length, strategy);
    return start === undefined ? undefined : makePrefix4(start, length);
  }

  /** Takes a free, aligned /length chosen by `strategy`; undefined when none fits. */
  allocate(length: number, strategy: FitStrategy = 'first-fit'): Prefix4 | undefined {
    const start = this.findBlockStart(length, strategy);
    if (start === undefined) return undefined;
    this.carve(start, length, start, this.blockLengthAt.get(start) as number);
    return makePrefix4(start, length);
  }

  /** Takes a given prefix (a static or replayed allocation); false unless every address of it is free. */
  allocatePrefix(p: Prefix4): boolean {
    for (let k = 0; k <= p.length; k++) {
      const blockStart = (p.network & (MASK4[k] as number)) >>> 0;
      if (this.blockLengthAt.get(blockStart) === k) {
        this.carve(p.network, p.length, blockStart, k);
        return true;
      }
    }
    return false;
  }

  /** Returns a prefix taken through this index to the free space; false if it was not taken here. */
  release(p: Prefix4): boolean {
    if (this.allocatedLengthAt.get(p.network) !== p.length) return false;
    this.allocatedLengthAt.delete(p.network);
    this.freeCount += 2 ** (IPV4_BITS - p.length);
    // buddy merge: a freed block whose sibling is a whole free block becomes their parent, keeping blocks maximal
    let start = p.network;
    let length = p.length;
    while (length > 0) {
      const buddy = (start ^ 2 ** (IPV4_BITS - length)) >>> 0;
      if (this.blockLengthAt.get(buddy) !== length) break;
      this.removeBlock(buddy, length);
      start = buddy < start ? buddy : start;
      length--;
    }
    this.addBlock(start, length);
    return true;
  }

  /** The free space as its minimal ascending CIDR list. */
  freePrefixes(): Prefix4[] {
    return [...this.blockLengthAt.liveEntries()].sort((a, b) => a[0] - b[0]).map(([start, length]) => makePrefix4(start, length));
  }

  /** An independent copy, for snapshots and what-if queries. */
  clone(): FreeSpaceIndex {
    const copy = new FreeSpaceIndex([]);
    for (const [start, length] of this.blockLengthAt.liveEntries()) copy.addBlock(start, length);
    for (const [network, length] of this.allocatedLengthAt.liveEntries()) copy.allocatedLengthAt.set(network, length);
    copy.freeCount = this.freeCount;
    return copy;
  }

  private findBlockStart(length: number, strategy: FitStrategy): number | undefined {
    if (!Number.isInteger(length) || length < 0 || length > IPV4_BITS) {
      throw new IpamUsageError('prefix-length-out-of-range', `prefix length ${length} is not from 0 to ${IPV4_BITS}`);
    }
    if (strategy === 'best-fit') {
      for (let k = length; k >= 0; k--) {
        const start = this.lowestBlockOfLength(k);
        if (start !== undefined) return start;
      }
      return undefined;
    }
    let best: number | undefined;
    for (let k = 0; k <= length; k++) {
      const start = this.lowestBlockOfLength(k);
      if (start !== undefined && (best === undefined || start < best)) best = start;
    }
    return best;
  }

  private lowestBlockOfLength(length: number): number | undefined {
    if (this.liveCounts[length] === 0) return undefined;
    const heap = this.buckets[length] as MinHeap;
    for (let top = heap.peek(); top !== undefined; top = heap.peek()) {
      if (this.blockLengthAt.get(top) === length) return top;
      heap.pop();
    }
    return undefined;
  }

  /** Takes `network/length` out of the stored block `blockStart/blockLength` that contains it. */
  private carve(network: number, length: number, blockStart: number, blockLength: number): void {
    this.removeBlock(blockStart, blockLength);
    // halving down to the taken prefix leaves one free sibling per level
    for (let j = blockLength + 1; j <= length; j++) {
      const ancestor = (network & (MASK4[j] as number)) >>> 0;
      this.addBlock((ancestor ^ 2 ** (IPV4_BITS - j)) >>> 0, j);
    }
    this.freeCount -= 2 ** (IPV4_BITS - length);
    this.allocatedLengthAt.set(network, length);
  }

  private addBlock(start: number, length: number): void {
    this.blockLengthAt.set(start, length);
    this.liveCounts[length] = (this.liveCounts[length] as number) + 1;
    (this.buckets[length] as MinHeap).push(start);
  }

  private removeBlock(start: number, length: number): void {
    this.blockLengthAt.delete(start);
    const live = (this.liveCounts[length] as number) - 1;
    this.liveCounts[length] = live;
    const heap = this.buckets[length] as MinHeap;
    // drop stale entries in bulk once they outnumber live ones, so memory stays proportional to the free blocks
    if (heap.size > 2 * live + 64) {
      const fresh = new Set(heap.values().filter((s) => this.blockLengthAt.get(s) === length));
      this.buckets[length] = new MinHeap([...fresh]);
    }
  }
}

/** The next free aligned /length prefixes inside `space` given `used` (distinct, in allocation order). */
export function nextFreePrefixes(
  space: readonly Prefix4[],
  used: readonly Prefix4[],
  length: number,
  options?: NextFreeOptions,
): Prefix4[] {
  const index = new FreeSpaceIndex(space, used);
  const out: Prefix4[] = [];
  const count = options?.count ?? 1;
  for (let i = 0; i < count; i++) {
    const next = index.allocate(length, options?.strategy ?? 'first-fit');
    if (next === undefined) break;
    out.push(next);
  }
  return out;
}
