/**
 * Reachability at the largest world (bench/scale-world.ts, 204,800 VMs, built in process): verdict-only flows (one
 * direction, no text: the matrix's path; target ≥ 1,000,000/s warm), fully explained answers (both directions, hops,
 * every blocker: `vnetsim reach` and the page; target ≥ 100,000/s), one event-sized update (target < 1 ms: a state
 * change, a VM removed and added, a VNet re-read, as LiveTopology applies them) and the whole matrix. The question
 * mix: a third VM → VM in one VNet, a third VM → VM across VNets (the public RemoteDesktop endpoint, some ACL-denied),
 * a third VM → on-premises site. Every figure also as a ratio to a baseline timed in this same run: a Map lookup by a
 * composed string key. CPU time is printed beside wall time (the machine is shared).
 * Run: `node --import tsx bench/reach-scale.bench.ts [fraction]` (or `npm run bench -- reach-scale`).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  answerReach, buildTopologyIndex, computeMatrix, evaluateFlowVerdict, type FlowEnd, type FlowQuery, type FlowSource,
} from '../src/topology/index.js';
import { buildScaleTopology, scaleWorldSize } from './scale-world.js';

const FRACTION = Number(process.argv[2] ?? '1');
const VERDICT_QUERIES = 3_000_000;
const EXPLAINED_QUERIES = 300_000;
const UPDATE_ROUNDS = 100_000;
const STRUCTURAL_ROUNDS = 2_000;
const RDP: FlowQuery = { protocol: 'tcp', port: 3389 };

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function measure(rounds: number, run: (round: number) => void): Timing {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let r = 0; r < rounds; r++) run(r);
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs: (performance.now() - start) / rounds, cpuMs: (cpu.user + cpu.system) / 1000 / rounds };
}

function printRate(what: string, timing: Timing, baseline: Timing, target: string): void {
  const perSecond = (ms: number): string => Math.round(1000 / ms).toLocaleString('en-US').padStart(12);
  console.log(
    `${what.padEnd(46)} ${perSecond(timing.cpuMs)}/s CPU ${perSecond(timing.wallMs)}/s wall ` +
      `${(timing.cpuMs / baseline.cpuMs).toFixed(1).padStart(7)} Map lookups each   ${target}`,
  );
}

const size = scaleWorldSize(FRACTION);
const buildStart = process.cpuUsage();
const model = buildScaleTopology(size);
const index = buildTopologyIndex(model, { ownsModel: true });
const buildCpu = process.cpuUsage(buildStart);
console.log(
  `world: ${model.vms.length} VMs, ${model.services.length} services, ${model.vnets.length} VNets, ${model.localSites.length} local sites; ` +
    `model + index built in ${((buildCpu.user + buildCpu.system) / 1e6).toFixed(2)} s CPU; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
);

const keys = new Map<string, number>();
for (let i = 0; i < 10_000; i++) keys.set(`svc${i}/vm${i}`, i);
let checksum = 0;
const lookup = measure(2_000_000, (r) => {
  checksum += keys.get(`svc${r % 10_000}/vm${r % 10_000}`) ?? 0;
});

const vms: FlowSource[] = model.vms.map((vm) => ({ kind: 'vm', vm, via: 'name' }));
const sites: FlowEnd[] = model.localSites.map((site) => ({ kind: 'site', site, address: (site.addressPrefixes[0]?.network ?? 0) + 10 }));
const perVnet = size.vmsPerVnet;
/** Question q: a VM and a target, in the mix the header describes, spread over the whole world. */
function pickPair(q: number): { from: FlowSource; to: FlowEnd; query: FlowQuery } {
  const a = (q * 104_729) % vms.length;
  const from = vms[a] as FlowSource;
  switch (q % 3) {
    case 0:
      return { from, to: vms[a - (a % perVnet) + ((q * 7_919) % perVnet)] as FlowEnd, query: RDP };
    case 1:
      return { from, to: vms[(q * 7_919) % vms.length] as FlowEnd, query: RDP };
    default:
      return { from, to: sites[Math.floor(a / perVnet) * 20 + (q % 20)] as FlowEnd, query: RDP };
  }
}
const pairs = Array.from({ length: 65_536 }, (_, q) => pickPair(q));

