import type { DeleteVm, RestartVm, StartVm, StopVm } from './commands.js';
import { accept, reject, type DecideContext, type Decision, type FollowUp, type FollowUpAction } from './context.js';
import { findFreeDip } from './dips.js';
import { makeEvent, type ComputeEventBody } from './events.js';
import { findVm, listServiceVms, type ComputeWorld, type DipPool, type InstanceStatus, type Vm } from './model.js';
import { lookUpVm } from './endpoints.js';
import { refuse } from './refusal.js';
import { isReservedVip } from './reserved-ips.js';
import { lookUpLinkedVm } from './vm-table.js';

/**
 * A VM's power lifecycle with the platform's status names (compute-lifecycle.md §2.3): stop keeps the allocation
 * (StoppedVM, DIP kept); stop-deallocate releases a dynamic DIP and, once every VM of the service is deallocated or
 * deleted, the VIP (FAQ-2015); start after deallocation takes a DIP and a MAC anew.
 */

const STARTABLE: ReadonlySet<InstanceStatus> = new Set(['StoppedVM', 'StoppedDeallocated', 'FailedStartingVM']);

function transition(vm: Vm, to: InstanceStatus): ComputeEventBody {
  // A literal, not makeEvent's copy: every VM's boot ends here.
  return { type: 'vm.stateChanged', service: vm.service, vm: vm.name, from: vm.state, to };
}

function later(world: ComputeWorld, vm: Vm, from: InstanceStatus, to: InstanceStatus, delayMs: number, ctx: DecideContext): FollowUp {
  return {
    delayMs,
    action: { type: 'completeVmTransition', service: vm.service, vm: vm.name, from, sinceMs: ctx.nowMs, to, linkedVm: vm, linkedIn: world.vms, linkedAtRemovals: world.vms.removals },
  };
}

function notRunning(vm: Vm, verb: string): Decision {
  return reject(refuse('vm-not-running', `Cannot ${verb} VM '${vm.name}' in cloud service '${vm.service}': it is ${vm.state}, not ReadyRole; wait for it to be running (or start it) first.`, [`vm:${vm.service}/${vm.name}`]));
}

/** Decides Start-AzureVM: from StoppedVM, StoppedDeallocated or FailedStartingVM. */
export function decideStartVm(world: ComputeWorld, c: StartVm, ctx: DecideContext): Decision {
  const vm = lookUpVm(world, c.service, c.name);
  if ('code' in vm) return reject(vm);
  if (vm.state === 'ProvisioningFailed' || vm.state === 'ProvisioningTimeout') {
    // Terminal failure states of New-AzureVM -WaitForBoot (compute-lifecycle.md §2.3): starting cannot repair them.
    return reject(refuse('vm-not-stopped', `VM '${vm.name}' in cloud service '${vm.service}' is ${vm.state}: its provisioning never completed, so there is nothing to start; delete it (Remove-AzureVM) and create it again.`, [`vm:${vm.service}/${vm.name}`]));
  }
  if (!STARTABLE.has(vm.state)) {
    return reject(refuse('vm-not-stopped', `VM '${vm.name}' in cloud service '${vm.service}' is ${vm.state}; only a stopped VM (StoppedVM, StoppedDeallocated, FailedStartingVM) can be started.`, [`vm:${vm.service}/${vm.name}`]));
  }
  const events: ComputeEventBody[] = [];
  const service = world.services[vm.service];
  if (service !== undefined && service.vips.production === null) {
    events.push(makeEvent('vip.assigned', { service: vm.service, slot: 'production', ip: ctx.pickPublicIp() }));
  }
  if (vm.state === 'StoppedDeallocated') {
    if (vm.dip === null) {
      const pool = findDipPool(world, vm);
      const ip = pool === undefined ? undefined : findFreeDip(pool.prefix, pool.allocations);
      if (ip === undefined) {
        return reject(refuse('subnet-full', `VM '${vm.name}' cannot start: its subnet '${vm.subnet ?? '(fabric range)'}' has no free address left while it was deallocated; free an address or move the VM.`, [`vm:${vm.service}/${vm.name}`]));
      }
      events.push(makeEvent('dip.allocated', { service: vm.service, vm: vm.name, ip, static: false, ...netOf(vm) }));
    }
    events.push(makeEvent('vm.macAssigned', { service: vm.service, vm: vm.name, mac: ctx.pickMac() }));
  }
  events.push(transition(vm, 'StartingVM'));
  return accept(events, [later(world, vm, 'StartingVM', c.outcome ?? 'ReadyRole', ctx.drawDurationMs(ctx.profile.startMs), ctx)]);
}

/** Decides Stop-AzureVM: deallocates by default, keeps the allocation with `stayProvisioned`. */
export function decideStopVm(world: ComputeWorld, c: StopVm, ctx: DecideContext): Decision {
  const vm = lookUpVm(world, c.service, c.name);
  if ('code' in vm) return reject(vm);
  if (c.stayProvisioned === true) {
    if (vm.state !== 'ReadyRole') return notRunning(vm, 'stop');
    return accept([transition(vm, 'StoppingVM')], [later(world, vm, 'StoppingVM', 'StoppedVM', ctx.drawDurationMs(ctx.profile.stopMs), ctx)]);
  }
  if (vm.state !== 'ReadyRole' && vm.state !== 'StoppedVM') return notRunning(vm, 'stop and deallocate');
  return accept([transition(vm, 'StoppingAndDeallocating')], [later(world, vm, 'StoppingAndDeallocating', 'StoppedDeallocated', ctx.drawDurationMs(ctx.profile.deallocateMs), ctx)]);
}

