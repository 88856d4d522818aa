import { findVm } from '../vm/index.js';
import type { SimEvent } from './events.js';
import type { World } from './world.js';

// Events that bring their object into the world, so it must not exist before them.
const CREATES_SERVICE: ReadonlySet<string> = new Set(['service.created']);
const CREATES_VM: ReadonlySet<string> = new Set(['vm.created']);
// A disk's lease outlives its VM (released after the delete), and a VM's disk is leased as it is created.
const VM_MAY_BE_ABSENT: ReadonlySet<string> = new Set(['vm.created', 'disk.leased', 'disk.released']);

/**
 * What an event names that the world so far does not hold (or already holds, for a creation), in words, or
 * `undefined` when every reference resolves. The fold trusts its events; a log read from disk is checked here first,
 * so a damaged log is refused at its line instead of corrupting the world or failing later.
 */
export function findBrokenReference(world: World, event: SimEvent): string | undefined {
  if ('service' in event && !VM_MAY_BE_ABSENT.has(event.type) && 'vm' in event && findVm(world, event.service, event.vm) === undefined) {
    return `vm ${event.service}/${event.vm} does not exist`;
  }
  if ('service' in event) {
    const exists = world.services[event.service] !== undefined;
    if (CREATES_SERVICE.has(event.type) && exists) return `service ${event.service} already exists`;
    if (!CREATES_SERVICE.has(event.type) && !exists && !event.type.startsWith('disk.')) return `service ${event.service} does not exist`;
  }
  if (CREATES_VM.has(event.type) && 'vm' in event && findVm(world, event.service, event.vm) !== undefined) {
    return `vm ${event.service}/${event.vm} already exists`;
  }
  if ('disk' in event && event.type !== 'disk.added' && world.disks.get(event.disk) === undefined) return `disk ${event.disk} does not exist`;
  if ('vnet' in event && event.vnet !== undefined && event.type !== 'vnet.defined') {
    const vnet = world.vnets[event.vnet];
    if (vnet === undefined) return `vnet ${event.vnet} does not exist`;
    if ('subnet' in event && event.subnet !== undefined && vnet.subnets[event.subnet] === undefined) {
      return `subnet ${event.vnet}/${event.subnet} does not exist`;
    }
  }
  // A plan's VNets name their affinity group before the timeline creates it, so only these two events need it settled.
  if (event.type === 'affinityGroup.created' && world.affinityGroups[event.affinityGroup] !== undefined) {
    return `affinity group ${event.affinityGroup} already exists`;
  }
  if (event.type === 'affinityGroup.deleted' && world.affinityGroups[event.affinityGroup] === undefined) {
    return `affinity group ${event.affinityGroup} does not exist`;
  }
  if ((event.type === 'localSite.removed' || event.type === 'connection.deviceChanged') && world.localSites[event.site] === undefined) {
    return `local network site ${event.site} does not exist`;
  }
  return undefined;
}
