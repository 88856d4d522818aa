import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  collapsePrefixes,
  formatPrefix,
  FreeSpaceIndex,
  IpamUsageError,
  makePrefix4,
  nextFreePrefixes,
  parsePrefix4,
  type FitStrategy,
  type Prefix4,
} from '../../src/ipam/index.js';
import { SMALL4_BASE, smallPrefix4 } from './arbitraries.js';

function prefixes(...texts: string[]): Prefix4[] {
  return texts.map((text) => {
    const parsed = parsePrefix4(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.value;
  });
}

/** Brute-force model of the small world 10.0.0.0/24: which of its 256 addresses are free. */
class FreeModel {
  readonly free = new Array<boolean>(256).fill(false);

  constructor(space: readonly Prefix4[], used: readonly Prefix4[]) {
    for (const p of space) this.mark(p, true);
    for (const p of used) this.mark(p, false);
  }

  mark(p: Prefix4, isFree: boolean): void {
    const offset = p.network - SMALL4_BASE;
    for (let i = 0; i < 2 ** (32 - p.length); i++) this.free[offset + i] = isFree;
  }

  isFreeBlock(offset: number, length: number): boolean {
    for (let i = 0; i < 2 ** (32 - length); i++) if (!this.free[offset + i]) return false;
    return true;
  }

  /** The lowest free aligned /length. */
  firstFit(length: number): Prefix4 | undefined {
    const size = 2 ** (32 - length);
    for (let offset = 0; offset < 256; offset += size) {
      if (this.isFreeBlock(offset, length)) return makePrefix4(SMALL4_BASE + offset, length);
    }
    return undefined;
  }

  /** Carved from the smallest maximal free aligned block that fits, lowest address on ties. */
  bestFit(length: number): Prefix4 | undefined {
    for (let k = length; k >= 24; k--) {
      const size = 2 ** (32 - k);
      for (let offset = 0; offset < 256; offset += size) {
        const parentOffset = offset - (offset % (size * 2));
        const isMaximal = k === 24 || !this.isFreeBlock(parentOffset, k - 1);
        if (this.isFreeBlock(offset, k) && isMaximal) return makePrefix4(SMALL4_BASE + offset, length);
      }
    }
    return undefined;
  }

  freeCount(): number {
    return this.free.filter(Boolean).length;
  }

  freeList(): Prefix4[] {
    const singles = this.free.flatMap((isFree, offset) => (isFree ? [makePrefix4(SMALL4_BASE + offset, 32)] : []));
    return collapsePrefixes(singles) as Prefix4[];
  }
}

describe('FreeSpaceIndex, by table', () => {
  it('answers first-fit and best-fit differently in a fragmented space', () => {
    // free: 10.0.0.0/24 whole, 10.0.1.128/25, 10.0.3.0/24 with 10.0.3.0/26 used
    const index = new FreeSpaceIndex(prefixes('10.0.0.0/22'), prefixes('10.0.1.0/25', '10.0.2.0/24', '10.0.3.0/26'));
    expect(formatPrefix(index.findFree(26) as Prefix4)).toBe('10.0.0.0/26');
    expect(formatPrefix(index.findFree(26, 'best-fit') as Prefix4)).toBe('10.0.3.64/26');
    expect(formatPrefix(index.findFree(25, 'best-fit') as Prefix4)).toBe('10.0.1.128/25');
    expect(index.findFree(23)).toBeUndefined();
    expect(index.freeAddressCount).toBe(256 + 128 + 192);
  });

  it('allocates, refuses taken space and releases with buddy merge', () => {
    const index = new FreeSpaceIndex(prefixes('10.0.0.0/16'));
    expect(index.allocatePrefix(prefixes('10.0.4.0/24')[0] as Prefix4)).toBe(true);
    expect(index.allocatePrefix(prefixes('10.0.4.128/25')[0] as Prefix4)).toBe(false);
    expect(index.allocatePrefix(prefixes('10.1.0.0/24')[0] as Prefix4)).toBe(false);
    const first = index.allocate(24);
    expect(first && formatPrefix(first)).toBe('10.0.0.0/24');
    expect(index.release(prefixes('10.0.4.0/25')[0] as Prefix4)).toBe(false);
    expect(index.release(prefixes('10.0.4.0/24')[0] as Prefix4)).toBe(true);
    expect(index.release(first as Prefix4)).toBe(true);
    expect(index.freePrefixes().map(formatPrefix)).toEqual(['10.0.0.0/16']);
    expect(index.freeAddressCount).toBe(65536);
  });

  it('clones independently', () => {
    const index = new FreeSpaceIndex(prefixes('10.0.0.0/24'));
    const copy = index.clone();
    index.allocate(25);
    expect(copy.freePrefixes().map(formatPrefix)).toEqual(['10.0.0.0/24']);
    expect(index.freePrefixes().map(formatPrefix)).toEqual(['10.0.0.128/25']);
  });

  it('handles the whole IPv4 space', () => {
    const index = new FreeSpaceIndex(prefixes('0.0.0.0/0'), prefixes('0.0.0.0/32'));
    expect(index.findFree(0)).toBeUndefined();
    expect(formatPrefix(index.findFree(1) as Prefix4)).toBe('128.0.0.0/1');
    expect(formatPrefix(index.findFree(32, 'best-fit') as Prefix4)).toBe('0.0.0.1/32');
  });

  it('refuses impossible lengths as misuse', () => {
    expect(() => new FreeSpaceIndex([]).findFree(33)).toThrow(IpamUsageError);
  });

  it('nextFreePrefixes returns distinct prefixes up to the count', () => {
    expect(nextFreePrefixes(prefixes('10.0.0.0/24'), prefixes('10.0.0.64/26'), 26, { count: 5 }).map(formatPrefix)).toEqual([
      '10.0.0.0/26',
      '10.0.0.128/26',
      '10.0.0.192/26',
    ]);
    expect(nextFreePrefixes(prefixes('10.0.0.0/24'), prefixes('10.0.0.0/26'), 27, { strategy: 'best-fit' }).map(formatPrefix)).toEqual([
      '10.0.0.64/27',
    ]);
  });
});

type Op =
  | { kind: 'allocate'; length: number; strategy: FitStrategy }
  | { kind: 'allocatePrefix'; prefix: Prefix4 }
  | { kind: 'release'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('allocate' as const), length: fc.integer({ min: 24, max: 32 }), strategy: fc.constantFrom<FitStrategy>('first-fit', 'best-fit') }),
  fc.record({ kind: fc.constant('allocatePrefix' as const), prefix: smallPrefix4 }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
);

