import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { applyEvents, createView, ViewHistory, CHECKPOINT_INTERVAL_EVENTS } from '../../src/viz/index.js';
import { hubEvents, largeWorldEvents } from './fixtures.js';

describe('ViewHistory', () => {
  const events = largeWorldEvents(2, 2, 3, CHECKPOINT_INTERVAL_EVENTS * 3);

  test.prop([fc.integer({ min: -1, max: events.length + 5 }), fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 20 })])(
    'the view at any seq equals a fold from zero up to that seq, however the log arrived',
    (seq, batchSizes) => {
      const history = new ViewHistory(createView());
      let i = 0;
      for (const size of batchSizes) {
        history.append(events.slice(i, i + size));
        i += size;
      }
      history.append(events.slice(i));
      const oracle = applyEvents(createView(), events.filter((e) => e.seq <= seq));
      expect(history.viewAt(seq)).toEqual(oracle);
    },
  );

  it('keeps each event once when batches overlap', () => {
    const hub = hubEvents();
    const history = new ViewHistory(createView());
    expect(history.append(hub.slice(0, 10))).toBe(10);
    expect(history.append(hub.slice(5, 15))).toBe(5);
    expect(history.append(hub.slice(0, 3))).toBe(0);
    expect(history.events.map((e) => e.seq)).toEqual(hub.slice(0, 15).map((e) => e.seq));
  });

  it('steps back and forward through the held events', () => {
    const history = new ViewHistory(createView());
    history.append(hubEvents());
    expect(history.previousSeq(5)).toBe(4);
    expect(history.previousSeq(0)).toBe(-1);
    expect(history.nextSeq(5)).toBe(6);
    expect(history.nextSeq(history.lastSeq)).toBeUndefined();
  });

  it('restarts from a snapshot and cannot rewind before it', () => {
    const hub = hubEvents();
    const history = new ViewHistory(createView());
    history.append(hub.slice(0, 5));
    const snapshot = applyEvents(createView(), hub.slice(0, 12));
    history.reset(snapshot);
    expect(history.firstSeq).toBe(11);
    expect(history.viewAt(3)).toBe(snapshot);
    history.append(hub.slice(12));
    expect(history.latest).toEqual(applyEvents(createView(), hub));
  });
});
