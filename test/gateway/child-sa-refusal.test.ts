import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/sim/clock.js';
import type { ConnectionInput } from '../../src/gateway/connection-contract.js';
import { connectionMachine } from '../../src/gateway/connection-machine.js';
import type { IkeExchange } from '../../src/gateway/negotiation.js';
import { DEFAULT_GATEWAY_PROFILE } from '../../src/gateway/profile.js';
import type { FailureReason } from '../../src/gateway/reasons.js';
import type { ConnectivityState } from '../../src/gateway/types.js';
import { PROVISION_MS, compatibleDevice, connectivityTrail, createHarness, provision } from './harness.js';

// A refused child SA (quick mode, the IKE_AUTH child, CREATE_CHILD_SA) leaves the IKE SA up (RFC 7296 §1.2): the
// tunnel stays Connecting and only the child is retried. Only an authentication failure tears the IKE SA down.

const HOUR_MS = 3_600_000;
const { roundTripMs: RTT_MS, retryBaseMs: FIRST_RETRY_MS } = DEFAULT_GATEWAY_PROFILE;

interface Run {
  clock: SimClock;
  /** What the peer refuses; tests change it to model a device whose configuration was fixed. */
  refusals: Partial<Record<IkeExchange, FailureReason>>;
  /** Reported state changes (a re-report of the same state and reason is left out, as the host does). */
  states: Array<[number, ConnectivityState, FailureReason | undefined]>;
  ike: Array<[number, IkeExchange, string]>;
  value: () => unknown;
}

/** A connection actor on a fresh clock whose peer answers every exchange, except the ones in `refusals`. */
function startConnection(ikeVersion: 1 | 2, refusals: Run['refusals'], overrides: Partial<ConnectionInput> = {}): Run {
  const clock = new SimClock();
  const run: Run = { clock, refusals, states: [], ike: [], value: () => undefined };
  const actor = createActor(connectionMachine, {
    clock,
    input: {
      ikeVersion, dpdEnabled: ikeVersion === 2, ikeSaLifetimeMs: 8 * HOUR_MS, childSaLifetimeMs: HOUR_MS,
      profile: DEFAULT_GATEWAY_PROFILE,
      link: {
        now: () => clock.now(),
        random: { nextInt: () => 0, nextFloat: () => 0 },
        findSilence: () => undefined,
        findRefusal: (exchange) => run.refusals[exchange],
        // Like the host, keep only reports that change what Get-AzureVNetConnection shows.
        reportState: (state, reason) => {
          const [, lastState, lastReason] = run.states.at(-1) ?? [0, 'NotConnected', undefined];
          if (state !== lastState || reason !== lastReason) run.states.push([clock.now(), state, reason]);
        },
        reportIke: (exchange, detail) => run.ike.push([clock.now(), exchange, detail]),
      },
      ...overrides,
    },
  });
  run.value = () => actor.getSnapshot().value;
  actor.start();
  actor.send({ type: 'CONNECT' });
  return run;
}

function countIke(run: Run, exchange: IkeExchange, detail: string): number {
  return run.ike.filter(([, e, d]) => e === exchange && d.includes(detail)).length;
}

interface RefusalRow {
  name: string;
  ikeVersion: 1 | 2;
  refusals: Partial<Record<IkeExchange, FailureReason>>;
  phase1: IkeExchange;
  /** The exchange the peer goes on refusing on every retry. */
  refused: IkeExchange;
  keepsIkeSa: boolean;
  reason: FailureReason;
}

const ROWS: RefusalRow[] = [
  {
    name: 'IKEv1 quick mode refused (INVALID_ID_INFORMATION)', ikeVersion: 1, refusals: { QUICK_MODE: 'TS_UNACCEPTABLE' },
    phase1: 'MAIN_MODE', refused: 'QUICK_MODE', keepsIkeSa: true, reason: 'TS_UNACCEPTABLE',
  },
  {
    name: 'IKEv2 child refused in IKE_AUTH, then in CREATE_CHILD_SA', ikeVersion: 2,
    refusals: { IKE_AUTH: 'TS_UNACCEPTABLE', CREATE_CHILD_SA: 'TS_UNACCEPTABLE' },
    phase1: 'IKE_SA_INIT', refused: 'CREATE_CHILD_SA', keepsIkeSa: true, reason: 'TS_UNACCEPTABLE',
  },
  {
    name: 'IKEv2 child proposal refused in IKE_AUTH (e.g. PFS)', ikeVersion: 2,
    refusals: { IKE_AUTH: 'NO_PROPOSAL_CHOSEN', CREATE_CHILD_SA: 'NO_PROPOSAL_CHOSEN' },
    phase1: 'IKE_SA_INIT', refused: 'CREATE_CHILD_SA', keepsIkeSa: true, reason: 'NO_PROPOSAL_CHOSEN',
  },
  {
    name: 'IKEv2 authentication refused in IKE_AUTH (control: no IKE SA survives)', ikeVersion: 2,
    refusals: { IKE_AUTH: 'AUTHENTICATION_FAILED' },
    phase1: 'IKE_SA_INIT', refused: 'IKE_AUTH', keepsIkeSa: false, reason: 'AUTHENTICATION_FAILED',
  },
];

