import { fc, test } from '@fast-check/vitest';
import { createActor, type EventObject } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { ConnectionEvent, ConnectionInput, TunnelLink } from '../../src/gateway/connection-contract.js';
import { connectionMachine, connectionSteps } from '../../src/gateway/connection-machine.js';
import { gatewayMachine, gatewaySteps, type GatewayLink, type GatewayMachineEvent } from '../../src/gateway/gateway-machine.js';
import { MachineRunner } from '../../src/gateway/machine-runner.js';
import type { IkeExchange } from '../../src/gateway/negotiation.js';
import { DEFAULT_GATEWAY_PROFILE } from '../../src/gateway/profile.js';
import type { FailureReason } from '../../src/gateway/reasons.js';
import type { GatewayClock } from '../../src/gateway/types.js';
import { SimClock } from '../../src/sim/clock.js';

// The gateway host runs its statecharts by their pure transitions (MachineRunner) rather than as XState actors. Both
// paths are driven here with the same generated event sequences — sent events, clock jumps that fire the delayed
// ones, a peer whose answers change under them, and stops — and must agree at every step on the state, the context,
// every report the machine makes (with its simulated time), every timer request, and when listeners hear of a step.

/** The two ways of running a machine, seen through what the tests compare. */
interface Driven<E> {
  send(event: E): void;
  stop(): void;
  snapshot(): { value: unknown; context: object };
}

/**
 * A clock that logs each timer request (set with its delay, or clear of the n-th timer set) at the time it was made,
 * into the same log as the machine's reports, so the order of timer requests among the reports is compared too.
 */
class RecordingClock implements GatewayClock {
  private readonly numbers = new Map<unknown, number>();
  constructor(private readonly clock: SimClock, private readonly requests: string[]) {}
  now(): number {
    return this.clock.now();
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.clock.setTimeout(callback, ms);
    this.numbers.set(handle, this.numbers.size + 1);
    this.requests.push(`${this.now()} set #${this.numbers.size} after ${ms}`);
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.requests.push(`${this.now()} clear #${this.numbers.get(handle) ?? '?'}`);
    this.clock.clearTimeout(handle as Parameters<SimClock['clearTimeout']>[0]);
  }
}

interface Peer {
  silentDown: FailureReason | undefined;
  silentUp: FailureReason | undefined;
  refusals: Partial<Record<IkeExchange, FailureReason>>;
}

/** One side of the comparison: its clock, its log of reports, and the machine under test. */
interface Side<E> {
  sim: SimClock;
  clock: RecordingClock;
  log: string[];
  machine: Driven<E>;
}

function createSide<E>(start: (clock: RecordingClock, log: string[]) => Driven<E>): Side<E> {
  const sim = new SimClock();
  const log: string[] = [];
  const clock = new RecordingClock(sim, log);
  return { sim, clock, log, machine: start(clock, log) };
}

/** A deterministic jitter source; each side gets its own, so both draw the same sequence. */
function createCountingRandom(): TunnelLink['random'] {
  let state = 7;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state;
  };
  return { nextInt: (max) => next() % max, nextFloat: () => next() / 2_147_483_648 };
}

function createLink(peer: Peer, clock: RecordingClock, log: string[], reply: (event: ConnectionEvent) => void, repliesToReports: boolean): TunnelLink {
  // A few replies are enough to check the ordering; answering every failure with CONNECT would retry every round trip.
  let replies = repliesToReports ? 3 : 0;
  return {
    now: () => clock.now(),
    random: createCountingRandom(),
    findSilence: (tunnelUp) => (tunnelUp ? peer.silentUp ?? peer.silentDown : peer.silentDown),
    findRefusal: (exchange) => peer.refusals[exchange],
    reportState: (state, reason) => {
      log.push(`${clock.now()} state ${state} ${reason ?? '-'}`);
      // An event sent from inside an action waits until the step that sent it is done (the actor's mailbox).
      if (replies > 0 && state === 'NotConnected') {
        replies--;
        reply({ type: 'CONNECT' });
      }
    },
    reportIke: (exchange, detail) => log.push(`${clock.now()} ike ${exchange} ${detail}`),
  };
}

function withoutObjects(context: object): object {
  return Object.fromEntries(Object.entries(context).filter(([, value]) => typeof value !== 'object' || value === null));
}

