/**
 * Gateway actors at scale (issue 5): 1,000 DynamicRouting gateways × 10 site tunnels on one simulated clock,
 * provisioned, connected, then run through simulated days in which every IKE SA and IPsec SA rekeys at its lifetime
 * and a seeded 1% of on-premises devices per day fail for a while (power loss or a broken link, so DPD times out) and
 * come back. Prints wall and CPU time, transitions/s, events emitted, heap bytes per tunnel, and the cost of a
 * transition beside bare XState measured in the same run (trivial three-state actors, sent events and `after` delays).
 * Set GATEWAY_BENCH_DAYS to change the simulated days (default below; 30 is the issue's full run).
 */
import { loadavg } from 'node:os';
import { GatewayHost, type GatewayCommand, type GatewayEvent } from '../src/gateway/index.js';
import { createRng, SimClock, type Rng } from '../src/sim/index.js';
import {
  countTransitions, measureActorHeapBytes, measureSentEvents, measureTimedTransitions, timeIt, type TransitionCounter,
  type TransitionSample,
} from './xstate-baseline.js';

const GATEWAY_COUNT = 1_000;
const SITES_PER_GATEWAY = 10;
const TUNNEL_COUNT = GATEWAY_COUNT * SITES_PER_GATEWAY;
const FULL_DAYS = 30;
const DEFAULT_DAYS = 3;
const SEED = 'gateway-bench';
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
// DEFAULT_GATEWAY_PROFILE: a DynamicRouting gateway provisions in 20–35 minutes; a minute more lets every IKE handshake finish.
const PROVISION_AND_CONNECT_MS = 36 * MINUTE_MS;
const FAILING_DEVICES_PER_DAY = TUNNEL_COUNT / 100;
const FAULT_MIN_MS = 5 * MINUTE_MS;
const FAULT_MAX_MS = 60 * MINUTE_MS;
// Faults start early enough that the device is back, and its tunnel reconnected (backoff ≤ 5 min), before the day ends.
const FAULT_LATEST_START_MS = DAY_MS - 2 * HOUR_MS;
const BASELINE_ACTORS = 10_000;
const BASELINE_ROUNDS = 12;
const BASELINE_REPEATS_BEFORE = 3;
const BASELINE_REPEATS_AFTER = 2;

/** A command due at a simulated time. */
interface TimedCommand {
  atMs: number;
  command: GatewayCommand;
}

/** What the event sink tallies (events are counted, not kept: 20 M objects would measure the log, not the gateway). */
interface EventTally {
  total: number;
  byType: Map<string, number>;
  ikeRekeys: number;
  childRekeys: number;
  dpdTimeouts: number;
  /** Sum over connection.stateChanged of (time, target state): equal across runs with the same seed. */
  stateChecksum: number;
}

function readDays(): number {
  const text = process.env['GATEWAY_BENCH_DAYS'];
  if (text === undefined || text === '') return DEFAULT_DAYS;
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1 || days > FULL_DAYS) throw new Error(`GATEWAY_BENCH_DAYS must be an integer from 1 to ${FULL_DAYS}, got '${text}'`);
  return days;
}

function siteName(gateway: number, site: number): string {
  return `Site-${gateway}-${site}`;
}

function createEventTally(): EventTally {
  return { total: 0, byType: new Map(), ikeRekeys: 0, childRekeys: 0, dpdTimeouts: 0, stateChecksum: 0 };
}

function tallyEvent(tally: EventTally, event: GatewayEvent, nowMs: number): void {
  tally.total++;
  tally.byType.set(event.type, (tally.byType.get(event.type) ?? 0) + 1);
  if (event.type === 'connection.ike') {
    if (event.detail === 'IKE SA rekeyed') tally.ikeRekeys++;
    else if (event.detail === 'IPsec SA rekeyed') tally.childRekeys++;
  } else if (event.type === 'connection.stateChanged') {
    // The retry that follows re-reports the reason (retry flag); only the drop itself is a timeout.
    if (event.reason === 'DPD_TIMEOUT' && event.to === 'NotConnected') tally.dpdTimeouts++;
    tally.stateChecksum = (tally.stateChecksum + (nowMs % 1_000_003) * (event.to.length + 1)) % 2_147_483_647;
  }
}

