import { describe, expect, it } from 'vitest';
import { createRng, hashString } from '../../src/sim/rng.js';

describe('seeded RNG', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    expect(Array.from({ length: 20 }, () => a.nextInt(1000))).toEqual(Array.from({ length: 20 }, () => b.nextInt(1000)));
  });

  it('gives different sequences for different seeds, and string seeds work', () => {
    const a = createRng('alpha');
    const b = createRng('beta');
    expect(Array.from({ length: 8 }, () => a.nextFloat())).not.toEqual(Array.from({ length: 8 }, () => b.nextFloat()));
  });

  it('keeps forked streams independent of draws on the parent', () => {
    const quiet = createRng(7);
    const busy = createRng(7);
    for (let i = 0; i < 100; i++) busy.nextFloat();
    expect(quiet.fork('vip').nextInt(1 << 30)).toBe(busy.fork('vip').nextInt(1 << 30));
    expect(quiet.fork('vip').nextInt(1 << 30)).not.toBe(quiet.fork('mac').nextInt(1 << 30));
  });

  it('stays in range and spreads roughly evenly', () => {
    const rng = createRng(1);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const v = rng.nextInt(10);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(10);
      buckets[v]!++;
    }
    for (const count of buckets) expect(count).toBeGreaterThan(850);
  });

  it('hashes strings stably (FNV-1a)', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
  });
});
