/**
 * The compute engine's cost per VM at the size of issue #10's world (100 VNets × 2,048 VMs in cloud services of ≤ 50,
 * 8 subnets per VNet): New-AzureVM decided and its events folded, then its first-boot follow-up decided and folded,
 * straight through src/vm (no clock, no log, no scenario). Run at half and full size: the full/half ratio shows
 * whether any per-VM step still grows with the world. Figures are CPU µs per VM beside a baseline measured in the same
 * run: a loop that builds one small object per VM, keys it by a new `service/name` string and `Map.set`s it.
 */
import { performance } from 'node:perf_hooks';
import { drawDurationMs } from '../src/common/index.js';
import { createRng } from '../src/sim/index.js';
import {
  applyComputeEvent, createComputeWorld, decideComputeCommand, decideFollowUp, DEFAULT_COMPUTE_LIMITS, DEFAULT_COMPUTE_PROFILE,
  type ComputeEventBody, type ComputeWorld, type CreateVm, type DecideContext,
} from '../src/vm/index.js';

const VMS_PER_VNET = 2_048;
const VMS_PER_SERVICE = 50;
const SUBNETS_PER_VNET = 8;
const REGION = 'West US';

/** A seeded context like the simulation's: auto ports in 49152–65535, Hyper-V MACs, unique VIPs, drawn boot times. */
function createBenchContext(): DecideContext {
  const rng = createRng('vm-create-bench');
  let nextVip = 0;
  const hex = (): string => rng.nextInt(256).toString(16).toUpperCase().padStart(2, '0');
  return {
    nowMs: 0,
    profile: DEFAULT_COMPUTE_PROFILE,
    limits: DEFAULT_COMPUTE_LIMITS,
    pickPublicIp: () => `23.${(nextVip >> 16) & 255}.${(nextVip >> 8) & 255}.${nextVip++ & 255}`,
    pickPublicPort: (isTaken) => {
      for (;;) {
        const port = 49_152 + rng.nextInt(16_384);
        if (!isTaken(port)) return port;
      }
    },
    pickMac: () => `00-15-5D-${hex()}-${hex()}-${hex()}`,
    pickFabricPrefix: () => `10.${rng.nextInt(256)}.${rng.nextInt(64) * 4}.0/22`,
    drawDurationMs: (range) => drawDurationMs(range, rng),
  };
}

function apply(world: ComputeWorld, events: readonly ComputeEventBody[], timeMs: number): void {
  for (const event of events) applyComputeEvent(world, event, timeMs);
}

/** The VNets, services and images of a world of `vnetCount` VNets, with no VM yet, and the createVm commands to run. */
function prepare(vnetCount: number): { world: ComputeWorld; commands: CreateVm[] } {
  const world = createComputeWorld();
  const setup: ComputeEventBody[] = [{ type: 'image.added', image: 'win', os: 'Windows' }, { type: 'image.added', image: 'lx', os: 'Linux' }];
  const commands: CreateVm[] = [];
  for (let v = 0; v < vnetCount; v++) {
    const vnet = `vnet${v}`;
    const subnets = Array.from({ length: SUBNETS_PER_VNET }, (_, s) => ({ name: `Subnet${s}`, prefix: `10.${v}.${s * 2}.0/23` }));
    setup.push({ type: 'vnet.defined', vnet, region: REGION, addressSpace: [`10.${v}.0.0/16`], subnets });
    for (let i = 0; i < VMS_PER_VNET; i++) {
      const s = Math.floor(i / VMS_PER_SERVICE);
      const service = `svc-${v}-${s}`;
      if (i % VMS_PER_SERVICE === 0) setup.push({ type: 'service.created', service, dnsName: `${service}.cloudapp.net`, region: REGION });
      const isWindows = i % 2 === 0;
      commands.push({
        type: 'createVm', service, name: `vm${i % VMS_PER_SERVICE}`, image: isWindows ? 'win' : 'lx', vnet, subnet: `Subnet${s % SUBNETS_PER_VNET}`,
        adminUser: 'admin', ...(isWindows ? { password: 'Pa55w.rd' } : { sshKey: 'ssh-rsa AAAA' }),
      });
    }
  }
  apply(world, setup, 0);
  return { world, commands };
}

/** Creates every VM and completes its first boot; returns how many events were folded. */
function createAll(world: ComputeWorld, commands: readonly CreateVm[], ctx: DecideContext): number {
  let events = 0;
  for (const command of commands) {
    const decision = decideComputeCommand(world, command, ctx);
    if (!decision.ok) throw new Error(`bench command refused: ${decision.refusal.message}`);
    apply(world, decision.events, ctx.nowMs);
    events += decision.events.length;
    for (const followUp of decision.followUps) {
      const due = decideFollowUp(world, followUp.action);
      apply(world, due, ctx.nowMs + followUp.delayMs);
      events += due.length;
    }
  }
  return events;
}

function baseline(commands: readonly CreateVm[]): Map<string, object> {
  const map = new Map<string, object>();
  for (const c of commands) map.set(`${c.service}/${c.name}`, { service: c.service, name: c.name, state: 'ReadyRole' });
  return map;
}

function cpuMs<T>(fn: () => T): { value: T; cpuMs: number; wallMs: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { value, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}

function measure(vnetCount: number): number {
  // A small world first, so the JIT has settled before either measured size runs.
  const warm = prepare(5);
  createAll(warm.world, warm.commands, createBenchContext());
  const { world, commands } = prepare(vnetCount);
  const base = cpuMs(() => baseline(commands));
  const run = cpuMs(() => createAll(world, commands, createBenchContext()));
  const perVm = (run.cpuMs * 1000) / commands.length;
  const basePerVm = (base.cpuMs * 1000) / commands.length;
  console.log(
    `${commands.length.toLocaleString('en-US').padStart(7)} VMs: ${perVm.toFixed(2)} µs/VM CPU [wall ${((run.wallMs * 1000) / commands.length).toFixed(2)}], ` +
    `${run.value.toLocaleString('en-US')} events; baseline ${basePerVm.toFixed(2)} µs/VM → ${(perVm / basePerVm).toFixed(1)}× baseline`,
  );
  return perVm;
}

console.log('New-AzureVM decided + folded, first boot decided + folded (CPU per VM; wall in brackets)');
const half = measure(50);
const full = measure(100);
console.log(`full/half per-VM cost: ${(full / half).toFixed(2)} (1.00 = no term that grows with the world)`);
