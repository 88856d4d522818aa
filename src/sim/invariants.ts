import { findDipHolder, findVm, isDipInPool, isReservedDip, listDipHolders, nameDipHolder, vmKey, type DipPool, type Vm } from '../vm/index.js';
import type { World } from './world.js';

/**
 * Checks the world's structural invariants and returns one line per violation (empty when sound): every DIP sits
 * inside its subnet or fabric range, off the reserved addresses, recorded once by its pool; public ports are unique
 * per VIP (except within one load-balanced set); each OS disk is leased to at most the one VM that boots it; VIPs and
 * VNet instance counts agree with what holds them.
 */
export function checkInvariants(world: World): string[] {
  return [...checkDips(world), ...checkPools(world), ...checkPublicPorts(world), ...checkLeases(world), ...checkVips(world), ...checkCounts(world)];
}

function poolOf(world: World, vm: Vm): { prefix: string; allocations: DipPool } | undefined {
  if (vm.vnet !== null && vm.subnet !== null) return world.vnets[vm.vnet]?.subnets[vm.subnet];
  const d = world.services[vm.service]?.deployments.production;
  return d?.fabricPrefix == null ? undefined : { prefix: d.fabricPrefix, allocations: d.fabricAllocations };
}

function checkDips(world: World): string[] {
  const problems: string[] = [];
  for (const vm of world.vms.inCreationOrder) {
    if (vm.dip === null) continue;
    const name = vmKey(vm.service, vm.name);
    const pool = poolOf(world, vm);
    if (pool === undefined) {
      problems.push(`vm ${name} holds DIP ${vm.dip} without a pool`);
      continue;
    }
    if (!isDipInPool(pool.prefix, vm.dip)) problems.push(`vm ${name} DIP ${vm.dip} is outside ${pool.prefix}`);
    if (isReservedDip(pool.prefix, vm.dip)) problems.push(`vm ${name} DIP ${vm.dip} is a reserved address of ${pool.prefix}`);
    const holder = findDipHolder(pool.allocations, vm.dip);
    if (holder !== name) problems.push(`vm ${name} DIP ${vm.dip} is recorded for ${holder ?? 'nobody'}`);
  }
  return problems;
}

// The reverse direction: every allocation names a live holder, so no address is held twice or leaked.
function checkPools(world: World): string[] {
  const problems: string[] = [];
  const pools: { label: string; allocations: DipPool }[] = [];
  for (const vnet of Object.values(world.vnets)) for (const s of Object.values(vnet.subnets)) pools.push({ label: `${vnet.name}/${s.name}`, allocations: s.allocations });
  for (const s of Object.values(world.services)) {
    for (const d of [s.deployments.production, s.deployments.staging]) if (d !== null) pools.push({ label: `${s.name} fabric`, allocations: d.fabricAllocations });
  }
  const instances = new Set<string>();
  for (const s of Object.values(world.services)) {
    for (const d of [s.deployments.production, s.deployments.staging]) {
      for (const role of Object.values(d?.roles ?? {})) for (const i of role.instances) instances.add(`${s.name}/${d?.name}/${i.name}@${i.ip}`);
    }
  }
  // An internal load balancer's private VIP is recorded as `ilb:<service>/<name>`.
  for (const ilb of Object.values(world.internalLoadBalancers)) instances.add(`ilb:${ilb.service}/${ilb.name}@${ilb.ip}`);
  for (const { label, allocations } of pools) {
    for (const [ip, holder] of listDipHolders(allocations)) {
      const owner = nameDipHolder(holder);
      // A VM holder must still be the world's VM of that name, and hold the address.
      const isHeld = typeof holder === 'string' ? instances.has(`${owner}@${ip}`) : findVm(world, holder.service, holder.name) === holder && holder.dip === ip;
      if (!isHeld) problems.push(`${label} records ${ip} for ${owner}, which does not hold it`);
    }
  }
  return problems;
}

function checkPublicPorts(world: World): string[] {
  const problems: string[] = [];
  for (const s of Object.values(world.services)) {
    const seen = new Map<string, { vm: string; set: string | null }>();
    for (const name of s.deployments.production?.vms ?? []) {
      for (const e of Object.values(findVm(world, s.name, name)?.endpoints ?? {})) {
        const key = `${e.protocol}:${e.publicPort}`;
        const prior = seen.get(key);
        if (prior !== undefined && (prior.set === null || prior.set !== e.loadBalancedSet || prior.vm === name)) {
          problems.push(`service ${s.name} public port ${key} is used twice (${prior.vm}, ${name})`);
        }
        seen.set(key, { vm: name, set: e.loadBalancedSet });
      }
    }
  }
  return problems;
}

function checkLeases(world: World): string[] {
  const problems: string[] = [];
  const bootedBy = new Map<string, string>();
  for (const vm of world.vms.inCreationOrder) {
    const name = vmKey(vm.service, vm.name);
    const other = bootedBy.get(vm.osDisk);
    if (other !== undefined) problems.push(`disk ${vm.osDisk} boots both ${other} and ${name}`);
    bootedBy.set(vm.osDisk, name);
    const lease = world.disks.get(vm.osDisk)?.lease;
    if (lease?.service !== vm.service || lease.vm !== vm.name) problems.push(`vm ${name} boots disk ${vm.osDisk} without holding its lease`);
  }
  return problems;
}

function checkVips(world: World): string[] {
  const problems: string[] = [];
  for (const s of Object.values(world.services)) {
    for (const slot of ['production', 'staging'] as const) {
      const ip = s.vips[slot];
      if (ip !== null && world.publicIps[ip] !== `vip:${s.name}/${slot}`) problems.push(`service ${s.name} ${slot} VIP ${ip} is not recorded in the pool`);
    }
  }
  return problems;
}

function checkCounts(world: World): string[] {
  const counts = new Map<string, number>();
  for (const vm of world.vms.inCreationOrder) if (vm.vnet !== null) counts.set(vm.vnet, (counts.get(vm.vnet) ?? 0) + 1);
  for (const s of Object.values(world.services)) {
    for (const d of [s.deployments.production, s.deployments.staging]) {
      if (d?.vnet == null) continue;
      const n = Object.values(d.roles).reduce((sum, r) => sum + r.instances.length, 0);
      counts.set(d.vnet, (counts.get(d.vnet) ?? 0) + n);
    }
  }
  return Object.values(world.vnets)
    .filter((v) => v.instanceCount !== (counts.get(v.name) ?? 0))
    .map((v) => `vnet ${v.name} counts ${v.instanceCount} instances but holds ${counts.get(v.name) ?? 0}`);
}
