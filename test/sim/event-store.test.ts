import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  countEventsBeforeTime, countEventsThroughSeq, countEventsThroughTime, eventLogWindow, eventTimeAt, eventTypeAt, EventStore,
  formatEventLine, type EventBody, type SimEvent,
} from '../../src/sim/index.js';
import { EventLayouts } from '../../src/sim/event-layout.js';
import { eventBodyArb, timedBodiesArb } from './event-arbitrary.js';

/*
 * The columnar store against the oracle it replaces, the array of `{ seq, time, ...body }` objects: every event read
 * back deep-equals, JSON-equals and has the key order of the event recorded, through every way a reader reads it.
 */

/** The bodies appended to a fresh store, with the events their returned layouts build and the array-of-objects oracle. */
function record(timed: readonly (readonly [number, EventBody])[]): { store: EventStore; returned: SimEvent[]; oracle: SimEvent[] } {
  const store = new EventStore();
  const returned: SimEvent[] = [];
  const oracle: SimEvent[] = [];
  let time = 0;
  for (const [delayMs, body] of timed) {
    time += delayMs;
    returned.push(store.append(time, body).build(store.length, time, body));
    oracle.push({ seq: oracle.length + 1, time, ...body } as SimEvent);
  }
  return { store, returned, oracle };
}

/** Deep-equal, JSON-equal (so the same keys in the same order) and the same log line. */
function expectSameEvent(actual: SimEvent | undefined, expected: SimEvent | undefined): void {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  if (expected !== undefined) expect(formatEventLine(actual!)).toBe(formatEventLine(expected));
}

const boundArb = fc.integer({ min: -70, max: 70 });

