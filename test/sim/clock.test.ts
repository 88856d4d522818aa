import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { SimClock } from '../../src/sim/clock.js';
import { sortedPositions } from '../../src/sim/timer-run.js';

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
      const ids = timers.map(([delay], i) => clock.setTimeout(() => fired.push(i), delay));
      timers.forEach(([, cancelled], i) => cancelled && clock.clearTimeout(ids[i]!));
      clock.advanceTo(target);
      const kept = timers.map(([delay, cancelled], i) => ({ delay, cancelled, i })).filter(({ cancelled }) => !cancelled);
      expect(fired).toEqual(kept.filter(({ delay }) => delay <= target).sort((x, y) => x.delay - y.delay || x.i - y.i).map(({ i }) => i));
      expect(clock.pendingCount).toBe(kept.filter(({ delay }) => delay > target).length);
      expect(clock.nextDeadline()).toBe(kept.filter(({ delay }) => delay > target).reduce<number | undefined>((min, { delay }) => Math.min(min ?? delay, delay), undefined));
    },
  );

  test.prop([fc.array(fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.double({ min: 0, max: 1e6, noNaN: true })), { maxLength: 300 }), fc.boolean()])(
    'sorts burst positions by deadline, equal deadlines by position, as a comparison sort does',
    (values, wholeOnly) => {
      const deadlines = Float64Array.from(values.map((v) => (wholeOnly ? Math.floor(v) : v)));
      const expected = deadlines.length === 0 ? [] : [...deadlines.keys()].sort((a, b) => deadlines[a]! - deadlines[b]! || a - b);
      expect([...sortedPositions(deadlines, deadlines.length)]).toEqual(expected);
    },
  );

  it('sorts a burst of 100,000 whole-millisecond deadlines over an hour by radix as a comparison sort does', () => {
    let seed = 7;
    const deadlines = Float64Array.from({ length: 100_000 }, () => (seed = (seed * 48_271) % 2_147_483_647) % 3_600_000);
    const expected = [...deadlines.keys()].sort((a, b) => deadlines[a]! - deadlines[b]! || a - b);
    expect([...sortedPositions(deadlines, deadlines.length)]).toEqual(expected);
  });

  it('fires a burst sorted into the run, and a later burst merged into it, by deadline then scheduling order', () => {
    const clock = new SimClock({ minRun: 2 });
    const fired: string[] = [];
    const record = (label: string): void => void fired.push(label);
    clock.schedule(record, 'a1', 10);
    clock.schedule(record, 'a2', 10);
    clock.schedule(record, 'a3', 30);
    expect(clock.nextDeadline()).toBe(10);
    clock.setTimeout(() => fired.push('single'), 10);
    clock.schedule(record, 'b1', 10);
    clock.schedule(record, 'b2', 5);
    clock.schedule(record, 'b3', 30);
    clock.advanceTo(100);
    expect(fired).toEqual(['b2', 'a1', 'a2', 'single', 'b1', 'a3', 'b3']);
  });

  /** One step of the model-based test: schedule or set a timer, cancel one or an owner's, or advance. */
  type ClockStep =
    | { kind: 'schedule'; owner: 0 | 1; delay: number; chainDelay: number | null }
    | { kind: 'burst'; owner: 0 | 1; delays: number[] }
    | { kind: 'setTimeout'; delay: number }
    | { kind: 'clearTimeout'; pick: number }
    | { kind: 'clearScheduled'; owner: 0 | 1 }
    | { kind: 'advance'; by: number };

  const stepArb: fc.Arbitrary<ClockStep> = fc.oneof(
    fc.record({ kind: fc.constant('schedule' as const), owner: fc.constantFrom(0 as const, 1 as const), delay: fc.integer({ min: -5, max: 300 }), chainDelay: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }) }),
    fc.record({ kind: fc.constant('burst' as const), owner: fc.constantFrom(0 as const, 1 as const), delays: fc.array(fc.integer({ min: -5, max: 60 }), { maxLength: 30 }) }),
    fc.record({ kind: fc.constant('setTimeout' as const), delay: fc.integer({ min: 0, max: 300 }) }),
    fc.record({ kind: fc.constant('clearTimeout' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('clearScheduled' as const), owner: fc.constantFrom(0 as const, 1 as const) }),
    fc.record({ kind: fc.constant('advance' as const), by: fc.integer({ min: 0, max: 200 }) }),
  );

  // minRun 2 sorts every burst of two or more into the run (when not small beside it); the default files them in the heap.
  test.prop([fc.array(stepArb, { maxLength: 120 }), fc.constantFrom(2, 1024)], { numRuns: 300 })(
    'runs timers of both kinds as a sorted list of pending timers does, bursts, chained and cancelled ones included',
    (steps, minRun) => {
      // The oracle: every pending timer in a list, fired by (deadline, scheduling order).
      interface Pending { deadline: number; order: number; label: string; owner: 0 | 1 | null; chainDelay: number | null; cancelled: boolean }
      const oracle: Pending[] = [];
      let oracleNow = 0;
      let order = 0;
      const expected: string[] = [];
      const clock = new SimClock({ minRun });
      const fired: string[] = [];
      const owners = [0, 1].map((owner) => (label: string): void => {
        fired.push(label);
        const chain = chainOf.get(label);
        if (chain !== undefined) clock.schedule(owners[owner]!, `${label}+`, chain);
      });
      const chainOf = new Map<string, number>();
      const handles: { id: ReturnType<SimClock['setTimeout']>; entry: Pending }[] = [];
      steps.forEach((step, index) => {
        const label = `t${index}`;
        switch (step.kind) {
          case 'schedule': {
            if (step.chainDelay !== null) chainOf.set(label, step.chainDelay);
            clock.schedule(owners[step.owner]!, label, step.delay);
            oracle.push({ deadline: oracleNow + Math.max(0, step.delay), order: order++, label, owner: step.owner, chainDelay: step.chainDelay, cancelled: false });
            break;
          }
          case 'burst':
            step.delays.forEach((delay, k) => {
              clock.schedule(owners[step.owner]!, `${label}.${k}`, delay);
              oracle.push({ deadline: oracleNow + Math.max(0, delay), order: order++, label: `${label}.${k}`, owner: step.owner, chainDelay: null, cancelled: false });
            });
            break;
          case 'setTimeout': {
            const entry: Pending = { deadline: oracleNow + step.delay, order: order++, label, owner: null, chainDelay: null, cancelled: false };
            oracle.push(entry);
            handles.push({ id: clock.setTimeout(() => fired.push(label), step.delay), entry });
            break;
          }
          case 'clearTimeout': {
            const handle = handles[step.pick % Math.max(1, handles.length)];
            if (handle === undefined) break;
            clock.clearTimeout(handle.id);
            handle.entry.cancelled = true;
            break;
          }
          case 'clearScheduled':
            clock.clearScheduled(owners[step.owner]!);
            for (const entry of oracle) if (entry.owner === step.owner) entry.cancelled = true;
            break;
          case 'advance': {
            const target = oracleNow + step.by;
            for (;;) {
              const live = oracle.filter((entry) => !entry.cancelled && entry.deadline <= target);
              if (live.length === 0) break;
              const next = live.reduce((a, b) => (b.deadline < a.deadline || (b.deadline === a.deadline && b.order < a.order) ? b : a));
              next.cancelled = true;
              oracleNow = next.deadline;
              expected.push(next.label);
              if (next.chainDelay !== null && next.owner !== null) {
                oracle.push({ deadline: oracleNow + next.chainDelay, order: order++, label: `${next.label}+`, owner: next.owner, chainDelay: null, cancelled: false });
              }
            }
            oracleNow = target;
            clock.advanceTo(target);
            break;
          }
        }
        expect(fired).toEqual(expected);
        expect(clock.now()).toBe(oracleNow);
        const live = oracle.filter((entry) => !entry.cancelled);
        expect(clock.pendingCount).toBe(live.length);
        expect(clock.nextDeadline()).toBe(live.length === 0 ? undefined : Math.min(...live.map((entry) => entry.deadline)));
      });
    },
  );
});
