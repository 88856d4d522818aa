/**
 * World engine throughput: builds a world of 10,000 VMs across 200 cloud services and 50 VNets (with provisioning,
 * stops, deallocations and starts) through the full command path, then replays its log with the fold alone.
 * Prints events/s, heap bytes per VM, and replay vs build, each beside a baseline measured in the same run: a plain
 * loop that `Map.set`s as many small objects as there are events.
 */
import { performance } from 'node:perf_hooks';
import type { NetworkPlan } from '../src/ipam/index.js';
import { checkInvariants, replayEvents, Simulation, type Command, type EventLog, type World } from '../src/sim/index.js';

const VNET_COUNT = 50;
const SERVICES_PER_VNET = 4;
const VMS_PER_SERVICE = 50;
const VM_COUNT = VNET_COUNT * SERVICES_PER_VNET * VMS_PER_SERVICE;
const REGION = 'West US';
const HOUR_MS = 3_600_000;
const AT = { file: 'bench', line: 1, column: 1 };

function buildPlan(): NetworkPlan {
  return {
    file: 'bench',
    dnsServers: [],
    localSites: [],
    vnets: Array.from({ length: VNET_COUNT }, (_, v) => ({
      name: `vnet${v}`,
      affinityGroup: undefined,
      location: { value: REGION, at: AT },
      addressSpace: [{ value: `10.${v}.0.0/16`, at: AT }],
      subnets: [{ name: 'Apps', addressPrefix: { value: `10.${v}.0.0/20`, at: AT }, at: AT }],
      dnsServerRefs: [],
      gateway: undefined,
      at: AT,
    })),
  };
}

function serviceName(v: number, s: number): string {
  return `svc-${v}-${s}`;
}

function runCommands(sim: Simulation, commands: readonly Command[]): void {
  for (const command of commands) {
    const result = sim.execute(command);
    if (!result.ok) throw new Error(`bench command refused: ${result.diagnostic.message}`);
  }
}

// 10k image VMs (Windows and Linux alternate), then three fifths of them stopped (some deallocated) and started again.
function buildWorld(): Simulation {
  const sim = Simulation.create({ seed: 'bench', era: '2014', network: buildPlan() });
  runCommands(sim, [{ type: 'addImage', name: 'win', os: 'Windows' }, { type: 'addImage', name: 'lx', os: 'Linux' }]);
  for (let v = 0; v < VNET_COUNT; v++) {
    for (let s = 0; s < SERVICES_PER_VNET; s++) {
      const service = serviceName(v, s);
      runCommands(sim, [{ type: 'createService', name: service, region: REGION }]);
      for (let i = 0; i < VMS_PER_SERVICE; i++) {
        const isWindows = i % 2 === 0;
        runCommands(sim, [{
          type: 'createVm', service, name: `vm${i}`, image: isWindows ? 'win' : 'lx', vnet: `vnet${v}`, subnet: 'Apps',
          adminUser: 'admin', ...(isWindows ? { password: 'Pa55w.rd' } : { sshKey: 'ssh-rsa AAAA' }),
        }]);
      }
    }
  }
  sim.advanceTo(HOUR_MS);
  const cycled: { service: string; name: string; deallocate: boolean }[] = [];
  for (let v = 0; v < VNET_COUNT; v++) {
    for (let s = 0; s < SERVICES_PER_VNET; s++) {
      for (let i = 0; i < VMS_PER_SERVICE; i++) {
        if ((i % 5) % 2 === 0) cycled.push({ service: serviceName(v, s), name: `vm${i}`, deallocate: i % 3 === 0 });
      }
    }
  }
  runCommands(sim, cycled.map((c): Command => ({ type: 'stopVm', service: c.service, name: c.name, stayProvisioned: !c.deallocate })));
  sim.advanceTo(2 * HOUR_MS);
  runCommands(sim, cycled.map((c): Command => ({ type: 'startVm', service: c.service, name: c.name })));
  sim.advanceTo(3 * HOUR_MS);
  return sim;
}

function baselineMapSets(count: number): Map<number, object> {
  const map = new Map<number, object>();
  for (let i = 0; i < count; i++) map.set(i, { seq: i + 1, time: i, type: 'vm.stateChanged', service: `svc-${i % 200}`, vm: `vm${i % 50}` });
  return map;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

// CPU time as well as wall time: on a shared machine the wall clock also counts other processes' turns.
function timeIt<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function format(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

// Warm-up on a smaller run would change nothing the figures care about; one full build measures the real path.
collectGarbage();
const heapBeforeBuild = process.memoryUsage().heapUsed;
const build = timeIt(buildWorld);
collectGarbage();
const heapAfterBuild = process.memoryUsage().heapUsed;
const events: EventLog = build.value.events;
const eventCount = events.length;

const problems = checkInvariants(build.value.world);
if (problems.length > 0) throw new Error(`invariants broken: ${problems.slice(0, 3).join('; ')}`);

collectGarbage();
const heapBeforeReplay = process.memoryUsage().heapUsed;
const replay = timeIt((): World => replayEvents(events));
collectGarbage();
const heapAfterReplay = process.memoryUsage().heapUsed;
if (replay.value.vms.inCreationOrder.size !== VM_COUNT) throw new Error('replay lost VMs');

collectGarbage();
const heapBeforeBaseline = process.memoryUsage().heapUsed;
const baseline = timeIt(() => baselineMapSets(eventCount));
collectGarbage();
const heapAfterBaseline = process.memoryUsage().heapUsed;

const buildRate = eventCount / (build.cpuMs / 1000);
const replayRate = eventCount / (replay.cpuMs / 1000);
const baselineRate = eventCount / (baseline.cpuMs / 1000);
const hasGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
const worldBytesPerVm = (heapAfterReplay - heapBeforeReplay) / VM_COUNT;
const totalBytesPerVm = (heapAfterBuild - heapBeforeBuild) / VM_COUNT;
const baselineBytesPerEvent = (heapAfterBaseline - heapBeforeBaseline) / eventCount;

console.log(`world: ${format(VM_COUNT)} VMs, ${VNET_COUNT * SERVICES_PER_VNET} services, ${VNET_COUNT} VNets; ${format(eventCount)} events${hasGc ? '' : ' (run with --expose-gc for stable heap figures)'}`);
console.log('rates use CPU time (process.cpuUsage); wall time in brackets');
console.log(`baseline  Map.set of ${format(eventCount)} objects: ${format(baseline.cpuMs, 1)} ms [${format(baseline.ms, 1)}], ${format(baselineRate)} ops/s, ${format(baselineBytesPerEvent)} B/object`);
console.log(`build     commands → events → fold: ${format(build.cpuMs, 1)} ms [${format(build.ms, 1)}], ${format(buildRate)} events/s (${format(buildRate / baselineRate, 3)}× baseline; target ≥ 50,000)`);
console.log(`replay    fold only: ${format(replay.cpuMs, 1)} ms [${format(replay.ms, 1)}], ${format(replayRate)} events/s (${format(replayRate / baselineRate, 3)}× baseline; ${format(replay.cpuMs / build.cpuMs, 3)}× build time)`);
console.log(`memory    world alone ${format(worldBytesPerVm)} B/VM (${format(worldBytesPerVm / baselineBytesPerEvent, 1)}× a baseline object); world + log ${format(totalBytesPerVm)} B/VM`);
