import type { UpdateVm } from './commands.js';
import { accept, reject, type DecideContext, type Decision } from './context.js';
import { findFreeDip } from './dips.js';
import { lookUpVm } from './endpoints.js';
import { makeEvent, type ComputeEventBody } from './events.js';
import { decideRestartVm, netOf } from './lifecycle.js';
import type { ComputeWorld, InstanceStatus } from './model.js';
import { refuse } from './refusal.js';
import { GATEWAY_SUBNET_NAME } from './service-rules.js';
import { isComputeIntensiveSize } from './sizes.js';

/**
 * Update-AzureVM / Update Role with a new size (Set-AzureVMSize) or subnet (Set-AzureSubnet). The platform applied
 * either by restarting a running role; a stopped one takes the change at its next start. A subnet move hands the VM a
 * new DIP from its new subnet, in the same VNet (a VM never leaves its VNet: "Can I move my services in and out of
 * VNets? No", FAQ-2015); a static IP is set again afterwards by the caller, inside the new subnet.
 */

// States a role can be changed in: running (restarted to apply it) or stopped (applied at the next start).
const UPDATABLE: ReadonlySet<InstanceStatus> = new Set(['ReadyRole', 'StoppedVM', 'StoppedDeallocated']);

/** Decides a size and/or subnet change of one VM. */
export function decideUpdateVm(world: ComputeWorld, c: UpdateVm, ctx: DecideContext): Decision {
  const vm = lookUpVm(world, c.service, c.name);
  if ('code' in vm) return reject(vm);
  const objects = [`vm:${c.service}/${c.name}`];
  const size = c.size ?? vm.size;
  const subnetName = c.subnet ?? vm.subnet;
  if (size === vm.size && subnetName === vm.subnet) return accept([]);
  if (!UPDATABLE.has(vm.state)) {
    return reject(refuse('vm-not-running', `Cannot update VM '${vm.name}' in cloud service '${vm.service}' while it is ${vm.state}; wait until it is running or stopped.`, objects));
  }
  // "You can't resize an existing Azure VM to the A8, A9, A10, or A11 size" (compute-lifecycle.md §4.2).
  if (size !== vm.size && isComputeIntensiveSize(size)) {
    return reject(refuse('resize-to-compute-intensive', `VM '${vm.name}' cannot be resized to ${size}: an existing VM cannot become A8 or A9 (they run in separate RDMA stamps); create a new VM of that size.`, objects));
  }
  const events: ComputeEventBody[] = [];
  let newDip: string | undefined;
  if (subnetName !== vm.subnet) {
    const vnet = vm.vnet === null ? undefined : world.vnets[vm.vnet];
    if (vnet === undefined || subnetName === null) {
      return reject(refuse('subnet-needs-vnet', `VM '${vm.name}' in cloud service '${vm.service}' is not in a virtual network, so it has no subnet to move from; a VM never joins a VNet after its deployment.`, objects));
    }
    const subnet = vnet.subnets[subnetName];
    if (subnet === undefined) {
      return reject(refuse('unknown-subnet', `Virtual network '${vnet.name}' has no subnet '${subnetName}'; pick one of ${Object.keys(vnet.subnets).filter((s) => s !== GATEWAY_SUBNET_NAME).map((s) => `'${s}'`).join(', ')}.`, objects));
    }
    if (subnetName === GATEWAY_SUBNET_NAME) {
      return reject(refuse('gateway-subnet-reserved', `VM '${vm.name}' cannot move to ${GATEWAY_SUBNET_NAME}: it holds only the VPN gateway; pick another subnet.`, [...objects, `subnet:${vnet.name}/${subnetName}`]));
    }
    // A deallocated VM holds no dynamic DIP; it takes one from its (new) subnet when it starts.
    if (vm.state !== 'StoppedDeallocated') {
      newDip = findFreeDip(subnet.prefix, subnet.allocations);
      if (newDip === undefined) {
        return reject(refuse('subnet-full', `Subnet '${subnetName}' (${subnet.prefix}) of virtual network '${vnet.name}' has no free address for VM '${vm.name}' (5 addresses per subnet are reserved); use a larger or another subnet.`, [...objects, `subnet:${vnet.name}/${subnetName}`]));
      }
    }
    if (vm.dip !== null) events.push(makeEvent('dip.released', { service: vm.service, vm: vm.name, ip: vm.dip, static: vm.isStatic, ...netOf(vm) }));
  }
  events.push(makeEvent('vm.reconfigured', { service: vm.service, vm: vm.name, size, ...(subnetName === null ? {} : { subnet: subnetName }) }));
  if (newDip !== undefined && vm.vnet !== null && subnetName !== null) {
    events.push(makeEvent('dip.allocated', { service: vm.service, vm: vm.name, ip: newDip, static: false, vnet: vm.vnet, subnet: subnetName }));
  }
  if (vm.state !== 'ReadyRole') return accept(events);
  // A running role restarts to apply the change, exactly as Restart-AzureVM does.
  const restart = decideRestartVm(world, { type: 'restartVm', service: vm.service, name: vm.name }, ctx);
  return restart.ok ? accept([...events, ...restart.events], restart.followUps) : restart;
}
