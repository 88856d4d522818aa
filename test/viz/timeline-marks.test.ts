import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/sim/index.js';
import { labelDetailAt } from '../../src/viz/web/label-detail.js';
import { describeMoment, eventMarker, expectationMarker, seqAtTime, timeAtFraction, timeFraction } from '../../src/viz/web/timeline-marks.js';

const events = [
  { seq: 0, time: 0, type: 'world.started', scenario: 's', seed: '1', era: '2014' },
  { seq: 1, time: 60_000, type: 'gateway.stateChanged', vnet: 'V', from: 'NotProvisioned', to: 'Provisioning', operation: 'CreateGateway', operationStatus: 'InProgress' },
  { seq: 2, time: 60_000, type: 'command.refused', command: 'createGateway', code: 'gateway-exists', message: 'no' },
  { seq: 3, time: 3_600_000, type: 'connection.stateChanged', vnet: 'V', site: 'HQ', from: 'NotConnected', to: 'Connecting', eventId: 1, message: 'retrying', reason: 'PEER_UNREACHABLE', retry: true },
  { seq: 4, time: 3_600_000, type: 'vm.stateChanged', service: 's', vm: 'm', from: 'Provisioning', to: 'ReadyRole' },
  { seq: 5, time: 3_700_000, type: 'vm.stateChanged', service: 's', vm: 'm', from: 'ReadyRole', to: 'FailedStartingVM' },
] as SimEvent[];

describe('the time-scaled scrubber', () => {
  it('places a moment by its share of the simulated time, clamped to the track', () => {
    expect(timeFraction(60_000, 0, 3_600_000)).toBeCloseTo(1 / 60);
    expect(timeFraction(-5, 0, 100)).toBe(0);
    expect(timeFraction(500, 0, 100)).toBe(1);
    expect(timeFraction(7, 7, 7)).toBe(1);
    expect(timeAtFraction(0.5, 1000, 3000)).toBe(2000);
    expect(timeAtFraction(2, 1000, 3000)).toBe(3000);
  });

  it.each([[-1, -1], [0, 0], [59_999, 0], [60_000, 2], [3_599_999, 2], [3_600_000, 4], [9e9, 5]])(
    'shows at time %i the last event at or before it (#%i)', (timeMs, seq) => {
      expect(seqAtTime(events, -1, timeMs)).toBe(seq);
    });

  it('marks refusals, gateway and tunnel state changes and failed VMs; not retries or ordinary VM states', () => {
    const marks = events.map(eventMarker);
    expect(marks.map((m) => m?.kind)).toEqual([undefined, 'state', 'refused', undefined, undefined, 'state']);
    expect(marks[2]).toEqual({ kind: 'refused', timeMs: 60_000, seq: 2, title: '00:01:00  createGateway refused: gateway-exists' });
  });

  it('marks an expectation ✓ or ✗ at the event shown when it was checked', () => {
    const mark = { atMs: 1_800_000, atSeq: 3, status: 'failed', description: 'gateway V is Provisioned', expected: 'Provisioned', actual: 'Provisioning', at: 'x.yaml:9' } as const;
    expect(expectationMarker(mark)).toEqual({ kind: 'failed', timeMs: 1_800_000, seq: 3, title: '✗ 00:30:00  gateway V is Provisioned' });
  });

  it.each([
    [{ cursor: null, playing: true, hasMore: true }, 'live', '● live · t = 01:00:00'],
    [{ cursor: null, playing: false, hasMore: true }, 'paused', 'paused · t = 01:00:00'],
    [{ cursor: null, playing: false, hasMore: false }, 'ended', 'end of run · t = 01:00:00'],
    [{ cursor: 40, playing: true, hasMore: true }, 'past', 'at t = 01:00:00 · event #40 of #66'],
  ] as const)('says "live" only at the newest event of a running world: %o is %s', (state, mode, text) => {
    expect(describeMoment({ ...state, timeMs: 3_600_000, lastSeq: 66 })).toEqual({ mode, text });
  });
});

describe('level of detail by zoom', () => {
  it.each([[0.3, false, false], [0.7, true, false], [1.75, true, true], [4, true, true]])(
    'at zoom ×%d captions %s, compact VM names %s', (k, labels, dotNames) => {
      expect(labelDetailAt(k)).toEqual({ labels, dotNames });
    });
});