describe('FreeSpaceIndex, by property against a brute-force model', () => {
  const world = fc.tuple(fc.array(smallPrefix4, { maxLength: 6 }), fc.array(smallPrefix4, { maxLength: 10 }));

  test.prop([world, fc.integer({ min: 24, max: 32 })])('next-free is free, aligned and equals the oracle', ([space, used], length) => {
    const model = new FreeModel(space, used);
    const index = new FreeSpaceIndex(space, used);
    expect(index.findFree(length)).toEqual(model.firstFit(length));
    expect(index.findFree(length, 'best-fit')).toEqual(model.bestFit(length));
    const found = index.findFree(length, 'best-fit');
    if (found !== undefined) {
      expect(found.network % 2 ** (32 - length)).toBe(0);
      expect(model.isFreeBlock(found.network - SMALL4_BASE, length)).toBe(true);
    }
    expect(index.freePrefixes()).toEqual(model.freeList());
  });

  test.prop([world, fc.array(op, { maxLength: 30 })])('allocate, allocatePrefix and release keep the index equal to the model', ([space, used], ops) => {
    const model = new FreeModel(space, used);
    const index = new FreeSpaceIndex(space, used);
    const taken: Prefix4[] = [];
    for (const step of ops) {
      if (step.kind === 'allocate') {
        const expected = step.strategy === 'first-fit' ? model.firstFit(step.length) : model.bestFit(step.length);
        expect(index.allocate(step.length, step.strategy)).toEqual(expected);
        if (expected !== undefined) {
          model.mark(expected, false);
          taken.push(expected);
        }
      } else if (step.kind === 'allocatePrefix') {
        const isFree = model.isFreeBlock(step.prefix.network - SMALL4_BASE, step.prefix.length);
        expect(index.allocatePrefix(step.prefix)).toBe(isFree);
        if (isFree) {
          model.mark(step.prefix, false);
          taken.push(step.prefix);
        }
      } else if (taken.length > 0) {
        const [released] = taken.splice(step.pick % taken.length, 1);
        expect(index.release(released as Prefix4)).toBe(true);
        model.mark(released as Prefix4, true);
      }
      expect(index.freeAddressCount).toBe(model.freeCount());
    }
    expect(index.freePrefixes()).toEqual(model.freeList());
  });
});