function expectAgreement<E>(actor: Side<E>, runner: Side<E>): void {
  const a = actor.machine.snapshot();
  const b = runner.machine.snapshot();
  expect(b.value).toEqual(a.value);
  expect(withoutObjects(b.context)).toEqual(withoutObjects(a.context));
  expect(runner.log).toEqual(actor.log);
  expect(runner.sim.now()).toBe(actor.sim.now());
}

/** A stopped actor ignores events too, but warns on stderr; the runner side is still sent them and must ignore them. */
function sendUnlessStopped<E extends EventObject>(actor: { getSnapshot(): { status: string }; send(event: E): void }, event: E): void {
  if (actor.getSnapshot().status !== 'stopped') actor.send(event);
}

type Step<E> = { kind: 'send'; event: E } | { kind: 'advance'; ms: number } | { kind: 'peer'; peer: Partial<Peer> } | { kind: 'stop' };

function play<E>(steps: readonly Step<E>[], peer: Peer, actor: Side<E>, runner: Side<E>): void {
  expectAgreement(actor, runner);
  for (const step of steps) {
    for (const side of [actor, runner]) {
      if (step.kind === 'send') side.machine.send(step.event);
      else if (step.kind === 'advance') side.sim.advanceBy(step.ms);
      else if (step.kind === 'stop') side.machine.stop();
    }
    if (step.kind === 'peer') Object.assign(peer, step.peer);
    expectAgreement(actor, runner);
  }
}

const failureReason = fc.constantFrom<FailureReason>('PEER_UNREACHABLE', 'DEVICE_IP_INSIDE_SITE', 'WRONG_PEER_IP', 'GATEWAY_RESET');
const refusal = fc.constantFrom<FailureReason>('AUTHENTICATION_FAILED', 'NO_PROPOSAL_CHOSEN', 'TS_UNACCEPTABLE');
const exchange = fc.constantFrom<IkeExchange>('IKE_SA_INIT', 'IKE_AUTH', 'CREATE_CHILD_SA', 'MAIN_MODE', 'QUICK_MODE', 'INFORMATIONAL');
const peerPatch = fc.record({
  silentDown: fc.option(failureReason, { nil: undefined }),
  silentUp: fc.option(failureReason, { nil: undefined }),
  refusals: fc.dictionary(exchange, refusal, { maxKeys: 2 }),
});
// Jumps from a round trip to past an SA lifetime, so retransmits, backoff, DPD and rekeys all fire.
const jump = fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 12 * 3_600_000 }));

const connectionEvent = fc.oneof(
  fc.constant<ConnectionEvent>({ type: 'CONNECT' }),
  failureReason.map<ConnectionEvent>((reason) => ({ type: 'DISCONNECT', reason })),
  fc.constant<ConnectionEvent>({ type: 'PEER_CHANGED' }),
  fc.constant<ConnectionEvent>({ type: 'PEER_RESET' }),
  fc.constant<ConnectionEvent>({ type: 'RECONFIGURE' }),
);

function stepsOf<E>(event: fc.Arbitrary<E>): fc.Arbitrary<Step<E>[]> {
  return fc.array(fc.oneof(
    { weight: 4, arbitrary: event.map((e): Step<E> => ({ kind: 'send', event: e })) },
    { weight: 5, arbitrary: jump.map((ms): Step<E> => ({ kind: 'advance', ms })) },
    { weight: 2, arbitrary: peerPatch.map((p): Step<E> => ({ kind: 'peer', peer: p })) },
    { weight: 1, arbitrary: fc.constant<Step<E>>({ kind: 'stop' }) },
  ), { maxLength: 30 });
}

function connectionInput(ikeVersion: 1 | 2, connectsAtStart: boolean, link: TunnelLink): ConnectionInput {
  return {
    ikeVersion, dpdEnabled: ikeVersion === 2, ikeSaLifetimeMs: 10_800_000, childSaLifetimeMs: 3_600_000,
    profile: DEFAULT_GATEWAY_PROFILE, link, connectsAtStart,
  };
}

