import { getShortestPaths } from '@xstate/graph';
import { createActor, getNextSnapshot, type AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/sim/clock.js';
import type { ConnectionInput, TunnelLink } from '../../src/gateway/connection-contract.js';
import { connectionMachine } from '../../src/gateway/connection-machine.js';
import { deviceMachine } from '../../src/gateway/device.js';
import { gatewayMachine, type GatewayLink } from '../../src/gateway/gateway-machine.js';
import type { IkeExchange } from '../../src/gateway/negotiation.js';
import { DEFAULT_GATEWAY_PROFILE } from '../../src/gateway/profile.js';
import type { FailureReason } from '../../src/gateway/reasons.js';
import { DEPROVISION_MS, PROVISION_MS, RESIZE_MS } from './harness.js';
import { compatibleDevice } from './harness.js';

// Model-based tests: @xstate/graph walks each machine (state value plus the bounded retransmit counter, never the
// unbounded context), then every shortest path is replayed on a real actor whose delayed transitions fire from the
// simulated clock, checking that the timers reach the same states the model predicts.

interface Peer {
  silentDown?: FailureReason;
  silentUp?: FailureReason;
  refusals?: Partial<Record<IkeExchange, FailureReason>>;
}

function createFakeLink(peer: Peer, now: () => number): TunnelLink {
  return {
    now,
    random: { nextInt: () => 0, nextFloat: () => 0 },
    findSilence: (tunnelUp) => (tunnelUp ? peer.silentUp ?? peer.silentDown : peer.silentDown),
    findRefusal: (exchange) => peer.refusals?.[exchange],
    reportState: () => undefined,
    reportIke: () => undefined,
  };
}

function connectionInput(ikeVersion: 1 | 2, link: TunnelLink): ConnectionInput {
  return {
    ikeVersion, dpdEnabled: ikeVersion === 2, ikeSaLifetimeMs: 10_800_000, childSaLifetimeMs: 3_600_000,
    profile: DEFAULT_GATEWAY_PROFILE, link,
  };
}

/** Every `xstate.after.*` event a machine can take, found by walking its state nodes. */
function listDelayedEvents(machine: AnyStateMachine): Array<{ type: string }> {
  const types = new Set<string>();
  const walk = (node: { after?: Array<{ eventType: string }>; states?: Record<string, unknown> }): void => {
    for (const transition of node.after ?? []) types.add(transition.eventType);
    for (const child of Object.values(node.states ?? {})) walk(child as typeof node);
  };
  walk(machine.root as unknown as Parameters<typeof walk>[0]);
  return [...types].map((type) => ({ type }));
}

const CONNECTION_EVENTS = [
  { type: 'CONNECT' }, { type: 'DISCONNECT', reason: 'DISCONNECTED' }, { type: 'PEER_CHANGED' }, { type: 'PEER_RESET' },
  { type: 'RECONFIGURE' }, ...listDelayedEvents(connectionMachine),
];

function exploreConnection(ikeVersion: 1 | 2, peer: Peer) {
  const link = createFakeLink(peer, () => 0);
  return getShortestPaths(connectionMachine, {
    input: connectionInput(ikeVersion, link),
    events: CONNECTION_EVENTS as never,
    serializeState: (s: { value: unknown; context: { tries: number } }) => JSON.stringify([s.value, s.context.tries]),
    limit: 2_000,
  } as never);
}

function valuesOf(paths: Array<{ state: { value: unknown } }>): Set<string> {
  return new Set(paths.map((p) => JSON.stringify(p.state.value)));
}

/** The top-level state of a connection snapshot value: the ConnectivityState it stands for. */
function topLevelState(value: unknown): string {
  return typeof value === 'string' ? value : Object.keys(value as object)[0] ?? '';
}

/**
 * Replays a path on a real actor: delayed events become "advance the clock to the next deadline". After every step
 * the state last reported to the host (what Get-AzureVNetConnection shows) must be the actor's top-level state.
 */
function replayConnectionPath(ikeVersion: 1 | 2, peer: Peer, steps: Array<{ event: { type: string } }>): unknown {
  const clock = new SimClock();
  const reported: string[] = [];
  const link = { ...createFakeLink(peer, () => clock.now()), reportState: (state: string) => void reported.push(state) };
  const actor = createActor(connectionMachine, { clock, input: connectionInput(ikeVersion, link) });
  actor.start();
  for (const { event } of steps) {
    if (event.type === 'xstate.init') continue;
    if (event.type.startsWith('xstate.after.')) {
      const deadline = clock.nextDeadline();
      expect(deadline, `a timer should be pending for ${event.type}`).toBeDefined();
      clock.advanceTo(deadline ?? clock.now());
    } else {
      actor.send(event as never);
    }
    expect(reported.at(-1), `reported state after ${event.type}`).toBe(topLevelState(actor.getSnapshot().value));
  }
  const value = actor.getSnapshot().value;
  actor.stop();
  return value;
}

describe('connection machine (model-based)', () => {
  const CASES: Array<[string, 1 | 2, Peer, string[], string[]]> = [
    ['healthy IKEv2 peer', 2, {},
      ['{"Connected":"established"}', '{"Connected":"rekeyingChild"}', '{"Connecting":"ikeAuth"}', '{"NotConnected":"waiting"}'],
      ['{"Connecting":"mainMode"}', '{"Connected":"dpdProbing"}']],
    ['healthy IKEv1 peer', 1, {},
      ['{"Connecting":"mainMode"}', '{"Connecting":"quickMode"}', '{"Connected":"rekeyingChild"}'],
      ['{"Connecting":"ikeSaInit"}', '{"Connected":"dpdQuiet"}']],
    ['silent IKEv2 peer', 2, { silentDown: 'PEER_UNREACHABLE' },
      ['{"Connecting":"ikeSaInit"}', '{"NotConnected":"waiting"}'],
      ['{"Connecting":"ikeAuth"}', '{"Connected":"established"}']],
    ['peer refusing IKE_AUTH', 2, { refusals: { IKE_AUTH: 'AUTHENTICATION_FAILED' } },
      ['{"Connecting":"ikeAuth"}', '{"NotConnected":"waiting"}'],
      ['{"Connected":"established"}']],
    // A refused child never tears the IKE SA down: no NotConnected.waiting, no second phase 1 after the first.
    ['peer refusing IKEv1 quick mode', 1, { refusals: { QUICK_MODE: 'TS_UNACCEPTABLE' } },
      ['{"Connecting":"quickMode"}', '{"Connecting":"childRefused"}'],
      ['{"NotConnected":"waiting"}', '{"Connected":"established"}', '{"Connecting":"creatingChild"}']],
    ['peer refusing the IKEv2 child in IKE_AUTH and CREATE_CHILD_SA', 2,
      { refusals: { IKE_AUTH: 'TS_UNACCEPTABLE', CREATE_CHILD_SA: 'TS_UNACCEPTABLE' } },
      ['{"Connecting":"childRefused"}', '{"Connecting":"creatingChild"}'],
      ['{"NotConnected":"waiting"}', '{"Connected":"established"}', '{"Connecting":"quickMode"}']],
    ['peer refusing only the IKE_AUTH child', 2, { refusals: { IKE_AUTH: 'TS_UNACCEPTABLE' } },
      ['{"Connecting":"childRefused"}', '{"Connecting":"creatingChild"}', '{"Connected":"established"}'],
      ['{"Connecting":"quickMode"}']],
    ['peer silent only once the tunnel is up (device IP inside the site)', 2, { silentUp: 'DEVICE_IP_INSIDE_SITE' },
      ['{"Connected":"dpdQuiet"}', '{"Connected":"dpdProbing"}', '{"NotConnected":"waiting"}'],
      ['{"Connected":"rekeyingChild"}']],
    // Policy-based tunnels have no DPD (DEVICES-2016): a peer gone silent is noticed only when a rekey goes unanswered.
    ['IKEv1 peer silent only once the tunnel is up: no DPD, the rekey gives up', 1, { silentUp: 'PEER_UNREACHABLE' },
      ['{"Connected":"established"}', '{"Connected":"rekeyingChild"}', '{"NotConnected":"waiting"}'],
      ['{"Connected":"dpdQuiet"}', '{"Connected":"dpdProbing"}']],
  ];

  it.each(CASES)('%s: reachable states', (_name, version, peer, reachable, unreachable) => {
    const values = valuesOf(exploreConnection(version, peer));
    for (const value of reachable) expect(values, value).toContain(value);
    for (const value of unreachable) expect(values, value).not.toContain(value);
  });

  it.each(CASES)('%s: every shortest path replays on the real clock', (_name, version, peer) => {
    const paths = exploreConnection(version, peer);
    expect(paths.length).toBeGreaterThan(3);
    for (const path of paths) {
      expect(replayConnectionPath(version, peer, path.steps as never)).toEqual(path.state.value);
    }
  });

  it('gives up after exactly retransmitTries retransmissions', () => {
    const paths = exploreConnection(2, { silentDown: 'PEER_UNREACHABLE' });
    const failed = paths.find((p) => JSON.stringify(p.state.value) === '{"NotConnected":"waiting"}');
    const retransmits = failed?.steps.filter((s) => s.event.type.endsWith('Connecting.ikeSaInit')).length;
    expect(retransmits).toBe(DEFAULT_GATEWAY_PROFILE.retransmitTries + 1);
  });
});

describe('connection machine started connecting', () => {
  // connectsAtStart spares the host a CONNECT right after start; it must behave exactly as that CONNECT would, except
  // for the initial NotConnected report without a reason, which the host drops as no news and the machine skips.
  function runFor(ikeVersion: 1 | 2, peer: Peer, connectsAtStart: boolean): string[] {
    const clock = new SimClock();
    const trace: string[] = [];
    const link = {
      ...createFakeLink(peer, () => clock.now()),
      reportState: (state: string, reason: string | undefined) => void trace.push(`${clock.now()} ${state} ${reason ?? ''}`),
      reportIke: (exchange: string, detail: string) => void trace.push(`${clock.now()} ${exchange} ${detail}`),
    };
    const actor = createActor(connectionMachine, { clock, input: { ...connectionInput(ikeVersion, link), connectsAtStart } });
    actor.start();
    if (!connectsAtStart) actor.send({ type: 'CONNECT' });
    for (let deadline = clock.nextDeadline(); deadline !== undefined && deadline < 20_000_000; deadline = clock.nextDeadline()) {
      clock.advanceTo(deadline);
      trace.push(`${clock.now()} ${JSON.stringify(actor.getSnapshot().value)} tries=${actor.getSnapshot().context.tries}`);
    }
    actor.stop();
    return trace;
  }

  it.each([
    ['healthy IKEv2', 2, {}], ['healthy IKEv1', 1, {}], ['silent IKEv2', 2, { silentDown: 'PEER_UNREACHABLE' }],
    ['IKEv2 child refused', 2, { refusals: { IKE_AUTH: 'TS_UNACCEPTABLE' } }], ['device IP inside the site', 2, { silentUp: 'DEVICE_IP_INSIDE_SITE' }],
  ] as Array<[string, 1 | 2, Peer]>)('%s: the same reports, states and timers as start then CONNECT', (_name, version, peer) => {
    const connected = runFor(version, peer, true);
    const [initialReport, ...afterConnect] = runFor(version, peer, false);
    expect(initialReport).toBe('0 NotConnected ');
    expect(connected.length).toBeGreaterThan(5);
    expect(connected).toEqual(afterConnect);
  });
});

describe('gateway machine (model-based)', () => {
  const link: GatewayLink = {
    enterState: () => undefined, startFailover: () => undefined, completeFailover: () => undefined, completeResize: () => undefined,
    failProvisioning: () => undefined,
  };
  const input = { profile: DEFAULT_GATEWAY_PROFILE, link };
  const events = [
    { type: 'CREATE', gatewayType: 'DynamicRouting', sku: 'Default', provisionMs: PROVISION_MS },
    { type: 'CREATE', gatewayType: 'StaticRouting', sku: 'Default', fails: true, provisionMs: PROVISION_MS },
    { type: 'DELETE', deprovisionMs: DEPROVISION_MS }, { type: 'RESET' },
    { type: 'RESIZE', sku: 'HighPerformance', resizeMs: RESIZE_MS }, ...listDelayedEvents(gatewayMachine),
  ];
  const paths = getShortestPaths(gatewayMachine, {
    input, events: events as never, serializeState: (s: { value: unknown }) => JSON.stringify(s.value), limit: 500,
  } as never);

  it('reaches exactly the platform states and the instance phases', () => {
    expect([...valuesOf(paths)].sort()).toEqual([
      '"Deprovisioning"', '"NotProvisioned"', '"Provisioning"',
      '{"Provisioned":"active"}', '{"Provisioned":"failingOver"}', '{"Provisioned":"rebootingBoth"}', '{"Provisioned":"resizing"}',
    ]);
  });

  it('a failing create spends the provisioning time in Provisioning, then returns to NotProvisioned, never Provisioned', () => {
    const clock = new SimClock();
    const calls: string[] = [];
    const recording: GatewayLink = { ...link, enterState: (state) => void calls.push(state), failProvisioning: () => void calls.push('failed') };
    const actor = createActor(gatewayMachine, { clock, input: { profile: DEFAULT_GATEWAY_PROFILE, link: recording } });
    actor.start();
    actor.send({ type: 'CREATE', gatewayType: 'DynamicRouting', sku: 'Default', fails: true, provisionMs: PROVISION_MS });
    clock.advanceTo(PROVISION_MS - 1);
    expect(actor.getSnapshot().value).toBe('Provisioning');
    clock.advanceTo(PROVISION_MS);
    expect(actor.getSnapshot().value).toBe('NotProvisioned');
    expect(calls).toEqual(['Provisioning', 'failed']);
    // The next create is a fresh one: it succeeds unless it is told to fail too.
    actor.send({ type: 'CREATE', gatewayType: 'DynamicRouting', sku: 'Default', provisionMs: PROVISION_MS });
    clock.advanceBy(PROVISION_MS);
    expect(actor.getSnapshot().value).toEqual({ Provisioned: 'active' });
    actor.stop();
  });

  it('ignores CREATE in every state but NotProvisioned', () => {
    for (const path of paths) {
      if (path.state.value === 'NotProvisioned') continue;
      const next = getNextSnapshot(gatewayMachine, path.state as never, { type: 'CREATE', gatewayType: 'StaticRouting', sku: 'Default', provisionMs: PROVISION_MS });
      expect(next.value).toEqual(path.state.value);
    }
  });

  it('replays each path on the clock, spending the profile durations', () => {
    const expectedMs: Record<string, number> = {
      '"NotProvisioned"': 0,
      '"Provisioning"': 0,
      '{"Provisioned":"active"}': PROVISION_MS,
      '"Deprovisioning"': PROVISION_MS,
    };
    for (const path of paths) {
      const clock = new SimClock();
      const actor = createActor(gatewayMachine, { clock, input });
      actor.start();
      for (const { event } of path.steps as Array<{ event: { type: string } }>) {
        if (event.type === 'xstate.init') continue;
        if (event.type.startsWith('xstate.after.')) clock.advanceTo(clock.nextDeadline() ?? clock.now());
        else actor.send(event as never);
      }
      const key = JSON.stringify(path.state.value);
      expect(actor.getSnapshot().value).toEqual(path.state.value);
      if (key in expectedMs) expect(clock.now(), key).toBe(expectedMs[key]);
      actor.stop();
    }
  });
});

describe('device machine', () => {
  it('powers down and up, and keeps configuration changes', () => {
    const actor = createActor(deviceMachine, { input: compatibleDevice({ up: false }) });
    actor.start();
    expect(actor.getSnapshot().value).toBe('down');
    actor.send({ type: 'POWER', up: true });
    actor.send({ type: 'CONFIGURE', patch: { sharedKey: 'k2', ikeVersions: [2] } });
    expect(actor.getSnapshot().value).toBe('up');
    expect(actor.getSnapshot().context).toMatchObject({ sharedKey: 'k2', ikeVersions: [2], publicIp: '203.0.113.10' });
    actor.send({ type: 'CONFIGURE', patch: { sharedKey: undefined } });
    expect(actor.getSnapshot().context.sharedKey).toBe('k2');
  });
});
