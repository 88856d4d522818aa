import type { RemoveStaticIp, SetStaticIp } from './commands.js';
import { accept, reject, type Decision } from './context.js';
import { checkStaticDip, findDipHolder } from './dips.js';
import { lookUpVm } from './endpoints.js';
import { makeEvent, type ComputeEventBody } from './events.js';
import { netOf } from './lifecycle.js';
import { vmKey, type ComputeWorld } from './model.js';
import { refuse } from './refusal.js';
import { describeStaticDipProblem } from './vm-create.js';

/**
 * Set-/Remove-AzureStaticVNetIP: a static DIP lives only inside a VNet, must sit in the VM's subnet outside the 5
 * reserved addresses, and survives deallocation (FAQ-2015).
 */
export function decideSetStaticIp(world: ComputeWorld, c: SetStaticIp): Decision {
  const vm = lookUpVm(world, c.service, c.name);
  if ('code' in vm) return reject(vm);
  const objects = [`vm:${c.service}/${c.name}`];
  if (vm.vnet === null || vm.subnet === null) {
    return reject(refuse('static-ip-needs-vnet', `VM '${c.name}' in cloud service '${c.service}' is not in a virtual network; static IPs exist only inside a VNet (Set-AzureStaticVNetIP).`, objects));
  }
  const subnet = world.vnets[vm.vnet]?.subnets[vm.subnet];
  if (subnet === undefined) return reject(refuse('unknown-subnet', `Subnet '${vm.subnet}' of VM '${c.name}' no longer exists.`, objects));
  const problem = checkStaticDip(subnet.prefix, subnet.allocations, c.ip, vmKey(c.service, c.name));
  if (problem !== undefined) {
    return reject(describeStaticDipProblem(problem, c.ip, vm.vnet, vm.subnet, subnet.prefix, findDipHolder(subnet.allocations, c.ip), [...objects, `subnet:${vm.vnet}/${vm.subnet}`]));
  }
  const events: ComputeEventBody[] = [];
  if (vm.dip !== null) events.push(makeEvent('dip.released', { service: c.service, vm: c.name, ip: vm.dip, static: vm.isStatic, ...netOf(vm) }));
  events.push(makeEvent('dip.allocated', { service: c.service, vm: c.name, ip: c.ip, static: true, ...netOf(vm) }));
  return accept(events);
}

/** Returns a VM to dynamic addressing; a deallocated VM gives the address back at once. */
export function decideRemoveStaticIp(world: ComputeWorld, c: RemoveStaticIp): Decision {
  const vm = lookUpVm(world, c.service, c.name);
  if ('code' in vm) return reject(vm);
  if (!vm.isStatic || vm.dip === null) {
    return reject(refuse('dip-not-static', `VM '${c.name}' in cloud service '${c.service}' has no static IP to remove.`, [`vm:${c.service}/${c.name}`]));
  }
  const events: ComputeEventBody[] = [makeEvent('dip.released', { service: c.service, vm: c.name, ip: vm.dip, static: true, ...netOf(vm) })];
  if (vm.state !== 'StoppedDeallocated') events.push(makeEvent('dip.allocated', { service: c.service, vm: c.name, ip: vm.dip, static: false, ...netOf(vm) }));
  return accept(events);
}