/** Defines 1,000 VNets, each with its own 10 sites behind default (compatible) devices, and creates every gateway. */
function buildHost(clock: SimClock, tally: EventTally, counter: TransitionCounter): GatewayHost {
  let nextIp = 0;
  const host = new GatewayHost({
    clock,
    rng: createRng(SEED).fork('gateway'),
    emit: (event) => tallyEvent(tally, event, clock.now()),
    allocatePublicIp: () => {
      nextIp++;
      return `40.${(nextIp >> 16) & 255}.${(nextIp >> 8) & 255}.${nextIp & 255}`;
    },
  });
  for (let g = 0; g < GATEWAY_COUNT; g++) {
    const sites: string[] = [];
    for (let s = 0; s < SITES_PER_GATEWAY; s++) {
      const name = siteName(g, s);
      // Branch prefixes differ within a gateway (overlapping sites are refused); device IPs sit outside them.
      host.defineSite({ name, addressPrefixes: [`192.168.${s}.0/24`], vpnGatewayAddress: `131.${107 + s}.${g >> 8}.${g & 255}` });
      sites.push(name);
    }
    host.defineVnet({ vnet: `VNet${g}`, addressSpace: [`10.${g >> 8}.${g & 255}.0/24`], hasGatewaySubnet: true, sites });
  }
  for (const device of host.devices.values()) countTransitions(device.actor, counter);
  for (const record of host.vnets.values()) countTransitions(record.actor, counter);
  for (let g = 0; g < GATEWAY_COUNT; g++) runCommand(host, { type: 'createGateway', vnet: `VNet${g}`, gatewayType: 'DynamicRouting' });
  return host;
}

function runCommand(host: GatewayHost, command: GatewayCommand): void {
  const result = host.execute(command);
  if (!result.ok) throw new Error(`bench command ${command.type} refused: ${result.message}`);
}

/** Counts every tunnel actor (they exist once the gateways are Provisioned and live on through DPD failures). */
function watchTunnels(host: GatewayHost, counter: TransitionCounter): void {
  for (const record of host.vnets.values()) {
    for (const tunnel of record.tunnels.values()) {
      if (!tunnel.actor) throw new Error(`tunnel ${record.name} → ${tunnel.site} has no actor after provisioning`);
      countTransitions(tunnel.actor, counter);
    }
  }
}

/**
 * The day's device faults: distinct sites, half power losses (the device reboots and re-initiates when it returns) and
 * half broken links (the tunnel waits out its backoff once the link heals). Either way DPD declares the peer dead.
 */
function planFaults(rng: Rng, dayStartMs: number): TimedCommand[] {
  const chosen = new Set<number>();
  while (chosen.size < FAILING_DEVICES_PER_DAY) chosen.add(rng.nextInt(TUNNEL_COUNT));
  const steps: TimedCommand[] = [];
  for (const index of chosen) {
    const site = siteName(Math.floor(index / SITES_PER_GATEWAY), index % SITES_PER_GATEWAY);
    const startMs = dayStartMs + rng.nextInt(FAULT_LATEST_START_MS);
    const endMs = startMs + FAULT_MIN_MS + rng.nextInt(FAULT_MAX_MS - FAULT_MIN_MS);
    if (rng.nextInt(2) === 0) {
      steps.push({ atMs: startMs, command: { type: 'setDevicePower', site, up: false } });
      steps.push({ atMs: endMs, command: { type: 'setDevicePower', site, up: true } });
    } else {
      steps.push({ atMs: startMs, command: { type: 'setLinkFault', site, broken: true } });
      steps.push({ atMs: endMs, command: { type: 'setLinkFault', site, broken: false } });
    }
  }
  return steps.sort((a, b) => a.atMs - b.atMs);
}