describe('a refused child SA keeps the IKE SA', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const run = startConnection(row.ikeVersion, row.refusals);
    run.clock.advanceTo(HOUR_MS);
    const phase1Count = run.ike.filter(([, exchange]) => exchange === row.phase1).length;
    const refusals = run.ike.filter(([, , detail]) => detail.startsWith('peer answered'));
    expect(refusals.length, 'attempts within the hour').toBeGreaterThanOrEqual(5);
    expect(refusals.at(-1)?.[1]).toBe(row.refused);
    if (row.keepsIkeSa) {
      expect(phase1Count).toBe(1);
      // Connecting from the first attempt to the end of the hour; only the reason arrives.
      expect(run.states).toEqual([[0, 'Connecting', undefined], [2 * RTT_MS, 'Connecting', row.reason]]);
    } else {
      expect(phase1Count).toBeGreaterThan(5);
      expect(run.states.some(([, state]) => state === 'NotConnected')).toBe(true);
    }
    expect(run.states.at(-1)?.[2]).toBe(row.reason);
  });

  it('connects at the first child retry once the peer accepts, without a new IKE_SA_INIT', () => {
    const run = startConnection(2, { IKE_AUTH: 'TS_UNACCEPTABLE' });
    run.clock.advanceTo(5_000);
    expect(run.value()).toEqual({ Connecting: 'childRefused' });
    run.refusals = {};
    run.clock.advanceTo(30_000);
    // IKE_SA_INIT and IKE_AUTH take a round trip each; the child is retried after the first reconnect delay.
    const connectedAt = 2 * RTT_MS + FIRST_RETRY_MS + RTT_MS;
    expect(run.states.at(-1)).toEqual([connectedAt, 'Connected', undefined]);
    expect(countIke(run, 'CREATE_CHILD_SA', 'child SA installed')).toBe(1);
    expect(run.ike.filter(([, exchange]) => exchange === 'IKE_SA_INIT')).toHaveLength(1);
  });

  it('counts the IKE SA lifetime from the IKE_AUTH that set it up, not from the later child', () => {
    const run = startConnection(2, { IKE_AUTH: 'TS_UNACCEPTABLE' }, { ikeSaLifetimeMs: 2 * HOUR_MS });
    run.clock.advanceTo(5_000);
    run.refusals = {};
    run.clock.advanceTo(3 * HOUR_MS);
    const ikeRekeys = run.ike.filter(([, , detail]) => detail === 'IKE SA rekeyed').map(([timeMs]) => timeMs);
    expect(ikeRekeys[0]).toBe(2 * RTT_MS + 2 * HOUR_MS + RTT_MS);
  });

  it('negotiates a new IKE SA when a childless one reaches the end of its lifetime', () => {
    const lifetimeMs = 20 * 60_000;
    const run = startConnection(1, { QUICK_MODE: 'TS_UNACCEPTABLE' }, { ikeSaLifetimeMs: lifetimeMs });
    run.clock.advanceTo(50 * 60_000);
    const phase1 = run.ike.filter(([, exchange, detail]) => exchange === 'MAIN_MODE' && detail === 'phase 1 SA established');
    // Main mode completes one round trip after each start: at 0, then at each lifetime end.
    expect(phase1.map(([timeMs]) => timeMs)).toEqual([RTT_MS, 2 * RTT_MS + lifetimeMs, 3 * RTT_MS + 2 * lifetimeMs]);
    expect(countIke(run, 'MAIN_MODE', 'IKE SA lifetime ended with no child SA')).toBe(2);
    expect(run.states.some(([, state]) => state === 'NotConnected')).toBe(false);
  });

  it('drops to Connecting when the peer refuses a child rekey, keeping the IKE SA', () => {
    const run = startConnection(2, {});
    run.clock.advanceTo(60_000);
    expect(run.states.at(-1)).toEqual([2 * RTT_MS, 'Connected', undefined]);
    run.refusals = { CREATE_CHILD_SA: 'TS_UNACCEPTABLE' };
    run.clock.advanceTo(HOUR_MS + 60_000);
    expect(run.value()).toEqual({ Connecting: 'childRefused' });
    expect(run.states.at(-1)).toEqual([2 * RTT_MS + HOUR_MS + RTT_MS, 'Connecting', 'TS_UNACCEPTABLE']);
    expect(run.ike.filter(([, exchange]) => exchange === 'IKE_SA_INIT')).toHaveLength(1);
  });
});

describe('a policy-based tunnel with mismatched selectors (host)', () => {
  it('stays Connecting with TS_UNACCEPTABLE for an hour on one phase 1 SA, then connects when the device is fixed', () => {
    const h = createHarness({ devices: [compatibleDevice({ ikeVersions: [1], trafficSelectors: ['10.0.0.0/24'] })] });
    provision(h, 'StaticRouting');
    h.clock.advanceBy(HOUR_MS);
    expect(connectivityTrail(h)).toEqual([
      [PROVISION_MS, 'Connecting', undefined],
      [PROVISION_MS + 2 * RTT_MS, 'Connecting', 'TS_UNACCEPTABLE'],
    ]);
    const mainModes = h.events.filter(({ event }) => event.type === 'connection.ike' && event.exchange === 'MAIN_MODE');
    expect(mainModes).toHaveLength(1);
    expect(h.host.connectionStatus('VNet1', 'Site1')).toMatchObject({ ConnectivityState: 'Connecting', reason: 'TS_UNACCEPTABLE', LastEventID: 23403 });
    expect(h.host.execute({ type: 'configureDevice', site: 'Site1', trafficSelectors: ['10.0.0.0/16'] })).toEqual({ ok: true });
    h.clock.advanceBy(1_000);
    expect(h.host.connectionStatus('VNet1', 'Site1')).toMatchObject({ ConnectivityState: 'Connected' });
    expect(h.host.connectionStatus('VNet1', 'Site1')?.reason).toBeUndefined();
  });
});
