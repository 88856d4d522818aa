import { createDipPool, forgetDip, recordDip } from './dips.js';
import type { ComputeEventBody } from './events.js';
import { deploymentRecord, dipPool, serviceRecord, vnetRecord, type EventFolds } from './fold-records.js';
import { VM_FOLDS, type VmEventType } from './fold-vm.js';
import type { ComputeWorld, DipPool, ReservedIp, Slot } from './model.js';
import { noteDeploymentSizesGone, noteSizeDeployed } from './size-mix.js';

/**
 * The compute fold: the only code that mutates a ComputeWorld. It trusts its events (the rules validated them
 * before they were recorded), so replaying a log runs this alone and rebuilds the same world.
 */
export function applyComputeEvent(world: ComputeWorld, event: ComputeEventBody, timeMs: number): void {
  // FOLDS holds, under each type, the fold of that type's events; TypeScript cannot pair the two through a union.
  (FOLDS[event.type] as (world: ComputeWorld, event: ComputeEventBody, timeMs: number) => void)(world, event, timeMs);
}

/** The folds of affinity groups, VNets, cloud services, deployments, public and reserved IPs and load balancers. */
const SERVICE_FOLDS: EventFolds<Exclude<ComputeEventBody['type'], VmEventType>> = {
  'affinityGroup.created': (world, event) => {
    world.affinityGroups[event.affinityGroup] = { name: event.affinityGroup, region: event.region };
  },
  'affinityGroup.deleted': (world, event) => {
    delete world.affinityGroups[event.affinityGroup];
  },
  'vnet.defined': (world, event) => {
    // A VNet defined again (setNetworkConfig) keeps the DIPs of its unchanged subnets and its instance count: the
    // engine only re-defines an in-use VNet when its in-use parts stay as they were.
    const previous = world.vnets[event.vnet];
    const subnets: ComputeWorld['vnets'][string]['subnets'] = {};
    for (const s of event.subnets) {
      const kept = previous?.subnets[s.name];
      subnets[s.name] = { name: s.name, prefix: s.prefix, allocations: kept?.prefix === s.prefix ? kept.allocations : createDipPool(s.prefix) };
    }
    world.vnets[event.vnet] = {
      name: event.vnet,
      affinityGroup: event.affinityGroup ?? null,
      region: event.region ?? null,
      addressSpace: [...event.addressSpace],
      subnets,
      instanceCount: previous?.instanceCount ?? 0,
      gatewaySites: [...(event.gatewaySites ?? [])],
    };
  },
  'service.created': (world, event) => {
    world.services[event.service] = {
      name: event.service,
      dnsName: event.dnsName,
      affinityGroup: event.affinityGroup ?? null,
      region: event.region,
      kind: null,
      deployments: { production: null, staging: null },
      vips: { production: null, staging: null },
    };
  },
  'service.deleted': (world, event) => {
    const gone = world.services[event.service];
    for (const d of [gone?.deployments.production, gone?.deployments.staging]) if (d != null) noteDeploymentSizesGone(world, event.service, d);
    delete world.services[event.service];
  },
  'service.kindSet': (world, event) => {
    serviceRecord(world, event.service).kind = event.kind;
  },
  'deployment.created': (world, event) => {
    const { deployments } = serviceRecord(world, event.service);
    const replaced = deployments[event.slot];
    if (replaced !== null) noteDeploymentSizesGone(world, event.service, replaced);
    deployments[event.slot] = {
      name: event.name,
      slot: event.slot,
      kind: event.kind,
      status: event.status,
      vnet: event.vnet ?? null,
      fabricPrefix: event.fabricPrefix ?? null,
      fabricAllocations: createDipPool(event.fabricPrefix ?? null),
      vms: [],
      roles: {},
    };
  },
  'deployment.statusChanged': (world, event) => {
    deploymentRecord(world, event.service, event.slot).status = event.to;
  },
  'deployment.deleted': (world, event) => {
    // The deployment's internal load balancer goes with it (the platform deleted it with the deployment).
    if (event.slot === 'production') removeInternalLoadBalancer(world, event.service);
    removeDeployment(world, event.service, event.slot);
  },
  'vip.assigned': (world, event) => {
    serviceRecord(world, event.service).vips[event.slot] = event.ip;
    world.publicIps[event.ip] = `vip:${event.service}/${event.slot}`;
    const reserved = findReservation(world, event.ip);
    if (reserved !== undefined) reserved.service = event.service;
  },
  'vip.released': (world, event) => {
    serviceRecord(world, event.service).vips[event.slot] = null;
    // A reserved IP stays reserved when the deployment using it goes; only Remove-AzureReservedIP returns it.
    const reserved = findReservation(world, event.ip);
    if (reserved === undefined) delete world.publicIps[event.ip];
    else {
      reserved.service = null;
      world.publicIps[event.ip] = `reserved:${reserved.name}`;
    }
  },
  'reservedIp.created': (world, event) => {
    world.reservedIps[event.name] = { name: event.name, ip: event.ip, location: event.location, service: null };
    world.publicIps[event.ip] = `reserved:${event.name}`;
  },
  'reservedIp.deleted': (world, event) => {
    delete world.reservedIps[event.name];
    delete world.publicIps[event.ip];
  },
  'internalLoadBalancer.added': (world, event) => {
    world.internalLoadBalancers[event.service] = {
      name: event.name, service: event.service, deployment: event.deployment, vnet: event.vnet ?? null, subnet: event.subnet ?? null, ip: event.ip,
    };
    const pool = internalLoadBalancerPool(world, event.service);
    if (pool !== undefined) recordDip(pool, event.ip, `ilb:${event.service}/${event.name}`);
  },
  'internalLoadBalancer.removed': (world, event) => {
    removeInternalLoadBalancer(world, event.service);
  },
  'vip.swapped': (world, event) => {
    const s = serviceRecord(world, event.service);
    const { production, staging } = s.deployments;
    s.deployments = { production: staging, staging: production };
    if (s.deployments.production !== null) s.deployments.production.slot = 'production';
    if (s.deployments.staging !== null) s.deployments.staging.slot = 'staging';
  },
  'publicIp.allocated': (world, event) => {
    world.publicIps[event.ip] = event.owner;
  },
  'image.added': (world, event) => {
    world.images[event.image] = { name: event.image, os: event.os };
  },
  'role.instancesChanged': (world, event) => {
    const d = deploymentRecord(world, event.service, event.slot);
    const owner = (instance: string): string => `${event.service}/${d.name}/${instance}`;
    const previous = d.roles[event.role];
    const service = serviceRecord(world, event.service);
    if (previous !== undefined) noteSizeDeployed(world, service, previous.size, -1);
    noteSizeDeployed(world, service, event.size, 1);
    const pool = dipPool(world, event.service, event.slot, d.vnet ?? undefined, event.subnet);
    const vnetState = d.vnet === null ? undefined : vnetRecord(world, d.vnet);
    for (const instance of previous?.instances ?? []) {
      forgetDip(pool, instance.ip);
      if (vnetState !== undefined) vnetState.instanceCount--;
    }
    for (const instance of event.instances) {
      recordDip(pool, instance.ip, owner(instance.name));
      if (vnetState !== undefined) vnetState.instanceCount++;
    }
    d.roles[event.role] = {
      name: event.role,
      kind: event.kind,
      size: event.size,
      subnet: event.subnet ?? null,
      instances: event.instances.map((i) => ({ ...i })),
      endpoints: event.endpoints.map((e) => ({ ...e })),
    };
  },
};