describe('a connection run by its pure transitions behaves as its actor', () => {
  test.prop([
    fc.constantFrom<1 | 2>(1, 2), fc.boolean(), fc.boolean(), peerPatch, stepsOf(connectionEvent),
  ], { numRuns: 80 })('same states, contexts, reports and timer requests', (ikeVersion, connectsAtStart, repliesToReports, initialPeer, steps) => {
    const peer: Peer = { ...initialPeer };
    const actor = createSide<ConnectionEvent>((clock, log) => {
      let self: { send(event: ConnectionEvent): void } | undefined;
      const link = createLink(peer, clock, log, (event) => self?.send(event), repliesToReports);
      const created = createActor(connectionMachine, { clock, input: connectionInput(ikeVersion, connectsAtStart, link) });
      self = created;
      created.start();
      return { send: (event) => sendUnlessStopped(created, event), stop: () => created.stop(), snapshot: () => created.getSnapshot() };
    });
    const runner = createSide<ConnectionEvent>((clock, log) => {
      let self: { send(event: ConnectionEvent): void } | undefined;
      const link = createLink(peer, clock, log, (event) => self?.send(event), repliesToReports);
      const created = new MachineRunner(connectionSteps(), clock, connectionInput(ikeVersion, connectsAtStart, link));
      self = created;
      created.start();
      return { send: (event) => created.send(event), stop: () => created.stop(), snapshot: () => created.getSnapshot() };
    });
    play(steps, peer, actor, runner);
  });
});

const gatewayEvent = fc.oneof(
  fc.record({
    type: fc.constant('CREATE' as const), gatewayType: fc.constantFrom('StaticRouting' as const, 'DynamicRouting' as const),
    sku: fc.constantFrom('Default' as const, 'HighPerformance' as const), fails: fc.boolean(), provisionMs: fc.integer({ min: 0, max: 3_000_000 }),
  }),
  fc.record({ type: fc.constant('DELETE' as const), deprovisionMs: fc.integer({ min: 0, max: 600_000 }) }),
  fc.constant({ type: 'RESET' as const }),
  fc.record({ type: fc.constant('RESIZE' as const), sku: fc.constantFrom('Default' as const, 'HighPerformance' as const), resizeMs: fc.integer({ min: 0, max: 600_000 }) }),
) as fc.Arbitrary<GatewayMachineEvent>;

function createGatewayLink(clock: RecordingClock, log: string[]): GatewayLink {
  const report = (what: string) => log.push(`${clock.now()} ${what}`);
  return {
    enterState: (state) => report(`enter ${state}`),
    startFailover: (both) => report(`failover ${both}`),
    completeFailover: () => report('failover done'),
    completeResize: (sku) => report(`resized ${sku}`),
    failProvisioning: () => report('provisioning failed'),
  };
}

describe('a gateway run by its pure transitions behaves as its actor', () => {
  test.prop([stepsOf(gatewayEvent)], { numRuns: 100 })('same states, contexts, hooks, listener calls and timer requests', (steps) => {
    const peer: Peer = { silentDown: undefined, silentUp: undefined, refusals: {} };
    const actor = createSide<GatewayMachineEvent>((clock, log) => {
      const created = createActor(gatewayMachine, { clock, input: { profile: DEFAULT_GATEWAY_PROFILE, link: createGatewayLink(clock, log) } });
      created.subscribe((snapshot) => log.push(`${clock.now()} heard ${JSON.stringify(snapshot.value)}`));
      created.start();
      return { send: (event) => sendUnlessStopped(created, event), stop: () => created.stop(), snapshot: () => created.getSnapshot() };
    });
    const runner = createSide<GatewayMachineEvent>((clock, log) => {
      const created = new MachineRunner(gatewaySteps(), clock, { profile: DEFAULT_GATEWAY_PROFILE, link: createGatewayLink(clock, log) });
      created.subscribe(() => log.push(`${clock.now()} heard ${JSON.stringify(created.stateValue)}`));
      created.start();
      return { send: (event) => created.send(event), stop: () => created.stop(), snapshot: () => created.getSnapshot() };
    });
    play(steps, peer, actor, runner);
  });
});

describe('learned steps', () => {
  it('a second tunnel taking the steps a first one took runs no XState step at all', () => {
    const steps = connectionSteps();
    const connect = () => {
      const side = createSide<ConnectionEvent>((clock, log) => {
        const peer: Peer = { silentDown: undefined, silentUp: undefined, refusals: {} };
        const link = createLink(peer, clock, log, () => undefined, false);
        const runner = new MachineRunner(steps, clock, connectionInput(2, true, link)).start();
        return { send: (event) => runner.send(event), stop: () => runner.stop(), snapshot: () => runner.getSnapshot() };
      });
      side.sim.advanceBy(5 * 3_600_000);
      return side.log;
    };
    const first = connect();
    const { computed, replayed } = steps.counts;
    const second = connect();
    expect(second).toEqual(first);
    expect(first.some((line) => line.includes('IPsec SA rekeyed'))).toBe(true);
    expect(steps.counts.computed).toBe(computed);
    expect(steps.counts.replayed).toBeGreaterThan(replayed);
  });
});
