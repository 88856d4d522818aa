import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { SimClock } from '../../src/sim/clock.js';

describe('SimClock', () => {
  it('fires timers in deadline order, ties in scheduling order', () => {
    const clock = new SimClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@20'), 20);
    clock.setTimeout(() => fired.push('a@10'), 10);
    clock.setTimeout(() => fired.push('c@20'), 20);
    clock.advanceTo(100);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.now()).toBe(100);
  });

  it('fires chained timers inside one big jump, each at its own time (unlike XState SimulatedClock)', () => {
    const clock = new SimClock();
    const rekeyTimes: number[] = [];
    const rekey = (): void => {
      rekeyTimes.push(clock.now());
      clock.setTimeout(rekey, 3_600_000);
    };
    clock.setTimeout(rekey, 3_600_000);
    clock.advanceTo(10 * 3_600_000 + 1);
    expect(rekeyTimes).toEqual(Array.from({ length: 10 }, (_, i) => (i + 1) * 3_600_000));
  });

  it('does not fire cancelled timers or timers beyond the target', () => {
    const clock = new SimClock();
    const fired: number[] = [];
    const id = clock.setTimeout(() => fired.push(1), 5);
    clock.setTimeout(() => fired.push(2), 50);
    clock.clearTimeout(id);
    clock.advanceTo(49);
    expect(fired).toEqual([]);
    expect(clock.nextDeadline()).toBe(50);
    expect(clock.pendingCount).toBe(1);
  });

  it('refuses to go back in time', () => {
    const clock = new SimClock();
    clock.advanceTo(10);
    expect(() => clock.advanceTo(5)).toThrow(RangeError);
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 60 }), fc.integer({ min: 0, max: 1200 })])(
    'fires exactly the timers due by the target, sorted by deadline, whatever the steps taken',
    (delays, target) => {
      const clock = new SimClock();
      const fired: number[] = [];
      delays.forEach((d, i) => clock.setTimeout(() => fired.push(i), d));
      clock.advanceTo(Math.floor(target / 2));
      clock.advanceTo(target);
      const expected = delays
        .map((d, i) => ({ d, i }))
        .filter(({ d }) => d <= target)
        .sort((x, y) => x.d - y.d || x.i - y.i)
        .map(({ i }) => i);
      expect(fired).toEqual(expected);
    },
  );

  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.boolean()), { maxLength: 200 }), fc.integer({ min: 0, max: 1200 })])(
    'never fires a cancelled timer, fires the others by deadline then scheduling order, and counts what is left',
    (timers, target) => {
      const clock = new SimClock();
      const fired: number[] = [];
      const ids = timers.map(([delay], i) => clock.schedule((index: number) => fired.push(index), i, delay));
      timers.forEach(([, cancelled], i) => cancelled && clock.clearTimeout(ids[i]!));
      clock.advanceTo(target);
      const kept = timers.map(([delay, cancelled], i) => ({ delay, cancelled, i })).filter(({ cancelled }) => !cancelled);
      expect(fired).toEqual(kept.filter(({ delay }) => delay <= target).sort((x, y) => x.delay - y.delay || x.i - y.i).map(({ i }) => i));
      expect(clock.pendingCount).toBe(kept.filter(({ delay }) => delay > target).length);
      expect(clock.nextDeadline()).toBe(kept.filter(({ delay }) => delay > target).reduce<number | undefined>((min, { delay }) => Math.min(min ?? delay, delay), undefined));
    },
  );
});
