import { forgetDip, recordDip } from './dips.js';
import type { ComputeEventBody } from './events.js';
import { findVm, vmKey, type ComputeWorld, type Deployment, type Endpoint, type Slot, type Vm } from './model.js';
import { noteEndpointAdded, noteEndpointRemoved } from './vip-ports.js';
import { noteVmRemoved, noteVmStored } from './vm-directory.js';
import { noteDeploymentSizesGone, noteSizeDeployed } from './size-mix.js';

/**
 * The compute fold: the only code that mutates a ComputeWorld. It trusts its events (the rules validated them
 * before they were recorded), so replaying a log runs this alone and rebuilds the same world.
 */
export function applyComputeEvent(world: ComputeWorld, event: ComputeEventBody, timeMs: number): void {
  switch (event.type) {
    case 'affinityGroup.created':
      world.affinityGroups[event.affinityGroup] = { name: event.affinityGroup, region: event.region };
      return;
    case 'affinityGroup.deleted':
      delete world.affinityGroups[event.affinityGroup];
      return;
    case 'vnet.defined': {
      // A VNet defined again (setNetworkConfig) keeps the DIPs of its unchanged subnets and its instance count: the
      // engine only re-defines an in-use VNet when its in-use parts stay as they were.
      const previous = world.vnets[event.vnet];
      const subnets: ComputeWorld['vnets'][string]['subnets'] = {};
      for (const s of event.subnets) {
        const kept = previous?.subnets[s.name];
        subnets[s.name] = { name: s.name, prefix: s.prefix, allocations: kept?.prefix === s.prefix ? kept.allocations : {} };
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
      return;
    }
    case 'service.created':
      world.services[event.service] = {
        name: event.service,
        dnsName: event.dnsName,
        affinityGroup: event.affinityGroup ?? null,
        region: event.region,
        kind: null,
        deployments: { production: null, staging: null },
        vips: { production: null, staging: null },
      };
      return;
    case 'service.deleted': {
      const gone = world.services[event.service];
      for (const d of [gone?.deployments.production, gone?.deployments.staging]) if (d != null) noteDeploymentSizesGone(world, event.service, d);
      delete world.services[event.service];
      return;
    }
    case 'service.kindSet':
      service(world, event.service).kind = event.kind;
      return;
    case 'deployment.created': {
      const replaced = service(world, event.service).deployments[event.slot];
      if (replaced !== null) noteDeploymentSizesGone(world, event.service, replaced);
      service(world, event.service).deployments[event.slot] = {
        name: event.name,
        slot: event.slot,
        kind: event.kind,
        status: event.status,
        vnet: event.vnet ?? null,
        fabricPrefix: event.fabricPrefix ?? null,
        fabricAllocations: {},
        vms: [],
        roles: {},
      };
      return;
    }
    case 'deployment.statusChanged':
      deployment(world, event.service, event.slot).status = event.to;
      return;
    case 'deployment.deleted':
      // The deployment's internal load balancer goes with it (the platform deleted it with the deployment).
      if (event.slot === 'production') removeInternalLoadBalancer(world, event.service);
      removeDeployment(world, event.service, event.slot);
      return;
    case 'vip.assigned': {
      service(world, event.service).vips[event.slot] = event.ip;
      world.publicIps[event.ip] = `vip:${event.service}/${event.slot}`;
      const reserved = findReservation(world, event.ip);
      if (reserved !== undefined) reserved.service = event.service;
      return;
    }
    case 'vip.released': {
      service(world, event.service).vips[event.slot] = null;
      // A reserved IP stays reserved when the deployment using it goes; only Remove-AzureReservedIP returns it.
      const reserved = findReservation(world, event.ip);
      if (reserved === undefined) delete world.publicIps[event.ip];
      else {
        reserved.service = null;
        world.publicIps[event.ip] = `reserved:${reserved.name}`;
      }
      return;
    }
    case 'reservedIp.created':
      world.reservedIps[event.name] = { name: event.name, ip: event.ip, location: event.location, service: null };
      world.publicIps[event.ip] = `reserved:${event.name}`;
      return;
    case 'reservedIp.deleted':
      delete world.reservedIps[event.name];
      delete world.publicIps[event.ip];
      return;
    case 'internalLoadBalancer.added': {
      world.internalLoadBalancers[event.service] = {
        name: event.name, service: event.service, deployment: event.deployment, vnet: event.vnet ?? null, subnet: event.subnet ?? null, ip: event.ip,
      };
      const pool = internalLoadBalancerPool(world, event.service);
      if (pool !== undefined) recordDip(pool, event.ip, `ilb:${event.service}/${event.name}`);
      return;
    }
    case 'internalLoadBalancer.removed':
      removeInternalLoadBalancer(world, event.service);
      return;
    case 'vip.swapped': {
      const s = service(world, event.service);
      const { production, staging } = s.deployments;
      s.deployments = { production: staging, staging: production };
      if (s.deployments.production !== null) s.deployments.production.slot = 'production';
      if (s.deployments.staging !== null) s.deployments.staging.slot = 'staging';
      return;
    }
    case 'publicIp.allocated':
      world.publicIps[event.ip] = event.owner;
      return;
    case 'image.added':
      world.images[event.image] = { name: event.image, os: event.os };
      return;
    case 'disk.added':
      world.disks[event.disk] = { name: event.disk, os: event.os, sourceImage: event.sourceImage ?? null, lease: null };
      return;
    case 'disk.leased':
      disk(world, event.disk).lease = { service: event.service, vm: event.vm, deployment: event.deployment };
      return;
    case 'disk.released':
      disk(world, event.disk).lease = null;
      return;
    case 'disk.deleted':
      delete world.disks[event.disk];
      return;
    case 'vm.created': {
      const created: Vm = {
        service: event.service,
        name: event.vm,
        deployment: event.deployment,
        size: event.size,
        os: event.os,
        source: event.source,
        osDisk: event.osDisk,
        state: 'RoleStateUnknown',
        stateSinceMs: timeMs,
        dip: null,
        isStatic: false,
        vnet: event.vnet ?? null,
        subnet: event.subnet ?? null,
        mac: event.mac,
        hostName: event.hostName ?? null,
        adminUser: event.adminUser ?? null,
        endpoints: {},
      };
      world.vms[vmKey(event.service, event.vm)] = created;
      noteVmStored(world.vms, created);
      deployment(world, event.service, 'production').vms.push(event.vm);
      noteSizeDeployed(world, event.service, event.size, 1);
      if (event.vnet !== undefined) vnet(world, event.vnet).instanceCount++;
      return;
    }
    case 'vm.reconfigured': {
      const target = vm(world, event.service, event.vm);
      noteSizeDeployed(world, event.service, target.size, -1);
      noteSizeDeployed(world, event.service, event.size, 1);
      target.size = event.size;
      if (event.subnet !== undefined) target.subnet = event.subnet;
      return;
    }
    case 'vm.macAssigned':
      vm(world, event.service, event.vm).mac = event.mac;
      return;
    case 'dip.allocated': {
      const target = vm(world, event.service, event.vm);
      target.dip = event.ip;
      target.isStatic = event.static;
      recordDip(dipPool(world, event.service, 'production', event.vnet, event.subnet), event.ip, vmKey(event.service, event.vm));
      return;
    }
    case 'dip.released': {
      const target = vm(world, event.service, event.vm);
      target.dip = null;
      target.isStatic = false;
      forgetDip(dipPool(world, event.service, 'production', event.vnet, event.subnet), event.ip);
      return;
    }
    case 'vm.stateChanged': {
      const target = vm(world, event.service, event.vm);
      target.state = event.to;
      target.stateSinceMs = timeMs;
      return;
    }
    case 'vm.deleted': {
      const gone = findVm(world, event.service, event.vm);
      if (gone?.vnet != null) vnet(world, gone.vnet).instanceCount--;
      const d = service(world, event.service).deployments.production;
      if (d !== null && gone !== undefined) for (const name in gone.endpoints) noteEndpointRemoved(d, gone.endpoints[name]!);
      if (d !== null && gone !== undefined && d.vms.includes(event.vm)) noteSizeDeployed(world, event.service, gone.size, -1);
      delete world.vms[vmKey(event.service, event.vm)];
      noteVmRemoved(world.vms, event.service, event.vm);
      if (d !== null) d.vms = d.vms.filter((name) => name !== event.vm);
      return;
    }
    case 'endpoint.added': {
      const endpoints = vm(world, event.service, event.vm).endpoints;
      const added: Endpoint = {
        name: event.endpoint,
        protocol: event.protocol,
        publicPort: event.publicPort,
        privatePort: event.privatePort,
        loadBalancedSet: event.loadBalancedSet ?? null,
        acl: event.acl.map((rule) => ({ ...rule })),
      };
      const d = world.services[event.service]?.deployments.production;
      const replaced = endpoints[event.endpoint];
      if (d != null && replaced !== undefined) noteEndpointRemoved(d, replaced);
      endpoints[event.endpoint] = added;
      if (d != null) noteEndpointAdded(d, added);
      return;
    }
    case 'endpoint.removed': {
      const endpoints = vm(world, event.service, event.vm).endpoints;
      const removed = endpoints[event.endpoint];
      const d = world.services[event.service]?.deployments.production;
      if (d != null && removed !== undefined) noteEndpointRemoved(d, removed);
      delete endpoints[event.endpoint];
      return;
    }
    case 'endpoint.aclChanged': {
      const endpoint = vm(world, event.service, event.vm).endpoints[event.endpoint];
      if (endpoint === undefined) throw new Error(`fold: unknown endpoint ${event.service}/${event.vm}/${event.endpoint}`);
      endpoint.acl = event.acl.map((rule) => ({ ...rule }));
      return;
    }
    case 'role.instancesChanged': {
      const d = deployment(world, event.service, event.slot);
      const owner = (instance: string): string => `${event.service}/${d.name}/${instance}`;
      const previous = d.roles[event.role];
      if (previous !== undefined) noteSizeDeployed(world, event.service, previous.size, -1);
      noteSizeDeployed(world, event.service, event.size, 1);
      const pool = dipPool(world, event.service, event.slot, d.vnet ?? undefined, event.subnet);
      const vnetState = d.vnet === null ? undefined : vnet(world, d.vnet);
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
      return;
    }
  }
}

// A PaaS deployment's role instances give their DIPs back when the deployment goes; VMs released theirs already.
function removeDeployment(world: ComputeWorld, serviceName: string, slot: Slot): void {
  const s = service(world, serviceName);
  const d = s.deployments[slot];
  if (d === null) throw new Error(`fold: no ${slot} deployment in ${serviceName}`);
  noteDeploymentSizesGone(world, serviceName, d);
  for (const role of Object.values(d.roles)) {
    const pool = dipPool(world, serviceName, slot, d.vnet ?? undefined, role.subnet ?? undefined);
    for (const instance of role.instances) {
      forgetDip(pool, instance.ip);
      if (d.vnet !== null) vnet(world, d.vnet).instanceCount--;
    }
  }
  s.deployments[slot] = null;
}

function dipPool(
  world: ComputeWorld,
  serviceName: string,
  slot: Slot,
  vnetName: string | undefined,
  subnetName: string | undefined,
): Record<string, string> {
  if (vnetName !== undefined && subnetName !== undefined) {
    const subnet = vnet(world, vnetName).subnets[subnetName];
    if (subnet === undefined) throw new Error(`fold: unknown subnet ${vnetName}/${subnetName}`);
    return subnet.allocations;
  }
  return deployment(world, serviceName, slot).fabricAllocations;
}

function service(world: ComputeWorld, name: string): ComputeWorld['services'][string] {
  const s = world.services[name];
  if (s === undefined) throw new Error(`fold: unknown service ${name}`);
  return s;
}

function deployment(world: ComputeWorld, serviceName: string, slot: Slot): Deployment {
  const d = service(world, serviceName).deployments[slot];
  if (d === null) throw new Error(`fold: no ${slot} deployment in ${serviceName}`);
  return d;
}

function vm(world: ComputeWorld, serviceName: string, name: string): Vm {
  const v = findVm(world, serviceName, name);
  if (v === undefined) throw new Error(`fold: unknown vm ${serviceName}/${name}`);
  return v;
}

function vnet(world: ComputeWorld, name: string): ComputeWorld['vnets'][string] {
  const v = world.vnets[name];
  if (v === undefined) throw new Error(`fold: unknown vnet ${name}`);
  return v;
}

function disk(world: ComputeWorld, name: string): ComputeWorld['disks'][string] {
  const d = world.disks[name];
  if (d === undefined) throw new Error(`fold: unknown disk ${name}`);
  return d;
}

function findReservation(world: ComputeWorld, ip: string): ComputeWorld['reservedIps'][string] | undefined {
  return Object.values(world.reservedIps).find((r) => r.ip === ip);
}

/** The allocations an internal load balancer's address is recorded in: its subnet, or its deployment's fabric range. */
function internalLoadBalancerPool(world: ComputeWorld, serviceName: string): Record<string, string> | undefined {
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