const FOLDS: EventFolds<ComputeEventBody['type']> = { ...SERVICE_FOLDS, ...VM_FOLDS };

// A PaaS deployment's role instances give their DIPs back when the deployment goes; VMs released theirs already.
function removeDeployment(world: ComputeWorld, serviceName: string, slot: Slot): void {
  const d = deploymentRecord(world, serviceName, slot);
  noteDeploymentSizesGone(world, serviceName, d);
  for (const role of Object.values(d.roles)) {
    const pool = dipPool(world, serviceName, slot, d.vnet ?? undefined, role.subnet ?? undefined);
    for (const instance of role.instances) {
      forgetDip(pool, instance.ip);
      if (d.vnet !== null) vnetRecord(world, d.vnet).instanceCount--;
    }
  }
  serviceRecord(world, serviceName).deployments[slot] = null;
}

function findReservation(world: ComputeWorld, ip: string): ReservedIp | undefined {
  return Object.values(world.reservedIps).find((r) => r.ip === ip);
}

/** The allocations an internal load balancer's address is recorded in: its subnet, or its deployment's fabric range. */
function internalLoadBalancerPool(world: ComputeWorld, serviceName: string): DipPool | undefined {
  const ilb = world.internalLoadBalancers[serviceName];
  if (ilb === undefined) return undefined;
  if (ilb.vnet !== null && ilb.subnet !== null) return world.vnets[ilb.vnet]?.subnets[ilb.subnet]?.allocations;
  return world.services[serviceName]?.deployments.production?.fabricAllocations;
}

function removeInternalLoadBalancer(world: ComputeWorld, serviceName: string): void {
  const ilb = world.internalLoadBalancers[serviceName];
  if (ilb === undefined) return;
  const pool = internalLoadBalancerPool(world, serviceName);
  if (pool !== undefined) forgetDip(pool, ilb.ip);
  delete world.internalLoadBalancers[serviceName];
}