let delivered = 0;
measure(200_000, (q) => void evaluateFlowVerdict(index, pairs[q & 65_535]!.from, pairs[q & 65_535]!.to, pairs[q & 65_535]!.query));
const verdict = measure(VERDICT_QUERIES, (q) => {
  const pair = pairs[q & 65_535]!;
  if (evaluateFlowVerdict(index, pair.from, pair.to, pair.query).disposition === 'delivered') delivered++;
});
console.log(`baseline: one Map lookup by a composed key ${(lookup.cpuMs * 1e6).toFixed(0)} ns CPU (checksum ${checksum % 7})`);
printRate('verdict only, one direction', verdict, lookup, 'target ≥ 1,000,000/s');
console.log(`  (${Math.round((delivered / VERDICT_QUERIES) * 100)} % delivered)`);

measure(20_000, (q) => void answerReach(index, pairs[q & 65_535]!.from, pairs[q & 65_535]!.to, pairs[q & 65_535]!.query));
const explained = measure(EXPLAINED_QUERIES, (q) => {
  const pair = pairs[q & 65_535]!;
  answerReach(index, pair.from, pair.to, pair.query);
});
printRate('fully explained, both directions', explained, lookup, 'target ≥ 100,000/s');

const update = measure(UPDATE_ROUNDS, (r) => {
  const vm = model.vms[(r * 31) % model.vms.length]!;
  index.applyChange({ type: 'vmState', service: vm.service, vm: vm.name, state: r % 2 === 0 ? 'StoppedDeallocated' : 'ReadyRole' });
  index.applyChange({ type: 'connectionState', vnet: `VNet${r % size.vnets}`, site: `Site${r % size.vnets}-${r % 20}`, state: r % 2 === 0 ? 'NotConnected' : 'Connected' });
});
console.log(`one VM event + one tunnel event applied in place: ${(update.cpuMs * 1000).toFixed(2)} µs CPU (target < 1 ms); ${(update.cpuMs / lookup.cpuMs).toFixed(0)} Map lookups`);

// What LiveTopology issues for events that add or remove objects, or change a gateway's type or address.
const structural = measure(STRUCTURAL_ROUNDS, (r) => {
  const vm = model.vms[(r * 104_729) % model.vms.length]!;
  index.applyChange({ type: 'vmRemoved', service: vm.service, vm: vm.name });
  index.applyChange({ type: 'vmPut', vm: { ...vm, endpoints: [...vm.endpoints] } });
});
console.log(`one VM removed + one VM added in place: ${(structural.cpuMs * 1000).toFixed(2)} µs CPU (target < 1 ms); ${(structural.cpuMs / lookup.cpuMs).toFixed(0)} Map lookups`);
const vnetReread = measure(STRUCTURAL_ROUNDS, (r) => {
  const vnet = index.vnetsByName.get(`VNet${r % size.vnets}`)!;
  index.applyChange({ type: 'vnetPut', vnet: { ...vnet, gateway: vnet.gateway === undefined ? undefined : { ...vnet.gateway, vip: (vnet.gateway.vip ?? 0) + 1 } } });
});
console.log(`one VNet re-read (its gateway's address changed): ${(vnetReread.cpuMs * 1000).toFixed(2)} µs CPU (target < 1 ms); ${(vnetReread.cpuMs / lookup.cpuMs).toFixed(0)} Map lookups`);

const matrixStart = process.cpuUsage();
const matrix = computeMatrix(index);
const matrixCpu = process.cpuUsage(matrixStart);
console.log(
  `matrix: ${matrix.classes.length} classes, ${matrix.flows.length} flows in ${((matrixCpu.user + matrixCpu.system) / 1e6).toFixed(2)} s CPU; ` +
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