function runDay(host: GatewayHost, clock: SimClock, steps: readonly TimedCommand[], dayEndMs: number): void {
  for (const step of steps) {
    clock.advanceTo(step.atMs);
    runCommand(host, step.command);
  }
  clock.advanceTo(dayEndMs);
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function heapAfterGc(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] ?? Number.NaN : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function nsPerTransition(sample: TransitionSample): number {
  return (sample.cpuMs * 1e6) / sample.transitions;
}

function format(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function describeSamples(samples: readonly TransitionSample[]): string {
  const ns = samples.map(nsPerTransition);
  const mid = median(ns);
  return `${format(1e9 / mid)} transitions/s CPU, ${format(mid)} ns each (median of ${ns.length}; ${format(Math.min(...ns))}–${format(Math.max(...ns))} ns)`;
}

const days = readDays();
const sentSamples: TransitionSample[] = [];
const timedSamples: TransitionSample[] = [];
function sampleBaselines(repeats: number): void {
  for (let r = 0; r < repeats; r++) {
    sentSamples.push(measureSentEvents(BASELINE_ACTORS, BASELINE_ROUNDS));
    timedSamples.push(measureTimedTransitions(BASELINE_ACTORS, BASELINE_ROUNDS));
  }
}

const hasGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
console.log(`${format(GATEWAY_COUNT)} DynamicRouting gateways × ${SITES_PER_GATEWAY} tunnels, ${days} of ${FULL_DAYS} simulated days`
  + `${days < FULL_DAYS ? ` (scale ${format(days / FULL_DAYS, 3)}; GATEWAY_BENCH_DAYS=${FULL_DAYS} runs it all)` : ''}; seed '${SEED}'`
  + `${hasGc ? '' : ' (run with --expose-gc for heap figures)'}`);
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on a shared machine; rates use CPU time (process.cpuUsage), wall time in brackets`);
console.log('a transition = an actor macrostep that produced a new snapshot (state or context changed), counted by an observer on every actor');

sampleBaselines(BASELINE_REPEATS_BEFORE);

const clock = new SimClock();
const tally = createEventTally();
const counter: TransitionCounter = { transitions: 0 };
const heapBefore = heapAfterGc();
const setup = timeIt(() => {
  const built = buildHost(clock, tally, counter);
  clock.advanceTo(PROVISION_AND_CONNECT_MS);
  return built;
});
const host = setup.value;
if (host.connectedSites().length !== TUNNEL_COUNT) throw new Error(`only ${host.connectedSites().length} of ${TUNNEL_COUNT} tunnels connected after provisioning`);
watchTunnels(host, counter);
const setupEvents = tally.total;
const heapConnected = heapAfterGc();

const faultRng = createRng(SEED).fork('faults');
const plans = Array.from({ length: days }, (_, day) => planFaults(faultRng, PROVISION_AND_CONNECT_MS + day * DAY_MS));
const daySamples: TransitionSample[] = [];
for (let day = 0; day < days; day++) {
  const before = counter.transitions;
  const run = timeIt(() => runDay(host, clock, plans[day] ?? [], PROVISION_AND_CONNECT_MS + (day + 1) * DAY_MS));
  daySamples.push({ transitions: counter.transitions - before, cpuMs: run.cpuMs, wallMs: run.wallMs });
}
const connectedAtEnd = host.connectedSites().length;
const heapAfterRun = heapAfterGc();
const bytesPerTunnel = (heapAfterRun - heapBefore) / TUNNEL_COUNT;

sampleBaselines(BASELINE_REPEATS_AFTER);
const actorBytes = measureActorHeapBytes(BASELINE_ACTORS, collectGarbage);

const run: TransitionSample = daySamples.reduce((sum, d) => ({
  transitions: sum.transitions + d.transitions, cpuMs: sum.cpuMs + d.cpuMs, wallMs: sum.wallMs + d.wallMs,
}), { transitions: 0, cpuMs: 0, wallMs: 0 });
const sentNs = median(sentSamples.map(nsPerTransition));
const timedNs = median(timedSamples.map(nsPerTransition));
const runNs = nsPerTransition(run);
const dayNs = median(daySamples.map(nsPerTransition));
const runEvents = tally.total - setupEvents;

console.log(`\nbaseline  bare XState, ${format(BASELINE_ACTORS)} trivial 3-state actors × ${BASELINE_ROUNDS} rounds`);
console.log(`  sent events      ${describeSamples(sentSamples)}`);
console.log(`  after delays     ${describeSamples(timedSamples)} (same SimClock as the gateway)`);
console.log(`\nsetup     define + create + provision + connect: ${format(setup.cpuMs)} ms [${format(setup.wallMs)}], `
  + `${format(setupEvents)} events; ${format(TUNNEL_COUNT)} tunnels Connected (transitions are counted from here on)`);
console.log(`run       ${days} simulated days: ${format(run.cpuMs)} ms CPU [${format(run.wallMs)} wall], ${format(run.transitions)} transitions, `
  + `${format(runEvents)} events emitted`);
console.log(`  rate             ${format(run.transitions / (run.cpuMs / 1000))} transitions/s CPU [${format(run.transitions / (run.wallMs / 1000))} wall], `
  + `${format(runNs)} ns each; per-day median ${format(dayNs)} ns (${format(Math.min(...daySamples.map(nsPerTransition)))}–${format(Math.max(...daySamples.map(nsPerTransition)))})`);
console.log(`  vs after delays  ${format(runNs / timedNs, 2)}× the cost per transition (per-day median ${format(dayNs / timedNs, 2)}×; target ≤ 2×)`);
console.log(`  vs sent events   ${format(runNs / sentNs, 2)}× the cost per transition (per-day median ${format(dayNs / sentNs, 2)}×)`);
console.log(`  events/s         ${format(runEvents / (run.cpuMs / 1000))} CPU; by type: ${[...tally.byType].map(([type, n]) => `${type} ${format(n)}`).join(', ')}`);
const expectedChildRekeys = TUNNEL_COUNT * days * 24;
console.log(`  rekeys           ${format(tally.ikeRekeys)} IKE SA + ${format(tally.childRekeys)} IPsec SA (an undisturbed run would do `
  + `${format(TUNNEL_COUNT * days * 8)} + ${format(expectedChildRekeys)}); ${format(tally.dpdTimeouts)} DPD timeouts from `
  + `${format(FAILING_DEVICES_PER_DAY * days)} device faults; ${format(connectedAtEnd)} of ${format(TUNNEL_COUNT)} tunnels Connected at the end`);
console.log(`  determinism      state-change checksum ${tally.stateChecksum} (same seed → same number)`);
console.log(`memory    after connect ${format((heapConnected - heapBefore) / TUNNEL_COUNT)} B/tunnel, after the run ${format(bytesPerTunnel)} B/tunnel `
  + `(its share of gateway, device, site and status view included; ${format((heapAfterRun - heapBefore) / 1e6, 1)} MB in all), `
  + `${format(bytesPerTunnel / actorBytes, 1)}× a trivial actor with a pending timer (${format(actorBytes)} B)`);
if (days < FULL_DAYS) {
  const perDayTransitions = run.transitions / days;
  console.log(`extrapolated to ${FULL_DAYS} days (days are alike: same rekey cadence, same fault rate): ≈ ${format(perDayTransitions * FULL_DAYS)} transitions, `
    + `≈ ${format((dayNs * perDayTransitions * FULL_DAYS) / 1e9, 0)} s CPU at the per-day median cost`);
}