/** Decides Restart-AzureVM. */
export function decideRestartVm(world: ComputeWorld, c: RestartVm, ctx: DecideContext): Decision {
  const vm = lookUpVm(world, c.service, c.name);
  if ('code' in vm) return reject(vm);
  if (vm.state !== 'ReadyRole') return notRunning(vm, 'restart');
  return accept([transition(vm, 'RestartingRole')], [later(world, vm, 'RestartingRole', 'ReadyRole', ctx.profile.restartMs, ctx)]);
}

/** Decides Remove-AzureVM: the disk survives unless `deleteVhd`; the last VM takes the deployment with it. */
export function decideDeleteVm(world: ComputeWorld, c: DeleteVm, ctx: DecideContext): Decision {
  const vm = lookUpVm(world, c.service, c.name);
  if ('code' in vm) return reject(vm);
  const { events, followUps } = planVmRemoval(vm, c.deleteVhd === true, ctx);
  const remaining = listServiceVms(world, vm.service).filter((other) => other.name !== vm.name);
  const service = world.services[vm.service];
  const vip = service?.vips.production ?? null;
  if (remaining.length === 0) {
    if (vip !== null) events.push(makeEvent('vip.released', { service: vm.service, slot: 'production', ip: vip }));
    events.push(makeEvent('deployment.deleted', { service: vm.service, slot: 'production', name: vm.deployment }));
    if (service?.deployments.staging === null) events.push(makeEvent('service.kindSet', { service: vm.service, kind: null }));
  } else if (vip !== null && !isReservedVip(world, vip) && remaining.every((other) => other.state === 'StoppedDeallocated')) {
    events.push(makeEvent('vip.released', { service: vm.service, slot: 'production', ip: vip }));
  }
  return accept(events, followUps);
}

/** Events removing one VM (endpoints, DIP, the VM) and the delayed release of its disk lease. */
export function planVmRemoval(vm: Vm, deleteVhd: boolean, ctx: DecideContext): { events: ComputeEventBody[]; followUps: FollowUp[] } {
  const events: ComputeEventBody[] = [];
  for (const e of Object.values(vm.endpoints)) {
    events.push(makeEvent('endpoint.removed', { service: vm.service, vm: vm.name, endpoint: e.name, protocol: e.protocol, publicPort: e.publicPort }));
  }
  if (vm.dip !== null) events.push(makeEvent('dip.released', { service: vm.service, vm: vm.name, ip: vm.dip, static: vm.isStatic, ...netOf(vm) }));
  events.push(makeEvent('vm.deleted', { service: vm.service, vm: vm.name }));
  const release: FollowUpAction = { type: 'releaseDiskLease', disk: vm.osDisk, service: vm.service, vm: vm.name, deleteDisk: deleteVhd };
  return { events, followUps: [{ delayMs: ctx.profile.diskLeaseReleaseMs, action: release }] };
}

/** Decides a VM transition that was due on the clock; does nothing if the VM moved on meanwhile. */
export function decideVmTransition(world: ComputeWorld, a: Extract<FollowUpAction, { type: 'completeVmTransition' }>): ComputeEventBody[] {
  const vm = lookUpLinkedVm(world.vms, a);
  if (vm === undefined || vm.state !== a.from || vm.stateSinceMs !== a.sinceMs) return [];
  const events = [transition(vm, a.to)];
  if (a.to !== 'StoppedDeallocated') return events;
  if (vm.dip !== null && !vm.isStatic) events.push(makeEvent('dip.released', { service: vm.service, vm: vm.name, ip: vm.dip, static: false, ...netOf(vm) }));
  const vip = world.services[vm.service]?.vips.production ?? null;
  const others = listServiceVms(world, vm.service).filter((other) => other.name !== vm.name);
  // A reserved IP stays the service's VIP while its VMs are deallocated: keeping the address is what it is for.
  if (vip !== null && !isReservedVip(world, vip) && others.every((other) => other.state === 'StoppedDeallocated')) {
    events.push(makeEvent('vip.released', { service: vm.service, slot: 'production', ip: vip }));
  }
  return events;
}

/** Releases a deleted VM's disk lease (and deletes the disk with -DeleteVHD) once the platform lets go. */
export function decideDiskLeaseRelease(world: ComputeWorld, a: Extract<FollowUpAction, { type: 'releaseDiskLease' }>): ComputeEventBody[] {
  const disk = world.disks.get(a.disk);
  if (disk?.lease?.service !== a.service || disk.lease.vm !== a.vm || findVm(world, a.service, a.vm) !== undefined) return [];
  const events: ComputeEventBody[] = [makeEvent('disk.released', { disk: a.disk, service: a.service, vm: a.vm })];
  if (a.deleteDisk) events.push(makeEvent('disk.deleted', { disk: a.disk }));
  return events;
}

/** The `vnet`/`subnet` fields of DIP events for a VM (absent for fabric DIPs). */
export function netOf(vm: Vm): { vnet?: string; subnet?: string } {
  return vm.vnet === null || vm.subnet === null ? {} : { vnet: vm.vnet, subnet: vm.subnet };
}

/** The address pool a VM's DIP comes from: its subnet, or its deployment's fabric range. */
export function findDipPool(world: ComputeWorld, vm: Vm): { prefix: string; allocations: DipPool } | undefined {
  if (vm.vnet !== null && vm.subnet !== null) return world.vnets[vm.vnet]?.subnets[vm.subnet];
  const d = world.services[vm.service]?.deployments.production;
  return d?.fabricPrefix == null ? undefined : { prefix: d.fabricPrefix, allocations: d.fabricAllocations };
}
