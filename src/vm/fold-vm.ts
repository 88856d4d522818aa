import type { AclRule } from './commands.js';
import { forgetDip, recordDip } from './dips.js';
import { EMPTY_ACL } from './endpoints.js';
import { diskRecord, dipPool, productionOf, serviceRecord, vmRecord, vnetRecord, type EventFolds } from './fold-records.js';
import type { Endpoint, Vm } from './model.js';
import { noteSizeDeployed } from './size-mix.js';
import { noteEndpointAdded, noteEndpointRemoved } from './vip-ports.js';
import { removeVm, storeVm } from './vm-table.js';

/**
 * The folds of a VM's life: its OS disk, the VM, its DIP, its endpoints and its state. New-AzureVM records six to
 * eight of these per VM, so each is a function of its own.
 */

/** Event types folded here. */
export type VmEventType =
  | 'disk.added' | 'disk.leased' | 'disk.released' | 'disk.deleted'
  | 'vm.created' | 'vm.reconfigured' | 'vm.macAssigned' | 'dip.allocated' | 'dip.released' | 'vm.stateChanged' | 'vm.deleted'
  | 'endpoint.added' | 'endpoint.removed' | 'endpoint.aclChanged';

// The world never shares an ACL's rules with the event that set them: the log keeps its events as they were recorded.
function copyAcl(acl: readonly AclRule[]): AclRule[] {
  return acl.length === 0 ? EMPTY_ACL : acl.map((rule) => ({ ...rule }));
}

/** The fold of each VM event type. */
export const VM_FOLDS: EventFolds<VmEventType> = {
  'disk.added': (world, event) => {
    world.disks.set(event.disk, { name: event.disk, os: event.os, sourceImage: event.sourceImage ?? null, lease: null });
  },
  'disk.leased': (world, event) => {
    diskRecord(world, event.disk).lease = { service: event.service, vm: event.vm, deployment: event.deployment };
  },
  'disk.released': (world, event) => {
    diskRecord(world, event.disk).lease = null;
  },
  'disk.deleted': (world, event) => {
    world.disks.delete(event.disk);
  },
  'vm.created': (world, event, timeMs) => {
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
    storeVm(world.vms, created);
    const service = serviceRecord(world, event.service);
    productionOf(service).vms.push(event.vm);
    noteSizeDeployed(world, service, event.size, 1);
    if (event.vnet !== undefined) vnetRecord(world, event.vnet).instanceCount++;
  },
  'vm.reconfigured': (world, event) => {
    const target = vmRecord(world, event.service, event.vm);
    const service = world.services[event.service];
    noteSizeDeployed(world, service, target.size, -1);
    noteSizeDeployed(world, service, event.size, 1);
    target.size = event.size;
    if (event.subnet !== undefined) target.subnet = event.subnet;
  },
  'vm.macAssigned': (world, event) => {
    vmRecord(world, event.service, event.vm).mac = event.mac;
  },
  'dip.allocated': (world, event) => {
    const target = vmRecord(world, event.service, event.vm);
    target.dip = event.ip;
    target.isStatic = event.static;
    recordDip(dipPool(world, event.service, 'production', event.vnet, event.subnet), event.ip, target);
  },
  'dip.released': (world, event) => {
    const target = vmRecord(world, event.service, event.vm);
    target.dip = null;
    target.isStatic = false;
    forgetDip(dipPool(world, event.service, 'production', event.vnet, event.subnet), event.ip);
  },
  'vm.stateChanged': (world, event, timeMs) => {
    const target = vmRecord(world, event.service, event.vm);
    target.state = event.to;
    target.stateSinceMs = timeMs;
  },
  'vm.deleted': (world, event) => {
    const gone = removeVm(world.vms, event.service, event.vm);
    if (gone?.vnet != null) vnetRecord(world, gone.vnet).instanceCount--;
    const service = serviceRecord(world, event.service);
    const d = service.deployments.production;
    if (d !== null && gone !== undefined) for (const name in gone.endpoints) noteEndpointRemoved(d, gone.endpoints[name]!);
    if (d !== null && gone !== undefined && d.vms.includes(event.vm)) noteSizeDeployed(world, service, gone.size, -1);
    if (d !== null) d.vms = d.vms.filter((name) => name !== event.vm);
  },
  'endpoint.added': (world, event) => {
    const endpoints = vmRecord(world, event.service, event.vm).endpoints;
    const added: Endpoint = {
      name: event.endpoint,
      protocol: event.protocol,
      publicPort: event.publicPort,
      privatePort: event.privatePort,
      loadBalancedSet: event.loadBalancedSet ?? null,
      acl: copyAcl(event.acl),
    };
    const d = world.services[event.service]?.deployments.production;
    const replaced = endpoints[event.endpoint];
    if (d != null && replaced !== undefined) noteEndpointRemoved(d, replaced);
    endpoints[event.endpoint] = added;
    if (d != null) noteEndpointAdded(d, added);
  },
  'endpoint.removed': (world, event) => {
    const endpoints = vmRecord(world, event.service, event.vm).endpoints;
    const removed = endpoints[event.endpoint];
    const d = world.services[event.service]?.deployments.production;
    if (d != null && removed !== undefined) noteEndpointRemoved(d, removed);
    delete endpoints[event.endpoint];
  },
  'endpoint.aclChanged': (world, event) => {
    const endpoint = vmRecord(world, event.service, event.vm).endpoints[event.endpoint];
    if (endpoint === undefined) throw new Error(`fold: unknown endpoint ${event.service}/${event.vm}/${event.endpoint}`);
    endpoint.acl = copyAcl(event.acl);
  },
};