describe('the columnar event store', () => {
  test.prop([timedBodiesArb], { numRuns: 150 })('hands back, and rebuilds at every index, exactly the event recorded', (timed) => {
    const { store, returned, oracle } = record(timed);
    expect(store.length).toBe(oracle.length);
    for (let index = 0; index < oracle.length; index++) {
      expectSameEvent(returned[index], oracle[index]);
      expectSameEvent(store.at(index), oracle[index]);
      expectSameEvent(store.at(index - oracle.length), oracle[index]);
      expect(store.typeAt(index)).toBe(oracle[index]!.type);
      expect(store.timeAt(index)).toBe(oracle[index]!.time);
      expect(store.seqAt(index)).toBe(index + 1);
    }
    expect(store.at(oracle.length)).toBeUndefined();
    expect(store.at(-oracle.length - 1)).toBeUndefined();
    expect(store.at(0.5)).toBeUndefined();
    expect([...store]).toStrictEqual(oracle);
    expect(JSON.stringify(store)).toBe(JSON.stringify(oracle));
  });

  test.prop([timedBodiesArb, boundArb, boundArb], { numRuns: 150 })('slices and windows as an array slices', (timed, start, end) => {
    const { store, oracle } = record(timed);
    expect(store.slice(start, end)).toStrictEqual(oracle.slice(start, end));
    expect(store.slice(start)).toStrictEqual(oracle.slice(start));
    const window = eventLogWindow(store, start, end);
    const expected = oracle.slice(start, end);
    expect(window.length).toBe(expected.length);
    expect([...window]).toStrictEqual(expected);
    expect(window.slice(1, -1)).toStrictEqual(expected.slice(1, -1));
    expect(window.at(-1)).toStrictEqual(expected.at(-1));
    for (let index = 0; index < expected.length; index++) {
      expectSameEvent(window.at(index), expected[index]);
      expect(eventTypeAt(window, index)).toBe(expected[index]!.type);
      expect(eventTimeAt(window, index)).toBe(expected[index]!.time);
    }
    // A window over a plain array reads the same.
    expect([...eventLogWindow(oracle, start, end)]).toStrictEqual(expected);
  });

  test.prop([timedBodiesArb, fc.integer({ min: -1, max: 4_000_000 })], { numRuns: 150 })(
    'counts the events up to a time or seq as a scan of the array does',
    (timed, bound) => {
      const { store, oracle } = record(timed);
      for (const log of [store, oracle]) {
        expect(countEventsThroughTime(log, bound)).toBe(oracle.filter((e) => e.time <= bound).length);
        expect(countEventsBeforeTime(log, bound)).toBe(oracle.filter((e) => e.time < bound).length);
        expect(countEventsThroughSeq(log, bound % 80)).toBe(oracle.filter((e) => e.seq <= bound % 80).length);
      }
    },
  );

  test.prop([timedBodiesArb], { numRuns: 100 })('an unkept event is built the way the store builds a kept one', (timed) => {
    const { oracle } = record(timed);
    const layouts = new EventLayouts();
    timed.forEach(([, body], index) => expectSameEvent(layouts.of(body).build(index + 1, oracle[index]!.time, body), oracle[index]));
  });

  test.prop([fc.array(eventBodyArb, { maxLength: 80 })], { numRuns: 100 })(
    'gives bodies one layout per type and key order, whatever order they come in',
    (bodies) => {
      const layouts = new EventLayouts();
      const seen = new Map<string, number>();
      for (const body of bodies) {
        const layout = layouts.of(body);
        const keys = Object.keys(body).filter((key) => key !== 'type');
        expect(layout.type).toBe(body.type);
        expect(layout.keys).toEqual(keys);
        const signature = JSON.stringify([body.type, keys]);
        expect(layout.id).toBe(seen.get(signature) ?? layouts.size - 1);
        seen.set(signature, layout.id);
        expect(layouts.byId(layout.id)).toBe(layout);
      }
      expect(layouts.size).toBe(seen.size);
    },
  );

  it('reads back events whose values would straddle the chunks its flat run of values is kept in', () => {
    // 25k bodies of ~3.7 values each: past the first 65,536-value chunk, so one event's values meet its end.
    const bodies = fc.sample(eventBodyArb, { numRuns: 25_000, seed: 20_261_206 });
    const { store, oracle } = record(bodies.map((body, index) => [index % 7, body] as const));
    const valueCount = oracle.reduce((sum, event) => sum + Object.keys(event).length - 3, 0);
    expect(valueCount).toBeGreaterThan(65_536);
    for (let index = 0; index < oracle.length; index++) expect(store.at(index)).toStrictEqual(oracle[index]);
  });

  it('keeps a payload value itself, not a copy, and puts seq, time and type first whatever the body order', () => {
    const store = new EventStore();
    const prefixes = ['10.0.0.0/24'];
    const shuffled = { site: 'HQ', addressPrefixes: prefixes, type: 'localSite.defined' } as unknown as EventBody;
    const event = store.append(5, shuffled).build(1, 5, shuffled);
    expect(Object.keys(event)).toEqual(['seq', 'time', 'type', 'site', 'addressPrefixes']);
    expect(Object.keys(store.at(0)!)).toEqual(['seq', 'time', 'type', 'site', 'addressPrefixes']);
    expect(store.at(0)).toMatchObject({ seq: 1, time: 5, type: 'localSite.defined' });
    expect((store.at(0) as SimEvent & { addressPrefixes: string[] }).addressPrefixes).toBe(prefixes);
  });

  test.prop([timedBodiesArb], { numRuns: 50 })('two stores of the same events are deep-equal, and differ once one event does', (timed) => {
    const { store } = record(timed);
    expect(record(timed).store).toEqual(store);
    const other = record(timed).store;
    other.append(0, { type: 'vnet.removed', vnet: 'v' });
    expect(other).not.toEqual(store);
  });

  it('keeps events without payload values, at a chunk boundary too', () => {
    const store = new EventStore();
    const empty = { type: 'vnet.removed' } as unknown as EventBody;
    const full: EventBody = { type: 'vnet.removed', vnet: 'v' };
    const bodies = [empty, ...Array.from({ length: 65_536 }, () => full), empty, full, empty];
    bodies.forEach((body) => store.append(1, body));
    for (const index of [0, 1, 65_535, 65_536, 65_537, 65_538, 65_539]) {
      expect(store.at(index)).toStrictEqual({ seq: index + 1, time: 1, ...bodies[index] });
    }
  });

  it('starts numbering at the seq it is given, and a fresh store is empty', () => {
    const store = new EventStore(41);
    expect(store.length).toBe(0);
    expect(store.at(0)).toBeUndefined();
    expect([...store]).toEqual([]);
    store.append(0, { type: 'vnet.removed', vnet: 'v' });
    expect(store.seqAt(0)).toBe(41);
    expect(store.at(-1)?.seq).toBe(41);
  });
});
